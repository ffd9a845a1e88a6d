"""The tables as their users' tools read them: libhxl (HXL) and frictionless (data packages).

Every HXL table of every example factsheet parses with libhxl and passes its
validator's built-in schema (the checks ``hxlvalidate`` runs) with no error;
two exports appended with libhxl (what ``hxlappend`` does) give one column per
concept; ``opsfacts convert --to datapackage`` writes a package frictionless
validates with no error, for one factsheet and for a hundred.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest

import opsfacts
from opsfacts import Factsheet
from opsfacts.cli import main
from opsfacts.model import PartialDate
from opsfacts.tables import TABLE_NAMES, Table, combine, datapackage, factsheet_id, table, write_csv

hxl = pytest.importorskip("hxl", reason="libhxl validates the HXL tables")
hxl_validation = pytest.importorskip("hxl.validation")
frictionless = pytest.importorskip("frictionless", reason="frictionless validates the data package")

REPO = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    [*REPO.glob("examples/*.json"), *(p for p in REPO.glob("tests/data/factsheets/*.*") if p.suffix != ".md")]
)
CORRECTED = [p for p in SOURCES if ".corrected." in p.name]


def _rows(found: Table) -> list[list[str]]:
    buffer = io.StringIO(newline="")
    write_csv(found, buffer, hxl=True)
    return list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))


def _issues(found: Table) -> list[Any]:
    issues: list[Any] = []
    # libhxl's built-in schema: numbers under numeric hashtags, dates under #date, and more.
    hxl_validation.schema(callback=issues.append).validate(hxl.data(_rows(found)))
    return issues


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_hxl_table_passes_libhxl_validation(source: Path) -> None:
    factsheet = opsfacts.load(source)
    for name, found in combine([factsheet]).items():
        dataset = hxl.data(_rows(found))
        # libhxl reads every hashtag as written (no tag it cannot parse, none lost).
        assert [c.display_tag or "" for c in dataset.columns] == found.hxl_row, name
        errors = [
            (i.column.display_tag, i.value, i.message) for i in _issues(found) if i.rule.severity == "error"
        ]
        assert errors == [], name


def test_the_validator_catches_text_under_a_numeric_hashtag() -> None:
    # The check is real: the populations table as it was tagged before (type under #population).
    found = table("populations", opsfacts.load(CORRECTED[0]))
    old = attrs.evolve(
        found,
        columns=tuple(
            attrs.evolve(c, hxl="#population+type+code") if c.name == "population_type" else c
            for c in found.columns
        ),
    )
    messages = {i.message for i in _issues(old) if i.rule.severity == "error"}
    assert messages == {"Expected a number"}


def _append(first: Table, second: Table) -> Any:
    return hxl.data(_rows(first)).append([hxl.data(_rows(second))])


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_appending_two_exports_gives_one_column_per_concept(name: str) -> None:
    # Two "monthly" exports of different factsheets: currencies, partner roles, settings and target
    # kinds differ between them, and the tags must not.
    sheets = [opsfacts.load(p) for p in CORRECTED]
    first, second = table(name, sheets[: len(sheets) // 2]), table(name, sheets[len(sheets) // 2 :])
    appended = _append(first, second)
    columns = appended.columns
    assert [c.display_tag or "" for c in columns] == first.hxl_row
    assert len(columns) == len(first.columns)
    tagged = [c.display_tag for c in columns if c.display_tag]
    assert len(tagged) == len(set(tagged)), "two columns with one hashtag"
    assert len(list(appended)) == len(first.rows) + len(second.rows)


def test_funding_in_two_currencies_appends_into_the_same_columns() -> None:
    mali = opsfacts.load(REPO / "examples" / "mali-2017-06.corrected.json")
    assert mali.funding is not None
    euros = attrs.evolve(mali, funding=attrs.evolve(mali.funding, currency="EUR"))
    appended = _append(table("funding", mali), table("funding", euros))
    values = [(row.get("#currency+code"), row.get("#value+funding+required")) for row in appended]
    assert values == [("USD", "42749662"), ("EUR", "42749662")]


def test_nationals_abroad_never_join_as_in_country() -> None:
    mali = opsfacts.load(REPO / "examples" / "mali-2017-06.corrected.json")
    rows = list(hxl.data(_rows(table("populations", mali))))
    by_residence = {(row.get("#status+residence"), row.get("#country+asylum+code")) for row in rows}
    assert by_residence == {("hosted", "MLI"), ("abroad", None)}


# --- the Frictionless data package ---------------------------------------------------------------


def _validate(directory: Path) -> Any:
    return frictionless.Package(str(directory / "datapackage.json")).validate()


def _errors(report: Any) -> list[str]:
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]


def _convert(sources: Sequence[str], out: Path, *extra: str) -> None:
    assert main(["convert", *sources, "--to", "datapackage", "-o", str(out), *extra]) == 0


def test_one_factsheet_makes_a_valid_data_package(tmp_path: Path) -> None:
    _convert([str(REPO / "examples" / "mali-2017-06.corrected.json")], tmp_path)
    report = _validate(tmp_path)
    assert _errors(report) == []
    assert report.valid
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert list(resources) == list(TABLE_NAMES)
    populations = resources["populations"]["schema"]
    fields = {f["name"]: f for f in populations["fields"]}
    assert (fields["count"]["type"], fields["count"]["hxl"]) == ("integer", "#population+ind")
    assert populations["primaryKey"] == ["group_key"]
    assert {
        "fields": ["factsheet_id"],
        "reference": {"resource": "factsheets", "fields": ["factsheet_id"]},
    } in (populations["foreignKeys"])
    assert resources["factsheets"]["schema"]["primaryKey"] == ["factsheet_id"]


def _hundred() -> list[Factsheet]:
    # The examples again and again, each published on another day: a hundred distinct factsheets.
    bases = [opsfacts.load(p) for p in CORRECTED]
    return [
        attrs.evolve(bases[i % len(bases)], published=PartialDate(f"{1950 + i // 12}-{i % 12 + 1:02d}"))
        for i in range(100)
    ]


def test_a_hundred_factsheets_make_a_valid_data_package(tmp_path: Path) -> None:
    sheets = _hundred()
    assert len({factsheet_id(f) for f in sheets}) == 100
    for number, factsheet in enumerate(sheets):
        (tmp_path / "in" / f"{number:03d}.json").parent.mkdir(exist_ok=True)
        (tmp_path / "in" / f"{number:03d}.json").write_text(opsfacts.dumps(factsheet), encoding="utf-8")
    _convert([str(tmp_path / "in")], tmp_path / "out")
    report = _validate(tmp_path / "out")
    assert _errors(report) == []
    with (tmp_path / "out" / "factsheets.csv").open(newline="", encoding="utf-8") as stream:
        assert len(list(csv.reader(stream))) == 2 + 100
    with (tmp_path / "out" / "breakdowns.csv").open(newline="", encoding="utf-8") as stream:
        breakdowns = list(csv.reader(stream))
    assert len(breakdowns) > 2  # the foreign keys to groups and totals were checked on real rows


def test_a_broken_key_is_caught(tmp_path: Path) -> None:
    # The check is real: a breakdown row pointing at a total that does not exist.
    _convert(
        [str(REPO / "tests" / "data" / "factsheets" / "ethiopia-gambella-2017-05.factsheet.corrected.yaml")],
        tmp_path,
    )
    path = tmp_path / "breakdowns.csv"
    text = path.read_text(encoding="utf-8")
    assert "/total-1" in text
    path.write_text(text.replace("/total-1", "/total-99"), encoding="utf-8")
    assert any("foreign key" in e for e in _errors(_validate(tmp_path)))


def test_two_editions_of_one_factsheet_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["convert", str(REPO / "examples"), "--to", "datapackage", "-o", str(tmp_path)]) == 2
    assert "are the same factsheet (MLI_2017-06-01--2017-06-30_factsheet)" in capsys.readouterr().err


def test_a_package_with_a_bom_for_excel_is_valid(tmp_path: Path) -> None:
    niger = REPO / "tests" / "data" / "factsheets" / "niger-2019-03.factsheet.corrected.yaml"
    _convert([str(niger)], tmp_path, "--bom")
    raw = (tmp_path / "partners.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfcountry_code,")
    # Excel honours the mark: the text decodes as UTF-8, accents intact.
    assert "é" in raw.decode("utf-8-sig")
    assert _errors(_validate(tmp_path)) == []
    descriptor = datapackage(combine([opsfacts.load(niger)]), bom=True)
    assert {r["encoding"] for r in descriptor["resources"]} == {"utf-8-sig"}  # type: ignore[attr-defined]


def test_csv_with_a_bom_from_the_command_line(tmp_path: Path) -> None:
    niger = REPO / "tests" / "data" / "factsheets" / "niger-2019-03.factsheet.corrected.yaml"
    out = tmp_path / "partners.csv"
    assert main(["convert", str(niger), "--to", "csv", "--table", "partners", "--bom", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    plain = tmp_path / "plain.csv"
    assert main(["convert", str(niger), "--to", "csv", "--table", "partners", "-o", str(plain)]) == 0
    assert plain.read_bytes().startswith(b"country_code,")
