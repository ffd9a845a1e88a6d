"""The parts of a factsheet: which lines fall under which heading.

A heading is a short line that starts with one of the words factsheets use
for a part, in English or French ("FUNDING (AS OF 30 JUNE 2017)",
"PRÉSENCE DU HCR"). A part runs to the next heading. Text extracted from a
PDF does not always keep the printed order, so readers that look for a
distinctive pattern ("68 National Staff") also search outside their part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from attrs import frozen

from ._lines import Line

__all__ = ["PARTS", "Part", "find_parts"]

PARTS: dict[str, tuple[str, ...]] = {
    "key_figures": (r"key figures", r"chiffres cl[ée]s"),
    "populations": (
        r"populations? of concern",
        r"persons of concern",
        r"population by",
        r"[\w ]+ by (?:department|district|prefecture|country|region)",
        r"population relevant",
        r"personnes relevant",
        r"d[ée]plac[ée]s internes par",
        r"population de",
    ),
    "funding": (r"funding", r"financement", r"financial requirements"),
    "presence": (r"(?:unhcr|hcr|\w+) presence", r"pr[ée]sence d[ue]", r"presence"),
    "partners": (r"working with partners", r"partners", r"partenaires", r"partenariats"),
    "activities": (
        r"main activities",
        r"activities by sector",
        r"sector activities",
        r"activit[ée]s principales",
        r"activit[ée]s par secteur",
    ),
    "donors": (
        r"donors",
        r"special thanks",
        r"thanks to (?:the |our )?(?:other )?donors",
        r"donateurs",
        r"remerciements",
        r"sincères remerciements",
    ),
    "contacts": (r"contacts?",),
    "links": (r"links", r"liens"),
}
"""The words a heading starts with, for each part."""

_HEADINGS = {
    part: re.compile(rf"^(?:{'|'.join(words)})\b[^.]{{0,90}}$", re.IGNORECASE)
    for part, words in PARTS.items()
}


# A donors heading in running case: "Thanks to the donors of …", "Remerciements aux donateurs …".
_DONORS_LEAD = re.compile(
    r"^(?:special thanks|donors|thanks to (?:the |our )?(?:other )?donors|donateurs|remerciements)\b",
    re.IGNORECASE,
)


@frozen
class Part:
    """The lines under one heading."""

    name: str
    heading: Line
    lines: tuple[Line, ...]


def heading_part(line: Line) -> str | None:
    """The part a line is the heading of, or None."""
    text = line.text.strip(" :")
    if len(text) > 100:
        return None
    for part, pattern in _HEADINGS.items():
        if pattern.match(text):
            # "Funded 7%" or "Partners (8)" in running text is not a heading: headings have no figure first.
            if part == "donors" and not text.isupper() and not _DONORS_LEAD.match(text):
                continue
            return part
    return None


def find_parts(lines: Sequence[Line]) -> dict[str, list[Part]]:
    """Every part found, in printed order, by name."""
    parts: dict[str, list[Part]] = {}
    starts = [(i, heading_part(line)) for i, line in enumerate(lines)]
    marks = [(i, name) for i, name in starts if name is not None]
    for index, (start, name) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else len(lines)
        parts.setdefault(name, []).append(Part(name, lines[start], tuple(lines[start + 1 : end])))
    return parts
