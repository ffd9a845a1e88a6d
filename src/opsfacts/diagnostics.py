"""What opsfacts reports about a document: :class:`Finding` and its :class:`Severity`.

The lowest layer of the package, shared by every stage: a finding carries a
code, a severity, a sentence, the JSON path of the value it is about (as text
and as parts) and, when the document came from text, the line and column.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from .errors import PathPart, format_path

__all__ = ["Finding", "PathPart", "Severity", "json_value"]


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
    """One consistency problem found in a factsheet."""

    code: str
    """Stable rule code (``OPS201``)."""
    severity: Severity
    """How serious it is."""
    path: str
    """JSON path of the offending value (``$.funding.unfunded``)."""
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
        where = self.path if self.line is None else f"{self.line}:{self.column}: {self.path}"
        return f"{where}: {self.code} [{self.severity.value}] {self.message}"
