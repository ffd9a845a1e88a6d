"""Renderers: a factsheet as Markdown (:func:`render_markdown`) or a printable page (:func:`render_html`)."""

from __future__ import annotations

from .html import render_html
from .markdown import render_markdown

__all__ = ["render_html", "render_markdown"]
