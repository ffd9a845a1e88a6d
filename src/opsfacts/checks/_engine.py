"""Running the rules: :func:`check` and :func:`fails`."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..diagnostics import PathPart
from ..model._classes import Acceptance, Factsheet
from ._config import CheckConfig, selector_matches
from ._findings import Finding, Issue, Severity
from ._registry import Rule, plugin_problems, rules

__all__ = ["INTERNAL_CODE", "check", "fails"]

INTERNAL_CODE = "OPS009"
"""Code of internal findings: a rule that crashed, a plug-in that failed to load."""


def _run(rule: Rule, factsheet: Factsheet) -> list[Finding]:
    issues = list(rule.function(factsheet))
    found = []
    for issue in issues:
        if not isinstance(issue, Issue):
            raise TypeError(f"yielded a {type(issue).__name__}, not an Issue")
        found.append(Finding.make(rule.code, rule.severity, issue.parts, issue.message, issue.values))
    return found


def _crashed(rule: Rule, exc: Exception) -> Finding:
    return Finding.make(
        INTERNAL_CODE,
        Severity.ERROR,
        (),
        f"rule {rule.code} ({rule.title}) crashed with {type(exc).__name__}: {exc}; "
        "its findings are missing. This is a bug in the rule, not in the document.",
        {"rule": rule.code, "error": f"{type(exc).__name__}: {exc}"},
    )


def _under(path: str, scope: str) -> bool:
    """Whether ``path`` is ``scope`` or inside it (``$.funding.unfunded`` is under ``$.funding``)."""
    return path == scope or path.startswith((f"{scope}.", f"{scope}["))


def _accepted(finding: Finding, accepted: Iterable[Acceptance]) -> bool:
    return any(
        selector_matches(a.code, finding.code) and (a.path is None or _under(finding.path, a.path))
        for a in accepted
    )


def _part_key(part: PathPart) -> tuple[int, int, str]:
    # Indices sort numerically ([2] before [10]) and before keys.
    return (0, part, "") if isinstance(part, int) else (1, 0, part)


# json.dumps(values, sort_keys=True, default=str), without building an encoder per finding.
_values_text = json.JSONEncoder(sort_keys=True, default=str).encode


def _sort_key(finding: Finding) -> tuple[object, ...]:
    return (
        tuple(_part_key(p) for p in finding.parts),
        finding.code,
        finding.message,
        _values_text(finding.values),
    )


# The rules a configuration runs, kept with the registry and configuration they were chosen
# from: a run over many documents chooses them once.
_selection: tuple[tuple[Rule, ...], CheckConfig, tuple[Rule, ...]] | None = None


def _selected(registered: tuple[Rule, ...], config: CheckConfig) -> tuple[Rule, ...]:
    """The registered rules the configuration enables, in order."""
    global _selection  # noqa: PLW0603 - a one-entry cache, see above
    if _selection is not None and _selection[0] is registered and _selection[1] == config:
        return _selection[2]
    chosen = tuple(r for r in registered if config.enables(r.code))
    _selection = (registered, config, chosen)
    return chosen


def check(factsheet: Factsheet, config: CheckConfig | None = None) -> list[Finding]:
    """Run every selected rule on a factsheet; return its findings, sorted by path then code.

    Findings the document accepts (``accepted``: a code or prefix, and a path
    when given) are left out. A rule that raises is reported as an
    :data:`~opsfacts.checks.INTERNAL_CODE` finding and the other rules still run; so is a
    plug-in that failed to load (as a warning).

    >>> from opsfacts import load
    >>> from opsfacts.checks import CheckConfig, check
    >>> check(load("examples/mali-2017-06.corrected.json"))
    []
    >>> published = load("examples/mali-2017-06.as-published.json")
    >>> [finding.code for finding in check(published)]
    ['OPS602', 'OPS701', 'OPS108', 'OPS108', 'OPS102', 'OPS108']
    >>> [finding.path for finding in check(published, CheckConfig(select=("OPS1",), ignore=("OPS108",)))]
    ['$.funding.unfunded']
    """
    config = config or CheckConfig()
    found: list[Finding] = []
    registered = rules()
    for problem in plugin_problems():
        found.append(
            Finding.make(
                INTERNAL_CODE,
                Severity.WARNING,
                (),
                f"the rule plug-in {problem.name!r} ({problem.value}) could not be loaded: "
                f"{problem.error}; its rules did not run",
                {"plugin": problem.name, "entry_point": problem.value, "error": problem.error},
            )
        )
    for rule in _selected(registered, config):
        try:
            found.extend(_run(rule, factsheet))
        except Exception as exc:  # noqa: BLE001 - a crashing rule is a finding, never a traceback
            found.append(_crashed(rule, exc))
    kept = [
        f
        for f in found
        if not _accepted(f, factsheet.accepted) and not (f.code == INTERNAL_CODE and config.ignores(f.code))
    ]
    return sorted(kept, key=_sort_key)


def fails(findings: Iterable[Finding], config: CheckConfig | None = None) -> bool:
    """Whether any finding is at least as severe as the configuration's ``fail_on``."""
    threshold = (config or CheckConfig()).fail_on.rank
    return any(f.severity.rank >= threshold for f in findings)
