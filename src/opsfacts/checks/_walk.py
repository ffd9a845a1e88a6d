"""Walking a factsheet: every value with its JSON path and the field it sits in."""

from __future__ import annotations

import weakref
from typing import Any

import attrs

from ..diagnostics import PathPart
from ..documents._converter import field_key
from ..model._constraints import constraint_of
from ..model._types import constraint_within

__all__ = ["Index", "constraint_key", "index"]

Path = tuple[PathPart, ...]


_KEYS: dict[int, tuple[Any, str | None]] = {}


def constraint_key(tp: Any) -> str | None:
    """The key of the constraint on a field type, looking inside ``tuple[...]`` and ``| None``."""
    # Keyed by identity: hashing a typing construct costs more than the lookup saves.
    # The type is kept in the entry so that its id cannot be reused.
    entry = _KEYS.get(id(tp))
    if entry is None or entry[0] is not tp:
        found = constraint_within(tp)
        entry = _KEYS[id(tp)] = (tp, None if found is None else found.key)
    return entry[1]


Plan = tuple[tuple[str, str, "attrs.Attribute[Any]", str | None], ...]
_PLANS: dict[type, Plan] = {}


def _plan(cls: type) -> Plan:
    """Per field of a class: name, document key, the field, and its constraint name."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = tuple(
            (f.name, field_key(f), f, constraint_key(f.type)) for f in attrs.fields(cls)
        )
    return plan


Entry = tuple[Path, "attrs.Attribute[Any]", Any]
Located = tuple[tuple[Path, Any], ...]


class Index:
    """A factsheet walked once: every value, and values grouped for quick lookup."""

    __slots__ = ("__weakref__", "_by_constraint", "_by_field", "_by_type", "entries")

    def __init__(
        self,
        entries: tuple[Entry, ...],
        by_constraint: dict[str, list[tuple[Path, Any]]],
        by_type: dict[type, list[tuple[Path, Any]]],
    ) -> None:
        self.entries = entries
        """Every ``(path, field, value)``, depth first in field order."""
        self._by_constraint = by_constraint
        self._by_type = by_type
        self._by_field: dict[str, Located] = {}

    def constrained(self, tp: Any) -> Located:
        """Values whose field type carries the constraint of ``tp`` (a constrained type: ``Marker``)."""
        constraint = constraint_of(tp)
        if constraint is None:
            # A typo here would silently find nothing and turn a rule off.
            raise TypeError(f"{tp!r} is not a constrained type")
        return tuple(self._by_constraint.get(constraint.key, ()))

    def field(self, name: str) -> Located:
        """Values of the fields called ``name`` ("as_of")."""
        found = self._by_field.get(name)
        if found is None:
            found = self._by_field[name] = tuple((p, v) for p, f, v in self.entries if f.name == name)
        return found

    def of_type(self, cls: type) -> Located:
        """Model objects of exactly the class ``cls``."""
        return tuple(self._by_type.get(cls, ()))


# Every rule looks at the same factsheet; the index of the last one is kept so
# that a check run walks it once, not once per rule.
_last: tuple[weakref.ReferenceType[Any], Index] | None = None

_MODELS: dict[type, bool] = {}


def _is_model(cls: type) -> bool:
    known = _MODELS.get(cls)
    if known is None:
        known = _MODELS[cls] = attrs.has(cls)
    return known


class _Walk:
    """One walk: every entry, constrained values and model objects collected on the way."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.by_constraint: dict[str, list[tuple[Path, Any]]] = {}
        self.by_type: dict[type, list[tuple[Path, Any]]] = {}

    def visit(self, obj: Any, parts: Path) -> None:
        self.by_type.setdefault(type(obj), []).append((parts, obj))
        entries = self.entries
        models = _MODELS
        for name, key, field, constraint in _plan(type(obj)):
            value = getattr(obj, name)
            if value is None:
                continue
            here = (*parts, key)
            items = enumerate(value) if type(value) is tuple else ((None, value),)
            for position, item in items:
                path = here if position is None else (*here, position)
                entries.append((path, field, item))
                if constraint is not None:
                    self.by_constraint.setdefault(constraint, []).append((path, item))
                cls = type(item)
                is_model = models.get(cls)
                if is_model is None:
                    is_model = _is_model(cls)
                if is_model:
                    self.visit(item, path)


def index(factsheet: Any) -> Index:
    """The :class:`Index` of a factsheet (built once for consecutive calls on the same one)."""
    global _last  # noqa: PLW0603 - a one-entry cache, see above
    if _last is not None and _last[0]() is factsheet:
        return _last[1]
    walk = _Walk()
    walk.visit(factsheet, ())
    built = Index(tuple(walk.entries), walk.by_constraint, walk.by_type)
    _last = (weakref.ref(factsheet), built)
    return built
