"""Lines with their positions from a PDF's text layer (pdfminer.six), in reading order.

pdfminer.six gives each text line with its box; its own box order does not
follow columns, so the order is rebuilt by cutting the page (a recursive
XY cut): a region is first split at a vertical strip of white that runs
its whole height (the page's two columns, a list printed in two columns,
the contacts side by side), then at horizontal strips of white (sections,
paragraphs, table rows); the left part is read before the right, the upper
before the lower. A piece of white beside a column of bare figures (a
chart's values, a table's number cells) does not split a region: a figure
stays with its label. A region that no longer splits and whose columns
start on the same baseline is a table row, and becomes one line with its
cells in order ("Refugees (Dukwi camp) 2,317"), as the page shows it.

pdfminer.six rather than pdfplumber: pdfplumber is built on it and adds
table finding by ruling lines, which factsheets rarely draw; the lines with
their boxes are what the readers need.
"""

from __future__ import annotations

import io
import re
from typing import Any

from attrs import frozen

from ._lines import Line

__all__ = ["MAX_PAGES", "PdfProblem", "lines_from_pdf"]

MAX_PAGES = 40
"""The most pages read: factsheets have two to six; a longer PDF is refused, not read in part."""


class PdfProblem(Exception):
    """The PDF cannot be read: the one-line reason is its message."""


_COLUMN_GAP = 8.0
"""The narrowest vertical strip of white (in points) that splits a region into columns."""
_ROW_GAP = 3.0
"""The narrowest horizontal strip of white that splits a region: wider than a paragraph's leading."""
_MAX_DEPTH = 60
"""How deep a page is cut before the rest is read top to bottom: a page needs a few levels."""
_CONTINUED_GAP = 9.0
"""The most white (in points) between a column's end and a line that carries it on."""
_FIGURE = re.compile(
    r"(?:(?:over|about|some|around|almost|nearly|up to|more than|environ|plus de|près de)\s)?"
    r"(?:[\d.,\u00a0\u202f %()–-]+(?:households|ménages)?|[\d.,\u00a0\u202f ]+%? of the total)"
    r"|households|ménages",
    re.IGNORECASE,
)
"""A line that is only a figure (a chart's value, a table's number cell): it stays with its label."""


@frozen
class _Text:
    """A text line of the page: its text, box (top-down coordinates) and the pdfminer box it is in."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    box: int


def _texts(layout: Any, height: float) -> list[_Text]:
    from pdfminer.layout import LTTextBox, LTTextLine  # noqa: PLC0415 - an optional dependency

    found: list[_Text] = []

    def walk(item: Any) -> None:
        if isinstance(item, LTTextBox):
            for line in item:
                text = " ".join(line.get_text().split()) if isinstance(line, LTTextLine) else ""
                if text:
                    found.append(_Text(text, line.x0, height - line.y1, line.x1, height - line.y0, id(item)))
        elif hasattr(item, "__iter__") and not isinstance(item, str):
            for child in item:
                walk(child)

    walk(layout)
    return found


def _split(items: list[_Text], low: Any, high: Any, gap: float) -> list[list[_Text]]:
    """Items split at every strip of white at least ``gap`` wide along one axis."""
    ordered = sorted(items, key=low)
    groups: list[list[_Text]] = [[ordered[0]]]
    reach = high(ordered[0])
    for item in ordered[1:]:
        if low(item) - reach >= gap:
            groups.append([])
        groups[-1].append(item)
        reach = max(reach, high(item))
    return groups


def _figures_only(items: list[_Text]) -> bool:
    return all(_FIGURE.fullmatch(item.text) for item in items)


def _columns(items: list[_Text]) -> list[list[_Text]]:
    columns: list[list[_Text]] = []
    for column in _split(items, lambda t: t.left, lambda t: t.right, _COLUMN_GAP):
        if columns and (_figures_only(column) or _figures_only(columns[-1])):
            # A chart's values or a table's number cells belong with the labels beside them.
            columns[-1] = columns[-1] + column
        else:
            columns.append(column)
    return columns


def _bands(rows: list[list[_Text]]) -> list[list[_Text]]:
    """Rows joined back where they continue the same columns.

    Two columns of text cut across where both happen to leave white at the same height;
    the rows either side are one region with the same columns, read column by column.
    """
    bands: list[list[_Text]] = []
    for row in rows:
        if bands:
            before, after, both = _columns(bands[-1]), _columns(row), _columns(bands[-1] + row)
            if len(before) > 1 and (
                len(before) == len(after) == len(both) or (len(after) == 1 and _continues(before, row))
            ):
                bands[-1] = bands[-1] + row
                continue
        bands.append(list(row))
    return bands


def _continues(columns: list[list[_Text]], row: list[_Text]) -> bool:
    """Whether a row carries on one of the columns above it: inside its width, just under its end.

    A column's list item or number after a paragraph is close under it; the next section's
    heading is a heading's margin away, and starts a region of its own.
    """
    left, right, top = min(t.left for t in row), max(t.right for t in row), min(t.top for t in row)
    for index, column in enumerate(columns):
        # Within the column's lane: right of the column before it, left of the column after it.
        after_previous = index == 0 or left > max(t.right for t in columns[index - 1])
        before_next = index + 1 == len(columns) or right < min(t.left for t in columns[index + 1])
        if (
            after_previous
            and before_next
            and left >= min(t.left for t in column) - 1
            and top - max(t.bottom for t in column) < _CONTINUED_GAP
        ):
            return True
    return False


def _read(items: list[_Text], depth: int = 0) -> list[list[_Text]]:
    """The items in reading order, as runs: each run is one line, or the cells of one table row."""
    if depth > _MAX_DEPTH:
        # A layout cut deeper than any page's (a staircase of boxes): top to bottom, bounded.
        return [[t] for t in sorted(items, key=lambda t: (round(t.top), t.left))]
    columns = _columns(items)
    if len(columns) > 1:
        return [run for column in columns for run in _read(column, depth + 1)]
    rows = _bands(_split(items, lambda t: t.top, lambda t: t.bottom, _ROW_GAP))
    if len(rows) > 1:
        return [run for row in rows for run in _read(row, depth + 1)]
    cells = _split(items, lambda t: t.left, lambda t: t.right, 1.0)
    tops = [min(t.top for t in cell) for cell in cells]
    if len(cells) > 1 and max(tops) - min(tops) < 2.0:
        # A table row: its cells side by side, each cell's lines top to bottom.
        return [[t for cell in cells for t in sorted(cell, key=lambda t: (t.top, t.left))]]
    return [[t] for t in sorted(items, key=lambda t: (round(t.top), t.left))]


def _joined(run: list[_Text]) -> str:
    text = run[0].text
    for item in run[1:]:
        # A hyphen at a line's end is printed ("Kaga-" / "Bandoro"): Chromium does not hyphenate.
        text += item.text if text.endswith("-") else f" {item.text}"
    return text


def lines_from_pdf(data: bytes) -> tuple[Line, ...]:
    """Every text line of the PDF with its page, number and box; raise :class:`PdfProblem`."""
    try:
        from pdfminer.high_level import extract_pages  # noqa: PLC0415
        from pdfminer.layout import LAParams  # noqa: PLC0415
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect  # noqa: PLC0415
        from pdfminer.pdfpage import PDFPage  # noqa: PLC0415
        from pdfminer.pdfparser import PDFSyntaxError  # noqa: PLC0415
    except ImportError:
        raise PdfProblem(
            "reading a PDF needs pdfminer.six: pip install 'opsfacts[pdf]' (or give the text pdftotext makes)"
        ) from None
    try:
        pages = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data), maxpages=MAX_PAGES + 1))
        if pages > MAX_PAGES:
            raise PdfProblem(f"the PDF has more than {MAX_PAGES} pages; a factsheet has a few")
        lines: list[Line] = []
        for page_number, page in enumerate(
            extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=MAX_PAGES), start=1
        ):
            previous: _Text | None = None
            for number, run in enumerate(_read(_texts(page, page.height)), start=1):
                first = previous is None or run[0].box != previous.box or len(run) > 1
                box = (
                    min(t.left for t in run),
                    min(t.top for t in run),
                    max(t.right for t in run),
                    max(t.bottom for t in run),
                )
                lines.append(Line(_joined(run), page_number, number, box, first))
                previous = run[-1]
    except PdfProblem:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise PdfProblem("the PDF is encrypted; save an unencrypted copy first") from None
    except PDFSyntaxError as exc:
        raise PdfProblem(f"not a readable PDF ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        name = type(exc).__name__
        if "Encrypt" in name or "Password" in name:
            raise PdfProblem("the PDF is encrypted; save an unencrypted copy first") from None
        raise PdfProblem(f"the PDF is broken and cannot be read ({name})") from None
    if not lines:
        raise PdfProblem("the PDF has no text layer (a scan or an image?); run OCR first or give its text")
    return tuple(lines)
