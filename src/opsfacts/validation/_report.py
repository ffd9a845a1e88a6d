"""Validation reports and their output formats: text, json, github and sarif.

A :class:`Report` lists, for every file checked, the problems found (load
problems, schema problems and consistency findings alike, each a
:class:`~opsfacts.diagnostics.Finding`). Renderers turn it into text; none of them imports anything
slow, so the CLI stays quick to start.

Load problem codes (stable; consistency rules use ``OPS1xx`` and above):

========  =========================================================================
OPS000    the file could not be read (missing, unreadable, too large): exit 2
OPS001    not well-formed JSON or YAML, empty, a BOM, a duplicate key, too deeply
          nested, too large, or a root that is not an object
OPS002    a value of the wrong JSON type
OPS003    a required key is missing
OPS004    an unknown key (not part of the format)
OPS005    an invalid value: a bad code, date, number, text or a model rule
OPS006    a JSON Schema violation (``--jsonschema`` or a local ``$schema``) the model
          did not report at the same path
OPS007    the document's ``$schema`` is unknown or unusable (never fetched)
OPS008    a notice, not an error: the document is in an older format version and
          was read through migration (``opsfacts migrate`` rewrites it)
OPS009    internal: a consistency rule crashed, or a rule plug-in could not be
          loaded (a bug to report, not a problem of the document)
========  =========================================================================
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final

import attrs

from .._version import __version__
from ..diagnostics import Finding, Severity
from ..model._constraints import RULE_CODE_PATTERN

__all__ = [
    "DOCS_URL",
    "FORMATS",
    "LOAD_CODES",
    "REPORT_SCHEMA_ID",
    "REPORT_VERSION",
    "SARIF_FINGERPRINT",
    "SARIF_ROOT",
    "SEVERITIES",
    "FileReport",
    "Report",
    "one_line",
    "render",
    "render_github",
    "render_json",
    "render_sarif",
    "render_text",
    "report_schema",
]

DOCS_URL: Final = "https://opsfacts.readthedocs.io/en/latest/"
"""Base URL of the documentation, for help links."""
REPORT_VERSION: Final = "1.0"
"""Version of the ``json`` report format."""
REPORT_SCHEMA_ID: Final = f"urn:opsfacts:schema:report:{REPORT_VERSION}"
"""``$id`` of the JSON Schema of the ``json`` report format."""
SEVERITIES: Final = ("error", "warning", "info")
"""Severities, most severe first."""
FORMATS: Final = ("text", "json", "github", "sarif")
"""Output formats of ``opsfacts validate``."""

LOAD_CODES: Final = {
    "OPS000": ("unreadable", "The file could not be read."),
    "OPS001": ("syntax", "The text is not a well-formed JSON or YAML object."),
    "OPS002": ("type", "A value has the wrong JSON type."),
    "OPS003": ("missing-key", "A required key is missing."),
    "OPS004": ("unknown-key", "A key is not part of the factsheet format."),
    "OPS005": ("invalid-value", "A value is not allowed (code, date, number, text or model rule)."),
    "OPS006": ("schema", "The document breaks a JSON Schema rule."),
    "OPS007": ("unknown-schema", "The document's $schema is unknown or unusable."),
    "OPS008": ("migrated", "The document is in an older format version and was read through migration."),
    "OPS009": ("internal", "A consistency rule crashed, or a rule plug-in could not be loaded."),
}
"""Codes of load problems: code -> (name, short description)."""


@attrs.frozen
class FileReport:
    """What was found in one file."""

    file: str
    entries: tuple[Finding, ...] = ()
    """Every problem and finding, in document order."""
    unreadable: bool = False
    """The file could not be read (an I/O error: exit 2)."""
    fail_on: Severity = attrs.field(default=Severity.ERROR, converter=Severity)
    """The lowest severity that makes the run fail (``--fail-on``)."""

    def fails(self, entry: Finding) -> bool:
        """Whether an entry makes the run fail: its severity is :attr:`fail_on` or above."""
        return entry.severity.rank >= self.fail_on.rank

    @property
    def status(self) -> str:
        """``unreadable``, ``invalid`` (something fails), or ``valid``."""
        if self.unreadable:
            return "unreadable"
        return "invalid" if any(self.fails(e) for e in self.entries) else "valid"


@attrs.frozen
class Report:
    """The result of validating some files."""

    files: tuple[FileReport, ...]

    @property
    def exit_code(self) -> int:
        """2 when a file could not be read, 1 when something fails, else 0."""
        if any(f.unreadable for f in self.files):
            return 2
        return 1 if any(f.status == "invalid" for f in self.files) else 0

    def count(self, severity: str) -> int:
        """How many entries of a severity."""
        return sum(1 for f in self.files for e in f.entries if e.severity == severity)


# --- text -----------------------------------------------------------------------

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


# What could end a line or fool a terminal: C0 and C1 controls (tab, CR, LF, NEL, ESC...), DEL,
# the Unicode line and paragraph separators, and lone surrogates (not encodable as UTF-8).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """Text made safe for one line of a terminal or log, as every text report line is.

    Control characters (tab, CR, LF, NEL, ESC and the rest of C0 and C1), DEL,
    U+2028, U+2029 and lone surrogates are written as ``\\x0a`` or ``\\u2028``, so a
    document's keys, values or file names can never start a line that looks like
    another finding (or a workflow command), nor colour a terminal.
    """
    return _UNPRINTABLE.sub(_escape_char, text)


def _encodable(text: str) -> str:
    """Text with lone surrogates (from a non-UTF-8 file name) written as ``\\udcff``: valid UTF-8."""
    return _SURROGATES.sub(_escape_char, text) if _SURROGATES.search(text) else text


def _clean(data: Any) -> Any:
    if isinstance(data, str):
        return _encodable(data)
    if isinstance(data, dict):
        return {_clean(k): _clean(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def _where(file: str, entry: Finding) -> str:
    file = one_line(file)
    if entry.line is None:
        return file
    return f"{file}:{entry.line}:{entry.column or 1}"


def render_text(report: Report, *, colour: bool = False) -> str:
    """One line per entry (``file:line:col: CODE severity $.path: message``), then a summary."""
    out: list[str] = []
    for file in report.files:
        for entry in file.entries:
            severity, code = entry.severity.value, entry.code
            if colour:
                severity = f"{_COLOURS[entry.severity]}{severity}{_RESET}"
                code = f"{_BOLD}{code}{_RESET}"
            path = f" {one_line(entry.path)}:" if entry.path else ""
            out.append(f"{_where(file.file, entry)}: {code} {severity}{path} {one_line(entry.message)}")
    out.append(_summary(report))
    return "\n".join(out) + "\n"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _summary(report: Report) -> str:
    files = len(report.files)
    valid = sum(1 for f in report.files if f.status == "valid")
    counts = [_plural(report.count(s), s) for s in SEVERITIES if report.count(s)]
    found = f" ({', '.join(counts)})" if counts else ""
    return f"{_plural(files, 'file')} checked, {valid} valid{found}"


# --- json -----------------------------------------------------------------------


def _entry_data(file: FileReport, entry: Finding) -> dict[str, Any]:
    return {
        "code": entry.code,
        "severity": entry.severity.value,
        "message": entry.message,
        "path": entry.path or None,
        "line": entry.line,
        "column": entry.column,
        "fails": file.fails(entry),
    }


def report_data(report: Report) -> dict[str, Any]:
    """The ``json`` report as data (see :func:`report_schema`)."""
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "opsfacts", "version": __version__},
        "exit_code": report.exit_code,
        "summary": {
            "files": len(report.files),
            "valid": sum(1 for f in report.files if f.status == "valid"),
            "invalid": sum(1 for f in report.files if f.status == "invalid"),
            "unreadable": sum(1 for f in report.files if f.status == "unreadable"),
            **{f"{s}s": report.count(s) for s in SEVERITIES},
        },
        "files": [
            {"file": f.file, "status": f.status, "problems": [_entry_data(f, e) for e in f.entries]}
            for f in report.files
        ],
    }


def render_json(report: Report) -> str:
    """The ``json`` report: stable keys, two-space indent, a trailing newline."""
    return json.dumps(_clean(report_data(report)), indent=2, ensure_ascii=False) + "\n"


def report_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of the ``json`` report format."""
    nullable_int = {"type": ["integer", "null"], "minimum": 1}
    count = {"type": "integer", "minimum": 0}
    problem = {
        "type": "object",
        "description": "A problem or consistency finding.",
        "properties": {
            "code": {"type": "string", "pattern": f"^{RULE_CODE_PATTERN.pattern}$", "examples": ["OPS002"]},
            "severity": {"enum": list(SEVERITIES)},
            "message": {"type": "string", "minLength": 1},
            "path": {"type": ["string", "null"], "pattern": "^\\$", "description": "JSON path."},
            "line": {**nullable_int, "description": "1-based line, where known."},
            "column": {**nullable_int, "description": "1-based column, where known."},
            "fails": {"type": "boolean", "description": "Whether it makes the run fail."},
        },
        "required": ["code", "severity", "message", "path", "line", "column", "fails"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": REPORT_SCHEMA_ID,
        "title": "opsfacts validate report",
        "description": "What `opsfacts validate --format json` prints.",
        "type": "object",
        "properties": {
            "version": {"const": REPORT_VERSION},
            "tool": {
                "type": "object",
                "properties": {"name": {"const": "opsfacts"}, "version": {"type": "string"}},
                "required": ["name", "version"],
                "additionalProperties": False,
            },
            "exit_code": {"enum": [0, 1, 2]},
            "summary": {
                "type": "object",
                "properties": dict.fromkeys(
                    ("files", "valid", "invalid", "unreadable", "errors", "warnings", "infos"), count
                ),
                "required": ["files", "valid", "invalid", "unreadable", "errors", "warnings", "infos"],
                "additionalProperties": False,
            },
            "files": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string"},
                        "status": {"enum": ["valid", "invalid", "unreadable"]},
                        "problems": {"type": "array", "items": {"$ref": "#/$defs/problem"}},
                    },
                    "required": ["file", "status", "problems"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["version", "tool", "exit_code", "summary", "files"],
        "additionalProperties": False,
        "$defs": {"problem": problem},
    }


# --- github ---------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return _encodable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=CODE::message``."""
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for file in report.files:
        for entry in file.entries:
            props = [f"file={_escape_property(file.file)}"]
            if entry.line is not None:
                props += [f"line={entry.line}", f"col={entry.column or 1}"]
            props.append(f"title={_escape_property(entry.code)}")
            path = f"{entry.path}: " if entry.path else ""
            out.append(f"::{levels[entry.severity]} {','.join(props)}::{_escape_data(path + entry.message)}")
    out.append(_summary(report))
    return "\n".join(out) + "\n"


# --- sarif ----------------------------------------------------------------------

_SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_SARIF_LEVELS: Final = {"error": "error", "warning": "warning", "info": "note"}
SARIF_ROOT: Final = "%SRCROOT%"
"""``uriBaseId`` of the SARIF locations: paths relative to the directory ``opsfacts validate`` ran in
(the repository's root in CI), which is what GitHub code scanning maps to files."""
SARIF_FINGERPRINT: Final = "opsfactsFinding/v1"
"""Key of the ``partialFingerprints`` entry: a hash of the code, the file and the JSON path, so an
alert is the same one across runs and when lines move."""
_STDIN = "<stdin>"
# What each load code covers, for the rule's full description (the table in this module's docstring).
_LOAD_DETAILS: Final = {
    "OPS000": "The file is missing, unreadable or too large; opsfacts validate exits with status 2.",
    "OPS001": "The text is not well-formed JSON or YAML: it is empty, starts with a byte order mark, has a "
    "duplicate key, is nested too deeply or is too large, or its root is not an object.",
    "OPS002": "A value has the wrong JSON type (a number where the format expects text, for instance).",
    "OPS003": "A key the factsheet format requires is missing.",
    "OPS004": "A key is not part of the factsheet format (often a misspelt key).",
    "OPS005": "A value is not allowed: an unknown code, an impossible date, a malformed number or text, or "
    "a rule of the model.",
    "OPS006": "The document breaks a rule of the JSON Schema it was checked against (--jsonschema or a "
    "local $schema) that the model did not report at the same place.",
    "OPS007": "The document's $schema names no schema opsfacts knows, or one it cannot use; schemas are "
    "never fetched from the network.",
    "OPS008": "A notice, not an error: the document is in an older format version and was read through "
    "migration; opsfacts migrate rewrites it in the current version.",
    "OPS009": "Internal: a consistency rule crashed, or a rule plug-in could not be loaded. A bug to "
    "report, not a problem of the document.",
}


def _pascal(words: str) -> str:
    # "missing-key" -> "MissingKey"; "Funded amount exceeds the amount requested" -> "FundedAmountExceeds..."
    import re  # noqa: PLC0415 - only for SARIF output

    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", words) if part)


def _sarif_rule(
    code: str, name: str, title: str, rationale: str, *, severity: str, anchor: str
) -> dict[str, Any]:
    from ..model._prose import markdown, plain  # noqa: PLC0415 - only for SARIF output

    url = DOCS_URL + anchor
    text, short = plain(rationale), plain(title).rstrip(".")
    return {
        "id": code,
        "name": _pascal(name),
        "shortDescription": {"text": short},
        "fullDescription": {"text": text},
        "defaultConfiguration": {"level": _SARIF_LEVELS.get(severity, "warning")},
        "help": {
            "text": f"{text}\n\nRule catalogue: {url}",
            "markdown": f"**{code}: {markdown(title).rstrip('.')}**\n\n{markdown(rationale)}\n\n"
            f"See [{code} in the rule catalogue]({url}).",
        },
        "helpUri": url,
        "properties": {"tags": ["opsfacts"]},
    }


def _sarif_rules(codes: Iterable[str]) -> list[dict[str, Any]]:
    # Every load code and every registered rule, so a rule's index does not depend on the findings;
    # a code in the report that neither knows (a plug-in that failed to load) gets a plain entry.
    from ..checks._registry import rules  # noqa: PLC0415 - loads the rule modules and plug-ins

    described: dict[str, dict[str, Any]] = {}
    for code, (name, text) in LOAD_CODES.items():
        described[code] = _sarif_rule(
            code,
            name,
            text,
            _LOAD_DETAILS.get(code, text),
            severity="info" if code == "OPS008" else "error",
            anchor="ci.html#load-problem-codes",
        )
    for rule in rules():
        described[rule.code] = _sarif_rule(
            rule.code,
            rule.title,
            rule.title,
            rule.rationale or rule.title,
            severity=rule.severity.value,
            anchor=f"checks.html#{rule.code.lower()}",
        )
    for code in codes:
        if code not in described:
            text = f"Rule {code}, from a plug-in that is not loaded."
            described[code] = _sarif_rule(
                code, f"Rule {code}", text, text, severity="warning", anchor="checks.html"
            )
    return [described[code] for code in sorted(described)]


def _relative(file: str, root: Path) -> str | None:
    # The path relative to the root, with forward slashes; None when it lies outside the root.
    relative = os.path.relpath(os.path.abspath(file), os.path.abspath(root))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative):
        return None
    return Path(relative).as_posix()


def _artifact(file: str, root: Path) -> dict[str, Any]:
    from urllib.parse import quote  # noqa: PLC0415 - only for SARIF output

    if file == _STDIN:
        # Standard input has no URI: the location names it in words, with no file to map to.
        return {"description": {"text": "standard input"}}
    relative = _relative(file, root)
    if relative is None:
        # Outside the root: an absolute file URI, the other form code scanning accepts.
        return {"uri": Path(os.path.abspath(file)).as_uri()}
    # A non-UTF-8 file name (surrogate-escaped by Python) is percent-encoded as its own bytes.
    return {"uri": quote(relative, safe="/._-~", errors="surrogateescape"), "uriBaseId": SARIF_ROOT}


def _fingerprint(code: str, location: dict[str, Any], path: str | None) -> str:
    import hashlib  # noqa: PLC0415 - only for SARIF output

    where = location.get("uri") or location.get("description", {}).get("text", "")
    # A lone surrogate (from a hostile key) still hashes, to the same value every run.
    return hashlib.sha256(f"{code}\0{where}\0{path or '$'}".encode("utf-8", "surrogatepass")).hexdigest()


def render_sarif(report: Report, *, root: str | os.PathLike[str] | None = None) -> str:
    """A SARIF 2.1.0 log for GitHub code scanning: one run, every rule, a result per entry.

    Rules carry their title, rationale, help (text and Markdown, linking the
    rule catalogue) and default level; file locations are relative to
    ``root`` (default: the current directory) under ``uriBaseId``
    :data:`SARIF_ROOT`; each result has a ``partialFingerprints`` entry
    (:data:`SARIF_FINGERPRINT`) that does not change when lines move.
    """
    base = Path.cwd() if root is None else Path(root)
    used = {e.code for f in report.files for e in f.entries}
    rules = _sarif_rules(used)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for file in report.files:
        artifact = _artifact(file.file, base)
        for entry in file.entries:
            # Code scanning places every result on a line: a problem of the whole file is on line 1.
            region = {"startLine": entry.line or 1, "startColumn": entry.column or 1}
            location: dict[str, Any] = {"physicalLocation": {"artifactLocation": artifact, "region": region}}
            if entry.path:
                location["logicalLocations"] = [{"fullyQualifiedName": entry.path, "kind": "element"}]
            results.append(
                {
                    "ruleId": entry.code,
                    "ruleIndex": index[entry.code],
                    "level": _SARIF_LEVELS[entry.severity],
                    "message": {"text": f"{entry.path}: {entry.message}" if entry.path else entry.message},
                    "locations": [location],
                    "partialFingerprints": {
                        SARIF_FINGERPRINT: _fingerprint(entry.code, artifact, entry.path)
                    },
                }
            )
    log = {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "opsfacts",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": DOCS_URL,
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": "opsfacts/"},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(_clean(log), indent=2, ensure_ascii=False) + "\n"


_RENDERERS: dict[str, Callable[[Report], str]] = {
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}


def render(report: Report, fmt: str, *, colour: bool = False) -> str:
    """Render a report in one of :data:`FORMATS`."""
    if fmt == "text":
        return render_text(report, colour=colour)
    return _RENDERERS[fmt](report)


def sort_entries(entries: Iterable[Finding]) -> tuple[Finding, ...]:
    """Entries in document order (by line, column), those without a position first."""
    return tuple(sorted(entries, key=lambda e: (e.line or 0, e.column or 0)))
