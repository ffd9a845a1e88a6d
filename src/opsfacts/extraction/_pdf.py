"""Lines with their positions from a PDF's text layer (pdfminer.six), in reading order.

Reading order: on each page, text boxes that span the middle of the page
(a title, a wide paragraph) split it into bands; within a band the left
column is read before the right one, each top to bottom. A two-column
layout is then read as printed, and a chart's labels and figures, drawn as
separate boxes, come in the order they are drawn down the page.
"""

from __future__ import annotations

import io
from typing import Any

from ._lines import Line

__all__ = ["MAX_PAGES", "PdfProblem", "lines_from_pdf"]

MAX_PAGES = 40
"""The most pages read: factsheets have two to six; a longer PDF is refused, not read in part."""


class PdfProblem(Exception):
    """The PDF cannot be read: the one-line reason is its message."""


def _boxes(layout: Any) -> list[Any]:
    from pdfminer.layout import LTTextBox  # noqa: PLC0415 - an optional dependency

    found: list[Any] = []
    for item in layout:
        if isinstance(item, LTTextBox):
            found.append(item)
        elif hasattr(item, "__iter__") and not isinstance(item, str):
            found += _boxes(item)
    return found


def _ordered(boxes: list[Any], width: float, height: float) -> list[Any]:
    middle = width / 2
    top = sorted(boxes, key=lambda b: height - b.y1)
    bands: list[list[Any]] = [[]]
    for box in top:
        if box.x0 < middle - 20 and box.x1 > middle + 20:
            bands.append([box])
            bands.append([])
        else:
            bands[-1].append(box)
    ordered: list[Any] = []
    for band in bands:
        ordered += sorted(band, key=lambda b: (b.x0 >= middle - 20, round(height - b.y1), b.x0))
    return ordered


def lines_from_pdf(data: bytes) -> tuple[Line, ...]:
    """Every text line of the PDF with its page, number and box; raise :class:`PdfProblem`."""
    try:
        from pdfminer.high_level import extract_pages  # noqa: PLC0415
        from pdfminer.layout import LAParams, LTTextLine  # noqa: PLC0415
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
            number = 0
            for box in _ordered(_boxes(page), page.width, page.height):
                first = True
                for item in box:
                    if not isinstance(item, LTTextLine):
                        continue
                    text = " ".join(item.get_text().split())
                    if not text:
                        continue
                    number += 1
                    position = (item.x0, page.height - item.y1, item.x1, page.height - item.y0)
                    lines.append(Line(text, page_number, number, position, first))
                    first = False
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
