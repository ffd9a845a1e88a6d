"""The one reader of field types (``opsfacts.model._types``), and constraints that carry their own key."""

from __future__ import annotations

import typing
from pathlib import Path

import attrs
import pytest

import opsfacts
from opsfacts.model import Count, Factsheet, Marker, PartialDate, Quantity, Text, constraint_of
from opsfacts.model import _constraints as constraints
from opsfacts.model._types import (
    alternatives,
    constraint_within,
    is_optional,
    is_tuple,
    item_type,
    non_null,
    unannotated,
)


def test_optional_and_alternatives() -> None:
    assert is_optional(int | None)
    assert not is_optional(int)
    assert not is_optional(tuple[int, ...])
    assert non_null(Quantity | None) is Quantity
    assert non_null(PartialDate) is PartialDate
    assert alternatives(int | str | None) == (int, str)
    assert alternatives(int) == (int,)
    assert non_null(int | str | None) == typing.Union[int, str]  # noqa: UP007 - what non_null builds


def test_tuples_and_annotations() -> None:
    assert is_tuple(tuple[Text, ...])
    assert not is_tuple(tuple[int, str])
    assert not is_tuple(list[int])
    assert item_type(tuple[Marker, ...]) is Marker
    assert unannotated(Count) is int
    assert unannotated(Text) is str
    assert unannotated(Quantity) is Quantity


def test_constraint_within_looks_inside_optional_and_tuples() -> None:
    marker = constraint_of(Marker)
    assert marker is not None
    assert constraint_within(tuple[Marker, ...] | None) is marker
    assert constraint_within(Marker | None) is marker
    assert constraint_within(Quantity | None) is None


def test_every_constraint_has_its_own_key() -> None:
    found = {}
    for alias in constraints.__all__:
        constraint = constraint_of(getattr(constraints, alias))
        if constraint is not None:
            found[alias] = constraint
    keys = [c.key for c in found.values()]
    assert len(keys) == len(set(keys)) == len(found) >= 16
    # A key is an identifier, not the docs' wording: renaming a constraint for people keeps lookups working.
    for constraint in found.values():
        assert constraint.key.isidentifier()
        assert constraint.key != constraint.name or " " not in constraint.name


@pytest.mark.parametrize("field", attrs.fields(Factsheet), ids=lambda f: f.name)
def test_every_factsheet_field_type_is_readable(field: attrs.Attribute[object]) -> None:
    tp = field.type
    inner = non_null(tp)
    if is_tuple(inner):
        inner = item_type(inner)
    for alternative in alternatives(inner):
        base = unannotated(alternative)
        assert isinstance(base, type), (field.name, base)


def test_the_index_finds_values_by_constrained_type_and_refuses_anything_else() -> None:
    from opsfacts.checks._walk import index

    mali = opsfacts.load(Path(__file__).resolve().parents[1] / "examples" / "mali-2017-06.as-published.json")
    found = index(mali)
    markers = {value for _, value in found.constrained(Marker)}
    assert "*" in markers
    texts = [value for _, value in found.constrained(Text)]
    assert mali.title in texts
    with pytest.raises(TypeError, match="not a constrained type"):
        found.constrained("non-blank text")
