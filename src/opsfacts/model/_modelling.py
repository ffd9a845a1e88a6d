"""How model classes are declared: ``constrained`` and ``doc()``.

Every model class is ``@attrs.frozen(field_transformer=constrained)``: a
frozen, slotted attrs class to which ``constrained`` adds, for every field
whose type carries a :class:`~opsfacts.model.Constraint` (also inside
``tuple[...]`` and ``... | None``), a validator enforcing it, so building a
model object in Python refuses the same values loading does.
"""

from __future__ import annotations

import enum
import inspect
import weakref
from collections.abc import Callable
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

import attrs

from ._constraints import constraint_of
from ._dates import PartialDate
from ._types import alternatives, is_optional, is_tuple, item_type, non_null, unannotated

__all__ = [
    "DOC",
    "STRUCTURING",
    "any_of_groups",
    "check_any_of",
    "class_doc",
    "constrained",
    "doc",
    "field_doc",
    "field_key",
    "is_constraint_validator",
    "shorthand_of",
]

_SHORTHAND = "__opsfacts_shorthand__"
_ANY_OF = "__opsfacts_any_of__"


def any_of_groups(cls: Any) -> tuple[tuple[str, ...], ...]:
    """Groups of fields of which a class needs at least one given (``("value", "printed")``).

    A class declares them once, as ``__opsfacts_any_of__``; the model enforces
    them with :func:`check_any_of` and the JSON Schema says the same with ``anyOf``.
    """
    return tuple(getattr(cls, _ANY_OF, ()))


def check_any_of(instance: Any) -> None:
    """Raise ValueError when none of a group of fields is given (None or empty)."""
    for names in getattr(instance, _ANY_OF, ()):
        for name in names:
            value = getattr(instance, name)
            # Given: not None, and not an empty tuple (comparing a Decimal with () is slow).
            if value is not None and (type(value) is not tuple or value):
                break
        else:
            listing = " or ".join(f"{name!r}" for name in names)
            raise ValueError(f"a {type(instance).__name__} needs {listing}; none is given")


def shorthand_of(cls: Any) -> str | None:
    """The field a bare value stands for, for classes written as a bare value when only it is set.

    ``Quantity`` declares ``__opsfacts_shorthand__ = "value"``: ``498170`` in a
    document is ``{"value": 498170}``, and is written back that way.
    """
    return getattr(cls, _SHORTHAND, None) if isinstance(cls, type) else None


DOC = "opsfacts.doc"
"""Metadata key holding a field's documentation."""


def doc(text: str, **extra: Any) -> dict[str, Any]:
    """Field metadata carrying the field's documentation (and schema extras)."""
    return {DOC: text, **extra}


def field_key(field: attrs.Attribute[Any]) -> str:
    """The document key of a model field (its name unless renamed in metadata)."""
    return str(field.metadata.get("key", field.name))


def field_doc(field: attrs.Attribute[Any]) -> str:
    """The documentation of a model field."""
    return str(field.metadata.get(DOC, ""))


def class_doc(cls: type) -> str:
    """The documentation of a model class or code list, without the examples its docstring ends with.

    The schema's ``description`` and the format reference describe documents; the
    Python examples (from the first ``>>>`` line) are the API reference's.
    """
    lines = inspect.cleandoc(cls.__doc__ or "").splitlines()
    for index, line in enumerate(lines):
        if line.startswith(">>>"):
            lines = lines[:index]
            break
    return "\n".join(lines).rstrip()


Checker = Callable[[Any], list[tuple[tuple[str | int, ...], str]]]

_BASE_NAMES = {
    int: "a whole number (int)",
    str: "text (str)",
    Decimal: "a decimal.Decimal such as Decimal('48.3')",
}


def _checker(tp: Any) -> Checker | None:
    """Build a function listing (relative path, message) problems of a value of type tp."""
    constraint = constraint_of(tp)
    if constraint is not None:
        check = constraint.check
        base: type = unannotated(tp)

        def run(value: Any) -> list[tuple[tuple[str | int, ...], str]]:
            # The constraint assumes its base type: say what was given instead of failing inside it.
            if not isinstance(value, base) or (base is int and isinstance(value, bool)):
                return [((), f"must be {_BASE_NAMES.get(base, base.__name__)}, not {value!r}")]
            message = check(value)
            return [] if message is None else [((), message)]

        return run
    if is_optional(tp) or len(alternatives(tp)) > 1:
        inner = alternatives(tp)
        if len(inner) == 1:
            sub = _checker(inner[0])
            if sub is not None:
                sub_checker = sub

                def optional(value: Any) -> list[tuple[tuple[str | int, ...], str]]:
                    return [] if value is None else sub_checker(value)

                return optional
        return None
    if is_tuple(tp):
        item_checker = _checker(item_type(tp))

        def each(value: Any) -> list[tuple[tuple[str | int, ...], str]]:
            if not isinstance(value, tuple):
                # A list would be accepted here and fail later, unhashable: say so now.
                return [((), f"must be a tuple, not {type(value).__name__} {_short(value)}")]
            found: list[tuple[tuple[str | int, ...], str]] = []
            if item_checker is not None:
                for index, item in enumerate(value):
                    found.extend(((index, *p), m) for p, m in item_checker(item))
            return found

        return each
    if isinstance(tp, type) and (attrs.has(tp) or issubclass(tp, enum.Enum)):
        kind: type = tp

        def instance(value: Any) -> list[tuple[tuple[str | int, ...], str]]:
            if isinstance(value, kind):
                return []
            article = "an" if kind.__name__[0] in "AEIOU" else "a"
            return [((), f"must be {article} {kind.__name__}, not {type(value).__name__} {_short(value)}")]

        return instance
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


STRUCTURING: ContextVar[bool] = ContextVar("opsfacts_structuring", default=False)
"""True while the converter builds objects: its hooks have already checked every constraint."""


def _validator(checkers: list[tuple[str, Checker]]) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """One validator for every constrained field of a class.

    attrs runs validators after every field is set, so one validator can read
    them all: an object costs one call, and none while the converter builds it.
    """

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if STRUCTURING.get():
            return
        for name, checker in checkers:
            problems = checker(getattr(instance, name))
            if problems:
                path, message = problems[0]
                where = "".join(f"[{p}]" for p in path)
                raise ValueError(f"{type(instance).__name__}.{name}{where} {message}")

    _CONSTRAINT_VALIDATORS.add(validate)
    return validate


_CONSTRAINT_VALIDATORS: weakref.WeakSet[Callable[..., None]] = weakref.WeakSet()


def is_constraint_validator(validator: Any) -> bool:
    """Whether an attrs validator is the one :func:`constrained` adds, which does nothing while
    :data:`STRUCTURING` is set (a class's own validators are other objects)."""
    try:
        return validator in _CONSTRAINT_VALIDATORS
    except TypeError:  # not weakly referenceable: not one of ours
        return False


def _to_partial_date(value: Any) -> Any:
    return None if value is None else PartialDate(value)


def _bare(cls: type, name: str, optional: bool) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if isinstance(value, cls) or (optional and value is None):
            return value
        return cls(**{name: value})

    return convert


def _converter(tp: Any) -> Callable[[Any], Any] | None:
    """A lossless conversion for Python callers, as the document form allows.

    A ``datetime.date`` or a string becomes a :class:`PartialDate`; a bare value
    becomes the class written as a bare value (``count=498170`` is
    ``count=Quantity(498170)``).
    """
    if tp is PartialDate:
        return PartialDate
    if tp == PartialDate | None:
        return _to_partial_date
    optional = is_optional(tp)
    inner = non_null(tp)
    name = shorthand_of(inner)
    if name is not None and isinstance(inner, type):
        return _bare(inner, name, optional)
    return None


def constrained(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs field transformer: add a validator for the constraints in each field's type."""
    result = []
    checkers: list[tuple[str, Checker]] = []
    for field in fields:
        convert = _converter(field.type)
        if convert is not None and field.converter is None:
            field = field.evolve(converter=convert)  # noqa: PLW2901 - the evolved field replaces it
        checker = _checker(field.type)
        if checker is not None:
            checkers.append((field.name, checker))
        result.append(field)
    if checkers:
        first = result[0]
        validator = _validator(checkers)
        if first.validator is not None:
            validator = attrs.validators.and_(validator, first.validator)
        result[0] = first.evolve(validator=validator)
    return result
