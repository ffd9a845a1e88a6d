"""The generated JSON Schema: structure, byte-stability, the committed file, formats and toy classes."""

# No ``from __future__ import annotations``: the toy classes below need real field types.

import datetime
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from jsonschema import Draft202012Validator

from opsfacts.model import FORMAT_VERSION, Count, Factsheet, Scale, Sex, Text
from opsfacts.model import _classes as model_module
from opsfacts.model._modelling import any_of_groups, constrained, doc
from opsfacts.schema import (
    DIALECT,
    MODEL_ONLY_RULES,
    SCHEMA_FILE_NAME,
    SCHEMA_ID,
    SchemaError,
    json_schema,
    schema_path,
    schema_text,
    to_text,
    validator,
)

REPO = Path(__file__).resolve().parents[1]
AS_PUBLISHED = REPO / "examples" / "mali-2017-06.as-published.json"
CORRECTED = REPO / "examples" / "mali-2017-06.corrected.json"

model = attrs.frozen(field_transformer=constrained)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


def _formats(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["format"]] if isinstance(node.get("format"), str) else []
        return found + [f for value in node.values() for f in _formats(value)]
    if isinstance(node, list):
        return [f for value in node for f in _formats(value)]
    return []


def test_header(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert (
        schema["$id"]
        == SCHEMA_ID
        == (
            f"https://opsfacts.readthedocs.io/en/latest/_static/schemas/factsheet-{FORMAT_VERSION}.schema.json"
        )
    )
    assert schema["title"] == "Factsheet"
    assert schema["description"] == "A country operations factsheet."
    assert list(schema)[:4] == ["$schema", "$id", "title", "description"]


def test_metaschema(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)  # raises SchemaError when invalid


def test_committed_file_is_generated() -> None:
    committed = REPO / "schemas" / SCHEMA_FILE_NAME
    assert committed.read_text(encoding="utf-8") == schema_text()
    assert schema_path().read_text(encoding="utf-8") == schema_text()


def test_byte_stable() -> None:
    assert to_text(json_schema()) == to_text(json_schema()) == schema_text()
    assert schema_text().endswith("}\n")


def test_properties_in_field_order(schema: dict[str, Any]) -> None:
    keys = [str(f.metadata.get("key", f.name)) for f in attrs.fields(Factsheet)]
    assert list(schema["properties"]) == keys
    assert "$schema" in schema["properties"]
    assert "schema" not in schema["properties"]
    assert list(schema["$defs"]) == sorted(schema["$defs"])


def test_objects_are_closed(schema: dict[str, Any]) -> None:
    # Quantity and Percentage are a bare value or an object (anyOf).
    bare_or_object = [
        b for d in schema["$defs"].values() for b in d.get("anyOf", ()) if b.get("type") == "object"
    ]
    objects = [schema] + [d for d in schema["$defs"].values() if d.get("type") == "object"] + bare_or_object
    classes = [c for c in vars(model_module).values() if isinstance(c, type) and attrs.has(c)]
    assert len(objects) == len(classes)
    assert len(bare_or_object) == 2
    assert all(o["additionalProperties"] is False for o in objects)


def test_required_optional_nullable(schema: dict[str, Any]) -> None:
    assert schema["required"] == ["publisher", "operation", "title", "format_version"]
    assert schema["anyOf"] == [
        {"required": ["period"], "properties": {"period": {"not": {"type": "null"}}}},
        {"required": ["date"], "properties": {"date": {"not": {"type": "null"}}}},
    ]
    age = schema["$defs"]["AgeCount"]
    assert age["required"] == ["min_age"]
    assert age["properties"]["max_age"]["type"] == ["integer", "null"]
    assert age["properties"]["count"] == {
        "description": "Number of people.",
        "anyOf": [{"$ref": "#/$defs/Quantity"}, {"type": "null"}],
        "default": None,
    }
    quantity = schema["$defs"]["Quantity"]
    assert quantity["anyOf"][0] == {"type": "integer", "minimum": 0}
    assert quantity["anyOf"][1]["type"] == "object"


def test_const_and_defaults(schema: dict[str, Any]) -> None:
    version = schema["properties"]["format_version"]
    assert version["const"] == FORMAT_VERSION
    # Every 2.0 document states its version: a document without one is read as 1.0.
    assert "default" not in version
    assert "format_version" in schema["required"]
    assert schema["properties"]["highlights"]["default"] == []


def test_enum_descriptions(schema: dict[str, Any]) -> None:
    scale = schema["$defs"]["Scale"]
    assert scale["enum"] == [m.value for m in Scale]
    assert scale["enumDescriptions"] == [m.description for m in Scale]
    assert scale["description"].startswith("The multiplier a figure was printed with")


def test_constraints(schema: dict[str, Any]) -> None:
    figure = schema["$defs"]["Figure"]["properties"]
    assert figure["value"]["pattern"] == "^(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?$(?![\\s\\S])"
    assert figure["value"]["type"] == ["string", "null"]
    countries = schema["$defs"]["Operation"]["properties"]["countries"]["items"]
    assert "MLI" in countries["enum"]
    assert countries["enum"] == sorted(countries["enum"])
    period = schema["$defs"]["Period"]["properties"]["start"]
    assert period == {
        "description": "When the period starts (a day, a month or a year).",
        "type": "string",
        "pattern": "^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$(?![\\s\\S])",
        "examples": ["2017-06-30", "2019-03", "2019"],
    }
    year = schema["$defs"]["Target"]["properties"]["year"]
    assert (year["minimum"], year["maximum"]) == (1900, 2100)


def test_examples_validate() -> None:
    for path in (AS_PUBLISHED, CORRECTED):
        errors = [e.message for e in validator().iter_errors(json.loads(path.read_text(encoding="utf-8")))]
        assert errors == []


# --- format honesty --------------------------------------------------------------

_INVALID_FOR_FORMAT = {"date": "2017-02-30", "email": "no-at-sign", "uri": "not a uri at all"}


def test_every_format_is_really_checked(schema: dict[str, Any]) -> None:
    used = set(_formats(schema))
    assert used == {"email"}  # dates may be partial ("2019-03"): a pattern, not format "date"
    checker = Draft202012Validator.FORMAT_CHECKER
    for name in used:
        assert name in checker.checkers, f"format {name!r} is not checked by jsonschema"
        assert not checker.conforms(_INVALID_FOR_FORMAT[name], name)


def test_pattern_end_is_end_of_text() -> None:
    # Python's re (used by jsonschema) lets "$" match before a final newline; the model does not.
    data = json.loads(CORRECTED.read_text(encoding="utf-8"))
    data["operation"]["countries"] = ["MLI"]
    data["accepted"] = [{"code": "OPS2\n", "reason": "x"}]
    assert [list(e.absolute_path) for e in validator().iter_errors(data)] == [["accepted", 0, "code"]]


def test_validator_rejects_bad_formats() -> None:
    data = json.loads(CORRECTED.read_text(encoding="utf-8"))
    data["contacts"][0]["email"] = "no-at-sign"
    messages = [e.message for e in validator().iter_errors(data)]
    assert "'no-at-sign' is not a 'email'" in messages


def test_partial_dates_pattern() -> None:
    data = json.loads(CORRECTED.read_text(encoding="utf-8"))
    for good in ("2017-06", "2017", "2017-06-30"):
        data["period"] = {"start": good}
        assert list(validator().iter_errors(data)) == []
    for bad in ("2017-13", "2017-6", "June 2017", "2017-06-32"):
        data["period"] = {"start": bad}
        errors = list(validator().iter_errors(data))
        assert [list(e.absolute_path) for e in errors] == [["period"]]
        assert any(list(sub.absolute_path) == ["period", "start"] for sub in errors[0].context)


# --- toy classes ----------------------------------------------------------------


@model
class _Toy:
    """A toy."""

    required: Text = attrs.field(metadata=doc("Required."))
    required_nullable: Count | None = attrs.field(metadata=doc("Required but nullable."))
    optional: Sex = attrs.field(default=Sex.F, metadata=doc("Optional."))
    optional_nullable: datetime.date | None = attrs.field(default=None)
    renamed: str = attrs.field(default="x", metadata=doc("Renamed.", key="$renamed"))
    codes: tuple[Scale, ...] = attrs.field(default=())
    maybe_code: Scale | None = attrs.field(default=None)


def test_toy_required_optional_nullable() -> None:
    toy = json_schema(_Toy)
    props = toy["properties"]
    assert toy["$id"] == "urn:opsfacts:schema:_toy"
    assert toy["required"] == ["required", "required_nullable"]
    assert props["required_nullable"]["type"] == ["integer", "null"]
    assert props["optional"] == {"$ref": "#/$defs/Sex", "description": "Optional.", "default": "f"}
    assert props["optional_nullable"]["type"] == ["string", "null"]
    assert list(props) == [
        "required",
        "required_nullable",
        "optional",
        "optional_nullable",
        "$renamed",
        "codes",
        "maybe_code",
    ]
    assert props["maybe_code"]["anyOf"] == [{"$ref": "#/$defs/Scale"}, {"type": "null"}]
    assert sorted(toy["$defs"]) == ["Scale", "Sex"]
    check = Draft202012Validator(toy)
    assert check.is_valid({"required": "a", "required_nullable": None})
    assert not check.is_valid({"required": "a"})
    assert not check.is_valid({"required": "a", "required_nullable": None, "optional": None})
    assert not check.is_valid({"required": "a", "required_nullable": -1})
    assert check.is_valid({"required": "a", "required_nullable": 3, "$renamed": "y", "maybe_code": None})


def _clashing_class() -> type:
    @model
    class Sex:  # same name as the code list opsfacts.model._codes.Sex
        """Not the code list."""

        value: str

    @model
    class Holder:
        """Uses both."""

        mine: Sex
        theirs: Sex_code

    return Holder


Sex_code = Sex


def test_defs_name_clash_is_an_error() -> None:
    with pytest.raises(SchemaError, match="two classes are named 'Sex'"):
        json_schema(_clashing_class())


def test_unsupported_type_is_an_error() -> None:
    @attrs.frozen
    class Bad:
        value: dict[str, int]

    with pytest.raises(SchemaError, match=r"Bad.value: unsupported type dict\[str, int\]"):
        json_schema(Bad)


def test_not_an_attrs_class() -> None:
    with pytest.raises(SchemaError, match="is not an attrs class"):
        json_schema(int)


def test_model_only_rules_cover_every_post_init() -> None:
    with_rules = {
        cls.__name__
        for cls in vars(model_module).values()
        if isinstance(cls, type) and attrs.has(cls) and "__attrs_post_init__" in vars(cls)
    }
    any_of = {
        cls.__name__ for cls in vars(model_module).values() if isinstance(cls, type) and any_of_groups(cls)
    }
    assert with_rules == {"Operation", "Period", "AgeCount", "PopulationGroup", "Factsheet"} | any_of
    listed = {rule.where for rule in MODEL_ONLY_RULES}
    # Factsheet's rule (format_version) is the schema's const and the any-of groups are the schema's
    # anyOf, so they are not model-only.
    assert listed == {"Operation", "Period", "AgeCount", "PopulationGroup", "whole numbers", "dates"}


def test_format_reference_lists_every_class_and_code() -> None:
    from opsfacts.model import PopulationType
    from opsfacts.schema import format_reference

    text = "\n".join(format_reference())
    schema = json_schema()
    for name in schema["$defs"]:
        assert f".. rubric:: {name}\n" in text
    assert "   * - ``$schema``\n     - string: non-blank text\n     - optional, may be null\n" in text
    assert "   * - ``publisher``\n     - :ref:`Organisation <format-organisation>`\n     - required\n" in text
    assert f"   * - ``REF``\n     - {PopulationType.REF.description}\n" in text
