"""``opsfacts rollup``: every format, the exit codes, and no output written over an input."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from opsfacts.cli import main

DATA = Path(__file__).resolve().parent / "data" / "rollup"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["rollup", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_text_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(DATA))
    assert (status, err) == (0, "")
    assert "People: about 3,316,405" in out
    assert "  MLI: 657,496" in out
    assert "  USD 2023: requested USD 154,300,000, funded USD 62,150,000 (40%)  [MLI, MRT]" in out
    assert "Partners: 10 distinct" in out
    assert "mali-menaka-2023-11.yaml: the whole sheet: covered by operation MLI" in out


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, str(DATA), "--format", "json", "--editions", "all")
    data = json.loads(out)
    assert status == 0
    assert data["people"] == 3316405
    assert data["editions"] == "all"
    mali = next(o for o in data["operations"] if o["key"] == "MLI")
    assert [e["people"] for e in mali["editions"]] == [412000, 471500, 481693]


@pytest.mark.parametrize(("fmt", "hashtags"), [("csv", False), ("hxl", True)])
def test_one_table_to_standard_output(capsys: pytest.CaptureFixture[str], fmt: str, hashtags: bool) -> None:
    status, out, _ = run(capsys, str(DATA), "--format", fmt, "--table", "totals-by-origin")
    rows = list(csv.reader(io.StringIO(out)))
    assert status == 0
    assert rows[0][5:] == ["origin", "people", "approximate"]
    assert (rows[1][0] == "#country+code") is hashtags
    body = rows[2:] if hashtags else rows[1:]
    assert [(r[5], r[6]) for r in body] == [
        ("BFA", "2112368"),
        ("MLI", "657496"),
        ("NER", "336379"),
        ("NGA", "198440"),
        ("mixed", "11722"),
    ]


def test_every_table_to_a_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, _ = run(capsys, str(DATA), "--format", "hxl", "-o", str(tmp_path / "out"))
    assert status == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(
        f"{n}.csv"
        for n in ("operations", "populations", "totals-by-type", "totals-by-origin", "funding", "exclusions")
    )
    exclusions = list(csv.DictReader(io.StringIO((tmp_path / "out" / "exclusions.csv").read_text("utf-8"))))
    assert len(exclusions) == 1 + 19  # the hashtag row, then 19 exclusions


def test_all_tables_need_a_directory(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(DATA), "--format", "csv")
    assert (status, out) == (2, "")
    assert err.startswith("opsfacts rollup: error: choose a table with --table")


def test_html_dashboard_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "dashboard.html"
    status, out, _ = run(capsys, str(DATA), "--format", "html", "-o", str(target), "--editions", "all")
    page = target.read_text(encoding="utf-8")
    assert (status, out) == (0, "")
    assert '<span class="figure" id="total-people">about 3,316,405</span>' in page
    assert page.count('class="chart history-chart"') == 6  # one per operation


def test_unreadable_and_invalid_inputs_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    for args, message in (
        ([str(tmp_path / "missing.json")], "missing.json: no such file"),
        ([str(bad)], "bad.yaml: not a valid factsheet: line"),
        ([str(tmp_path / "*.json")], "no files match this pattern"),
    ):
        status, out, err = run(capsys, *args)
        assert (status, out) == (2, ""), args
        assert err.count("\n") == 1, err
        assert message in err
        assert "Traceback" not in err


def test_skip_invalid_lists_the_file_as_an_exclusion(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    status, out, _ = run(capsys, str(DATA), str(bad), "--skip-invalid", "--format", "json")
    data = json.loads(out)
    assert status == 0
    assert data["people"] == 3316405
    assert [e["file"] for e in data["exclusions"] if e["rule"] == "invalid"] == [str(bad)]


def test_never_writes_over_an_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    copy = tmp_path / "mali.json"
    shutil.copy(DATA / "mali-2023-06.json", copy)
    before = copy.read_bytes()
    status, _, err = run(capsys, str(copy), "--format", "json", "-o", str(copy))
    assert status == 2
    assert "this is an input file" in err
    assert copy.read_bytes() == before


def test_table_needs_csv_or_hxl(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, str(DATA), "--table", "funding")
    assert status == 2
    assert "--table is for --format csv or hxl" in err


def _shown(command: str) -> str:
    """The output docs/rollup.rst shows under ``$ COMMAND``, unindented."""
    lines = (DATA.parents[2] / "docs" / "rollup.rst").read_text(encoding="utf-8").splitlines()
    start = lines.index(f"   $ {command}") + 1
    shown: list[str] = []
    for line in lines[start:]:
        if line and not line.startswith("   "):
            break
        shown.append(line[3:])
    return "\n".join(shown).strip("\n") + "\n"


@pytest.mark.parametrize(
    "command",
    ["opsfacts rollup tests/data/rollup", "opsfacts rollup tests/data/rollup --format csv --table funding"],
)
def test_the_docs_show_the_real_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(DATA.parents[2])
    status, out, _ = run(capsys, *command.split()[2:])
    assert status == 0
    assert out.replace("\r\n", "\n") == _shown(command)
