"""Partners: the names as printed, grouped as printed, and the counts the text states.

A partner's type is filled in only where the text prints it for the group
("two governmental - ..."); "non-governmental organizations" does not say
national or international, so such partners keep no type.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..model import OrganisationType, PartnerRole
from ..render._labels import organisation_type, partner_role
from ._blocks import Part
from ._lines import Line
from ._provenance import Recorder

__all__ = ["read_partners"]

_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10,
}  # fmt: skip
_COUNT_WORD = "|".join([*_NUMBERS, r"\d{1,3}"])
_GROUP = re.compile(
    rf"\b(?P<n>{_COUNT_WORD})\s+(?P<what>(?:[\w-]+\s+){{0,3}}?(?:partners|governmental|organi[sz]ations|ngos|partenaires))"
    r"(?:\s+including)?\s*(?:[-–:]\s*(?P<list>[^;]+))?",
    re.IGNORECASE,
)
# The words the rendered page adds after a partner's name: its type and its role.
_TYPE_LABELS = sorted((organisation_type(t) for t in OrganisationType), key=len, reverse=True)
_ROLE_LABELS = sorted((r for r in (partner_role(role) for role in PartnerRole) if r), key=len, reverse=True)
_TYPE_CODES = {organisation_type(t): t.value for t in OrganisationType}
_ROLE_CODES = {partner_role(r): r.value for r in PartnerRole}


def _names(text: str, wanted: int | None) -> list[str]:
    """The names in a printed list; "and" inside a name ("Solidarity and Humanitarian Action") is kept.

    The list is split at commas and at "and the"; the last item is split at its last "and"
    only when the stated count says one more name is there.
    """
    text = re.sub(r"^(?:the|la|le|les|l')\s+", "", text.strip().rstrip("."), flags=re.IGNORECASE)
    # Commas inside brackets ("(health, community services)") do not separate names.
    text = re.sub(r"\([^()]*\)", lambda m: m[0].replace(",", "\x00"), text)
    parts = [
        p.strip().replace("\x00", ",")
        for p in re.split(r",\s*(?:and\s+|et\s+)?|\s+and\s+the\s+", text)
        if p.strip()
    ]
    if parts and wanted is not None and len(parts) == wanted - 1:
        last = re.split(r"\s+(?:and|et)\s+(?!.*\s(?:and|et)\s)", parts[-1], maxsplit=1)
        parts[-1:] = last
    return [re.sub(r"^(?:the)\s+", "", p) for p in parts]


def _partner(text: str) -> dict[str, Any]:
    partner: dict[str, Any] = {}
    bracket = re.search(r"\s*\(([^)]*)\)\s*$", text)
    if bracket:
        text = text[: bracket.start()]
        inner = bracket[1].strip()
        partner["name"] = text.strip()
        if re.fullmatch(r"[A-Z][A-Z0-9&-]{1,11}", inner):
            partner["acronym"] = inner
        else:
            partner["note"] = inner
    else:
        partner["name"] = text.strip()
    return {"name": partner.pop("name"), **partner}


def _from_sentences(body: Sequence[Line], rec: Recorder) -> dict[str, Any] | None:
    if not body:
        return None
    text = " ".join(line.text.lstrip("■•▪- ") for line in body)
    text = re.sub(r"(\w)- (\w)", r"\1-\2", text)  # "non-" / "governmental": the hyphen is printed
    text = text.replace("non governmental", "non-governmental")
    partners: list[dict[str, Any]] = []
    counts: list[dict[str, Any]] = []
    for found in _GROUP.finditer(text):
        number = found["n"].lower()
        count = int(number) if number.isdigit() else _NUMBERS[number]
        what = found["what"].strip()
        words = f"{found['n']} {what}"
        stated: dict[str, Any] = {"count": count, "text": words}
        if re.fullmatch(r"governmental", what, re.IGNORECASE):
            stated["types"] = ["government", "local-government", "other-public-sector"]
        counts.append(stated)
        if found["list"]:
            kind = "government" if re.fullmatch(r"governmental", what, re.IGNORECASE) else None
            for name in _names(found["list"], count):
                partner = _partner(name)
                if kind:
                    partner["type"] = kind
                partners.append(partner)
    line = body[0]
    for index, partner in enumerate(partners):
        holder = next((b for b in body if partner["name"].split()[0] in b.text), line)
        rec.note(f"partners.partners[{index}]", partner, holder, partner["name"], low=True)
    if not partners:
        return None
    result: dict[str, Any] = {"partners": partners}
    if counts:
        result["stated_counts"] = counts
    return result


def _single_word_type(text: str, kind: str, body: Sequence[Line]) -> bool:
    """Whether a last word that is also a type ("Foundation", "Government") is the type, not the name's end.

    Only where the name plainly ends before it (after a bracket, a note, or the same word) on this
    line or another of the list, or where a role follows, as our page prints it.
    """

    def plain(text: str) -> bool:
        before = text[: -len(kind)].rstrip()
        return before.endswith((")", f" {kind}")) or " – " in before

    # The same word after a bracket on another line of the list shows it is printed as the type.
    return plain(text) or any(line.text.endswith(f" {kind}") and plain(line.text) for line in body)


def _shared_label(body: Sequence[Line]) -> str | None:
    """A type printed in the sheet's own words after most names of the list ("NRC NGO", "IRC NGO").

    A last word ending more than half the list's lines (three at least) is not part of the names.
    """
    names = [line.text for line in body if not line.text.startswith("The factsheet states")]
    lasts = [text.rsplit(" ", 1)[-1] for text in names if " " in text]
    common = max(set(lasts), key=lasts.count, default=None)
    if common is None or lasts.count(common) < 3 or lasts.count(common) * 2 <= len(names):
        return None
    if common in _TYPE_LABELS or common in _ROLE_LABELS:
        return None
    # Where most lines end with a type in the model's words ("National NGO"), those are the types.
    typed = [text for text in names if any(text.endswith(f" {label}") for label in _TYPE_LABELS)]
    return None if len(typed) * 2 > len(names) else common


def _wraps(line: Line, following: Line | None) -> bool:
    """Whether a PDF list line goes on in the next: it is cut mid-phrase, or the next starts in lower case."""
    if line.box is None or following is None or following.starts_block:
        return False
    text, after = line.text, following.text
    return (
        text.endswith((",", "–", "-", " and", " et", " of", " de", " for", " pour"))
        or text.count("(") > text.count(")")
        or after[:1].islower()
        or after in _ROLE_LABELS
        or after in _TYPE_LABELS
    )


def _from_list(body: Sequence[Line], rec: Recorder) -> dict[str, Any] | None:
    """The rendered page's list: one partner a line, its type and role in words after its name."""
    partners: list[dict[str, Any]] = []
    pending = ""
    shared = _shared_label(body)
    for index, line in enumerate(body):
        text = f"{pending} {line.text}".strip() if pending else line.text
        if text.startswith("The factsheet states"):
            continue
        role = next((r for r in _ROLE_LABELS if text.endswith(f" {r}") or text == r), None)
        rest = text[: -len(role)].strip() if role else text
        kind = next((t for t in _TYPE_LABELS if rest.endswith(f" {t}")), None)
        if kind is not None and " " not in kind and role is None and not _single_word_type(rest, kind, body):
            kind = None
        following = body[index + 1] if index + 1 < len(body) else None
        if role is None and kind is None and pending == "" and _wraps(line, following):
            pending = text
            continue
        pending = ""
        name = rest[: -len(kind)].strip() if kind else rest
        label = None
        if shared and rest.endswith(f" {shared}"):
            # "Plan International NGO" in a list of "… NGO": the sheet's word, not "International NGO".
            kind, label, name = None, shared, rest[: -len(shared)].strip()
        name, _, note = name.partition(" – ")
        partner = _partner(name)
        if note:
            partner["note"] = note
        if kind:
            partner["type"] = _TYPE_CODES[kind]
        if label:
            partner["type_label"] = label
        if role:
            partner["role"] = _ROLE_CODES[role]
        rec.note(f"partners.partners[{len(partners)}]", partner, line, text)
        partners.append(partner)
    return {"partners": partners} if partners else None


def _is_our_list(body: Sequence[Line]) -> bool:
    """Whether a block is our own page's list: most lines end with a partner type or role in words."""
    labelled = [
        line
        for line in body
        if any(line.text.endswith(f" {label}") for label in (*_TYPE_LABELS, *_ROLE_LABELS))
    ]
    return bool(body) and (body[0].text.startswith("The factsheet states") or len(labelled) * 2 >= len(body))


def read_partners(
    lines: Sequence[Line], parts: dict[str, list[Part]], rec: Recorder
) -> dict[str, Any] | None:
    """The partners block, or None where no partner name can be read."""
    for block in parts.get("partners", []):
        if _is_our_list(block.lines):
            listed = _from_list(block.lines, rec)
            if listed is not None:
                return listed
    for block in parts.get("partners", []):
        sentences = _from_sentences(block.lines, rec)
        if sentences is not None:
            return sentences
    for block in parts.get("partners", []):
        named = _from_names(block.lines, rec)
        if named is not None:
            return named
    for block in parts.get("partners", []):
        if block.lines and not any(len(line.text) > 120 for line in block.lines):
            listed = _from_list(block.lines, rec)
            if listed is not None:
                return listed
    rec.not_found("partners: no partner named")
    return None


def _from_names(body: Sequence[Line], rec: Recorder) -> dict[str, Any] | None:
    """A bare list of names under the heading: "Commission Nationale pour les Réfugiés (CNR), INTERSOS, …".

    Read only where the block is that list and nothing else: short, no sentence in it, every
    piece a capitalised name of a few words.
    """
    text = " ".join(line.text.lstrip("■•▪- ") for line in body).strip().rstrip(".")
    if not body or len(text) > 500 or re.search(r"[.:;]\s", text):
        return None
    pieces = [p.strip() for p in re.split(r",\s*(?![^()]*\))", text) if p.strip()]
    if len(pieces) < 3 or not all(p[:1].isupper() and len(p.split()) <= 7 for p in pieces):
        return None
    partners = [_partner(piece) for piece in pieces]
    for index, partner in enumerate(partners):
        holder = next((line for line in body if partner["name"].split()[0] in line.text), body[0])
        rec.note(f"partners.partners[{index}]", partner, holder, partner["name"], low=True)
    return {"partners": partners}
