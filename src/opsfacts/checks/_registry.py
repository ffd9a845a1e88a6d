"""The rule registry: the :func:`rule` decorator, :class:`Rule`, and plug-in loading.

Built-in rules register when their module is imported; plug-in rules when the
module named by an ``opsfacts.rules`` entry point is loaded, which happens once,
on the first call to :func:`rules`. A plug-in that fails to load is recorded,
not raised: :func:`plugin_problems` lists it and the engine reports it.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import re
import types
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ..model._classes import Factsheet
from ..model._constraints import RULE_CODE_PATTERN
from ._findings import Issue, Severity

__all__ = [
    "ENTRY_POINT_GROUP",
    "PluginProblem",
    "Rule",
    "RuleFunction",
    "load_plugins",
    "plugin_problems",
    "rule",
    "rules",
    "unregister",
]

ENTRY_POINT_GROUP = "opsfacts.rules"
"""The entry-point group plug-ins register rules under."""

RuleFunction = Callable[[Factsheet], Iterable[Issue]]
"""A rule: takes a factsheet, yields an :class:`Issue` for each problem."""

CODE_PATTERN = RULE_CODE_PATTERN
"""Rule codes: a prefix of capitals and a number (``OPS201``, ``ACME1``)."""

_EXAMPLE_HEADING = re.compile(r"^\s*(?:Failing )?[Ee]xample::?\s*$", re.MULTILINE)


@attrs.frozen
class Rule:
    """A registered rule: its code, severity, title, documentation and function."""

    code: str
    severity: Severity
    title: str
    rationale: str
    """Why the rule exists (the docstring before its example)."""
    example: str
    """A failing example (the literal block after ``Example::`` in the docstring)."""
    function: RuleFunction = attrs.field(eq=False, repr=False)
    family: str = ""
    """The group the rule belongs to (its module's name: ``funding``)."""


def _split_doc(doc: str | None) -> tuple[str, str]:
    text = inspect.cleandoc(doc or "")
    match = _EXAMPLE_HEADING.search(text)
    if match is None:
        return text, ""
    rationale = text[: match.start()].strip()
    example = inspect.cleandoc(text[match.end() :])
    return rationale, example


_RULES: dict[str, Rule] = {}
# The rules by code, as :func:`rules` gives them; None when the registry has changed since.
_by_code: tuple[Rule, ...] | None = None


def _register(new: Rule) -> None:
    global _by_code  # noqa: PLW0603 - the registry is process-wide by design
    if CODE_PATTERN.fullmatch(new.code) is None:
        raise ValueError(f"rule code {new.code!r} is not capitals followed by digits, such as 'OPS201'")
    existing = _RULES.get(new.code)
    if existing is not None and existing.function is not new.function:
        raise ValueError(f"rule code {new.code} is already used by {_qualname(existing.function)}")
    _RULES[new.code] = new
    _by_code = None


def _qualname(function: Callable[..., Any]) -> str:
    return f"{getattr(function, '__module__', '?')}.{getattr(function, '__qualname__', '?')}"


def rule(code: str, severity: Severity | str, title: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a function as a rule.

    The docstring gives the rationale, then ``Example::`` and an indented
    failing example; the docs catalogue is generated from them.

    >>> @rule("ACME101", Severity.WARNING, "Title is not shouting")
    ... def title_case(factsheet):
    ...     '''Titles in capitals are hard to read.
    ...
    ...     Example::
    ...
    ...         {"title": "MALI FACTSHEET"}
    ...     '''
    ...     if factsheet.title.isupper():
    ...         yield Issue(("title",), "the title is all capitals")
    >>> import attrs
    >>> from opsfacts import load
    >>> from opsfacts.checks import CheckConfig, check
    >>> loud = attrs.evolve(load("examples/mali-2017-06.corrected.json"), title="MALI FACTSHEET")
    >>> [str(finding) for finding in check(loud, CheckConfig(select=("ACME",)))]
    ['$.title: ACME101 [warning] the title is all capitals']
    >>> unregister("ACME101")  # rules are global: leave the registry as it was
    """
    level = Severity(severity)

    def decorate(function: RuleFunction) -> RuleFunction:
        rationale, example = _split_doc(function.__doc__)
        module = getattr(function, "__module__", "") or ""
        _register(
            Rule(code, level, title, rationale, example, function, module.rpartition(".")[2].lstrip("_"))
        )
        return function

    return decorate


def unregister(code: str) -> None:
    """Remove a rule from the registry (for tests and interactive use)."""
    global _by_code  # noqa: PLW0603 - the registry is process-wide by design
    _RULES.pop(code, None)
    _by_code = None


@attrs.frozen
class PluginProblem:
    """A plug-in entry point that could not be loaded."""

    name: str
    value: str
    error: str


_plugins_loaded = False
_plugin_problems: list[PluginProblem] = []


def _adopt(loaded: Any, entry: importlib.metadata.EntryPoint) -> None:
    """Register what an entry point names: a module, a rule function, a Rule, or several."""
    if isinstance(loaded, types.ModuleType):
        return  # its @rule decorators registered its rules on import
    if isinstance(loaded, Rule):
        _register(loaded)
        return
    if callable(loaded):
        if not any(r.function is loaded for r in _RULES.values()):
            raise TypeError(f"{entry.value} is a function but not decorated with @opsfacts.checks.rule")
        return
    if isinstance(loaded, Iterable) and not isinstance(loaded, str | bytes):
        for item in loaded:
            _adopt(item, entry)
        return
    raise TypeError(f"{entry.value} is a {type(loaded).__name__}, not a module, a rule or a list of rules")


def load_plugins(*, force: bool = False) -> None:
    """Load the rules of every ``opsfacts.rules`` entry point (once unless ``force``)."""
    global _plugins_loaded  # noqa: PLW0603 - the registry is process-wide by design
    if _plugins_loaded and not force:
        return
    _plugins_loaded = True
    _plugin_problems.clear()
    try:
        entries = list(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP))
    except Exception as exc:  # noqa: BLE001 - broken metadata must not stop the checks
        _plugin_problems.append(PluginProblem("*", ENTRY_POINT_GROUP, f"{type(exc).__name__}: {exc}"))
        return
    for entry in sorted(entries, key=lambda e: (e.name, e.value)):
        try:
            _adopt(entry.load(), entry)
        except Exception as exc:  # noqa: BLE001 - a broken plug-in is reported, never raised
            _plugin_problems.append(PluginProblem(entry.name, entry.value, f"{type(exc).__name__}: {exc}"))


def plugin_problems() -> tuple[PluginProblem, ...]:
    """The plug-ins that failed to load, after :func:`load_plugins`."""
    return tuple(_plugin_problems)


def rules() -> tuple[Rule, ...]:
    """Every registered rule, built-in and plug-in, by code."""
    global _by_code  # noqa: PLW0603 - the registry is process-wide by design
    load_plugins()
    if _by_code is None:
        _by_code = tuple(sorted(_RULES.values(), key=lambda r: r.code))
    return _by_code
