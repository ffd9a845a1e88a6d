"""Loading and dumping: lossless, canonical, strict, and every problem reported with its path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import opsfacts
from opsfacts import Factsheet, InvalidDocument, ParseError, ReadError
from opsfacts.diagnostics import ABSENT
from opsfacts.strategies import factsheets

MINIMAL: dict[str, Any] = {
    "publisher": {"name": "UNHCR"},
    "operation": {"name": "Mali", "countries": ["MLI"]},
    "title": "Mali factsheet",
    "format_version": "2.0",
    "period": {"start": "2017-06-01", "end": "2017-06-30"},
}


def problems(data: Any) -> list[tuple[str, str]]:
    with pytest.raises(InvalidDocument) as info:
        opsfacts.from_dict(data)
    return [(p.path, p.code) for p in info.value.problems]


@given(factsheets())
def test_round_trip_model_to_text_to_model(factsheet: Factsheet) -> None:
    assert opsfacts.loads(opsfacts.dumps(factsheet)) == factsheet


@given(factsheets())
def test_canonical_text_round_trips_exactly(factsheet: Factsheet) -> None:
    text = opsfacts.dumps(factsheet)
    assert opsfacts.dumps(opsfacts.loads(text)) == text
    assert text.endswith("}\n")


@given(factsheets())
def test_dict_round_trip(factsheet: Factsheet) -> None:
    data = opsfacts.to_dict(factsheet)
    assert opsfacts.from_dict(json.loads(json.dumps(data))) == factsheet


def test_minimal_document_dumps_in_field_order() -> None:
    factsheet = opsfacts.from_dict(MINIMAL)
    assert list(json.loads(opsfacts.dumps(factsheet))) == [
        "publisher",
        "operation",
        "title",
        "format_version",
        "period",
    ]
    assert opsfacts.dumps(factsheet) == json.dumps(MINIMAL, indent=2) + "\n"


def test_non_ascii_is_written_as_utf8() -> None:
    data = {**MINIMAL, "title": "Mali — réfugiés"}
    text = opsfacts.dumps(opsfacts.from_dict(data))
    assert "Mali — réfugiés" in text


def test_schema_key_is_kept() -> None:
    data = {**MINIMAL, "$schema": "urn:opsfacts:schema:factsheet:1.0"}
    factsheet = opsfacts.from_dict(data)
    assert factsheet.schema == "urn:opsfacts:schema:factsheet:1.0"
    assert json.loads(opsfacts.dumps(factsheet))["$schema"] == "urn:opsfacts:schema:factsheet:1.0"


def test_every_problem_is_reported_with_its_path() -> None:
    data = copy.deepcopy(MINIMAL)
    data["title"] = 3
    data["operation"]["countries"] = ["MLI", "XXX"]
    data["period"]["start"] = "2017-02-30"
    data["funding"] = {"currency": "USD", "requested": {"value": 42.5, "scale": "millions"}}
    data["populations"] = {"groups": [{"types": ["REF"], "label": "Refugees"}]}
    data["titel"] = "typo"
    assert sorted(problems(data)) == sorted(
        [
            ("$.title", "OPS002"),
            ("$.operation.countries[1]", "OPS005"),
            ("$.period.start", "OPS005"),
            ("$.funding.requested.value", "OPS002"),
            ("$.funding.requested.scale", "OPS005"),
            ("$.populations.groups[0]", "OPS005"),  # neither a count nor households
            ("$.titel", "OPS004"),
        ]
    )


def test_problem_carries_the_offending_value() -> None:
    data = {**MINIMAL, "title": 3}
    with pytest.raises(InvalidDocument) as info:
        opsfacts.from_dict(data)
    (problem,) = info.value.problems
    assert problem.value == 3
    assert problem.message == "expected a string, got a number (3)"
    assert problem.parts == ("title",)


def test_missing_key_has_no_value() -> None:
    data = {k: v for k, v in MINIMAL.items() if k != "title"}
    with pytest.raises(InvalidDocument) as info:
        opsfacts.from_dict(data)
    (problem,) = info.value.problems
    assert problem.value is ABSENT
    assert problem.message == "missing required key 'title'"


def test_no_coercion() -> None:
    base = {**MINIMAL, "populations": {"groups": [{"types": ["REF"], "label": "R", "count": 1}]}}
    for bad in ("12", 12.0, True, [1], {"value": "12"}):
        data = copy.deepcopy(base)
        data["populations"]["groups"][0]["count"] = bad
        path = "$.populations.groups[0].count" + (".value" if isinstance(bad, dict) else "")
        assert problems(data) == [(path, "OPS002")]


def test_a_string_is_not_a_list() -> None:
    assert problems({**MINIMAL, "highlights": "one"}) == [("$.highlights", "OPS002")]


def test_a_list_is_not_an_object() -> None:
    assert problems({**MINIMAL, "publisher": ["UNHCR"]}) == [("$.publisher", "OPS002")]


def test_root_must_be_an_object() -> None:
    assert problems([MINIMAL]) == [("$", "OPS002")]


def test_post_init_rules_report_the_object_path() -> None:
    data = copy.deepcopy(MINIMAL)
    data["period"] = {"start": "2017-06-30", "end": "2017-06-01"}
    with pytest.raises(InvalidDocument) as info:
        opsfacts.from_dict(data)
    (problem,) = info.value.problems
    assert problem.path == "$.period"
    assert "ends (2017-06-01) before it starts (2017-06-30)" in problem.message


# A leaf of the minimal document, and a value of the wrong kind for it.
_MUTATIONS = [
    (("title",), 1, "OPS002"),
    (("title",), "", "OPS005"),
    (("publisher", "name"), None, "OPS002"),
    (("operation", "countries", 0), "mli", "OPS005"),
    (("period", "end"), "30/06/2017", "OPS005"),
    (("format_version",), 1.0, "OPS002"),
]


@given(st.sampled_from(_MUTATIONS))
def test_invalid_leaf_is_refused_at_its_path(mutation: tuple[tuple[str | int, ...], Any, str]) -> None:
    parts, value, code = mutation
    data = copy.deepcopy(MINIMAL)
    target: Any = data
    for part in parts[:-1]:
        target = target[part]
    target[parts[-1]] = value
    with pytest.raises(InvalidDocument) as info:
        opsfacts.from_dict(data)
    assert [(p.parts, p.code) for p in info.value.problems] == [(parts, code)]


@given(factsheets(), st.text(min_size=1, max_size=8).filter(lambda k: k not in MINIMAL))
def test_unknown_keys_are_refused(factsheet: Factsheet, key: str) -> None:
    data = opsfacts.to_dict(factsheet)
    if key in data:
        return
    data[key] = 1
    with pytest.raises(InvalidDocument) as info:
        opsfacts.from_dict(data)
    assert [(p.parts, p.code) for p in info.value.problems] == [((key,), "OPS004")]


def test_problems_carry_line_and_column(tmp_path: Path) -> None:
    data = copy.deepcopy(MINIMAL)
    data["operation"]["countries"] = ["MLI", "XXX"]
    path = tmp_path / "f.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(InvalidDocument) as info:
        opsfacts.load(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (9, 7)
    assert info.value.source == str(path)
    assert str(info.value).startswith(f"{path}: 1 problem:")


def test_unknown_key_points_at_the_key() -> None:
    text = '{\n  "publisher": {"name": "UNHCR", "nmae": "x"}\n}'
    with pytest.raises(InvalidDocument) as info:
        opsfacts.loads(text)
    by_path = {p.path: p for p in info.value.problems}
    assert (by_path["$.publisher.nmae"].line, by_path["$.publisher.nmae"].column) == (2, 34)


def test_yaml_problems_carry_line_and_column() -> None:
    text = (
        "publisher: {name: UNHCR}\noperation:\n  name: Mali\n  countries: [MLI]\ntitle: Mali\n"
        "period:\n  start: 2017-06-01\n  end: 2017-06-31\nformat_version: '2.0'\n"
    )
    with pytest.raises(InvalidDocument) as info:
        opsfacts.loads(text, syntax="yaml")
    (problem,) = info.value.problems
    assert (problem.path, problem.line, problem.column) == ("$.period.end", 8, 8)


def test_invalid_json_is_a_parse_error_with_position() -> None:
    with pytest.raises(ParseError) as info:
        opsfacts.loads('{\n  "title": "x",\n  oops\n}', source="f.json")
    (problem,) = info.value.problems
    assert (problem.line, problem.column, problem.code) == (3, 3, "OPS001")
    assert info.value.source == "f.json"


def test_missing_file_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        opsfacts.load(tmp_path / "nope.json")
    assert info.value.message == "no such file"


def test_directory_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        opsfacts.load(tmp_path)
    assert info.value.message == "is a directory, not a file"


def test_dump_and_load_files_by_suffix(tmp_path: Path) -> None:
    factsheet = opsfacts.from_dict(MINIMAL)
    for name in ("f.json", "f.yaml", "f.yml"):
        opsfacts.dump(factsheet, tmp_path / name)
        assert opsfacts.load(tmp_path / name) == factsheet
    assert (tmp_path / "f.yaml").read_text(encoding="utf-8").startswith("publisher:")
