"""orjson's reading of JSON text (the ``fast`` extra) gives exactly the standard library's data.

The reader declines (:data:`_UNSURE`) whatever it might read differently: numbers beyond
64 bits, duplicate keys, escaped colons, anything orjson refuses. Where it does not
decline, the data must be equal to the standard library's, type for type.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CORRECTED, REPO
from opsfacts.documents import parse
from opsfacts.documents._sources import _UNSURE, MAX_DEPTH, _fast_reader, _json_depth, _standard_decode
from opsfacts.errors import ParseError

sys.path.insert(0, str(REPO / "benchmarks"))
import hostile  # the hostile-input campaign's generators

READ = _fast_reader()
pytestmark = pytest.mark.skipif(READ is None, reason="orjson (the fast extra) is not installed")


def _typed(value: Any) -> Any:
    """The value with the type of every part beside it, so that 1 and 1.0 and True differ."""
    if isinstance(value, dict):
        return ("dict", [(k, _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, value)


def _agrees(encoded: bytes) -> bool:
    """Whether the fast reader declines or gives the standard library's data; True if it read it."""
    assert READ is not None
    fast = READ(encoded)
    if fast is _UNSURE:
        return False
    assert _typed(fast) == _typed(_standard_decode(encoded.decode("utf-8")))
    return True


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
    st.sampled_from(["a:b", "https://example.org/", "\\", '"', "\u2028", "😀", "12:30"]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=30,
)


@given(_VALUES, st.booleans(), st.sampled_from([None, 2]))
def test_generated_json_reads_the_same(value: Any, ascii_only: bool, indent: int | None) -> None:
    _agrees(json.dumps(value, ensure_ascii=ascii_only, indent=indent).encode("utf-8"))


@given(st.lists(st.sampled_from(["a", "b", "a:b"]), min_size=2, max_size=5), st.integers())
def test_a_duplicate_key_is_never_read(keys: list[str], number: int) -> None:
    pairs = ", ".join(f"{json.dumps(key)}: {number}" for key in keys)
    encoded = f"{{{pairs}}}".encode()
    read = _agrees(encoded)
    if len(set(keys)) < len(keys):
        assert not read
        with pytest.raises(ParseError, match="duplicate key"):
            parse(encoded)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ('{"a": 1, "b": "c:d"}', True),
        ('{"a": 1, "a": 2}', False),
        ('{"a": 123456789012345678901234567890}', False),  # orjson would read a float
        ('{"a": 18446744073709551616}', False),
        ('{"a": "\\u003a", "b": 1}', False),
        ('{"a": "\\ud800"}', False),  # a lone surrogate: orjson refuses it
        ('{"a": 1e400}', False),
        ('{"a": NaN}', False),
        ('{"a": -0, "b": -0.0, "c": 1E2}', True),
    ],
)
def test_what_the_reader_leaves_to_the_standard_library(text: str, read: bool) -> None:
    assert _agrees(text.encode()) is read


@pytest.mark.parametrize("seed", range(3))
def test_hostile_texts_read_the_same(seed: int) -> None:
    rng = random.Random(seed)
    example = CORRECTED.read_bytes()
    read = 0
    for _ in range(300):
        roll = rng.random()
        if roll < 0.4:
            encoded = hostile._text_mutation(rng, example)
        else:
            encoded = json.dumps(hostile.random_value(rng), ensure_ascii=rng.random() < 0.5).encode(
                "utf-8", "surrogatepass"
            )
        try:
            encoded.decode("utf-8")
        except UnicodeDecodeError:
            continue  # parse refuses it before any reader sees it
        try:
            read += _agrees(encoded)
        except (ValueError, RecursionError):
            assert READ is not None
            assert READ(encoded) is _UNSURE  # the standard library refuses it; so must the reader
    assert read > 50


def _depth_step_by_step(text: str) -> int:
    """The nesting depth as the running sum of bracket steps, the way it was first written."""
    steps = {"[": 1, "{": 1, "]": -1, "}": -1}
    return max(itertools.accumulate(steps[c] for c in text if c in steps), default=0)


@given(st.text(alphabet='[]{}"a\\é', max_size=60))
def test_the_depth_by_rounds_is_the_running_sum(text: str) -> None:
    expected = _depth_step_by_step(text)
    if expected <= MAX_DEPTH:  # beyond the limit, strings are taken out first (both ways)
        assert _json_depth(text) == expected


@pytest.mark.parametrize("depth", [1, 8, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 200])
def test_the_depth_of_nested_arrays_and_objects(depth: int) -> None:
    assert _json_depth("[" * depth + "]" * depth) == depth
    assert _json_depth('{"a": ' * depth + "1" + "}" * depth) == depth
    # Brackets inside a string count, as they always did, until the depth passes the limit;
    # then the strings are taken out and the exact depth decides.
    hidden = '["]]]", ' + "[" * depth + "]" * depth + "]"
    rough = _depth_step_by_step(hidden)
    assert _json_depth(hidden) == (rough if rough <= MAX_DEPTH else depth + 1)
