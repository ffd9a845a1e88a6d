"""JSON Schema (Draft 2020-12) generated from the model, by the converter's conventions.

:func:`json_schema` turns an attrs class into a schema that accepts exactly
the documents the converter reads, except for the few rules listed in
:data:`MODEL_ONLY_RULES` that JSON Schema cannot express.

Supported field types (anything else raises :class:`SchemaError`):

* ``str``, ``int``, ``bool``; ``decimal.Decimal`` (a string matching
  :data:`~opsfacts.model.DECIMAL_PATTERN`); ``datetime.date`` (a
  ``YYYY-MM-DD`` string, ``format: date``);
* code lists (subclasses of :class:`~opsfacts.model.Code`): ``enum`` plus
  ``enumDescriptions``, each code's meaning in the order of ``enum`` (the
  keyword editors such as VS Code show beside each value);
* ``Annotated[base, Constraint]``: the base's schema plus ``Constraint.schema``;
* ``tuple[X, ...]``: an array of X;
* ``X | None``: X or ``null``;
* attrs classes: an object in ``$defs`` named after the class (two classes of
  the same name are an error), properties in field order,
  ``additionalProperties: false``.

Conventions shared with :mod:`opsfacts.documents`: property names come from
:func:`~opsfacts.documents.field_key` (``schema`` is ``$schema``); a field with
a default is optional (the converter leaves defaults out); a field without a
default is required, also when it may be ``null`` (required-but-nullable);
``const`` metadata becomes ``const``. Descriptions come from the docstrings
as plain text (``description``, ``enumDescriptions``) and as Markdown
(``markdownDescription``), never with reStructuredText markup.

The bundled schema's ``$id`` is the https URL the documentation publishes it
at (:data:`SCHEMA_ID`, under :data:`SCHEMA_BASE_URL`), so an editor can load
a document's ``$schema``; a new format version is a new ``$id`` and a new file
``schemas/factsheet-<version>.schema.json``. The 1.0
schema keeps the URN it was released with (:func:`schema_id`), and is
published at the same kind of URL (:func:`schema_url`). The schemas
of older versions this release still reads (:data:`opsfacts.documents.READ_VERSIONS`)
stay published beside it, frozen as they were released: :func:`bundled_schema`
reads them, and only the current one is generated.
"""

from __future__ import annotations

import datetime
import enum
import functools
import json
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs

from ..model._classes import FORMAT_VERSION, AgeCount, Factsheet, Operation, Period, PopulationGroup
from ..model._constraints import DATE_PATTERN, DECIMAL_PATTERN, constraint_of
from ..model._dates import PARTIAL_DATE_PATTERN, PartialDate
from ..model._modelling import any_of_groups, class_doc, field_doc, field_key, shorthand_of
from ..model._prose import markdown, plain
from ..model._types import alternatives, is_optional, is_tuple, item_type, non_null, unannotated


def _converter() -> Any:
    from ..documents._converter import converter  # noqa: PLC0415 - cattrs only when a schema is made

    return converter


__all__ = [
    "DIALECT",
    "ENFORCED_FORMATS",
    "MODEL_ONLY_RULES",
    "SCHEMA_BASE_URL",
    "SCHEMA_FILE_NAME",
    "SCHEMA_ID",
    "ModelOnlyRule",
    "SchemaError",
    "bundled_schema",
    "json_schema",
    "schema_file_name",
    "schema_id",
    "schema_path",
    "schema_text",
    "schema_url",
    "schema_urn",
    "to_text",
    "validator",
]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of every generated schema."""


SCHEMA_BASE_URL: Final = "https://opsfacts.readthedocs.io/en/latest/_static/schemas/"
"""Where the documentation publishes every schema file of ``schemas/`` (the docs build copies them)."""

_RELEASED_IDS: Final = {"1.0": "urn:opsfacts:schema:factsheet:1.0"}
# Released schema files are frozen: 1.0 keeps its URN, which documents of that version name.


def schema_url(version: str = FORMAT_VERSION) -> str:
    """The https URL the docs publish the factsheet schema of a format version at (editors load it)."""
    return f"{SCHEMA_BASE_URL}{schema_file_name(version)}"


def schema_id(version: str = FORMAT_VERSION) -> str:
    """``$id`` of the factsheet schema of a format version: its URL, or the URN 1.0 was released with."""
    return _RELEASED_IDS.get(version, schema_url(version))


def schema_urn(version: str) -> str:
    """The URN that named a format version's schema before schemas had URLs; still understood."""
    return f"urn:opsfacts:schema:factsheet:{version}"


def schema_file_name(version: str = FORMAT_VERSION) -> str:
    """File name of the bundled factsheet schema of a format version."""
    return f"factsheet-{version}.schema.json"


SCHEMA_ID: Final = schema_id()
"""``$id`` of the current factsheet schema: the URL it is published at, versioned with the format."""
SCHEMA_FILE_NAME: Final = schema_file_name()
"""File name of the current bundled factsheet schema."""

ENFORCED_FORMATS: Final = frozenset({"date", "email"})  # partial dates use a pattern, not "date"
"""Formats written to schemas: those jsonschema's default format checker really checks.

``uri`` is left out (jsonschema checks it only with an optional extra); the URL
pattern already restricts URLs to RFC 3986 characters.
"""

# Keyword order in every schema object, so output is canonical; unknown keywords go last, sorted.
_KEYWORD_ORDER = (
    "$schema", "$id", "$ref", "title", "description", "markdownDescription", "type", "const", "enum",
    "enumDescriptions",
    "format", "pattern", "minLength", "maxLength", "minimum", "maximum", "items", "minItems",
    "uniqueItems", "properties", "required", "additionalProperties", "anyOf", "allOf", "default",
    "examples",
    "$defs",
)  # fmt: skip
_RANK = {key: i for i, key in enumerate(_KEYWORD_ORDER)}

# Examples for documentation, by constraint name or base type.
_EXAMPLES: dict[str, list[Any]] = {
    "country": ["MLI"],
    "origin": ["MLI", "mixed"],
    "currency": ["USD"],
    "amount": ["48.3"],
    "email": ["name@example.org"],
    "url": ["https://data.unhcr.org/"],
    "marker": ["*"],
    "rule_code": ["OPS201", "OPS2"],
    "year": [2017],
    "date": ["2017-06-30"],
    "partial_date": ["2017-06-30", "2019-03", "2019"],
}


class SchemaError(TypeError):
    """The class cannot be described as JSON Schema (unsupported type, $defs name clash)."""


@attrs.frozen
class ModelOnlyRule:
    """A rule the model enforces that JSON Schema cannot express."""

    where: str
    """The class (or kind of value) the rule is about."""
    rule: str
    """The rule, as a sentence."""
    message: str
    """A fragment of the model's error message when the rule is broken."""


MODEL_ONLY_RULES: Final = (
    ModelOnlyRule(Operation.__name__, "An operation covers at least one country.", "at least one country"),
    ModelOnlyRule(Operation.__name__, "An operation lists each country once.", "each country once"),
    ModelOnlyRule(
        Operation.__name__,
        "A country or subnational operation covers exactly one country.",
        "exactly one country",
    ),
    ModelOnlyRule(
        Operation.__name__, "An area is given exactly when the scope is subnational.", "an area is given"
    ),
    ModelOnlyRule(Period.__name__, "A period does not end before it starts.", "before it starts"),
    ModelOnlyRule(
        "dates",
        "A date is a real calendar date (the pattern allows 2019-02-30; the model does not).",
        "is not a real calendar",
    ),
    ModelOnlyRule(PopulationGroup.__name__, "A population group lists each type once.", "each type once"),
    ModelOnlyRule(
        PopulationGroup.__name__, "A population group is not part of itself.", "not part of itself"
    ),
    ModelOnlyRule(AgeCount.__name__, "An age band does not end before it starts.", "ends before it starts"),
    ModelOnlyRule(
        "whole numbers",
        "A whole number is written without a fraction: 12, not 12.0 (JSON Schema's integer accepts 12.0).",
        "expected a whole number",
    ),
)
"""Every rule the model checks that the generated schema cannot; documented and tested."""


def json_schema(cls: type = Factsheet, *, schema_id: str | None = None) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of documents the converter reads as ``cls``.

    The root class is described at the top level; every other class and code
    list used is in ``$defs`` under its class name. ``schema_id`` defaults to
    :data:`SCHEMA_ID` for :class:`~opsfacts.model.Factsheet` and to
    ``urn:opsfacts:schema:<name>`` otherwise.
    """
    if not attrs.has(cls):
        raise SchemaError(f"{cls!r} is not an attrs class")
    builder = _Builder(root=cls)
    body = builder.object_schema(cls)
    if schema_id is None:
        schema_id = SCHEMA_ID if cls is Factsheet else f"urn:opsfacts:schema:{cls.__name__.lower()}"
    top = {"$schema": DIALECT, "$id": schema_id, **body}
    if builder.defs:
        top["$defs"] = {name: builder.defs[name] for name in sorted(builder.defs)}
    return _ordered(top)


def to_text(schema: dict[str, Any]) -> str:
    """Canonical text of a schema: two-space indent, UTF-8, a trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


@functools.cache
def schema_text() -> str:
    """The canonical text of the factsheet schema (what ``schemas/`` holds)."""
    return to_text(json_schema())


def schema_path(version: str = FORMAT_VERSION) -> Path:
    """Path of a bundled factsheet schema file: in the installed package, or in the source tree."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "schemas" / schema_file_name(version)
    if installed.is_file():
        return installed
    # Source tree (src layout, editable install): the committed copy in schemas/.
    return package.parents[1] / "schemas" / schema_file_name(version)


@functools.cache
def bundled_schema(version: str = FORMAT_VERSION) -> dict[str, Any]:
    """The factsheet schema of a format version this release reads: generated for the current one,
    the published file for older ones."""
    from ..documents._migration import READ_VERSIONS  # noqa: PLC0415 - migration imports the model, as this does

    if version == FORMAT_VERSION:
        return typing.cast(dict[str, Any], json.loads(schema_text()))
    if version not in READ_VERSIONS:
        raise ValueError(f"no bundled schema for format version {version!r}; there are {READ_VERSIONS}")
    return typing.cast(dict[str, Any], json.loads(schema_path(version).read_text(encoding="utf-8")))


@functools.cache
def validator(version: str = FORMAT_VERSION) -> Any:
    """A Draft 2020-12 validator of a bundled factsheet schema with format checking, built once."""
    from jsonschema import Draft202012Validator  # noqa: PLC0415 - jsonschema is slow to import

    return Draft202012Validator(bundled_schema(version), format_checker=Draft202012Validator.FORMAT_CHECKER)


# --- building -----------------------------------------------------------------


_END = r"(?![\s\S])"


def _strict_end(keywords: dict[str, Any]) -> dict[str, Any]:
    """Make a trailing ``$`` mean end of text in Python too (``re`` matches it before a final newline)."""
    pattern = keywords.get("pattern")
    if isinstance(pattern, str) and pattern.endswith("$") and not pattern.endswith("\\$"):
        return {**keywords, "pattern": pattern + _END}
    return keywords


def _ordered(schema: dict[str, Any]) -> dict[str, Any]:
    return dict(sorted(schema.items(), key=lambda kv: (_RANK.get(kv[0], len(_RANK)), kv[0])))


def _described(text: str) -> dict[str, str]:
    # Editors show description as plain text and markdownDescription (VS Code), where the docstring
    # has markup (literals, links), as Markdown.
    if not text:
        return {}
    described = {"description": plain(text)}
    if markdown(text) != described["description"]:
        described["markdownDescription"] = markdown(text)
    return described


def _describe_class(cls: type) -> dict[str, Any]:
    return {"title": cls.__name__, **_described(class_doc(cls))}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    if isinstance(kind, str) and "enum" not in schema and "const" not in schema:
        return _ordered({**schema, "type": [kind, "null"]})
    return {"anyOf": [schema, {"type": "null"}]}


class _Builder:
    def __init__(self, root: type) -> None:
        self.root = root
        self.defs: dict[str, dict[str, Any]] = {}
        self.owners: dict[str, type] = {root.__name__: root}

    def _claim(self, cls: type) -> bool:
        """Reserve the $defs name of cls; False when it is already built (or being built)."""
        owner = self.owners.get(cls.__name__)
        if owner is not None and owner is not cls:
            raise SchemaError(
                f"two classes are named {cls.__name__!r} ({owner.__module__}.{owner.__qualname__} and "
                f"{cls.__module__}.{cls.__qualname__}); $defs names must be unique"
            )
        if owner is cls and (cls is self.root or cls.__name__ in self.defs):
            return False
        self.owners[cls.__name__] = cls
        return True

    def ref(self, cls: type) -> dict[str, Any]:
        if cls is self.root:
            self._claim(cls)
            return {"$ref": "#"}
        if self._claim(cls):
            self.defs[cls.__name__] = {}  # placeholder: a class may refer to itself
            made = self.code_schema(cls) if issubclass(cls, enum.Enum) else self.object_schema(cls)
            self.defs[cls.__name__] = made
        return {"$ref": f"#/$defs/{cls.__name__}"}

    def code_schema(self, cls: type[enum.Enum]) -> dict[str, Any]:
        values = [member.value for member in cls]
        if not all(isinstance(v, str) for v in values):
            raise SchemaError(f"code list {cls.__name__} has values that are not strings")
        meanings = [plain(getattr(m, "description", "")) for m in cls]
        return _ordered(
            {**_describe_class(cls), "type": "string", "enum": values, "enumDescriptions": meanings}
        )

    def object_schema(self, cls: type) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        hints = _hints(cls)
        for field in attrs.fields(cls):
            key = field_key(field)
            try:
                prop = self.type_schema(hints.get(field.name, field.type))
            except SchemaError as exc:
                raise SchemaError(f"{cls.__name__}.{field.name}: {exc}") from None
            extra: dict[str, Any] = {}
            extra.update(_described(field_doc(field)))
            if "const" in field.metadata:
                extra["const"] = field.metadata["const"]
            if field.default is attrs.NOTHING or "const" in field.metadata:
                required.append(key)
            if (
                field.default is not attrs.NOTHING
                and "const" not in field.metadata
                and not isinstance(
                    field.default,
                    attrs.Factory,  # type: ignore[arg-type]
                )
            ):
                extra["default"] = _converter().unstructure(field.default, hints.get(field.name, field.type))
            properties[key] = _ordered({**prop, **extra})
        schema: dict[str, Any] = {
            **_describe_class(cls),
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            schema["required"] = required
        groups = [self._any_of(cls, names) for names in any_of_groups(cls)]
        if len(groups) == 1:
            schema["anyOf"] = groups[0]
        elif groups:
            schema["allOf"] = [{"anyOf": group} for group in groups]
        object_schema = _ordered(schema)
        name = shorthand_of(cls)
        if name is None:
            return object_schema
        # Written as a bare value when only that field is set: 498170 for {"value": 498170}.
        bare = self.type_schema(non_null(attrs.fields_dict(cls)[name].type))
        described = _describe_class(cls)
        plain = {k: v for k, v in object_schema.items() if k not in described}
        return _ordered({**described, "anyOf": [bare, plain]})

    @staticmethod
    def _any_of(owner: type, names: tuple[str, ...]) -> list[dict[str, Any]]:
        fields = attrs.fields_dict(owner)
        branches = []
        for name in names:
            key = field_key(fields[name])
            branch: dict[str, Any] = {"required": [key]}
            if is_tuple(fields[name].type):
                branch["properties"] = {key: {"minItems": 1}}
            else:
                branch["properties"] = {key: {"not": {"type": "null"}}}
            branches.append(branch)
        return branches

    def type_schema(self, tp: Any) -> dict[str, Any]:
        constraint = constraint_of(tp)
        if constraint is not None:
            base = self.type_schema(unannotated(tp))
            keywords = {k: v for k, v in constraint.schema.items() if k != "format" or v in ENFORCED_FORMATS}
            examples = _EXAMPLES.get(constraint.key, base.get("examples"))
            merged = _strict_end({**base, **keywords})
            if "enum" in merged:
                merged.pop("examples", None)  # the enum lists every value already
            elif examples:
                merged["examples"] = examples
            return _ordered(merged)
        if is_optional(tp):
            if len(alternatives(tp)) != 1:
                raise SchemaError(f"only X | None unions are supported, not {tp!r}")
            return _nullable(self.type_schema(non_null(tp)))
        if len(alternatives(tp)) > 1:
            raise SchemaError(f"only X | None unions are supported, not {tp!r}")
        if is_tuple(tp):
            return {"type": "array", "items": self.type_schema(item_type(tp))}
        if typing.get_origin(tp) is tuple:
            raise SchemaError(f"only tuple[X, ...] is supported, not {tp!r}")
        if isinstance(tp, type):
            if attrs.has(tp) or issubclass(tp, enum.Enum):
                return self.ref(tp)
            simple = _SIMPLE.get(tp)
            if simple is not None:
                return _strict_end(dict(simple))
        name = repr(tp) if typing.get_args(tp) else getattr(tp, "__name__", repr(tp))
        raise SchemaError(f"unsupported type {name}")


def _hints(cls: type) -> dict[str, Any]:
    """Field types with string annotations resolved (``from __future__ import annotations``)."""
    try:
        return typing.get_type_hints(cls, include_extras=True)
    except (NameError, TypeError):
        return {}  # a type defined in a function: use the annotations as they are


_SIMPLE: dict[type, dict[str, Any]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    str: {"type": "string"},
    Decimal: {"type": "string", "pattern": f"^{DECIMAL_PATTERN.pattern}$"},
    PartialDate: {
        "type": "string",
        "pattern": f"^{PARTIAL_DATE_PATTERN.pattern}$",
        "examples": _EXAMPLES["partial_date"],
    },
    datetime.date: {
        "type": "string",
        "format": "date",
        "pattern": f"^{DATE_PATTERN.pattern}$",
        "examples": _EXAMPLES["date"],
    },
}
