"""Validating files as ``opsfacts validate`` does, and the report it prints.

Takes file paths (or :class:`~opsfacts.documents.Input` objects) and a
:class:`~opsfacts.checks.CheckConfig`; reads each document, applies its
JSON Schema, the model and the consistency checks, and gives a
:class:`Report`: per file, every entry with its code, severity, message, JSON
path, line and column. The report renders as text, JSON (with a published
schema), GitHub annotations or SARIF.
"""

from __future__ import annotations

from ._report import (
    DOCS_URL,
    FORMATS,
    LOAD_CODES,
    REPORT_SCHEMA_ID,
    REPORT_VERSION,
    SARIF_FINGERPRINT,
    SARIF_ROOT,
    SEVERITIES,
    FileReport,
    Report,
    one_line,
    render,
    render_github,
    render_json,
    render_sarif,
    render_text,
    report_schema,
)
from ._validate import (
    ChecksRunner,
    DocumentValidator,
    checks_runner,
    schema_problems,
    validate,
    validate_inputs,
)

__all__ = [
    "DOCS_URL",
    "FORMATS",
    "LOAD_CODES",
    "REPORT_SCHEMA_ID",
    "REPORT_VERSION",
    "SARIF_FINGERPRINT",
    "SARIF_ROOT",
    "SEVERITIES",
    "ChecksRunner",
    "DocumentValidator",
    "FileReport",
    "Report",
    "checks_runner",
    "one_line",
    "render",
    "render_github",
    "render_json",
    "render_sarif",
    "render_text",
    "report_schema",
    "schema_problems",
    "validate",
    "validate_inputs",
]
