"""The text a reader sees on a rendered factsheet page, line by line, without a browser.

Block elements start a new line; each SVG ``<text>`` is a line of its own, as
a PDF text layer has it; ``<title>``, ``<style>`` and tooltips are not seen.
"""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = frozenset(
    {
        "p",
        "div",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "header",
        "footer",
        "ul",
        "ol",
        "table",
        "tbody",
        "aside",
        "br",
        "text",
        "svg",
        "g",
    }
)
_HIDDEN = frozenset({"title", "style", "head", "script"})


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden = 0

    def _break(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self._break()
        elif tag in ("td", "th"):
            # A table cell, data or header, is set apart from the one before it.
            self.current.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden -= 1
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.current.append(data)


def page_text(html: str) -> str:
    """The page's visible text, one line per block."""
    parser = _PageText()
    parser.feed(html)
    parser.close()
    parser._break()
    return "\n".join(parser.lines) + "\n"
