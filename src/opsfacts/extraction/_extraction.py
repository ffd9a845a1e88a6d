"""``extract``: a draft factsheet document from a published PDF or its text."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from attrs import field, frozen

from ..checks import check
from ..documents import from_dict
from ..documents._yaml import dump_yaml
from ..errors import InvalidDocument
from ..model import FORMAT_VERSION, Factsheet
from ._activities import read_activities
from ._blocks import find_parts
from ._contacts import read_contacts, read_links
from ._donors import read_donors
from ._footnotes import read_footnotes
from ._funding import read_funding
from ._head import read_head
from ._key_figures import read_key_figures
from ._lines import Line, lines_from_text
from ._partners import read_partners
from ._populations import read_populations
from ._presence import read_presence
from ._provenance import Confidence, Provenance, Recorder
from ._reading import lines_of, read_lines
from ._review import Review

__all__ = ["Extraction", "extract", "extract_lines"]

_REQUIRED = ("publisher", "operation", "title")


@frozen
class Extraction:
    """What ``extract`` read: the draft, where each value came from, and the review."""

    draft: dict[str, Any] = field(metadata={"doc": "The draft document as JSON-like data, to edit."})
    factsheet: Factsheet | None = field(metadata={"doc": "The draft as a Factsheet, when it loads as one."})
    provenance: tuple[Provenance, ...] = field(metadata={"doc": "One record per extracted value."})
    review: Review = field(metadata={"doc": "What was found, what to check, what is missing."})

    def draft_text(self, syntax: str = "yaml", *, comments: bool = True) -> str:
        """The draft as YAML (for editing) or JSON.

        The YAML starts with comments saying where each value was printed (page, line,
        the printed text, and ``check`` for a low-confidence reading), so a reviewer has
        them beside the draft; JSON has no comments: the side file holds them.
        """
        if syntax == "json":
            return json.dumps(self.draft, indent=2, ensure_ascii=False) + "\n"
        if not comments or not self.provenance:
            return dump_yaml(self.draft)
        width = max(len(record.path) for record in self.provenance)
        notes = [
            "# Draft by opsfacts extract: check every value against the page before use.",
            "# Where each value was printed (page, line, printed text; check = low confidence):",
        ]
        for record in self.provenance:
            printed = " ".join(record.printed.split())
            if len(printed) > 70:
                printed = printed[:69] + "…"
            mark = "  check" if record.confidence is Confidence.LOW else ""
            notes.append(f"#   {record.path:<{width}}  p{record.page} l{record.line}  {printed!r}{mark}")
        return "\n".join(notes) + "\n" + dump_yaml(self.draft)

    def provenance_text(self) -> str:
        """The provenance records as a JSON document (the ``.provenance.json`` side file)."""
        records = [record.to_json() for record in self.provenance]
        return json.dumps({"provenance": records}, indent=2, ensure_ascii=False, default=str) + "\n"


def _summary(draft: dict[str, Any]) -> list[str]:
    lines = []
    for key in ("title", "period", "date", "kind", "language"):
        if key in draft:
            lines.append(f"{key}: {draft[key]}")
    if "key_figures" in draft:
        lines.append(f"key figures: {len(draft['key_figures'])}")
    if "activities" in draft:
        numbers = sum(len(s.get("targets", [])) for a in draft["activities"] for s in a["statements"])
        lines.append(f"activities: {len(draft['activities'])} sectors, {numbers} numbers")
    if "populations" in draft:
        lines.append(f"populations: {len(draft['populations']['groups'])} groups")
    if "funding" in draft:
        lines.append("funding: " + ", ".join(k for k in draft["funding"] if k != "currency"))
    if "presence" in draft:
        p = draft["presence"]
        lines.append(
            f"presence: {len(p.get('staff', []))} staff categories, {len(p.get('offices', []))} office groups"
        )
    if "partners" in draft:
        lines.append(f"partners: {len(draft['partners']['partners'])}")
    if "donors" in draft:
        d = draft["donors"]
        lines.append(f"donors: {len(d.get('major', []))} major, {len(d.get('others', []))} others")
    for key in ("contacts", "links", "footnotes"):
        if draft.get(key):
            lines.append(f"{key}: {len(draft[key])}")
    return lines


def extract_lines(lines: tuple[Line, ...]) -> Extraction:
    """Extract from lines already read (from a PDF or a text)."""
    rec = Recorder()
    parts = find_parts(lines)
    draft: dict[str, Any] = read_head(lines, rec)
    draft["format_version"] = FORMAT_VERSION
    figures = read_key_figures(lines, parts, rec)
    if figures:
        draft["key_figures"] = figures
    for key, reader in (
        ("populations", read_populations),
        ("funding", read_funding),
        ("presence", read_presence),
        ("partners", read_partners),
        ("donors", read_donors),
    ):
        value = reader(lines, parts, rec)
        if value is not None:
            draft[key] = value
    for key, list_reader in (
        ("activities", read_activities),
        ("contacts", read_contacts),
        ("links", read_links),
    ):
        items = list_reader(lines, parts, rec)
        if items:
            draft[key] = items
    notes = read_footnotes(lines, rec)
    if notes:
        draft["footnotes"] = notes
    missing = [f"{key} (required)" for key in _REQUIRED if key not in draft]
    if "period" not in draft and "date" not in draft:
        missing.append("period or date (one is required)")
    problems: list[str] = []
    findings: list[str] = []
    factsheet: Factsheet | None = None
    try:
        factsheet = from_dict(draft)
    except InvalidDocument as exc:
        problems = [str(problem) for problem in exc.problems]
    if factsheet is not None:
        findings = [f"{f.code} {f.path}: {f.message}" for f in check(factsheet)]
    review = Review(
        tuple(_summary(draft)),
        tuple(p for p in rec.records if p.confidence is Confidence.LOW),
        tuple(missing + rec.missing),
        tuple(problems),
        tuple(findings),
    )
    return Extraction(draft, factsheet, tuple(rec.records), review)


def extract(source: str | os.PathLike[str] | bytes) -> Extraction:
    """Extract a draft from a PDF or text file (a path), the bytes of one, or text itself.

    A ``str`` with a line break is text; any other ``str`` or path names a file. Raise
    :class:`~opsfacts.extraction.ExtractionError` with a one-line reason for input that is not a factsheet's
    PDF or text (encrypted, broken, empty, too large, an image, no text layer).
    """
    if isinstance(source, bytes):
        return extract_lines(lines_of(source, "<bytes>"))
    if isinstance(source, str) and "\n" in source:
        from ._reading import ExtractionError  # noqa: PLC0415

        lines = lines_from_text(source)
        if not lines:
            raise ExtractionError("<text>: the text is empty")
        return extract_lines(lines)
    return extract_lines(read_lines(Path(source)))
