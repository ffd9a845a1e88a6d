"""Comparing printed figures within the precision they were printed at.

A printed number stands for an interval: ``48.3`` for [48.25, 48.35]. Sums,
differences and ratios of intervals are intervals; two statements agree when
their intervals overlap. Closed intervals are used, so any round-to-nearest
convention the publisher used is accepted.
"""

from __future__ import annotations

import decimal
import functools
from decimal import Decimal

import attrs

from ..model import _printing as printing
from ..model._classes import Figure, Percentage, Quantity
from ..model._codes import Qualifier

__all__ = [
    "ABOUT_SLACK",
    "INFINITY",
    "Interval",
    "count_interval",
    "figure_interval",
    "format_figure",
    "format_quantity",
    "percentage_interval",
    "percentage_value",
    "printed_interval",
    "quantity_interval",
    "stated_figure",
]

INFINITY = Decimal("Infinity")
"""The upper end of the interval of an open-ended quantity ("over 6,500")."""

ABOUT_SLACK = Decimal("0.1")
"""How far an "about" quantity may lie from the truth: 10 %. Factsheets write "about" or
"some" for figures rounded to one or two significant digits ("some 52,000" for 51,961),
which are within a few per cent; 10 % accepts every such rounding and still catches a
wrong figure."""

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
    """Where the true amount of a printed figure lies (a figure with a value: see :func:`stated_figure`)."""
    # A subclass built in Python may work its amount out otherwise: it is not kept.
    interval = _kept_interval(figure, str(figure.value)) if type(figure) is Figure else _interval(figure)
    if interval is None:
        raise ValueError("a placeholder figure has no amount")
    return interval


def _interval(figure: Figure) -> Interval | None:
    amount = figure.amount
    return None if amount is None else Interval(amount - figure.tolerance, amount + figure.tolerance)


# The funding rules each ask for the intervals of the same few figures. Keyed by the
# digits too: 48.3 and 48.30 make equal figures, printed to different precisions.
@functools.lru_cache(maxsize=4096)
def _kept_interval(figure: Figure, digits: str) -> Interval | None:
    return _interval(figure)


def stated_figure(figure: Figure | None) -> Figure | None:
    """The figure when a value was printed; None when absent or a placeholder."""
    return None if figure is None or figure.value is None else figure


def percentage_value(percentage: Percentage | None) -> Decimal | None:
    """The printed percentage; None when absent or a placeholder."""
    return None if percentage is None else percentage.value


def percentage_interval(percentage: Percentage | None) -> Interval | None:
    """Where the true value of a printed percentage lies; None when not printed."""
    value = percentage_value(percentage)
    return None if value is None else printed_interval(value)


def quantity_interval(quantity: Quantity | None) -> Interval | None:
    """Where the true count lies, given its qualifier; None when no value was printed.

    Exact: the value. At least ("over 6,500"): the value and up. At most ("up to"): 0 to
    the value. About: within ``ABOUT_SLACK`` of the value.
    """
    if quantity is None or quantity.value is None:
        return None
    return count_interval(quantity.value, quantity.qualifier)


def count_interval(count: int, qualifier: Qualifier) -> Interval:
    """Where the true count lies, given a count as printed and its qualifier."""
    value = Decimal(count)
    if qualifier is Qualifier.AT_LEAST:
        return Interval(value, INFINITY)
    if qualifier is Qualifier.AT_MOST:
        return Interval(Decimal(0), value)
    if qualifier is Qualifier.ABOUT:
        return Interval(value * (1 - ABOUT_SLACK), value * (1 + ABOUT_SLACK))
    return Interval.exact(value)


_QUALIFIER_WORDS = {
    Qualifier.EXACT: "",
    Qualifier.AT_LEAST: "over ",
    Qualifier.AT_MOST: "up to ",
    Qualifier.ABOUT: "about ",
}


def format_quantity(quantity: Quantity | None) -> str:
    """A count for a message: its printed text where kept, else its value with its qualifier."""
    if quantity is None:
        return "not printed"
    if quantity.printed is not None or quantity.value is None:
        return repr(quantity.printed)
    return f"{_QUALIFIER_WORDS[quantity.qualifier]}{quantity.value:,}"


def printed_interval(value: Decimal) -> Interval:
    """Where the true value of a printed decimal (a percentage, "7") lies."""
    tolerance = Decimal(5).scaleb(int(value.as_tuple().exponent) - 1)
    return Interval(value - tolerance, value + tolerance)


def format_figure(figure: Figure, currency: str | None = None) -> str:
    """A figure for a message, in its canonical form ("USD 42,749,662 M"); a placeholder as printed."""
    if figure.value is None:
        return repr(figure.printed)
    if type(figure) is not Figure:
        return _canonical(figure, currency)
    return _kept_canonical(figure, str(figure.value), currency)


def _canonical(figure: Figure, currency: str | None) -> str:
    # The canonical form, not the print: messages compare numbers, whatever their grouping.
    return printing.money_printed(attrs.evolve(figure, printed=None), currency)


# Several rules name the same figures; kept as figure_interval keeps their intervals.
@functools.lru_cache(maxsize=4096)
def _kept_canonical(figure: Figure, digits: str, currency: str | None) -> str:
    return _canonical(figure, currency)


def rescale(amount: Decimal, like: Figure) -> Decimal:
    """An amount expressed at the scale of a printed figure."""
    return amount.scaleb(-like.scale.exponent)
