"""The exceptions opsfacts raises.

Every failure caused by user input is an :class:`OpsfactsError`. A
:class:`DocumentError` carries every problem with the document as a
:class:`~opsfacts.diagnostics.Finding`: a report code (``OPS002``), the JSON
path (``$.funding.requested.value``), a sentence, the offending value and,
when the document came from text, the line and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics import Finding

__all__ = [
    "DocumentError",
    "InvalidDocument",
    "OpsfactsError",
    "ParseError",
    "ReadError",
    "WriteError",
]


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
    limit every reader applies, or it holds a whole number longer than a
    reader converts (Python's limit, 4,300 digits by default, which a factsheet
    built in Python can pass); nothing is written.
    """

    def __init__(self, size: int, limit: int, what: str = "the document", unit: str = "bytes") -> None:
        super().__init__(
            f"{what} would be {size:,} {unit}, larger than opsfacts reads (the limit is {limit:,})"
        )
        self.size = size
        """How large it would be, in :attr:`unit`."""
        self.limit = limit
        """The largest a reader accepts, in :attr:`unit`."""
        self.unit = unit
        """``bytes`` (of the document's text) or ``digits`` (of a whole number in it)."""


class DocumentError(OpsfactsError):
    """A document is not a valid factsheet; carries every problem found."""

    def __init__(self, problems: Sequence[Finding], source: str | None = None) -> None:
        self.problems: tuple[Finding, ...] = tuple(problems)
        """Every problem found, each a finding of severity error with a load code (``OPS001``-``OPS005``)."""
        self.source = source
        super().__init__(self._summary())

    def _summary(self) -> str:
        head = f"{self.source}: " if self.source else ""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{head}{count} {noun}:"] + [f"  {p.where}: {p.message}" for p in self.problems]
        return "\n".join(lines)


class ParseError(DocumentError):
    """The text is not well-formed JSON or YAML, or not a document at all."""


class InvalidDocument(DocumentError):
    """The data does not fit the factsheet model."""
