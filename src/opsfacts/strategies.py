"""Hypothesis strategies for every model class (needs the ``test`` extra).

Strategies are derived from the model's field types and constraints, so a
new field is generated without touching this module; only classes whose
``__attrs_post_init__`` ties fields together have a hand-written strategy.

A property test: any factsheet survives writing and reading back.

>>> from hypothesis import given, settings
>>> import opsfacts
>>> from opsfacts.strategies import factsheets
>>> @settings(max_examples=10, deadline=None)
... @given(factsheets())
... def test_round_trip(factsheet):
...     assert opsfacts.loads(opsfacts.dumps(factsheet)) == factsheet
>>> test_round_trip()

:func:`models` does the same for one class:

>>> from hypothesis import find
>>> from opsfacts.model import Figure
>>> from opsfacts.strategies import models
>>> find(models(Figure), lambda figure: figure.value is not None and figure.value > 1000).value > 1000
True
"""

from __future__ import annotations

import datetime
import enum
import re
import string
import typing
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import reject
from hypothesis import strategies as st

from .model import _constraints as c
from .model._classes import AgeCount, Factsheet, Operation, Percentage, Period, Quantity
from .model._codes import OperationScope
from .model._constraints import constraint_of
from .model._dates import PartialDate
from .model._modelling import any_of_groups
from .model._types import alternatives, is_optional, is_tuple, item_type, non_null

__all__ = ["factsheets", "for_type", "models", "paragraphs", "partial_dates", "texts"]

T = TypeVar("T")

_TEXT_ALPHABET = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
    blacklist_characters="\ufeff",
)


def texts(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank text, Unicode included."""
    return st.text(_TEXT_ALPHABET, min_size=min_size, max_size=max_size).filter(lambda s: bool(s.strip()))


def paragraphs(min_size: int = 1, max_size: int = 80) -> st.SearchStrategy[str]:
    """Non-blank running text: as :func:`texts`, with line breaks and tabs."""
    alphabet = st.one_of(_TEXT_ALPHABET, st.sampled_from("\n\t"))
    return st.text(alphabet, min_size=min_size, max_size=max_size).filter(lambda s: bool(s.strip()))


def _decimals() -> st.SearchStrategy[Decimal]:
    return st.builds(
        lambda digits, places: Decimal(digits).scaleb(-places),
        st.integers(min_value=0, max_value=10**12),
        st.integers(min_value=0, max_value=3),
    )


_ASCII_WORD = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
# The dot-atom of an email's local part: letters, digits and RFC 5322 atext punctuation.
_ATOM = st.text(string.ascii_letters + string.digits + "!#$%&'*+/=?^_`{|}~-", min_size=1, max_size=8)

_CONSTRAINED: dict[str, st.SearchStrategy[Any]] = {
    "count": st.integers(min_value=0, max_value=10**9),
    "positive_count": st.integers(min_value=1, max_value=10**6),
    "year": st.integers(min_value=1900, max_value=2100),
    "text": texts(),
    "paragraph": paragraphs(),
    "country": st.sampled_from(sorted(c.country_codes())),
    "origin": st.sampled_from([*sorted(c.country_codes())[:40], c.MIXED_ORIGIN, c.UNKNOWN_ORIGIN]),
    "currency": st.sampled_from(sorted(c.currency_codes())),
    "email": st.builds(
        "{}@{}.{}".format,
        _ASCII_WORD | st.lists(_ATOM, min_size=1, max_size=3).map(".".join),
        _ASCII_WORD,
        st.sampled_from(["org", "net"]),
    ),
    "url": st.builds(
        "https://{}.example.org/{}".format, _ASCII_WORD, st.text(string.ascii_letters + "-_/", max_size=12)
    ),
    "marker": st.sampled_from(["*", "**", "***", "†", "‡", "a", "b", "1", "2", "¹", "²³"]),
    "rule_code": st.from_regex(re.compile(r"OPS[0-9]{0,3}"), fullmatch=True),
    "amount": _decimals(),
    "web_address": st.builds(
        "{}{}.example.org/{}".format,
        st.sampled_from(["https://", "http://", "", "www."]),
        _ASCII_WORD,
        st.text(string.ascii_letters + "-_/", max_size=12),
    ),
    "language": st.sampled_from(["en", "fr", "es", "ar", "pt", "es-CO", "fr-CA"]),
    "iati_org_id": st.from_regex(re.compile(r"XM-DAC-[0-9]{2,5}(-[0-9])?"), fullmatch=True),
    "heading_level": st.integers(min_value=1, max_value=4),
}

_DAYS = st.dates(datetime.date(1990, 1, 1), datetime.date(2040, 12, 31))


def partial_dates() -> st.SearchStrategy[PartialDate]:
    """Dates printed to the day, the month or the year."""
    return st.builds(
        lambda day, length: PartialDate(day.isoformat()[:length]), _DAYS, st.sampled_from([10, 7, 4])
    )


def for_type(tp: Any) -> st.SearchStrategy[Any]:
    """A strategy for any type used in the model."""
    constraint = constraint_of(tp)
    if constraint is not None:
        return _CONSTRAINED[constraint.key]
    if is_optional(tp):
        return st.none() | st.one_of(*(for_type(a) for a in alternatives(tp)))
    if is_tuple(tp):
        items = item_type(tp)
        unique = isinstance(items, type) and issubclass(items, enum.Enum)
        return st.lists(for_type(items), max_size=3, unique=unique).map(tuple)
    if isinstance(tp, type):
        if attrs.has(tp):
            return models(tp)
        if issubclass(tp, enum.Enum):
            return st.sampled_from(list(tp))
        if tp is bool:
            return st.booleans()
        if tp is PartialDate:
            return partial_dates()
        if tp is datetime.date:
            return _DAYS
        if tp is str:
            return texts()
    raise TypeError(f"no strategy for {tp!r}")


def _derived(cls: type[T]) -> st.SearchStrategy[T]:
    fields = {
        f.name: for_type(f.type) for f in attrs.fields(typing.cast(Any, cls)) if "const" not in f.metadata
    }
    groups = any_of_groups(cls)
    if not groups and "__attrs_post_init__" not in vars(cls):
        return st.builds(cls, **fields)
    # At least one field of each any-of group is given: the one drawn, made non-empty.
    given = {
        name: for_type(non_null(attrs.fields_dict(typing.cast(Any, cls))[name].type)).filter(bool)
        for names in groups
        for name in names
    }

    @st.composite
    def build(draw: st.DrawFn) -> T:
        values = {name: draw(strategy) for name, strategy in fields.items()}
        for names in groups:
            if all(values[name] in (None, ()) for name in names):
                name = draw(st.sampled_from(names))
                values[name] = draw(given[name])
        try:
            return cls(**values)
        except ValueError:
            # A rule tying fields together (a group is not part of itself): draw again.
            reject()

    return build()


def _operations() -> st.SearchStrategy[Operation]:
    countries = _CONSTRAINED["country"]

    @st.composite
    def build(draw: st.DrawFn) -> Operation:
        scope = draw(st.sampled_from(list(OperationScope)))
        if scope is OperationScope.MULTI_COUNTRY:
            codes = tuple(draw(st.lists(countries, min_size=1, max_size=4, unique=True)))
        else:
            codes = (draw(countries),)
        area = draw(texts()) if scope is OperationScope.SUBNATIONAL else None
        return Operation(name=draw(texts()), countries=codes, scope=scope, area=area)

    return build()


def _periods() -> st.SearchStrategy[Period]:
    @st.composite
    def build(draw: st.DrawFn) -> Period:
        start = draw(partial_dates())
        end = draw(st.none() | partial_dates().filter(lambda d: d.last_day >= start.first_day))
        printed = draw(st.none() | texts())
        return Period(start=start, end=end, printed=printed)

    return build()


def _age_counts() -> st.SearchStrategy[AgeCount]:
    @st.composite
    def build(draw: st.DrawFn) -> AgeCount:
        low = draw(st.integers(min_value=0, max_value=120))
        span = draw(st.none() | st.integers(min_value=0, max_value=60))
        count = draw(st.none() | models(Quantity))
        percent = draw(models(Percentage) if count is None else st.none() | models(Percentage))
        return AgeCount(
            min_age=low, max_age=None if span is None else low + span, count=count, percent=percent
        )

    return build()


_SPECIAL: dict[type, st.SearchStrategy[Any]] = {
    Operation: _operations(),
    Period: _periods(),
}
_SPECIAL[AgeCount] = st.deferred(_age_counts)


def models(cls: type[T]) -> st.SearchStrategy[T]:
    """A strategy for any model class."""
    special = _SPECIAL.get(cls)
    if special is not None:
        return typing.cast(st.SearchStrategy[T], special)
    return st.deferred(lambda: _derived(cls))


def factsheets() -> st.SearchStrategy[Factsheet]:
    """Whole factsheets, every optional part sometimes present."""
    return models(Factsheet)
