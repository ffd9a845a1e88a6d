"""Reading a field's type: the one place that knows ``X | None``, ``tuple[X, ...]`` and ``Annotated``.

The converter, the schema, the format reference, the checks' walk and the
strategies all ask the same questions of a field's type: may it be null, is
it a list, what are the items, which constraint does it carry. They ask here.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any

from ._constraints import Constraint, constraint_of

__all__ = [
    "alternatives",
    "constraint_within",
    "is_optional",
    "is_tuple",
    "item_type",
    "non_null",
    "unannotated",
]

_UNIONS = (types.UnionType, typing.Union)


def alternatives(tp: Any) -> tuple[Any, ...]:
    """The types of a union other than ``None`` (``int | str | None`` -> ``(int, str)``); else ``(tp,)``."""
    if typing.get_origin(tp) in _UNIONS:
        return tuple(a for a in typing.get_args(tp) if a is not type(None))
    return (tp,)


def is_optional(tp: Any) -> bool:
    """Whether the type admits ``None`` (``X | None``)."""
    return typing.get_origin(tp) in _UNIONS and type(None) in typing.get_args(tp)


def non_null(tp: Any) -> Any:
    """The type without its ``| None`` (``X | None`` -> ``X``); a union of several stays a union."""
    if not is_optional(tp):
        return tp
    rest = alternatives(tp)
    return rest[0] if len(rest) == 1 else typing.Union[rest]  # noqa: UP007 - built at run time


def is_tuple(tp: Any) -> bool:
    """Whether the type is a homogeneous tuple, ``tuple[X, ...]`` (how the model spells a list)."""
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def item_type(tp: Any) -> Any:
    """The item type of ``tuple[X, ...]``."""
    return typing.get_args(tp)[0]


def unannotated(tp: Any) -> Any:
    """The base type of ``Annotated[base, ...]``; any other type as it is."""
    return typing.get_args(tp)[0] if constraint_of(tp) is not None else tp


@functools.cache
def constraint_within(tp: Any) -> Constraint | None:
    """The constraint on a field's values, looking inside ``| None`` and ``tuple[...]``."""
    found = constraint_of(tp)
    if found is not None:
        return found
    inner = item_type(tp) if is_tuple(tp) else tp
    for alternative in alternatives(inner):
        if alternative is not tp:
            found = constraint_within(alternative)
            if found is not None:
                return found
    return None
