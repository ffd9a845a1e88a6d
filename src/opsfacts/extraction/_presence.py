"""Presence: staff by category and offices by type, with their places."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ._blocks import Part
from ._dates import read_date
from ._lines import Line
from ._provenance import Recorder

__all__ = ["read_presence"]

_STAFF = (
    (r"\bnational staff|\bnationaux|staff nationals?|personnel national|^national$", "national"),
    (r"international staff|internationaux|personnel international|^international$", "international"),
    (r"affiliate", "affiliate"),
    (r"un volunteers|unvs?\b|vnu|volontaires des nations unies", "unv"),
    (r"consultants?", "consultant"),
)
_OFFICES = (
    (r"country office|representation|représentation|national office|bureau de pays", "country-office"),
    (r"sub[- ]?offices?|sous[- ]d[ée]l[ée]gations?|sous-bureaux?", "sub-office"),
    (r"field offices?|bureaux? de terrain|bureaux?\b", "field-office"),
    (r"field units?|antennes?|unit[ée]s? de terrain", "field-unit"),
    (r"hubs?", "hub"),
)
_ENTRY = re.compile(r"^(?P<n>\d{1,5})\s+(?P<rest>[^\d].*)$")
_IN = re.compile(r"\s+(?:in|à|au|en)\s+")
_UNDER = re.compile(r"\s*\((?:under|sous|rattach[ée]s? à)\s+([^)]*)\)\s*$", re.IGNORECASE)


def _kind(text: str, table: tuple[tuple[str, str], ...]) -> str | None:
    for pattern, code in table:
        if re.search(pattern, text, re.IGNORECASE):
            return code
    return None


def _places(text: str) -> list[str]:
    """Places printed as a list: "Mopti and Timbuktu", "Tillabéri, Tahoua et Agadez"; brackets kept whole."""
    places: list[str] = []
    depth = 0
    current = ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            places.append(current)
            current = ""
        else:
            current += char
    places.append(current)
    result: list[str] = []
    for place in places:
        result += [p for p in re.split(r"\s+(?:and|et)\s+(?![^(]*\))", place.strip()) if p]
    return [p.strip() for p in result if p.strip()]


def read_presence(
    lines: Sequence[Line], parts: dict[str, list[Part]], rec: Recorder
) -> dict[str, Any] | None:
    """The presence block, or None where no staff or office line can be read."""
    blocks = parts.get("presence", [])
    if not blocks:
        rec.not_found("presence: no presence heading")
        return None
    block = blocks[0]
    presence: dict[str, Any] = {}
    staff: list[dict[str, Any]] = []
    offices: list[dict[str, Any]] = []
    body = list(block.lines)
    index = 0
    while index < len(body):
        line = body[index]
        index += 1
        entry = _ENTRY.match(line.text)
        if entry is None:
            continue
        count = int(entry["n"])
        rest = entry["rest"].strip()
        # "2 Field Offices in Mopti and" / "Timbuktu": an office line wrapped onto the next.
        while (
            index < len(body) and rest.endswith((" and", " et", ",")) and not _ENTRY.match(body[index].text)
        ):
            rest = f"{rest} {body[index].text}"
            index += 1
        office = _kind(rest.split(" in ")[0], _OFFICES)
        category = _kind(rest, _STAFF)
        if office is not None and not re.search(r"staff|personnel", rest, re.IGNORECASE):
            path = f"presence.offices[{len(offices)}]"
            item: dict[str, Any] = {"type": office}
            under = _UNDER.search(rest)
            if under:
                rest = rest[: under.start()]
            where = _IN.split(rest, maxsplit=1)
            item["label"] = where[0].strip()
            item["count"] = count
            if len(where) == 2:
                item["locations"] = _places(where[1])
            if under:
                item["under"] = under[1]
            offices.append(item)
            rec.note(path, item, line)
        elif category is not None or (offices == [] and re.search(r"staff|personnel", rest, re.IGNORECASE)):
            path = f"presence.staff[{len(staff)}]"
            member = {"category": category or "other", "label": rest, "count": count}
            # "5 international" under "32 affiliate workforce" is a part of it, as the page indents it.
            if (
                staff
                and staff[-1]["category"] == "affiliate"
                and rest.lower() in ("international", "national")
            ):
                staff[-1].setdefault("parts", []).append(member)
                rec.note(f"presence.staff[{len(staff) - 1}].parts", member, line)
                continue
            staff.append(member)
            rec.note(path, member, line, low=category is None)
        elif re.fullmatch(r"in total|total", rest, re.IGNORECASE):
            key = "stated_office_total" if offices else "stated_staff_total"
            presence[key] = count
            rec.note(f"presence.{key}", count, line)
    offices_total = re.search(
        r"(?:offices|bureaux)\s*:\s*(\d+)", " ".join(line.text for line in body), re.IGNORECASE
    )
    if staff:
        presence["staff"] = staff
    if offices:
        presence["offices"] = offices
    elif offices_total:
        presence["stated_office_total"] = int(offices_total[1])
    date = read_date(block.heading.text)
    if not presence:
        rec.not_found("presence: no staff or office line")
        return None
    if date:
        presence["as_of"] = date[0]
        rec.note("presence.as_of", date[0], block.heading, date[1])
    return presence
