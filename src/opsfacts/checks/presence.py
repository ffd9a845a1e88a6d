"""Presence rules (OPS3xx): staff and office counts agree with what is listed."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Factsheet
from .findings import Issue, Severity
from .registry import rule

__all__: list[str] = []


@rule("OPS301", Severity.ERROR, "Staff categories do not add up to the stated total")
def staff_total(factsheet: Factsheet) -> Iterator[Issue]:
    """The staff total printed must be the sum of the staff categories listed.

    Example::

        "presence": {"stated_staff_total": 90, "staff": [
            {"category": "national", "label": "National Staff", "count": 68},
            {"category": "international", "label": "International Staff", "count": 19}]}
    """
    presence = factsheet.presence
    if presence is None or presence.stated_staff_total is None or not presence.staff:
        return
    computed = sum(s.count for s in presence.staff)
    if computed != presence.stated_staff_total:
        yield Issue(
            ("presence", "stated_staff_total"),
            f"the staff total is printed as {presence.stated_staff_total:,}, but the "
            f"{len(presence.staff)} staff categories add up to {computed:,}",
            {"stated": presence.stated_staff_total, "computed": computed},
        )


@rule("OPS302", Severity.ERROR, "Office count does not match the places listed")
def office_locations(factsheet: Factsheet) -> Iterator[Issue]:
    """ "2 Field Offices in Mopti and Timbuktu" lists one place per office; a count that
    differs from the number of places listed means an office or a place is missing.

    Example::

        {"type": "field-office", "label": "Field Offices", "count": 3,
         "locations": ["Mopti", "Timbuktu"]}
    """
    if factsheet.presence is None:
        return
    for index, office in enumerate(factsheet.presence.offices):
        if office.locations and len(office.locations) != office.count:
            yield Issue(
                ("presence", "offices", index, "count"),
                f"{office.count} {office.label} are printed, but {len(office.locations)} places are "
                f"listed ({', '.join(office.locations)})",
                {"stated": office.count, "computed": len(office.locations)},
            )


@rule("OPS303", Severity.ERROR, "Offices do not add up to the stated office total")
def office_total(factsheet: Factsheet) -> Iterator[Issue]:
    """The office total printed must be the sum of the offices listed by type.

    Example::

        "presence": {"stated_office_total": 4, "offices": [
            {"type": "country-office", "label": "Country Office", "count": 1},
            {"type": "field-office", "label": "Field Offices", "count": 2}]}
    """
    presence = factsheet.presence
    if presence is None or presence.stated_office_total is None or not presence.offices:
        return
    computed = sum(o.count for o in presence.offices)
    if computed != presence.stated_office_total:
        yield Issue(
            ("presence", "stated_office_total"),
            f"the office total is printed as {presence.stated_office_total:,}, but the offices "
            f"listed add up to {computed:,}",
            {"stated": presence.stated_office_total, "computed": computed},
        )
