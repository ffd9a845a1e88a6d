"""Writing a :class:`DiffResult` in one of the output formats."""

from __future__ import annotations

import json
from typing import Final

from ._html import render_html
from ._markdown import render_markdown
from ._result import DiffResult
from ._schema import diff_data
from ._terminal import render_text

__all__ = ["FORMATS", "render"]

FORMATS: Final = ("text", "json", "markdown", "html")
"""The output formats of :func:`render` and ``opsfacts diff --format``."""


def render(result: DiffResult, fmt: str = "text", *, colour: bool = False) -> str:
    """The comparison as ``text`` (ANSI colours with ``colour``), ``json``, ``markdown`` or ``html``.

    Raises :class:`ValueError` for another format.
    """
    if fmt == "text":
        return render_text(result, colour=colour)
    if fmt == "json":
        return json.dumps(diff_data(result), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return render_markdown(result)
    if fmt == "html":
        return render_html(result)
    raise ValueError(f"unknown format {fmt!r}; the formats are: {', '.join(FORMATS)}")
