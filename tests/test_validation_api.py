"""``opsfacts.validation.validate`` returns exactly the report ``opsfacts validate`` prints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from opsfacts.checks import CheckConfig, ConfigError
from opsfacts.cli import main
from opsfacts.diagnostics import Severity
from opsfacts.validation import render, validate

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
