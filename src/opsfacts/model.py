"""The factsheet model: one attrs class per part of a country operations factsheet.

These classes are the format. The JSON Schema, the format reference in the
docs and the document field names are all derived from them.
"""

# No ``from __future__ import annotations``: ``constrained`` reads the field
# types at class creation to attach constraint validators.

import datetime
from decimal import Decimal
from typing import Final

from attrs import field, frozen

from .codes import (
    OfficeType,
    OperationScope,
    OrganisationType,
    PartnerRole,
    PopulationType,
    Qualifier,
    Residence,
    Scale,
    SectorCode,
    Sex,
    StaffCategory,
    TargetKind,
)
from .constraints import (
    Amount,
    Count,
    CountryCode,
    CurrencyCode,
    Email,
    Marker,
    Origin,
    PositiveCount,
    RuleCode,
    Text,
    Url,
    Year,
)
from .modelling import constrained, doc

__all__ = [
    "FORMAT_VERSION",
    "Acceptance",
    "AgeCount",
    "Contact",
    "Donor",
    "Donors",
    "Factsheet",
    "Figure",
    "Footnote",
    "Funding",
    "Link",
    "OfficeGroup",
    "Operation",
    "Organisation",
    "OriginCount",
    "Partner",
    "PartnerCount",
    "Partners",
    "Period",
    "PopulationGroup",
    "Populations",
    "Presence",
    "Section",
    "Sector",
    "SectorActivities",
    "SexCount",
    "StaffGroup",
    "Statement",
    "Target",
]

FORMAT_VERSION: Final = "1.0"
"""The version of the factsheet format this model describes."""

_MARKERS_DOC = "Markers of the footnotes this item refers to, as printed (``*``)."


@frozen(field_transformer=constrained)
class Figure:
    """A figure exactly as printed: its digits and the multiplier it was printed with.

    ``USD 48.3 M`` is ``{"value": "48.3", "scale": "million"}``. The number of
    decimals printed is kept, so checks compare stated with computed figures
    within the precision they were printed at.
    """

    value: Amount = field(metadata=doc('The printed number, as a decimal string ("48.3").'))
    scale: Scale = field(default=Scale.ONE, metadata=doc("The multiplier it was printed with."))

    @property
    def amount(self) -> Decimal:
        """The value the figure stands for, multiplier applied."""
        return self.value.scaleb(self.scale.exponent)

    @property
    def tolerance(self) -> Decimal:
        """Half a unit of the last printed digit: how far the true value may lie."""
        exponent = int(self.value.as_tuple().exponent)
        return Decimal(5).scaleb(exponent - 1 + self.scale.exponent)


@frozen(field_transformer=constrained)
class Organisation:
    """An organisation named on the factsheet."""

    name: Text = field(metadata=doc("The organisation's name as printed."))
    acronym: Text | None = field(default=None, metadata=doc("Its acronym, where given."))


@frozen(field_transformer=constrained)
class Operation:
    """The operation the factsheet describes, and its scope."""

    name: Text = field(metadata=doc('The operation\'s name as printed ("Mali").'))
    countries: tuple[CountryCode, ...] = field(
        metadata=doc("ISO 3166-1 alpha-3 codes of the countries covered, first the main one.")
    )
    scope: OperationScope = field(
        default=OperationScope.COUNTRY, metadata=doc("Whether it covers a country, part of one or several.")
    )
    area: Text | None = field(
        default=None, metadata=doc("The sub-national area covered, for a sub-national scope.")
    )

    def __attrs_post_init__(self) -> None:
        if not self.countries:
            raise ValueError("an operation covers at least one country")
        if len(set(self.countries)) != len(self.countries):
            raise ValueError("an operation lists each country once")
        if self.scope is not OperationScope.MULTI_COUNTRY and len(self.countries) != 1:
            raise ValueError(f"a {self.scope.value} operation covers exactly one country")
        if (self.scope is OperationScope.SUBNATIONAL) != (self.area is not None):
            raise ValueError("an area is given exactly when the scope is subnational")

    @property
    def country(self) -> str:
        """The main country's code."""
        return self.countries[0]


@frozen(field_transformer=constrained)
class Period:
    """The reporting period: the first and last day the factsheet reports on."""

    start: datetime.date = field(metadata=doc("First day of the period."))
    end: datetime.date = field(metadata=doc("Last day of the period."))

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")


@frozen(field_transformer=constrained)
class Section:
    """A narrative section: a heading and its paragraphs or bullets, in order."""

    heading: Text = field(metadata=doc("The section heading as printed."))
    paragraphs: tuple[Text, ...] = field(metadata=doc("The paragraphs or bullets, in order."))


@frozen(field_transformer=constrained)
class OriginCount:
    """Part of a population group by country of origin."""

    origin: Origin = field(metadata=doc("Country of origin."))
    count: Count = field(metadata=doc("Number of people."))


@frozen(field_transformer=constrained)
class SexCount:
    """Part of a population group by sex."""

    sex: Sex = field(metadata=doc("Sex."))
    count: Count = field(metadata=doc("Number of people."))


@frozen(field_transformer=constrained)
class AgeCount:
    """Part of a population group by age band."""

    min_age: Count = field(metadata=doc("Youngest age in the band, in years."))
    max_age: Count | None = field(
        default=None, metadata=doc("Oldest age in the band, in years; absent for an open band (60+).")
    )
    count: Count = field(default=0, metadata=doc("Number of people."))

    def __attrs_post_init__(self) -> None:
        if self.max_age is not None and self.max_age < self.min_age:
            raise ValueError(f"age band {self.min_age}-{self.max_age} ends before it starts")


@frozen(field_transformer=constrained)
class PopulationGroup:
    """One group of people of concern, as printed."""

    type: PopulationType = field(metadata=doc("UNHCR population type code."))
    label: Text = field(metadata=doc("The label printed next to the figure."))
    count: Count = field(metadata=doc("Number of people."))
    residence: Residence = field(
        default=Residence.HOSTED,
        metadata=doc("Whether the group lives in the operation's area or abroad."),
    )
    origin: Origin | None = field(
        default=None, metadata=doc("Country of origin, ``mixed`` or ``unknown``, where stated.")
    )
    as_of: datetime.date | None = field(default=None, metadata=doc("Date the count refers to."))
    source: Text | None = field(default=None, metadata=doc('Who counted ("UNHCR", "Government of Mali").'))
    footnotes: tuple[Marker, ...] = field(default=(), metadata=doc(_MARKERS_DOC))
    by_origin: tuple[OriginCount, ...] = field(default=(), metadata=doc("Breakdown by origin."))
    by_sex: tuple[SexCount, ...] = field(default=(), metadata=doc("Breakdown by sex."))
    by_age: tuple[AgeCount, ...] = field(default=(), metadata=doc("Breakdown by age band."))


@frozen(field_transformer=constrained)
class Populations:
    """The populations of concern block."""

    groups: tuple[PopulationGroup, ...] = field(metadata=doc("The groups, in printed order."))
    stated_total: Count | None = field(
        default=None, metadata=doc("The total of people of concern, where printed.")
    )
    as_of: datetime.date | None = field(default=None, metadata=doc("Date the figures refer to."))
    footnotes: tuple[Marker, ...] = field(default=(), metadata=doc(_MARKERS_DOC))

    @property
    def hosted(self) -> tuple[PopulationGroup, ...]:
        """The groups living in the operation's area."""
        return tuple(g for g in self.groups if g.residence is Residence.HOSTED)

    @property
    def computed_total(self) -> int:
        """The sum of the hosted groups; people of the country living abroad never count."""
        return sum(g.count for g in self.hosted)


@frozen(field_transformer=constrained)
class Funding:
    """The funding block: what was requested and received, and the figures as printed.

    Only stated figures are stored; the unfunded amount and the percentages
    that follow from ``requested`` and ``funded`` are computed, never stored.
    """

    currency: CurrencyCode = field(metadata=doc("ISO 4217 code of the amounts."))
    requested: Figure | None = field(default=None, metadata=doc("Amount requested, as printed."))
    funded: Figure | None = field(default=None, metadata=doc("Amount received, as printed."))
    unfunded: Figure | None = field(default=None, metadata=doc("Funding gap, as printed."))
    funded_percent: Amount | None = field(default=None, metadata=doc('Percentage funded, as printed ("7").'))
    unfunded_percent: Amount | None = field(
        default=None, metadata=doc('Percentage unfunded, as printed ("93").')
    )
    as_of: datetime.date | None = field(default=None, metadata=doc("Date the figures refer to."))
    footnotes: tuple[Marker, ...] = field(default=(), metadata=doc(_MARKERS_DOC))

    @property
    def computed_unfunded(self) -> Decimal | None:
        """Requested minus funded, when both are stated."""
        if self.requested is None or self.funded is None:
            return None
        return self.requested.amount - self.funded.amount

    @property
    def computed_funded_percent(self) -> Decimal | None:
        """Funded as a percentage of requested, when both are stated and requested is not 0."""
        if self.requested is None or self.funded is None or not self.requested.amount:
            return None
        return self.funded.amount * 100 / self.requested.amount


@frozen(field_transformer=constrained)
class StaffGroup:
    """Staff of one category."""

    category: StaffCategory = field(metadata=doc("Staff category; ``other`` for any other."))
    label: Text = field(metadata=doc('The label as printed ("National Staff").'))
    count: Count = field(metadata=doc("Number of staff."))


@frozen(field_transformer=constrained)
class OfficeGroup:
    """Offices of one type and where they are (\"2 Field Offices in Mopti and Timbuktu\")."""

    type: OfficeType = field(metadata=doc("Office type; ``other`` for any other."))
    label: Text = field(metadata=doc('The label as printed ("Field Offices").'))
    count: PositiveCount = field(metadata=doc("Number of offices, as printed."))
    locations: tuple[Text, ...] = field(default=(), metadata=doc("Where they are, as printed."))


@frozen(field_transformer=constrained)
class Presence:
    """The operation's presence: staff and offices."""

    staff: tuple[StaffGroup, ...] = field(default=(), metadata=doc("Staff by category."))
    stated_staff_total: Count | None = field(default=None, metadata=doc("Total staff, where printed."))
    offices: tuple[OfficeGroup, ...] = field(default=(), metadata=doc("Offices by type."))
    stated_office_total: Count | None = field(default=None, metadata=doc("Total offices, where printed."))
    footnotes: tuple[Marker, ...] = field(default=(), metadata=doc(_MARKERS_DOC))


@frozen(field_transformer=constrained)
class Partner:
    """A partner organisation."""

    name: Text = field(metadata=doc("The partner's name as printed."))
    type: OrganisationType = field(metadata=doc("Kind of organisation (IATI OrganisationType)."))
    role: PartnerRole = field(
        default=PartnerRole.IMPLEMENTING, metadata=doc("The partner's role (IATI OrganisationRole).")
    )
    type_label: Text | None = field(
        default=None,
        metadata=doc('The kind as printed, where the code list has none ("faith-based organisation").'),
    )
    acronym: Text | None = field(default=None, metadata=doc("Its acronym, where given."))
    note: Text | None = field(
        default=None, metadata=doc("What the factsheet adds in brackets (a department, a commission).")
    )


@frozen(field_transformer=constrained)
class PartnerCount:
    """A count of partners the text states (\"two governmental\")."""

    count: Count = field(metadata=doc("The number stated."))
    text: Text = field(metadata=doc('The words that state it ("two governmental").'))
    types: tuple[OrganisationType, ...] = field(
        default=(), metadata=doc("The kinds of organisation counted; empty for all partners.")
    )


@frozen(field_transformer=constrained)
class Partners:
    """The partners block."""

    partners: tuple[Partner, ...] = field(metadata=doc("The partners, in printed order."))
    stated_counts: tuple[PartnerCount, ...] = field(
        default=(), metadata=doc("Counts of partners the text states.")
    )


@frozen(field_transformer=constrained)
class Target:
    """A number inside an activity statement: a target (\"12 boreholes\"), an achievement or context."""

    quantity: Count = field(metadata=doc("The number as printed."))
    unit: Text = field(metadata=doc('What is counted ("boreholes", "refugee children").'))
    kind: TargetKind = field(
        default=TargetKind.TARGET, metadata=doc("Whether it is a target, an achievement or context.")
    )
    qualifier: Qualifier = field(
        default=Qualifier.EXACT, metadata=doc('How the number relates to the truth ("over 700").')
    )
    action: Text | None = field(
        default=None, metadata=doc('What is done, as printed ("restoring", "cash grants for").')
    )
    beneficiaries: Text | None = field(default=None, metadata=doc("Who benefits, where stated."))
    locations: tuple[Text, ...] = field(default=(), metadata=doc("Where, as printed."))
    year: Year | None = field(default=None, metadata=doc("The year it is for, where stated."))
    footnotes: tuple[Marker, ...] = field(default=(), metadata=doc(_MARKERS_DOC))


@frozen(field_transformer=constrained)
class Statement:
    """One activity statement (a bullet) and the targets it states."""

    text: Text = field(metadata=doc("The statement as printed."))
    targets: tuple[Target, ...] = field(default=(), metadata=doc("Numeric targets in the text."))


@frozen(field_transformer=constrained)
class Sector:
    """A sector of activity: a code and the heading printed for it."""

    code: SectorCode = field(metadata=doc("Sector code; ``other`` for any other."))
    name: Text = field(metadata=doc('The heading as printed ("Water and Sanitation").'))


@frozen(field_transformer=constrained)
class SectorActivities:
    """The activities of one sector."""

    sector: Sector = field(metadata=doc("The sector."))
    statements: tuple[Statement, ...] = field(metadata=doc("Activity statements, in order."))


@frozen(field_transformer=constrained)
class Donor:
    """A donor, with the amount printed next to it where there is one."""

    name: Text = field(metadata=doc('The donor\'s name as printed, without "Priv Donors".'))
    private: bool = field(default=False, metadata=doc("Whether these are private donors."))
    amount: Figure | None = field(default=None, metadata=doc('Amount as printed ("95 M").'))
    country: CountryCode | None = field(
        default=None, metadata=doc("The donor's country, where the donor is a country or its private donors.")
    )


@frozen(field_transformer=constrained)
class Donors:
    """The donors block: who funded, in which year and for what."""

    scope: Text = field(metadata=doc('What the list covers ("unrestricted and regional funds").'))
    year: Year | None = field(default=None, metadata=doc("The year of the contributions."))
    currency: CurrencyCode | None = field(default=None, metadata=doc("ISO 4217 code of the amounts."))
    major: tuple[Donor, ...] = field(default=(), metadata=doc("Major donors, in printed order."))
    others: tuple[Donor, ...] = field(default=(), metadata=doc("Other donors, in printed order."))
    ordered_by_amount: bool = field(
        default=False, metadata=doc("Whether the list says the major donors are ordered by amount.")
    )


@frozen(field_transformer=constrained)
class Contact:
    """A contact person."""

    name: Text = field(metadata=doc("Full name."))
    title: Text | None = field(default=None, metadata=doc("Job title."))
    location: Text | None = field(default=None, metadata=doc("Duty station, where printed."))
    email: Email | None = field(default=None, metadata=doc("Email address."))
    phone: Text | None = field(default=None, metadata=doc("Telephone number as printed."))


@frozen(field_transformer=constrained)
class Link:
    """A link printed on the factsheet."""

    label: Text = field(metadata=doc("The link text."))
    url: Url = field(metadata=doc("The absolute URL."))


@frozen(field_transformer=constrained)
class Footnote:
    """A footnote and its marker."""

    marker: Marker = field(metadata=doc('The marker as printed ("*").'))
    text: Text = field(metadata=doc("The footnote text."))


@frozen(field_transformer=constrained)
class Acceptance:
    """A consistency finding the authors have reviewed and accept, with why."""

    code: RuleCode = field(metadata=doc('Rule code ("OPS201") or prefix ("OPS2").'))
    reason: Text = field(metadata=doc("Why the finding is accepted."))
    path: Text | None = field(
        default=None, metadata=doc("JSON path the acceptance is limited to; all paths when absent.")
    )


@frozen(field_transformer=constrained)
class Factsheet:
    """A country operations factsheet."""

    publisher: Organisation = field(metadata=doc("Who publishes the factsheet."))
    operation: Operation = field(metadata=doc("The operation it describes."))
    title: Text = field(metadata=doc("The title as printed."))
    period: Period = field(metadata=doc("The reporting period."))
    format_version: str = field(
        default=FORMAT_VERSION, metadata=doc("Version of the factsheet format.", const=FORMAT_VERSION)
    )
    schema: Text | None = field(
        default=None, metadata=doc("URI of the JSON Schema the document claims to follow.", key="$schema")
    )
    published: datetime.date | None = field(default=None, metadata=doc("Publication date."))
    highlights: tuple[Text, ...] = field(default=(), metadata=doc("Key messages, in order."))
    sections: tuple[Section, ...] = field(default=(), metadata=doc("Narrative sections, in order."))
    populations: Populations | None = field(default=None, metadata=doc("Populations of concern."))
    funding: Funding | None = field(default=None, metadata=doc("Funding."))
    presence: Presence | None = field(default=None, metadata=doc("Staff and offices."))
    partners: Partners | None = field(default=None, metadata=doc("Partners."))
    activities: tuple[SectorActivities, ...] = field(
        default=(), metadata=doc("Activities by sector, in order.")
    )
    donors: Donors | None = field(default=None, metadata=doc("Donors."))
    contacts: tuple[Contact, ...] = field(default=(), metadata=doc("Contacts."))
    links: tuple[Link, ...] = field(default=(), metadata=doc("Links."))
    footnotes: tuple[Footnote, ...] = field(default=(), metadata=doc("Footnotes."))
    accepted: tuple[Acceptance, ...] = field(
        default=(), metadata=doc("Consistency findings reviewed and accepted by the authors.")
    )

    def __attrs_post_init__(self) -> None:
        if self.format_version != FORMAT_VERSION:
            raise ValueError(
                f"format_version must be {FORMAT_VERSION!r}; this opsfacts reads that version only, "
                f"not {self.format_version!r}"
            )
