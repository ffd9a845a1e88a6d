"""What a comparison gives: :class:`DiffResult` and the changes it holds."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Final

import attrs

__all__ = ["BLOCKS", "Change", "ChangeKind", "DiffResult", "FigureChange", "FindingChange", "WordChange"]

BLOCKS: Final = (
    "document",
    "highlights",
    "key_figures",
    "sections",
    "populations",
    "funding",
    "presence",
    "partners",
    "activities",
    "donors",
    "contacts",
    "links",
    "footnotes",
    "findings",
)
"""The blocks a comparison reports on, in the order reports list them.

Each is named after the factsheet key it covers; ``document`` is the rest of
the top level (title, operation, period, dates, language, accepted findings)
and ``findings`` the consistency findings of :func:`opsfacts.checks.check`.
"""


class ChangeKind(enum.StrEnum):
    """What kind of change a :class:`Change` is."""

    FIGURE = "figure"
    """A printed number changed (a count, an amount, a percentage)."""
    ADDED = "added"
    """Something is in the new edition only."""
    REMOVED = "removed"
    """Something is in the old edition only."""
    RENAMED = "renamed"
    """The same thing is printed under another label or name."""
    DATE = "date"
    """A date, a period or a year moved."""
    TEXT = "text"
    """Prose changed (a paragraph, a heading, a note)."""
    VALUE = "value"
    """Another fact changed: a code, a type, a role, a source, an address."""

    @property
    def mirror(self) -> ChangeKind:
        """The kind the same change has when the editions are swapped (added and removed swap)."""
        return {ChangeKind.ADDED: ChangeKind.REMOVED, ChangeKind.REMOVED: ChangeKind.ADDED}.get(self, self)


@attrs.frozen
class FigureChange:
    """How a printed number moved.

    Amounts are in full units: ``USD 48.3 M`` is 48,300,000. A placeholder
    (``[XX]``) or an absent figure has no value, and then no change is computed.
    """

    old: Decimal | None
    """The old value, multiplier applied; None for a placeholder or an absent figure."""
    new: Decimal | None
    """The new value, likewise."""
    absolute: Decimal | None
    """``new - old``, when both have a value."""
    relative: Decimal | None
    """``(new - old) / old`` as a fraction (0.05 for 5 %), when both have a value and old is not 0."""
    within_precision: bool
    """Whether the two agree within the precision they were printed at.

    ``USD 48.3 M`` stands for 48.25 to 48.35 million and ``USD 48.33 M`` lies
    inside it; "over 6,500" agrees with any count from 6,500 up.
    """
    percentage: bool = False
    """Whether the numbers are percentages: ``absolute`` is then in percentage points."""


@attrs.frozen
class WordChange:
    """A short, word-level account of how a text changed."""

    added: int
    """Words in the new text and not in the old."""
    removed: int
    """Words in the old text and not in the new."""
    summary: str
    """``+3 words, −1 word: 'camps' → 'sites'``: the counts and the first edit, shortened."""


@attrs.frozen
class Change:
    """One difference between two editions of a factsheet."""

    kind: ChangeKind
    """What kind of change it is."""
    block: str
    """The block it is in (one of :data:`~opsfacts.compare.BLOCKS`)."""
    identity: str
    """What changed, named by what it is (``population group REF · from SSD · Gambella``), not where."""
    field: str | None
    """The field of that thing that changed (``count``, ``by_sex[female].count``); None for the
    thing itself (added or removed as a whole)."""
    old: str | None
    """The old value as printed; None when there was none."""
    new: str | None
    """The new value as printed; None when there is none."""
    old_path: str | None = None
    """JSON path in the old document (``$.populations.groups[2].count``), where it has one."""
    new_path: str | None = None
    """JSON path in the new document, where it has one."""
    figure: FigureChange | None = None
    """For a :attr:`ChangeKind.FIGURE` change: how the number moved."""
    words: WordChange | None = None
    """For a :attr:`ChangeKind.TEXT` change: how the words changed."""

    @property
    def what(self) -> str:
        """The identity and the field, for a message (``funding: requested``)."""
        return self.identity if self.field is None else f"{self.identity}: {self.field}"


@attrs.frozen
class FindingChange:
    """A consistency finding found in one edition only.

    Findings are compared by rule code and message, not by path: a finding
    about the third group stays the same finding when the group moves up.
    """

    appeared: bool
    """True when only the new edition has it, False when only the old one had it."""
    code: str
    """The rule code (``OPS201``)."""
    severity: str
    """``error``, ``warning`` or ``info``."""
    message: str
    """The finding's message."""
    path: str
    """Its JSON path, in the edition that has it."""


@attrs.frozen
class DiffResult:
    """Everything that changed between two editions of a factsheet.

    Empty (:attr:`same` is true) when they state the same facts, whatever
    the order they print them in.
    """

    old_title: str
    """The old edition's title."""
    new_title: str
    """The new edition's title."""
    changes: tuple[Change, ...]
    """The changes, block by block in :data:`~opsfacts.compare.BLOCKS` order."""
    findings: tuple[FindingChange, ...] = ()
    """Consistency findings that appeared or disappeared, disappeared first."""
    old_source: str | None = None
    """Where the old edition was read from, for :func:`~opsfacts.compare.diff_files`."""
    new_source: str | None = None
    """Where the new edition was read from."""

    @property
    def same(self) -> bool:
        """Whether nothing changed (the exit code of ``opsfacts diff`` is then 0)."""
        return not self.changes and not self.findings

    @property
    def blocks(self) -> tuple[str, ...]:
        """The blocks with a change, in :data:`~opsfacts.compare.BLOCKS` order."""
        found = {c.block for c in self.changes} | ({"findings"} if self.findings else set())
        return tuple(b for b in BLOCKS if b in found)

    def in_block(self, block: str) -> tuple[Change, ...]:
        """The changes in one block."""
        return tuple(c for c in self.changes if c.block == block)

    def count(self, kind: ChangeKind) -> int:
        """How many changes are of this kind."""
        return sum(1 for c in self.changes if c.kind is kind)
