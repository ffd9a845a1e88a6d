"""YAML: readable dumps that round-trip exactly, the same errors as JSON, and unsafe input refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import opsfacts
from opsfacts import Factsheet, InvalidDocument, ParseError, dumps, loads
from opsfacts.documents._sources import parse_yaml
from opsfacts.documents._yaml import dump_yaml
from opsfacts.strategies import factsheets

CORRECTED = Path(__file__).resolve().parents[1] / "examples" / "mali-2017-06.corrected.json"


@pytest.fixture(scope="module")
def mali() -> Factsheet:
    return opsfacts.load(CORRECTED)


@given(factsheets())
def test_every_factsheet_round_trips_through_yaml(factsheet: Factsheet) -> None:
    assert loads(dumps(factsheet, syntax="yaml"), syntax="yaml") == factsheet


def test_reference_round_trips_and_reads_well(mali: Factsheet) -> None:
    text = dumps(mali, syntax="yaml")
    assert loads(text, syntax="yaml") == mali
    lines = text.splitlines()
    assert "  end: 2017-06-30" in lines  # dates plain, not quoted
    assert "    value: '42749662'" in lines  # decimals stay strings
    assert "- >-" in lines  # long text folded
    assert "{" not in text.split("\n", 1)[0]  # block style
    top_keys = [line.split(":")[0] for line in lines if line and not line.startswith((" ", "-"))]
    assert top_keys == list(json.loads(dumps(mali)))  # key order as in JSON


@pytest.mark.parametrize(
    "value",
    [
        "line one\nline two\n",
        "  leading spaces and a long enough text to be written as a block scalar by the dumper",
        "trailing spaces in a long enough text to be written as a block scalar by the dumper   ",
        "many   inner   spaces   " * 5,
        "a # not a comment: and a key: value, in a long text that is written as a block",
        "2017-06-30",
        "yes",
        "0012",
        "",
    ],
)
def test_awkward_text_round_trips(value: str) -> None:
    data = {"k": value, "l": [value]}
    assert parse_yaml(dump_yaml(data)).data == data


# Long text with the characters that make folding hard: runs of spaces, tabs, line breaks.
_LONG_TEXT = st.lists(
    st.sampled_from([*"ab é-#:'\"", " ", "  ", "\t", "\n", "\n\n", "\u2028", "\x85", "🙂", "word "]),
    min_size=60,
    max_size=300,
).map("".join)


@given(_LONG_TEXT)
def test_long_text_round_trips_exactly(value: str) -> None:
    data = {"text": value, "items": [value, {"nested": value}]}
    assert parse_yaml(dump_yaml(data)).data == data


def test_text_with_line_breaks_is_a_literal_block() -> None:
    assert dump_yaml({"k": "first line\nsecond line"}) == "k: |-\n  first line\n  second line\n"


def _problems(error: InvalidDocument) -> list[tuple[str, str, str]]:
    return [(p.path, p.code, p.message) for p in error.problems]


def test_invalid_yaml_reports_the_same_problems_as_json_with_positions(mali: Factsheet) -> None:
    data = opsfacts.to_dict(mali)
    data["funding"]["currency"] = "DOLLARS"
    data["populations"]["groups"][1]["count"] = -5
    with pytest.raises(InvalidDocument) as from_json:
        loads(json.dumps(data, indent=2))
    yaml_text = dump_yaml(data)
    with pytest.raises(InvalidDocument) as from_yaml:
        loads(yaml_text, syntax="yaml")
    assert _problems(from_yaml.value) == _problems(from_json.value)
    lines = yaml_text.splitlines()
    for problem in from_yaml.value.problems:
        assert problem.line is not None
        assert problem.column is not None
        located = lines[problem.line - 1][problem.column - 1 :]
        assert located.startswith(("DOLLARS", "-5")), problem


def test_yaml_syntax_error_has_line_and_column() -> None:
    with pytest.raises(ParseError) as caught:
        loads("title: [unclosed\nperiod: x\n", syntax="yaml")
    problem = caught.value.problems[0]
    assert problem.code == "OPS001"
    assert problem.line is not None
    assert problem.column is not None


BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(ParseError) as caught:
        loads(BILLION_LAUGHS, syntax="yaml")
    problem = caught.value.problems[0]
    assert "expands to more than" in problem.message
    assert problem.line is not None


@pytest.mark.parametrize(
    "document",
    [
        "title: !!python/object:os.system {}\n",
        "title: !!python/object/apply:os.system ['echo hacked']\n",
        "title: !!python/name:os.system ''\n",
        "!!python/object:opsfacts.Factsheet {}\n",
    ],
)
def test_python_tags_are_refused(document: str) -> None:
    with pytest.raises(ParseError) as caught:
        loads(document, syntax="yaml")
    assert "unsupported YAML tag" in caught.value.problems[0].message


def test_dumped_yaml_is_safe_for_any_yaml_reader(mali: Factsheet) -> None:
    # No tags, no anchors: a plain safe loader reads it (dates become dates there, which is fine).
    text = dumps(mali, syntax="yaml")
    assert "!!" not in text
    assert "&" not in "".join(line.split(":")[0] for line in text.splitlines())
    assert yaml.safe_load(text)["title"] == mali.title


@pytest.mark.parametrize(
    "text",
    [
        "010",
        "0o10",
        "0x1F",
        "0b11",
        "1_000",
        "1:20",
        ".inf",
        "-.Inf",
        ".nan",
        "1e3",
        "1.5e3",
        "yes",
        "Off",
        "~",
        "+12",
    ],
)
def test_scalars_resolve_as_pyyaml_safe_load_does(text: str) -> None:
    import math

    import yaml

    from opsfacts.documents._sources import parse_yaml

    ours = parse_yaml(f"a: {text}\n").data["a"]
    theirs = yaml.safe_load(f"a: {text}\n")["a"]
    if isinstance(theirs, float) and math.isnan(theirs):
        assert isinstance(ours, float)
        assert math.isnan(ours)
    else:
        assert (type(ours), ours) == (type(theirs), theirs)


def test_dates_stay_text_for_the_model() -> None:
    from opsfacts.documents._sources import parse_yaml

    assert parse_yaml("a: 2017-06-30\nb: 2017-06\n").data == {"a": "2017-06-30", "b": "2017-06"}
