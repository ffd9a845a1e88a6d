"""Totals across the counted editions: people by type and by origin, staff, offices, partners, funding.

Funding is added per currency and requirement year only: amounts in two
currencies, or for two years, are two totals, never one.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Sequence
from decimal import Decimal

from ._model import Edition, FundingTotal, OriginTotal, TypeTotal

__all__ = ["by_origin", "by_type", "distinct_partners", "funding", "offices", "staff"]

# Sums of amounts are exact: rounding would make a total depend on the order of the inputs.
_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


def _add(into: dict[str | None, tuple[int, bool]], key: str | None, people: int, approximate: bool) -> None:
    before, was = into.get(key, (0, False))
    into[key] = (before + people, was or approximate)


def _largest_first(items: dict[str | None, tuple[int, bool]]) -> list[tuple[str | None, int, bool]]:
    return sorted(
        ((key, people, approximate) for key, (people, approximate) in items.items()),
        key=lambda item: (-item[1], item[0] or ""),
    )


def by_type(editions: Iterable[Edition]) -> tuple[TypeTotal, ...]:
    """People by population type, largest first."""
    totals: dict[str | None, tuple[int, bool]] = {}
    for edition in editions:
        for line in edition.populations:
            _add(totals, line.population_type, line.people, line.approximate)
    return tuple(
        TypeTotal(key or "", people, approximate) for key, people, approximate in _largest_first(totals)
    )


def by_origin(editions: Iterable[Edition]) -> tuple[OriginTotal, ...]:
    """People by origin, largest first (None: origin not stated)."""
    totals: dict[str | None, tuple[int, bool]] = {}
    for edition in editions:
        for line in edition.populations:
            _add(totals, line.origin, line.people, line.approximate)
    return tuple(OriginTotal(key, people, approximate) for key, people, approximate in _largest_first(totals))


def staff(editions: Iterable[Edition]) -> int:
    """Staff of the editions that print some."""
    return sum(e.staff or 0 for e in editions)


def offices(editions: Iterable[Edition]) -> int:
    """Offices of the editions that print some."""
    return sum(e.offices or 0 for e in editions)


def distinct_partners(editions: Iterable[Edition]) -> int:
    """Partners, each counted once however many operations name it (names compared case- and space-blind)."""
    return len({" ".join(name.casefold().split()) for e in editions for name in e.partners})


def funding(editions: Sequence[Edition]) -> tuple[FundingTotal, ...]:
    """Funding per currency and requirement year, stated years first.

    An amount whose sheet states no requirement year is a total of its own:
    adding it to another would mix years unseen.
    """
    totals: dict[tuple[str, int | None, str], tuple[Decimal | None, Decimal | None, list[str]]] = {}
    for edition in editions:
        line = edition.funding
        if line is None or (line.requested is None and line.funded is None):
            continue
        key = (line.currency, line.year, "" if line.year is not None else edition.operation_key)
        requested, funded, keys = totals.get(key, (None, None, []))
        keys.append(edition.operation_key)
        totals[key] = (_plus(requested, line.requested), _plus(funded, line.funded), keys)
    return tuple(
        FundingTotal(currency, year, requested, funded, tuple(sorted(keys)))
        for (currency, year, _), (requested, funded, keys) in sorted(
            totals.items(), key=lambda item: (item[0][0], item[0][1] is None, item[0][1] or 0, item[0][2])
        )
    )


def _plus(total: Decimal | None, amount: Decimal | None) -> Decimal | None:
    # None stays None until an amount is printed: "not stated" is not 0.
    if amount is None:
        return total
    return amount if total is None else _EXACT.add(total, amount)
