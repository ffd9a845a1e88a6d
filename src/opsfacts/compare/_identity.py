"""What each kind of item is known by: the keys it is matched on and the name it is reported under.

A population group is its type(s), origin, place, setting and residence; a
staff group its category; an office group its type and places; a partner,
donor, contact or link its name (folded: case, accents and punctuation do not
count, and an acronym stands for the full name where the document gives
both); a sector its code; a key figure its label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable
from typing import Any

import attrs

from ..model import (
    Acceptance,
    AgeCount,
    CategoryCount,
    Contact,
    Donor,
    Footnote,
    KeyFigure,
    Link,
    OfficeGroup,
    OriginCount,
    Partner,
    PartnerCount,
    PopulationGroup,
    PopulationTotal,
    Section,
    SectorActivities,
    SexCount,
    StaffGroup,
    StaffPart,
    Statement,
    Target,
)
from ._match import Level
from ._words import similar

__all__ = ["Identity", "fold", "identity_of", "short"]

# How many words of a text name it (a statement, a paragraph without heading).
_NAMING_WORDS = 8


def fold(name: str | None) -> str | None:
    """A name folded for comparison: no accents, case or punctuation ("Terre Sans Frontières")."""
    if name is None:
        return None
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain.casefold()).split()) or None


def short(text: str) -> str:
    """The first words of a text, to name it."""
    words = text.split()
    return " ".join(words[:_NAMING_WORDS]) + ("…" if len(words) > _NAMING_WORDS else "")


def _names(*names: str | None) -> frozenset[Hashable]:
    """The folded names an item goes by; "Danish Refugee Council (DRC)" goes by both."""
    found: set[Hashable] = set()
    for name in names:
        if name is None:
            continue
        found.add(fold(name))
        bracketed = re.fullmatch(r"(.+?)\s*\(([^()]+)\)\s*", name)
        if bracketed:
            found.update({fold(bracketed.group(1)), fold(bracketed.group(2))})
    found.discard(None)
    return frozenset(found)


def _codes(values: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(sorted(str(v) for v in values))


@attrs.frozen
class Identity:
    """How items of one class are matched and named."""

    tag: Callable[[Any], str]
    """A short name for an item, unique enough among its kind (``REF · from SSD · Gambella``)."""
    levels: tuple[Level[Any], ...] = ()
    """Keys from strictest to loosest (see :func:`~opsfacts.compare._match.match`)."""
    noun: str | None = None
    """What the item is called in a report; None for parts of another item (a breakdown by sex)."""
    aliases: Callable[[Any], frozenset[Hashable]] | None = None
    """The names the item goes by, for names printed in another form."""
    loose: Callable[[Any, Any], bool] | None = None
    """Whether two leftover items are close enough to be one edited item."""

    def name(self, item: Any) -> str:
        """The item's name in a report: its noun and its tag."""
        return f"{self.noun} {self.tag(item)}" if self.noun else self.tag(item)


def _group_key(g: PopulationGroup) -> Hashable:
    return (_codes(g.types), g.origin, fold(g.place), g.setting, g.residence, g.part_of is not None)


def _group_tag(g: PopulationGroup) -> str:
    parts = ["+".join(str(t) for t in g.types)] if g.types else []
    if g.origin is not None:
        parts.append(f"from {g.origin}")
    if g.place is not None:
        parts.append(f"in {g.place}")
    if g.setting is not None:
        parts.append(str(g.setting))
    if g.residence.value != "hosted":
        parts.append(str(g.residence))
    where = f" ({' · '.join(parts)})" if parts else ""
    return f"'{g.label}'{where}"


def _quoted(text: str | None, otherwise: str = "") -> str:
    return f"'{text}'" if text is not None else otherwise


def _age_band(a: AgeCount) -> str:
    return f"{a.min_age}+" if a.max_age is None else f"{a.min_age}-{a.max_age}"


def _sector_key(s: SectorActivities) -> Hashable:
    return s.sector.code


def _offices_tag(o: OfficeGroup) -> str:
    where = f" in {', '.join(o.locations)}" if o.locations else ""
    return f"'{o.label}' ({o.type}){where}"


def _section_text(s: Section) -> str:
    return " ".join(s.paragraphs)


_IDENTITIES: dict[type[Any], Identity] = {
    PopulationGroup: Identity(
        _group_tag,
        (lambda g: (_group_key(g), fold(g.label)), _group_key),
        noun="population group",
    ),
    PopulationTotal: Identity(
        lambda t: _quoted(t.label, "(no label)") + (f" ({'+'.join(map(str, t.types))})" if t.types else ""),
        (
            lambda t: (fold(t.label), _codes(t.types), fold(t.source)),
            lambda t: (fold(t.label), _codes(t.types)),
        ),
        noun="total",
    ),
    KeyFigure: Identity(lambda k: f"'{k.label}'", (lambda k: fold(k.label),), noun="key figure"),
    Section: Identity(
        lambda s: _quoted(s.heading) if s.heading else f"'{short(_section_text(s))}'",
        (lambda s: fold(s.heading),),
        noun="section",
        loose=lambda a, b: similar(_section_text(a), _section_text(b)),
    ),
    StaffGroup: Identity(
        lambda s: f"'{s.label}' ({s.category})",
        (lambda s: (s.category, fold(s.label)), lambda s: s.category),
        noun="staff",
    ),
    StaffPart: Identity(
        lambda p: f"'{p.label}'", (lambda p: (p.category, fold(p.label)), lambda p: p.category)
    ),
    OfficeGroup: Identity(
        _offices_tag,
        (
            lambda o: (o.type, frozenset(fold(x) for x in o.locations)),
            lambda o: (o.type, fold(o.under)),
            lambda o: o.type,
        ),
        noun="offices",
    ),
    Partner: Identity(
        lambda p: f"'{p.name}'" + (f" ({p.acronym})" if p.acronym else ""),
        (lambda p: fold(p.name),),
        noun="partner",
        aliases=lambda p: _names(p.name, p.acronym),
    ),
    PartnerCount: Identity(
        lambda c: f"'{c.text}'",
        (
            lambda c: (_codes(c.types), _codes(c.roles), fold(c.text)),
            lambda c: (_codes(c.types), _codes(c.roles)),
        ),
        noun="stated partner count",
    ),
    SectorActivities: Identity(
        lambda s: f"'{s.sector.name}' ({s.sector.code})",
        (lambda s: (_sector_key(s), fold(s.sector.name)), _sector_key),
        noun="sector",
    ),
    Statement: Identity(
        lambda s: f"'{short(s.text)}'",
        (lambda s: fold(s.text),),
        loose=lambda a, b: similar(a.text, b.text),
    ),
    Target: Identity(lambda t: f"'{t.unit}'", (lambda t: (fold(t.unit), t.kind), lambda t: fold(t.unit))),
    Donor: Identity(
        lambda d: (
            ("private donors " if d.private else "")
            + f"'{d.name}'"
            + (f" ({d.acronym})" if d.acronym else "")
        ),
        (lambda d: (fold(d.name), d.private), lambda d: (d.iati_id, d.private) if d.iati_id else None),
        noun="donor",
        aliases=lambda d: frozenset((d.private, n) for n in _names(d.name, d.acronym)),
    ),
    Contact: Identity(
        lambda c: f"'{c.name}'",
        (lambda c: fold(c.name),),
        noun="contact",
        aliases=lambda c: _names(c.name) | ({c.email.casefold()} if c.email else set()),
    ),
    Link: Identity(
        lambda k: f"'{k.label}'",
        (lambda k: fold(k.label),),
        noun="link",
        aliases=lambda k: _names(k.label) | {_address(k.url)},
    ),
    Footnote: Identity(
        lambda f: f.marker, (lambda f: f.marker,), noun="footnote", loose=lambda a, b: similar(a.text, b.text)
    ),
    Acceptance: Identity(
        lambda a: a.code + (f" at {a.path}" if a.path else ""),
        (lambda a: (a.code, a.path),),
        noun="accepted finding",
    ),
    OriginCount: Identity(lambda o: str(o.origin), (lambda o: o.origin,)),
    SexCount: Identity(lambda s: str(s.sex), (lambda s: s.sex,)),
    AgeCount: Identity(_age_band, (lambda a: (a.min_age, a.max_age),)),
    CategoryCount: Identity(lambda c: f"'{c.label}'", (lambda c: fold(c.label),)),
}


def _address(url: str) -> str:
    """An address without its scheme, ``www.`` or a trailing slash, host in lower case."""
    bare = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url, flags=re.IGNORECASE).removeprefix("www.")
    host, slash, rest = bare.partition("/")
    return (host.casefold() + slash + rest).rstrip("/")


def identity_of(cls: type[Any]) -> Identity | None:
    """How items of this model class are matched and named; None for a class not listed as an item."""
    return _IDENTITIES.get(cls)
