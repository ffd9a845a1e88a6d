"""Commands import only what they use: ``--version`` none of the library, ``validate`` no tables,
pycountry or process pool for a few files, and no cattrs for valid documents. (Start-up time
itself is the benchmark's to show.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

_REPORT = "import sys; print(','.join(sorted(sys.modules)))"


def _modules_after(*args: str) -> set[str]:
    script = (
        "import sys\n"
        f"sys.argv = ['opsfacts', *{list(args)!r}]\n"
        "from opsfacts.cli import main\n"
        "code = main()\n"
        f"{_REPORT}\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(done.stdout.strip().splitlines()[-1].split(","))


def test_version_imports_none_of_the_library() -> None:
    modules = _modules_after("--version")
    assert "attr" not in modules
    assert not {
        m for m in modules if m.startswith("opsfacts.") and m not in ("opsfacts.cli", "opsfacts._version")
    }


def test_validate_imports_no_tables_pycountry_or_pool(tmp_path: Path) -> None:
    document = tmp_path / "sheet.json"
    document.write_text(
        (EXAMPLES / "mali-2017-06.corrected.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    modules = _modules_after("validate", str(document))
    assert "opsfacts.checks" in modules  # it did validate
    assert {
        "opsfacts.tables",
        "pycountry",
        "multiprocessing",
        "concurrent.futures.process",
    } & modules == set()


def test_valid_documents_need_no_cattrs_and_invalid_ones_get_it(tmp_path: Path) -> None:
    valid = tmp_path / "sheet.json"
    valid.write_text((EXAMPLES / "mali-2017-06.corrected.json").read_text(encoding="utf-8"), encoding="utf-8")
    modules = _modules_after("validate", str(valid))
    assert "opsfacts.model._classes" in modules  # it did load the document
    assert not {m for m in modules if m == "cattrs" or m.startswith("cattrs.")}
    invalid = tmp_path / "broken.json"
    invalid.write_text('{"title": "Mali"}', encoding="utf-8")
    assert "cattrs" in _modules_after("validate", str(invalid))  # the converter explains it


def test_public_names_are_there_on_first_use() -> None:
    script = (
        "import opsfacts, sys\n"
        "assert 'opsfacts.model' not in sys.modules\n"
        "names = {n: getattr(opsfacts, n) for n in opsfacts.__all__}\n"
        "missing = sorted(set(opsfacts.__all__) - set(dir(opsfacts)))\n"
        "print(missing, names['loads'].__module__, opsfacts.model.__name__)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "opsfacts.documents._loading", "opsfacts.model"]


def test_country_and_currency_codes_are_pycountrys() -> None:
    import pycountry

    from opsfacts.model._constraints import country_codes, currency_codes

    assert country_codes() == frozenset(c.alpha_3 for c in pycountry.countries)
    assert currency_codes() == frozenset(c.alpha_3 for c in pycountry.currencies)
    assert "MLI" in country_codes()
