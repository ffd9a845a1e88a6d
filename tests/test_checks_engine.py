"""Tests of the check engine: selection, severities, acceptance, crashing rules, plug-ins, registry."""

from __future__ import annotations

import importlib.metadata
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import opsfacts
from opsfacts import Acceptance, Factsheet
from opsfacts.checks import (
    ENTRY_POINT_GROUP,
    INTERNAL_CODE,
    CheckConfig,
    ConfigError,
    Issue,
    check,
    fails,
    load_plugins,
    rule,
    rules,
    unregister,
)
from opsfacts.diagnostics import Finding, Severity

REPO = Path(__file__).resolve().parents[1]
AS_PUBLISHED = REPO / "examples" / "mali-2017-06.as-published.json"
CORRECTED = REPO / "examples" / "mali-2017-06.corrected.json"

PUBLISHED_FINDINGS = {
    ("OPS102", "$.funding.unfunded"),
    ("OPS108", "$.funding.requested"),
    ("OPS108", "$.funding.funded"),
    ("OPS108", "$.funding.unfunded"),
    ("OPS602", "$.footnotes[1]"),
    ("OPS701", "$.footnotes[1].text"),
}


@pytest.fixture(scope="module")
def published() -> Factsheet:
    return opsfacts.load(AS_PUBLISHED)


@pytest.fixture(scope="module")
def corrected() -> Factsheet:
    return opsfacts.load(CORRECTED)


def pairs(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.code, f.path) for f in findings}


@pytest.fixture
def temporary_rules() -> Iterator[list[str]]:
    """Codes registered by a test; unregistered afterwards."""
    codes: list[str] = []
    yield codes
    for code in codes:
        unregister(code)


# --- severities -------------------------------------------------------------------------------


def test_severity_values_and_ranks() -> None:
    assert [s.value for s in Severity] == ["error", "warning", "info"]
    assert Severity.ERROR.rank > Severity.WARNING.rank > Severity.INFO.rank
    assert Severity("warning") is Severity.WARNING
    assert isinstance(Severity.ERROR, str)


# --- selection ----------------------------------------------------------------------------------


def test_select_by_prefix(published: Factsheet) -> None:
    found = check(published, CheckConfig(select=("OPS1",)))
    assert pairs(found) == {p for p in PUBLISHED_FINDINGS if p[0].startswith("OPS1")}


def test_select_several_codes(published: Factsheet) -> None:
    found = check(published, CheckConfig(select=("OPS102", "OPS6")))
    assert pairs(found) == {("OPS102", "$.funding.unfunded"), ("OPS602", "$.footnotes[1]")}


def test_ignore_by_code(published: Factsheet) -> None:
    found = check(published, CheckConfig(ignore=("OPS108",)))
    assert pairs(found) == {p for p in PUBLISHED_FINDINGS if p[0] != "OPS108"}


def test_most_specific_selector_wins() -> None:
    config = CheckConfig(select=("OPS2",), ignore=("OPS207",))
    assert config.enables("OPS201")
    assert not config.enables("OPS207")
    assert not config.enables("OPS101")
    reverse = CheckConfig(select=("OPS201",), ignore=("OPS2",))
    assert reverse.enables("OPS201")
    assert not reverse.enables("OPS202")
    tie = CheckConfig(select=("OPS2",), ignore=("OPS2",))
    assert not tie.enables("OPS201")


def test_config_refuses_bad_selectors() -> None:
    with pytest.raises(ConfigError, match="'ops1' is not a rule code or prefix"):
        CheckConfig(select=("ops1",))
    with pytest.raises(ConfigError, match="not the string 'OPS1'"):
        CheckConfig(ignore="OPS1")
    with pytest.raises(ConfigError, match="fail-on must be one of error, warning, info, not 'fatal'"):
        CheckConfig(fail_on="fatal")


# --- fail_on ------------------------------------------------------------------------------------


def test_fails_by_severity(published: Factsheet) -> None:
    warnings_only = check(published, CheckConfig(select=("OPS602",)))
    assert [f.severity for f in warnings_only] == [Severity.WARNING]
    assert not fails(warnings_only, CheckConfig())
    assert fails(warnings_only, CheckConfig(fail_on=Severity.WARNING))
    assert fails(warnings_only, CheckConfig(fail_on="info"))
    assert fails(check(published), None)
    assert not fails([], CheckConfig(fail_on="info"))


# --- accepted findings -------------------------------------------------------------------------


def test_accepted_by_prefix_everywhere(published: Factsheet) -> None:
    accepting = attrs.evolve(published, accepted=(Acceptance(code="OPS1", reason="kept as printed"),))
    assert pairs(check(accepting)) == {p for p in PUBLISHED_FINDINGS if not p[0].startswith("OPS1")}


def test_accepted_limited_to_a_path(published: Factsheet) -> None:
    accepting = attrs.evolve(
        published,
        accepted=(Acceptance(code="OPS108", reason="kept as printed", path="$.funding.requested"),),
    )
    assert pairs(check(accepting)) == PUBLISHED_FINDINGS - {("OPS108", "$.funding.requested")}


def test_accepted_path_covers_what_is_under_it(published: Factsheet) -> None:
    accepting = attrs.evolve(
        published,
        accepted=(Acceptance(code="OPS", reason="the funding block is as printed", path="$.funding"),),
    )
    assert pairs(check(accepting)) == {("OPS602", "$.footnotes[1]"), ("OPS701", "$.footnotes[1].text")}
    # "$.footnotes[1]" covers "$.footnotes[1].text" but "$.footnote" covers nothing.
    prefix_only = attrs.evolve(published, accepted=(Acceptance(code="OPS7", reason="x", path="$.footnote"),))
    assert ("OPS701", "$.footnotes[1].text") in pairs(check(prefix_only))


# --- ordering and the shape of findings ---------------------------------------------------------


def test_findings_are_sorted_by_path_then_code(published: Factsheet) -> None:
    found = check(published)
    assert [(f.path, f.code) for f in found] == [
        ("$.footnotes[1]", "OPS602"),
        ("$.footnotes[1].text", "OPS701"),
        ("$.funding.funded", "OPS108"),
        ("$.funding.requested", "OPS108"),
        ("$.funding.unfunded", "OPS102"),
        ("$.funding.unfunded", "OPS108"),
    ]
    assert check(published) == found


def test_finding_parts_path_and_json(published: Factsheet) -> None:
    finding = next(f for f in check(published) if f.code == "OPS102")
    assert finding.parts == ("funding", "unfunded")
    assert finding.path == "$.funding.unfunded"
    assert finding.line is None
    assert finding.column is None
    data = json.loads(json.dumps(finding.as_dict()))
    assert data["values"] == {"stated": "42749662000000", "computed": "39680720000000", "scale": "million"}
    assert str(finding).startswith("$.funding.unfunded: OPS102 [error] the unfunded amount is printed as")
    assert hash(finding) == hash(attrs.evolve(finding))


# --- crashing rules -----------------------------------------------------------------------------


def test_crashing_rule_is_an_internal_finding_and_others_still_run(
    published: Factsheet, temporary_rules: list[str]
) -> None:
    @rule("TST901", Severity.INFO, "Crashes on purpose")
    def crashes(factsheet: Factsheet) -> Iterator[Issue]:
        """Raises.

        Example::

            anything
        """
        yield Issue(("title",), "partial finding that must not be kept")
        raise ZeroDivisionError("boom")

    temporary_rules.append("TST901")
    found = check(published)
    internal = [f for f in found if f.code == INTERNAL_CODE]
    assert len(internal) == 1
    assert internal[0].severity is Severity.ERROR
    assert internal[0].path == "$"
    assert "rule TST901 (Crashes on purpose) crashed with ZeroDivisionError: boom" in internal[0].message
    assert internal[0].values == {"rule": "TST901", "error": "ZeroDivisionError: boom"}
    assert pairs([f for f in found if f.code != INTERNAL_CODE]) == PUBLISHED_FINDINGS
    assert fails(found, CheckConfig(select=("TST",)))
    # Not selected: it does not run, so it cannot crash.
    assert pairs(check(published, CheckConfig(select=("OPS6",)))) == {("OPS602", "$.footnotes[1]")}
    # Internal findings can be ignored explicitly.
    assert INTERNAL_CODE not in {f.code for f in check(published, CheckConfig(ignore=("OPS009",)))}


def test_rule_yielding_something_else_is_an_internal_finding(
    corrected: Factsheet, temporary_rules: list[str]
) -> None:
    @rule("TST902", Severity.WARNING, "Yields a string")
    def wrong(factsheet: Factsheet) -> Iterator[Issue]:
        yield "not an issue"  # type: ignore[misc]

    temporary_rules.append("TST902")
    (finding,) = check(corrected)
    assert finding.code == INTERNAL_CODE
    assert "yielded a str, not an Issue" in finding.message


def test_custom_rule_runs_like_a_built_in_one(corrected: Factsheet, temporary_rules: list[str]) -> None:
    @rule("TST903", "warning", "Title names the month")
    def title_month(factsheet: Factsheet) -> Iterator[Issue]:
        """A title names the month it reports on.

        Example::

            "title": "Mali Factsheet"
        """
        month = factsheet.reference_period.last_day.strftime("%B")
        if month not in factsheet.title:
            yield Issue(("title",), f"the title does not name {month}", {"month": month})

    temporary_rules.append("TST903")
    assert check(corrected) == []
    renamed = attrs.evolve(corrected, title="Mali Factsheet")
    (finding,) = check(renamed)
    assert (finding.code, finding.severity, finding.path, finding.values) == (
        "TST903",
        Severity.WARNING,
        "$.title",
        {"month": "June"},
    )
    assert check(renamed, CheckConfig(ignore=("TST",))) == []
    accepted = attrs.evolve(renamed, accepted=(Acceptance(code="TST903", reason="house style"),))
    assert check(accepted) == []
    registered = next(r for r in rules() if r.code == "TST903")
    assert registered.rationale == "A title names the month it reports on."
    assert registered.example == '"title": "Mali Factsheet"'
    assert registered.family == "test_checks_engine"


def test_rule_codes_are_unique_and_well_formed(temporary_rules: list[str]) -> None:
    with pytest.raises(ValueError, match="rule code OPS101 is already used by"):
        rule("OPS101", Severity.ERROR, "Again")(lambda f: iter(()))
    with pytest.raises(ValueError, match="not capitals followed by digits"):
        rule("ops-1", Severity.ERROR, "Bad")(lambda f: iter(()))


# --- the registry -------------------------------------------------------------------------------


def test_built_in_catalogue() -> None:
    built_in = [r for r in rules() if r.code.startswith("OPS")]
    families = {
        "funding",
        "populations",
        "presence",
        "partners",
        "donors",
        "footnotes",
        "text",
        "contacts",
        "dates",
    }
    assert {r.family for r in built_in} == families
    assert len(built_in) >= 30
    for r in built_in:
        assert r.code[3] in "123456789", r.code  # OPS00x-OPS09x are reserved
        assert r.title, r.code
        assert r.title[0].isupper(), r.code
        assert len(r.rationale) > 40, r.code
        assert r.example, r.code
        assert "Example::" not in r.rationale, r.code
    by_family = {r.code[:4]: r.family for r in built_in}
    assert by_family == {
        "OPS1": "funding",
        "OPS2": "populations",
        "OPS3": "presence",
        "OPS4": "partners",
        "OPS5": "donors",
        "OPS6": "footnotes",
        "OPS7": "text",
        "OPS8": "contacts",
        "OPS9": "dates",
    }


# --- plug-ins -----------------------------------------------------------------------------------


PLUGIN_SOURCE = '''
from opsfacts.checks import Issue, rule
from opsfacts.diagnostics import Severity


@rule("PLG101", Severity.INFO, "Plug-in rule")
def plugin_rule(factsheet):
    """Reports every factsheet.

    Example::

        {}
    """
    yield Issue(("title",), "seen by the plug-in", {"title": factsheet.title})
'''


@pytest.fixture
def fake_plugins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[list[importlib.metadata.EntryPoint]]:
    """Entry points the registry sees instead of the installed ones."""
    (tmp_path / "opsfacts_fake_plugin.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    entries: list[importlib.metadata.EntryPoint] = []
    asked: list[str] = []

    def entry_points(*, group: str) -> list[importlib.metadata.EntryPoint]:
        asked.append(group)
        return list(entries)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    yield entries
    assert asked == [ENTRY_POINT_GROUP]
    unregister("PLG101")
    sys.modules.pop("opsfacts_fake_plugin", None)
    monkeypatch.undo()
    load_plugins(force=True)


def test_plugin_rules_are_loaded_from_entry_points(
    corrected: Factsheet, fake_plugins: list[importlib.metadata.EntryPoint]
) -> None:
    fake_plugins.append(importlib.metadata.EntryPoint("fake", "opsfacts_fake_plugin", ENTRY_POINT_GROUP))
    load_plugins(force=True)
    assert "PLG101" in {r.code for r in rules()}
    (finding,) = check(corrected)
    assert (finding.code, finding.severity, finding.path) == ("PLG101", Severity.INFO, "$.title")
    assert finding.values == {"title": corrected.title}


def test_broken_plugin_is_a_warning_not_a_traceback(
    corrected: Factsheet, fake_plugins: list[importlib.metadata.EntryPoint]
) -> None:
    fake_plugins.append(importlib.metadata.EntryPoint("broken", "no_such_module_xyz", ENTRY_POINT_GROUP))
    fake_plugins.append(
        importlib.metadata.EntryPoint("fake", "opsfacts_fake_plugin:plugin_rule", ENTRY_POINT_GROUP)
    )
    load_plugins(force=True)
    found = check(corrected)
    assert [(f.code, f.severity) for f in found] == [
        (INTERNAL_CODE, Severity.WARNING),
        ("PLG101", Severity.INFO),
    ]
    assert found[0].message.startswith(
        "the rule plug-in 'broken' (no_such_module_xyz) could not be loaded: ModuleNotFoundError"
    )
    assert found[0].values["plugin"] == "broken"
    assert not fails(found)


def test_plugin_naming_something_else_is_reported(
    corrected: Factsheet, fake_plugins: list[importlib.metadata.EntryPoint]
) -> None:
    fake_plugins.append(
        importlib.metadata.EntryPoint("odd", "opsfacts.checks:INTERNAL_CODE", ENTRY_POINT_GROUP)
    )
    load_plugins(force=True)
    (finding,) = check(corrected)
    assert finding.code == INTERNAL_CODE
    assert "is a str, not a module, a rule or a list of rules" in finding.message


def test_plugins_load_once(fake_plugins: list[importlib.metadata.EntryPoint]) -> None:
    load_plugins(force=True)
    fake_plugins.append(importlib.metadata.EntryPoint("fake", "opsfacts_fake_plugin", ENTRY_POINT_GROUP))
    rules()  # already loaded: the new entry point is not seen
    assert "PLG101" not in {r.code for r in rules()}
