"""A pydantic v2 model of the factsheet document, the peer ``bench_compare.py`` times opsfacts against.

Built from the bundled JSON Schema, so it describes the same document as the
attrs model: one pydantic class per schema definition, unknown keys refused,
strict types, the same patterns, lengths, bounds and enumerations, ``X | None``
where the schema allows null, and a bare count or an object where it offers
both. What JSON Schema says with ``not`` and with ``anyOf`` of ``required``
(a value or a printed text must be given) has no pydantic field equivalent and
is left out, which only makes the peer's work lighter.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from opsfacts.schema import schema_text

__all__ = ["factsheet_model"]

_CONFIG = ConfigDict(extra="forbid", strict=True)
_END_OF_TEXT = "$(?![\\s\\S])"
_SURROGATES = "\\ud800-\\udfff"


class _Builder:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.models: dict[str, Any] = {}

    def ref(self, name: str) -> Any:
        if name not in self.models:
            self.models[name] = None  # every $ref in the schema is to a definition made below
            self.models[name] = self.type_of(self.defs[name], name)
        return self.models[name]

    def type_of(self, node: dict[str, Any], name: str) -> Any:
        if "$ref" in node:
            return self.ref(node["$ref"].rsplit("/", 1)[-1])
        if "const" in node:
            return Literal[node["const"]]
        if "enum" in node:
            return Literal[tuple(node["enum"])]
        if "properties" in node or node.get("type") == "object":
            return self.model(node, name)
        if "anyOf" in node:
            options = [self.type_of(option, f"{name}Option{i}") for i, option in enumerate(node["anyOf"])]
            return Union[tuple(options)]  # noqa: UP007 - built at run time
        kind = node.get("type")
        if isinstance(kind, list):
            others = [k for k in kind if k != "null"]
            inner = self.type_of({**node, "type": others[0]}, name)
            return inner | None if "null" in kind else inner
        return self.scalar(node, kind)

    def scalar(self, node: dict[str, Any], kind: Any) -> Any:
        if kind == "string":
            pattern = node.get("pattern")
            if pattern is not None:
                # "$(?![\s\S])" is the schema's end of text; pydantic's regex engine has no look-ahead,
                # and its "$" already means the end of the text.
                pattern = pattern.replace(_END_OF_TEXT, "$")
                # Rust's regex engine (pydantic-core's) is over Unicode scalar values and refuses the
                # lone-surrogate range; a JSON text holding a lone surrogate never reaches it anyway.
                pattern = pattern.replace(_SURROGATES, "")
            constraints = StringConstraints(pattern=pattern, min_length=node.get("minLength"))
            return Annotated[str, constraints]
        if kind == "integer":
            return Annotated[int, Field(ge=node.get("minimum"), le=node.get("maximum"))]
        if kind == "number":
            # Decimal, as the attrs model holds percentages and amounts exactly.
            return Annotated[Decimal, Field(ge=node.get("minimum"), le=node.get("maximum"), strict=False)]
        if kind == "boolean":
            return bool
        if kind == "array":
            item = self.type_of(node.get("items", {}), "Item")
            return Annotated[list[item], Field(min_length=node.get("minItems"))]  # type: ignore[valid-type]
        return Any

    def model(self, node: dict[str, Any], name: str) -> type[BaseModel]:
        required = set(node.get("required", ()))
        fields: dict[str, Any] = {}
        for key, prop in node.get("properties", {}).items():
            field_type = self.type_of(prop, f"{name}_{key}")
            default = ... if key in required else prop.get("default")
            alias = key if not key.isidentifier() or key.startswith("_") else None
            attribute = f"field_{key.lstrip('$_')}" if alias else key
            fields[attribute] = (field_type, Field(default, alias=alias))
        model: type[BaseModel] = create_model(name, __config__=_CONFIG, **fields)
        return model


def factsheet_model() -> type[BaseModel]:
    """The pydantic model of a factsheet document (format of the bundled schema)."""
    schema = json.loads(schema_text())
    builder = _Builder(schema)
    root = {key: value for key, value in schema.items() if key != "anyOf"}
    model = builder.model(root, "Factsheet")
    for built in builder.models.values():
        if isinstance(built, type) and issubclass(built, BaseModel):
            built.model_rebuild()
    model.model_rebuild()
    return model
