"""Lines of printed text with where they were printed: the input every part reader works on."""

from __future__ import annotations

import re

from attrs import field, frozen

__all__ = ["Box", "Line", "lines_from_text"]

_GAPS = re.compile(r"\s{3,}")

Box = tuple[float, float, float, float]
"""A line's position on its page in points: left, top, right, bottom (top-down)."""


@frozen
class Line:
    """One printed line: its text (spaces collapsed), page, line number and position."""

    text: str = field(metadata={"doc": "The line's text, runs of spaces collapsed."})
    page: int = field(metadata={"doc": "1-based page number."})
    number: int = field(metadata={"doc": "1-based line number: in the file for text, on the page for a PDF."})
    box: Box | None = field(default=None, metadata={"doc": "Position on the page; None for text input."})
    starts_block: bool = field(
        default=False, metadata={"doc": "Whether a blank line or a new text box comes before it."}
    )


def lines_from_text(text: str) -> tuple[Line, ...]:
    """The non-blank lines of ``pdftotext`` output (with or without ``-layout``).

    Form feeds separate pages. Runs of three or more spaces in a layout line
    separate cells printed side by side; each cell becomes a line of its own
    so that a label and its figure in two columns are read as two lines.
    """
    lines: list[Line] = []
    for page_index, page in enumerate(text.split("\f")):
        blank = True
        for number, raw in enumerate(page.splitlines(), start=1):
            # Layout output puts columns side by side: split on wide gaps, keep the reading order.
            cells = [" ".join(cell.split()) for cell in _GAPS.split(raw)]
            cells = [cell for cell in cells if cell]
            if not cells:
                blank = True
                continue
            for index, cell in enumerate(cells):
                lines.append(Line(cell, page_index + 1, number, None, blank or index > 0))
            blank = False
    return tuple(lines)
