"""Contact and link rules (OPS8xx): valid, unique emails; international phone numbers; https links."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model._classes import Factsheet
from ._findings import Issue, Severity
from ._registry import rule

__all__: list[str] = []

_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"{_LOCAL}@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}")
_PHONE = re.compile(r"\+[1-9][0-9]{0,2}(?:[ .-]?\(?[0-9]+\)?)+")


@rule("OPS801", Severity.ERROR, "Email address is not valid")
def invalid_email(factsheet: Factsheet) -> Iterator[Issue]:
    """An email address a reader cannot write to defeats the contacts section: it needs a
    plain local part, a domain of valid labels and a top-level domain of letters.

    Example::

        "contacts": [{"name": "A. Person", "email": "person@unhcr.o"}]
    """
    for index, contact in enumerate(factsheet.contacts):
        if contact.email is not None and _EMAIL.fullmatch(contact.email) is None:
            yield Issue(
                ("contacts", index, "email"),
                f"{contact.email!r} ({contact.name}) is not a valid email address",
                {"email": contact.email},
            )


@rule("OPS802", Severity.WARNING, "Email address listed twice")
def duplicate_email(factsheet: Factsheet) -> Iterator[Issue]:
    """Each contact has their own address; the same address twice is usually a copy-paste
    slip that hides the second person's address.

    Example::

        "contacts": [{"name": "A. Person", "email": "person@example.org"},
                     {"name": "B. Person", "email": "person@example.org"}]
    """
    seen: dict[str, int] = {}
    for index, contact in enumerate(factsheet.contacts):
        if contact.email is None:
            continue
        key = contact.email.casefold()
        if key in seen:
            yield Issue(
                ("contacts", index, "email"),
                f"{contact.email!r} ({contact.name}) is also the address of "
                f"{factsheet.contacts[seen[key]].name} at contacts[{seen[key]}]",
                {"email": contact.email, "first": seen[key]},
            )
        else:
            seen[key] = index


@rule("OPS803", Severity.WARNING, "Phone number not in international format")
def phone_format(factsheet: Factsheet) -> Iterator[Issue]:
    """Factsheets are read abroad; a phone number must start with ``+`` and the country
    code, and have at most 15 digits (ITU E.164).

    Example::

        "contacts": [{"name": "A. Person", "phone": "75 99 72 62"}]
    """
    for index, contact in enumerate(factsheet.contacts):
        phone = contact.phone
        if phone is None:
            continue
        digits = sum(c.isdigit() for c in phone)
        if _PHONE.fullmatch(phone.strip()) is None or not 8 <= digits <= 15:
            yield Issue(
                ("contacts", index, "phone"),
                f"the phone number {phone!r} ({contact.name}) is not in international format "
                "(+, country code, then the number; 8 to 15 digits)",
                {"phone": phone},
            )


@rule("OPS804", Severity.WARNING, "Link is not https")
def insecure_link(factsheet: Factsheet) -> Iterator[Issue]:
    """Links printed with a scheme should use ``https``; plain ``http`` links are
    redirected, blocked or tampered with. An address printed without a scheme
    (``www.unhcr.org``) is kept as printed and followed over https, so it is
    not flagged.

    Example::

        "links": [{"label": "Portal", "url": "http://data2.unhcr.org/en/country/mli"}]
    """
    for index, link in enumerate(factsheet.links):
        if link.url.lower().startswith("http://"):
            yield Issue(
                ("links", index, "url"),
                f"the link {link.label!r} is {link.url!r}; use an https URL",
                {"url": link.url},
            )


@rule("OPS805", Severity.WARNING, "Link listed twice")
def duplicate_link(factsheet: Factsheet) -> Iterator[Issue]:
    """Two links to the same address are one link under two labels, or a wrong address.

    Example::

        "links": [{"label": "Portal", "url": "https://data2.unhcr.org/en/country/mli"},
                  {"label": "Situation", "url": "https://data2.unhcr.org/en/country/mli"}]
    """
    seen: dict[str, int] = {}
    for index, link in enumerate(factsheet.links):
        key = link.url.rstrip("/")
        if key in seen:
            yield Issue(
                ("links", index, "url"),
                f"the link {link.label!r} goes to the same address as "
                f"{factsheet.links[seen[key]].label!r} at links[{seen[key]}]",
                {"url": link.url, "first": seen[key]},
            )
        else:
            seen[key] = index
