"""Walking a factsheet for the rules: the values they ask for, with their JSON paths.

The rules ask an :class:`Index` for three kinds of values: those of a
constrained type (every ``Text``), model objects of a class (every
``Figure``) and the values of the fields of a name (every ``as_of``). The walk
collects what has been asked for so far in the process, and nothing else: a
question of a kind not asked before widens it and walks the factsheet again,
so the first check run teaches it what the rules read.

For each model class the walk is one function generated from its attrs
fields: it reads only the fields that can hold an answer or a model object,
and builds a value's path only when it keeps the value or goes into it. Which
class's function runs is decided by the object's own class, so a subclass
built by a Python caller is walked by its own fields.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

import attrs

from ..diagnostics import PathPart
from ..documents._converter import field_key
from ..model._constraints import constraint_of
from ..model._types import alternatives, constraint_within, is_tuple, item_type, unannotated

__all__ = ["Index", "constraint_key", "index"]

Path = tuple[PathPart, ...]
Located = tuple[tuple[Path, Any], ...]

Tag = tuple[str, Any]
"""What the walk collects: ``("constraint", key)``, ``("type", cls)`` or ``("field", name)``."""

Walker = Callable[[Any, Path, list[list[tuple[Path, Any]]]], None]
"""A class's walk: ``(obj, its path, the lists of the tags)``; it appends to the lists."""


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


def _shape(tp: Any) -> tuple[bool, bool]:
    """Whether a field of this type may hold a tuple, and whether it or its items may be model objects.

    A type the walk cannot read (a string annotation, ``Any``) may hold anything.
    """
    many = models = False
    for alternative in alternatives(tp):
        inner: tuple[Any, ...] = (alternative,)
        if is_tuple(alternative):
            many = True
            inner = alternatives(item_type(alternative))
        for one in inner:
            base = unannotated(one)
            if not isinstance(base, type) or base is object:
                return True, True
            if base is tuple:
                many = True
            if attrs.has(base):
                models = True
    return many, models


def _skip(obj: Any, parts: Path, found: list[list[tuple[Path, Any]]]) -> None:
    """The walk of a value that is not a model object: nothing in it."""


class _Walkers(dict[type, Walker]):
    """The walk function of each class met, for one set of tags; each built when first needed."""

    def __init__(self, tags: tuple[Tag, ...]) -> None:
        super().__init__()
        self.tags = tags
        self.positions = {tag: position for position, tag in enumerate(tags)}
        """Each tag's list among a walk's lists."""

    def __missing__(self, cls: type) -> Walker:
        walker = self[cls] = _generate(cls, self) if attrs.has(cls) else _skip
        return walker


def _field_lines(field: attrs.Attribute[Any], positions: dict[Tag, int]) -> list[str]:
    """The lines that walk one field of ``obj``: keep its values for their tags, go into model objects."""
    tags = (("constraint", constraint_key(field.type)), ("field", field.name))
    kept = [positions[tag] for tag in tags if tag in positions]
    many, models = _shape(field.type)
    if not kept and not models:
        return []
    key = field_key(field)

    def at(value: str, path: str) -> list[str]:
        lines = [f"p = {path}"]
        lines += [f"found[{position}].append((p, {value}))" for position in kept]
        if models:
            lines.append(f"walkers[type({value})]({value}, p, found)")
        return lines

    single = at("v", f"parts + ({key!r},)")
    lines = [f"v = obj.{field.name}", "if v is not None:"]
    if not many:
        return lines + [f"    {line}" for line in single]
    # As the document reads: a tuple's items have paths of their own.
    return [
        *lines,
        "    if type(v) is tuple:",
        "        for i, x in enumerate(v):",
        *(f"            {line}" for line in at("x", f"parts + ({key!r}, i)")),
        "    else:",
        *(f"        {line}" for line in single),
    ]


def _generate(cls: type, walkers: _Walkers) -> Walker:
    """The walk of the objects of a model class, as straight-line Python."""
    lines = []
    position = walkers.positions.get(("type", cls))
    if position is not None:
        lines.append(f"found[{position}].append((parts, obj))")
    for field in attrs.fields(cls):
        lines += _field_lines(field, walkers.positions)
    body = "\n".join(f"    {line}" for line in lines) or "    pass"
    source = f"def walk(obj, parts, found):\n{body}\n"
    namespace: dict[str, Any] = {"walkers": walkers}
    # The source is made of the class's field names and document keys, never of a document's text.
    exec(compile(source, f"<walk of {cls.__module__}.{cls.__qualname__}>", "exec"), namespace)
    walker: Walker = namespace["walk"]
    return walker


# What the walk collects, with the walk functions for it; widened under the lock.
_walkers = _Walkers(())
_widening = threading.Lock()


def _collect(tag: Tag) -> None:
    """Have every walk from now on collect ``tag`` too."""
    global _walkers  # noqa: PLW0603 - replaced whole, so a walk under way keeps its own
    with _widening:
        if tag not in _walkers.positions:
            _walkers = _Walkers((*_walkers.tags, tag))


class Index:
    """A factsheet walked once for the values the rules ask for, grouped for lookup."""

    __slots__ = ("__weakref__", "_factsheet", "_found", "_positions")

    def __init__(self, factsheet: Any) -> None:
        # Weakly: the index of the last factsheet is kept, and must not keep it alive.
        self._factsheet = weakref.ref(factsheet)
        self._walk(factsheet)

    def _walk(self, factsheet: Any) -> None:
        walkers = _walkers
        found: list[list[tuple[Path, Any]]] = [[] for _ in walkers.tags]
        walkers[type(factsheet)](factsheet, (), found)
        self._positions = walkers.positions
        self._found = tuple(map(tuple, found))

    def _located(self, tag: Tag) -> Located:
        position = self._positions.get(tag)
        if position is None:
            factsheet = self._factsheet()
            if factsheet is None:
                raise ReferenceError("the factsheet of this index no longer exists")
            _collect(tag)
            self._walk(factsheet)
            position = self._positions[tag]
        return self._found[position]

    def constrained(self, tp: Any) -> Located:
        """Values whose field type carries the constraint of ``tp`` (a constrained type: ``Marker``)."""
        constraint = constraint_of(tp)
        if constraint is None:
            # A typo here would silently find nothing and turn a rule off.
            raise TypeError(f"{tp!r} is not a constrained type")
        return self._located(("constraint", constraint.key))

    def field(self, name: str) -> Located:
        """Values of the fields called ``name`` ("as_of")."""
        return self._located(("field", name))

    def of_type(self, cls: type) -> Located:
        """Model objects of exactly the class ``cls``."""
        return self._located(("type", cls))


# Every rule looks at the same factsheet; the index of the last one is kept so
# that a check run walks it once, not once per rule.
_last: tuple[weakref.ReferenceType[Any], Index] | None = None


def index(factsheet: Any) -> Index:
    """The :class:`Index` of a factsheet (built once for consecutive calls on the same one)."""
    global _last  # noqa: PLW0603 - a one-entry cache, see above
    if _last is not None and _last[0]() is factsheet:
        return _last[1]
    built = Index(factsheet)
    _last = (weakref.ref(factsheet), built)
    return built
