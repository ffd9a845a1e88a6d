"""The exceptions opsfacts raises, and the :class:`Problem` they carry.

Every failure caused by user input is an :class:`OpsfactsError`. Problems
with a document carry a JSON path (``$.funding.requested.value``), a
sentence, the offending value and, when the document came from text, the
line and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs

__all__ = [
    "ABSENT",
    "DocumentError",
    "InvalidDocument",
    "OpsfactsError",
    "ParseError",
    "Problem",
    "ReadError",
    "WriteError",
    "format_path",
]


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


@attrs.frozen
class Problem:
    """One thing wrong with a document."""

    path: str
    """JSON path of the offending value (``$.funding.currency``)."""
    message: str
    """A sentence saying what is wrong."""
    code: str = "invalid"
    """Kind of problem: ``syntax``, ``type``, ``value``, ``missing``, ``unknown-key``, ``invalid``."""
    value: Any = ABSENT
    """The offending value as given, or :data:`ABSENT`."""
    line: int | None = None
    """1-based line in the source text, where known."""
    column: int | None = None
    """1-based column in the source text, where known."""
    parts: tuple[PathPart, ...] = attrs.field(default=(), eq=False, repr=False)
    """The path as a tuple of keys and indices."""

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where = f"{self.line}:{self.column}: {where}"
        return f"{where}: {self.message}"


class OpsfactsError(Exception):
    """Base of every exception opsfacts raises for bad input."""


class ReadError(OpsfactsError):
    """A file could not be read (missing, unreadable, too large, not UTF-8)."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class WriteError(OpsfactsError):
    """A factsheet could not be written because opsfacts could not read it back.

    Its text would be larger than :data:`opsfacts.documents.MAX_BYTES`, the
    limit every reader applies; nothing is written.
    """

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"the document would be {size:,} bytes, larger than opsfacts reads (the limit is {limit:,})"
        )
        self.size = size
        self.limit = limit


class DocumentError(OpsfactsError):
    """A document is not a valid factsheet; carries every problem found."""

    def __init__(self, problems: Sequence[Problem], source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._summary())

    def _summary(self) -> str:
        head = f"{self.source}: " if self.source else ""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{head}{count} {noun}:"] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class ParseError(DocumentError):
    """The text is not well-formed JSON or YAML, or not a document at all."""


class InvalidDocument(DocumentError):
    """The data does not fit the factsheet model."""
