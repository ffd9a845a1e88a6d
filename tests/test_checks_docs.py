"""The rule catalogue in the docs is generated from the registry."""

from __future__ import annotations

from opsfacts.checks import rules
from opsfacts.checks._catalogue import catalogue


def test_catalogue_lists_every_rule_with_its_documentation() -> None:
    text = "\n".join(catalogue())
    for rule in rules():
        assert f".. rubric:: {rule.code} — {rule.title}" in text
        assert f":Severity: {rule.severity.value}" in text
        assert rule.rationale.splitlines()[0] in text
        assert rule.example.splitlines()[0] in text
    assert "``OPS009`` is not a rule" in text
    assert len([line for line in text.splitlines() if line.startswith(".. rubric:: OPS")]) == len(rules())
