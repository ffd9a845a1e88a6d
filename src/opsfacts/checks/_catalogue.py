"""The rule catalogue as reStructuredText, generated from the registry (the docs' checks page)."""

from __future__ import annotations

from ._engine import INTERNAL_CODE
from ._registry import rules

__all__ = ["catalogue"]


def catalogue() -> list[str]:
    """One entry per registered rule: code, severity, family, title, rationale, failing example."""
    out: list[str] = []
    family = None
    for rule in rules():
        if rule.family != family:
            family = rule.family
            out += [f".. rubric:: {family.replace('_', ' ').capitalize()} rules", ""]
        out += [
            f".. rubric:: {rule.code} — {rule.title}",
            f"   :name: {rule.code.lower()}",
            "",
            f":Code: ``{rule.code}``",
            f":Severity: {rule.severity.value}",
            f":Family: {rule.family}",
            "",
            *rule.rationale.splitlines(),
            "",
        ]
        if rule.example:
            out += ["Failing example:", "", ".. code-block:: text", ""]
            out += [f"   {line}" if line else "" for line in rule.example.splitlines()]
            out.append("")
    out += [
        ".. rubric:: Internal findings",
        "",
        f":Code: ``{INTERNAL_CODE}``",
        "",
        f"``{INTERNAL_CODE}`` is not a rule: it reports a rule that crashed (severity error; the",
        "other rules still run) or a rule plug-in that could not be loaded (severity warning).",
        "",
    ]
    return out
