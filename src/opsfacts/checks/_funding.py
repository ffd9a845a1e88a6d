"""Funding rules (OPS1xx): amounts, gap and percentages agree within printed precision."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..model._classes import Factsheet, Figure, Funding
from ..model._codes import Scale
from ..model._constraints import currency_codes
from ..model._printing import fixed
from ._dates import FUNDING_LAG_DAYS, after_publication, days_after_period
from ._findings import Issue, Severity
from ._precision import (
    Interval,
    figure_interval,
    format_figure,
    percentage_value,
    printed_interval,
    rescale,
    stated_figure,
)
from ._registry import rule
from ._walk import index, will_ask

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
    return f"{fixed(value, 2)}%"


def _stated(funding: Funding) -> tuple[Figure | None, Figure | None, Figure | None]:
    """Requested, funded and unfunded, each None when not printed or printed as a placeholder."""
    return stated_figure(funding.requested), stated_figure(funding.funded), stated_figure(funding.unfunded)


def _funded_interval(funding: Funding) -> tuple[Interval, str] | None:
    """Funded amount: stated, or requested minus the stated gap."""
    requested, funded, unfunded = _stated(funding)
    if funded is not None:
        return figure_interval(funded), "funded"
    if requested is not None and unfunded is not None:
        return figure_interval(requested) - figure_interval(unfunded), "requested - unfunded"
    return None


def _unfunded_interval(funding: Funding) -> tuple[Interval, str] | None:
    """Gap: requested minus the stated funded amount, or the stated gap."""
    requested, funded, unfunded = _stated(funding)
    if requested is not None and funded is not None:
        return figure_interval(requested) - figure_interval(funded), "requested - funded"
    if unfunded is not None:
        return figure_interval(unfunded), "unfunded"
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
    if funding is None:
        return
    requested, funded, _ = _stated(funding)
    if requested is None or funded is None:
        return
    if figure_interval(funded).low > figure_interval(requested).high:
        yield Issue(
            ("funding", "funded"),
            f"funded {format_figure(funded, funding.currency)} is more than the "
            f"{format_figure(requested, funding.currency)} requested",
            {"funded": funded.amount, "requested": requested.amount},
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
    if funding is None:
        return
    requested, funded, unfunded = _stated(funding)
    if unfunded is None or requested is None or funded is None or unfunded.value is None:
        return
    computed = figure_interval(requested) - figure_interval(funded)
    if computed.overlaps(figure_interval(unfunded)):
        return
    places = max(0, -int(unfunded.value.as_tuple().exponent))
    expected = fixed(rescale(computed.middle, unfunded), places)
    suffix = f" {unfunded.scale.suffix}" if unfunded.scale.suffix else ""
    message = (
        f"the unfunded amount is printed as {format_figure(unfunded, funding.currency)}, "
        f"but requested {format_figure(requested)} minus funded "
        f"{format_figure(funded)} is {expected}{suffix}"
    )
    if unfunded.amount == requested.amount:
        message += " (the requested amount was printed in place of the gap)"
    share = figure_interval(unfunded).percent_of(figure_interval(requested))
    unfunded_percent = percentage_value(funding.unfunded_percent)
    if unfunded_percent is not None and share is not None:
        message += (
            f"; it is {_pct(share.middle)} of the requested amount, while the unfunded share "
            f"is printed as {unfunded_percent}%"
        )
    yield Issue(
        ("funding", "unfunded"),
        message,
        {"stated": unfunded.amount, "computed": computed.middle, "scale": unfunded.scale},
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
    if funding is None:
        return
    printed = percentage_value(funding.funded_percent)
    if printed is not None:
        yield from _share_mismatch(funding, "funded", printed, _funded_interval(funding))


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
    if funding is None:
        return
    printed = percentage_value(funding.unfunded_percent)
    if printed is not None:
        yield from _share_mismatch(funding, "unfunded", printed, _unfunded_interval(funding))


def _share_mismatch(
    funding: Funding, which: str, printed: Decimal, amount: tuple[Interval, str] | None
) -> Iterator[Issue]:
    """The finding for a printed share (``which`` is funded or unfunded) its amount contradicts."""
    requested = stated_figure(funding.requested)
    if requested is None or amount is None:
        return
    share = amount[0].percent_of(figure_interval(requested))
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
    if funding is None:
        return
    funded_percent = percentage_value(funding.funded_percent)
    unfunded_percent = percentage_value(funding.unfunded_percent)
    if funded_percent is None or unfunded_percent is None:
        return
    requested = stated_figure(funding.requested)
    both_checked = (
        requested is not None
        and requested.amount is not None
        and requested.amount > 0
        and _funded_interval(funding) is not None
        and _unfunded_interval(funding) is not None
    )
    if both_checked:
        return
    total = printed_interval(funded_percent) + printed_interval(unfunded_percent)
    if total.overlaps(_HUNDRED):
        return
    yield Issue(
        ("funding", "unfunded_percent"),
        f"funded {funded_percent}% and unfunded {unfunded_percent}% add up to "
        f"{funded_percent + unfunded_percent}%, not 100%",
        {"funded_percent": funded_percent, "unfunded_percent": unfunded_percent},
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


@rule("OPS107", Severity.ERROR, "Funding figures are dated implausibly late")
def funding_as_of_too_late(factsheet: Factsheet) -> Iterator[Issue]:
    """Funding figures are usually as of the day the factsheet is finalised, a few weeks
    after its period ends: a cut-off up to ``FUNDING_LAG_DAYS``
    days (eight weeks) after the period is common practice and never flagged. A cut-off
    later than that belongs to a later edition or is mistyped; one after the factsheet was
    published is impossible. Dates printed as a month or a year are compared by their
    first day, so "as of July 2017" on a sheet published on 5 July 2017 passes.

    Example::

        "period": {"start": "2017-06-01", "end": "2017-06-30"},
        "funding": {"currency": "USD", "as_of": "2017-09-30"}
    """
    funding = factsheet.funding
    if funding is None or funding.as_of is None:
        return
    late = days_after_period(factsheet, funding.as_of)
    if late is not None and late > FUNDING_LAG_DAYS:
        end = factsheet.reference_period.last_day
        yield Issue(
            ("funding", "as_of"),
            f"the funding figures are as of {funding.as_of}, {late} days after the reporting period "
            f"ends ({end.isoformat()}); more than {FUNDING_LAG_DAYS} days is not a usual cut-off",
            {"as_of": funding.as_of, "limit": end},
        )
        return
    published = after_publication(factsheet, funding.as_of)
    if published is not None:
        yield Issue(
            ("funding", "as_of"),
            f"the funding figures are as of {funding.as_of}, after the factsheet was published ({published})",
            {"as_of": funding.as_of, "limit": published},
        )


will_ask(of_type=(Figure,))


@rule("OPS108", Severity.ERROR, "Figure printed with an implausible multiplier")
def implausible_scale(factsheet: Factsheet) -> Iterator[Issue]:
    """A figure whose digits already run into the millions but which is printed with a
    multiplier ("USD 42,749,662 M") is the full amount with a stray "M": read literally
    it is trillions. Applies to every printed figure (funding and donor amounts).

    Example::

        "funding": {"currency": "USD", "requested": {"value": "42749662", "scale": "million"}}
    """
    for parts, value in index(factsheet).of_type(Figure):
        if value.scale is Scale.ONE or value.value is None or value.value < _IMPLAUSIBLE_SCALED_VALUE:
            continue
        amount = value.amount
        if amount is not None:
            suffix = value.scale.suffix
            yield Issue(
                parts,
                f"{format_figure(value)} has {len(str(int(value.value)))} digits before the "
                f"multiplier {suffix!r}, so it reads as {fixed(amount)}; it looks like the full "
                f"amount {fixed(value.value)} printed with a stray {suffix!r}",
                {"value": value.value, "scale": value.scale, "amount": amount},
            )
