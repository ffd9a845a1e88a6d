"""A factsheet as one standalone, printable HTML page (two A4 pages, like the original).

The page has no external resources: styles are inline, the charts are
inline SVG drawn from the data, there are no scripts, fonts or images to
fetch. Every piece of text goes through Jinja2's autoescaping, and the
output is well-formed (it parses as XML), so it also survives e-mail
clients and strict tools.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any, Protocol

import jinja2
from markupsafe import Markup

from .._version import __version__
from ..model import Factsheet, Statement
from . import charts, labels, numbers

__all__ = ["Finding", "render_html", "statement_segments"]

# Characters XML 1.0 forbids and HTML calls noncharacters; shown as U+FFFD.
_NOT_XML = re.compile("[\ufffe\uffff\U0001fffe\U0001ffff]|[\ud800-\udfff]")


class Finding(Protocol):
    """A consistency finding, as :mod:`opsfacts.checks` returns them."""

    @property
    def code(self) -> str: ...

    @property
    def severity(self) -> Any: ...

    @property
    def message(self) -> str: ...

    @property
    def path(self) -> str: ...


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        return _NOT_XML.sub("\ufffd", value)
    return value


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("opsfacts.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.filters.update(
        count=numbers.count,
        figure=numbers.figure,
        long_date=numbers.long_date,
        money=numbers.money,
        money_short=numbers.money_short,
        percent=numbers.percent,
        donor_label=labels.donor_label,
        qualifier_prefix=labels.qualifier_prefix,
    )
    return env


def statement_segments(statement: Statement) -> list[tuple[str, bool]]:
    """The statement's text cut into pieces, ``True`` for the pieces that state a target.

    A target is found where its quantity is printed with or without
    thousands separators (``6,000`` or ``6000``); a target whose number is
    spelt out (``three``) is not marked in the text, only listed with it.
    """
    text = statement.text
    spans: list[tuple[int, int]] = []
    for target in statement.targets:
        for printed in dict.fromkeys((f"{target.quantity:,}", str(target.quantity))):
            pattern = re.compile(rf"(?<![\d.,]){re.escape(printed)}(?![\d]|[.,]\d)")
            found = next(
                (m for m in pattern.finditer(text) if all(m.end() <= a or m.start() >= b for a, b in spans)),
                None,
            )
            if found is not None:
                spans.append(found.span())
                break
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(spans):
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def render_html(factsheet: Factsheet, *, findings: Sequence[Finding] | None = None) -> str:
    """The factsheet as a standalone HTML page; ``findings`` adds a section listing them."""
    funding = factsheet.funding
    context = {
        "f": factsheet,
        "bars": None if factsheet.populations is None else charts.bar_chart(factsheet.populations),
        "donut": None if funding is None else charts.donut(funding),
        "segments": statement_segments,
        "findings": findings,
        "version": __version__,
    }
    return _environment().get_template("factsheet.html.j2").render(context) + "\n"
