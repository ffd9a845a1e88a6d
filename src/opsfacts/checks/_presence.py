"""Presence rules (OPS3xx): staff and office counts agree with what is listed.

A count printed as a placeholder, or not printed, is not stated: it never makes a sum
disagree. Where some parts of a sum are not stated, the sum of those that are is a
lower bound, and only a stated total below it is reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from ..model._classes import Factsheet, OfficeGroup, StaffGroup
from ._findings import Issue, Severity
from ._precision import Interval, format_quantity, quantity_interval
from ._registry import rule

__all__: list[str] = []


def _staff_interval(group: StaffGroup) -> Interval | None:
    """A category's staff: its count, or the sum of its parts when only they are printed."""
    if group.count is not None:
        return quantity_interval(group.count)
    parts = [quantity_interval(p.count) for p in group.parts]
    if not parts or any(p is None for p in parts):
        return None
    return _sum(p for p in parts if p is not None)


def _sum(intervals: Iterator[Interval] | Sequence[Interval]) -> Interval:
    total = Interval.exact(0)
    for interval in intervals:
        total = total + interval
    return total


def _compare(stated: Interval, known: list[Interval], complete: bool) -> Interval | None:
    """The computed interval when it contradicts ``stated``; a partial sum is a lower bound."""
    computed = _sum(known)
    if complete:
        return None if computed.overlaps(stated) else computed
    return None if computed.low <= stated.high else computed


def _show(interval: Interval) -> str:
    if interval.low == interval.high:
        return f"{interval.low:,f}"
    return f"at least {interval.low:,f}"


@rule("OPS301", Severity.ERROR, "Staff categories do not add up to the stated total")
def staff_total(factsheet: Factsheet) -> Iterator[Issue]:
    """The staff total printed must be the sum of the staff categories listed (a category
    printed only by its parts, "5 international and 27 national", counts as their sum).
    Qualified counts ("over 60") are compared as the range they allow; when a category's
    count is a placeholder or not printed, the others must not exceed the total.

    Example::

        "presence": {"stated_staff_total": 90, "staff": [
            {"category": "national", "label": "National Staff", "count": 68},
            {"category": "international", "label": "International Staff", "count": 19}]}
    """
    presence = factsheet.presence
    if presence is None or not presence.staff:
        return
    stated = quantity_interval(presence.stated_staff_total)
    if stated is None:
        return
    found = [_staff_interval(s) for s in presence.staff]
    known = [i for i in found if i is not None]
    computed = _compare(stated, known, len(known) == len(found))
    if computed is not None:
        unknown = len(found) - len(known)
        note = f" ({unknown} without a printed count)" if unknown else ""
        yield Issue(
            ("presence", "stated_staff_total"),
            f"the staff total is printed as {format_quantity(presence.stated_staff_total)}, but the "
            f"{len(presence.staff)} staff categories{note} add up to {_show(computed)}",
            {
                "stated": presence.stated_staff_total and presence.stated_staff_total.value,
                "computed": computed.low,
            },
        )


@rule("OPS302", Severity.ERROR, "Office count does not match the places listed")
def office_locations(factsheet: Factsheet) -> Iterator[Issue]:
    """ "2 Field Offices in Mopti and Timbuktu" lists one place per office; a count that
    differs from the number of places listed means an office or a place is missing. An
    office group printed without a count, or without places, is not checked.

    Example::

        {"type": "field-office", "label": "Field Offices", "count": 3,
         "locations": ["Mopti", "Timbuktu"]}
    """
    if factsheet.presence is None:
        return
    for index, office in enumerate(factsheet.presence.offices):
        if office.count is not None and office.locations and len(office.locations) != office.count:
            yield Issue(
                ("presence", "offices", index, "count"),
                f"{office.count} {office.label} are printed, but {len(office.locations)} places are "
                f"listed ({', '.join(office.locations)})",
                {"stated": office.count, "computed": len(office.locations)},
            )


def _offices(office: OfficeGroup) -> int:
    """The offices of a group: its count, or one per place listed when no count is printed."""
    return office.count if office.count is not None else len(office.locations)


@rule("OPS303", Severity.ERROR, "Offices do not add up to the stated office total")
def office_total(factsheet: Factsheet) -> Iterator[Issue]:
    """The office total printed must be the sum of the offices listed by type (an office
    group printed without a count has one office per place listed). Offices printed only
    as a total are not checked.

    Example::

        "presence": {"stated_office_total": 4, "offices": [
            {"type": "country-office", "label": "Country Office", "count": 1},
            {"type": "field-office", "label": "Field Offices", "count": 2}]}
    """
    presence = factsheet.presence
    if presence is None or not presence.offices:
        return
    stated = quantity_interval(presence.stated_office_total)
    if stated is None:
        return
    computed = sum(_offices(o) for o in presence.offices)
    if not stated.contains(Decimal(computed)):
        yield Issue(
            ("presence", "stated_office_total"),
            f"the office total is printed as {format_quantity(presence.stated_office_total)}, but the "
            f"offices listed add up to {computed:,}",
            {
                "stated": presence.stated_office_total and presence.stated_office_total.value,
                "computed": computed,
            },
        )


@rule("OPS304", Severity.ERROR, "Parts of a staff category do not add up to it")
def staff_parts(factsheet: Factsheet) -> Iterator[Issue]:
    """ "32 affiliate workforce, 5 international and 27 national": the parts printed for
    a staff category must add up to the category's count. Placeholders and unprinted
    counts are not compared.

    Example::

        {"category": "affiliate", "label": "Affiliate workforce", "count": 32, "parts": [
            {"category": "international", "label": "international", "count": 5},
            {"category": "national", "label": "national", "count": 26}]}
    """
    if factsheet.presence is None:
        return
    for index, group in enumerate(factsheet.presence.staff):
        stated = quantity_interval(group.count)
        if stated is None or not group.parts:
            continue
        found = [quantity_interval(p.count) for p in group.parts]
        known = [i for i in found if i is not None]
        computed = _compare(stated, known, len(known) == len(found))
        if computed is not None:
            yield Issue(
                ("presence", "staff", index, "parts"),
                f"{group.label} are printed as {format_quantity(group.count)}, but its "
                f"{len(group.parts)} parts add up to {_show(computed)}",
                {"stated": group.count and group.count.value, "computed": computed.low},
            )
