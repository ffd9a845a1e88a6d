"""Tables: one row per item, stable columns, HXL hashtags, many factsheets at once, ``opsfacts convert``."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import opsfacts
from opsfacts import Factsheet, Figure, Funding, Operation, Organisation, Period
from opsfacts.cli import main
from opsfacts.dates import PartialDate
from opsfacts.strategies import factsheets
from opsfacts.tables import TABLE_NAMES, Table, combine, table, tables, write_csv

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


def test_populations_one_row_per_group(mali: Factsheet) -> None:
    rows = read(tables(mali)["populations"], hxl=True)
    assert rows[0][:5] == ["country_code", "as_of", "population_type", "label", "count"]
    assert rows[1][:5] == [
        "#country+code",
        "#date",
        "#population+type+code",
        "#population+type+name",
        "#population+ind",
    ]
    assert rows[2][:5] == ["MLI", "2017-06-30", "RDP", "IDP returnees", "498170"]
    assert len(rows) == 2 + len(mali.populations.groups)  # type: ignore[union-attr]
    abroad = rows[3]
    assert abroad[rows[0].index("residence")] == "abroad"
    assert abroad[rows[0].index("footnotes")] == "*"


def test_funding_in_usd_is_tagged_usd(mali: Factsheet) -> None:
    header, tags, row = read(tables(mali)["funding"], hxl=True)
    record = dict(zip(header, row, strict=True))
    assert record["requested"] == "42749662"
    assert record["funded"] == "3068942"
    assert record["funded_percent"] == "7"
    assert dict(zip(header, tags, strict=True))["requested"] == "#value+funding+required+usd"
    assert dict(zip(header, tags, strict=True))["currency"] == "#currency+code"


def test_funding_in_another_currency_is_not_tagged_usd(mali: Factsheet) -> None:
    requested = Figure(Decimal("48.3"), opsfacts.Scale.MILLION)
    euros = attrs.evolve(mali, funding=Funding(currency="EUR", requested=requested))
    funding = table("funding", [mali, euros])
    tags = dict(zip(funding.header, funding.hxl_row, strict=True))
    assert tags["requested"] == "#value+funding+required"
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
    assert partners["name"] == "#org+impl+name"
    targets = dict(zip(found["targets"].header, found["targets"].hxl_row, strict=True))
    assert targets["quantity"] == "#targeted"
    assert targets["cluster_code"] == "#sector+cluster+code"
    offices = dict(zip(found["offices"].header, found["offices"].hxl_row, strict=True))
    assert offices["locations"] == "#loc+name"


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
    assert len(rows) == 2 + 2 * 6  # both examples


def test_convert_one_table_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(CORRECTED), "--to", "csv", "--table", "funding"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("country_code,as_of,currency,requested")
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
