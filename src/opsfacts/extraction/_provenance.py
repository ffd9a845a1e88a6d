"""Where each extracted value was printed, and how sure the reading is."""

from __future__ import annotations

import enum
from typing import Any

from attrs import define, field, frozen

from ._lines import Box, Line

__all__ = ["Confidence", "Provenance", "Recorder"]


class Confidence(enum.Enum):
    """How sure a reading is."""

    HIGH = "high"
    """Read from a line whose form leaves no doubt ("68 National Staff")."""
    LOW = "low"
    """Read by position or by a pattern that could mislead (a label paired with a figure
    printed apart from it); check it against the page."""


@frozen
class Provenance:
    """One extracted value: where it goes in the draft, what was printed, where, and how sure."""

    path: str = field(metadata={"doc": 'Its place in the draft ("populations.groups[0].count").'})
    value: Any = field(metadata={"doc": "The value written into the draft."})
    printed: str = field(metadata={"doc": "The printed text it was read from."})
    page: int = field(metadata={"doc": "1-based page number."})
    line: int = field(metadata={"doc": "1-based line number (in the text, or on the PDF page)."})
    box: Box | None = field(metadata={"doc": "Position on the page in points, for a PDF."})
    confidence: Confidence = field(metadata={"doc": "How sure the reading is."})

    def to_json(self) -> dict[str, Any]:
        """The record as JSON-ready data."""
        data: dict[str, Any] = {
            "path": self.path,
            "value": self.value,
            "printed": self.printed,
            "page": self.page,
            "line": self.line,
            "confidence": self.confidence.value,
        }
        if self.box is not None:
            data["box"] = [round(x, 1) for x in self.box]
        return data


@define
class Recorder:
    """Collects provenance records while the part readers fill the draft."""

    records: list[Provenance] = field(factory=list)
    missing: list[str] = field(factory=list)

    def note(
        self, path: str, value: Any, line: Line, printed: str | None = None, *, low: bool = False
    ) -> None:
        """Record that ``value`` at ``path`` was read from ``line``."""
        confidence = Confidence.LOW if low else Confidence.HIGH
        self.records.append(
            Provenance(path, value, printed or line.text, line.page, line.number, line.box, confidence)
        )

    def not_found(self, what: str) -> None:
        """Record a part or value looked for and not found."""
        self.missing.append(what)
