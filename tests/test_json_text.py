"""Canonical JSON text is the same whether orjson (the ``fast`` extra) writes it or the standard library."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opsfacts import Factsheet, dumps, loads
from opsfacts.documents import _loading
from opsfacts.strategies import factsheets

orjson = pytest.importorskip("orjson")


def _standard(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_orjson_is_used_when_installed() -> None:
    assert _loading._orjson_writer() is not None


@given(factsheets())
def test_dumps_is_the_same_text_either_way(factsheet: Factsheet) -> None:
    fast = dumps(factsheet)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_loading, "_orjson_writer", lambda: None)
        standard = dumps(factsheet)
    assert fast == standard
    assert loads(fast) == factsheet


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(_JSON)
def test_json_text_is_the_standard_librarys(data: Any) -> None:
    assert _loading.json_text(data) == _standard(data)


@pytest.mark.parametrize(
    "data",
    [
        {"big": 2**70, "small": -(2**70)},  # beyond orjson's 64 bits
        {"lone surrogate": "\ud800"},  # not UTF-8: orjson refuses it
        {"controls": '\x00\x1f\x7f\u2028\u2029\t\n\r\b\f"\\/', "empty": [{}, []], "é": "日本"},
    ],
)
def test_values_orjson_refuses_or_escapes_are_written_as_the_standard_library_does(data: Any) -> None:
    assert _loading.json_text(data) == _standard(data)


def test_without_orjson_the_standard_library_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_loading, "_orjson_writer", lambda: None)
    assert _loading.json_text({"a": [1, "é"]}) == '{\n  "a": [\n    1,\n    "é"\n  ]\n}\n'
