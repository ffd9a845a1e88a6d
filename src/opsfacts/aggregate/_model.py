"""The roll-up's records: what it counted, per operation and edition, and what it left out and why.

The records hold plain values (codes, dates, whole numbers, decimals), never
factsheets, so a roll-up is small, compares by value and writes to JSON as is.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from attrs import frozen

from ..model import Code, OperationScope, PartialDate

__all__ = [
    "Edition",
    "Editions",
    "Exclusion",
    "ExclusionRule",
    "FundingLine",
    "FundingTotal",
    "OperationSummary",
    "OriginTotal",
    "PopulationLine",
    "Rollup",
    "TypeTotal",
]

Editions = Literal["latest", "all"]
"""Which editions of each operation a roll-up shows: the latest only, or all (a time series)."""


class ExclusionRule(Code):
    """Why something printed on a factsheet is not added to the roll-up's totals."""

    SUPERSEDED = (
        "superseded",
        "An older edition of an operation that has a newer one (or, for the same period, one published "
        "later): editions and overlapping periods of one operation are never summed; the latest wins.",
    )
    DUPLICATE = "duplicate", "The same document twice: it is counted once."
    SUBNATIONAL = (
        "subnational",
        "A sub-national sheet of a country that has a sheet of its own: shown as a part of it, not added.",
    )
    OVERLAPPING = (
        "overlapping",
        "A sheet covering countries another counted sheet already covers (a situation sheet beside "
        "country sheets): not added.",
    )
    ABROAD = (
        "abroad",
        "Nationals of the operation's country living abroad: the hosting operation counts them.",
    )
    HOST_COMMUNITY = "host-community", "A host community: not people of concern, never added."
    PART_OF_GROUP = (
        "part-of-group",
        'A group printed as part of another group ("of whom"): already counted in that group.',
    )
    BREAKDOWN = (
        "breakdown",
        "A breakdown of a group or staff category (by origin, sex, age, category, staff part): "
        "already counted in the whole.",
    )
    STATED_TOTAL = (
        "stated-total",
        "A total printed on the sheet: the groups (or staff categories, offices) are added instead, "
        "or another total of the same people is already used.",
    )
    NO_FIGURE = (
        "no-figure",
        "Printed without a number to add: a placeholder, households only, or a share only.",
    )
    INVALID = "invalid", "The file could not be read or is not a valid factsheet."


@frozen
class Exclusion:
    """One thing left out of the totals: in which file, what it is and why."""

    file: str
    """The document it is in, as named in the input (``#3`` for the fourth of a list of factsheets)."""
    operation_key: str
    """The key of the operation the document describes (empty for an unreadable file)."""
    period_start: PartialDate | None
    """The start of the document's reference period (None for an unreadable file)."""
    period_end: PartialDate | None
    """Its end, at the precision printed."""
    what: str
    """What is left out, in words (``group "Malian refugees"``, ``the whole sheet``)."""
    why: str
    """Why, in a sentence naming what counts instead."""
    rule: ExclusionRule
    """The rule that leaves it out."""
    people: int | None = None
    """How many people it holds, where it is a number of people."""


@frozen
class PopulationLine:
    """People of one population type and origin in one edition, as added to the totals."""

    population_type: str
    """UNHCR type codes, ``; ``-separated for a combined group (``REF; ASY``); empty where not stated."""
    origin: str | None
    """Country of origin code, ``mixed`` or ``unknown``; None where not stated."""
    people: int
    """The number of people."""
    approximate: bool
    """Whether some count in it was printed as approximate, at least or at most."""


@frozen
class FundingLine:
    """An edition's funding as stated, in full units."""

    currency: str
    """ISO 4217 code."""
    year: int | None
    """The year of the requirements, where stated."""
    requested: Decimal | None
    """The amount requested, where a number was printed."""
    funded: Decimal | None
    """The amount received, where a number was printed."""
    covers: str | None = None
    """What the requirements cover, where it differs from the operation."""


@frozen
class Edition:
    """One factsheet of one operation: its period and its figures, counted by the roll-up's rules."""

    file: str
    """The document, as named in the input."""
    operation_key: str
    """The operation's key (see :func:`operation_key`)."""
    period_start: PartialDate
    """The first day, month or year of the reference period."""
    period_end: PartialDate
    """The last day, month or year of the reference period."""
    title: str
    """The title as printed."""
    language: str | None
    """The sheet's language tag."""
    latest: bool
    """Whether it is the operation's latest edition (the one its totals come from)."""
    counted: bool
    """Whether its figures are in the roll-up's totals (latest, and not a part of another sheet)."""
    populations: tuple[PopulationLine, ...]
    """People by type and origin, each group counted once (see the exclusions for what is not)."""
    staff: int | None
    """Staff: the categories added, else the stated total; None where none is printed."""
    offices: int | None
    """Offices: the office groups added, else the stated total; None where none is printed."""
    partners: tuple[str, ...]
    """The partners' names, as printed."""
    funding: FundingLine | None
    """The funding block's figures, where there is one."""

    @property
    def people(self) -> int:
        """Every person counted in the edition."""
        return sum(line.people for line in self.populations)

    @property
    def approximate(self) -> bool:
        """Whether some count added was printed as approximate."""
        return any(line.approximate for line in self.populations)


@frozen
class OperationSummary:
    """An operation: what it covers, whether it is counted, and its editions shown (oldest first)."""

    key: str
    """``MLI`` for a country, ``MLI/Ménaka`` for an area in it, ``BFA+MLI+NER`` for a situation."""
    name: str
    """The operation's name as printed on its latest edition."""
    countries: tuple[str, ...]
    """The countries covered, main one first."""
    scope: OperationScope
    """Country, sub-national or multi-country."""
    area: str | None
    """The area, for a sub-national operation."""
    counted: bool
    """Whether its latest edition is added to the totals."""
    part_of: str | None
    """For an operation not counted because another sheet covers it: that operation's key."""
    editions: tuple[Edition, ...]
    """The editions shown: the latest only, or all of them with ``editions="all"``; oldest first."""

    @property
    def latest(self) -> Edition:
        """The latest edition."""
        return self.editions[-1]


@frozen
class TypeTotal:
    """People of one population type (or combination) across the counted operations."""

    population_type: str
    """As in :attr:`PopulationLine.population_type`."""
    people: int
    """The number of people."""
    approximate: bool
    """Whether some count added was printed as approximate."""


@frozen
class OriginTotal:
    """People of one origin across the counted operations."""

    origin: str | None
    """As in :attr:`PopulationLine.origin`."""
    people: int
    """The number of people."""
    approximate: bool
    """Whether some count added was printed as approximate."""


@frozen
class FundingTotal:
    """Funding of the counted operations in one currency for one requirement year; never mixed."""

    currency: str
    """ISO 4217 code."""
    year: int | None
    """The requirement year; None for the operations whose sheet states none."""
    requested: Decimal | None
    """The amounts requested, added (of the operations that printed one); None where none did."""
    funded: Decimal | None
    """The amounts received, added (of the operations that printed one); None where none did."""
    operations: tuple[str, ...]
    """The keys of the operations added, in key order."""

    @property
    def funded_percent(self) -> Decimal | None:
        """Funded as a percentage of requested; None unless both were printed and requested is not 0."""
        if not self.requested or self.funded is None:
            return None
        return self.funded * 100 / self.requested


@frozen
class Rollup:
    """Many factsheets rolled up: per operation, totals across them, and every exclusion with why."""

    editions: Editions
    """Which editions the operations show: ``latest`` or ``all``."""
    operations: tuple[OperationSummary, ...]
    """Every operation, in key order; counted or shown as a part."""
    by_type: tuple[TypeTotal, ...]
    """People by population type, largest first."""
    by_origin: tuple[OriginTotal, ...]
    """People by origin, largest first."""
    staff: int
    """Staff of the counted operations."""
    offices: int
    """Offices of the counted operations."""
    partners: int
    """Distinct partners of the counted operations (a partner of several counts once)."""
    funding: tuple[FundingTotal, ...]
    """Funding per currency and requirement year, never summed across them."""
    exclusions: tuple[Exclusion, ...]
    """What was left out of the totals, each with why, by file."""

    @property
    def people(self) -> int:
        """Every person counted."""
        return sum(t.people for t in self.by_type)

    @property
    def approximate(self) -> bool:
        """Whether some count added was printed as approximate."""
        return any(t.approximate for t in self.by_type)

    @property
    def counted(self) -> tuple[OperationSummary, ...]:
        """The operations added to the totals."""
        return tuple(o for o in self.operations if o.counted)

    @property
    def funding_mixed(self) -> bool:
        """Whether the funding is in several currencies or requirement years (so has no one total)."""
        return len(self.funding) > 1
