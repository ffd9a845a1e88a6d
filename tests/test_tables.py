"""Tables: one row per item, stable columns, HXL hashtags, many factsheets at once, ``opsfacts convert``."""

from __future__ import annotations

import csv
import datetime
import io
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import opsfacts
from opsfacts import Factsheet, Figure, Funding, Operation, Organisation, Percentage, Period
from opsfacts.cli import main
from opsfacts.model import PartialDate
from opsfacts.strategies import factsheets
from opsfacts.tables import LEFT_OUT, TABLE_NAMES, Table, combine, table, tables, write_csv

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORRECTED = EXAMPLES / "mali-2017-06.corrected.json"


@pytest.fixture(scope="module")
def mali() -> Factsheet:
    return opsfacts.load(CORRECTED)


def minimal(country: str = "NER", end: datetime.date = datetime.date(2018, 3, 31)) -> Factsheet:
    return Factsheet(
        publisher=Organisation("UNHCR"),
        operation=Operation(name="Somewhere", countries=(country,)),
        title="A factsheet",
        period=Period(start=PartialDate(datetime.date(2018, 1, 1)), end=PartialDate(end)),
    )


def read(table_: Table, *, hxl: bool = False) -> list[list[str]]:
    buffer = io.StringIO(newline="")
    write_csv(table_, buffer, hxl=hxl)
    return list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))


ID = "MLI_2017-06-01--2017-06-30_factsheet"


def test_populations_one_row_per_group(mali: Factsheet) -> None:
    rows = read(tables(mali)["populations"], hxl=True)
    assert rows[0][:6] == ["country_code", "as_of", "factsheet_id", "population_type", "label", "count"]
    assert rows[1][:6] == [
        "#country+code",
        "#date",
        "#meta+id",
        "#group+code",
        "#group+name",
        "#population+ind",
    ]
    assert rows[2][:6] == ["MLI", "2017-06-30", ID, "RDP", "IDP returnees", "498170"]
    assert len(rows) == 2 + len(mali.populations.groups)  # type: ignore[union-attr]
    abroad = rows[3]
    assert abroad[rows[0].index("residence")] == "abroad"
    assert abroad[rows[0].index("footnotes")] == "*"
    # Nationals abroad have no country of asylum in the operation: a join on it cannot count them.
    assert (abroad[rows[0].index("asylum_country")], rows[2][rows[0].index("asylum_country")]) == ("", "MLI")
    assert rows[1][rows[0].index("asylum_country")] == "#country+asylum+code"
    assert [row[rows[0].index("group_key")] for row in rows[2:4]] == [f"{ID}/group-1", f"{ID}/group-2"]


def test_funding_amounts_are_tagged_once_with_a_currency_column(mali: Factsheet) -> None:
    header, tags, row = read(tables(mali)["funding"], hxl=True)
    record = dict(zip(header, row, strict=True))
    assert record["requested"] == "42749662"
    assert record["funded"] == "3068942"
    assert record["funded_percent"] == "7"
    assert dict(zip(header, tags, strict=True))["requested"] == "#value+funding+required"
    assert dict(zip(header, tags, strict=True))["currency"] == "#currency+code"


def test_the_tags_do_not_depend_on_the_currency(mali: Factsheet) -> None:
    requested = Figure(Decimal("48.3"), opsfacts.Scale.MILLION)
    euros = attrs.evolve(mali, funding=Funding(currency="EUR", requested=requested))
    funding = table("funding", [mali, euros])
    tags = dict(zip(funding.header, funding.hxl_row, strict=True))
    assert tags["requested"] == "#value+funding+required"
    assert funding.hxl_row == table("funding", [mali]).hxl_row == table("funding", [euros]).hxl_row
    assert [r["requested"] for r in funding.rows] == ["42749662", "48300000"]
    assert [r["currency"] for r in funding.rows] == ["USD", "EUR"]


def test_as_of_is_the_section_date_or_the_period_end(mali: Factsheet) -> None:
    dated = attrs.evolve(
        mali,
        populations=attrs.evolve(mali.populations, as_of=datetime.date(2017, 5, 31)),  # type: ignore[misc]
    )
    assert {r["as_of"] for r in table("populations", dated).rows} == {"2017-05-31"}
    assert {r["as_of"] for r in table("staff", dated).rows} == {"2017-06-30"}


def test_every_table_has_the_key_columns_and_rows_for_the_reference(mali: Factsheet) -> None:
    found = tables(mali)
    assert tuple(found) == TABLE_NAMES
    counts = {name: len(t.rows) for name, t in found.items()}
    assert mali.donors is not None
    assert counts == {
        "factsheets": 1,
        "key-figures": 0,
        "populations": 6,
        "population-totals": 0,
        "breakdowns": 0,  # the reference prints no breakdown
        "funding": 1,
        "presence": 0,  # no stated totals
        "staff": 2,
        "offices": 4,
        "partners": 8,
        "targets": 9,
        "donors": len(mali.donors.major) + len(mali.donors.others),
    }
    partners = dict(zip(found["partners"].header, found["partners"].hxl_row, strict=True))
    assert (partners["name"], partners["role"]) == ("#org+name", "#org+role")
    targets = dict(zip(found["targets"].header, found["targets"].hxl_row, strict=True))
    assert (targets["quantity"], targets["targeted"], targets["reached"]) == ("", "#targeted", "#reached")
    assert targets["cluster_code"] == "#sector+cluster+code"
    offices = dict(zip(found["offices"].header, found["offices"].hxl_row, strict=True))
    assert offices["locations"] == ""  # a list: #loc+name holds one place


def test_columns_are_stable_whatever_the_factsheet_holds(mali: Factsheet) -> None:
    empty = tables(minimal())
    full = tables(mali)
    for name in TABLE_NAMES:
        assert empty[name].header == full[name].header
        # Every factsheet has its one row in "factsheets"; other tables are empty for an empty sheet.
        assert len(empty[name].rows) == (1 if name == "factsheets" else 0)


def test_many_factsheets_concatenate(mali: Factsheet) -> None:
    other = attrs.evolve(mali, operation=Operation(name="Niger", countries=("NER",)))
    combined = combine([mali, other])
    populations = combined["populations"]
    assert [r["country_code"] for r in populations.rows] == ["MLI"] * 6 + ["NER"] * 6


@given(factsheets())
def test_every_factsheet_gives_well_formed_tables(factsheet: Factsheet) -> None:
    for found in tables(factsheet).values():
        rows = read(found, hxl=True)
        assert all(len(row) == len(found.columns) for row in rows)
        assert all(row[0] == factsheet.operation.country for row in rows[2:])
        assert all(PartialDate(row[1]) for row in rows[2:])


def test_convert_writes_one_table_per_section(tmp_path: Path) -> None:
    assert main(["convert", str(EXAMPLES), "--to", "hxl", "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{n}.csv" for n in TABLE_NAMES)
    with (tmp_path / "out" / "populations.csv").open(newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    assert rows[1][0] == "#country+code"
    assert len(rows) == 2 + 6 * len(list(EXAMPLES.glob("*.json")))  # six groups in every example


def test_convert_one_table_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(CORRECTED), "--to", "csv", "--table", "funding"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("country_code,as_of,factsheet_id,currency,requested")
    assert "#" not in out


def test_convert_without_table_or_directory_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(CORRECTED), "--to", "csv"]) == 2
    assert "--table" in capsys.readouterr().err


def test_convert_to_yaml_and_back(tmp_path: Path, mali: Factsheet) -> None:
    out = tmp_path / "mali.yaml"
    assert main(["convert", str(CORRECTED), "--to", "yaml", "-o", str(out)]) == 0
    assert opsfacts.load(out) == mali
    assert main(["convert", str(out), "--to", "json", "-o", str(tmp_path / "mali.json")]) == 0
    assert (tmp_path / "mali.json").read_text(encoding="utf-8") == CORRECTED.read_text(encoding="utf-8")


def test_convert_reports_invalid_documents_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: 3\n", encoding="utf-8")
    assert main(["convert", str(bad), "--to", "json"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:1:8: $.title: " in err
    assert "Traceback" not in err
    assert main(["convert", str(tmp_path / "missing.json"), "--to", "json"]) == 2


def test_breakdowns_one_row_per_part(mali: Factsheet) -> None:
    from opsfacts import AgeCount, OriginCount, Quantity, Sex, SexCount

    assert mali.populations is not None
    refugees = attrs.evolve(
        mali.populations.groups[4],
        by_origin=(
            OriginCount(origin="MRT", count=Quantity(15000)),
            OriginCount(origin="BFA", count=Quantity(2586)),
        ),
        by_sex=(SexCount(sex=Sex.F, count=Quantity(9000)), SexCount(sex=Sex.M, count=Quantity(8586))),
        by_age=(
            AgeCount(min_age=0, max_age=17, count=Quantity(9500)),
            AgeCount(min_age=18, count=Quantity(8086)),
        ),
    )
    groups = (*mali.populations.groups[:4], refugees, *mali.populations.groups[5:])
    sheet = attrs.evolve(mali, populations=attrs.evolve(mali.populations, groups=groups))
    breakdowns = table("breakdowns", sheet)
    parts = [
        (r["by"], r["origin"], r["sex"], r["min_age"], r["max_age"], r["count"]) for r in breakdowns.rows
    ]
    assert parts == [
        ("origin", "MRT", None, None, None, 15000),
        ("origin", "BFA", None, None, None, 2586),
        ("sex", None, "f", None, None, 9000),
        ("sex", None, "m", None, None, 8586),
        ("age", None, None, 0, 17, 9500),
        ("age", None, None, 18, None, 8086),
    ]
    assert {r["population_type"] for r in breakdowns.rows} == {"REF"}
    assert {r["label"] for r in breakdowns.rows} == {"Refugees in Mali (mixed origin)"}
    tags = dict(zip(breakdowns.header, breakdowns.hxl_row, strict=True))
    assert (tags["count"], tags["origin"], tags["sex"]) == ("#population+ind", "#country+origin+code", "")


# --- figures exactly as the model holds them ---------------------------------------------------


def test_figures_keep_their_printed_precision() -> None:
    funding = Funding(
        currency="USD",
        requested=Figure(Decimal("7.50")),
        funded=Figure(Decimal("48.30"), opsfacts.Scale.MILLION),
        unfunded=Figure(Decimal("0.05"), opsfacts.Scale.THOUSAND),
        funded_percent=Percentage(Decimal("7.50")),
        unfunded_percent=Percentage(Decimal("92.5")),
    )
    row = table("funding", attrs.evolve(minimal(), funding=funding)).rows[0]
    assert (row["requested"], row["funded"], row["unfunded"]) == ("7.50", "48300000", "50")
    assert (row["funded_percent"], row["unfunded_percent"]) == ("7.50", "92.5")


def test_amounts_are_exact_however_many_digits() -> None:
    digits = "1234567890123456789012345678901234567890.125"
    funding = Funding(currency="USD", requested=Figure(Decimal(digits), opsfacts.Scale.MILLION))
    row = table("funding", attrs.evolve(minimal(), funding=funding)).rows[0]
    assert row["requested"] == "1234567890123456789012345678901234567890125000"
    funding = Funding(currency="USD", requested=Figure(Decimal(digits), opsfacts.Scale.ONE))
    assert table("funding", attrs.evolve(minimal(), funding=funding)).rows[0]["requested"] == digits


@given(factsheets())
def test_every_amount_is_the_printed_value_times_its_scale(factsheet: Factsheet) -> None:
    for row, figure in zip(table("donors", factsheet).rows, _donor_figures(factsheet), strict=True):
        _assert_exact(row["amount"], figure)
    for row, key in zip(table("key-figures", factsheet).rows, factsheet.key_figures, strict=True):
        _assert_exact(row["amount"], key.amount)
    if factsheet.funding is not None:
        (row,) = table("funding", factsheet).rows
        for name in ("requested", "funded", "unfunded"):
            _assert_exact(row[name], getattr(factsheet.funding, name))


def _assert_exact(cell: object, figure: Figure | None) -> None:
    if figure is None or figure.value is None:  # absent, or a placeholder printed instead
        assert cell is None
    else:
        assert isinstance(cell, str)
        assert Decimal(cell) == figure.value * 10**figure.scale.exponent
        assert "E" not in cell


def _donor_figures(factsheet: Factsheet) -> list[Figure | None]:
    if factsheet.donors is None:
        return []
    return [d.amount for d in (*factsheet.donors.major, *factsheet.donors.others)]


# --- every model field is in a table or left out on purpose ------------------------------------


def _nested(tp: Any) -> list[type]:
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (tuple, types.UnionType, typing.Union):
        return [cls for arg in args for cls in _nested(arg)]
    return [tp] if isinstance(tp, type) and attrs.has(tp) else []


def model_fields(cls: type = Factsheet, prefix: str = "") -> set[str]:
    """Dotted paths of every attrs field reachable from the class: ``populations.groups.label``."""
    found: set[str] = set()
    for field in attrs.fields(cls):
        path = prefix + field.name
        inner = _nested(field.type)
        if not inner:
            found.add(path)
        for nested in inner:
            found |= model_fields(nested, path + ".")
    return found


def test_every_model_field_is_written_or_left_out_on_purpose() -> None:
    written = {path for name in TABLE_NAMES for c in table(name, []).columns for path in c.fields}
    fields = model_fields()
    assert "activities.statements.targets.action" in fields  # the walk reaches nested tuples
    # ... and every format 2.0 class, through optionals and tuples of them
    assert {
        "populations.groups.count.printed",
        "populations.groups.share.value",
        "populations.totals.by_category.percent.printed",
        "presence.staff.parts.count.qualifier",
        "key_figures.amount.scale",
        "partners.stated_counts.roles",
    } <= fields
    assert written <= fields, f"columns name fields the model does not have: {sorted(written - fields)}"
    assert set(LEFT_OUT) <= fields, f"LEFT_OUT names fields the model does not have: {set(LEFT_OUT) - fields}"
    assert not written & set(LEFT_OUT), f"written and left out: {sorted(written & set(LEFT_OUT))}"
    assert fields - written - set(LEFT_OUT) == set(), "in no table and not in LEFT_OUT"
    assert all(reason.strip() for reason in LEFT_OUT.values())


def test_the_docs_name_every_field_left_out() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "tables.rst").read_text(encoding="utf-8")
    assert [path for path in LEFT_OUT if f"``{path}``" not in docs] == []


def test_fields_that_were_in_no_table(mali: Factsheet) -> None:
    partners = table("partners", mali)
    assert "type_label" in partners.header
    targets = table("targets", mali)
    assert {"action", "footnotes"} <= set(targets.header)
    actions = [row["action"] for row in targets.rows]
    assert any(actions)
    assert [row["footnotes"] for row in table("funding", mali).rows] == [_join_markers(mali.funding)]


def _join_markers(block: Any) -> str | None:
    return "; ".join(block.footnotes) or None


FORMAT_2: dict[str, Any] = {
    "format_version": "2.0",
    "publisher": {"name": "United Nations High Commissioner for Refugees", "acronym": "UNHCR"},
    "operation": {"name": "Gambella", "countries": ["ETH"], "scope": "subnational", "area": "Gambella"},
    "title": "Gambella factsheet",
    "period": {"start": "2019-03"},
    "key_figures": [
        {"label": "required", "amount": {"value": "306.70", "scale": "million"}, "currency": "USD"},
        {"label": "still needed", "amount": {"printed": "USD [Figure] M"}, "currency": "USD"},
    ],
    "populations": {
        "groups": [
            {
                "label": "Refugees",
                "types": ["REF"],
                "count": 10000,
                "by_category": [
                    {"label": "Children", "percent": "65.0"},
                    {"label": "with specific needs", "count": 2118},
                ],
            },
            {"label": "new arrivals", "types": ["REF"], "count": 1200, "part_of": "Refugees"},
        ],
        "totals": [
            {
                "count": 8000,
                "label": "IDPs",
                "types": ["IDP"],
                "by_sex": [{"sex": "f", "percent": "51"}],
                "by_category": [{"label": "Women", "percent": "21"}],
            }
        ],
        "main_origins": ["SSD", "SOM"],
    },
    "presence": {
        "staff": [{"category": "national", "label": "National Staff", "count": 12}],
        "offices": [{"type": "sub-office", "label": "Sub-Office", "count": 1}],
        "footnotes": ["*"],
    },
    "donors": {"currency": "USD", "major": [{"name": "United States", "country": "USA", "note": "PRM"}]},
}


def test_format_2_fields_are_in_tables() -> None:
    sheet = opsfacts.from_dict(FORMAT_2)
    found = tables(sheet)
    (about,) = found["factsheets"].rows
    assert (about["scope"], about["area"], about["publisher_acronym"], about["main_origins"]) == (
        "subnational",
        "Gambella",
        "UNHCR",
        "SSD; SOM",
    )
    money = [(r["amount"], r["amount_printed"], r["currency"]) for r in found["key-figures"].rows]
    assert money == [("306700000", None, "USD"), (None, "USD [Figure] M", "USD")]
    assert dict(zip(found["key-figures"].header, found["key-figures"].hxl_row, strict=True))["amount"] == (
        "#value"
    )
    assert [r["part_of"] for r in found["populations"].rows] == [None, "Refugees"]
    (total,) = found["population-totals"].rows
    assert total["population_type"] == "IDP"
    parts = [
        (r["whole"], r["label"], r["by"], r["category"], r["sex"], r["count"], r["percent"], r["partial"])
        for r in found["breakdowns"].rows
    ]
    assert parts == [
        ("group", "Refugees", "category", "Children", None, None, "65.0", True),
        ("group", "Refugees", "category", "with specific needs", None, 2118, None, True),
        ("total", "IDPs", "sex", None, "f", None, "51", False),
        ("total", "IDPs", "category", "Women", None, None, "21", True),
    ]
    assert [r["footnotes"] for r in (*found["staff"].rows, *found["offices"].rows)] == ["*", "*"]
    assert found["presence"].rows == ()  # no stated total: the markers are on the staff and office rows
    assert [r["note"] for r in found["donors"].rows] == ["PRM"]
