"""Command-line mistakes that used to do something other than asked: each is now a usage error.

- ``validate --select BOGUS`` turned every check off and passed;
- ``schema --check`` on the report schema suggested overwriting it with the factsheet schema;
- ``convert`` of several inputs to ``-o one.yaml`` made a directory named ``one.yaml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import opsfacts
from opsfacts.cli import main

REPO = Path(__file__).resolve().parents[1]
AS_PUBLISHED = REPO / "examples" / "mali-2017-06.as-published.json"
CORRECTED = REPO / "examples" / "mali-2017-06.corrected.json"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("selector", [("--select", "BOGUS"), ("--select", "OPS999"), ("--ignore", "OPX1")])
def test_an_unknown_rule_selector_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], selector: tuple[str, str]
) -> None:
    code, out, err = _run(capsys, "validate", *selector, str(AS_PUBLISHED))
    assert code == 2
    assert out == ""
    assert f"no rule code starts with '{selector[1]}'" in err
    assert "the rule codes start with OPS0, OPS1, OPS2, OPS3, OPS4, OPS5, OPS6, OPS7, OPS8, OPS9" in err


def test_a_known_prefix_still_selects(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "validate", "--select", "OPS1", "--ignore", "OPS009", str(AS_PUBLISHED))
    assert code == 1
    assert [line.split()[1] for line in out.splitlines()[:-1]] == ["OPS108", "OPS108", "OPS102", "OPS108"]


def test_schema_check_knows_the_report_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "schema", "--check", str(REPO / "schemas" / "report-1.0.schema.json"))
    assert (code, out.endswith(": up to date\n")) == (0, True)


def test_schema_check_suggests_the_right_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "report.json"
    stale.write_text('{"$id": "urn:opsfacts:schema:report:1.0"}\n', encoding="utf-8")
    code, _, err = _run(capsys, "schema", "--check", str(stale))
    assert code == 1
    assert f"regenerate it with 'opsfacts schema --report -o {stale}'" in err


def test_schema_check_of_an_older_format_says_it_is_frozen(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "schema", "--check", str(REPO / "schemas" / "factsheet-1.0.schema.json"))
    assert code == 0
    assert "the schema of format 1.0, published as released" in out


@pytest.mark.parametrize("output", ["one.yaml", "tables.csv"])
def test_several_outputs_to_a_file_name_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(AS_PUBLISHED, "a.json")
    shutil.copy(CORRECTED, "b.json")
    to = "yaml" if output.endswith(".yaml") else "csv"
    code, out, err = _run(capsys, "convert", "a.json", "b.json", "--to", to, "-o", output)
    assert code == 2
    assert out == ""
    assert f"{output} looks like a file name" in err
    assert not Path(output).exists()


def test_several_outputs_to_an_existing_file_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(AS_PUBLISHED, "a.json")
    shutil.copy(CORRECTED, "b.json")
    Path("out").write_text("kept\n", encoding="utf-8")
    code, _, err = _run(capsys, "convert", "a.json", "b.json", "--to", "json", "-o", "out")
    assert code == 2
    assert "out is a file; several inputs need -o DIR, a directory" in err
    assert Path("out").read_text(encoding="utf-8") == "kept\n"


def test_several_outputs_to_a_directory_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(AS_PUBLISHED, "a.json")
    shutil.copy(CORRECTED, "b.json")
    code, _, _ = _run(capsys, "convert", "a.json", "b.json", "--to", "yaml", "-o", "out")
    assert code == 0
    assert sorted(p.name for p in Path("out").iterdir()) == ["a.yaml", "b.yaml"]


def test_render_with_checks_shows_the_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, _ = _run(capsys, "render", str(AS_PUBLISHED), "--to", "html", "--checks", "-o", "page.html")
    assert code == 0
    page = Path("page.html").read_text(encoding="utf-8")
    assert 'id="findings"' in page
    assert page.count("OPS108") == 3
    code, _, _ = _run(capsys, "render", str(CORRECTED), "--to", "html", "--checks", "-o", "clean.html")
    assert code == 0
    assert "<h2>Consistency findings</h2>\n    <p>No findings.</p>" in Path("clean.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("raised", "code", "message"),
    [
        (opsfacts.ReadError("x.json", "vanished"), 2, "opsfacts validate: error: x.json: vanished\n"),
        (KeyboardInterrupt(), 130, ""),
        (BrokenPipeError(), 0, ""),
    ],
)
def test_the_net_under_every_command(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    raised: BaseException,
    code: int,
    message: str,
) -> None:
    from opsfacts.cli import _validate as validate_cmd

    def run(args: object) -> int:
        raise raised

    monkeypatch.setattr(validate_cmd, "run", run)
    assert _run(capsys, "validate", str(CORRECTED)) == (code, "", message)


def test_help_and_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "--version")[0] == 0
    assert _run(capsys, "validate", "--no-such-option", str(CORRECTED))[0] == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "doc.json", "--to", "md", "-o", "doc.json"],
        ["render", "doc.json", "--to", "html", "-o", "./doc.json"],
        ["convert", "doc.json", "--to", "yaml", "-o", "doc.json"],
        ["convert", "doc.json", "--to", "csv", "--table", "funding", "-o", "doc.json"],
        ["validate", "doc.json", "--format", "json", "-o", "doc.json"],
    ],
)
def test_no_command_writes_over_its_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(CORRECTED, "doc.json")
    before = Path("doc.json").read_bytes()
    code, _, err = _run(capsys, *argv)
    assert code == 2
    assert "this is an input file; writing the output over it would destroy it" in err
    assert Path("doc.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.json"]  # no temporary file left


def test_outputs_are_written_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(CORRECTED, "doc.json")
    Path("page.md").write_text("old", encoding="utf-8")
    Path("page.md").chmod(0o640)
    assert _run(capsys, "render", "doc.json", "--to", "md", "-o", "page.md")[0] == 0
    assert Path("page.md").read_text(encoding="utf-8").startswith("# Mali Factsheet, June 2017")
    assert Path("page.md").stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    assert _run(capsys, "convert", "doc.json", "--to", "csv", "-o", "tables")[0] == 0
    assert Path("tables/funding.csv").read_bytes().startswith(b"country_code,")
    assert b"\r\n" in Path("tables/funding.csv").read_bytes()  # CSV line ends, untranslated
    assert not list(tmp_path.rglob(".*.tmp"))


def _raising(error: BaseException) -> object:
    def run(args: object) -> int:
        raise error

    return run


def test_an_os_error_under_a_command_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsfacts.cli import _validate as validate_cmd

    monkeypatch.setattr(validate_cmd, "run", _raising(OSError(28, "No space left on device")))
    code, out, err = _run(capsys, "validate", "examples/")
    assert (code, out) == (2, "")
    assert err == "opsfacts validate: error: standard output: No space left on device\n"


def test_a_bug_is_not_hidden_as_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from opsfacts.cli import _validate as validate_cmd

    monkeypatch.setattr(validate_cmd, "run", _raising(RuntimeError("a bug")))
    with pytest.raises(RuntimeError, match="a bug"):
        main(["validate", "examples/"])


def test_the_console_script_exits_with_the_code(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsfacts.cli import _entry

    monkeypatch.setattr("sys.argv", ["opsfacts", "--version"])
    with pytest.raises(SystemExit) as info:
        _entry()
    assert info.value.code == 0
    assert capsys.readouterr().out == f"opsfacts {opsfacts.__version__}\n"


MALI_TEXT = REPO / "tests" / "data" / "reference" / "unhcr-mali-factsheet-2017-06.txt"


def test_extract_without_output_prints_the_draft_and_the_review_apart(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    code, out, err = _run(capsys, "extract", str(MALI_TEXT.relative_to(REPO)))
    assert code == 0
    assert out.startswith("#")  # the draft: provenance comments, then YAML
    assert "\nlanguage: en\n" in out
    assert err.startswith("Found:\n")  # the review goes to standard error


def test_extract_into_a_missing_folder_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "draft.yaml"
    code, out, err = _run(capsys, "extract", str(MALI_TEXT), "-o", str(target))
    assert (code, out) == (2, "")
    assert err.startswith("opsfacts extract: error: ")
    assert err.count("\n") == 1
    assert not target.parent.exists()
