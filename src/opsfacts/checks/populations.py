"""Population rules (OPS2xx): totals, breakdowns, duplicates and origins agree."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..codes import OperationScope, PopulationType, Residence
from ..constraints import UNKNOWN_ORIGIN
from ..model import Factsheet, PopulationGroup
from .findings import Issue, Severity
from .registry import rule

__all__: list[str] = []

# Types whose people are, by definition, nationals of the country they are counted in.
_NATIONALS = frozenset({PopulationType.IDP, PopulationType.IOC, PopulationType.RDP, PopulationType.RET})
# Types whose people have, by definition, left their country of origin.
_FOREIGNERS = frozenset({PopulationType.REF, PopulationType.ROC, PopulationType.ASY, PopulationType.OIP})


def _groups(factsheet: Factsheet) -> Sequence[PopulationGroup]:
    return () if factsheet.populations is None else factsheet.populations.groups


def _describe(group: PopulationGroup) -> str:
    return f"{group.label!r} ({group.type.value}, {group.count:,})"


@rule("OPS201", Severity.ERROR, "Stated population total is not the sum of the groups")
def total_mismatch(factsheet: Factsheet) -> Iterator[Issue]:
    """The total of people of concern must be the sum of the groups living in the
    operation's area. Groups living abroad (``"residence": "abroad"``, such as the
    country's own refugees in neighbouring countries) are not part of it.

    Example::

        "populations": {"stated_total": 1000, "groups": [
            {"type": "REF", "label": "Refugees", "count": 600},
            {"type": "ASY", "label": "Asylum seekers", "count": 300}]}
    """
    populations = factsheet.populations
    if populations is None or populations.stated_total is None:
        return
    hosted = [g for g in populations.groups if g.residence is Residence.HOSTED]
    computed = sum(g.count for g in hosted)
    if computed != populations.stated_total:
        abroad = len(populations.groups) - len(hosted)
        note = f", leaving out {abroad} group(s) living abroad" if abroad else ""
        yield Issue(
            ("populations", "stated_total"),
            f"the total is printed as {populations.stated_total:,}, but the {len(hosted)} groups "
            f"living in the operation's area add up to {computed:,}{note}",
            {"stated": populations.stated_total, "computed": computed},
        )


def _breakdown(factsheet: Factsheet, key: str, what: str) -> Iterator[Issue]:
    for index, group in enumerate(_groups(factsheet)):
        parts = getattr(group, key)
        if not parts:
            continue
        computed = sum(p.count for p in parts)
        if computed != group.count:
            yield Issue(
                ("populations", "groups", index, key),
                f"the breakdown of {_describe(group)} by {what} adds up to {computed:,}, not {group.count:,}",
                {"stated": group.count, "computed": computed},
            )


@rule("OPS202", Severity.ERROR, "Breakdown by origin does not add up to its group")
def origin_breakdown(factsheet: Factsheet) -> Iterator[Issue]:
    """A group's breakdown by country of origin must add up to the group's count.

    Example::

        {"type": "REF", "label": "Refugees", "count": 100,
         "by_origin": [{"origin": "MRT", "count": 60}, {"origin": "BFA", "count": 30}]}
    """
    yield from _breakdown(factsheet, "by_origin", "origin")


@rule("OPS203", Severity.ERROR, "Breakdown by sex does not add up to its group")
def sex_breakdown(factsheet: Factsheet) -> Iterator[Issue]:
    """A group's breakdown by sex must add up to the group's count.

    Example::

        {"type": "IDP", "label": "IDPs", "count": 100,
         "by_sex": [{"sex": "f", "count": 52}, {"sex": "m", "count": 47}]}
    """
    yield from _breakdown(factsheet, "by_sex", "sex")


@rule("OPS204", Severity.ERROR, "Breakdown by age does not add up to its group")
def age_breakdown(factsheet: Factsheet) -> Iterator[Issue]:
    """A group's breakdown by age band must add up to the group's count.

    Example::

        {"type": "REF", "label": "Refugees", "count": 100,
         "by_age": [{"min_age": 0, "max_age": 17, "count": 55}, {"min_age": 18, "count": 40}]}
    """
    yield from _breakdown(factsheet, "by_age", "age")


@rule("OPS205", Severity.ERROR, "Population group listed twice")
def duplicate_group(factsheet: Factsheet) -> Iterator[Issue]:
    """Two groups of the same type, origin and residence count the same people twice
    (or one of them is mislabelled).

    Example::

        "groups": [{"type": "IDP", "label": "IDPs", "count": 51961, "origin": "MLI"},
                   {"type": "IDP", "label": "Displaced", "count": 4000, "origin": "MLI"}]
    """
    seen: dict[tuple[object, ...], int] = {}
    for index, group in enumerate(_groups(factsheet)):
        key = (group.type, group.origin, group.residence)
        if key in seen:
            first = _groups(factsheet)[seen[key]]
            yield Issue(
                ("populations", "groups", index),
                f"{_describe(group)} has the same type, origin ({group.origin or 'not stated'}) and "
                f"residence as {_describe(first)} at groups[{seen[key]}]",
                {
                    "type": group.type,
                    "origin": group.origin,
                    "residence": group.residence,
                    "first": seen[key],
                },
            )
        else:
            seen[key] = index


def _origin_problem(group: PopulationGroup, own: frozenset[str], single: bool) -> str | None:
    origin = group.origin
    if group.residence is Residence.ABROAD:
        if group.type in _NATIONALS or group.type is PopulationType.HST:
            return (
                f"{group.type.value} people live in the operation's country, yet the group is marked abroad"
            )
        if origin is not None and origin != UNKNOWN_ORIGIN and origin not in own:
            return (
                f"a group living abroad counts the operation's own nationals, yet its origin is {origin}, "
                f"not {'/'.join(sorted(own))}"
            )
        return None
    if group.type in _NATIONALS and origin is not None and origin != UNKNOWN_ORIGIN and origin not in own:
        return (
            f"{group.type.value} people are nationals of the country they are counted in "
            f"({'/'.join(sorted(own))}), yet the origin is {origin}"
        )
    if single and group.type in _FOREIGNERS and origin in own:
        return (
            f"{group.type.value} people have left their own country, yet this group lives in "
            f'{origin} and comes from it; nationals abroad are marked "residence": "abroad"'
        )
    return None


@rule("OPS206", Severity.ERROR, "Origin or residence does not fit the population type")
def origin_type_mismatch(factsheet: Factsheet) -> Iterator[Issue]:
    """Some population types fix the origin: IDPs, IDP returnees (RDP) and returned refugees
    (RET) are nationals of the country they are counted in; refugees and asylum seekers
    living in the country cannot come from it; a group living abroad is the country's own
    nationals.

    Example::

        "operation": {"name": "Mali", "countries": ["MLI"]},
        "populations": {"groups": [{"type": "RET", "label": "Returnees", "count": 60094,
                                    "origin": "MRT"}]}
    """
    own = frozenset(factsheet.operation.countries)
    single = factsheet.operation.scope is not OperationScope.MULTI_COUNTRY
    for index, group in enumerate(_groups(factsheet)):
        problem = _origin_problem(group, own, single)
        if problem is not None:
            yield Issue(
                ("populations", "groups", index),
                f"{_describe(group)}: {problem}",
                {"type": group.type, "origin": group.origin, "residence": group.residence},
            )


@rule("OPS207", Severity.ERROR, "A group is larger than the stated total")
def group_above_total(factsheet: Factsheet) -> Iterator[Issue]:
    """No group living in the operation's area can be larger than the total of people
    of concern it is part of.

    Example::

        "populations": {"stated_total": 50000, "groups": [
            {"type": "RDP", "label": "IDP returnees", "count": 498170}]}
    """
    populations = factsheet.populations
    if populations is None or populations.stated_total is None:
        return
    for index, group in enumerate(populations.groups):
        if group.residence is Residence.HOSTED and group.count > populations.stated_total:
            yield Issue(
                ("populations", "groups", index, "count"),
                f"{_describe(group)} is larger than the stated total of {populations.stated_total:,}",
                {"count": group.count, "stated_total": populations.stated_total},
            )
