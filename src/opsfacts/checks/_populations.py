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

from ..model._classes import Factsheet, PopulationGroup, Populations, PopulationTotal, Quantity
from ..model._codes import BreakdownAxis, OperationScope, PopulationType, Residence
from ..model._constraints import UNKNOWN_ORIGIN
from ._findings import Issue, Severity
from ._number_words import name_key
from ._precision import Interval, format_quantity, percentage_interval, percentage_value, quantity_interval
from ._registry import rule
from ._walk import Path

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


def _source_key(populations: Populations, group: PopulationGroup) -> str:
    return name_key(group.source or populations.source or "")


def _scope(
    populations: Populations, total: PopulationTotal
) -> tuple[list[tuple[int, PopulationGroup]], set[int], str] | None:
    """The groups a total adds up, those whose part in it is uncertain, and how to name them.

    One total adds up every group living in the operation's area (host communities,
    groups abroad and groups printed as part of another left out). A total that covers
    only some population types (``types``: an IDP total beside a refugee line) adds up
    the groups of those types; a group printed without a type may or may not be in it,
    so it is uncertain (its count is taken as not stated). Of several totals (government
    figures beside UNHCR's), one with a source adds up the groups of that source, where
    some group names it. A total whose source no group names, while the groups are
    attributed to another total's source, counts the same people another way (a
    verification, an estimate) and is not a sum of these groups: None. Where no total's
    source is named by any group, each is compared with every group, and the message
    says so.
    """
    hosted = _hosted(populations)
    uncertain: set[int] = set()
    if total.types:
        wanted = set(total.types)
        uncertain = {i for i, g in hosted if not g.types}
        hosted = [(i, g) for i, g in hosted if not g.types or set(g.types) <= wanted]
    if len(populations.totals) > 1 and total.source is not None:
        source = name_key(total.source)
        own = [(i, g) for i, g in hosted if _source_key(populations, g) == source]
        if own:
            return own, uncertain, f"groups counted by {total.source}"
        sources = {_source_key(populations, g) for _, g in hosted}
        others = {name_key(t.source) for t in populations.totals if t.source is not None and t is not total}
        if sources & others:
            return None
        return (
            hosted,
            uncertain,
            f"groups living in the operation's area (no group is attributed to {total.source})",
        )
    named = "groups living in the operation's area"
    if total.types:
        named = f"{'+'.join(t.value for t in total.types)} groups living in the operation's area"
    return hosted, uncertain, named


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
    (or the block) names that source. A total of a source no group names, beside a
    total whose source the groups do carry (a biometric verification beside the camp
    figures), counts the same people another way and is not compared; where no total's
    source is named, each is compared with all groups, and the finding says which. A
    total that covers only some population types (``"types": ["IDP"]``) adds up the
    groups of those types; groups printed as part of another (``part_of``) are never
    added.

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
        scoped = _scope(populations, total)
        if scoped is None:
            continue
        scope, uncertain, named = scoped
        note = f", leaving out {abroad} group(s) living abroad" if abroad and len(scope) > 0 else ""
        for field, what in (("count", "people"), ("households", "households")):
            stated = _people(getattr(total, field))
            if stated is None:
                continue
            found = [None if i in uncertain else _people(getattr(g, field)) for i, g in scope]
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


class _Described:
    """How to name a group or total in a message, worked out only when a message is written."""

    __slots__ = ("index", "item")

    def __init__(self, item: PopulationGroup | PopulationTotal, index: int) -> None:
        self.item = item
        self.index = index

    def __str__(self) -> str:
        if isinstance(self.item, PopulationGroup):
            return _describe(self.item)
        name = repr(self.item.label) if self.item.label else f"total {self.index + 1}"
        return f"the total {name} ({format_quantity(self.item.count)})"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _wholes(factsheet: Factsheet) -> Iterator[tuple[Path, _Described, PopulationGroup | PopulationTotal]]:
    """Every group and every total, with its path and how to name it in a message."""
    populations = factsheet.populations
    if populations is None:
        return
    for index, group in enumerate(populations.groups):
        yield ("populations", "groups", index), _Described(group, index), group
    for index, total in enumerate(populations.totals):
        yield ("populations", "totals", index), _Described(total, index), total


def _breakdown(factsheet: Factsheet, key: str, axis: BreakdownAxis) -> Iterator[Issue]:
    for prefix, described, whole_item in _wholes(factsheet):
        parts = getattr(whole_item, key, ())
        if not parts:
            continue
        partial = isinstance(whole_item, PopulationGroup) and axis in whole_item.partial
        whole = _people(whole_item.count)
        path = (*prefix, key)
        if whole is not None:
            computed = _disagrees([_people(p.count) for p in parts], whole, at_most=partial)
            if computed is not None:
                relation = "more than" if partial or computed.low > whole.high else "not"
                kind = "partial breakdown" if partial else "breakdown"
                yield Issue(
                    path,
                    f"the {kind} of {described} by {axis.value} adds up to {_show(computed)}, "
                    f"{relation} {format_quantity(whole_item.count)}",
                    {"stated": _value(whole_item.count), "computed": _number(computed.low)},
                )
                continue
        percents = [percentage_interval(p.percent) for p in parts]
        computed = _disagrees(percents, _HUNDRED, at_most=partial)
        if computed is not None:
            yield Issue(
                path,
                f"the percentages of the breakdown of {described} by {axis.value} add up to "
                f"{_number(computed.middle)}%, {'more than' if partial else 'not'} 100%",
                {"stated": 100, "computed": computed.middle},
            )


def _value(quantity: Quantity | None) -> int | None:
    return None if quantity is None else quantity.value


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
    """A group's (or a total's) breakdown by sex must add up to its count; printed as
    percentages ("52% women"), to 100 within printed precision. A partial breakdown
    (``"partial": ["sex"]``) must add up to no more than the group.

    Example::

        {"types": ["IDP"], "label": "IDPs", "count": 100,
         "by_sex": [{"sex": "f", "count": 52}, {"sex": "m", "count": 47}]}
    """
    yield from _breakdown(factsheet, "by_sex", BreakdownAxis.SEX)


@rule("OPS204", Severity.ERROR, "Breakdown by age does not add up to its group")
def age_breakdown(factsheet: Factsheet) -> Iterator[Issue]:
    """A group's (or a total's) breakdown by age band must add up to its count; printed
    as percentages ("Enfants (0-17 ans) 54 %"), to 100 within printed precision. A
    breakdown that covers only part of the group ("of whom 3,200 children",
    ``"partial": ["age"]``) must add up to no more than the group.

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
    is a group counted in households beside one counted in people. A group printed with a
    share only (a chart of shares by department or district of origin) counts nobody
    and is not compared.

    Example::

        "groups": [{"types": ["IDP"], "label": "IDPs", "count": 51961, "origin": "MLI"},
                   {"types": ["IDP"], "label": "Displaced", "count": 4000, "origin": "MLI"}]
    """
    seen: dict[tuple[object, ...], int] = {}
    groups = _groups(factsheet)
    for index, group in enumerate(groups):
        if group.count is None and group.households is None:
            continue  # a share only: no one is counted, so no one twice
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
        scoped = _scope(populations, total)
        if scoped is None:
            continue
        for index, group in scoped[0]:
            people = _people(group.count)
            if index in reported or index in scoped[1] or people is None or people.low <= stated.high:
                continue
            reported.add(index)
            yield Issue(
                ("populations", "groups", index, "count"),
                f"{_describe(group)} is larger than the stated total of {format_quantity(total.count)}",
                {"count": group.people, "stated_total": total.count.value},
            )


def _share_whole(populations: Populations) -> tuple[Interval, str, PopulationTotal | None] | None:
    """What the groups' shares are shares of: the total, else the sum of the groups."""
    totals = populations.totals
    if len(totals) > 1:
        block = name_key(populations.source or "")
        totals = tuple(t for t in totals if t.source is not None and name_key(t.source) == block)
    if len(totals) == 1:
        whole = _people(totals[0].count)
        if whole is None:
            return None
        return whole, f"the total {format_quantity(totals[0].count)}", totals[0]
    if populations.totals:
        return None  # several totals and none of the block's source: the whole is not known
    parts = [_people(g.count) for g in populations.hosted]
    known = [p for p in parts if p is not None]
    if len(parts) < 2 or len(known) < len(parts):
        return None
    computed = _sum(known)
    return computed, f"the {len(known)} groups' sum of {_show(computed)}", None


def _share_differs(part: Quantity | None, whole: Interval, share: Interval) -> Interval | None:
    """The share the counts give, when it does not match the printed one."""
    counted = _people(part)
    if counted is None or not counted.high.is_finite() or not whole.high.is_finite():
        return None  # "over 6,500" gives no share to compare
    computed = counted.percent_of(whole)
    if computed is None or computed.overlaps(share):
        return None
    return computed


def _percent(interval: Interval) -> str:
    return f"{interval.middle.quantize(Decimal('0.1'))}%"


@rule("OPS208", Severity.ERROR, "Printed share does not match the count, or shares exceed 100%")
def share_mismatch(factsheet: Factsheet) -> Iterator[Issue]:
    """A population chart often prints each group's share of the total beside its count
    ("Rwanda 72,180 | 37%"). The share must be the group's count divided by the total,
    within the precision it is printed at (37% stands for 36.5-37.5%): a share that
    disagrees was typed or copied from another edition. The total is the block's one
    total (of several, the one of the block's source), or where none is printed the sum
    of the groups, when there are several and every one has a count. A share over 100%
    is OPS707's. Groups printed with a share and no
    count (a chart of shares by department) are checked only together: the shares of
    the groups of one block are parts of one whole and cannot add up to more than 100%
    (beyond what their rounding allows); less is allowed, as a chart may show the
    largest groups only. Host communities, groups abroad and groups printed as part of
    another are left out. A category of a group or total printed both as a count and as
    a percentage ("40,126 children (65%)") is checked the same way against its group or
    total.

    Example::

        "populations": {"groups": [
            {"types": ["REF"], "label": "Tanzania", "count": 110300, "share": "49"},
            {"types": ["REF"], "label": "Rwanda", "count": 72180, "share": "37"},
            {"types": ["REF"], "label": "DR Congo", "count": 44033, "share": "19"}]}
    """
    populations = factsheet.populations
    if populations is None or not _prints_shares(populations):
        return
    hosted = _hosted(populations)
    whole = _share_whole(populations)
    if whole is not None:
        interval, named, total = whole
        for index, group in hosted:
            share = percentage_interval(group.share)
            if share is None or share.low > 100:
                continue  # over 100%: OPS707's
            if total is not None and total.types and not set(group.types) <= set(total.types):
                continue
            computed = _share_differs(group.count, interval, share)
            if computed is not None:
                printed = percentage_value(group.share)
                yield Issue(
                    ("populations", "groups", index, "share"),
                    f"the share of {_describe(group)} is printed as {printed}%, "
                    f"but its count is {_percent(computed)} of {named}",
                    {"stated": printed, "computed": computed.middle},
                )
    shares = [percentage_interval(g.share) for _, g in hosted]
    known = [s for s in shares if s is not None]
    if len(known) > 1:
        computed = _sum(known)
        if computed.low > 100:
            yield Issue(
                ("populations", "groups"),
                f"the shares printed for {len(known)} groups add up to {_number(computed.middle)}%, "
                "more than 100% of one whole",
                {"stated": 100, "computed": computed.middle},
            )
    for prefix, described, item in _wholes(factsheet):
        base = _people(item.count)
        if base is None:
            continue
        for j, category in enumerate(item.by_category):
            share = percentage_interval(category.percent)
            if share is None:
                continue
            computed = _share_differs(category.count, base, share)
            if computed is not None:
                yield Issue(
                    (*prefix, "by_category", j, "percent"),
                    f"{category.label!r} is printed as {format_quantity(category.count)} and "
                    f"{category.percent.value if category.percent else ''}% of {described}, but the count "
                    f"is {_percent(computed)} of it",
                    {
                        "stated": category.percent.value if category.percent else None,
                        "computed": computed.middle,
                    },
                )


def _prints_shares(populations: Populations) -> bool:
    """Whether any share or category is printed: most sheets print none, and the rule has nothing to do."""
    return any(g.share is not None or g.by_category for g in populations.groups) or any(
        t.by_category for t in populations.totals
    )


def _prints_parts(populations: Populations) -> bool:
    """Whether any group is printed as part of another, or any category is printed."""
    return any(g.part_of is not None or g.by_category for g in populations.groups) or any(
        t.by_category for t in populations.totals
    )


def _parent(
    populations: Populations, group: PopulationGroup
) -> tuple[Path, PopulationGroup | PopulationTotal] | None:
    """The group (else the total) a group is printed as part of, by its label."""
    if group.part_of is None:
        return None
    key = name_key(group.part_of)
    for index, other in enumerate(populations.groups):
        if other is not group and name_key(other.label) == key:
            return ("populations", "groups", index), other
    for index, total in enumerate(populations.totals):
        if total.label is not None and name_key(total.label) == key:
            return ("populations", "totals", index), total
    return None


@rule("OPS209", Severity.ERROR, "A part is larger than the whole it is part of")
def part_above_whole(factsheet: Factsheet) -> Iterator[Issue]:
    """A group printed as part of another ("61,732 new arrivals ... of whom 40,126
    children", ``part_of``) and a category of a group or total ("63,870 women and
    children", ``by_category``) are no more than their whole: people are compared with
    people, households with households, within what the qualifiers allow. Categories may
    overlap, so they are not added up; each one alone must fit. ``part_of`` names the
    group, else the total, by its label; one naming neither is not checked.

    Example::

        "populations": {"groups": [
            {"types": ["REF"], "label": "new arrivals", "count": 61732,
             "by_category": [{"label": "women and children", "count": 63870}]}]}
    """
    populations = factsheet.populations
    if populations is None or not _prints_parts(populations):
        return
    for index, group in enumerate(populations.groups):
        parent = _parent(populations, group)
        if parent is None:
            continue
        where, whole = parent
        for field, what in (("count", "people"), ("households", "households")):
            part, limit = _people(getattr(group, field)), _people(getattr(whole, field))
            if part is None or limit is None or part.low <= limit.high:
                continue
            yield Issue(
                ("populations", "groups", index, field),
                f"{_describe(group)} is printed as part of {group.part_of!r}, but its "
                f"{format_quantity(getattr(group, field))} {what} are more than the "
                f"{format_quantity(getattr(whole, field))} of the whole (at {_where(where)})",
                {"part": getattr(group, field).value, "whole": getattr(whole, field).value, "counts": what},
            )
    for prefix, described, item in _wholes(factsheet):
        limit = _people(item.count)
        if limit is None:
            continue
        for j, category in enumerate(item.by_category):
            part = _people(category.count)
            if part is None or part.low <= limit.high:
                continue
            yield Issue(
                (*prefix, "by_category", j, "count"),
                f"{category.label!r} ({format_quantity(category.count)}) is part of {described}, "
                "but more than it",
                {"part": category.count.value if category.count else None, "whole": _value(item.count)},
            )


def _where(parts: Path) -> str:
    from ..diagnostics import format_path  # noqa: PLC0415 - only for messages

    return format_path(parts)
