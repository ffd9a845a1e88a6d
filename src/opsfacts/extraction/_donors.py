"""Donors: major and other donors as printed, with their amounts, year and scope."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pycountry

from ..model import OrganisationType
from ..render._labels import organisation_type
from ._blocks import Part
from ._lines import Line
from ._numbers import read_amount
from ._provenance import Recorder

__all__ = ["country_code", "read_donors"]

_MAJOR = re.compile(
    r"(?:special thanks|major donors|principaux donateurs|remerciements particuliers)", re.IGNORECASE
)
_OTHERS = re.compile(
    r"(?:thanks to other|other donors|autres donateurs|remerciements aux autres)", re.IGNORECASE
)
_PRIVATE = re.compile(
    r"^(?:priv(?:ate)? donors?|donateurs privés)(?:\s+(?:in|of|d[eu]|en)\s+(?:the\s+)?|\s+)?", re.IGNORECASE
)
_SCOPE = re.compile(
    r"donors? (?:of|to|for)\s+(?P<scope>.+?)(?:\s+in\s+(?P<year>(?:19|20)\d\d))?\s*:?\s*$", re.IGNORECASE
)


# A donor's type as our own page prints it, longest first ("Other multilateral organisation").
_TYPE_LABELS = sorted((organisation_type(t) for t in OrganisationType), key=len, reverse=True)
_TYPE_CODES = {organisation_type(t): t.value for t in OrganisationType}


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a country printed by name, or None: a lookup, never a guess."""
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        for country in pycountry.countries:
            if name in (getattr(country, "official_name", None), getattr(country, "common_name", None)):
                return str(country.alpha_3)
        return None


def _donor(entry: str, currency: str | None) -> tuple[dict[str, Any], str | None] | None:
    text = entry.strip()
    donor: dict[str, Any] = {}
    amount = re.search(r"\(([^)]*\d[^)]*)\)\s*$", text)
    found_currency = None
    if amount:
        reading = read_amount(amount[1])
        if reading is not None:
            donor["amount"] = reading.value
            found_currency = reading.currency
            text = text[: amount.start()].strip()
    details = _details(text)
    text = details.pop("rest")
    private = _PRIVATE.match(text)
    name = text
    if private:
        rest = text[private.end() :].strip()
        name = rest or text
        donor["private"] = True
    bracket = re.search(r"\s*\(([^)]*)\)\s*$", name)
    acronym = None
    # On our own page a bracket before the details is part of the name ("Fonds … RCA (OCHA)").
    if bracket and not details and re.fullmatch(r"[A-Z][A-Z0-9-]{1,10}", bracket[1]):
        acronym = bracket[1]
        name = name[: bracket.start()].strip()
    if not name or len(name) > 80:
        return None
    result: dict[str, Any] = {"name": name}
    if donor.get("private"):
        result["private"] = True
    if "amount" in donor:
        result["amount"] = donor["amount"]
    code = country_code(name) if name != text or not private else None
    if code and not (private and rest == ""):
        result["country"] = code
    acronym = acronym or details.get("acronym")
    if acronym:
        result["acronym"] = acronym
    for key in ("type", "iati_id"):
        if key in details:
            result[key] = details[key]
    return result, found_currency or currency


def _details(text: str) -> dict[str, Any]:
    """What our own page prints after a donor's name: ``ECHO; Other multilateral organisation; IATI XM-…``.

    The pieces come in a known order (acronym or note, type in words, IATI id) after one space;
    only a type in the model's own words and an all-capitals acronym after a name are taken.
    """
    found: dict[str, Any] = {}
    iati = re.search(r"(?:;\s*|\s+)IATI\s+(\S+)$", text)
    if iati:
        found["iati_id"] = iati[1]
        text = text[: iati.start()]
    for label in _TYPE_LABELS:
        if text.endswith((f" {label}", f"; {label}")):
            found["type"] = _TYPE_CODES[label]
            text = text[: -len(label)].rstrip(" ;")
            break
    acronym = re.search(r"(?<=\S)\s+([A-Z][A-Z0-9-]{1,10})(?:;\s*[^;]*)?$", text)
    if acronym and (iati or "type" in found or ";" not in text):
        found["acronym"] = acronym[1]
        text = text[: acronym.start()]
    found["rest"] = text.strip()
    return found


def read_donors(lines: Sequence[Line], parts: dict[str, list[Part]], rec: Recorder) -> dict[str, Any] | None:
    """The donors block, or None where no donor can be read."""
    blocks = parts.get("donors", [])
    if not blocks:
        rec.not_found("donors: no donors heading")
        return None
    donors: dict[str, Any] = {}
    tier = "major"
    text_by_tier: dict[str, list[Line]] = {"major": [], "others": []}
    body = [line for block in blocks for line in (block.heading, *block.lines)]
    for block in blocks:
        scope = _SCOPE.search(block.heading.text.split(":")[0])
        if scope:
            donors.setdefault("scope", scope["scope"].strip())
            if scope["year"]:
                donors.setdefault("year", int(scope["year"]))
    headings = {id(block.heading) for block in blocks}
    for line in body:
        if id(line) in headings and ":" in line.text and "|" in line.text.split(":", 1)[1]:
            # "Thanks to donors supporting the Cabo Delgado response: United States of America |".
            listed = Line(line.text.split(":", 1)[1].strip(), line.page, line.number, line.box)
            text_by_tier[tier].append(listed)
            continue
        if _MAJOR.search(line.text) or _OTHERS.search(line.text):
            tier = "others" if _OTHERS.search(line.text) else "major"
            scope = _SCOPE.search(line.text)
            if scope:
                donors.setdefault("scope", scope["scope"].strip())
                if scope["year"]:
                    donors.setdefault("year", int(scope["year"]))
            if "|" not in line.text:
                continue
        if "|" in line.text or text_by_tier[tier]:
            text_by_tier[tier].append(line)
    currency: str | None = None
    for name, tier_lines in text_by_tier.items():
        joined = " ".join(line.text for line in tier_lines)
        entries: list[dict[str, Any]] = []
        for entry in re.split(r"\s*\|\s*", joined):
            if not entry.strip():
                continue
            read = _donor(entry, currency)
            if read is None:
                continue
            donor, currency = read
            holder = next((line for line in tier_lines if donor["name"] in line.text), tier_lines[0])
            rec.note(
                f"donors.{name}[{len(entries)}]",
                donor,
                holder,
                entry.strip(),
                low=holder is tier_lines[0] and donor["name"] not in holder.text,
            )
            entries.append(donor)
        if entries:
            donors[name] = entries
    if not donors.get("major") and not donors.get("others"):
        rec.not_found("donors: no donor named")
        return None
    if currency:
        donors["currency"] = currency
    elif any("amount" in d for d in donors.get("major", [])):
        # "United States of America (95 M)" prints no currency: leave it for the reviewer.
        rec.not_found("donors.currency (amounts printed without a currency)")
    order = ("scope", "year", "currency", "major", "others")
    return {key: donors[key] for key in order if key in donors}
