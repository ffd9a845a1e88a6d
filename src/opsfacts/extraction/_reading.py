"""What ``extract`` reads: a PDF, or the text pdftotext makes of one; refusing what is neither."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import OpsfactsError
from ._lines import Line, lines_from_text
from ._pdf import PdfProblem, lines_from_pdf

__all__ = ["MAX_PDF_BYTES", "MAX_TEXT_BYTES", "ExtractionError", "read_lines"]

MAX_PDF_BYTES = 20 * 1024 * 1024
"""The largest PDF read (20 MiB): a two-page factsheet with its charts is well under 2 MiB."""
MAX_TEXT_BYTES = 2 * 1024 * 1024
"""The largest text read (2 MiB): a factsheet's text is some tens of KiB."""

_IMAGES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
}


class ExtractionError(OpsfactsError):
    """The input cannot be read as a factsheet: a one-line reason."""


def _check_text(data: bytes, source: str) -> str:
    if len(data) > MAX_TEXT_BYTES:
        raise ExtractionError(f"{source}: the text is {len(data):,} bytes; the limit is {MAX_TEXT_BYTES:,}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExtractionError(f"{source}: neither a PDF nor UTF-8 text") from None
    if (
        "\x00" in text
        or sum(1 for c in text if not c.isprintable() and c not in "\n\r\t\f") > len(text) // 20
    ):
        raise ExtractionError(f"{source}: not text (control characters); give a PDF or its pdftotext output")
    if not text.strip():
        raise ExtractionError(f"{source}: the text is empty")
    return text


def lines_of(data: bytes, source: str) -> tuple[Line, ...]:
    """The lines of a PDF's or a text's bytes."""
    if not data.strip():
        raise ExtractionError(f"{source}: the file is empty")
    for magic, what in _IMAGES.items():
        if data.startswith(magic):
            raise ExtractionError(f"{source}: {what} has no text to read; run OCR first or give its text")
    if data.lstrip()[:5] == b"%PDF-" or source.lower().endswith(".pdf"):
        if len(data) > MAX_PDF_BYTES:
            raise ExtractionError(f"{source}: the PDF is {len(data):,} bytes; the limit is {MAX_PDF_BYTES:,}")
        if not data.lstrip().startswith(b"%PDF-"):
            raise ExtractionError(f"{source}: not a PDF (no %PDF- header)")
        try:
            return lines_from_pdf(data)
        except PdfProblem as exc:
            raise ExtractionError(f"{source}: {exc}") from None
    return lines_from_text(_check_text(data, source))


def read_lines(path: str | os.PathLike[str]) -> tuple[Line, ...]:
    """The lines of a file, refusing FIFOs, devices, directories and files over the limits."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise ExtractionError(f"{name}: is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ExtractionError(f"{name}: not a regular file (a FIFO or a device?)")
        if info.st_size > MAX_PDF_BYTES:
            raise ExtractionError(
                f"{name}: the file is {info.st_size:,} bytes; the limit is {MAX_PDF_BYTES:,}"
            )
        with Path(name).open("rb") as stream:
            data = stream.read(MAX_PDF_BYTES + 1)
    except FileNotFoundError:
        raise ExtractionError(f"{name}: no such file") from None
    except PermissionError:
        raise ExtractionError(f"{name}: permission denied") from None
    except OSError as exc:
        raise ExtractionError(f"{name}: {exc.strerror or exc}") from None
    return lines_of(data, name)
