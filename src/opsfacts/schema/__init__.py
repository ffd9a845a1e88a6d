"""The JSON Schema and the format reference, both generated from the model.

Takes the model classes of :mod:`opsfacts.model`; gives the JSON Schema of
each format version (:func:`json_schema`, the committed files under
``schemas/``, a ready :func:`validator`) and the format reference the docs
show (:func:`format_reference`). Nothing here is written by hand beside the
model.
"""

from __future__ import annotations

from ._generate import (
    DIALECT,
    ENFORCED_FORMATS,
    MODEL_ONLY_RULES,
    SCHEMA_BASE_URL,
    SCHEMA_FILE_NAME,
    SCHEMA_ID,
    ModelOnlyRule,
    SchemaError,
    bundled_schema,
    json_schema,
    schema_file_name,
    schema_id,
    schema_path,
    schema_text,
    schema_url,
    schema_urn,
    to_text,
    validator,
)
from ._reference import (
    format_reference,
)

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
    "format_reference",
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
