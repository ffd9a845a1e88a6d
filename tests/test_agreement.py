"""The schema and the model agree: both ways, and on single mutations of valid documents."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opsfacts import model as model_module
from opsfacts.diagnostics import PathPart, format_path
from opsfacts.documents import converter, from_dict, problems_from, to_dict
from opsfacts.model import Factsheet
from opsfacts.schema import MODEL_ONLY_RULES, json_schema, schema_text, validator
from opsfacts.strategies import factsheets
from opsfacts.validation import schema_problems

CORRECTED = Path(__file__).resolve().parents[1] / "examples" / "mali-2017-06.corrected.json"
SCHEMA: dict[str, Any] = json.loads(schema_text())
DEFS: dict[str, Any] = SCHEMA["$defs"]
OBJECT_CLASSES = sorted(name for name, d in DEFS.items() if d.get("type") == "object")


@given(factsheets())
def test_every_model_value_is_schema_valid(factsheet: Factsheet) -> None:
    data = to_dict(factsheet)
    assert [e.message for e in validator().iter_errors(data)] == []


# --- documents generated from the schema -------------------------------------------
# hypothesis-jsonschema 0.23.1 does not work with this hypothesis (it calls the removed
# ``many.more()``), so documents are drawn by this equivalent generator. It knows every
# keyword the generated schema uses and fails on any other, so it cannot silently skip a rule.

_END = r"(?![\s\S])"
_ANNOTATIONS = {
    "title",
    "description",
    "default",
    "examples",
    "markdownDescription",
    "enumDescriptions",
    "x-enumDescriptions",  # the frozen 1.0 schema's keyword for enumDescriptions
    "$schema",
    "$id",
    "$defs",
}
_KNOWN = _ANNOTATIONS | {
    "$ref", "anyOf", "type", "const", "enum", "format", "pattern", "minLength", "minimum", "maximum",
    "items", "minItems", "properties", "required", "additionalProperties",
}  # fmt: skip


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    if isinstance(prop.get("type"), list):
        kinds = [k for k in prop["type"] if k != "null"]
        return {**prop, "type": kinds[0] if len(kinds) == 1 else kinds}
    if "anyOf" in prop:
        return {**prop, "anyOf": [b for b in prop["anyOf"] if b != {"type": "null"}]}
    return prop


def _with_branch(node: dict[str, Any], branch: dict[str, Any]) -> dict[str, Any]:
    """An object schema with one branch of its ``anyOf`` of required fields made part of it."""
    assert set(branch) <= {"required", "properties"}, branch
    properties = dict(node["properties"])
    for key, extra in branch.get("properties", {}).items():
        if extra == {"not": {"type": "null"}}:
            properties[key] = _without_null(properties[key])
        else:
            assert set(extra) == {"minItems"}, extra
            properties[key] = {**properties[key], **extra}
    required = [*node.get("required", []), *branch["required"]]
    rest = {k: v for k, v in node.items() if k != "anyOf"}
    return {**rest, "properties": properties, "required": required}


def from_schema(node: dict[str, Any], root: dict[str, Any] | None = None) -> st.SearchStrategy[Any]:
    """Values valid under a schema that uses only the keywords in ``_KNOWN``."""
    root = node if root is None else root
    unknown = set(node) - _KNOWN
    assert not unknown, f"the generator does not know {sorted(unknown)}"
    if "$ref" in node:
        ref = node["$ref"]
        target = root if ref == "#" else root["$defs"][ref.rsplit("/", 1)[-1]]
        return st.deferred(lambda: from_schema(target, root))
    if "anyOf" in node and node.get("type") == "object":
        # Alternatives of required fields ("value" or "printed"): draw one, as part of the object.
        return st.one_of(*(from_schema(_with_branch(node, branch), root) for branch in node["anyOf"]))
    if "anyOf" in node:
        return st.one_of(*(from_schema(branch, root) for branch in node["anyOf"]))
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
    return st.one_of(*(_of_type(kind, node, root) for kind in kinds))


def _of_type(kind: str, node: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(min_value=node.get("minimum"), max_value=node.get("maximum"))
    if kind == "string":
        if node.get("format") == "date":
            return st.dates().map(lambda d: d.isoformat())
        pattern = node.get("pattern", "")
        # from_regex cannot draw lookarounds: draw without the end guard, then keep what matches.
        strings = st.from_regex(pattern.removesuffix(_END)).filter(
            lambda s: re.search(pattern, s) is not None
        )
        return strings.filter(lambda s: len(s) >= node.get("minLength", 0))
    if kind == "array":
        return st.lists(from_schema(node["items"], root), min_size=node.get("minItems", 0), max_size=3)
    assert kind == "object", kind
    assert node["additionalProperties"] is False
    required = node.get("required", [])
    properties = node["properties"]
    return st.fixed_dictionaries(
        {key: from_schema(properties[key], root) for key in required},
        optional={key: from_schema(value, root) for key, value in properties.items() if key not in required},
    )


def _model_only(messages: list[str]) -> bool:
    fragments = [rule.message for rule in MODEL_ONLY_RULES]
    return all(any(f in m for f in fragments) for m in messages)


def _load_or_model_only(cls: type, data: Any) -> None:
    try:
        converter.get_structure_hook(cls)(data, cls)
    except Exception as exc:  # noqa: BLE001 - inspected below
        messages = [p.message for p in problems_from(exc, data)]
    else:
        return
    assert messages
    assert _model_only(messages), messages


@pytest.mark.parametrize("name", OBJECT_CLASSES)
@settings(max_examples=30, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_schema_documents_load(name: str, data: st.DataObject) -> None:
    document = data.draw(from_schema(DEFS[name], SCHEMA))
    _load_or_model_only(getattr(model_module, name), document)


@settings(max_examples=15, suppress_health_check=list(HealthCheck))
@given(document=from_schema(SCHEMA))
def test_schema_factsheets_load(document: dict[str, Any]) -> None:
    _load_or_model_only(Factsheet, document)


def test_model_only_rules_raise_clear_errors() -> None:
    base = json.loads(CORRECTED.read_text(encoding="utf-8"))
    cases = {
        "at least one country": ("operation", "countries", []),
        "each country once": ("operation", "countries", ["MLI", "MLI"]),
        "exactly one country": ("operation", "countries", ["MLI", "NER"]),
        "an area is given": ("operation", "area", "Mopti"),
        "before it starts": ("period", "end", "2000-01-01"),
    }
    for fragment, (block, key, value) in cases.items():
        document = copy.deepcopy(base)
        document[block][key] = value
        assert validator().is_valid(document)
        with pytest.raises(Exception, match=fragment) as caught:
            from_dict(document)
        assert caught.type.__name__ == "InvalidDocument"


# --- single mutations -----------------------------------------------------------------

Path_ = tuple[PathPart, ...]


_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "integer", bool: "boolean"}


def _resolve(node: dict[str, Any], data: Any) -> dict[str, Any]:
    """The schema node that describes data: refs followed, the alternative of data's JSON type taken."""
    while True:
        if "$ref" in node:
            ref = node["$ref"]
            node = SCHEMA if ref == "#" else DEFS[ref.rsplit("/", 1)[-1]]
        elif "anyOf" in node and "type" not in node:
            kind = _JSON_TYPES.get(type(data))
            node = next(
                b
                for b in node["anyOf"]
                if b != {"type": "null"} and (b.get("type", kind) == kind or "$ref" in b)
            )
        else:
            return node


def _wrong_type(value: Any) -> Any:
    if isinstance(value, bool):
        return "true"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return 7
    if isinstance(value, list):
        return "not an array"
    return ["not an object"]


def _mutations(data: Any, node: dict[str, Any], parts: Path_ = ()) -> Iterator[tuple[str, Path_, Any]]:
    """(kind, path, new value or a deletion marker) for every single mutation of data."""
    node = _resolve(node, data)
    if data is None:
        return
    yield "wrong type", parts, _wrong_type(data)
    if isinstance(data, dict):
        for key in node.get("required", []):
            # A document without format_version is a 1.0 document, which the model reads (migrated).
            if parts or key != "format_version":
                yield "missing key", (*parts, key), _DELETE
        yield "unknown key", (*parts, "surplus_key"), "x"
        for key, value in data.items():
            yield from _mutations(value, node["properties"][key], (*parts, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _mutations(item, node["items"], (*parts, index))
    else:
        if "enum" in node and isinstance(data, str):
            yield "bad code", parts, "not-a-code"
        if node.get("pattern", "").startswith("^[0-9]{4}(?:-"):
            # 2017-02-30 fits the pattern; that a day is real is a model-only rule.
            yield "bad date", parts, "2017-13"
            yield "bad date", parts, "30/06/2017"
        if "minimum" in node and isinstance(data, int):
            yield "out of range", parts, node["minimum"] - 1
        if "maximum" in node and isinstance(data, int):
            yield "out of range", parts, node["maximum"] + 1


_DELETE = object()


def _apply(data: Any, parts: Path_, value: Any) -> Any:
    result = copy.deepcopy(data)
    if not parts:
        return value
    target = result
    for part in parts[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[parts[-1]]
    else:
        target[parts[-1]] = value
    return result


def _model_paths(data: Any) -> set[str]:
    try:
        from_dict(data)
    except Exception as exc:  # noqa: BLE001 - the problems are compared below
        return {p.path for p in getattr(exc, "problems", ())}
    return set()


def _schema_paths(data: Any) -> set[str]:
    return {format_path(parts) for parts, _ in schema_problems(validator(), data)}


def _check_mutation(data: Any, kind: str, parts: Path_, value: Any) -> None:
    mutated = _apply(data, parts, value)
    expected = {format_path(parts)}
    assert _model_paths(mutated) == expected, (kind, expected)
    assert _schema_paths(mutated) == expected, (kind, expected)


def test_mutations_of_the_example() -> None:
    data = json.loads(CORRECTED.read_text(encoding="utf-8"))
    mutations = [m for m in _mutations(data, SCHEMA) if m[1]]  # the root is always an object
    kinds = {kind for kind, _, _ in mutations}
    assert kinds == {"wrong type", "missing key", "unknown key", "bad code", "bad date", "out of range"}
    assert len(mutations) > 300
    for kind, parts, value in mutations:
        _check_mutation(data, kind, parts, value)


@settings(max_examples=50)
@given(factsheets(), st.data())
def test_mutations_of_generated_factsheets(factsheet: Factsheet, draw: st.DataObject) -> None:
    data = to_dict(factsheet)
    mutations = [m for m in _mutations(data, SCHEMA) if m[1]]
    kind, parts, value = draw.draw(st.sampled_from(mutations))
    _check_mutation(data, kind, parts, value)


def test_generic_schema_of_a_part() -> None:
    # The generator is generic: a part of the model on its own gets the same definitions.
    figure = json_schema(model_module.Figure)
    assert figure["properties"] == DEFS["Figure"]["properties"]
    assert figure["$defs"] == {"Scale": DEFS["Scale"]}
