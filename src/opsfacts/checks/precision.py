"""Comparing printed figures within the precision they were printed at.

A printed number stands for an interval: ``48.3`` for [48.25, 48.35]. Sums,
differences and ratios of intervals are intervals; two statements agree when
their intervals overlap. Closed intervals are used, so any round-to-nearest
convention the publisher used is accepted.
"""

from __future__ import annotations

import decimal
from decimal import Decimal

import attrs

from ..model import Figure

__all__ = ["Interval", "figure_interval", "format_amount", "format_figure", "printed_interval"]

# Division results are rounded to 28 significant digits; widening by this
# relative amount keeps the computed intervals sound.
_SLACK = Decimal("1e-20")


@attrs.frozen
class Interval:
    """The closed interval [low, high]."""

    low: Decimal
    high: Decimal

    @classmethod
    def exact(cls, value: Decimal | int) -> Interval:
        """The interval holding exactly one value."""
        return cls(Decimal(value), Decimal(value))

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def overlaps(self, other: Interval) -> bool:
        """Whether some value lies in both intervals."""
        return self.low <= other.high and other.low <= self.high

    def contains(self, value: Decimal | int) -> bool:
        """Whether the value lies in the interval."""
        return self.low <= value <= self.high

    def percent_of(self, whole: Interval) -> Interval | None:
        """100 × self / whole, or None when whole may be zero or negative."""
        if whole.low <= 0:
            return None
        with decimal.localcontext() as ctx:
            ctx.prec = 40
            low = self.low * 100 / (whole.high if self.low >= 0 else whole.low)
            high = self.high * 100 / (whole.low if self.high >= 0 else whole.high)
        return Interval(low - abs(low) * _SLACK, high + abs(high) * _SLACK)

    @property
    def middle(self) -> Decimal:
        """The midpoint."""
        return (self.low + self.high) / 2


def figure_interval(figure: Figure) -> Interval:
    """Where the true amount of a printed figure lies."""
    return Interval(figure.amount - figure.tolerance, figure.amount + figure.tolerance)


def printed_interval(value: Decimal) -> Interval:
    """Where the true value of a printed decimal (a percentage, "7") lies."""
    tolerance = Decimal(5).scaleb(int(value.as_tuple().exponent) - 1)
    return Interval(value - tolerance, value + tolerance)


def format_amount(value: Decimal, places: int = 0) -> str:
    """A number with thousands separators and a fixed number of decimals ("39,680,720")."""
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=decimal.ROUND_HALF_UP):,f}"


def format_figure(figure: Figure, currency: str | None = None) -> str:
    """A figure as printed ("USD 42,749,662 M")."""
    places = max(0, -int(figure.value.as_tuple().exponent))
    text = format_amount(figure.value, places)
    if figure.scale.suffix:
        text = f"{text} {figure.scale.suffix}"
    return f"{currency} {text}" if currency else text


def rescale(amount: Decimal, like: Figure) -> Decimal:
    """An amount expressed at the scale of a printed figure."""
    return amount.scaleb(-like.scale.exponent)
