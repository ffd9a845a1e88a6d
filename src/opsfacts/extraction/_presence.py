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
_UNDER_WORDS = r"(?:under|reporting to|sous|rattach[ée]s? à)"
# "(under SO Pasto)", "(reporting to the Representation in Addis Ababa)", ", under FO Pugnido".
_UNDER = re.compile(
    rf"(?:\s*\({_UNDER_WORDS}\s+(?P<a>[^()]*(?:\([^()]*\)[^()]*)*)\)|,\s+{_UNDER_WORDS}\s+(?P<b>[^,()]+))\s*$",
    re.IGNORECASE,
)
# "(under Bouar)" wrapped onto a line of its own: the end of the office line above.
_UNDER_LINE = re.compile(rf"^\({_UNDER_WORDS}\s[^()]*\)$", re.IGNORECASE)
# "2 Field Offices under SO Gambella: Itang (...) and Pugnido (...)".
_UNDER_FIRST = re.compile(
    rf"^(?P<label>.+?)\s+{_UNDER_WORDS}\s+(?P<under>[^:]+):\s*(?P<places>.+)$", re.IGNORECASE
)
# A row of entries after its category: "Staff: 214 National Staff | 57 International Staff".
_ROW_PREFIX = re.compile(
    r"^(?P<name>staff|personnel|offices|bureaux)\s*:\s*(?P<rest>\S.*\|.*)$", re.IGNORECASE
)
_PARTS = re.compile(
    r"^(?P<label>[^,\d]+),\s*(?P<n1>\d+)\s+(?P<l1>[\w ]+?)\s+(?:and|et)\s+(?P<n2>\d+)\s+(?P<l2>[\w ]+)$"
)
# "Sous-délégations : Bambari, Bangassou".
_COLON = re.compile(r"^(?P<label>[^:\d]{2,40}?)\s*:\s*(?P<places>\S.*)$")
# An office printed without a count on our own pages: "Country Office in Bogotá".
_UNCOUNTED = re.compile(r"^(?P<label>(?:[\w-]+\s){0,3}[\w-]+)(?:\s+(?:in|à|au|en)\s+.+)?$")


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


def _rows(lines: Sequence[Line]) -> list[Line]:
    """The block's lines, a row of entries split: "Staff: 214 National Staff | 57 International Staff".

    The row's prefix stays as a line of its own ("Staff:"), and a row wrapped over lines is joined first.
    """
    rows: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        prefix = _ROW_PREFIX.match(line.text)
        if prefix is None:
            rows.append(line)
            continue
        text = prefix["rest"]
        while (
            index < len(lines)
            and not lines[index].starts_block
            and _ROW_PREFIX.match(lines[index].text) is None
            and not _ENTRY.match(lines[index].text)
        ):
            text = f"{text} {lines[index].text}"
            index += 1
        rows.append(Line(f"{prefix['name']}:", line.page, line.number, line.box, line.starts_block))
        rows += [Line(piece.strip(), line.page, line.number, line.box) for piece in text.split(" | ")]
    return rows


def _offices(kind: str, rest: str, count: int | None) -> list[dict[str, Any]]:
    """One office line's entries: one, or one for each office a part of its places reports to.

    "Field Offices in Arauca, Maicao (under SO Riohacha) and Ipiales (under SO Pasto)" is three
    entries, as the places report to different offices; places with no office named stay together.
    """
    where = _IN.split(rest, maxsplit=1)
    inner = re.findall(rf"\({_UNDER_WORDS}\s", where[1], re.IGNORECASE) if len(where) == 2 else []
    if len(inner) < 2 and not (inner and _UNDER.search(rest) is None):
        return [_office(kind, rest, count)]
    label, places = where
    entries: list[dict[str, Any]] = []
    loose: list[str] = []
    for piece in _outside(places, ","):
        for part in re.split(r"(?<=\))\s+(?:and|et)\s+", piece.strip()):
            marked = re.search(rf"\s*\({_UNDER_WORDS}\s+([^()]+)\)\s*$", part, re.IGNORECASE)
            if marked:
                entries.append(
                    {
                        "type": kind,
                        "label": label,
                        "locations": _places(part[: marked.start()]),
                        "under": marked[1],
                    }
                )
            else:
                loose += _places(part)
    if loose:
        entries.insert(0, {"type": kind, "label": label, "locations": loose})
    if count is not None and len(entries) == 1:
        entries[0]["count"] = count
    return entries


def _outside(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside brackets."""
    pieces, current, depth = [], "", 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == separator and depth == 0:
            pieces.append(current)
            current = ""
        else:
            current += char
    return [*pieces, current]


def _office(kind: str, rest: str, count: int | None) -> dict[str, Any]:
    """An office line's type, label, count, places and the office it reports to, as printed."""
    item: dict[str, Any] = {"type": kind}
    first = _UNDER_FIRST.match(rest)
    under = None if first else _UNDER.search(rest)
    if first:
        label, places, boss = first["label"], first["places"], first["under"]
    else:
        text = rest[: under.start()] if under else rest
        where = _IN.split(text, maxsplit=1)
        label, places = where[0], (where[1] if len(where) == 2 else None)
        boss = (under["a"] or under["b"]) if under else None
    item["label"] = label.strip()
    if count is not None:
        item["count"] = count
    if places:
        item["locations"] = _places(places)
    if boss:
        item["under"] = " ".join(boss.split())
    return item


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
    body = _rows(block.lines)
    index = 0
    section = ""
    while index < len(body):
        line = body[index]
        index += 1
        if re.fullmatch(r"(?:staff|personnel|offices|bureaux)\s*:?", line.text, re.IGNORECASE):
            section = "staff" if line.text.lower().startswith(("staff", "personnel")) else "offices"
            continue
        colon = _COLON.match(line.text)
        if colon and _kind(colon["label"], _OFFICES) is not None:
            # "Sous-délégations : Bambari, Bangassou": the places after a colon.
            line = Line(f"{colon['label']} in {colon['places']}", line.page, line.number, line.box)
        entry = _ENTRY.match(line.text)
        uncounted = _UNCOUNTED.match(line.text) if entry is None else None
        if entry is None and (
            uncounted is None or _kind(uncounted["label"], _OFFICES) is None or line.text.endswith(":")
        ):
            continue
        count = int(entry["n"]) if entry else None
        rest = entry["rest"].strip() if entry else line.text
        # "2 Field Offices in Mopti and" / "Timbuktu": an office line wrapped onto the next;
        # "1 Sub Office in Gambella (under the Representation" / "in Addis Ababa)" in a PDF.
        while index < len(body) and (
            (
                rest.endswith((" and", " et", ","))
                or (line.box is not None and rest.endswith("-") and not body[index].starts_block)
                or rest.count("(") > rest.count(")")
                or body[index].text.startswith(("and ", "et "))
                or (_UNDER_LINE.match(body[index].text) and not body[index].starts_block)
            )
            and not _ENTRY.match(body[index].text)
        ):
            # A hyphen at a line's end is printed ("Kaga-" / "Bandoro"): the word goes on without a space.
            rest = f"{rest}{'' if rest.endswith('-') else ' '}{body[index].text}"
            index += 1
        office = _kind(re.split(r" in | under ", rest)[0], _OFFICES)
        category = _kind(rest, _STAFF)
        if office is not None and not re.search(r"staff|personnel", rest, re.IGNORECASE):
            for item in _offices(office, rest, count):
                offices.append(item)
                rec.note(f"presence.offices[{len(offices) - 1}]", item, line, rest)
        elif category is not None or (offices == [] and re.search(r"staff|personnel", rest, re.IGNORECASE)):
            path = f"presence.staff[{len(staff)}]"
            member = {"category": category or "other", "label": rest, "count": count}
            inline = _PARTS.match(rest)
            if inline:
                # "32 affiliate workforce, 5 international and 27 national": the parts on the same line.
                member["label"] = inline["label"]
                member["parts"] = [
                    {
                        "category": _kind(inline[f"l{n}"], _STAFF) or "other",
                        "label": inline[f"l{n}"],
                        "count": int(inline[f"n{n}"]),
                    }
                    for n in (1, 2)
                ]
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
            key = "stated_office_total" if offices or section == "offices" else "stated_staff_total"
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
