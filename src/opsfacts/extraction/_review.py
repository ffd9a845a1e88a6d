"""The review list: what was found, what to check first, what was not found, what the checks say."""

from __future__ import annotations

from attrs import field, frozen

from ._provenance import Confidence, Provenance

__all__ = ["Review"]


@frozen
class Review:
    """What a reviewer goes through before the draft becomes a document."""

    found: tuple[str, ...] = field(
        metadata={"doc": 'What was found, one line a part ("populations: 6 groups").'}
    )
    low_confidence: tuple[Provenance, ...] = field(metadata={"doc": "Values read by position or pattern."})
    not_found: tuple[str, ...] = field(metadata={"doc": "Parts and values looked for and not found."})
    problems: tuple[str, ...] = field(metadata={"doc": "Why the draft is not yet a valid document."})
    findings: tuple[str, ...] = field(
        metadata={"doc": "Consistency findings on the draft, as ``CODE path: message``."}
    )

    def text(self) -> str:
        """The review as the command prints it."""
        out = ["Found:"] + [f"  {line}" for line in self.found]
        low = [p for p in self.low_confidence if p.confidence is Confidence.LOW]
        if low:
            out.append(f"Check against the page ({len(low)} low-confidence values):")
            out += [f"  p{p.page} l{p.line} {p.path}: {p.printed!r}" for p in low]
        if self.not_found:
            out.append("Not found (left not stated):")
            out += [f"  {line}" for line in self.not_found]
        if self.problems:
            out.append("Not yet a valid document:")
            out += [f"  {line}" for line in self.problems]
        if self.findings:
            out.append("Consistency findings:")
            out += [f"  {line}" for line in self.findings]
        elif not self.problems:
            out.append("Consistency findings: none")
        return "\n".join(out) + "\n"
