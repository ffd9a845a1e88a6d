"""Comparing two printed numbers: by how much they moved, and whether they agree as printed."""

from __future__ import annotations

import decimal
from decimal import Decimal

from ..checks._precision import Interval, figure_interval, printed_interval, quantity_interval
from ..model import Figure, Percentage, Quantity
from ..model._printing import count, figure, quantity
from ._result import FigureChange

__all__ = ["Number", "figure_change", "number_text", "print_only"]

Number = Quantity | Figure | Percentage | int
"""What a figure change compares: a count, an amount, a percentage, or a bare count of offices."""


def _value(number: Number | None) -> Decimal | None:
    if number is None:
        return None
    if isinstance(number, int):
        return Decimal(number)
    if isinstance(number, Figure):
        return number.amount
    return None if number.value is None else Decimal(number.value)


def _interval(number: Number) -> Interval | None:
    if isinstance(number, int):
        return Interval.exact(number)
    if isinstance(number, Figure):
        return None if number.value is None else figure_interval(number)
    if isinstance(number, Quantity):
        return quantity_interval(number)
    return None if number.value is None else printed_interval(number.value)


def figure_change(old: Number | None, new: Number | None) -> FigureChange:
    """How ``old`` became ``new``; either may be None (not printed)."""
    a, b = _value(old), _value(new)
    absolute = relative = None
    if a is not None and b is not None:
        absolute = b - a
        if a:
            with decimal.localcontext() as context:
                context.prec = 12  # a relative change needs no more digits than a reader reads
                relative = (absolute / a).normalize()
    within = False
    if old is not None and new is not None:
        low, high = _interval(old), _interval(new)
        within = low is not None and high is not None and low.overlaps(high)
    percentage = isinstance(old if old is not None else new, Percentage)
    return FigureChange(a, b, absolute, relative, within, percentage)


def print_only(old: Number | None, new: Number | None) -> bool:
    """Whether only the print changed: the same value, qualifier and multiplier-applied amount."""
    if old is None or new is None or type(old) is not type(new):
        return False
    a, b = _value(old), _value(new)
    if a is None or b is None or a != b:
        return False
    return not (isinstance(old, Quantity) and isinstance(new, Quantity) and old.qualifier != new.qualifier)


def number_text(number: Number | None, currency: str | None = None) -> str | None:
    """A number as printed (``USD 48.3 M``, ``over 6,500``, ``7%``); None when not printed."""
    if number is None:
        return None
    if isinstance(number, int):
        return count(number)
    if isinstance(number, Quantity):
        return quantity(number)
    if isinstance(number, Percentage):
        if number.printed is not None or number.value is None:
            return number.printed or ""
        return f"{number.value}%"
    text = figure(number)
    if number.printed is None and number.value is not None and currency:
        return f"{currency} {text}"
    return text
