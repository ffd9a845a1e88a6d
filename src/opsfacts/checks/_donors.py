"""Donor rules (OPS5xx): no donor twice, order as claimed, year fits the factsheet."""

from __future__ import annotations

from collections.abc import Iterator

from ..model._classes import Factsheet
from ._findings import Issue, Severity
from ._number_words import name_key
from ._precision import figure_interval, format_figure
from ._registry import rule

__all__: list[str] = []


@rule("OPS501", Severity.ERROR, "Donor listed twice")
def duplicate_donor(factsheet: Factsheet) -> Iterator[Issue]:
    """A donor appears once across the major and other donors. A country's government
    and its private donors are different donors (``"private": true``).

    Example::

        "donors": {"scope": "unrestricted funds",
                   "major": [{"name": "Sweden", "amount": {"value": "76", "scale": "million"}}],
                   "others": [{"name": "Sweden"}]}
    """
    donors = factsheet.donors
    if donors is None:
        return
    seen: dict[tuple[str, bool], tuple[str, int]] = {}
    for where in ("major", "others"):
        for index, donor in enumerate(getattr(donors, where)):
            key = (name_key(donor.name), donor.private)
            if key in seen:
                first = seen[key]
                kind = "private donors " if donor.private else ""
                yield Issue(
                    ("donors", where, index),
                    f"the {kind}donor {donor.name!r} is already listed at {first[0]}[{first[1]}]",
                    {"name": donor.name, "private": donor.private, "first": f"{first[0]}[{first[1]}]"},
                )
            else:
                seen[key] = (where, index)


@rule("OPS502", Severity.ERROR, "Major donors are not in the claimed order")
def donor_order(factsheet: Factsheet) -> Iterator[Issue]:
    """Where the list says the major donors are ordered by amount, each donor's amount
    must not exceed the previous one's, within printed precision.

    Example::

        "donors": {"scope": "unrestricted funds", "ordered_by_amount": true, "major": [
            {"name": "Sweden", "amount": {"value": "76", "scale": "million"}},
            {"name": "United States of America", "amount": {"value": "95", "scale": "million"}}]}
    """
    donors = factsheet.donors
    if donors is None or not donors.ordered_by_amount:
        return
    previous = None
    for index, donor in enumerate(donors.major):
        if donor.amount is None or donor.amount.value is None:
            continue
        if (
            previous is not None
            and previous[1].amount is not None
            and previous[1].amount.value is not None
            and figure_interval(donor.amount).low > figure_interval(previous[1].amount).high
        ):
            yield Issue(
                ("donors", "major", index),
                f"{donor.name} ({format_figure(donor.amount)}) comes after {previous[1].name} "
                f"({format_figure(previous[1].amount)}) in a list ordered by amount",
                {
                    "amount": donor.amount.amount,
                    "previous": previous[1].amount.amount,
                    "previous_index": previous[0],
                },
            )
        previous = (index, donor)


@rule("OPS503", Severity.WARNING, "Donor year does not match the factsheet's period")
def donor_year(factsheet: Factsheet) -> Iterator[Issue]:
    """Donors are thanked for contributions in a year; on a factsheet that year is one of
    the reporting period's years. Another year is usually a list copied from an older
    factsheet.

    Example::

        "period": {"start": "2017-06-01", "end": "2017-06-30"},
        "donors": {"scope": "unrestricted funds", "year": 2016}
    """
    donors = factsheet.donors
    if donors is None or donors.year is None:
        return
    period = factsheet.reference_period
    first, last = period.first_day.year, period.last_day.year
    if not first <= donors.year <= last:
        span = str(first) if first == last else f"{first}-{last}"
        yield Issue(
            ("donors", "year"),
            f"the donors are thanked for {donors.year}, but the factsheet reports on {span}",
            {"year": donors.year, "period": span},
        )
