"""Sector activities: each sector's heading, its statements, and the numbers listed under them.

Under the activities heading a sector is a short line of its own; a
statement is a sentence (in a PDF, the lines of one box); the numbers our
own page lists under a statement are short lines that begin with the number
("146 asylum seekers · 2014", "6 boreholes · Dukwi, Francistown"). A
sector's code is filled in only where its heading is the code's own name
("Protection", "Education"); a target's kind (target, achieved) is not
printed, so it is left not stated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..model import SectorCode
from ._blocks import Part
from ._lines import Line
from ._numbers import COUNT, read_count
from ._provenance import Recorder

__all__ = ["read_activities"]

_CODE_NAMES = {
    " ".join(code.value.replace("-", " ").split()).lower(): code.value
    for code in SectorCode
    if code is not SectorCode.OTHER
}
_TARGET = re.compile(
    rf"^(?P<q>{re.sub(r'[(][?]P<[a-z]+>', '(?:', COUNT.pattern)})\s+(?P<unit>[^·]+?)"
    r"(?:\s·\s(?P<rest>[^.]*))?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")


def _is_target(text: str) -> re.Match[str] | None:
    found = _TARGET.match(text)
    if found is None or text.endswith((".", ";", ":")) or len(found["unit"].split()) > 8:
        return None
    return found


def _is_sector(line: Line, following: Line | None) -> bool:
    text = line.text
    return (
        len(text) <= 60
        and not text.endswith((".", ",", ";", ":"))
        and not text[:1].isdigit()
        and following is not None
        and _is_target(following.text) is None
    )


def _statements(body: Sequence[Line]) -> list[tuple[str, Line]]:
    """The body's lines joined into statements: a PDF box is one statement, a text line is one."""
    joined: list[tuple[str, Line]] = []
    for line in body:
        if joined and line.box is not None and not line.starts_block:
            text, first = joined[-1]
            joined[-1] = (text + ("" if text.endswith("-") else " ") + line.text, first)
        else:
            joined.append((line.text, line))
    return joined


def read_activities(
    lines: Sequence[Line], parts: dict[str, list[Part]], rec: Recorder
) -> list[dict[str, Any]]:
    """The sectors and their statements and numbers, in printed order; empty where none is found."""
    sectors: list[dict[str, Any]] = []
    for block in parts.get("activities", []):
        pieces = _statements(block.lines)
        for index, (text, line) in enumerate(pieces):
            following = pieces[index + 1][1] if index + 1 < len(pieces) else None
            target = _is_target(text)
            if target is not None and sectors and sectors[-1]["statements"]:
                reading = read_count(target["q"])
                if reading is None:
                    continue
                item: dict[str, Any] = {"quantity": reading.value, "unit": target["unit"].strip()}
                rest = [p.strip() for p in (target["rest"] or "").split(" · ") if p.strip()]
                if rest and _YEAR.fullmatch(rest[-1]):
                    item["year"] = int(rest.pop())
                if rest:
                    item["locations"] = [p.strip() for p in rest[0].split(",") if p.strip()]
                statement = sectors[-1]["statements"][-1]
                path = f"activities[{len(sectors) - 1}].statements[{len(sectors[-1]['statements']) - 1}]"
                rec.note(f"{path}.targets[{len(statement.setdefault('targets', []))}]", item, line, text)
                statement["targets"].append(item)
            elif (following is not None and _is_sector(Line(text, 0, 0), following)) and target is None:
                sector: dict[str, Any] = {"name": text}
                code = _CODE_NAMES.get(" ".join(text.lower().split()))
                if code:
                    sector["code"] = code
                rec.note(f"activities[{len(sectors)}].sector", sector, line, text)
                sectors.append({"sector": sector, "statements": []})
            elif sectors:
                sectors[-1]["statements"].append({"text": text})
                rec.note(
                    f"activities[{len(sectors) - 1}].statements[{len(sectors[-1]['statements']) - 1}]",
                    text,
                    line,
                )
    return [s for s in sectors if s["statements"]]
