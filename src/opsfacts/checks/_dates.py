"""Date rules (OPS9xx): data cut-offs that are implausible for the reporting period.

A factsheet's figures are rarely all as of the last day of its period: funding is
usually as of the day the sheet is finalised, a few weeks after the period; staff and
population figures often come from the last registration or headcount, weeks or
months before. These rules flag only what cannot be a normal cut-off. The thresholds
were chosen from published UNHCR factsheets and operational updates (2014-2021): the
funding cut-off was at most about six to eight weeks after the period end (the
publication lag of a monthly or quarterly sheet), and population or staff figures
lagged the period start by up to a quarter, occasionally more when a census or
verification was older. The limits are set beyond those, so a finding is a date that
belongs to another edition or is mistyped.

Dates printed as a month or a year ("as of March 2019") are compared by the days they
may mean: a cut-off is late only if its *first* day is late, early only if its *last*
day is early, so a month that overlaps the limit is never flagged.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Final

from ..model._classes import Factsheet
from ..model._dates import PartialDate
from ._findings import Issue, Severity
from ._registry import rule
from ._walk import Path, index, will_ask

__all__ = [
    "AS_OF_LAG_DAYS",
    "AS_OF_LEAD_DAYS",
    "FUNDING_LAG_DAYS",
    "after_publication",
    "days_after_period",
    "days_before_period",
]

FUNDING_LAG_DAYS: Final = 56
"""Days after the period end a funding cut-off may be (OPS107): eight weeks, the usual
publication lag; funding is normally "as of" the day the sheet is finalised."""

AS_OF_LAG_DAYS: Final = 56
"""Days after the period end any other cut-off may be (OPS901): the same eight weeks; a
figure newer than the publication lag belongs to a later edition."""

AS_OF_LEAD_DAYS: Final = 183
"""Days before the period start a cut-off may be (OPS902): about six months. Staff and
population figures lag by a quarter or more (the last verification, the last headcount);
twice a quarter is beyond normal practice and worth a look."""

# The funding as-of date is checked against the period end and publication by OPS107.
_FUNDING_AS_OF = ("funding", "as_of")


def days_after_period(factsheet: Factsheet, day: PartialDate) -> int | None:
    """How many days the earliest day ``day`` may mean falls after the reporting period; None if not after."""
    late = (day.first_day - factsheet.reference_period.last_day).days
    return late if late > 0 else None


def days_before_period(factsheet: Factsheet, day: PartialDate) -> int | None:
    """How many days the latest day ``day`` may mean falls before the reporting period; None if not before."""
    early = (factsheet.reference_period.first_day - day.last_day).days
    return early if early > 0 else None


def after_publication(factsheet: Factsheet, day: PartialDate) -> PartialDate | None:
    """The publication date, when every day ``day`` may mean is after it; else None."""
    published = factsheet.published
    if published is not None and day.first_day > published.last_day:
        return published
    return None


will_ask(fields=("as_of",))


def _as_of_dates(factsheet: Factsheet) -> Iterator[tuple[Path, PartialDate]]:
    for parts, value in index(factsheet).field("as_of"):
        if isinstance(value, PartialDate):
            yield parts, value


def _end(factsheet: Factsheet) -> datetime.date:
    return factsheet.reference_period.last_day


@rule("OPS901", Severity.ERROR, "Figures dated long after the reporting period")
def as_of_after_period(factsheet: Factsheet) -> Iterator[Issue]:
    """A factsheet reports on its period (or the day it is dated by). A cut-off a few
    weeks after the period is normal (the sheet is finalised then); one more than
    ``AS_OF_LAG_DAYS`` days (eight weeks) after it belongs to a later edition, or
    the date is mistyped. (Funding dates: OPS107.)

    Example::

        "period": {"start": "2017-06-01", "end": "2017-06-30"},
        "populations": {"as_of": "2017-10-31", "groups": []}
    """
    end = _end(factsheet)
    for parts, day in _as_of_dates(factsheet):
        late = days_after_period(factsheet, day)
        if parts != _FUNDING_AS_OF and late is not None and late > AS_OF_LAG_DAYS:
            yield Issue(
                parts,
                f"the figures are as of {day}, {late} days after the reporting period ends "
                f"({end.isoformat()}); more than {AS_OF_LAG_DAYS} days is not a usual cut-off",
                {"as_of": day, "period_end": end},
            )


@rule("OPS902", Severity.WARNING, "Figures dated long before the reporting period")
def as_of_before_period(factsheet: Factsheet) -> Iterator[Issue]:
    """Staff and population figures often lag the period by a quarter or more, which is
    normal; figures more than ``AS_OF_LEAD_DAYS`` days (about six months) older than
    the period are older than the factsheet suggests: say so, or update them.

    Example::

        "period": {"start": "2017-06-01", "end": "2017-06-30"},
        "populations": {"as_of": "2016-10", "groups": []}
    """
    start = factsheet.reference_period.first_day
    for parts, day in _as_of_dates(factsheet):
        early = days_before_period(factsheet, day)
        if early is not None and early > AS_OF_LEAD_DAYS:
            yield Issue(
                parts,
                f"the figures are as of {day}, {early} days before the reporting period starts "
                f"({start.isoformat()}); more than {AS_OF_LEAD_DAYS} days is older than usual",
                {"as_of": day, "period_start": start},
            )


@rule("OPS903", Severity.ERROR, "Figures dated after publication")
def as_of_after_publication(factsheet: Factsheet) -> Iterator[Issue]:
    """No figure can be as of a day after the factsheet was published. A month or year
    is after publication only if its first day is. (Funding dates: OPS107.)

    Example::

        "published": "2017-07-05",
        "populations": {"as_of": "2017-07-31", "groups": []}
    """
    for parts, day in _as_of_dates(factsheet):
        published = after_publication(factsheet, day)
        if parts != _FUNDING_AS_OF and published is not None:
            yield Issue(
                parts,
                f"the figures are as of {day}, after the factsheet was published ({published})",
                {"as_of": day, "published": published},
            )


@rule("OPS904", Severity.ERROR, "Published before the reporting period starts")
def published_before_period(factsheet: Factsheet) -> Iterator[Issue]:
    """A factsheet cannot be published before the period it reports on has begun (for a
    sheet dated by a single day, before that day). A month or a year is early only if
    its last day is.

    Example::

        "period": {"start": "2017-06-01", "end": "2017-06-30"},
        "published": "2017-05-15"
    """
    published = factsheet.published
    if published is None:
        return
    start = factsheet.reference_period.first_day
    if published.last_day < start:
        yield Issue(
            ("published",),
            f"the factsheet is dated {published}, before its reporting period starts ({start.isoformat()})",
            {"published": published, "period_start": start},
        )
