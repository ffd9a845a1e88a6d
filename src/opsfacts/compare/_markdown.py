"""The ``markdown`` output: a "what changed" note, figures in a table per block."""

from __future__ import annotations

from ..render import escape_markdown as escape
from ._phrases import BLOCK_TITLES, describe, finding_line, movement
from ._result import ChangeKind, DiffResult
from ._terminal import totals

__all__ = ["render_markdown"]


def _edition(title: str, source: str | None) -> str:
    return f"**{escape(title)}**" + (f" (`{source.replace('`', '')}`)" if source else "")


def _cell(text: str | None) -> str:
    return "" if text is None else escape(text)


def render_markdown(result: DiffResult) -> str:
    """The comparison as CommonMark: every document text escaped, figures tabulated."""
    lines = [
        "# What changed",
        "",
        f"From {_edition(result.old_title, result.old_source)} "
        f"to {_edition(result.new_title, result.new_source)}.",
        "",
    ]
    for block in result.blocks:
        lines += [f"## {BLOCK_TITLES[block]}", ""]
        changes = result.in_block(block)
        figures = [c for c in changes if c.kind is ChangeKind.FIGURE]
        if figures:
            lines += ["| What | Old | New | Change |", "| --- | ---: | ---: | --- |"]
            for c in figures:
                moved = movement(c.figure) if c.figure is not None else ""
                lines.append(f"| {_cell(c.what)} | {_cell(c.old)} | {_cell(c.new)} | {_cell(moved)} |")
            lines.append("")
        others = [c for c in changes if c.kind is not ChangeKind.FIGURE]
        lines += [f"- {escape(c.identity)}: {escape(describe(c))}" for c in others]
        if block == "findings":
            lines += [f"- {escape(finding_line(f))}" for f in result.findings]
        if others or block == "findings":
            lines.append("")
    lines.append(escape(totals(result)))
    return "\n".join(lines) + "\n"
