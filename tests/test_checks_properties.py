"""Property tests of the checks: no rule crashes; consistent documents pass; one wrong figure is found."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from opsfacts import (
    Factsheet,
    Figure,
    Funding,
    Operation,
    Organisation,
    Percentage,
    Period,
    PopulationGroup,
    Populations,
    PopulationTotal,
    Presence,
    Quantity,
    Scale,
    SexCount,
    StaffGroup,
)
from opsfacts.checks import INTERNAL_CODE, CheckConfig, check
from opsfacts.model import PartialDate, PopulationType, Residence, Sex, StaffCategory
from opsfacts.strategies import factsheets

# OPS108 (a multiplier on a number already in the millions) is not arithmetic.
ARITHMETIC = CheckConfig(select=("OPS1", "OPS2", "OPS3"), ignore=("OPS108",))


def skeleton(**parts: object) -> Factsheet:
    return Factsheet(
        publisher=Organisation(name="Example Agency"),
        operation=Operation(name="Mali", countries=("MLI",)),
        title="Example factsheet",
        period=Period(start=PartialDate("2020-01-01"), end=PartialDate("2020-12-31")),
        **parts,  # type: ignore[arg-type]
    )


def pairs(factsheet: Factsheet) -> set[tuple[str, str]]:
    return {(f.code, f.path) for f in check(factsheet, ARITHMETIC)}


@given(factsheets())
def test_no_rule_raises_on_any_factsheet(factsheet: Factsheet) -> None:
    found = check(factsheet)
    assert [f for f in found if f.code == INTERNAL_CODE] == []
    for finding in found:
        assert finding.path.startswith("$")
        assert finding.message
        json.dumps(finding.as_dict())  # JSON-friendly values


def _printed(amount: Fraction, places: int) -> Decimal:
    """An exact value rounded half up to ``places`` decimals, as a publisher prints it."""
    exact = Decimal(amount.numerator) / Decimal(amount.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@st.composite
def consistent_funding(draw: st.DrawFn) -> tuple[Funding, int, int]:
    """Funding whose stated figures are true amounts rounded to a generated precision."""
    requested = draw(st.integers(min_value=10_000, max_value=10**11))
    funded = draw(st.integers(min_value=0, max_value=requested))
    scale = draw(st.sampled_from([Scale.ONE, Scale.THOUSAND, Scale.MILLION]))
    places = draw(st.integers(min_value=0, max_value=2))
    pct_places = draw(st.integers(min_value=0, max_value=1))
    unit = Fraction(10) ** scale.exponent

    def figure(amount: int) -> Figure:
        return Figure(value=_printed(Fraction(amount) / unit, places), scale=scale)

    funding = Funding(
        currency="USD",
        requested=figure(requested),
        funded=figure(funded),
        unfunded=figure(requested - funded),
        funded_percent=Percentage(value=_printed(Fraction(funded * 100, requested), pct_places)),
        unfunded_percent=Percentage(
            value=_printed(Fraction((requested - funded) * 100, requested), pct_places)
        ),
    )
    return funding, places, pct_places


@given(consistent_funding())
def test_consistent_funding_yields_no_arithmetic_finding(case: tuple[Funding, int, int]) -> None:
    funding, _, _ = case
    assert pairs(skeleton(funding=funding)) == set()


@given(consistent_funding())
def test_percent_printed_from_rounded_amounts_is_consistent(case: tuple[Funding, int, int]) -> None:
    # A publisher may compute the percentage from the rounded amounts instead of the true ones.
    funding, _, pct_places = case
    assert funding.requested is not None
    assert funding.funded is not None
    assert funding.requested.amount is not None
    assert funding.funded.amount is not None
    assume(funding.requested.amount > 0)
    share = Fraction(funding.funded.amount) * 100 / Fraction(funding.requested.amount)
    rounded = attrs.evolve(
        funding, funded_percent=Percentage(value=_printed(share, pct_places)), unfunded_percent=None
    )
    assert pairs(skeleton(funding=rounded)) == set()


@given(consistent_funding(), st.integers(min_value=1, max_value=1000))
def test_perturbed_gap_yields_exactly_its_finding(case: tuple[Funding, int, int], extra: int) -> None:
    funding, places, _ = case
    assert funding.requested is not None
    assert funding.funded is not None
    assert funding.unfunded is not None
    assert funding.unfunded.value is not None
    # Beyond what the three printed precisions allow together.
    slack = 2 * (funding.requested.tolerance + funding.funded.tolerance + funding.unfunded.tolerance)
    step = Decimal(1).scaleb(-places)
    units = int(slack.scaleb(-funding.unfunded.scale.exponent) / step) + extra
    wrong = attrs.evolve(funding.unfunded, value=funding.unfunded.value + units * step)
    assert pairs(skeleton(funding=attrs.evolve(funding, unfunded=wrong))) == {
        ("OPS102", "$.funding.unfunded")
    }


@given(consistent_funding(), st.integers(min_value=1, max_value=50))
def test_perturbed_percent_yields_exactly_its_finding(case: tuple[Funding, int, int], extra: int) -> None:
    funding, _, pct_places = case
    assert funding.requested is not None
    assert funding.funded is not None
    assert funding.funded_percent is not None
    assert funding.funded_percent.value is not None
    assert funding.requested.amount is not None
    assert funding.funded.amount is not None
    low_requested = Fraction(funding.requested.amount - funding.requested.tolerance)
    assume(low_requested > 0)
    # The highest share the printed amounts allow, computed independently of opsfacts.
    high_share = Fraction(funding.funded.amount + funding.funded.tolerance) * 100 / low_requested
    step = Fraction(1, 10**pct_places)
    tolerance = step / 2
    units = int((high_share - Fraction(funding.funded_percent.value) + tolerance) / step) + extra
    wrong = Percentage(value=funding.funded_percent.value + Decimal(units) * Decimal(1).scaleb(-pct_places))
    assert pairs(skeleton(funding=attrs.evolve(funding, funded_percent=wrong))) == {
        ("OPS103", "$.funding.funded_percent")
    }


_ORIGINS = ["BFA", "CAF", "CIV", "MRT", "NER", "SEN", "SYR", "TCD"]


@st.composite
def consistent_populations(draw: st.DrawFn) -> Populations:
    """Groups with sex breakdowns that add up, and a stated total of the hosted groups."""
    origins = draw(st.lists(st.sampled_from(_ORIGINS), min_size=1, max_size=6, unique=True))
    groups = []
    for origin in origins:
        count = draw(st.integers(min_value=0, max_value=10**7))
        women = draw(st.integers(min_value=0, max_value=count))
        groups.append(
            PopulationGroup(
                types=(PopulationType.REF,),
                label=f"Refugees from {origin}",
                count=Quantity(value=count),
                origin=origin,
                by_sex=(
                    SexCount(sex=Sex.F, count=Quantity(value=women)),
                    SexCount(sex=Sex.M, count=Quantity(value=count - women)),
                ),
            )
        )
    if draw(st.booleans()):  # the country's own refugees abroad: never in the total
        abroad = draw(st.integers(min_value=0, max_value=10**7))
        groups.append(
            PopulationGroup(
                types=(PopulationType.REF,),
                label="Malian refugees",
                count=Quantity(value=abroad),
                origin="MLI",
                residence=Residence.ABROAD,
            )
        )
    hosted = sum(g.people or 0 for g in groups if g.residence is Residence.HOSTED)
    return Populations(groups=tuple(groups), totals=(PopulationTotal(count=Quantity(value=hosted)),))


@given(consistent_populations())
def test_consistent_populations_yield_no_finding(populations: Populations) -> None:
    assert pairs(skeleton(populations=populations)) == set()


@given(consistent_populations(), st.integers(min_value=1, max_value=10**6))
def test_perturbed_total_yields_exactly_its_finding(populations: Populations, extra: int) -> None:
    stated = populations.totals[0].count.value
    assert stated is not None
    wrong = attrs.evolve(populations, totals=(PopulationTotal(count=Quantity(value=stated + extra)),))
    assert pairs(skeleton(populations=wrong)) == {("OPS201", "$.populations.totals[0].count")}


@given(consistent_populations(), st.data())
def test_perturbed_breakdown_yields_exactly_its_finding(
    populations: Populations, data: st.DataObject
) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(populations.groups) - 1))
    group = populations.groups[index]
    assume(group.by_sex)
    extra = data.draw(st.integers(min_value=1, max_value=1000))
    first = group.by_sex[0].count
    assert first is not None
    assert first.value is not None
    by_sex = (attrs.evolve(group.by_sex[0], count=Quantity(value=first.value + extra)), *group.by_sex[1:])
    groups = list(populations.groups)
    groups[index] = attrs.evolve(group, by_sex=by_sex)
    wrong = attrs.evolve(populations, groups=tuple(groups))
    assert pairs(skeleton(populations=wrong)) == {("OPS203", f"$.populations.groups[{index}].by_sex")}


@given(
    st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=5),
    st.integers(min_value=-100, max_value=100).filter(bool),
)
def test_staff_total(counts: list[int], shift: int) -> None:
    staff = tuple(
        StaffGroup(category=StaffCategory.OTHER, label=f"Staff {i}", count=Quantity(value=c))
        for i, c in enumerate(counts)
    )
    total = sum(counts)
    assert pairs(skeleton(presence=Presence(staff=staff, stated_staff_total=Quantity(value=total)))) == set()
    assume(total + shift >= 0)
    wrong = Presence(staff=staff, stated_staff_total=Quantity(value=total + shift))
    assert pairs(skeleton(presence=wrong)) == {("OPS301", "$.presence.stated_staff_total")}
