"""The roll-up of the invented Sahel set: every total worked out by hand, never by the code under test."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import opsfacts
from opsfacts.aggregate import (
    ExclusionRule,
    InputError,
    Rollup,
    operation_key,
    rollup,
    rollup_files,
    tables,
    to_data,
)
from opsfacts.tables import write_csv

DATA = Path(__file__).resolve().parent / "data" / "rollup"
FILES = sorted(DATA.glob("*.*"))


@pytest.fixture(scope="module")
def latest() -> Rollup:
    return rollup_files([DATA])


@pytest.fixture(scope="module")
def every() -> Rollup:
    return rollup_files([DATA], editions="all")


def test_the_set_is_twelve_valid_factsheets() -> None:
    assert len(FILES) == 12
    languages = {opsfacts.load(path).language for path in FILES}
    assert languages == {"en", "fr"}


def test_people_are_counted_once(latest: Rollup) -> None:
    # MLI 375,539 + 88,120 + 16,824 + 1,210 = 481,693
    # NER 198,440 + 61,206 + 33,010 + 335,277 + 4,512 = 632,445
    # BFA 2,062,534 + 35,919 + 1,102 = 2,099,555
    # MRT 96,712 + about 6,000 = 102,712
    # 481,693 + 632,445 + 2,099,555 + 102,712 = 3,316,405
    assert latest.people == 3316405
    assert latest.approximate is True  # "about 6,000" in Mauritania
    people = {o.key: o.latest.people for o in latest.operations}
    assert people == {
        "MLI": 481693,
        "NER": 632445,
        "BFA": 2099555,
        "MRT": 102712,
        "MLI/Ménaka": 36000,
        "BFA+MLI+NER": 2773350,
    }


def test_totals_by_type(latest: Rollup) -> None:
    by_type = {t.population_type: t.people for t in latest.by_type}
    assert by_type == {
        "IDP": 2773350,  # 375,539 (MLI) + 335,277 (NER) + 2,062,534 (BFA)
        "REF": 442111,  # 16,824 (MLI) + 198,440 + 61,206 + 33,010 (NER) + 35,919 (BFA) + 96,712 (MRT)
        "RET": 88120,  # MLI only: Niger's returnees are printed as households
        "ASY": 6824,  # 1,210 (MLI) + 4,512 (NER) + 1,102 (BFA)
        "REF; ASY": 6000,  # MRT, a combined group, never split
    }
    assert [t.population_type for t in latest.by_type] == ["IDP", "REF", "RET", "ASY", "REF; ASY"]


def test_totals_by_origin_count_nationals_abroad_where_they_live(latest: Rollup) -> None:
    by_origin = {t.origin: t.people for t in latest.by_origin}
    assert by_origin == {
        "BFA": 2112368,  # 16,824 (in MLI) + 33,010 (in NER) + 2,062,534 (IDPs in BFA)
        # 375,539 + 88,120 (in MLI) + 61,206 (NER) + 35,919 (BFA) + 96,712 (MRT); not Mali's 290,000 abroad
        "MLI": 657496,
        "NER": 336379,  # 335,277 (IDPs in NER) + 1,102 (in BFA)
        "NGA": 198440,
        "mixed": 11722,  # 1,210 + 4,512 + 6,000
    }


def test_staff_offices_and_partners(latest: Rollup) -> None:
    # Staff: MLI 120 + 31 + 25 = 176 (parts and stated total not added); NER 148 + 41 + 23 = 212;
    # BFA 190 (stated total only); MRT 62 + 14 = 76; 176 + 212 + 190 + 76 = 654
    assert latest.staff == 654
    # Offices: MLI 1 + 2 + 3 = 6; NER 1 + 2 + 1 (one location, no count) = 4; BFA 5; MRT 2; = 17
    assert latest.offices == 17
    # Partners: DRC, NRC, Stop Sahel, AMSS, Karkara, Plan International, Solidarités International,
    # ALPD, Intersos, Action contre la Faim = 10 (DRC named in three sheets, once in lower case)
    assert latest.partners == 10


def test_funding_per_currency_and_year_never_mixed(latest: Rollup) -> None:
    funding = {(t.currency, t.year): (t.requested, t.funded, t.operations) for t in latest.funding}
    assert funding == {
        ("EUR", 2023): (Decimal("98600000"), Decimal("30200000"), ("NER",)),
        # 112.4 M + 41.9 M = 154.3 M requested; 41.7 M + 20.45 M = 62.15 M funded
        ("USD", 2023): (Decimal("154300000"), Decimal("62150000"), ("MLI", "MRT")),
        # Burkina Faso printed a placeholder for what was funded: not stated, not 0.
        ("USD", 2024): (Decimal("127300000"), None, ("BFA",)),
    }
    assert latest.funding_mixed is True
    usd_2023 = latest.funding[1]
    assert usd_2023.funded_percent is not None
    assert usd_2023.funded_percent.quantize(Decimal("0.01")) == Decimal("40.28")  # 62.15 / 154.3


def test_each_exclusion_is_listed_with_why(latest: Rollup) -> None:
    found = {(Path(e.file).name, e.rule, e.people) for e in latest.exclusions}
    assert found == {
        ("mali-2022-12.yaml", ExclusionRule.SUPERSEDED, 412000),
        ("mali-2023-06.json", ExclusionRule.SUPERSEDED, 471500),
        ("mali-2023-12.yaml", ExclusionRule.ABROAD, 290000),
        ("mali-2023-12.yaml", ExclusionRule.PART_OF_GROUP, 12400),
        ("mali-2023-12.yaml", ExclusionRule.HOST_COMMUNITY, 150000),
        ("mali-2023-12.yaml", ExclusionRule.BREAKDOWN, None),
        ("mali-2023-12.yaml", ExclusionRule.STATED_TOTAL, 481693),
        ("mali-2023-12.yaml", ExclusionRule.STATED_TOTAL, 482000),
        ("mali-2023-12.yaml", ExclusionRule.STATED_TOTAL, None),
        ("mali-menaka-2023-11.yaml", ExclusionRule.SUBNATIONAL, 36000),
        ("niger-2023-03.fr.yaml", ExclusionRule.SUPERSEDED, 560000),
        ("niger-2023-09.fr.yaml", ExclusionRule.NO_FIGURE, None),
        ("burkina-faso-2023-06.json", ExclusionRule.SUPERSEDED, 2032127),
        ("burkina-faso-2024-01-15.json", ExclusionRule.ABROAD, 151000),
        ("burkina-faso-2024-01-15.json", ExclusionRule.NO_FIGURE, None),
        ("mauritania-2023-h1.yaml", ExclusionRule.SUPERSEDED, 90000),
        ("mauritania-2023-q2-q3.json", ExclusionRule.SUPERSEDED, 94000),
        ("sahel-situation-2023-12.yaml", ExclusionRule.OVERLAPPING, 2773350),
    }
    abroad = next(e for e in latest.exclusions if e.people == 290000)
    assert abroad.what == 'group "Malian refugees in neighbouring countries" (290,000 people)'
    assert abroad.why == "nationals of MLI living abroad; the hosting operation's sheet counts them"
    assert abroad.operation_key == "MLI"
    assert (abroad.period_start, abroad.period_end) == ("2023-12-01", "2023-12-31")


def test_parts_are_shown_not_added(latest: Rollup) -> None:
    parts = {o.key: o.part_of for o in latest.operations if not o.counted}
    assert parts == {"MLI/Ménaka": "MLI", "BFA+MLI+NER": "BFA"}
    assert [o.key for o in latest.counted] == ["BFA", "MLI", "MRT", "NER"]


def test_every_edition_is_a_time_series_but_only_the_latest_is_added(every: Rollup, latest: Rollup) -> None:
    series = {o.key: [(str(e.period_end), e.people, e.counted) for e in o.editions] for o in every.operations}
    assert series["MLI"] == [
        ("2022-12", 412000, False),
        ("2023-06-30", 471500, False),
        ("2023-12-31", 481693, True),
    ]
    assert series["MRT"] == [("2023-06", 90000, False), ("2023-09", 94000, False), ("2023-10", 102712, True)]
    assert series["NER"] == [("2023-03", 560000, False), ("2023-09", 632445, True)]
    assert every.people == 3316405  # the same total as the latest editions alone
    assert every.by_type == latest.by_type
    assert every.funding == latest.funding


def test_the_library_call_gives_what_the_files_give(latest: Rollup) -> None:
    factsheets = [opsfacts.load(path) for path in FILES]
    from_library = rollup(factsheets)
    assert from_library.by_type == latest.by_type
    assert from_library.by_origin == latest.by_origin
    assert from_library.funding == latest.funding
    assert (from_library.staff, from_library.offices, from_library.partners) == (654, 17, 10)
    assert {e.file for e in from_library.exclusions} <= {f"#{i}" for i in range(12)}


def test_the_same_document_twice_is_counted_once() -> None:
    niger = opsfacts.load(DATA / "niger-2023-09.fr.yaml")
    twice = rollup([niger, niger])
    assert twice.people == 632445
    assert [(e.file, e.rule) for e in twice.exclusions if e.rule is ExclusionRule.DUPLICATE] == [
        ("#1", ExclusionRule.DUPLICATE)
    ]


def test_operation_keys() -> None:
    keys = {operation_key(opsfacts.load(path)) for path in FILES}
    assert keys == {"MLI", "MLI/Ménaka", "NER", "BFA", "MRT", "BFA+MLI+NER"}


def test_tables_carry_the_operation_key_and_period(latest: Rollup) -> None:
    written = {}
    for name, table in tables(latest).items():
        buffer = io.StringIO(newline="")
        write_csv(table, buffer, hxl=True)
        written[name] = list(csv.reader(io.StringIO(buffer.getvalue())))
    for name, (header, hashtags, *rows) in written.items():
        assert header[:5] == ["country_code", "as_of", "operation_key", "period_start", "period_end"], name
        assert hashtags[:5] == ["#country+code", "#date", "", "#date+start", "#date+end"], name
        assert all(row[2] and row[3] and row[4] for row in rows), name
    header, hashtags, *rows = written["operations"]
    niger = next(dict(zip(header, row, strict=True)) for row in rows if row[2] == "NER")
    assert niger["people"] == "632445"
    assert niger["requested"] == "98600000"
    assert niger["currency"] == "EUR"
    assert hashtags[header.index("people")] == "#population+ind+total"
    # Amounts in two currencies: no +usd attribute, as in opsfacts.tables.
    assert hashtags[header.index("requested")] == "#value+funding+required"
    header, _, *rows = written["totals-by-type"]
    assert (rows[0][2], rows[0][5], rows[0][6]) == ("*", "IDP", "2773350")
    assert (rows[0][3], rows[0][4]) == ("2023-09", "2024-01-15")  # the span of the counted editions


def test_json_holds_the_same_figures(latest: Rollup) -> None:
    data = json.loads(json.dumps(to_data(latest)))
    assert data["people"] == 3316405
    assert data["funding"][1] == {
        "currency": "USD",
        "year": 2023,
        "requested": "154300000",
        "funded": "62150000",
        "operations": ["MLI", "MRT"],
        "funded_percent": "40.3",
    }
    assert data["exclusions"][0]["rule"] == "superseded"


def test_invalid_inputs_stop_the_roll_up_unless_skipped(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": 3}', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.json: not a valid factsheet"):
        rollup_files([DATA, bad])
    skipped = rollup_files([DATA, bad], skip_invalid=True)
    assert skipped.people == 3316405
    invalid = [e for e in skipped.exclusions if e.rule is ExclusionRule.INVALID]
    assert [Path(e.file).name for e in invalid] == ["bad.json"]
    with pytest.raises(InputError, match="no files match"):
        rollup_files([str(tmp_path / "*.yaml")])


def test_editions_must_be_latest_or_all() -> None:
    with pytest.raises(ValueError, match="latest"):
        rollup([], editions="some")  # type: ignore[arg-type]


def test_an_empty_roll_up() -> None:
    empty = rollup([])
    assert (empty.people, empty.staff, empty.operations, empty.funding) == (0, 0, (), ())


def test_the_dashboard_is_xml_whatever_the_names_hold() -> None:
    import xml.etree.ElementTree as ET

    from opsfacts.aggregate import render_dashboard

    # U+FFFE is text the model accepts but XML refuses: the page shows U+FFFD, as the factsheet page does.
    sheet = opsfacts.load(DATA / "mali-2023-12.yaml")
    named = attrs.evolve(sheet, operation=attrs.evolve(sheet.operation, name="Mali\ufffe"))
    page = render_dashboard(rollup([named]))
    assert "\ufffe" not in page
    assert "Mali\ufffd" in page
    ET.fromstring(page.split("\n", 1)[1] if page.startswith("<!DOCTYPE") else page)
