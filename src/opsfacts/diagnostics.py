"""What opsfacts reports about a document: one :class:`Finding` type and its :class:`Severity`.

The lowest layer of the package, shared by every stage. A problem that stops
a document from loading (inside :class:`~opsfacts.errors.DocumentError`), a
consistency finding of :func:`opsfacts.checks.check` and an entry of the
report ``opsfacts validate`` prints are all a :class:`Finding`: a code, a
severity, a sentence, the JSON path of the value it is about (as text and as
parts) and, when the document came from text, the line and column.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

__all__ = ["ABSENT", "Finding", "PathPart", "Severity", "format_path", "json_value"]


class _Absent:
    """The value of a problem about something that is not there."""

    _instance: _Absent | None = None

    def __new__(cls) -> _Absent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


ABSENT: Final = _Absent()
"""Stands for the offending value of a problem about a missing key."""

PathPart = str | int


def format_path(parts: Iterable[PathPart]) -> str:
    """Format path parts as a JSON path: ``$.funding.requested``, ``$.groups[2]``."""
    out = ["$"]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif part.isidentifier():
            out.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"['{escaped}']")
    return "".join(out)


class Severity(enum.StrEnum):
    """How serious a finding is; compare with :attr:`rank` (error highest)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """3 for error, 2 for warning, 1 for info."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


def json_value(value: Any) -> Any:
    """A JSON-friendly copy of a value: Decimals and dates as strings, enums as their value."""
    if isinstance(value, enum.Enum):
        return json_value(value.value)
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, Decimal):
        # Exact, and without an exponent ("39680720", not "3.968072E+7").
        return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_value(v) for v in value]
    return str(value)


@attrs.frozen
class Finding:
    """One thing found in a document: a problem that stops it loading, or a consistency finding."""

    code: str
    """Stable code: ``OPS000``-``OPS009`` for reading and loading (see
    :data:`opsfacts.validation.LOAD_CODES`), the rule's code for a consistency finding (``OPS201``)."""
    severity: Severity = attrs.field(converter=Severity)
    """How serious it is; a problem that stops a document loading is an error."""
    path: str
    """JSON path of the offending value (``$.funding.unfunded``); empty for the file as a whole."""
    parts: tuple[PathPart, ...]
    """The same path as a tuple of keys and indices."""
    message: str
    """A sentence a reviewer understands."""
    values: dict[str, Any] = attrs.field(factory=dict, hash=False)
    """The values involved, JSON-friendly (``{"stated": "16.0", "computed": "15.0"}``)."""
    line: int | None = None
    """1-based line in the source text, where known."""
    column: int | None = None
    """1-based column in the source text, where known."""
    value: Any = attrs.field(default=ABSENT, eq=False, hash=False, repr=False)
    """The offending value as given, for a problem that stops a document loading; else :data:`ABSENT`."""

    @classmethod
    def make(
        cls,
        code: str,
        severity: Severity,
        parts: tuple[PathPart, ...],
        message: str,
        values: Mapping[str, Any] | None = None,
    ) -> Finding:
        """Build a finding, deriving the path from the parts and making values JSON-friendly."""
        return cls(
            code=code,
            severity=severity,
            path=format_path(parts),
            parts=tuple(parts),
            message=message,
            values=json_value(dict(values or {})),
        )

    @classmethod
    def problem(
        cls, code: str, parts: tuple[PathPart, ...] | None, message: str, *, value: Any = ABSENT
    ) -> Finding:
        """An error about the document at ``parts`` (None: about the file as a whole)."""
        path = "" if parts is None else format_path(parts)
        return cls(code, Severity.ERROR, path, tuple(parts or ()), message, value=value)

    @property
    def where(self) -> str:
        """``line:column: path`` where the position is known, else the path (or ``$``)."""
        path = self.path or "$"
        return path if self.line is None else f"{self.line}:{self.column}: {path}"

    def as_dict(self) -> dict[str, Any]:
        """The finding as JSON-friendly data."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "message": self.message,
            "values": self.values,
            "line": self.line,
            "column": self.column,
        }

    def __str__(self) -> str:
        return f"{self.where}: {self.code} [{self.severity.value}] {self.message}"
