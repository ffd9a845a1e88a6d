"""Numbers formatted for people: ``42,749,662``, ``USD 42.7 M``, ``7%``.

Every figure a renderer shows comes from the data through these functions;
nothing is re-typed.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from ..model import Figure, Funding

__all__ = ["count", "decimal", "figure", "funded_share", "long_date", "money", "money_short", "percent"]

_SHORT = ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "K"))


def count(value: int) -> str:
    """A whole number with thousands separators: ``42,749,662``."""
    return f"{value:,}"


def decimal(value: Decimal) -> str:
    """A decimal with thousands separators and its printed decimals: ``1,234.5``."""
    return f"{value:,f}"


def figure(value: Figure) -> str:
    """A figure as printed, with its multiplier: ``48.3 M``, ``42,749,662``."""
    suffix = value.scale.suffix
    return f"{decimal(value.value)} {suffix}" if suffix else decimal(value.value)


def money(amount: Decimal, currency: str | None) -> str:
    """An amount in full: ``USD 42,749,662``."""
    # A figure times its multiplier may carry an exponent (4.27E+13); write whole amounts in full.
    text = decimal(amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount)
    return f"{currency} {text}" if currency else text


def money_short(amount: Decimal, currency: str | None) -> str:
    """A large amount to one decimal in K, M or B: ``USD 42.7 M``; small amounts in full."""
    for unit, suffix in _SHORT[:2]:
        if abs(amount) >= unit:
            short = (amount / unit).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            text = f"{short:,f} {suffix}"
            return f"{currency} {text}" if currency else text
    return money(amount, currency)


def percent(value: Decimal, places: int = 0) -> str:
    """A percentage rounded half up: ``7%``."""
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,f}%"


def funded_share(funding: Funding) -> Decimal | None:
    """The funded share of the requested amount, between 0 and 1, when both are stated."""
    percent_value = funding.computed_funded_percent
    if percent_value is None:
        return None
    return min(max(percent_value / 100, Decimal(0)), Decimal(1))


def long_date(value: datetime.date) -> str:
    """A date for people: ``30 June 2017`` (English month names, whatever the locale)."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
