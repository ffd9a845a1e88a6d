"""The fast path of loading: one function per model class, generated from its fields.

A valid document is structured here, in straight-line code that checks each
value as the converter's hooks do (the same types, the same constraint
functions, the same attrs ``__init__`` and cross-field checks) but without
collecting problems on the way. At the first thing it does not accept, it
gives up with :class:`Unsure`, and the converter structures the document
again and explains every problem. Stricter than the converter is allowed
(the converter then decides); more lenient never: ``tests/test_compiled.py``
holds the two to the same results.

Code generation, as attrs and cattrs build ``__init__`` and hooks, because a
loop over a field table costs more per value than the checks themselves.
"""

from __future__ import annotations

import enum
import linecache
import types
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from ..model._constraints import constraint_of, parse_decimal
from ..model._dates import PartialDate
from ..model._modelling import STRUCTURING, field_key, is_constraint_validator, shorthand_of
from ..model._types import is_optional, is_tuple, item_type, non_null, unannotated

__all__ = ["Unsure", "compiled_structure"]

Structure = Callable[[Any], Any]
_SLOT = types.MemberDescriptorType


class Unsure(Exception):
    """The fast path does not accept this value; the converter decides and explains."""


def _give_up(value: Any) -> Any:
    raise Unsure


def _exact(base: type) -> Structure:
    def structure(value: Any) -> Any:
        if type(value) is not base:
            raise Unsure
        return value

    return structure


_DECIMALS_KEPT = 4096


def _constrained(tp: Any) -> Structure:
    constraint = constraint_of(tp)
    assert constraint is not None
    check = constraint.check
    base = unannotated(tp)
    if base is Decimal:
        # Amounts repeat ("0", "95", "1.5"): each distinct short text is read and checked once.
        # A Decimal is immutable, and equal texts give equal decimals, exponent included.
        known: dict[str, Decimal] = {}

        def decimal(value: Any) -> Any:
            if type(value) is not str:
                raise Unsure
            result = known.get(value)
            if result is None:
                result = parse_decimal(value)
                if check(result) is not None:
                    raise Unsure
                if len(value) <= 32 and len(known) < _DECIMALS_KEPT:
                    known[value] = result
            return result

        return decimal

    accepts = constraint.accepts
    if accepts is not None:

        def fast(value: Any) -> Any:
            if type(value) is not base or not accepts(value):
                raise Unsure
            return value

        return fast

    def structure(value: Any) -> Any:
        if type(value) is not base or check(value) is not None:
            raise Unsure
        return value

    return structure


def _code(tp: type[enum.Enum]) -> Structure:
    members = tp._value2member_map_

    def structure(value: Any) -> Any:
        if type(value) is not str:
            raise Unsure
        member = members.get(value)
        if member is None:
            raise Unsure
        return member

    return structure


def _partial_date(value: Any) -> Any:
    if type(value) is not str:
        raise Unsure
    return PartialDate(value)


def _optional(inner: Structure) -> Structure:
    def structure(value: Any) -> Any:
        return None if value is None else inner(value)

    return structure


def _tuple(item: Structure) -> Structure:
    def structure(value: Any) -> Any:
        if type(value) is not list:
            raise Unsure
        return tuple([item(element) for element in value])

    return structure


class _Compiler:
    """Builds, once per type, the function that structures a value of it."""

    def __init__(self) -> None:
        self._built: dict[Any, Structure] = {}

    def structure_of(self, tp: Any) -> Structure:
        try:
            return self._built[tp]
        except KeyError:
            pass
        except TypeError:  # an unhashable type: nothing in the model, but never a crash
            return _give_up
        built = self._build(tp)
        self._built[tp] = built
        return built

    def _build(self, tp: Any) -> Structure:
        if constraint_of(tp) is not None:
            return _constrained(tp)
        if is_optional(tp):
            return _optional(self.structure_of(non_null(tp)))
        if is_tuple(tp):
            return _tuple(self.structure_of(item_type(tp)))
        if tp in (str, int, bool):
            return _exact(tp)
        if tp is PartialDate:
            return _partial_date
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _code(tp)
        if isinstance(tp, type) and attrs.has(tp):
            # Registered before it is built: a class may (indirectly) contain itself.
            forward: list[Structure] = []

            def structure_later(value: Any) -> Any:
                return forward[0](value)

            self._built[tp] = structure_later
            forward.append(self._class(tp))
            return forward[0]
        return _give_up

    def _class(self, cls: type) -> Structure:
        fields = attrs.fields(cls)
        if any(isinstance(f.default, attrs.Factory) for f in fields):  # type: ignore[arg-type]
            return _give_up  # no model field has one; the converter builds such a class
        namespace: dict[str, Any] = {
            "Unsure": Unsure,
            "cls": cls,
            "keys": frozenset(field_key(f) for f in fields),
            "MISSING": attrs.NOTHING,
        }
        namespace.update((f"d{index}", f.default) for index, f in enumerate(fields))
        lines = ["def structure(data):", "    if type(data) is not dict:"]
        lines.extend(self._bare(cls, fields, namespace))
        lines.extend(["    if not keys.issuperset(data):", "        raise Unsure", "    get = data.get"])
        for index, field in enumerate(fields):
            key = field_key(field)
            if field.default is attrs.NOTHING:
                lines.append(f"    v = data[{key!r}]")
                lines.extend(self._value(field.type, f"a{index}", f"{index}", namespace, "    "))
                continue
            if field.default is None and is_optional(field.type):
                # Absent or null, the value is None: one test for both.
                lines.append(f"    v = get({key!r})")
                lines.extend(self._value(field.type, f"a{index}", f"{index}", namespace, "    "))
                continue
            lines.append(f"    v = get({key!r}, MISSING)")
            lines.append("    if v is MISSING:")
            lines.append(f"        a{index} = d{index}")
            lines.append("    else:")
            lines.extend(self._value(field.type, f"a{index}", f"{index}", namespace, "        "))
        lines.extend(self._build_object(cls, fields, namespace, "    "))
        source = "\n".join(lines) + "\n"
        # A file name of its own, as attrs gives its generated methods, so a traceback shows the code.
        filename = f"<opsfacts compiled structure {cls.__module__}.{cls.__qualname__}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, "exec"), namespace)
        return namespace["structure"]  # type: ignore[no-any-return]

    def _bare(self, cls: type, fields: Any, namespace: dict[str, Any]) -> list[str]:
        """Lines reading a value that is not an object: for a class written as a bare value
        when only one field is set (``498170`` for a Quantity), that field; else none."""
        name = shorthand_of(cls)
        if name is None:
            return ["        raise Unsure"]
        lines = [
            "        if data is None or type(data) is list:",
            "            raise Unsure",
            "        v = data",
        ]
        for index, field in enumerate(fields):
            if field.name == name:
                lines.extend(
                    self._value(non_null(field.type), f"a{index}", f"{index}", namespace, "        ")
                )
            elif field.default is attrs.NOTHING:
                return ["        raise Unsure"]  # a required field the bare value cannot give
            else:
                lines.append(f"        a{index} = d{index}")
        return lines + self._build_object(cls, fields, namespace, "        ")

    @staticmethod
    def _build_object(model: type, fields: Any, namespace: dict[str, Any], indent: str) -> list[str]:
        """Lines that return the object, made as attrs' ``__init__`` would make it.

        Its converters turn a caller's forms into the field types, which the values
        here already have, and its validators do nothing while ``STRUCTURING`` is set;
        so the object is made and its fields set directly, and its
        ``__attrs_post_init__`` (the cross-field rules) runs as it always does. A class
        with a validator or a hook of another kind is built by calling it.
        """
        arguments = ", ".join(f"a{index}" for index in range(len(fields)))
        validators = [field.validator for field in fields if field.validator is not None]
        if hasattr(model, "__attrs_pre_init__") or any(not is_constraint_validator(v) for v in validators):
            return [f"{indent}return cls({arguments})"]
        namespace["new"] = object.__new__
        lines = [f"{indent}self = new(cls)"]
        for index, field in enumerate(fields):
            slot = getattr(model, field.name, None)
            if isinstance(slot, _SLOT):
                # Setting through the slot itself skips the attribute lookup (a frozen class's
                # __setattr__ refuses; attrs' __init__ goes around it the same way).
                namespace[f"set{index}"] = slot.__set__
                lines.append(f"{indent}set{index}(self, a{index})")
            else:
                namespace["setattr"] = object.__setattr__
                lines.append(f"{indent}setattr(self, {field.name!r}, a{index})")
        if hasattr(model, "__attrs_post_init__"):
            lines.append(f"{indent}self.__attrs_post_init__()")
        lines.append(f"{indent}return self")
        return lines

    def _value(self, tp: Any, target: str, name: str, namespace: dict[str, Any], indent: str) -> list[str]:
        """Lines that check ``v``, a value of type ``tp``, and set ``target`` to it structured.

        The common cases are written out in place (a function call costs more than
        the check it would make); the others call the type's function.
        """
        if is_optional(tp):
            inner = self._value(non_null(tp), target, name, namespace, indent + "    ")
            return [f"{indent}if v is None:", f"{indent}    {target} = None", f"{indent}else:", *inner]
        constraint = constraint_of(tp)
        if constraint is not None and unannotated(tp) in (str, int):
            base = unannotated(tp).__name__
            if constraint.accepts is not None:
                namespace[f"t{name}"] = constraint.accepts
                test = f"not t{name}(v)"
            else:
                namespace[f"c{name}"] = constraint.check
                test = f"c{name}(v) is not None"
            return [
                f"{indent}if type(v) is not {base} or {test}:",
                f"{indent}    raise Unsure",
                f"{indent}{target} = v",
            ]
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            namespace[f"m{name}"] = tp._value2member_map_
            return [
                f"{indent}{target} = m{name}.get(v) if type(v) is str else None",
                f"{indent}if {target} is None:",
                f"{indent}    raise Unsure",
            ]
        if is_tuple(tp):
            namespace[f"s{name}"] = self.structure_of(item_type(tp))
            return [
                f"{indent}if type(v) is not list:",
                f"{indent}    raise Unsure",
                f"{indent}{target} = tuple([s{name}(item) for item in v])",
            ]
        namespace[f"s{name}"] = self.structure_of(tp)
        return [f"{indent}{target} = s{name}(v)"]


_compiler = _Compiler()


def compiled_structure(cls: type) -> Structure:
    """The fast structuring function of a model class; it raises :class:`Unsure` or any error to decline.

    The caller sets :data:`~opsfacts.model._modelling.STRUCTURING`, as the converter
    does, so the attrs validators do not check again what was checked here.
    """
    structure = _compiler.structure_of(cls)

    def run(data: Any) -> Any:
        token = STRUCTURING.set(True)
        try:
            return structure(data)
        finally:
            STRUCTURING.reset(token)

    return run
