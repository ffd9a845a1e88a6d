"""Geometry of the SVG charts, computed from the data: bar lengths and donut arcs.

The HTML template only draws what these functions compute, so the
proportions are tested here and in the browser test, not re-typed anywhere.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import attrs

from ..model import _printing as numbers
from ..model._classes import Funding, PopulationGroup, Populations
from ..model._codes import Residence

__all__ = ["BAR_MAX", "Bar", "BarChart", "Donut", "bar_chart", "donut"]

BAR_MAX = 200.0
"""Length of the longest bar, in SVG user units."""
_ROW = 27.0
_LABEL_CHARS = 46


@attrs.frozen
class Bar:
    """One bar: its group, how long it is and where it sits."""

    label: str
    short_label: str
    value: str
    count: int | None
    """The number the bar stands for; None for a group printed without one (no bar is drawn)."""
    width: float
    y: float
    abroad: bool
    markers: str
    placeholder: bool
    """Whether the value shown is a placeholder printed instead of a number (``[XX]``)."""

    @property
    def count_text(self) -> str:
        """The count written out in digits, for the ``data-count`` attribute."""
        return "" if self.count is None else numbers.digits(self.count)


@attrs.frozen
class BarChart:
    """The population bar chart."""

    bars: tuple[Bar, ...]
    width: float
    height: float
    any_abroad: bool


@attrs.frozen
class Donut:
    """The funding donut: a ring for the request, an arc for the funded share."""

    radius: float
    circumference: float
    funded_length: float
    share: Decimal
    funded_label: str
    unfunded_label: str


def _shorten(text: str) -> str:
    # SVG text does not wrap; long labels are cut and given in full in a <title>.
    flat = " ".join(text.split())
    return flat if len(flat) <= _LABEL_CHARS else flat[: _LABEL_CHARS - 1] + "…"


def _width(count: int | None, largest: int) -> float:
    # An exact ratio first: counts may be too large for a float.
    if count is None or not largest:
        return 0.0
    return round(BAR_MAX * float(Fraction(count, largest)), 3)


def _value(group: PopulationGroup) -> str:
    if group.count is not None:
        return numbers.quantity(group.count)
    if group.households is not None:
        return f"{numbers.quantity(group.households)} households"
    assert group.share is not None  # a group has a count, households or a share
    return numbers.percentage(group.share)


def bar_chart(populations: Populations) -> BarChart | None:
    """Bars for each population group, longest for the largest count; None without groups.

    A group printed without a number of people (a placeholder, or households
    only) gets a row with its printed text and no bar.
    """
    groups = populations.groups
    if not groups:
        return None
    largest = max((g.people or 0 for g in groups), default=0)
    bars = tuple(
        Bar(
            label=g.label,
            short_label=_shorten(g.label),
            value=_value(g),
            count=g.people,
            width=_width(g.people, largest),
            y=i * _ROW,
            abroad=g.residence is Residence.ABROAD,
            markers="".join(g.footnotes),
            placeholder=g.count is not None and g.count.value is None,
        )
        for i, g in enumerate(groups)
    )
    any_abroad = any(b.abroad for b in bars)
    return BarChart(
        bars, width=BAR_MAX + 100, height=len(bars) * _ROW + (20 if any_abroad else 0), any_abroad=any_abroad
    )


def donut(funding: Funding, radius: float = 40.0) -> Donut | None:
    """The donut for the funded share of the request; None unless both amounts are stated."""
    share = numbers.funded_share(funding)
    if share is None or funding.requested is None or funding.funded is None:
        return None
    circumference = 2 * math.pi * radius
    # Stated figures as printed; computed ones where the factsheet states none.
    stated = funding.funded_percent
    funded_percent = numbers.percentage(stated) if stated is not None else numbers.percent(share * 100)
    unfunded_stated = funding.unfunded_percent
    unfunded_percent = (
        numbers.percentage(unfunded_stated)
        if unfunded_stated is not None
        else numbers.percent((1 - share) * 100)
    )
    currency = funding.currency
    if funding.unfunded is not None:
        unfunded_amount = numbers.money_short_figure(funding.unfunded, currency)
    else:
        gap = funding.computed_unfunded or Decimal(0)
        unfunded_amount = numbers.money_short(max(gap, Decimal(0)), currency)
    return Donut(
        radius=radius,
        circumference=round(circumference, 3),
        funded_length=round(circumference * float(share), 3),
        share=share,
        funded_label=f"{numbers.money_short_figure(funding.funded, currency)} ({funded_percent})",
        unfunded_label=f"{unfunded_amount} ({unfunded_percent})",
    )
