"""The document format reference, as reStructuredText generated from the model.

Used by the ``opsfacts-format`` directive of the docs: every class (in the
order a reader meets it, from :class:`~opsfacts.model.Factsheet` down), each
field with its key, type, presence, constraint, default and meaning, and
every code list with the meaning of each code.
"""

from __future__ import annotations

import datetime
import enum
import functools
import typing
from decimal import Decimal
from typing import Any

import attrs

from ..model._classes import Factsheet
from ..model._constraints import constraint_of
from ..model._modelling import any_of_groups, class_doc, field_doc, field_key, shorthand_of
from ..model._types import alternatives, is_optional, is_tuple, item_type, non_null, unannotated

__all__ = ["describe_type", "format_anchor", "format_reference", "presence"]

_BASE = {
    str: "string",
    int: "integer",
    bool: "boolean",
    Decimal: 'decimal string (``"48.3"``)',
    datetime.date: "date string (``YYYY-MM-DD``)",
}


def _anchor(cls: type) -> str:
    return f"format-{cls.__name__.lower()}"


def format_anchor(obj: object) -> str | None:
    """The label of the reference's section on a model class or code list (``format-funding``).

    None for anything the reference has no section on. The API reference links
    each class to its section with it, and each section links back to the class.
    """
    classes, codes = _classes()
    return _anchor(obj) if isinstance(obj, type) and (obj in classes or obj in codes) else None


def _optional_inner(tp: Any) -> Any | None:
    return non_null(tp) if is_optional(tp) and len(alternatives(tp)) == 1 else None


def describe_type(tp: Any) -> str:
    """A short reStructuredText description of a field type, linking classes and code lists."""
    constraint = constraint_of(tp)
    if constraint is not None:
        return f"{describe_type(unannotated(tp))}: {constraint.name}"
    inner = _optional_inner(tp)
    if inner is not None:
        return describe_type(inner)
    if is_tuple(tp):
        return f"array of {describe_type(item_type(tp))}"
    if isinstance(tp, type) and (attrs.has(tp) or issubclass(tp, enum.Enum)):
        return f":ref:`{tp.__name__} <{_anchor(tp)}>`"
    return _BASE.get(tp, str(tp))


def presence(field: attrs.Attribute[Any]) -> str:
    """``required``, ``optional``, and whether the value may be ``null``."""
    nullable = _optional_inner(field.type) is not None
    required = field.default is attrs.NOTHING or "const" in field.metadata  # the version is always stated
    base = "required" if required else "optional"
    return f"{base}, may be null" if nullable else base


@functools.cache
def _classes() -> tuple[list[type], list[type[enum.Enum]]]:
    """Classes and code lists in the order met walking the fields from Factsheet."""
    classes: list[type] = []
    codes: list[type[enum.Enum]] = []

    def visit(tp: Any) -> None:
        for arg in typing.get_args(tp):
            visit(arg)
        if isinstance(tp, type) and issubclass(tp, enum.Enum) and tp not in codes:
            codes.append(tp)
        elif isinstance(tp, type) and attrs.has(tp) and tp not in classes:
            classes.append(tp)
            for field in attrs.fields(tp):
                visit(field.type)

    visit(Factsheet)
    return classes, codes


def _cell(text: str) -> str:
    return text.replace("\n", " ") if text else "\\-"


def _default(field: attrs.Attribute[Any]) -> str:
    if field.default is attrs.NOTHING:
        return "\\-"
    from ..documents._converter import converter  # noqa: PLC0415 - cattrs only when the reference is made

    value = converter.unstructure(field.default, field.type)
    import json  # noqa: PLC0415

    return f"``{json.dumps(value, ensure_ascii=False)}``"


def _docstring(cls: type) -> list[str]:
    # Sections are not allowed inside a directive's output: headings are rubrics with a label.
    return class_doc(cls).splitlines()


def _in_python(cls: type) -> list[str]:
    """The link from a section to the class's entry in the API reference."""
    return ["", f"In Python: :class:`opsfacts.model.{cls.__name__}`."]


def _rules(cls: type) -> list[str]:
    """What a reader must know beyond the table: a bare-value form, fields of which one is needed."""
    lines = []
    name = shorthand_of(cls)
    if name is not None:
        kind = describe_type(attrs.fields_dict(cls)[name].type).split(":")[0].removesuffix(" or null")
        lines.append(f'May be written as a bare {kind}, meaning ``{{"{name}": ...}}`` and nothing else.')
    for names in any_of_groups(cls):
        listing = " or ".join(f"``{n}``" for n in names)
        lines.append(f"Needs {listing} (at least one of them).")
    return ["", *lines] if lines else []


def _class_lines(cls: type) -> list[str]:
    out = [f".. _{_anchor(cls)}:", "", f".. rubric:: {cls.__name__}", "", *_docstring(cls), *_rules(cls)]
    out += _in_python(cls)
    out += [
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 15 25 12 10 38",
        "",
        "   * - Key",
        "     - Type",
        "     - Presence",
        "     - Default",
        "     - Meaning",
    ]
    for field in attrs.fields(cls):
        meaning = field_doc(field)
        if "const" in field.metadata:
            meaning += f" Always ``{field.metadata['const']}``."
        out += [
            f"   * - ``{field_key(field)}``",
            f"     - {_cell(describe_type(field.type))}",
            f"     - {presence(field)}",
            f"     - {_default(field)}",
            f"     - {_cell(meaning)}",
        ]
    return [*out, ""]


def _code_lines(cls: type[enum.Enum]) -> list[str]:
    out = [f".. _{_anchor(cls)}:", "", f".. rubric:: {cls.__name__}", "", *_docstring(cls), *_in_python(cls)]
    out += [
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 25 75",
        "",
        "   * - Code",
        "     - Meaning",
    ]
    for member in cls:
        out += [f"   * - ``{member.value}``", f"     - {_cell(str(getattr(member, 'description', '')))}"]
    return [*out, ""]


def format_reference() -> list[str]:
    """reStructuredText lines: a section per class, then a section per code list."""
    classes, codes = _classes()
    out: list[str] = []
    for cls in classes:
        out += _class_lines(cls)
    for code in codes:
        out += _code_lines(code)
    return out
