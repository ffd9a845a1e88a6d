"""Walking a factsheet for the rules: the values they ask for, with their JSON paths.

The rules ask an :class:`Index` for three kinds of values: those of a
constrained type (every ``Text``), model objects of a class (every
``Figure``) and the values of the fields of a name (every ``as_of``). The walk
collects the answers to the questions the rules said they would ask
(:func:`will_ask`, when their module is imported), and nothing else; a
question not said widens it, and the factsheet is walked again.

For each model class the walk is one function generated from its attrs
fields: it reads only the fields that can hold an answer or a model object,
walks the objects of the classes those fields declare in place, and builds a
value's path only when it keeps the value or goes into it. An object of
another class (a subclass built by a Python caller) is walked by its own
class's function, so the walk follows the values, not only the declarations.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from ..diagnostics import PathPart
from ..model._constraints import constraint_of
from ..model._modelling import field_key
from ..model._types import alternatives, constraint_within, is_tuple, item_type, unannotated

__all__ = ["Index", "constraint_key", "index", "will_ask"]

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


@attrs.frozen
class _Shape:
    """What a field's type says its values may be."""

    many: bool
    """Whether it may hold a tuple (of items with paths of their own)."""
    models: bool
    """Whether it, or its items, may be model objects."""
    model: type | None
    """The one model class it declares, when it declares exactly one and nothing the walk cannot read."""


_SHAPES: dict[int, tuple[Any, _Shape]] = {}


def _shape(tp: Any) -> _Shape:
    """What a field of this type may hold."""
    # Keyed by identity, as constraint_key is; asked for every field each time a walk is generated.
    entry = _SHAPES.get(id(tp))
    if entry is None or entry[0] is not tp:
        entry = _SHAPES[id(tp)] = (tp, _read_shape(tp))
    return entry[1]


def _read_shape(tp: Any) -> _Shape:
    # A bare tuple, or a type that is not a class (a string annotation, Any), may hold anything.
    many = False
    found: list[type] = []
    for alternative in alternatives(tp):
        inner: tuple[Any, ...] = (alternative,)
        if is_tuple(alternative):
            many = True
            inner = alternatives(item_type(alternative))
        for one in inner:
            base = unannotated(one)
            if not isinstance(base, type) or base in {object, tuple, Any}:
                return _Shape(many=True, models=True, model=None)
            if attrs.has(base):
                found.append(base)
    return _Shape(many=many, models=bool(found), model=found[0] if len(found) == 1 else None)


def _skip(obj: Any, parts: Path, found: list[list[tuple[Path, Any]]]) -> None:
    """The walk of a value that is not a model object: nothing in it."""


class _Walkers(dict[type, Walker]):
    """The walk function of each class met, for one set of tags; each built when first needed."""

    def __init__(self, tags: tuple[Tag, ...]) -> None:
        super().__init__()
        self.tags = tags
        self.positions = {tag: position for position, tag in enumerate(tags)}
        """Each tag's list among a walk's lists."""
        self.collecting: dict[type, bool] = {}
        """Whether an object of a class, walked by its declared fields, holds anything to collect."""

    def __missing__(self, cls: type) -> Walker:
        walker = self[cls] = _generate(cls, self) if attrs.has(cls) else _skip
        return walker

    def kept(self, field: attrs.Attribute[Any]) -> list[int]:
        """The positions of the tags a field's values are kept for."""
        tags = (("constraint", constraint_key(field.type)), ("field", field.name))
        return [self.positions[tag] for tag in tags if tag in self.positions]

    def collects(self, cls: type, within: tuple[type, ...] = ()) -> bool:
        """Whether an object of ``cls`` holds, by its declared fields, a value to collect."""
        known = self.collecting.get(cls)
        if known is not None:
            return known
        if cls in within:
            return False  # a cycle adds nothing the class's other fields do not
        found = ("type", cls) in self.positions or any(
            self.kept(field)
            or (shape.models and (shape.model is None or self.collects(shape.model, (*within, cls))))
            for field in attrs.fields(cls)
            for shape in (_shape(field.type),)
        )
        if not within:
            self.collecting[cls] = found
        return found


class _Source:
    """The source of one walk function: lines at an indent, and the classes it names."""

    def __init__(self, walkers: _Walkers) -> None:
        self.walkers = walkers
        self.lines: list[str] = []
        self.indent = 1
        self.names: dict[str, Any] = {"walkers": walkers}

    def line(self, text: str) -> None:
        self.lines.append("    " * self.indent + text)

    @contextlib.contextmanager
    def block(self, header: str) -> Iterator[None]:
        self.line(header)
        self.indent += 1
        yield
        self.indent -= 1

    def name(self, cls: type) -> str:
        """The name the source calls a class by."""
        name = f"C{len(self.names)}"
        for known, value in self.names.items():
            if value is cls:
                return known
        self.names[name] = cls
        return name

    def dispatch(self, value: str, path: str) -> None:
        """Walk a value by its own class's walk function (nothing for a value that is not a model object)."""
        self.line(f"walkers[type({value})]({value}, {path}, found)")

    def model_object(self, cls: type, obj: str, parts: str, depth: int, within: tuple[type, ...]) -> None:
        """Walk ``obj``, an object of exactly ``cls``, in place."""
        position = self.walkers.positions.get(("type", cls))
        if position is not None:
            self.line(f"add{position}(({parts}, {obj}))")
        for field in attrs.fields(cls):
            self.field(field, obj, parts, depth, (*within, cls))

    def field(
        self, field: attrs.Attribute[Any], obj: str, parts: str, depth: int, within: tuple[type, ...]
    ) -> None:
        kept = self.walkers.kept(field)
        shape = _shape(field.type)
        if not kept and not shape.models:
            return
        key = field_key(field)
        value, item, position = f"v{depth}", f"x{depth}", f"i{depth}"
        self.line(f"{value} = {obj}.{field.name}")
        with self.block(f"if {value} is not None:"):
            if not shape.many:
                self.value(value, f"{parts} + ({key!r},)", kept, shape, depth, within)
                return
            # As the document reads: a tuple's items have paths of their own.
            with (
                self.block(f"if type({value}) is tuple:"),
                self.block(f"for {position}, {item} in enumerate({value}):"),
            ):
                self.value(item, f"{parts} + ({key!r}, {position})", kept, shape, depth, within)
            with self.block("else:"):
                # Not as declared (a Python caller's value): walked as the first walk did, not in place.
                self.value(value, f"{parts} + ({key!r},)", kept, shape, depth, within, in_place=False)

    def value(  # noqa: PLR0917 - the state of the walk at one value
        self,
        value: str,
        path: str,
        kept: list[int],
        shape: _Shape,
        depth: int,
        within: tuple[type, ...],
        *,
        in_place: bool = True,
    ) -> None:
        """Keep a value for its tags; go into it when it is a model object that may hold more."""
        model = shape.model
        # The class the field declares, unless the walk is already inside an object of it.
        declared = model if model is not None and model not in within else None
        collects = declared is not None and self.walkers.collects(declared)
        if declared is not None and not collects and not kept:
            # Nothing in an object of the declared class: only another class's object is walked.
            with self.block(f"if type({value}) is not {self.name(declared)}:"):
                self.dispatch(value, path)
            return
        parts = f"p{depth}"
        self.line(f"{parts} = {path}")
        for position in kept:
            self.line(f"add{position}(({parts}, {value}))")
        if not shape.models:
            return
        if declared is None or not collects or not in_place:
            self.dispatch(value, parts)
            return
        with self.block(f"if type({value}) is {self.name(declared)}:"):
            self.model_object(declared, value, parts, depth + 1, within)
        with self.block("else:"):
            self.dispatch(value, parts)


def _generate(cls: type, walkers: _Walkers) -> Walker:
    """The walk of the objects of a model class, as straight-line Python: the objects its fields
    declare are walked in place, any other class's by its own walk function."""
    source = _Source(walkers)
    for position in range(len(walkers.tags)):
        source.line(f"add{position} = found[{position}].append")
    source.model_object(cls, "obj", "parts", 0, ())
    text = "def walk(obj, parts, found):\n" + "\n".join(source.lines) + "\n    return\n"
    # The source is made of field names, document keys and tag positions, never of a document's text.
    exec(compile(text, f"<walk of {cls.__module__}.{cls.__qualname__}>", "exec"), source.names)
    walker: Walker = source.names["walk"]
    return walker


# What the walk collects, with the walk functions for it; widened under the lock.
_walkers = _Walkers(())
_widening = threading.Lock()


def _collect(*tags: Tag) -> None:
    """Have every walk from now on collect ``tags`` too."""
    global _walkers  # noqa: PLW0603 - replaced whole, so a walk under way keeps its own
    with _widening:
        new = tuple(dict.fromkeys(tag for tag in tags if tag not in _walkers.positions))
        if new:
            _walkers = _Walkers((*_walkers.tags, *new))


def will_ask(
    *, constrained: Iterable[Any] = (), of_type: Iterable[type] = (), fields: Iterable[str] = ()
) -> None:
    """Say which questions rules will ask the index (the arguments of its methods), so that the
    first walk collects every answer at once: each question not said widens the walk, which is
    then generated and walked again."""
    keys = []
    for tp in constrained:
        constraint = constraint_of(tp)
        if constraint is None:
            raise TypeError(f"{tp!r} is not a constrained type")
        keys.append(("constraint", constraint.key))
    _collect(*keys, *(("type", cls) for cls in of_type), *(("field", name) for name in fields))


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
