"""``opsfacts.validation.validate`` returns exactly the report ``opsfacts validate`` prints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import opsfacts
from opsfacts.checks import CheckConfig, ConfigError
from opsfacts.cli import main
from opsfacts.diagnostics import Finding, Severity
from opsfacts.validation import render, validate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    shutil.copy(REPO / "examples" / "mali-2017-06.as-published.json", "docs/published.json")
    shutil.copy(REPO / "examples" / "mali-2017-06.corrected.json", "docs/corrected.json")
    shutil.copy(REPO / "tests" / "data" / "v1" / "mali-2017-06.corrected.json", "docs/old.json")
    Path("docs/broken.yaml").write_text("title: [1\n", encoding="utf-8")
    # No pyproject.toml above: the command's configuration is the default one too.
    return tmp_path


@pytest.mark.parametrize(
    ("argv", "kwargs"),
    [
        ([], {}),
        (["--no-checks"], {"checks": False}),
        (["--jsonschema"], {"use_jsonschema": True}),
        (
            ["--select", "OPS1", "--fail-on", "warning"],
            {"config": CheckConfig(select=("OPS1",), fail_on=Severity.WARNING)},
        ),
    ],
)
def test_the_library_report_is_the_command_report(
    tree: Path, capsys: pytest.CaptureFixture[str], argv: list[str], kwargs: dict[str, object]
) -> None:
    code = main(["validate", "--format", "json", *argv, "docs", "missing.json"])
    printed = capsys.readouterr().out
    report = validate(["docs", "missing.json"], **kwargs)  # type: ignore[arg-type]
    assert render(report, "json") == printed
    assert report.exit_code == code == 2
    files = {f["file"]: f["status"] for f in json.loads(printed)["files"]}
    assert files["missing.json"] == "unreadable"
    assert files["docs/old.json"] == "valid"  # 1.0: a notice, not a failure


def test_an_unknown_selector_is_refused_by_the_library_too(tree: Path) -> None:
    with pytest.raises(ConfigError, match="no rule code starts with 'OPS999'"):
        validate(["docs"], config=CheckConfig(select=("OPS999",)))


def test_a_pattern_that_matches_nothing_is_unreadable(tree: Path) -> None:
    report = validate(["docs/*.csv"])
    (only,) = report.files
    assert (only.file, only.unreadable, only.entries[0].message) == (
        "docs/*.csv",
        True,
        "no files match this pattern",
    )


def test_one_diagnostic_type_from_loading_to_checks_to_reports(tmp_path: Path) -> None:
    with pytest.raises(opsfacts.InvalidDocument) as info:
        opsfacts.loads('{"title": 3}')
    problems = info.value.problems
    assert {type(p) for p in problems} == {Finding}
    assert ("$.title", "OPS002", "error") in {(p.path, p.code, p.severity) for p in problems}

    published = opsfacts.load(EXAMPLES / "mali-2017-06.as-published.json")
    findings = opsfacts.check(published)
    assert findings
    assert {type(f) for f in findings} == {Finding}

    bad = tmp_path / "bad.json"
    bad.write_text('{"title": 3}', encoding="utf-8")
    report = validate([bad, EXAMPLES / "mali-2017-06.as-published.json"])
    entries = [e for f in report.files for e in f.entries]
    assert {type(e) for e in entries} == {Finding}
    # The same record, whichever stage made it: a report entry is the loader's problem, located.
    first = report.files[0].entries[0]
    assert (first.code, first.path, first.line) == ("OPS003", "$.publisher", 1)
