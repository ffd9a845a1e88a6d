"""Short phrases both renderers print the same way: donor names, code labels, breakdown parts."""

from __future__ import annotations

import attrs

from ..model import _printing as numbers
from ..model._classes import (
    AgeCount,
    CategoryCount,
    Donor,
    KeyFigure,
    OriginCount,
    Partner,
    PopulationGroup,
    PopulationTotal,
    SexCount,
)
from ..model._codes import (
    BreakdownAxis,
    DocumentKind,
    OrganisationType,
    PartnerRole,
    PlaceType,
    Qualifier,
    Setting,
    Sex,
    TargetKind,
)
from ..model._constraints import MIXED_ORIGIN, UNKNOWN_ORIGIN, country_name

__all__ = [
    "BY_CATEGORY",
    "NOT_STATED",
    "Part",
    "age_band",
    "breakdown_parts",
    "document_kind",
    "donor_details",
    "donor_label",
    "key_figure_context",
    "main_origins",
    "organisation_type",
    "origin_name",
    "partner_role",
    "partner_type",
    "place",
    "qualifier_prefix",
    "setting",
    "total_types",
]

NOT_STATED = "not stated"
"""What a table shows where a column needs a value the factsheet does not give."""

_QUALIFIER_WORDS = {Qualifier.AT_LEAST: "over ", Qualifier.AT_MOST: "up to ", Qualifier.ABOUT: "about "}
_KINDS = {
    DocumentKind.FACTSHEET: "Factsheet",
    DocumentKind.OPERATIONAL_UPDATE: "Operational update",
    DocumentKind.FLASH_UPDATE: "Flash update",
    DocumentKind.SNAPSHOT: "Snapshot",
    DocumentKind.OTHER: "Document",
}
_SETTINGS = {
    Setting.CAMP: "in camps",
    Setting.OUT_OF_CAMP: "out of camps",
    Setting.URBAN: "urban",
    Setting.RURAL: "rural",
}
_SEXES = {Sex.F: "female", Sex.M: "male", Sex.X: "non-binary or other", Sex.U: "sex unknown"}
_ROLES = {
    PartnerRole.IMPLEMENTING: "implementing",
    PartnerRole.OPERATIONAL: "operational",
    PartnerRole.FUNDING: "funding",
    PartnerRole.ACCOUNTABLE: "accountable",
    PartnerRole.EXTENDING: "extending",
    PartnerRole.COORDINATION: "coordination",
}
_AXES = {BreakdownAxis.ORIGIN: "by origin", BreakdownAxis.SEX: "by sex", BreakdownAxis.AGE: "by age"}
BY_CATEGORY = "by category (may overlap)"
"""How the parts in the sheet's own categories are introduced: they need not add up to the whole."""


def donor_label(donor: Donor) -> str:
    """The donor's name, with "Private donors" before it for private donors (once)."""
    if donor.private and "private" not in donor.name.lower():
        return f"Private donors {donor.name}"
    return donor.name


def donor_details(donor: Donor) -> str:
    """What the factsheet says of a donor besides its name: ``ECHO; OCHA; multilateral; IATI XM-DAC-918-3``.

    Its acronym and the note printed in brackets come first, as printed.
    """
    parts = [
        donor.acronym,
        donor.note,
        None if donor.type is None else organisation_type(donor.type),
        None if donor.iati_id is None else f"IATI {donor.iati_id}",
    ]
    return "; ".join(p for p in parts if p)


def qualifier_prefix(qualifier: Qualifier) -> str:
    """The word printed before a qualified quantity ("over 700"), with its space; empty when exact."""
    return _QUALIFIER_WORDS.get(qualifier, "")


def document_kind(kind: DocumentKind | None) -> str | None:
    """The kind of document, for the header: ``Operational update``; None when not stated."""
    return None if kind is None else _KINDS[kind]


def organisation_type(kind: OrganisationType) -> str:
    """A kind of organisation in words: ``National NGO``, ``Government``."""
    return kind.description.split(" (")[0].rstrip(".")


def partner_type(partner: Partner) -> str | None:
    """The partner's kind as printed, else the code's words; None when the factsheet does not say."""
    if partner.type_label is not None:
        return partner.type_label
    return None if partner.type is None else organisation_type(partner.type)


def partner_role(role: PartnerRole | None) -> str | None:
    """A partner role in words (``implementing``); None when not stated."""
    return None if role is None else _ROLES[role]


def setting(value: Setting) -> str:
    """Where a group lives in words: ``in camps``, ``out of camps``, ``urban``, ``rural``."""
    return _SETTINGS[value]


def place(group: PopulationGroup) -> str:
    """Where a group is counted: ``Kakuma (camp)``; empty when not printed."""
    if group.place is None:
        return ""
    if group.place_type is None or group.place_type is PlaceType.OTHER:
        return group.place
    return f"{group.place} ({group.place_type.value.replace('-', ' ')})"


def origin_name(origin: str) -> str:
    """A country of origin by name (``Mauritania``); ``mixed origin`` / ``unknown origin``."""
    if origin == MIXED_ORIGIN:
        return "mixed origin"
    if origin == UNKNOWN_ORIGIN:
        return "unknown origin"
    return country_name(origin) or origin


def main_origins(origins: tuple[str, ...]) -> str:
    """Countries of origin listed without figures, by name: ``Mali; Niger``.

    Semicolons apart, as in breakdowns: some names hold a comma ("Congo, The Democratic Republic of the").
    """
    return "; ".join(origin_name(o) for o in origins)


def age_band(band: AgeCount) -> str:
    """An age band: ``0–17``, ``60+``."""
    return f"{band.min_age}+" if band.max_age is None else f"{band.min_age}–{band.max_age}"


@attrs.frozen
class Part:
    """One part of a breakdown as shown: its name, its count and its percentage as printed."""

    name: str
    count: str
    percent: str
    placeholder: bool

    def text(self) -> str:
        """``female 9,000 (52%)``."""
        figures = " ".join(x for x in (self.count, f"({self.percent})" if self.percent else "") if x)
        return f"{self.name} {figures}".strip()


def _part(name: str, item: OriginCount | SexCount | AgeCount | CategoryCount) -> Part:
    count = "" if item.count is None else numbers.quantity(item.count)
    percent = "" if item.percent is None else numbers.percentage(item.percent)
    if not count and percent:
        count, percent = percent, ""
    placeholder = (item.count is not None and item.count.value is None) or (
        item.percent is not None and item.percent.value is None
    )
    return Part(name, count, percent, placeholder)


def breakdown_parts(whole: PopulationGroup | PopulationTotal) -> list[tuple[str, bool, list[Part]]]:
    """A group's or total's breakdowns: ``("by sex", partial, parts)`` per axis it has, in model order.

    Parts in the sheet's own categories come last, as ``("by category (may overlap)", False, parts)``:
    categories may overlap, so they are never "part of the group only".
    """
    group = whole if isinstance(whole, PopulationGroup) else None
    partial = () if group is None else group.partial
    axes: list[tuple[BreakdownAxis, list[Part]]] = [
        (
            BreakdownAxis.ORIGIN,
            [] if group is None else [_part(origin_name(p.origin), p) for p in group.by_origin],
        ),
        (BreakdownAxis.SEX, [_part(_SEXES[p.sex], p) for p in whole.by_sex]),
        (BreakdownAxis.AGE, [_part(age_band(p), p) for p in whole.by_age]),
    ]
    shown = [(_AXES[axis], axis in partial, parts) for axis, parts in axes if parts]
    if whole.by_category:
        shown.append((BY_CATEGORY, False, [_part(c.label, c) for c in whole.by_category]))
    return shown


def total_types(total: PopulationTotal) -> str:
    """The population types a partial total covers (``IDP + RET``); empty for a total of all types."""
    return " + ".join(t.value for t in total.types)


def key_figure_context(figure: KeyFigure) -> str:
    """What a key figure's box says besides its number: ``target · since January 2019 · as of ...``."""
    parts = [
        None if figure.kind is None or figure.kind is TargetKind.CONTEXT else figure.kind.value,
        None if figure.since is None else f"since {numbers.date_text(figure.since)}",
        None if figure.as_of is None else f"as of {numbers.date_text(figure.as_of)}",
        None if figure.source is None else f"source: {figure.source}",
    ]
    return " · ".join(p for p in parts if p)
