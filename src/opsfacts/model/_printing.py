"""Numbers and dates formatted for people: ``42,749,662``, ``USD 42.7 M``, ``7%``, ``March 2019``.

Every figure a renderer shows comes from the data through these functions;
nothing is re-typed. Where the factsheet kept the text it printed (a
``printed`` field: ``"412.305"``, ``"over 6,500"``, a ``"[XX]"`` placeholder),
that text is what is shown: the printed text wins over the canonical rendering.
Amounts are :class:`~decimal.Decimal` throughout, never floats.
"""

from __future__ import annotations

import datetime
import decimal
from decimal import ROUND_HALF_UP, Decimal

from ._classes import Figure, Funding, Percentage, Period, Quantity
from ._codes import Qualifier
from ._dates import PartialDate

__all__ = [
    "count",
    "date_text",
    "decimal_text",
    "digits",
    "figure",
    "fixed",
    "funded_share",
    "long_date",
    "money",
    "money_figure",
    "money_printed",
    "money_short",
    "money_short_figure",
    "percent",
    "percentage",
    "period_text",
    "quantity",
]

_SHORT = ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "K"))
_QUALIFIER_WORDS = {Qualifier.AT_LEAST: "over ", Qualifier.AT_MOST: "up to ", Qualifier.ABOUT: "about "}
_CHUNK = 10**1000


def digits(value: int) -> str:
    """A whole number's decimal digits, however many (``str`` refuses more than 4,300 by default)."""
    if -_CHUNK < value < _CHUNK:
        return str(value)
    sign, rest = ("-", -value) if value < 0 else ("", value)
    chunks: list[str] = []
    while rest >= _CHUNK:
        rest, low = divmod(rest, _CHUNK)
        chunks.append(str(low).zfill(1000))
    return sign + str(rest) + "".join(reversed(chunks))


def count(value: int) -> str:
    """A whole number with thousands separators: ``42,749,662``."""
    if -_CHUNK < value < _CHUNK:
        return f"{value:,}"
    text = digits(value)
    sign, text = (text[0], text[1:]) if text.startswith("-") else ("", text)
    head = len(text) % 3 or 3
    groups = [text[:head]] + [text[i : i + 3] for i in range(head, len(text), 3)]
    return sign + ",".join(groups)


def quantity(value: Quantity) -> str:
    """A quantity as printed: its printed text, else its qualifier and number (``over 6,500``)."""
    if value.printed is not None:
        return value.printed
    assert value.value is not None  # a quantity has a value or its printed text
    return _QUALIFIER_WORDS.get(value.qualifier, "") + count(value.value)


def fixed(value: Decimal, places: int = 0) -> str:
    """A decimal rounded half up to ``places`` decimals, with thousands separators: ``39,680,720``."""
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,f}"


def decimal_text(value: Decimal) -> str:
    """A decimal with thousands separators and its printed decimals: ``1,234.5``."""
    return f"{value:,f}"


def figure(value: Figure) -> str:
    """A figure as printed, with its multiplier: ``48.3 M``, ``42,749,662``; else its printed text."""
    if value.printed is not None or value.value is None:
        return value.printed or ""
    suffix = value.scale.suffix
    return f"{decimal_text(value.value)} {suffix}" if suffix else decimal_text(value.value)


def money(amount: Decimal, currency: str | None) -> str:
    """An amount in full: ``USD 42,749,662``."""
    # A figure times its multiplier may carry an exponent (4.27E+13); "f" writes it in full.
    text = decimal_text(amount.to_integral_value() if amount == amount.to_integral_value() else amount)
    return f"{currency} {text}" if currency else text


def money_short(amount: Decimal, currency: str | None) -> str:
    """A large amount to one decimal in K, M or B: ``USD 42.7 M``; small amounts in full."""
    for unit, suffix in _SHORT[:2]:
        if abs(amount) >= unit:
            # Enough precision for any amount: quantizing never runs out of digits.
            places = len(amount.as_tuple().digits) + max(0, int(amount.as_tuple().exponent)) + 2
            with decimal.localcontext() as context:
                context.prec = max(28, places)
                short = (amount / unit).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            text = f"{short:,f} {suffix}"
            return f"{currency} {text}" if currency else text
    return money(amount, currency)


def money_figure(value: Figure, currency: str | None) -> str:
    """A stated amount in full (``USD 42,749,662``), or its printed text where it kept one."""
    if value.printed is not None or value.amount is None:
        return value.printed or ""
    return money(value.amount, currency)


def money_printed(value: Figure, currency: str | None) -> str:
    """An amount as printed, with its currency before it: ``USD 306.7 M``; else its printed text.

    The digits and multiplier are kept as printed (``306.75 M`` stays ``306.75 M``); where the
    factsheet kept the printed text (``$3.2 million``, ``USD [Figure] M``), that text is shown alone.
    """
    if value.printed is not None or value.value is None:
        return value.printed or ""
    return f"{currency} {figure(value)}" if currency else figure(value)


def money_short_figure(value: Figure, currency: str | None) -> str:
    """A stated amount short (``USD 42.7 M``), or its printed text where it kept one."""
    if value.printed is not None or value.amount is None:
        return value.printed or ""
    return money_short(value.amount, currency)


def percent(value: Decimal, places: int = 0) -> str:
    """A computed percentage rounded half up: ``7%``."""
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,f}%"


def percentage(value: Percentage) -> str:
    """A stated percentage as printed: its printed text (``[XX]%``), else its exact value (``91.3%``)."""
    if value.printed is not None or value.value is None:
        return value.printed or ""
    return f"{value.value:,f}%"


def funded_share(funding: Funding) -> Decimal | None:
    """The funded share of the requested amount, between 0 and 1, when both are stated."""
    percent_value = funding.computed_funded_percent
    if percent_value is None:
        return None
    return min(max(percent_value / 100, Decimal(0)), Decimal(1))


def date_text(value: PartialDate | datetime.date) -> str:
    """A date at the precision it was printed: ``30 June 2017``, ``March 2019``, ``2019``.

    Month names are English whatever the factsheet's language (the renderers' own words are English).
    """
    if not isinstance(value, PartialDate):
        value = PartialDate(value)
    day = value.first_day
    if value.precision == "year":
        return str(day.year)
    if value.precision == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


long_date = date_text
"""The name :func:`date_text` had when every date was a day."""


def period_text(period: Period) -> str:
    """A period as printed, else ``1 June 2017 – 30 June 2017`` (or one date when it has no end)."""
    if period.printed is not None:
        return period.printed
    if period.end is None or period.end == period.start:
        return date_text(period.start)
    return f"{date_text(period.start)} – {date_text(period.end)}"


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
