"""Walking a factsheet: every value with its JSON path and the field it sits in."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

import attrs

from ..constraints import constraint_of
from ..converter import field_key
from ..errors import PathPart

__all__ = ["constraint_name", "values"]

Path = tuple[PathPart, ...]


def constraint_name(tp: Any) -> str | None:
    """The name of the constraint on a field type, looking inside ``tuple[...]`` and ``| None``."""
    found = constraint_of(tp)
    if found is not None:
        return found.name
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union, tuple):
        for arg in typing.get_args(tp):
            if arg is not type(None) and arg is not Ellipsis:
                name = constraint_name(arg)
                if name is not None:
                    return name
    return None


def values(obj: Any, parts: Path = ()) -> Iterator[tuple[Path, attrs.Attribute[Any], Any]]:
    """Every field value below a model object, depth first in field order, with its path.

    Items of tuples are yielded one by one with their index; ``None`` values are skipped.
    """
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        here = (*parts, field_key(field))
        items: list[tuple[Path, Any]]
        if isinstance(value, tuple):
            items = [((*here, index), item) for index, item in enumerate(value)]
        elif value is None:
            items = []
        else:
            items = [(here, value)]
        for path, item in items:
            yield path, field, item
            if attrs.has(type(item)):
                yield from values(item, path)
