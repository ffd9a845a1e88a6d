"""Docstring text (reStructuredText) as plain text and as Markdown, for outputs read outside Sphinx.

Docstrings are written for the docs and use a little reStructuredText:
inline literals (````USD````), roles (``:class:`~opsfacts.model.Figure```),
links (```HXL <https://hxlstandard.org/>`_``), emphasis and a trailing
``::`` before a literal block. Editors (JSON Schema ``description``,
``enumDescriptions``) show plain text, and code scanning shows Markdown;
neither should show the markup.

>>> plain("Written ``2019-03``; see :class:`~opsfacts.model.Figure`.")
'Written 2019-03; see Figure.'
>>> markdown("Written ``2019-03``; see `HXL <https://hxlstandard.org/>`_.")
'Written `2019-03`; see [HXL](https://hxlstandard.org/).'
"""

from __future__ import annotations

import re

__all__ = ["markdown", "plain"]

_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)
_ROLE = re.compile(r":[\w:.-]+:`~?([^`<]*?)(?:\s*<([^`>]*)>)?`")
_LINK = re.compile(r"`([^`<]+?)\s*<([^`>]+)>`__?")
_STRONG = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(\S(?:[^*]*?\S)?)\*(?![\w*])")
_DEFAULT_ROLE = re.compile(r"(?<![`\w])`([^`]+)`(?!`)_?")
_LITERAL_BLOCK = re.compile(r"\s*::$", re.MULTILINE)


def _role_text(match: re.Match[str]) -> str:
    # :class:`~a.b.C` -> C; :doc:`text <target>` -> text; :func:`a.b` -> a.b
    text = match.group(1).strip()
    if match.group(2) is not None:
        return text or match.group(2)
    return text.rsplit(".", 1)[-1] if match.group(0).split("`", 1)[1].startswith("~") else text


def _common(text: str) -> str:
    text = _ROLE.sub(_role_text, text)
    text = _STRONG.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\1", text)
    # "Example::" introduces a literal block: a plain colon in prose.
    return _LITERAL_BLOCK.sub(":", text)


def plain(text: str) -> str:
    """The text without reStructuredText markup: literals, roles, links (``text (url)``), emphasis."""
    literals: list[str] = []

    def keep(match: re.Match[str]) -> str:
        literals.append(match.group(1))
        return f"\x00{len(literals) - 1}\x00"

    text = _LITERAL.sub(keep, text)
    text = _LINK.sub(r"\1 (\2)", text)
    text = _DEFAULT_ROLE.sub(r"\1", _common(text))
    return re.sub(r"\x00(\d+)\x00", lambda m: literals[int(m.group(1))], text)


def markdown(text: str) -> str:
    """The text as CommonMark: literals as code spans, links as ``[text](url)``, emphasis dropped."""
    literals: list[str] = []

    def keep(match: re.Match[str]) -> str:
        literals.append(match.group(1))
        return f"\x00{len(literals) - 1}\x00"

    text = _LITERAL.sub(keep, text)
    text = _LINK.sub(r"[\1](\2)", text)
    text = _DEFAULT_ROLE.sub(r"\1", _common(text))

    def code(match: re.Match[str]) -> str:
        literal = literals[int(match.group(1))]
        fence = "``" if "`" in literal else "`"
        return f"{fence}{literal}{fence}" if fence == "`" else f"`` {literal} ``"

    return re.sub(r"\x00(\d+)\x00", code, text)
