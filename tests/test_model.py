"""The model refuses invalid values at construction and derives what it does not store."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

import attrs
import pytest

from opsfacts import (
    AgeCount,
    Contact,
    Factsheet,
    Figure,
    Funding,
    Link,
    Operation,
    OperationScope,
    Organisation,
    PartialDate,
    Period,
    PopulationGroup,
    PopulationType,
    Quantity,
    Scale,
)
from opsfacts.model import FORMAT_VERSION, OrganisationType, SectorCode


def test_figure_amount_applies_the_printed_scale() -> None:
    figure = Figure(value=Decimal("48.3"), scale=Scale.MILLION)
    assert figure.amount == Decimal("48300000")
    # 48.3 M stands for anything from 48.25 M to 48.35 M.
    assert figure.tolerance == Decimal("50000")


def test_figure_tolerance_follows_printed_decimals() -> None:
    assert Figure(value=Decimal("7")).tolerance == Decimal("0.5")
    assert Figure(value=Decimal("7.00")).tolerance == Decimal("0.005")
    assert Figure(value=Decimal("3068942")).tolerance == Decimal("0.5")


def test_funding_computes_gap_and_percentage_without_storing_them() -> None:
    funding = Funding(
        currency="USD",
        requested=Figure(value=Decimal("42749662")),
        funded=Figure(value=Decimal("3068942")),
    )
    assert funding.computed_unfunded == Decimal("39680720")
    assert funding.computed_funded_percent is not None
    assert round(funding.computed_funded_percent, 2) == Decimal("7.18")
    assert "computed_unfunded" not in {f.name for f in attrs.fields(Funding)}


def test_funding_percentage_is_none_without_a_request() -> None:
    assert Funding(currency="USD", funded=Figure(value=Decimal(1))).computed_funded_percent is None
    zero = Funding(currency="USD", requested=Figure(value=Decimal(0)), funded=Figure(value=Decimal(0)))
    assert zero.computed_funded_percent is None


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: PopulationGroup(types=(PopulationType.REF,), label="Refugees", count=Quantity(-1)),
            "at least 0",
        ),
        (lambda: PopulationGroup(label="Refugees"), "needs 'count' or 'households'"),
        (Quantity, "needs 'value' or 'printed'"),
        (lambda: PartialDate("2019-13"), "YYYY-MM-DD, YYYY-MM or YYYY"),
        (lambda: PartialDate("2019-02-30"), "real calendar date"),
        (lambda: PartialDate("March 2019"), "YYYY-MM-DD, YYYY-MM or YYYY"),
        (lambda: Funding(currency="QQQ"), "ISO 4217"),
        (lambda: Operation(name="Mali", countries=("ZZZ",)), "ISO 3166-1"),
        (lambda: Contact(name="A", email="not-an-email"), "email address"),
        (lambda: Link(label="x", url="ftp://example.org/"), "web address"),
        (lambda: Organisation(name="   "), "empty or blank"),
        (lambda: Figure(value=Decimal("-1")), "non-negative decimal"),
        (lambda: Figure(value=Decimal("1E+3")), "written out in full"),
    ],
)
def test_invalid_values_are_refused_at_construction(build: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()  # type: ignore[operator]


def test_constraints_apply_inside_tuples() -> None:
    with pytest.raises(ValueError, match=r"countries\[1\] must be an ISO 3166-1"):
        Operation(name="Sahel", countries=("MLI", "NOPE"), scope=OperationScope.MULTI_COUNTRY)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"countries": ()}, "at least one country"),
        ({"countries": ("MLI", "NER")}, "exactly one country"),
        ({"countries": ("MLI", "MLI"), "scope": OperationScope.MULTI_COUNTRY}, "each country once"),
        ({"countries": ("MLI",), "scope": OperationScope.SUBNATIONAL}, "area is given"),
        ({"countries": ("MLI",), "area": "Gao"}, "area is given"),
    ],
)
def test_operation_scope_rules(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Operation(name="x", **kwargs)  # type: ignore[arg-type]


def test_subnational_operation_has_an_area() -> None:
    operation = Operation(name="Gao", countries=("MLI",), scope=OperationScope.SUBNATIONAL, area="Gao")
    assert operation.country == "MLI"
    assert operation.area == "Gao"


def test_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="ends"):
        Period(start=PartialDate(datetime.date(2017, 6, 30)), end=PartialDate(datetime.date(2017, 6, 1)))


def test_dates_are_converted_from_python_dates_and_strings() -> None:
    period = Period(start="2019-03", end=datetime.date(2019, 4, 15))  # type: ignore[arg-type]
    assert period.start == PartialDate("2019-03")
    assert (period.first_day, period.last_day) == (datetime.date(2019, 3, 1), datetime.date(2019, 4, 15))
    assert PartialDate("2019").last_day == datetime.date(2019, 12, 31)
    with pytest.raises(ValueError, match="before it starts"):
        Period(start=PartialDate("2019-04"), end=PartialDate("2019-03"))


def test_age_band_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        AgeCount(min_age=18, max_age=5, count=Quantity(3))


def test_only_the_current_format_version_is_read() -> None:
    with pytest.raises(ValueError, match="format_version must be"):
        Factsheet(
            publisher=Organisation(name="UNHCR"),
            operation=Operation(name="Mali", countries=("MLI",)),
            title="Mali",
            period=Period(start=PartialDate("2017-06-01"), end=PartialDate("2017-06-30")),
            format_version="0.9",
        )
    assert FORMAT_VERSION == "2.0"


def test_models_are_frozen_and_slotted() -> None:
    organisation = Organisation(name="UNHCR")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        organisation.name = "x"  # type: ignore[misc]
    assert not hasattr(organisation, "__dict__")


def test_every_class_and_field_is_documented() -> None:
    from opsfacts.model import _classes as model
    from opsfacts.model._modelling import field_doc

    for name in model.__all__:
        cls = getattr(model, name)
        if not attrs.has(cls):
            continue
        assert (cls.__doc__ or "").strip(), name
        for field in attrs.fields(cls):
            assert field_doc(field).strip(), f"{name}.{field.name}"


def test_code_lists_carry_meanings_and_mappings() -> None:
    assert PopulationType.RDP.description.startswith("Returned internally displaced")
    assert OrganisationType.NATIONAL_NGO.iati_code == "22"
    assert OrganisationType.GOVERNMENT.is_governmental
    assert OrganisationType.RED_CROSS.is_ngo
    assert SectorCode.WASH.cluster is not None
    assert SectorCode.WASH.cluster.value == "WSH"
    assert SectorCode.COMMUNITY_EMPOWERMENT.cluster is None
    assert Scale.MILLION.suffix == "M"


def test_population_total_never_adds_people_living_abroad() -> None:
    from opsfacts import Populations, Residence

    populations = Populations(
        groups=(
            PopulationGroup(types=(PopulationType.REF,), label="Refugees in Mali", count=Quantity(17586)),
            PopulationGroup(
                types=(PopulationType.REF,),
                label="Malian refugees",
                count=Quantity(140103),
                residence=Residence.ABROAD,
                origin="MLI",
            ),
            PopulationGroup(types=(PopulationType.ASY,), label="Asylum seekers", count=Quantity(373)),
            PopulationGroup(types=(PopulationType.HST,), label="Host community", count=Quantity(90000)),
            PopulationGroup(label="Newly arrived (type not printed)", count=Quantity(printed="[XX]")),
        )
    )
    # People living abroad and host communities never count; a placeholder adds nothing.
    assert populations.computed_total == 17959
    assert [g.label for g in populations.hosted] == [
        "Refugees in Mali",
        "Asylum seekers",
        "Newly arrived (type not printed)",
    ]


def test_the_checks_are_reachable_from_the_top_level() -> None:
    import opsfacts
    import opsfacts.checks

    assert opsfacts.check is opsfacts.checks.check
    assert opsfacts.Severity.ERROR.value == "error"
    assert {"check", "Finding", "CheckConfig", "Severity"} <= set(opsfacts.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = opsfacts.nope


def test_a_factsheet_repr_is_a_readable_summary() -> None:
    from pathlib import Path

    import opsfacts

    mali = opsfacts.load(Path(__file__).resolve().parents[1] / "examples" / "mali-2017-06.corrected.json")
    assert repr(mali) == (
        "<Factsheet title='Mali Factsheet, June 2017', operation='Mali', period=2017-06-01..2017-06-30, "
        "3 sections, 6 population groups, 8 partners, 6 sectors, 43 donors, 3 contacts, funding>"
    )


def test_from_dict_takes_python_dates() -> None:
    import opsfacts

    data = {
        "publisher": {"name": "UNHCR"},
        "operation": {"name": "Chad", "countries": ["TCD"]},
        "title": "Chad",
        "format_version": "2.0",
        "period": {"start": datetime.date(2024, 3, 1), "end": datetime.date(2024, 3, 31)},
    }
    factsheet = opsfacts.from_dict(data)
    assert factsheet.period == Period(start=PartialDate("2024-03-01"), end=PartialDate("2024-03-31"))
    assert opsfacts.to_dict(factsheet)["period"] == {"start": "2024-03-01", "end": "2024-03-31"}
    data["period"] = {"start": datetime.datetime(2024, 3, 1, 12, 0)}
    with pytest.raises(opsfacts.InvalidDocument, match="expected a date string"):
        opsfacts.from_dict(data)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: Operation(name="T", countries=["TZA"]),  # type: ignore[arg-type]
            "Operation.countries must be a tuple, not list ['TZA']",
        ),
        (
            lambda: PopulationGroup(label="x", types=("REF",), count=Quantity(5)),  # type: ignore[arg-type]
            "PopulationGroup.types[0] must be a PopulationType, not str 'REF'",
        ),
        (
            lambda: Operation(name="T", countries=("TZA",), scope="country"),  # type: ignore[arg-type]
            "Operation.scope must be an OperationScope, not str 'country'",
        ),
        (
            lambda: Figure(value=48.3),  # type: ignore[arg-type]
            "Figure.value must be a decimal.Decimal such as Decimal('48.3'), not 48.3",
        ),
    ],
)
def test_wrong_python_types_are_refused_with_the_field_and_the_type(build: Any, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        build()
