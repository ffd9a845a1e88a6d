"""The factsheet model: one attrs class per part of a country operations factsheet.

These classes are the format. The JSON Schema, the format reference in the
docs and the document field names are all derived from them.
"""

# No ``from __future__ import annotations``: ``constrained`` reads the field
# types at class creation to attach constraint validators.

import datetime
import decimal
from decimal import Decimal
from typing import ClassVar, Final

from attrs import field, frozen

from ._codes import (
    BreakdownAxis,
    DocumentKind,
    OfficeType,
    OperationScope,
    OrganisationType,
    PartnerRole,
    PlaceType,
    PopulationType,
    Qualifier,
    Residence,
    Scale,
    SectorCode,
    Setting,
    Sex,
    StaffCategory,
    TargetKind,
)
from ._constraints import (
    Amount,
    Count,
    CountryCode,
    CurrencyCode,
    Email,
    HeadingLevel,
    IatiOrgId,
    Language,
    Marker,
    Origin,
    Paragraph,
    PositiveCount,
    RuleCode,
    Text,
    WebAddress,
    Year,
)
from ._dates import PartialDate
from ._modelling import check_any_of, constrained, doc

__all__ = [
    "FORMAT_VERSION",
    "Acceptance",
    "AgeCount",
    "CategoryCount",
    "Contact",
    "Donor",
    "Donors",
    "Factsheet",
    "Figure",
    "Footnote",
    "Funding",
    "KeyFigure",
    "Link",
    "OfficeGroup",
    "Operation",
    "Organisation",
    "OriginCount",
    "Partner",
    "PartnerCount",
    "Partners",
    "Percentage",
    "Period",
    "PopulationGroup",
    "PopulationTotal",
    "Populations",
    "Presence",
    "Quantity",
    "Section",
    "Sector",
    "SectorActivities",
    "SexCount",
    "StaffGroup",
    "StaffPart",
    "Statement",
    "Target",
]

FORMAT_VERSION: Final = "2.0"
"""The version of the factsheet format this model describes."""

_EXACT = decimal.Context(prec=28)

_MARKERS_DOC = "Markers of the footnotes this item refers to, as printed (``*``)."
_PRINTED_DOC = (
    "The text as printed, where it differs from the plain rendering of the value "
    '("412.305", "over 6,500", "[XX]"); a placeholder printed instead of a value is kept here.'
)
_AS_OF_DOC = 'The data cut-off printed for this block (``2019-03`` for "as of March 2019").'
_AND_OTHERS_DOC = 'The words printed to say the list goes on ("and others"); absent for a complete list.'


@frozen(field_transformer=constrained)
class Quantity:
    """A count as printed: its value, how it relates to the truth, and its printed text.

    A plain count is written as a bare number (``498170``). Anything more is an
    object: ``{"value": 6500, "qualifier": "at-least", "printed": "over 6,500"}``,
    ``{"value": 412305, "printed": "412.305"}``, or, for a placeholder printed
    where the figure should be, ``{"printed": "[XX]"}`` with no value.

    >>> from opsfacts.documents import converter
    >>> converter.structure(498170, Quantity)
    Quantity(value=498170, qualifier=<Qualifier.EXACT: 'exact'>, printed=None)
    >>> converter.unstructure(Quantity(value=498170))
    498170
    >>> stated = {"value": 6500, "qualifier": "at-least", "printed": "over 6,500"}
    >>> over = converter.structure(stated, Quantity)
    >>> over.value, over.printed
    (6500, 'over 6,500')
    >>> over.qualifier
    <Qualifier.AT_LEAST: 'at-least'>
    >>> Quantity()
    Traceback (most recent call last):
      ...
    ValueError: a Quantity needs 'value' or 'printed'; none is given
    """

    __opsfacts_any_of__: ClassVar[tuple[tuple[str, ...], ...]] = (("value", "printed"),)
    __opsfacts_shorthand__: ClassVar[str] = "value"

    value: Count | None = field(
        default=None, metadata=doc("The number the print stands for; absent when none was printed.")
    )
    qualifier: Qualifier = field(
        default=Qualifier.EXACT, metadata=doc('How the number relates to the truth ("over 6,500").')
    )
    printed: Text | None = field(default=None, metadata=doc(_PRINTED_DOC))

    def __attrs_post_init__(self) -> None:
        check_any_of(self)


@frozen(field_transformer=constrained)
class Percentage:
    """A percentage as printed: ``"7"`` for "7%", or ``{"printed": "[XX]%"}`` for a placeholder.

    >>> from opsfacts.documents import converter
    >>> converter.structure("7", Percentage)
    Percentage(value=Decimal('7'), printed=None)
    >>> converter.structure({"printed": "[XX]%"}, Percentage).value is None
    True
    """

    __opsfacts_any_of__: ClassVar[tuple[tuple[str, ...], ...]] = (("value", "printed"),)
    __opsfacts_shorthand__: ClassVar[str] = "value"

    value: Amount | None = field(
        default=None, metadata=doc('The percentage, as a decimal string ("91.3"); absent when not printed.')
    )
    printed: Text | None = field(default=None, metadata=doc(_PRINTED_DOC))

    def __attrs_post_init__(self) -> None:
        check_any_of(self)


@frozen(field_transformer=constrained)
class Figure:
    """An amount exactly as printed: its digits and the multiplier it was printed with.

    ``USD 48.3 M`` is ``{"value": "48.3", "scale": "million"}``. The number of
    decimals printed is kept, so checks compare stated with computed figures
    within the precision they were printed at. ``$3.2 million`` keeps its
    printed text; ``USD [Figure] M`` has no value, only its printed text.

    >>> from opsfacts.documents import converter
    >>> requested = converter.structure({"value": "48.3", "scale": "million"}, Figure)
    >>> requested
    Figure(value=Decimal('48.3'), scale=<Scale.MILLION: 'million'>, printed=None)
    >>> requested.amount == 48_300_000, requested.tolerance == 50_000
    (True, True)
    >>> converter.structure({"printed": "USD [Figure] M"}, Figure).amount is None
    True
    """

    __opsfacts_any_of__: ClassVar[tuple[tuple[str, ...], ...]] = (("value", "printed"),)

    value: Amount | None = field(
        default=None,
        metadata=doc('The printed number, as a decimal string ("48.3"); absent for a placeholder.'),
    )
    scale: Scale = field(default=Scale.ONE, metadata=doc("The multiplier it was printed with."))
    printed: Text | None = field(default=None, metadata=doc(_PRINTED_DOC))

    def __attrs_post_init__(self) -> None:
        check_any_of(self)

    @property
    def amount(self) -> Decimal | None:
        """The value the figure stands for, multiplier applied; None for a placeholder."""
        if self.value is None:
            return None
        # scaleb rounds to the context's precision (28 digits by default): keep every printed digit.
        digits = len(self.value.as_tuple().digits)
        context = _EXACT if digits <= _EXACT.prec else decimal.Context(prec=digits)
        return self.value.scaleb(self.scale.exponent, context)

    @property
    def tolerance(self) -> Decimal:
        """Half a unit of the last printed digit: how far the true value may lie."""
        exponent = 0 if self.value is None else int(self.value.as_tuple().exponent)
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
    """A period: from the first day of ``start`` to the last day of ``end``.

    ``{"start": "2019-03"}`` is the month of March 2019; ``{"start": "2017-06-01",
    "end": "2017-06-30"}`` the same month by its days; ``{"start": "2019"}`` a year.
    """

    start: PartialDate = field(metadata=doc("When the period starts (a day, a month or a year)."))
    end: PartialDate | None = field(
        default=None, metadata=doc("When it ends; absent when it ends with ``start``'s month or year.")
    )
    printed: Text | None = field(default=None, metadata=doc('The period as printed ("June 2017").'))

    def __attrs_post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")

    @property
    def first_day(self) -> datetime.date:
        """The first day of the period."""
        return self.start.first_day

    @property
    def last_day(self) -> datetime.date:
        """The last day of the period."""
        return (self.end or self.start).last_day


@frozen(field_transformer=constrained)
class Section:
    """A narrative section: a heading (where printed) and its paragraphs or bullets, in order."""

    paragraphs: tuple[Paragraph, ...] = field(
        metadata=doc("The paragraphs or bullets, in order; a paragraph may hold line breaks.")
    )
    heading: Text | None = field(default=None, metadata=doc("The heading as printed; absent when none is."))
    level: HeadingLevel = field(
        default=1, metadata=doc("How deep the heading is nested: 2 for a sub-heading of the section before.")
    )


@frozen(field_transformer=constrained)
class OriginCount:
    """Part of a population group by country of origin."""

    __opsfacts_any_of__: ClassVar[tuple[tuple[str, ...], ...]] = (("count", "percent"),)

    origin: Origin = field(metadata=doc("Country of origin."))
    count: Quantity | None = field(default=None, metadata=doc("Number of people."))
    percent: Percentage | None = field(default=None, metadata=doc("Share of the group, where printed."))

    def __attrs_post_init__(self) -> None:
        check_any_of(self)


@frozen(field_transformer=constrained)
class SexCount:
    """Part of a population group by sex."""

    __opsfacts_any_of__: ClassVar[tuple[tuple[str, ...], ...]] = (("count", "percent"),)

    sex: Sex = field(metadata=doc("Sex."))
    count: Quantity | None = field(default=None, metadata=doc("Number of people."))
    percent: Percentage | None = field(default=None, metadata=doc("Share of the group, where printed."))

    def __attrs_post_init__(self) -> None:
        check_any_of(self)


@frozen(field_transformer=constrained)
class AgeCount:
    """Part of a population group by age band."""

    __opsfacts_any_of__: ClassVar[tuple[tuple[str, ...], ...]] = (("count", "percent"),)

    min_age: Count = field(metadata=doc("Youngest age in the band, in years."))
    max_age: Count | None = field(
        default=None, metadata=doc("Oldest age in the band, in years; absent for an open band (60+).")
    )
    count: Quantity | None = field(default=None, metadata=doc("Number of people."))
    percent: Percentage | None = field(default=None, metadata=doc("Share of the group, where printed."))

    def __attrs_post_init__(self) -> None:
        if self.max_age is not None and self.max_age < self.min_age:
            raise ValueError(f"age band {self.min_age}-{self.max_age} ends before it starts")
        check_any_of(self)


@frozen(field_transformer=constrained)
class CategoryCount:
    """Part of a group or total in the sheet's own categories ("Children 65%", "2,118 with specific needs").

    Categories may overlap (women and children, people with specific needs), so
    they are not expected to add up to the whole; each is no more than it.
    """

    __opsfacts_any_of__: ClassVar[tuple[tuple[str, ...], ...]] = (("count", "percent"),)

    label: Text = field(
        metadata=doc('The category as printed ("Children", "personnes à besoins spécifiques").')
    )
    count: Quantity | None = field(default=None, metadata=doc("Number of people."))
    percent: Percentage | None = field(default=None, metadata=doc("Share of the whole, where printed."))

    def __attrs_post_init__(self) -> None:
        check_any_of(self)


@frozen(field_transformer=constrained)
class PopulationGroup:
    """One group of people of concern, as printed."""

    __opsfacts_any_of__: ClassVar[tuple[tuple[str, ...], ...]] = (("count", "households", "share"),)

    label: Text = field(metadata=doc("The label printed next to the figure."))
    types: tuple[PopulationType, ...] = field(
        default=(),
        metadata=doc(
            "UNHCR population type codes: one, several for a combined group "
            '("refugees and asylum-seekers"), none when the sheet does not say.'
        ),
    )
    count: Quantity | None = field(default=None, metadata=doc("Number of people (individuals)."))
    households: Quantity | None = field(default=None, metadata=doc("Number of households, where printed."))
    residence: Residence = field(
        default=Residence.HOSTED,
        metadata=doc("Whether the group lives in the operation's area or abroad."),
    )
    origin: Origin | None = field(
        default=None, metadata=doc("Country of origin, ``mixed`` or ``unknown``, where stated.")
    )
    place: Text | None = field(
        default=None, metadata=doc('Where the group is counted, as printed ("Gambella", "Kakuma camp").')
    )
    place_type: PlaceType | None = field(default=None, metadata=doc("What kind of place ``place`` is."))
    setting: Setting | None = field(default=None, metadata=doc("Camp, out of camp, urban or rural."))
    share: Percentage | None = field(
        default=None, metadata=doc("The group's share of the total, where printed.")
    )
    part_of: Text | None = field(
        default=None,
        metadata=doc(
            'The label of the group this one is part of ("of whom 12,000 new arrivals"); '
            "such a group is not added to totals."
        ),
    )
    as_of: PartialDate | None = field(default=None, metadata=doc("Date the count refers to."))
    source: Text | None = field(default=None, metadata=doc('Who counted ("UNHCR", "Government of Mali").'))
    footnotes: tuple[Marker, ...] = field(default=(), metadata=doc(_MARKERS_DOC))
    by_origin: tuple[OriginCount, ...] = field(default=(), metadata=doc("Breakdown by origin."))
    by_sex: tuple[SexCount, ...] = field(default=(), metadata=doc("Breakdown by sex."))
    by_age: tuple[AgeCount, ...] = field(default=(), metadata=doc("Breakdown by age band."))
    by_category: tuple[CategoryCount, ...] = field(
        default=(), metadata=doc("Parts in the sheet's own categories, which may overlap.")
    )
    partial: tuple[BreakdownAxis, ...] = field(
        default=(),
        metadata=doc(
            'The breakdowns printed for part of the group only ("of whom 3,200 children"): '
            "they may add up to less than the group."
        ),
    )

    def __attrs_post_init__(self) -> None:
        check_any_of(self)
        if len(set(self.types)) != len(self.types):
            raise ValueError("a population group lists each type once")
        if self.part_of is not None and self.part_of == self.label:
            raise ValueError("a population group is not part of itself")

    @property
    def type(self) -> PopulationType | None:
        """The group's one population type; None for a combined group or where none is printed."""
        return self.types[0] if len(self.types) == 1 else None

    @property
    def people(self) -> int | None:
        """The number of people, where a number was printed."""
        return None if self.count is None else self.count.value


@frozen(field_transformer=constrained)
class PopulationTotal:
    """A total of people of concern as printed, with who counted it."""

    count: Quantity = field(metadata=doc("The total."))
    label: Text | None = field(default=None, metadata=doc('The label printed with it ("Total").'))
    types: tuple[PopulationType, ...] = field(
        default=(),
        metadata=doc("The population types it totals, where it covers only some (IDPs only); empty for all."),
    )
    households: Quantity | None = field(default=None, metadata=doc("Total households, where printed."))
    source: Text | None = field(default=None, metadata=doc("Who counted, where it differs between totals."))
    as_of: PartialDate | None = field(default=None, metadata=doc("Date the total refers to."))
    by_sex: tuple[SexCount, ...] = field(default=(), metadata=doc("Breakdown of the total by sex."))
    by_age: tuple[AgeCount, ...] = field(default=(), metadata=doc("Breakdown of the total by age band."))
    by_category: tuple[CategoryCount, ...] = field(
        default=(), metadata=doc('Parts in the sheet\'s own categories ("Children 65% | Women 21%").')
    )
    footnotes: tuple[Marker, ...] = field(default=(), metadata=doc(_MARKERS_DOC))


@frozen(field_transformer=constrained)
class Populations:
    """The populations of concern block."""

    groups: tuple[PopulationGroup, ...] = field(metadata=doc("The groups, in printed order."))
    totals: tuple[PopulationTotal, ...] = field(
        default=(),
        metadata=doc("Totals as printed; several when sources differ (government and UNHCR figures)."),
    )
    source: Text | None = field(default=None, metadata=doc("Who counted, for the whole block."))
    main_origins: tuple[Origin, ...] = field(
        default=(), metadata=doc("Countries of origin the sheet lists without figures, in printed order.")
    )
    as_of: PartialDate | None = field(default=None, metadata=doc(_AS_OF_DOC))
    footnotes: tuple[Marker, ...] = field(default=(), metadata=doc(_MARKERS_DOC))

    @property
    def hosted(self) -> tuple[PopulationGroup, ...]:
        """The groups of concern living in the operation's area.

        Host communities, and groups printed as part of another group, are left out.
        """
        return tuple(
            g
            for g in self.groups
            if g.residence is Residence.HOSTED and g.types != (PopulationType.HST,) and g.part_of is None
        )

    @property
    def computed_total(self) -> int:
        """The people in the hosted groups; people living abroad and host communities never count."""
        return sum(g.people or 0 for g in self.hosted)


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
    funded_percent: Percentage | None = field(
        default=None, metadata=doc('Percentage funded, as printed ("7").')
    )
    unfunded_percent: Percentage | None = field(
        default=None, metadata=doc('Percentage unfunded, as printed ("93").')
    )
    year: Year | None = field(
        default=None, metadata=doc('The year of the requirements ("2019 requirements").')
    )
    covers: Text | None = field(
        default=None,
        metadata=doc(
            "What the requirements cover when that differs from the sheet's operation "
            '("the whole of Ethiopia", "the Syria situation").'
        ),
    )
    as_of: PartialDate | None = field(default=None, metadata=doc(_AS_OF_DOC))
    footnotes: tuple[Marker, ...] = field(default=(), metadata=doc(_MARKERS_DOC))

    @property
    def computed_unfunded(self) -> Decimal | None:
        """Requested minus funded, when both are stated."""
        requested = None if self.requested is None else self.requested.amount
        funded = None if self.funded is None else self.funded.amount
        if requested is None or funded is None:
            return None
        return requested - funded

    @property
    def computed_funded_percent(self) -> Decimal | None:
        """Funded as a percentage of requested, when both are stated and requested is not 0."""
        requested = None if self.requested is None else self.requested.amount
        funded = None if self.funded is None else self.funded.amount
        if requested is None or funded is None or not requested:
            return None
        return funded * 100 / requested


@frozen(field_transformer=constrained)
class StaffPart:
    """Part of a staff category ("5 international and 27 national" of 32 affiliates)."""

    category: StaffCategory = field(metadata=doc("Staff category of the part."))
    label: Text = field(metadata=doc("The label as printed."))
    count: Quantity = field(metadata=doc("Number of staff."))


@frozen(field_transformer=constrained)
class StaffGroup:
    """Staff of one category."""

    __opsfacts_any_of__: ClassVar[tuple[tuple[str, ...], ...]] = (("count", "parts"),)

    category: StaffCategory = field(metadata=doc("Staff category; ``other`` for any other."))
    label: Text = field(metadata=doc('The label as printed ("National Staff").'))
    count: Quantity | None = field(default=None, metadata=doc("Number of staff."))
    parts: tuple[StaffPart, ...] = field(
        default=(), metadata=doc("The parts printed for the category, in printed order.")
    )

    def __attrs_post_init__(self) -> None:
        check_any_of(self)


@frozen(field_transformer=constrained)
class OfficeGroup:
    """Offices of one type and where they are (\"2 Field Offices in Mopti and Timbuktu\")."""

    __opsfacts_any_of__: ClassVar[tuple[tuple[str, ...], ...]] = (("count", "locations"),)

    type: OfficeType = field(metadata=doc("Office type; ``other`` for any other."))
    label: Text = field(metadata=doc('The label as printed ("Field Offices").'))
    count: PositiveCount | None = field(default=None, metadata=doc("Number of offices, where printed."))
    locations: tuple[Text, ...] = field(default=(), metadata=doc("Where they are, as printed."))
    under: Text | None = field(
        default=None, metadata=doc('The office they report to, as printed ("Sub-Office Gao").')
    )

    def __attrs_post_init__(self) -> None:
        check_any_of(self)


@frozen(field_transformer=constrained)
class Presence:
    """The operation's presence: staff and offices."""

    staff: tuple[StaffGroup, ...] = field(default=(), metadata=doc("Staff by category."))
    stated_staff_total: Quantity | None = field(default=None, metadata=doc("Total staff, where printed."))
    offices: tuple[OfficeGroup, ...] = field(default=(), metadata=doc("Offices by type."))
    stated_office_total: Quantity | None = field(
        default=None, metadata=doc("Total offices, where printed (also when only the total is).")
    )
    as_of: PartialDate | None = field(default=None, metadata=doc(_AS_OF_DOC))
    footnotes: tuple[Marker, ...] = field(default=(), metadata=doc(_MARKERS_DOC))


@frozen(field_transformer=constrained)
class Partner:
    """A partner organisation."""

    name: Text = field(metadata=doc("The partner's name as printed."))
    type: OrganisationType | None = field(
        default=None,
        metadata=doc("Kind of organisation (IATI OrganisationType); absent when the sheet does not say."),
    )
    role: PartnerRole | None = field(
        default=None,
        metadata=doc("The partner's role (IATI OrganisationRole); absent when the sheet does not say."),
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
    roles: tuple[PartnerRole, ...] = field(
        default=(), metadata=doc('The roles counted ("two implementing partners"); empty for all roles.')
    )
    qualifier: Qualifier = field(
        default=Qualifier.EXACT, metadata=doc('How the number relates to the truth ("over 60 partners").')
    )


@frozen(field_transformer=constrained)
class Partners:
    """The partners block."""

    partners: tuple[Partner, ...] = field(metadata=doc("The partners, in printed order."))
    stated_counts: tuple[PartnerCount, ...] = field(
        default=(), metadata=doc("Counts of partners the text states.")
    )
    and_others: Text | None = field(default=None, metadata=doc(_AND_OTHERS_DOC))
    as_of: PartialDate | None = field(default=None, metadata=doc(_AS_OF_DOC))


@frozen(field_transformer=constrained)
class KeyFigure:
    """An indicator box: "860 people evacuated since January", "91.3 % of children vaccinated"."""

    __opsfacts_any_of__: ClassVar[tuple[tuple[str, ...], ...]] = (("quantity", "percent", "amount"),)

    label: Text = field(metadata=doc('What is counted, as printed ("people evacuated").'))
    quantity: Quantity | None = field(default=None, metadata=doc("The number, for a count."))
    percent: Percentage | None = field(default=None, metadata=doc("The percentage, for a rate."))
    amount: Figure | None = field(default=None, metadata=doc('The amount, for money ("USD 306.7 M").'))
    currency: CurrencyCode | None = field(default=None, metadata=doc("ISO 4217 code of ``amount``."))
    unit: Text | None = field(default=None, metadata=doc('The unit, where printed apart ("shelters").'))
    kind: TargetKind | None = field(
        default=None, metadata=doc("Whether it is a target, an achievement or context, where clear.")
    )
    since: PartialDate | None = field(
        default=None, metadata=doc('Start of what is counted ("since January").')
    )
    as_of: PartialDate | None = field(default=None, metadata=doc("Date the figure refers to."))
    source: Text | None = field(default=None, metadata=doc("Who counted, where printed."))
    footnotes: tuple[Marker, ...] = field(default=(), metadata=doc(_MARKERS_DOC))

    def __attrs_post_init__(self) -> None:
        check_any_of(self)


@frozen(field_transformer=constrained)
class Target:
    """A number inside an activity statement: a target (\"12 boreholes\"), an achievement or context."""

    quantity: Quantity = field(metadata=doc('The number as printed, with its qualifier ("over 700").'))
    unit: Text = field(metadata=doc('What is counted ("boreholes", "refugee children").'))
    kind: TargetKind = field(
        default=TargetKind.TARGET, metadata=doc("Whether it is a target, an achievement or context.")
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
    type: OrganisationType | None = field(
        default=None,
        metadata=doc(
            "Kind of donor, where it is not a country: ``multilateral`` for the European Union or a "
            "pooled fund such as CERF, ``un-agency``, ``foundation``, ``private-sector``."
        ),
    )
    acronym: Text | None = field(default=None, metadata=doc('Its acronym, where given ("ECHO").'))
    note: Text | None = field(
        default=None, metadata=doc('What the sheet adds in brackets other than an acronym ("OCHA", "PRM").')
    )
    iati_id: IatiOrgId | None = field(
        default=None, metadata=doc('Its IATI organisation identifier, where known ("XM-DAC-918-3").')
    )


@frozen(field_transformer=constrained)
class Donors:
    """The donors block: who funded, in which year and for what."""

    scope: Text | None = field(
        default=None, metadata=doc('What the list covers, as printed ("unrestricted and regional funds").')
    )
    year: Year | None = field(default=None, metadata=doc("The year of the contributions."))
    currency: CurrencyCode | None = field(default=None, metadata=doc("ISO 4217 code of the amounts."))
    major: tuple[Donor, ...] = field(default=(), metadata=doc("Major donors, in printed order."))
    others: tuple[Donor, ...] = field(default=(), metadata=doc("Other donors, in printed order."))
    ordered_by_amount: bool = field(
        default=False, metadata=doc("Whether the list says the major donors are ordered by amount.")
    )
    and_others: Text | None = field(default=None, metadata=doc(_AND_OTHERS_DOC))
    as_of: PartialDate | None = field(default=None, metadata=doc(_AS_OF_DOC))


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
    url: WebAddress = field(
        metadata=doc("The address as printed: an absolute URL, or without its scheme (``www.unhcr.org``).")
    )

    @property
    def href(self) -> str:
        """The address to follow: as printed, with ``https://`` where no scheme was printed."""
        return self.url if "://" in self.url else f"https://{self.url}"


@frozen(field_transformer=constrained)
class Footnote:
    """A footnote and its marker."""

    marker: Marker = field(metadata=doc('The marker as printed ("*").'))
    text: Paragraph = field(metadata=doc("The footnote text; it may hold line breaks."))


@frozen(field_transformer=constrained)
class Acceptance:
    """A consistency finding the authors have reviewed and accept, with why."""

    code: RuleCode = field(metadata=doc('Rule code ("OPS201") or prefix ("OPS2").'))
    reason: Text = field(metadata=doc("Why the finding is accepted."))
    path: Text | None = field(
        default=None, metadata=doc("JSON path the acceptance is limited to; all paths when absent.")
    )


@frozen(field_transformer=constrained, repr=False)
class Factsheet:
    """A country operations factsheet."""

    __opsfacts_any_of__: ClassVar[tuple[tuple[str, ...], ...]] = (("period", "date"),)

    publisher: Organisation = field(metadata=doc("Who publishes the factsheet."))
    operation: Operation = field(metadata=doc("The operation it describes."))
    title: Text = field(metadata=doc("The title as printed."))
    format_version: str = field(
        default=FORMAT_VERSION, metadata=doc("Version of the factsheet format.", const=FORMAT_VERSION)
    )
    schema: Text | None = field(
        default=None, metadata=doc("URI of the JSON Schema the document claims to follow.", key="$schema")
    )
    period: Period | None = field(
        default=None, metadata=doc("The reporting period, where the sheet reports on one.")
    )
    date: PartialDate | None = field(
        default=None,
        metadata=doc('The date the sheet is dated by, where it gives one ("as of 15 March 2019").'),
    )
    kind: DocumentKind | None = field(
        default=None, metadata=doc("What kind of document it is (factsheet, operational update...).")
    )
    language: Language | None = field(
        default=None, metadata=doc('The language it is written in, as a BCP 47 tag ("en", "fr").')
    )
    published: PartialDate | None = field(default=None, metadata=doc("Publication date."))
    highlights: tuple[Text, ...] = field(default=(), metadata=doc("Key messages, in order."))
    key_figures: tuple[KeyFigure, ...] = field(
        default=(), metadata=doc("The indicator boxes, in printed order.")
    )
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
                f"format_version must be {FORMAT_VERSION!r}; this model describes that version only, "
                f"not {self.format_version!r} (load older documents with opsfacts.load, which migrates them)"
            )
        check_any_of(self)

    def __repr__(self) -> str:
        # The whole document would be thousands of characters on one line: a summary reads better.
        parts = [f"title={self.title!r}", f"operation={self.operation.name!r}"]
        period = self.reference_period
        parts.append(f"period={period.start}..{period.end or period.start}")
        counts = [
            ("key figure", len(self.key_figures)),
            ("section", len(self.sections)),
            ("population group", len(self.populations.groups) if self.populations else 0),
            ("partner", len(self.partners.partners) if self.partners else 0),
            ("sector", len(self.activities)),
            ("donor", len(self.donors.major) + len(self.donors.others) if self.donors else 0),
            ("contact", len(self.contacts)),
        ]
        parts += [f"{n} {what}{'' if n == 1 else 's'}" for what, n in counts if n]
        if self.funding is not None:
            parts.append("funding")
        return f"<Factsheet {', '.join(parts)}>"

    @property
    def reference_period(self) -> Period:
        """The period the sheet reports on: its period, or the day, month or year it is dated by."""
        if self.period is not None:
            return self.period
        assert self.date is not None  # __attrs_post_init__ requires one of them
        return Period(start=self.date)
