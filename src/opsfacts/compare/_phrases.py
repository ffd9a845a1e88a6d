"""How each change is worded, the same in every output format."""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Final

from ._result import Change, ChangeKind, FigureChange, FindingChange

__all__ = ["BLOCK_TITLES", "MARKS", "describe", "finding_line", "movement", "plural"]

BLOCK_TITLES: Final = {
    "document": "Document",
    "highlights": "Highlights",
    "key_figures": "Key figures",
    "sections": "Sections",
    "populations": "Populations",
    "funding": "Funding",
    "presence": "Presence",
    "partners": "Partners",
    "activities": "Activities",
    "donors": "Donors",
    "contacts": "Contacts",
    "links": "Links",
    "footnotes": "Footnotes",
    "findings": "Consistency findings",
}
"""The heading of each block in a report."""

MARKS: Final = {
    ChangeKind.FIGURE: "~",
    ChangeKind.ADDED: "+",
    ChangeKind.REMOVED: "-",
    ChangeKind.RENAMED: "~",
    ChangeKind.DATE: "~",
    ChangeKind.TEXT: "~",
    ChangeKind.VALUE: "~",
}
"""The mark before a change in text output, as ``diff`` marks lines."""


def plural(count: int, noun: str) -> str:
    """``1 change``, ``2 changes``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _signed(value: Decimal) -> str:
    text = f"{value.normalize():,f}" if value == value.to_integral_value() else f"{value:,f}"
    return text if value < 0 else f"+{text}"


def movement(figure: FigureChange) -> str:
    """``+2,695, +0.6%``, ``-5 points, -13.5%``, ``+30,000, +0.1%, within printed precision``.

    Empty when nothing can be computed (a placeholder on either side).
    """
    if figure.absolute is not None and not figure.absolute:
        return "the same value, printed differently"
    parts = []
    if figure.absolute is not None:
        parts.append(_signed(figure.absolute) + (" points" if figure.percentage else ""))
    if figure.relative is not None:
        percent = (figure.relative * 100).quantize(Decimal("0.1"), rounding=decimal.ROUND_HALF_UP)
        parts.append(f"{'+' if percent >= 0 else ''}{percent}%")
    if figure.within_precision:
        parts.append("within printed precision")
    return ", ".join(parts)


def _or(value: str | None) -> str:
    return "(none)" if value is None else value


def describe(change: Change) -> str:
    """One line saying what changed, without the identity (``count 412,305 → 415,000 (+2,695, +0.7%)``)."""
    field = f"{change.field}: " if change.field else ""
    if change.kind is ChangeKind.ADDED:
        return f"{field}added {_or(change.new)}"
    if change.kind is ChangeKind.REMOVED:
        return f"{field}removed {_or(change.old)}"
    if change.kind is ChangeKind.RENAMED:
        return f"{field}renamed '{change.old}' → '{change.new}'"
    if change.kind is ChangeKind.TEXT and change.words is not None:
        return f"{field}{change.words.summary}"
    line = f"{field}{_or(change.old)} → {_or(change.new)}"
    if change.figure is not None:
        moved = movement(change.figure)
        if moved:
            line += f" ({moved})"
    return line


def finding_line(finding: FindingChange) -> str:
    """``appeared: OPS201 [error] The groups add up to ...``."""
    state = "appeared" if finding.appeared else "disappeared"
    return f"{state}: {finding.code} [{finding.severity}] {finding.message}"
