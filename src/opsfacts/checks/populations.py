"""Population rules (OPS2xx): totals, breakdowns, duplicates and origins agree.

People are summed with people and households with households. A count printed as a
placeholder, or not printed (a group given only in households), is not stated: it
never makes a sum disagree. Where some parts of a sum are not stated, the parts that
are give a lower bound, and only a whole smaller than that bound is reported. Qualified
counts ("over 6,500", "about 52,000") are compared as the ranges they allow.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from ..codes import BreakdownAxis, OperationScope, PopulationType, Residence
from ..constraints import UNKNOWN_ORIGIN
from ..model import Factsheet, PopulationGroup, Populations, PopulationTotal, Quantity
from ._names import name_key
from .findings import Issue, Severity
from .precision import Interval, format_quantity, percentage_interval, quantity_interval
from .registry import rule

__all__: list[str] = []

# Types whose people are, by definition, nationals of the country they are counted in.
_NATIONALS = frozenset({PopulationType.IDP, PopulationType.IOC, PopulationType.RDP, PopulationType.RET})
# Types whose people have, by definition, left their country of origin.
_FOREIGNERS = frozenset({PopulationType.REF, PopulationType.ROC, PopulationType.ASY, PopulationType.OIP})
_HUNDRED = Interval.exact(100)


def _groups(factsheet: Factsheet) -> Sequence[PopulationGroup]:
    return () if factsheet.populations is None else factsheet.populations.groups


def _types(group: PopulationGroup) -> str:
    return "+".join(t.value for t in group.types) if group.types else "type not printed"


def _describe(group: PopulationGroup) -> str:
    where = f" in {group.place}" if group.place is not None else ""
    count = format_quantity(group.count) if group.count is not None else "no count printed"
    return f"{group.label!r} ({_types(group)}{where}, {count})"


def _number(value: Decimal) -> int | Decimal:
    """A whole Decimal as an int, for finding values."""
    return int(value) if value.is_finite() and value == value.to_integral_value() else value


def _show(interval: Interval) -> str:
    if interval.low == interval.high:
        return f"{_number(interval.low):,}"
    return f"at least {_number(interval.low):,}"


def _sum(intervals: Iterable[Interval]) -> Interval:
    total = Interval.exact(0)
    for interval in intervals:
        total = total + interval
    return total


def _disagrees(parts: Sequence[Interval | None], whole: Interval, at_most: bool) -> Interval | None:
    """The sum of the stated parts when it contradicts the whole, else None.

    The relation is "equal" (within what the qualifiers and printed precision allow),
    or "no more than" when ``at_most`` or when some part is not stated.
    """
    known = [p for p in parts if p is not None]
    if not known:
        return None
    computed = _sum(known)
    if at_most or len(known) < len(parts):
        return computed if computed.low > whole.high else None
    return None if computed.overlaps(whole) else computed


def _hosted(populations: Populations) -> list[tuple[int, PopulationGroup]]:
    hosted = {id(g) for g in populations.hosted}
    return [(i, g) for i, g in enumerate(populations.groups) if id(g) in hosted]


def _scope(populations: Populations, total: PopulationTotal) -> tuple[list[tuple[int, PopulationGroup]], str]:
    """The groups a total adds up, and how to name them.

    One total adds up every group living in the operation's area (host communities and
    groups abroad left out). Of several totals (government figures beside UNHCR's), one
    with a source adds up the groups of that source, where some group names it;
    otherwise it is compared with every group, and the message says so.
    """
    hosted = _hosted(populations)
    if len(populations.totals) > 1 and total.source is not None:
        source = name_key(total.source)
        own = [(i, g) for i, g in hosted if name_key(g.source or populations.source or "") == source]
        if own:
            return own, f"groups counted by {total.source}"
        return hosted, f"groups living in the operation's area (no group is attributed to {total.source})"
    return hosted, "groups living in the operation's area"


def _total_name(populations: Populations, index: int, total: PopulationTotal) -> str:
    if len(populations.totals) == 1:
        return "the total"
    name = total.label or f"total {index + 1}"
    return f"the total {name!r}" + (f" ({total.source})" if total.source else "")


def _people(quantity: Quantity | None) -> Interval | None:
    return quantity_interval(quantity)


@rule("OPS201", Severity.ERROR, "Stated population total is not the sum of the groups")
def total_mismatch(factsheet: Factsheet) -> Iterator[Issue]:
    """The total of people of concern must be the sum of the groups living in the
    operation's area. Groups living abroad (``"residence": "abroad"``, such as the
    country's own refugees in neighbouring countries) and host communities are not part
    of it. Households are compared with households. Where a group's count is not printed
    (only households, or a placeholder), the other groups must not exceed the total.

    Several totals from different sources (government figures, UNHCR registration) are
    not one total: each is compared with the groups of its own source where some group
    names that source, otherwise with all groups, and the finding says which.

    Example::

        "populations": {"totals": [{"count": 1000}], "groups": [
            {"types": ["REF"], "label": "Refugees", "count": 600},
            {"types": ["ASY"], "label": "Asylum seekers", "count": 300}]}
    """
    populations = factsheet.populations
    if populations is None:
        return
    abroad = sum(1 for g in populations.groups if g.residence is Residence.ABROAD)
    for index, total in enumerate(populations.totals):
        scope, named = _scope(populations, total)
        note = f", leaving out {abroad} group(s) living abroad" if abroad and len(scope) > 0 else ""
        for field, what in (("count", "people"), ("households", "households")):
            stated = _people(getattr(total, field))
            if stated is None:
                continue
            found = [_people(getattr(g, field)) for _, g in scope]
            if field == "households" and all(f is None for f in found):
                continue
            computed = _disagrees(found, stated, at_most=False)
            if computed is None:
                continue
            unknown = sum(1 for f in found if f is None)
            missing = f" ({unknown} without {what} printed)" if unknown else ""
            prefix = _total_name(populations, index, total)
            printed = format_quantity(getattr(total, field))
            label = "" if field == "count" else " households"
            yield Issue(
                ("populations", "totals", index, field),
                f"{prefix} is printed as {printed}{label}, but the {len(scope)} {named}{missing} "
                f"add up to {_show(computed)}{label}{note}",
                {"stated": getattr(total, field).value, "computed": _number(computed.low), "counts": what},
            )


def _breakdown(factsheet: Factsheet, key: str, axis: BreakdownAxis) -> Iterator[Issue]:
    for index, group in enumerate(_groups(factsheet)):
        parts = getattr(group, key)
        if not parts:
            continue
        partial = axis in group.partial
        whole = _people(group.count)
        path = ("populations", "groups", index, key)
        if whole is not None:
            computed = _disagrees([_people(p.count) for p in parts], whole, at_most=partial)
            if computed is not None:
                relation = "more than" if partial or computed.low > whole.high else "not"
                kind = "partial breakdown" if partial else "breakdown"
                yield Issue(
                    path,
                    f"the {kind} of {_describe(group)} by {axis.value} adds up to {_show(computed)}, "
                    f"{relation} {format_quantity(group.count)}",
                    {"stated": group.people, "computed": _number(computed.low)},
                )
                continue
        percents = [percentage_interval(p.percent) for p in parts]
        computed = _disagrees(percents, _HUNDRED, at_most=partial)
        if computed is not None:
            yield Issue(
                path,
                f"the percentages of the breakdown of {_describe(group)} by {axis.value} add up to "
                f"{_number(computed.middle)}%, {'more than' if partial else 'not'} 100%",
                {"stated": 100, "computed": computed.middle},
            )


@rule("OPS202", Severity.ERROR, "Breakdown by origin does not add up to its group")
def origin_breakdown(factsheet: Factsheet) -> Iterator[Issue]:
    """A group's breakdown by country of origin must add up to the group's count (people,
    not households); printed as percentages, to 100 within printed precision. A
    breakdown printed for part of the group only (``"partial": ["origin"]``) must add up
    to no more than the group (or 100%).

    Example::

        {"types": ["REF"], "label": "Refugees", "count": 100,
         "by_origin": [{"origin": "MRT", "count": 60}, {"origin": "BFA", "count": 30}]}
    """
    yield from _breakdown(factsheet, "by_origin", BreakdownAxis.ORIGIN)


@rule("OPS203", Severity.ERROR, "Breakdown by sex does not add up to its group")
def sex_breakdown(factsheet: Factsheet) -> Iterator[Issue]:
    """A group's breakdown by sex must add up to the group's count; printed as
    percentages ("52% women"), to 100 within printed precision. A partial breakdown
    (``"partial": ["sex"]``) must add up to no more than the group.

    Example::

        {"types": ["IDP"], "label": "IDPs", "count": 100,
         "by_sex": [{"sex": "f", "count": 52}, {"sex": "m", "count": 47}]}
    """
    yield from _breakdown(factsheet, "by_sex", BreakdownAxis.SEX)


@rule("OPS204", Severity.ERROR, "Breakdown by age does not add up to its group")
def age_breakdown(factsheet: Factsheet) -> Iterator[Issue]:
    """A group's breakdown by age band must add up to the group's count; printed as
    percentages, to 100 within printed precision. A breakdown that covers only part of
    the group ("of whom 3,200 children", ``"partial": ["age"]``) must add up to no more
    than the group.

    Example::

        {"types": ["REF"], "label": "Refugees", "count": 100,
         "by_age": [{"min_age": 0, "max_age": 17, "count": 55}, {"min_age": 18, "count": 40}]}
    """
    yield from _breakdown(factsheet, "by_age", BreakdownAxis.AGE)


def _duplicate_key(group: PopulationGroup) -> tuple[object, ...]:
    return (
        tuple(sorted(group.types)),
        group.origin,
        group.residence,
        None if group.place is None else name_key(group.place),
        group.setting,
        "people" if group.count is not None else "households",
    )


@rule("OPS205", Severity.ERROR, "Population group listed twice")
def duplicate_group(factsheet: Factsheet) -> Iterator[Issue]:
    """Two groups of the same types, origin, residence, place and setting count the same
    people twice (or one of them is mislabelled). Groups of one type in different places
    ("IDPs" in two regions) or settings (camp and urban refugees) are not duplicates, nor
    is a group counted in households beside one counted in people.

    Example::

        "groups": [{"types": ["IDP"], "label": "IDPs", "count": 51961, "origin": "MLI"},
                   {"types": ["IDP"], "label": "Displaced", "count": 4000, "origin": "MLI"}]
    """
    seen: dict[tuple[object, ...], int] = {}
    groups = _groups(factsheet)
    for index, group in enumerate(groups):
        key = _duplicate_key(group)
        if key in seen:
            first = groups[seen[key]]
            yield Issue(
                ("populations", "groups", index),
                f"{_describe(group)} has the same type, origin ({group.origin or 'not stated'}), "
                f"residence, place ({group.place or 'not stated'}) and setting "
                f"({group.setting.value if group.setting else 'not stated'}) as {_describe(first)} "
                f"at groups[{seen[key]}]",
                {
                    "types": list(group.types),
                    "origin": group.origin,
                    "residence": group.residence,
                    "place": group.place,
                    "setting": group.setting,
                    "first": seen[key],
                },
            )
        else:
            seen[key] = index


def _origin_problem(group: PopulationGroup, own: frozenset[str], single: bool) -> str | None:
    origin = group.origin
    types = set(group.types)
    what = _types(group)
    if group.residence is Residence.ABROAD:
        if types & (_NATIONALS | {PopulationType.HST}):
            return f"{what} people live in the operation's country, yet the group is marked abroad"
        if origin is not None and origin != UNKNOWN_ORIGIN and origin not in own:
            return (
                f"a group living abroad counts the operation's own nationals, yet its origin is {origin}, "
                f"not {'/'.join(sorted(own))}"
            )
        return None
    nationals = bool(types) and types <= _NATIONALS
    foreigners = bool(types) and types <= _FOREIGNERS
    if nationals and origin is not None and origin != UNKNOWN_ORIGIN and origin not in own:
        return (
            f"{what} people are nationals of the country they are counted in "
            f"({'/'.join(sorted(own))}), yet the origin is {origin}"
        )
    if single and foreigners and origin in own:
        return (
            f"{what} people have left their own country, yet this group lives in "
            f'{origin} and comes from it; nationals abroad are marked "residence": "abroad"'
        )
    return None


@rule("OPS206", Severity.ERROR, "Origin or residence does not fit the population type")
def origin_type_mismatch(factsheet: Factsheet) -> Iterator[Issue]:
    """Some population types fix the origin: IDPs, IDP returnees (RDP) and returned refugees
    (RET) are nationals of the country they are counted in; refugees and asylum seekers
    living in the country cannot come from it; a group living abroad is the country's own
    nationals. A combined group ("IDPs and returnees") is checked when all its types
    agree; a group without a printed type is not checked.

    Example::

        "operation": {"name": "Mali", "countries": ["MLI"]},
        "populations": {"groups": [{"types": ["RET"], "label": "Returnees", "count": 60094,
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
                {"types": list(group.types), "origin": group.origin, "residence": group.residence},
            )


@rule("OPS207", Severity.ERROR, "A group is larger than the stated total")
def group_above_total(factsheet: Factsheet) -> Iterator[Issue]:
    """No group living in the operation's area can be larger than a total of people of
    concern it is part of (of several totals, those of its own source: see OPS201).

    Example::

        "populations": {"totals": [{"count": 50000}], "groups": [
            {"types": ["RDP"], "label": "IDP returnees", "count": 498170}]}
    """
    populations = factsheet.populations
    if populations is None:
        return
    reported: set[int] = set()
    for total in populations.totals:
        stated = _people(total.count)
        if stated is None:
            continue
        for index, group in _scope(populations, total)[0]:
            people = _people(group.count)
            if index in reported or people is None or people.low <= stated.high:
                continue
            reported.add(index)
            yield Issue(
                ("populations", "groups", index, "count"),
                f"{_describe(group)} is larger than the stated total of {format_quantity(total.count)}",
                {"count": group.people, "stated_total": total.count.value},
            )
