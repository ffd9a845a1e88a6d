"""Parsing JSON and YAML text: every malformed input is a ParseError with a sentence, never a traceback."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opsfacts.documents._sources import MAX_BYTES, MAX_DEPTH, parse_json, parse_yaml
from opsfacts.errors import ParseError


def error_of(raw: str | bytes, syntax: str = "json") -> tuple[str, int | None, int | None]:
    parse = parse_json if syntax == "json" else parse_yaml
    with pytest.raises(ParseError) as info:
        parse(raw)
    (problem,) = info.value.problems
    assert problem.code == "OPS001"
    assert problem.path == "$"
    return problem.message, problem.line, problem.column


@pytest.mark.parametrize("syntax", ["json", "yaml"])
@pytest.mark.parametrize("raw", ["", "   \n\t", b""])
def test_empty_documents(raw: str | bytes, syntax: str) -> None:
    assert error_of(raw, syntax)[0] == "the document is empty"


@pytest.mark.parametrize("syntax", ["json", "yaml"])
def test_byte_order_mark(syntax: str) -> None:
    message = error_of(b"\xef\xbb\xbf{}", syntax)[0]
    assert "byte order mark" in message


def test_not_utf8() -> None:
    assert error_of(b'{"a": "\xff"}')[0] == "the file is not UTF-8 text (bad byte at offset 7)"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [("[]", "an array"), ('"x"', "a string"), ("3", "a number"), ("null", "null"), ("true", "a boolean")],
)
def test_root_must_be_an_object(raw: str, kind: str) -> None:
    assert error_of(raw) == (f"the document must be an object (a mapping of keys), not {kind}", 1, 1)


def test_duplicate_keys_point_at_the_second() -> None:
    message, line, column = error_of('{\n  "a": 1,\n  "a": 2\n}')
    assert message == "duplicate key 'a': each key may appear once"
    assert (line, column) == (3, 3)


def test_yaml_duplicate_keys() -> None:
    assert error_of("a: 1\na: 2\n", "yaml") == ("duplicate key 'a': each key may appear once", 2, 1)


def test_nan_is_not_json() -> None:
    assert error_of('{"a": NaN}')[0] == "invalid JSON: NaN is not valid JSON"


def test_syntax_error_position() -> None:
    message, line, column = error_of('{"a": 1,,}')
    assert message.startswith("invalid JSON: ")
    assert (line, column) == (1, 9)


def test_deep_nesting_is_refused() -> None:
    deep = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    assert "nested too deeply" in error_of('{"a": ' + deep + "}")[0]
    very_deep = "[" * 100_000 + "]" * 100_000
    assert "nested too deeply" in error_of('{"a": ' + very_deep + "}")[0]


def test_yaml_deep_nesting_is_refused() -> None:
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    assert "nested too deeply" in error_of(deep, "yaml")[0]


def test_very_large_document_is_refused() -> None:
    raw = b'{"a": "' + b"x" * MAX_BYTES + b'"}'
    assert "the limit is" in error_of(raw)[0]


def test_yaml_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    assert "expands to more than" in error_of("\n".join(lines), "yaml")[0]


@pytest.mark.parametrize("raw", ["a: !!python/object:os.system {}", "a: !custom 1", "? [1, 2]\n: x"])
def test_yaml_unsafe_or_odd_constructs_are_refused(raw: str) -> None:
    message = error_of(raw, "yaml")[0]
    assert "tag" in message or "plain strings" in message


def test_yaml_dates_stay_text() -> None:
    assert parse_yaml("d: 2017-06-30\nn: 3\nf: 1.5\nb: yes\nz: ~\n").data == {
        "d": "2017-06-30",
        "n": 3,
        "f": 1.5,
        "b": True,
        "z": None,
    }


def test_json_locate_paths() -> None:
    text = '{\n  "a": [\n    1,\n    {"b": "x"}\n  ]\n}'
    parsed = parse_json(text)
    assert parsed.locate(("a",), False) == (2, 8)
    assert parsed.locate(("a", 1, "b"), False) == (4, 11)
    assert parsed.locate(("a", 1, "b"), True) == (4, 6)
    # A path that does not exist points at its nearest existing parent.
    assert parsed.locate(("a", 1, "missing"), False) == (4, 5)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=10,
)


@given(st.dictionaries(st.text(max_size=4), _json_values, max_size=4), st.sampled_from([None, 1, 2]))
def test_json_locator_finds_every_value(data: dict[str, object], indent: int | None) -> None:
    text = json.dumps(data, indent=indent)
    parsed = parse_json(text)
    offsets = [0, *[i + 1 for i, ch in enumerate(text) if ch == "\n"]]

    def walk(value: object, parts: tuple[str | int, ...]) -> None:
        position = parsed.locate(parts, False)
        assert position is not None
        line, column = position
        start = offsets[line - 1] + column - 1
        # The located text decodes to the very value at that path.
        decoded, _ = json.JSONDecoder().raw_decode(text, start)
        assert decoded == value
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*parts, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*parts, index))

    walk(data, ())
