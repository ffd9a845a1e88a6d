"""Walking a factsheet: every value with its JSON path and the field it sits in."""

from __future__ import annotations

import functools
import types
import typing
import weakref
from collections.abc import Iterator
from typing import Any

import attrs

from ..constraints import constraint_of
from ..converter import field_key
from ..errors import PathPart

__all__ = ["Index", "constraint_name", "index", "values"]

Path = tuple[PathPart, ...]


_NAMES: dict[int, tuple[Any, str | None]] = {}


def constraint_name(tp: Any) -> str | None:
    """The name of the constraint on a field type, looking inside ``tuple[...]`` and ``| None``."""
    # Keyed by identity: hashing a typing construct costs more than the lookup saves.
    # The type is kept in the entry so that its id cannot be reused.
    entry = _NAMES.get(id(tp))
    if entry is None or entry[0] is not tp:
        entry = _NAMES[id(tp)] = (tp, _constraint_name(tp))
    return entry[1]


@functools.cache
def _constraint_name(tp: Any) -> str | None:
    found = constraint_of(tp)
    if found is not None:
        return found.name
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union, tuple):
        for arg in typing.get_args(tp):
            if arg is not type(None) and arg is not Ellipsis:
                name = _constraint_name(arg)
                if name is not None:
                    return name
    return None


_PLANS: dict[type, tuple[tuple[str, str, attrs.Attribute[Any]], ...]] = {}


def _plan(cls: type) -> tuple[tuple[str, str, attrs.Attribute[Any]], ...]:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = tuple((f.name, field_key(f), f) for f in attrs.fields(cls))
    return plan


Entry = tuple[Path, "attrs.Attribute[Any]", Any]
Located = tuple[tuple[Path, Any], ...]


@attrs.frozen
class Index:
    """A factsheet walked once: every value, and the same values grouped for quick lookup."""

    entries: tuple[Entry, ...]
    """Every ``(path, field, value)``, depth first in field order."""
    by_constraint: dict[str, Located]
    """``(path, value)`` of the values whose field type carries the named constraint."""
    by_field: dict[str, Located]
    """``(path, value)`` of the values of fields with the given name."""
    by_type: dict[type, Located]
    """``(path, value)`` of the values of the given class."""

    def constrained(self, name: str) -> Located:
        """Values whose field type carries the constraint ``name`` ("footnote marker")."""
        return self.by_constraint.get(name, ())

    def field(self, name: str) -> Located:
        """Values of the fields called ``name`` ("as_of")."""
        return self.by_field.get(name, ())

    def of_type(self, cls: type) -> Located:
        """Values that are instances of exactly ``cls``."""
        return self.by_type.get(cls, ())


# Every rule looks at the same factsheet; the index of the last one is kept so
# that a check run walks it once, not once per rule.
_last: tuple[weakref.ReferenceType[Any], Index] | None = None


_MODELS: dict[type, bool] = {}


def _is_model(cls: type) -> bool:
    known = _MODELS.get(cls)
    if known is None:
        known = _MODELS[cls] = attrs.has(cls)
    return known


def _walk(obj: Any, parts: Path, out: list[Entry]) -> None:
    for name, key, field in _plan(type(obj)):
        value = getattr(obj, name)
        if value is None:
            continue
        here = (*parts, key)
        if isinstance(value, tuple):
            for index, item in enumerate(value):
                path = (*here, index)
                out.append((path, field, item))
                if _is_model(type(item)):
                    _walk(item, path, out)
        else:
            out.append((here, field, value))
            if _is_model(type(value)):
                _walk(value, here, out)


def index(factsheet: Any) -> Index:
    """The :class:`Index` of a factsheet (built once for consecutive calls on the same one)."""
    global _last  # noqa: PLW0603 - a one-entry cache, see above
    if _last is not None and _last[0]() is factsheet:
        return _last[1]
    entries: list[Entry] = []
    _walk(factsheet, (), entries)
    by_constraint: dict[str, list[tuple[Path, Any]]] = {}
    by_field: dict[str, list[tuple[Path, Any]]] = {}
    by_type: dict[type, list[tuple[Path, Any]]] = {}
    for path, field, value in entries:
        located = (path, value)
        name = constraint_name(field.type)
        if name is not None:
            by_constraint.setdefault(name, []).append(located)
        by_field.setdefault(field.name, []).append(located)
        by_type.setdefault(type(value), []).append(located)
    built = Index(
        tuple(entries),
        {k: tuple(v) for k, v in by_constraint.items()},
        {k: tuple(v) for k, v in by_field.items()},
        {k: tuple(v) for k, v in by_type.items()},
    )
    _last = (weakref.ref(factsheet), built)
    return built


def values(obj: Any, parts: Path = ()) -> Iterator[Entry]:
    """Every field value below a model object, depth first in field order, with its path.

    Items of tuples are yielded one by one with their index; ``None`` values are skipped.
    """
    if parts:
        out: list[Entry] = []
        _walk(obj, parts, out)
        return iter(out)
    return iter(index(obj).entries)
