"""Figures as printed: counts, amounts with their multiplier and currency, percentages.

Each reader returns the value in the model's form together with the exact
text it read, and returns None rather than guess: "57,003" is a count
(three digits after the separator), "72,5" is a decimal.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from attrs import frozen

__all__ = [
    "AMOUNT",
    "COUNT",
    "PERCENT",
    "Reading",
    "read_amount",
    "read_count",
    "read_percent",
]

_SEP = r"[,.\u00a0\u202f ]"
_GROUPED = rf"\d{{1,3}}(?:{_SEP} ?\d{{3}})+"
_QUALIFIER = r"(?:(?:over|more than|about|some|around|almost|nearly|up to|environ|plus de|près de|\+)\s?)"
COUNT = re.compile(rf"(?P<q>{_QUALIFIER})?(?P<n>{_GROUPED}|\d+)(?![\d,.]\d)", re.IGNORECASE)
"""A count, possibly qualified ("over 6,500", "119 620", "1.729.537")."""

_CURRENCY = r"(?:USD|US\$|EUR|CHF|GBP|\$|€)"
_SCALE = r"(?:billions?|milliards?|millions?|thousands?|M|K|B|bn|m)"
AMOUNT = re.compile(
    rf"(?P<c1>{_CURRENCY})?\s?(?P<n>{_GROUPED}(?:[.,]\d+)?|\d+(?:[.,]\d+)?|\[[^\]]*\])\s?"
    rf"(?P<s>{_SCALE})?\.?(?:\s?(?P<c2>{_CURRENCY}))?(?![\w])"
)
"""An amount: "USD 42.7 M", "$274.9 million", "72,5 millions USD", "USD [Figure] M"."""

PERCENT = re.compile(r"(?P<n>\d{1,3}(?:[.,]\d+)?|\[[^\]]*\])\s?%")
"""A percentage: "7%", "91,3 %", "[XX]%"."""

_SCALES = {
    "m": "million",
    "million": "million",
    "millions": "million",
    "k": "thousand",
    "thousand": "thousand",
    "thousands": "thousand",
    "b": "billion",
    "bn": "billion",
    "billion": "billion",
    "billions": "billion",
    "milliard": "billion",
    "milliards": "billion",
}
_QUALIFIERS = {
    "over": "at-least",
    "more than": "at-least",
    "plus de": "at-least",
    "+": "at-least",
    "about": "about",
    "some": "about",
    "around": "about",
    "environ": "about",
    "près de": "about",
    "almost": "at-most",
    "nearly": "at-most",
    "up to": "at-most",
}
_CURRENCIES = {"$": "USD", "US$": "USD", "USD": "USD", "EUR": "EUR", "€": "EUR", "CHF": "CHF", "GBP": "GBP"}


@frozen
class Reading:
    """A figure read from text: its model form, the text it was read from, and where it sits."""

    value: Any
    printed: str
    start: int
    end: int
    currency: str | None = None


def _digits(text: str) -> str:
    return re.sub(r"[,.\u00a0\u202f ]", "", text)


def read_count(text: str, *, start: int = 0) -> Reading | None:
    """The first count in ``text`` at or after ``start``: ``498170`` or ``{value, qualifier, printed}``."""
    found = COUNT.search(text, start)
    if found is None:
        return None
    number = found["n"]
    value = int(_digits(number))
    qualifier = _QUALIFIERS.get((found["q"] or "").strip().lower())
    printed = found[0].strip()
    quantity: Any = value
    if qualifier or number != f"{value:,}":
        quantity = {"value": value}
        if qualifier:
            quantity["qualifier"] = qualifier
        quantity["printed"] = printed
    return Reading(quantity, printed, found.start(), found.end())


def _decimal(number: str) -> str | None:
    """The printed number as a decimal string, or None when it cannot be read for sure."""
    if re.fullmatch(_GROUPED, number):
        return _digits(number)
    grouped_with_decimals = re.fullmatch(r"(\d{1,3}(?:([,. \u00a0\u202f])\d{3})+)([.,])(\d+)", number)
    if grouped_with_decimals:
        if grouped_with_decimals[2] == grouped_with_decimals[3]:
            return None
        return f"{_digits(grouped_with_decimals[1])}.{grouped_with_decimals[4]}"
    plain = re.fullmatch(r"(\d+)(?:[.,](\d+))?", number)
    if plain is None:
        return None
    return plain[1] if plain[2] is None else f"{plain[1]}.{plain[2]}"


def read_amount(text: str, *, start: int = 0, need_currency: bool = False) -> Reading | None:
    """The first amount in ``text``: a Figure's data (``{"value": "42.7", "scale": "million"}``)."""
    for found in AMOUNT.finditer(text, start):
        currency = found["c1"] or found["c2"]
        scale = found["s"]
        if need_currency and not currency:
            continue
        if not currency and not scale:
            continue
        number = found["n"]
        printed = found[0].strip()
        figure: dict[str, Any] = {}
        if number.startswith("["):
            figure["printed"] = printed
        else:
            value = _decimal(number)
            if value is None:
                continue
            try:
                Decimal(value)
            except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
                continue
            figure["value"] = value
            if scale:
                figure["scale"] = _SCALES[scale.lower()]
            # The print is kept where it is not the plain "USD 42.7 M" form.
            plain = re.fullmatch(
                rf"{_CURRENCY} [\d,]+(?:\.\d+)?(?: [MKB])?|[\d,]+(?:\.\d+)?(?: [MKB])?", printed
            )
            if plain is None:
                figure["printed"] = printed
        code = _CURRENCIES.get(currency) if currency else None
        return Reading(figure, printed, found.start(), found.end(), code)
    return None


def read_percent(text: str, *, start: int = 0) -> Reading | None:
    """The first percentage in ``text``: ``"7"``, or ``{"printed": "[XX]%"}`` for a placeholder."""
    found = PERCENT.search(text, start)
    if found is None:
        return None
    number = found["n"]
    value: Any
    if number.startswith("["):
        value = {"printed": found[0]}
    else:
        value = number.replace(",", ".")
        if "," in number:
            value = {"value": value, "printed": found[0]}
    return Reading(value, found[0], found.start(), found.end())
