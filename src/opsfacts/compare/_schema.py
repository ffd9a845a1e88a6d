"""The ``json`` output of a comparison, and its JSON Schema (``schemas/diff-1.0.schema.json``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

from .._version import __version__
from ..model import RULE_CODE_PATTERN
from ._result import BLOCKS, Change, ChangeKind, DiffResult, FindingChange

__all__ = ["DIFF_SCHEMA_ID", "DIFF_VERSION", "diff_data", "diff_schema"]

DIFF_VERSION: Final = "1.0"
"""Version of the ``json`` output format of ``opsfacts diff``."""
DIFF_SCHEMA_ID: Final = f"urn:opsfacts:schema:diff:{DIFF_VERSION}"
"""``$id`` of its JSON Schema."""


def _decimal(value: Decimal | None) -> str | None:
    # A string keeps every digit; a JSON number would go through a binary float.
    if value is None:
        return None
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"


def _change(change: Change) -> dict[str, Any]:
    figure = change.figure
    words = change.words
    return {
        "kind": change.kind.value,
        "block": change.block,
        "identity": change.identity,
        "field": change.field,
        "old": change.old,
        "new": change.new,
        "old_path": change.old_path,
        "new_path": change.new_path,
        "figure": None
        if figure is None
        else {
            "old": _decimal(figure.old),
            "new": _decimal(figure.new),
            "absolute": _decimal(figure.absolute),
            "relative": _decimal(figure.relative),
            "within_precision": figure.within_precision,
            "percentage": figure.percentage,
        },
        "words": None
        if words is None
        else {"added": words.added, "removed": words.removed, "summary": words.summary},
    }


def _finding(finding: FindingChange) -> dict[str, Any]:
    return {
        "change": "appeared" if finding.appeared else "disappeared",
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
        "path": finding.path,
    }


def diff_data(result: DiffResult) -> dict[str, Any]:
    """The ``json`` output as data (see :func:`diff_schema`)."""
    return {
        "version": DIFF_VERSION,
        "tool": {"name": "opsfacts", "version": __version__},
        "same": result.same,
        "old": {"source": result.old_source, "title": result.old_title},
        "new": {"source": result.new_source, "title": result.new_title},
        "summary": {
            **{kind.value: result.count(kind) for kind in ChangeKind},
            "findings_appeared": sum(1 for f in result.findings if f.appeared),
            "findings_disappeared": sum(1 for f in result.findings if not f.appeared),
        },
        "changes": [_change(c) for c in result.changes],
        "findings": [_finding(f) for f in result.findings],
    }


def diff_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of the ``json`` output of ``opsfacts diff``."""
    text = {"type": "string"}
    nullable_text = {"type": ["string", "null"]}
    number = {
        "type": ["string", "null"],
        "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
        "description": "A decimal number as a string, every digit kept; null when there is none.",
    }
    path = {"type": ["string", "null"], "pattern": "^\\$", "description": "JSON path in that edition."}
    count = {"type": "integer", "minimum": 0}

    def closed(properties: dict[str, Any], description: str) -> dict[str, Any]:
        return {
            "type": "object",
            "description": description,
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }

    edition = closed(
        {"source": {**nullable_text, "description": "The file it was read from."}, "title": text},
        "One edition.",
    )
    figure = closed(
        {
            "old": number,
            "new": number,
            "absolute": number,
            "relative": {**number, "description": "(new - old) / old, a fraction; null when old is 0."},
            "within_precision": {"type": "boolean", "description": "Whether they agree as printed."},
            "percentage": {"type": "boolean", "description": "Percentages: absolute is in points."},
        },
        "How a printed number moved; amounts in full units.",
    )
    words = closed(
        {"added": count, "removed": count, "summary": {"type": "string", "minLength": 1}},
        "How the words of a text changed.",
    )
    change = closed(
        {
            "kind": {"enum": [k.value for k in ChangeKind]},
            "block": {"enum": [b for b in BLOCKS if b != "findings"]},
            "identity": {"type": "string", "minLength": 1, "description": "What changed, by what it is."},
            "field": {**nullable_text, "description": "The field that changed; null for the whole thing."},
            "old": {**nullable_text, "description": "The old value as printed."},
            "new": {**nullable_text, "description": "The new value as printed."},
            "old_path": path,
            "new_path": path,
            "figure": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/figure"}]},
            "words": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/words"}]},
        },
        "One change.",
    )
    finding = closed(
        {
            "change": {"enum": ["appeared", "disappeared"]},
            "code": {"type": "string", "pattern": f"^{RULE_CODE_PATTERN.pattern}$"},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": text,
            "path": {"type": "string", "pattern": "^\\$"},
        },
        "A consistency finding of one edition only.",
    )
    summary = closed(
        {
            **{kind.value: count for kind in ChangeKind},
            "findings_appeared": count,
            "findings_disappeared": count,
        },
        "How many changes of each kind.",
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": DIFF_SCHEMA_ID,
        "title": "opsfacts diff output",
        "description": "What `opsfacts diff --format json` prints.",
        "type": "object",
        "properties": {
            "version": {"const": DIFF_VERSION},
            "tool": closed({"name": {"const": "opsfacts"}, "version": text}, "The tool that wrote it."),
            "same": {"type": "boolean", "description": "Whether the editions state the same facts."},
            "old": {"$ref": "#/$defs/edition"},
            "new": {"$ref": "#/$defs/edition"},
            "summary": summary,
            "changes": {"type": "array", "items": {"$ref": "#/$defs/change"}},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
        },
        "required": ["version", "tool", "same", "old", "new", "summary", "changes", "findings"],
        "additionalProperties": False,
        "$defs": {"edition": edition, "change": change, "figure": figure, "words": words, "finding": finding},
    }
