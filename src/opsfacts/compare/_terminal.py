"""The ``text`` output: one line per change, grouped by block, coloured on a terminal."""

from __future__ import annotations

from ._phrases import BLOCK_TITLES, MARKS, describe, finding_line, plural
from ._result import ChangeKind, DiffResult

__all__ = ["render_text"]

_BOLD, _RESET = "\033[1m", "\033[0m"
_GREEN, _RED, _YELLOW, _CYAN = "\033[32m", "\033[31m", "\033[33m", "\033[36m"
_COLOURS = {ChangeKind.ADDED: _GREEN, ChangeKind.REMOVED: _RED, ChangeKind.FIGURE: _YELLOW}


def _edition(mark: str, title: str, source: str | None) -> str:
    return f"{mark} {source} ({title})" if source else f"{mark} {title}"


def totals(result: DiffResult) -> str:
    """The last line: how many changes, and how many findings came and went."""
    if result.same:
        return "No changes: the two editions state the same facts."
    parts = [plural(len(result.changes), "change")]
    appeared = sum(1 for f in result.findings if f.appeared)
    if appeared:
        parts.append(f"{plural(appeared, 'finding')} appeared")
    if len(result.findings) - appeared:
        parts.append(f"{plural(len(result.findings) - appeared, 'finding')} disappeared")
    return ", ".join(parts) + "."


def render_text(result: DiffResult, *, colour: bool = False) -> str:
    """The comparison for a terminal; ANSI colours only when ``colour`` is true."""

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    lines = [
        _edition("---", result.old_title, result.old_source),
        _edition("+++", result.new_title, result.new_source),
    ]
    for block in result.blocks:
        lines.append(paint(BLOCK_TITLES[block], _BOLD))
        for change in result.in_block(block):
            line = f"  {MARKS[change.kind]} {change.identity}: {describe(change)}"
            lines.append(paint(line, _COLOURS.get(change.kind, _CYAN)))
        if block == "findings":
            for finding in result.findings:
                line = f"  {'+' if finding.appeared else '-'} {finding_line(finding)}"
                lines.append(paint(line, _RED if finding.appeared else _GREEN))
    lines.append(totals(result))
    return "\n".join(lines) + "\n"
