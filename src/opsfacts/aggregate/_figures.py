"""One factsheet's figures as the roll-up adds them, and what of it is left out and why.

Each group of people is counted once: people abroad, host communities, groups
printed as part of another, breakdowns and stated totals are left out (a
stated total is used only where the sheet prints no group to add).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..model import Factsheet, Figure, PopulationType, Presence, Qualifier, Quantity, Residence
from ..model._printing import count
from ._model import Edition, ExclusionRule, FundingLine, PopulationLine

__all__ = ["Note", "edition"]

Note = Callable[[str, str, ExclusionRule, int | None], None]
"""Records an exclusion: what, why, the rule, and the people it holds."""

_EXACT = Qualifier.EXACT


def _people(n: int | None) -> str:
    return "" if n is None else f" ({count(n)} people)"


_ORDER = {code: i for i, code in enumerate(PopulationType)}


def _types(types: tuple[PopulationType, ...]) -> str:
    # Combined groups are keyed in code-list order, so "REF; ASY" and "ASY; REF" are one key.
    ordered: list[PopulationType] = sorted(types, key=_ORDER.__getitem__)
    return "; ".join(ordered)


def _populations(f: Factsheet, note: Note) -> tuple[PopulationLine, ...]:
    block = f.populations
    if block is None:
        return ()
    country = f.operation.country
    lines: dict[tuple[str, str | None], tuple[int, bool]] = {}
    counted = 0
    for group in block.groups:
        what = f'group "{group.label}"'
        people = group.people
        if group.residence is Residence.ABROAD:
            note(
                what + _people(people),
                f"nationals of {country} living abroad; the hosting operation's sheet counts them",
                ExclusionRule.ABROAD,
                people,
            )
            continue
        if PopulationType.HST in group.types:
            note(what + _people(people), "a host community", ExclusionRule.HOST_COMMUNITY, people)
            continue
        if group.part_of is not None:
            note(
                what + _people(people),
                f'part of group "{group.part_of}", already counted in it',
                ExclusionRule.PART_OF_GROUP,
                people,
            )
            continue
        if people is None:
            printed = "households only" if group.count is None and group.households else "no number"
            if group.count is None and group.households is None:
                printed = "a share only"
            elif group.count is not None and group.count.printed is not None:
                printed = f'"{group.count.printed}" printed instead of a number'
            note(what, f"{printed}: no number of people to add", ExclusionRule.NO_FIGURE, None)
            continue
        axes = [
            name
            for name, parts in (
                ("origin", group.by_origin),
                ("sex", group.by_sex),
                ("age", group.by_age),
                ("category", group.by_category),
            )
            if parts
        ]
        if axes:
            note(
                f"breakdown of {what} by {', '.join(axes)}",
                "parts of the group, already counted in it",
                ExclusionRule.BREAKDOWN,
                None,
            )
        key = (_types(group.types), group.origin)
        before, approximate = lines.get(key, (0, False))
        assert group.count is not None  # people is not None
        lines[key] = (before + people, approximate or group.count.qualifier is not _EXACT)
        counted += 1
    used: list[tuple[PopulationType, ...]] = []
    for total in block.totals:
        what = "stated total" + (f' "{total.label}"' if total.label else "")
        what += (f" by {total.source}" if total.source else "") + _people(total.count.value)
        if counted:
            note(what, "the groups are added instead", ExclusionRule.STATED_TOTAL, total.count.value)
            continue
        if total.count.value is None:
            note(what, "no number of people to add", ExclusionRule.NO_FIGURE, None)
            continue
        # Without groups, one total of each set of people: a second total is the same people again.
        if any(not u or not total.types or set(u) & set(total.types) for u in used):
            note(
                what,
                "another total of the same people is used",
                ExclusionRule.STATED_TOTAL,
                total.count.value,
            )
            continue
        used.append(total.types)
        key = (_types(total.types), None)
        before, approximate = lines.get(key, (0, False))
        lines[key] = (before + total.count.value, approximate or total.count.qualifier is not _EXACT)
    return tuple(
        PopulationLine(population_type, origin, people, approximate)
        for (population_type, origin), (people, approximate) in lines.items()
    )


def _value(quantity: Quantity | None) -> int | None:
    return None if quantity is None else quantity.value


def _staff(block: Presence, note: Note) -> int | None:
    total: int | None = None
    for group in block.staff:
        if group.count is not None and group.count.value is not None:
            total = (total or 0) + group.count.value
            if group.parts:
                note(
                    f'parts of staff "{group.label}"',
                    "parts of the category, already counted in it",
                    ExclusionRule.BREAKDOWN,
                    None,
                )
        elif group.parts:
            # A category printed only by its parts: the parts are its count.
            total = (total or 0) + sum(p.count.value or 0 for p in group.parts)
        else:
            note(f'staff "{group.label}"', "no number printed", ExclusionRule.NO_FIGURE, None)
    stated = _value(block.stated_staff_total)
    if total is None:
        return stated
    if block.stated_staff_total is not None:
        note("stated staff total", "the staff categories are added instead", ExclusionRule.STATED_TOTAL, None)
    return total


def _offices(block: Presence, note: Note) -> int | None:
    total: int | None = None
    for group in block.offices:
        # "Sub-Office in Gambella" without a count is one office per location printed.
        total = (total or 0) + (group.count if group.count is not None else len(group.locations))
    if total is None:
        return _value(block.stated_office_total)
    if block.stated_office_total is not None:
        note("stated office total", "the office groups are added instead", ExclusionRule.STATED_TOTAL, None)
    return total


def _amount(figure: Figure | None, what: str, note: Note) -> Decimal | None:
    if figure is None:
        return None
    if figure.amount is None:
        note(what, f'"{figure.printed}" printed instead of a number', ExclusionRule.NO_FIGURE, None)
    return figure.amount


def _funding(f: Factsheet, note: Note) -> FundingLine | None:
    block = f.funding
    if block is None:
        return None
    return FundingLine(
        currency=block.currency,
        year=block.year,
        requested=_amount(block.requested, "amount requested", note),
        funded=_amount(block.funded, "amount funded", note),
        covers=block.covers,
    )


def edition(f: Factsheet, *, file: str, key: str, latest: bool, counted: bool, note: Note) -> Edition:
    """The figures of one factsheet; ``note`` is told each item left out of them."""
    period = f.reference_period
    presence = f.presence
    return Edition(
        file=file,
        operation_key=key,
        period_start=period.start,
        period_end=period.end or period.start,
        title=f.title,
        language=f.language,
        latest=latest,
        counted=counted,
        populations=_populations(f, note),
        staff=None if presence is None else _staff(presence, note),
        offices=None if presence is None else _offices(presence, note),
        partners=() if f.partners is None else tuple(p.name for p in f.partners.partners),
        funding=_funding(f, note),
    )
