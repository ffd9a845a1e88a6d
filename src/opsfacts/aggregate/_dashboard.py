"""A roll-up as one standalone HTML dashboard with SVG charts.

The page has no external resources and no script: styles are inline, the
charts are inline SVG drawn from :mod:`._charts`, and every text goes
through Jinja2's autoescaping. Each figure is in the page as text, and each
bar carries its number in ``data-count``, so the page can be checked by a
browser or a parser.
"""

from __future__ import annotations

import functools
from decimal import Decimal

import jinja2

from .._version import __version__
from ..model._printing import count, money, percent
from ..render._templates import page_environment
from . import _charts
from ._model import Rollup

__all__ = ["render_dashboard"]


def _money(amount: Decimal | None, currency: str) -> str:
    return "not stated" if amount is None else money(amount, currency)


def _people(n: int, approximate: bool) -> str:
    return ("about " if approximate else "") + count(n)


@functools.cache
def _environment() -> jinja2.Environment:
    env = page_environment("opsfacts.aggregate")
    env.filters.update(count=count, money=_money, percent=percent, people=_people)
    return env


def render_dashboard(rollup: Rollup, *, title: str = "Operations roll-up") -> str:
    """The roll-up as a standalone HTML page: totals, charts by type, by operation and over time."""
    return (
        _environment()
        .get_template("dashboard.html.j2")
        .render(
            r=rollup,
            title=title,
            version=__version__,
            types=_charts.by_type(rollup),
            operations=_charts.by_operation(rollup),
            histories=_charts.histories(rollup),
        )
    )
