"""Date rules (OPS9xx): as-of dates within the reporting period, none after publication."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ..model import Factsheet
from .findings import Issue, Severity
from .registry import rule
from .walk import Path, index

__all__: list[str] = []

# The funding as-of date is checked against the period end and publication by OPS107.
_FUNDING_AS_OF = ("funding", "as_of")


def _as_of_dates(factsheet: Factsheet) -> Iterator[tuple[Path, datetime.date]]:
    for parts, value in index(factsheet).field("as_of"):
        if isinstance(value, datetime.date):
            yield parts, value


@rule("OPS901", Severity.ERROR, "Figures dated after the reporting period")
def as_of_after_period(factsheet: Factsheet) -> Iterator[Issue]:
    """A factsheet reports on its period; a figure as of a later day belongs to a later
    edition, or the date is mistyped. (Funding dates: OPS107.)

    Example::

        "period": {"start": "2017-06-01", "end": "2017-06-30"},
        "populations": {"as_of": "2017-07-31", "groups": []}
    """
    end = factsheet.period.end
    for parts, day in _as_of_dates(factsheet):
        if parts != _FUNDING_AS_OF and day > end:
            yield Issue(
                parts,
                f"the figures are as of {day.isoformat()}, after the reporting period ends "
                f"({end.isoformat()})",
                {"as_of": day, "period_end": end},
            )


@rule("OPS902", Severity.WARNING, "Figures dated before the reporting period")
def as_of_before_period(factsheet: Factsheet) -> Iterator[Issue]:
    """Figures as of a day before the period starts are older than the factsheet says
    they are; say so, or update them.

    Example::

        "period": {"start": "2017-06-01", "end": "2017-06-30"},
        "funding": {"currency": "USD", "as_of": "2017-03-31"}
    """
    start = factsheet.period.start
    for parts, day in _as_of_dates(factsheet):
        if day < start:
            yield Issue(
                parts,
                f"the figures are as of {day.isoformat()}, before the reporting period starts "
                f"({start.isoformat()})",
                {"as_of": day, "period_start": start},
            )


@rule("OPS903", Severity.ERROR, "Figures dated after publication")
def as_of_after_publication(factsheet: Factsheet) -> Iterator[Issue]:
    """No figure can be as of a day after the factsheet was published. (Funding dates:
    OPS107.)

    Example::

        "published": "2017-07-05",
        "populations": {"as_of": "2017-07-31", "groups": []}
    """
    published = factsheet.published
    if published is None:
        return
    for parts, day in _as_of_dates(factsheet):
        if parts != _FUNDING_AS_OF and day > published:
            yield Issue(
                parts,
                f"the figures are as of {day.isoformat()}, after the factsheet was published "
                f"({published.isoformat()})",
                {"as_of": day, "published": published},
            )


@rule("OPS904", Severity.ERROR, "Published before the reporting period starts")
def published_before_period(factsheet: Factsheet) -> Iterator[Issue]:
    """A factsheet cannot be published before the period it reports on has begun.

    Example::

        "period": {"start": "2017-06-01", "end": "2017-06-30"},
        "published": "2017-05-15"
    """
    published = factsheet.published
    if published is not None and published < factsheet.period.start:
        yield Issue(
            ("published",),
            f"the factsheet is dated {published.isoformat()}, before its reporting period starts "
            f"({factsheet.period.start.isoformat()})",
            {"published": published, "period_start": factsheet.period.start},
        )
