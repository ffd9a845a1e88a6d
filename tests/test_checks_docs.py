"""The rule catalogue in the docs is generated from the registry."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from opsfacts.checks import rules

EXT = Path(__file__).resolve().parents[1] / "docs" / "_ext"


def test_catalogue_lists_every_rule_with_its_documentation(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sphinx")
    monkeypatch.syspath_prepend(str(EXT))
    extension: Any = importlib.import_module("opsfacts_docs")
    directive = extension.DIRECTIVES["opsfacts-rules"]
    text = "\n".join(directive.lines(None))  # lines() reads only the registry
    for rule in rules():
        assert f".. rubric:: {rule.code} — {rule.title}" in text
        assert f":Severity: {rule.severity.value}" in text
        assert rule.rationale.splitlines()[0] in text
        assert rule.example.splitlines()[0] in text
    assert "``OPS000`` is not a rule" in text
    sys.modules.pop("opsfacts_docs", None)
