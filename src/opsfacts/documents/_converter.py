"""The cattrs converter that reads and writes every model class, and how to make your own.

It is strict: no coercion (``"12"`` is not a count, ``true`` is not a
string), unknown keys are refused, and every problem of a document is
collected, then turned into :class:`~opsfacts.diagnostics.Finding` objects with
JSON paths by :func:`problems_from`.
"""

from __future__ import annotations

import datetime
import enum
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ..diagnostics import ABSENT, Finding, PathPart
from ..model._codes import Code
from ..model._constraints import constraint_of, parse_date, parse_decimal
from ..model._dates import PartialDate
from ..model._modelling import STRUCTURING, field_key, shorthand_of
from ..model._types import alternatives, is_optional, is_tuple, item_type, non_null, unannotated

__all__ = ["configure_converter", "converter", "field_key", "make_converter", "problems_from"]


def _describe(value: Any) -> str:
    kinds = {
        type(None): "null",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
    }
    kind = kinds.get(type(value), type(value).__name__)
    if isinstance(value, (dict, list)):
        return kind
    text = repr(value) if not isinstance(value, bool | type(None)) else str(value).lower()
    if isinstance(value, type(None)):
        text = "null"
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{kind} ({text})"


class _TypeProblem(TypeError):
    """A value of the wrong JSON type."""


def _expect(value: Any, kind: type | tuple[type, ...], what: str) -> None:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise _TypeProblem(f"expected {what}, got {_describe(value)}")


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is str:
        return value
    _expect(value, str, "a string")
    return typing.cast(str, value)


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise _TypeProblem(f"expected a whole number, got {_describe(value)}")
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        raise _TypeProblem(f"expected true or false, got {_describe(value)}")
    return value


def _structure_date(value: Any, _: Any) -> datetime.date:
    _expect(value, str, "a date string written YYYY-MM-DD")
    return parse_date(value)


def _structure_decimal(value: Any, _: Any) -> Decimal:
    if not isinstance(value, str):
        raise _TypeProblem(f'expected a decimal written as a string such as "48.3", got {_describe(value)}')
    return parse_decimal(value)


def _unstructure_decimal(value: Decimal) -> str:
    # str() writes 0.0000001 as "1E-7", which the format does not read; "f" keeps every digit.
    return format(value, "f")


def _structure_partial_date(value: Any, _: Any) -> PartialDate:
    if type(value) is datetime.date:
        return PartialDate(value)  # from a Python caller: lossless
    _expect(value, str, "a date string written YYYY-MM-DD, YYYY-MM or YYYY")
    return PartialDate(value)


def _structure_enum(value: Any, tp: type[enum.Enum]) -> enum.Enum:
    # Registered for Code, which comes before str in a code list's MRO (cattrs dispatches by class).
    if type(value) is str:
        # The lookup tp(value) starts with, without the cost of calling the class.
        member = tp._value2member_map_.get(value)
        if member is not None:
            return member
        try:
            return tp(value)
        except ValueError:
            pass
    listing = ", ".join(repr(m.value) for m in tp)
    _expect(value, str, f"one of {listing}")
    raise ValueError(f"{value!r} is not a {tp.__name__} code; use one of {listing}")


def _is_constrained(tp: Any) -> bool:
    return constraint_of(tp) is not None


def _constrained_hook(tp: Any, conv: cattrs.Converter) -> Any:
    constraint = constraint_of(tp)
    assert constraint is not None
    base_type = unannotated(tp)
    base = conv.get_structure_hook(base_type)
    check = constraint.check

    def structure(value: Any, _: Any) -> Any:
        result = base(value, base_type)
        message = check(result)
        if message is not None:
            raise ValueError(message)
        return result

    return structure


def _is_optional(tp: Any) -> bool:
    return is_optional(tp) and len(alternatives(tp)) == 1


def _optional_hook(tp: Any, conv: cattrs.Converter) -> Any:
    # cattrs' own Optional handling dispatches on every call; resolve the hook once.
    inner_type = non_null(tp)
    inner = conv.get_structure_hook(inner_type)

    def structure(value: Any, _: Any) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure


def _tuple_hook(tp: Any, conv: cattrs.Converter) -> Any:
    items = item_type(tp)
    item = conv.get_structure_hook(items)

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        # A string is iterable; taking it for a list of characters would be a silent change.
        if not isinstance(value, list | tuple):
            raise _TypeProblem(f"expected an array, got {_describe(value)}")
        result = []
        errors: list[Exception] = []
        for index, element in enumerate(value):
            try:
                result.append(item(element, items))
            except Exception as exc:  # noqa: BLE001 - collected and reported with its index
                exc.add_note(IterableValidationNote(f"@ index {index}", index, items))
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
        return tuple(result)

    return structure


def _tuple_unstructure_hook(tp: Any, conv: cattrs.Converter) -> Any:
    item = conv.get_unstructure_hook(item_type(tp))
    return lambda value: [item(v) for v in value]


def _class_hook(cls: type, conv: cattrs.Converter) -> Any:
    overrides: dict[str, Any] = {
        f.name: override(rename=field_key(f)) for f in attrs.fields(cls) if field_key(f) != f.name
    }
    inner: Any = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True, **overrides
    )
    bare = _bare_hook(cls, conv)

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):
            if bare is not None:
                return bare(value)
            raise _TypeProblem(f"expected an object, got {_describe(value)}")
        if STRUCTURING.get():
            return inner(value, cls)
        # The hooks check every constraint; the attrs validators need not check again.
        token = STRUCTURING.set(True)
        try:
            return inner(value, cls)
        finally:
            STRUCTURING.reset(token)

    return structure


def _bare_hook(cls: type, conv: cattrs.Converter) -> Any:
    """For a class written as a bare value (``498170`` for a Quantity), the hook reading that value."""
    name = shorthand_of(cls)
    if name is None:
        return None
    tp = attrs.fields_dict(cls)[name].type
    inner_type = non_null(tp)
    hook = conv.get_structure_hook(inner_type)

    def structure(value: Any) -> Any:
        if value is None or isinstance(value, list):
            raise _TypeProblem(f"expected a value or an object, got {_describe(value)}")
        token = STRUCTURING.set(True)
        try:
            return cls(**{name: hook(value, inner_type)})
        finally:
            STRUCTURING.reset(token)

    return structure


def _class_unstructure_hook(cls: type, conv: cattrs.Converter) -> Any:
    overrides: dict[str, Any] = {}
    for f in attrs.fields(cls):
        kwargs: dict[str, Any] = {}
        if field_key(f) != f.name:
            kwargs["rename"] = field_key(f)
        if "const" in f.metadata:
            kwargs["omit_if_default"] = False  # the format version is always written
        if kwargs:
            overrides[f.name] = override(**kwargs)
    unstructure: Any = make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **overrides)
    name = shorthand_of(cls)
    if name is None:
        return unstructure

    def bare_when_alone(value: Any) -> Any:
        data = unstructure(value)
        return data[name] if len(data) == 1 and name in data else data

    return bare_when_alone


def _constrained_unstructure_hook(tp: Any, conv: cattrs.Converter) -> Any:
    return conv.get_unstructure_hook(tp.__origin__)


def configure_converter(conv: cattrs.Converter) -> None:
    """Register on ``conv`` every hook that reads and writes the model, as cattrs' own
    ``configure_converter`` functions do.

    The hooks look up the hooks of nested types on ``conv`` itself, so a hook you register
    on ``conv`` (before the first use of a class that contains it) is the one used
    everywhere, and ``conv.copy()`` works as cattrs documents. Use
    :func:`make_converter` for a new strict converter.
    """
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_structure_hook(PartialDate, _structure_partial_date)
    conv.register_unstructure_hook(PartialDate, str)
    conv.register_structure_hook(Code, _structure_enum)
    conv.register_unstructure_hook(Code, lambda member: member.value)
    conv.register_structure_hook_factory(_is_constrained, _constrained_hook)
    conv.register_unstructure_hook_factory(_is_constrained, _constrained_unstructure_hook)
    conv.register_structure_hook_factory(_is_optional, _optional_hook)
    conv.register_structure_hook_factory(is_tuple, _tuple_hook)
    conv.register_unstructure_hook_factory(is_tuple, _tuple_unstructure_hook)
    conv.register_structure_hook_factory(attrs.has, _class_hook)
    conv.register_unstructure_hook_factory(attrs.has, _class_unstructure_hook)


def make_converter() -> cattrs.Converter:
    """A new strict converter for the model: no coercion, unknown keys refused, every
    problem collected. Customise it with its own hooks, then pass it to
    :func:`opsfacts.from_dict`, :func:`opsfacts.loads` or :func:`opsfacts.to_dict`.
    Here dates are written day first, for a spreadsheet that wants them so:

    >>> import opsfacts
    >>> from opsfacts.model import PartialDate
    >>> conv = make_converter()
    >>> conv.register_unstructure_hook(PartialDate, lambda date: date.first_day.strftime("%d/%m/%Y"))
    >>> mali = opsfacts.load("examples/mali-2017-06.corrected.json")
    >>> opsfacts.to_dict(mali, converter=conv)["period"]
    {'start': '01/06/2017', 'end': '30/06/2017'}
    >>> opsfacts.to_dict(mali)["period"]  # the default converter is not changed
    {'start': '2017-06-01', 'end': '2017-06-30'}
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(conv)
    return conv


converter = make_converter()
"""The default converter, made by :func:`make_converter`. Use it to (un)structure any part of a factsheet.

:func:`~opsfacts.load` and its kin, given no converter, read a valid document through
code generated from the model, which builds the same objects faster, and come to this
converter only to explain a document that does not fit. To read documents with hooks
of your own, register them on a converter from :func:`make_converter` and pass it.
"""


# --- turning cattrs' exception groups into problems ---------------------------


def _value_at(data: Any, parts: tuple[PathPart, ...]) -> Any:
    for part in parts:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return ABSENT
    return data


def _keys_by_name(cls: Any) -> dict[str, str]:
    if isinstance(cls, type) and attrs.has(cls):
        return {f.name: field_key(f) for f in attrs.fields(cls)}
    return {}


def _walk(
    exc: BaseException, parts: tuple[PathPart, ...], out: list[tuple[tuple[PathPart, ...], BaseException]]
) -> None:
    if isinstance(exc, ClassValidationError):
        keys = _keys_by_name(exc.cl)
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            _walk(sub, (*parts, keys.get(note.name, note.name)), out)
        for sub in without:
            _walk(sub, parts, out)
    elif isinstance(exc, IterableValidationError):
        with_notes_i, without_i = exc.group_exceptions()
        for sub, inote in with_notes_i:
            _walk(sub, (*parts, inote.index), out)
        for sub in without_i:
            _walk(sub, parts, out)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            out.append(((*parts, key), exc))
    else:
        out.append((parts, exc))


def _message(exc: BaseException, key: PathPart | None) -> tuple[str, str]:
    """The load code (see :data:`opsfacts.validation.LOAD_CODES`) and sentence of a structuring failure."""
    if isinstance(exc, ForbiddenExtraKeysError):
        return "OPS004", f"unknown key {key!r}: not part of the factsheet format (a typo?)"
    if isinstance(exc, KeyError):
        return "OPS003", f"missing required key {key!r}"
    if isinstance(exc, _TypeProblem):
        return "OPS002", str(exc)
    if isinstance(exc, ValueError):
        return "OPS005", str(exc)
    return "OPS005", f"{type(exc).__name__}: {exc}"


def problems_from(exc: BaseException, data: Any) -> list[Finding]:
    """Turn an exception raised while structuring ``data`` into problems with paths."""
    found: list[tuple[tuple[PathPart, ...], BaseException]] = []
    _walk(exc, (), found)
    problems = []
    for parts, sub in found:
        key = parts[-1] if parts else None
        code, message = _message(sub, key)
        problems.append(Finding.problem(code, parts, message, value=_value_at(data, parts)))
    return problems
