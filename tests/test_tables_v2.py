"""Format 2.0 in the tables: new tables and columns, asserted cell by cell, and their HXL hashtags."""

from __future__ import annotations

import csv
import io

import attrs
import pytest

from opsfacts import Factsheet, Quantity
from opsfacts.tables import Cell, Table, tables, write_csv
from test_render_v2 import HUGE, rich


@pytest.fixture(scope="module")
def sheet() -> Factsheet:
    return rich()


@pytest.fixture(scope="module")
def found(sheet: Factsheet) -> dict[str, Table]:
    return tables(sheet)


def rows(table: Table) -> list[dict[str, Cell]]:
    return [dict(row) for row in table.rows]


def tags(table: Table) -> dict[str, str]:
    return dict(zip(table.header, table.hxl_row, strict=True))


def test_factsheets_table(found: dict[str, Table]) -> None:
    (row,) = rows(found["factsheets"])
    assert row["as_of"] == "2019-03-15"  # the date it is dated by
    assert (row["kind"], row["language"]) == ("operational-update", "fr")
    assert (row["period_start"], row["period_end"], row["date"], row["published"]) == (
        "2019-03",
        "2019-03",
        "2019-03-15",
        "2019",
    )


def test_key_figures_table(found: dict[str, Table]) -> None:
    table = found["key-figures"]
    got = [
        (r["label"], r["quantity"], r["quantity_qualifier"], r["quantity_printed"], r["percent"], r["unit"])
        for r in rows(table)
    ]
    assert got == [
        ("people evacuated", 860, "about", None, None, None),
        ("children vaccinated", None, None, None, "91.3", None),
        ("built", None, "exact", "[XX]", None, "shelters"),
    ]
    first = rows(table)[0]
    assert (first["as_of"], first["since"], first["kind"], first["source"]) == (
        "2019-03",
        "2019-01",
        "achieved",
        "OCHA",
    )
    assert (tags(table)["quantity"], tags(table)["percent"], tags(table)["since"]) == (
        "#indicator+num",
        "#indicator+pct",
        "#date+start",
    )


def test_populations_new_columns(found: dict[str, Table]) -> None:
    table = found["populations"]
    combined, idps, host, sudanese = rows(table)
    assert combined["population_type"] == "REF; ASY"
    assert (combined["count"], combined["count_qualifier"], combined["count_printed"]) == (
        6500,
        "at-least",
        "over 6,500",
    )
    assert combined["households"] == 1200
    assert (combined["place"], combined["place_type"], combined["setting"]) == ("Kakuma", "camp", "camp")
    assert (combined["share"], combined["share_printed"]) == (None, "[XX]%")
    assert combined["partial"] == "age"
    assert combined["as_of"] == "2019-02"
    assert combined["source"] == "UNHCR and partners"  # the block's source
    assert (idps["count"], idps["count_printed"], idps["source"]) == (None, "[XX]", "IOM")
    assert (host["population_type"], host["count"], host["households"]) == (None, None, 300)
    assert (sudanese["count"], sudanese["count_printed"]) == (412305, "412.305")
    assert tags(table)["households"] == "#population+hh"
    assert tags(table)["place"] == "#loc+name"
    assert tags(table)["count"] == "#population+ind"  # settings differ between rows


def test_the_tags_do_not_depend_on_the_settings_of_the_rows(sheet: Factsheet) -> None:
    assert sheet.populations is not None
    camp = sheet.populations.groups[0]
    in_camps = attrs.evolve(sheet, populations=attrs.evolve(sheet.populations, groups=(camp, camp)))
    table = tables(in_camps)["populations"]
    assert (tags(table)["count"], tags(table)["households"]) == ("#population+ind", "#population+hh")
    assert table.hxl_row == tables(sheet)["populations"].hxl_row


def test_population_totals_table(found: dict[str, Table]) -> None:
    table = found["population-totals"]
    got = [
        (r["label"], r["count"], r["count_qualifier"], r["households"], r["source"], r["as_of"])
        for r in rows(table)
    ]
    assert got == [
        ("Total (government)", 125000, "exact", None, "Government", "2019-02"),
        ("Total (UNHCR)", 118000, "about", 30000, "UNHCR", "2019-03"),
    ]
    assert tags(table)["count"] == "#population+ind+total"


def test_breakdowns_percent_and_partial(found: dict[str, Table]) -> None:
    got = [
        (r["by"], r["sex"], r["min_age"], r["count"], r["percent"], r["partial"])
        for r in rows(found["breakdowns"])
    ]
    assert got == [
        ("sex", "f", None, 3400, "52", False),
        ("sex", "m", None, None, "48", False),
        ("age", None, 0, 3200, None, True),
    ]


def test_funding_year_coverage_and_printed(found: dict[str, Table]) -> None:
    (row,) = rows(found["funding"])
    assert (row["requested"], row["funded"], row["funded_printed"]) == ("48300000", None, "USD [Figure] M")
    assert (row["funded_percent"], row["funded_percent_printed"]) == (None, "[XX]%")
    assert (row["year"], row["covers"]) == (2019, "the whole of Ethiopia")
    assert tags(found["funding"])["year"] == "#date+year"


def test_presence_staff_and_offices(found: dict[str, Table]) -> None:
    (totals,) = rows(found["presence"])
    assert (totals["staff_total"], totals["office_total"], totals["as_of"]) == (36, 3, "2019-03")
    staff = [(r["category"], r["label"], r["count"], r["part_of"]) for r in rows(found["staff"])]
    assert staff == [
        ("affiliate", "Affiliate workforce", 32, None),
        ("international", "international", 5, "affiliate"),
        ("national", "national", 27, "affiliate"),
        ("unv", "UN Volunteers", 4, None),
    ]
    assert [r["under"] for r in rows(found["offices"])] == [None, "Sub-Office Gao"]
    assert {r["as_of"] for r in rows(found["offices"])} == {"2019-03"}


def test_office_total_only(sheet: Factsheet) -> None:
    assert sheet.presence is not None
    only = attrs.evolve(
        sheet, presence=attrs.evolve(sheet.presence, offices=(), staff=(), stated_staff_total=None)
    )
    found = tables(only)
    assert found["offices"].rows == ()
    (row,) = rows(found["presence"])
    assert (row["staff_total"], row["office_total"]) == (None, 3)


def test_partners_without_type_or_role_are_empty_in_csv(found: dict[str, Table]) -> None:
    table = found["partners"]
    buffer = io.StringIO(newline="")
    write_csv(table, buffer)
    header, mystery, caritas = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    record = dict(zip(header, mystery, strict=True))
    assert (record["organisation_type"], record["iati_type_code"], record["role"]) == ("", "", "")
    assert record["and_others"] == "and others"
    record = dict(zip(header, caritas, strict=True))
    assert (record["organisation_type"], record["role"], record["type_label"]) == (
        "national-ngo",
        "operational",
        "faith-based organisation",
    )
    assert tags(table)["name"] == "#org+name"  # not every partner is an implementing partner


def test_donors_type_acronym_iati_and_others(found: dict[str, Table]) -> None:
    eu, japan = rows(found["donors"])
    assert (eu["acronym"], eu["donor_type"], eu["iati_id"], eu["amount"]) == (
        "ECHO",
        "multilateral",
        "XM-DAC-918-3",
        "12500000",
    )
    assert (eu["scope"], eu["and_others"]) == (None, "and others")
    assert (japan["amount"], japan["amount_printed"]) == (None, "[Figure]")
    assert (tags(found["donors"])["donor_type"], tags(found["donors"])["iati_id"]) == (
        "#org+funder+type",
        "#org+funder+code",
    )


def test_targets_quantity_and_printed(found: dict[str, Table]) -> None:
    got = [(r["quantity"], r["qualifier"], r["quantity_printed"], r["unit"]) for r in rows(found["targets"])]
    assert got == [(700, "at-least", None, "children"), (None, "exact", "[XX]", "boreholes")]


def test_huge_counts_are_written_in_full(sheet: Factsheet) -> None:
    assert sheet.populations is not None
    group = attrs.evolve(sheet.populations.groups[0], count=Quantity(HUGE))
    big = attrs.evolve(sheet, populations=attrs.evolve(sheet.populations, groups=(group,)))
    buffer = io.StringIO(newline="")
    write_csv(tables(big)["populations"], buffer)
    header, row = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert dict(zip(header, row, strict=True))["count"] == "1" + "0" * 4999 + "7"
