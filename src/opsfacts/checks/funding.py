"""Funding rules (OPS1xx): amounts, gap and percentages agree within printed precision."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..constraints import currency_codes
from ..model import Factsheet, Figure, Funding
from .findings import Issue, Severity
from .precision import (
    Interval,
    figure_interval,
    format_amount,
    format_figure,
    printed_interval,
    rescale,
)
from .registry import rule
from .walk import index

__all__: list[str] = []

_HUNDRED = Interval.exact(100)

# ISO 4217 codes that are not money a factsheet can be funded in.
_NOT_MONEY = frozenset(
    {"XXX", "XTS", "XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA"}
)

# A number printed with a multiplier that already has this many integer digits
# is almost certainly the full amount with a stray "M" (or "K", "B") added.
_IMPLAUSIBLE_SCALED_VALUE = Decimal(1_000_000)


def _pct(value: Decimal) -> str:
    return f"{format_amount(value, 2)}%"


def _funded_interval(funding: Funding) -> tuple[Interval, str] | None:
    """Funded amount: stated, or requested minus the stated gap."""
    if funding.funded is not None:
        return figure_interval(funding.funded), "funded"
    if funding.requested is not None and funding.unfunded is not None:
        return figure_interval(funding.requested) - figure_interval(funding.unfunded), "requested - unfunded"
    return None


def _unfunded_interval(funding: Funding) -> tuple[Interval, str] | None:
    """Gap: requested minus the stated funded amount, or the stated gap."""
    if funding.requested is not None and funding.funded is not None:
        return figure_interval(funding.requested) - figure_interval(funding.funded), "requested - funded"
    if funding.unfunded is not None:
        return figure_interval(funding.unfunded), "unfunded"
    return None


@rule("OPS101", Severity.ERROR, "Funded amount exceeds the amount requested")
def funded_exceeds_requested(factsheet: Factsheet) -> Iterator[Issue]:
    """A factsheet reports funding received against what was requested; receiving more
    than was requested is possible but almost always a typo or a wrong scale. Compared
    within printed precision.

    Example::

        "funding": {"currency": "USD",
                    "requested": {"value": "20.0", "scale": "million"},
                    "funded": {"value": "25.0", "scale": "million"}}
    """
    funding = factsheet.funding
    if funding is None or funding.requested is None or funding.funded is None:
        return
    if figure_interval(funding.funded).low > figure_interval(funding.requested).high:
        yield Issue(
            ("funding", "funded"),
            f"funded {format_figure(funding.funded, funding.currency)} is more than the "
            f"{format_figure(funding.requested, funding.currency)} requested",
            {"funded": funding.funded.amount, "requested": funding.requested.amount},
        )


@rule("OPS102", Severity.ERROR, "Unfunded amount is not requested minus funded")
def unfunded_mismatch(factsheet: Factsheet) -> Iterator[Issue]:
    """The funding gap printed must be the amount requested minus the amount received,
    within the precision each was printed at: "USD 20.0 M requested, 5.0 M funded, gap
    16.0 M" is wrong (the gap is 15.0 M, and 16.0 cannot round from it).

    Example::

        "funding": {"currency": "USD",
                    "requested": {"value": "20.0", "scale": "million"},
                    "funded": {"value": "5.0", "scale": "million"},
                    "unfunded": {"value": "16.0", "scale": "million"}}
    """
    funding = factsheet.funding
    if funding is None or funding.unfunded is None or funding.requested is None or funding.funded is None:
        return
    computed = figure_interval(funding.requested) - figure_interval(funding.funded)
    if computed.overlaps(figure_interval(funding.unfunded)):
        return
    places = max(0, -int(funding.unfunded.value.as_tuple().exponent))
    expected = format_amount(rescale(computed.middle, funding.unfunded), places)
    suffix = f" {funding.unfunded.scale.suffix}" if funding.unfunded.scale.suffix else ""
    message = (
        f"the unfunded amount is printed as {format_figure(funding.unfunded, funding.currency)}, "
        f"but requested {format_figure(funding.requested)} minus funded "
        f"{format_figure(funding.funded)} is {expected}{suffix}"
    )
    if funding.unfunded.amount == funding.requested.amount:
        message += " (the requested amount was printed in place of the gap)"
    share = figure_interval(funding.unfunded).percent_of(figure_interval(funding.requested))
    if funding.unfunded_percent is not None and share is not None:
        message += (
            f"; it is {_pct(share.middle)} of the requested amount, while the unfunded share "
            f"is printed as {funding.unfunded_percent}%"
        )
    yield Issue(
        ("funding", "unfunded"),
        message,
        {"stated": funding.unfunded.amount, "computed": computed.middle, "scale": funding.unfunded.scale},
    )


@rule("OPS103", Severity.ERROR, "Funded percentage does not match the amounts")
def funded_percent_mismatch(factsheet: Factsheet) -> Iterator[Issue]:
    """The percentage funded must be the amount funded divided by the amount requested,
    within printed precision: "USD 48.3 M requested, 11.2 M funded, 23%" is consistent
    (11.2 / 48.3 = 23.19%, and the amounts themselves are rounded); 30% is not.

    Example::

        "funding": {"currency": "USD",
                    "requested": {"value": "48.3", "scale": "million"},
                    "funded": {"value": "11.2", "scale": "million"},
                    "funded_percent": "30"}
    """
    funding = factsheet.funding
    if funding is None or funding.funded_percent is None:
        return
    yield from _share_mismatch(funding, "funded", funding.funded_percent, _funded_interval(funding))


@rule("OPS104", Severity.ERROR, "Unfunded percentage does not match the amounts")
def unfunded_percent_mismatch(factsheet: Factsheet) -> Iterator[Issue]:
    """The percentage unfunded must be the gap divided by the amount requested, the gap
    being requested minus funded (or the printed gap when no funded amount is printed),
    within printed precision.

    Example::

        "funding": {"currency": "USD",
                    "requested": {"value": "48.3", "scale": "million"},
                    "funded": {"value": "11.2", "scale": "million"},
                    "unfunded_percent": "70"}
    """
    funding = factsheet.funding
    if funding is None or funding.unfunded_percent is None:
        return
    yield from _share_mismatch(funding, "unfunded", funding.unfunded_percent, _unfunded_interval(funding))


def _share_mismatch(
    funding: Funding, which: str, printed: Decimal, amount: tuple[Interval, str] | None
) -> Iterator[Issue]:
    """The finding for a printed share (``which`` is funded or unfunded) its amount contradicts."""
    if funding.requested is None or amount is None:
        return
    share = amount[0].percent_of(figure_interval(funding.requested))
    if share is None or share.overlaps(printed_interval(printed)):
        return
    yield Issue(
        ("funding", f"{which}_percent"),
        f"the {which} share is printed as {printed}%, but {amount[1]} over requested "
        f"is {_pct(share.middle)} (between {_pct(share.low)} and {_pct(share.high)} "
        "given the rounding of the amounts)",
        {"stated": printed, "computed": share.middle.quantize(Decimal("0.01"))},
    )


@rule("OPS105", Severity.ERROR, "Funded and unfunded percentages do not add up to 100")
def percents_do_not_add_up(factsheet: Factsheet) -> Iterator[Issue]:
    """The funded and unfunded shares are two parts of one whole. Checked only when the
    percentages cannot both be checked against amounts (OPS103 and OPS104 then cover it),
    so one wrong figure is reported once.

    Example::

        "funding": {"currency": "USD", "funded_percent": "7", "unfunded_percent": "90"}
    """
    funding = factsheet.funding
    if funding is None or funding.funded_percent is None or funding.unfunded_percent is None:
        return
    both_checked = (
        funding.requested is not None
        and funding.requested.amount > 0
        and _funded_interval(funding) is not None
        and _unfunded_interval(funding) is not None
    )
    if both_checked:
        return
    total = printed_interval(funding.funded_percent) + printed_interval(funding.unfunded_percent)
    if total.overlaps(_HUNDRED):
        return
    yield Issue(
        ("funding", "unfunded_percent"),
        f"funded {funding.funded_percent}% and unfunded {funding.unfunded_percent}% add up to "
        f"{funding.funded_percent + funding.unfunded_percent}%, not 100%",
        {"funded_percent": funding.funded_percent, "unfunded_percent": funding.unfunded_percent},
    )


@rule("OPS106", Severity.WARNING, "Currency is not a currency funds are given in")
def currency_unknown(factsheet: Factsheet) -> Iterator[Issue]:
    """ISO 4217 also lists codes that are not money: ``XXX`` (no currency), ``XTS``
    (testing), precious metals and accounting units. They are template leftovers.

    Example::

        "funding": {"currency": "XXX"}
    """
    places: list[tuple[tuple[str, ...], str | None]] = []
    if factsheet.funding is not None:
        places.append((("funding", "currency"), factsheet.funding.currency))
    if factsheet.donors is not None:
        places.append((("donors", "currency"), factsheet.donors.currency))
    for parts, code in places:
        if code is None:
            continue
        if code in _NOT_MONEY or code not in currency_codes():
            yield Issue(parts, f"{code} is not a currency a factsheet reports funds in", {"currency": code})


@rule("OPS107", Severity.ERROR, "Funding figures are dated after the factsheet")
def funding_as_of_too_late(factsheet: Factsheet) -> Iterator[Issue]:
    """Funding figures cannot be as of a day after the reporting period ends or after the
    factsheet was published.

    Example::

        "period": {"start": "2017-06-01", "end": "2017-06-30"},
        "funding": {"currency": "USD", "as_of": "2017-07-31"}
    """
    funding = factsheet.funding
    if funding is None or funding.as_of is None:
        return
    limits = [("the reporting period ends", factsheet.period.end)]
    if factsheet.published is not None:
        limits.append(("the factsheet was published", factsheet.published))
    for what, day in limits:
        if funding.as_of > day:
            yield Issue(
                ("funding", "as_of"),
                f"the funding figures are as of {funding.as_of.isoformat()}, after {what} "
                f"({day.isoformat()})",
                {"as_of": funding.as_of, "limit": day},
            )
            return


@rule("OPS108", Severity.ERROR, "Figure printed with an implausible multiplier")
def implausible_scale(factsheet: Factsheet) -> Iterator[Issue]:
    """A figure whose digits already run into the millions but which is printed with a
    multiplier ("USD 42,749,662 M") is the full amount with a stray "M": read literally
    it is trillions. Applies to every printed figure (funding and donor amounts).

    Example::

        "funding": {"currency": "USD", "requested": {"value": "42749662", "scale": "million"}}
    """
    for parts, value in index(factsheet).of_type(Figure):
        if value.scale.exponent == 0:
            continue
        if value.value >= _IMPLAUSIBLE_SCALED_VALUE:
            full = format_amount(value.amount)
            yield Issue(
                parts,
                f"{format_figure(value)} has {len(str(int(value.value)))} digits before the "
                f"multiplier {value.scale.suffix!r}, so it reads as {full}; it looks like the full "
                f"amount {format_amount(value.value)} printed with a stray {value.scale.suffix!r}",
                {"value": value.value, "scale": value.scale, "amount": value.amount},
            )
