"""Contacts (name, title, place, email, telephone) and links (label and address, where printed)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ._blocks import Part
from ._lines import Line
from ._provenance import Recorder

__all__ = ["read_contacts", "read_links"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"\b(?:tel|tél|phone|mobile|cell)\.?\s*:?\s*(?P<phone>\+?[\d ()./-]{6,}\d)", re.IGNORECASE
)
_URL = re.compile(
    r"(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|int|com|info|net)(?:/[^\s|,;)]*)?",
    re.IGNORECASE,
)


def _continues(previous: Line, line: Line) -> bool:
    """Whether a PDF line carries on the one before it, in the same box, before the email and phone."""
    return (
        line.box is not None
        and not line.starts_block
        and "," in previous.text
        and not _EMAIL.search(previous.text)
        and not _PHONE.search(previous.text)
        and not _EMAIL.search(line.text)
        and not _PHONE.search(line.text)
    )


def read_contacts(lines: Sequence[Line], parts: dict[str, list[Part]], rec: Recorder) -> list[dict[str, Any]]:
    """The contacts, in printed order; empty where none can be read."""
    blocks = parts.get("contacts", [])
    if not blocks:
        rec.not_found("contacts: no contacts heading")
        return []
    contacts: list[dict[str, Any]] = []
    pending = ""
    body = blocks[0].lines
    for index, line in enumerate(body):
        if pending == "" and index > 0 and _continues(body[index - 1], line):
            continue
        text = f"{pending} {line.text}".strip() if pending else line.text
        pending = ""
        if not _EMAIL.search(text) and not _PHONE.search(text):
            # A PDF line wrapped in its box: "Jane Example, Associate External Relations" / "Officer, …".
            following = index + 1
            while following < len(body) and _continues(body[following - 1], body[following]):
                text = f"{text} {body[following].text}"
                following += 1
        email = _EMAIL.search(text)
        phone = _PHONE.search(text)
        if email or phone:
            if not contacts:
                continue
            path = f"contacts[{len(contacts) - 1}]"
            if email and "email" not in contacts[-1]:
                contacts[-1]["email"] = email[0]
                rec.note(f"{path}.email", email[0], line, email[0])
            if phone and "phone" not in contacts[-1]:
                contacts[-1]["phone"] = phone["phone"].strip()
                rec.note(f"{path}.phone", contacts[-1]["phone"], line, phone[0])
            continue
        if text.endswith(","):
            pending = text  # "Thu Trang Nguyen, Associate Reporting Officer," / "Mali"
            continue
        pieces = [p.strip() for p in text.split(",") if p.strip()]
        if not pieces or len(pieces[0].split()) > 5 or len(pieces) > 4:
            continue
        contact: dict[str, Any] = {"name": pieces[0]}
        if len(pieces) > 1:
            contact["title"] = pieces[1]
        if len(pieces) > 2:
            contact["location"] = ", ".join(pieces[2:])
        path = f"contacts[{len(contacts)}]"
        for key, value in contact.items():
            rec.note(f"{path}.{key}", value, line, value)
        contacts.append(contact)
    if not contacts:
        rec.not_found("contacts: no contact named")
    return contacts


def read_links(lines: Sequence[Line], parts: dict[str, list[Part]], rec: Recorder) -> list[dict[str, Any]]:
    """The links printed with an address; a label printed without one is left to the reviewer."""
    blocks = parts.get("links", [])
    if not blocks:
        return []
    links: list[dict[str, Any]] = []
    body = [line for line in blocks[0].lines if not line.text.startswith(("Generated from", "*", "mailto:"))]
    text = " | ".join(line.text for line in body)
    entries = [e.strip() for e in re.split(r"\s+[|–-]\s+|\s*\|\s*", text) if e.strip()]
    addresses = [e for e in entries if _URL.fullmatch(e)]
    labels = [e for e in entries if not _URL.fullmatch(e)]
    if addresses and len(addresses) == len(labels):
        # Labels printed in a row, their addresses (the PDF's link targets) listed after them.
        for label, address in zip(labels, addresses, strict=True):
            holder = next((line for line in body if address in line.text), body[0])
            link = {"label": label, "url": address}
            rec.note(f"links[{len(links)}]", link, holder, address, low=True)
            links.append(link)
        return links
    for entry in entries:
        url = _URL.search(entry)
        label = entry[: url.start()].strip(" :") if url else entry
        if url is None or not label:
            rec.not_found(f"links: {entry!r} printed without an address")
            continue
        holder = next((line for line in blocks[0].lines if url[0] in line.text), blocks[0].lines[0])
        link = {"label": label, "url": url[0]}
        rec.note(f"links[{len(links)}]", link, holder, entry)
        links.append(link)
    return links
