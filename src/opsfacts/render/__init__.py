"""Pages: a factsheet as Markdown (:func:`render_markdown`) or a printable HTML page (:func:`render_html`).

Takes a :class:`~opsfacts.model.Factsheet` (and, optionally, the findings of
:func:`opsfacts.checks.check` to show beside it); gives text. Every figure
shown comes from the model through one number writer, and what a page leaves
out on purpose is listed in :data:`HTML_LEFT_OUT` and
:data:`MARKDOWN_LEFT_OUT`.
"""

from __future__ import annotations

from ._html import LEFT_OUT as HTML_LEFT_OUT
from ._html import render_html
from ._markdown import LEFT_OUT as MARKDOWN_LEFT_OUT
from ._markdown import escape as escape_markdown
from ._markdown import render_markdown

__all__ = ["HTML_LEFT_OUT", "MARKDOWN_LEFT_OUT", "escape_markdown", "render_html", "render_markdown"]
