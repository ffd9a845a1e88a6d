"""The fast path of loading agrees with the converter: it accepts every valid document and
builds the same objects, and it never accepts what the converter refuses.

The fast path (``opsfacts.documents._compiled``) declines anything it is unsure of and
the converter decides; so the one thing it must never do is accept a value the converter
refuses, or build a different object. Both are checked here, on generated documents, on
every bundled example, and on seeded mutations of them.
"""

from __future__ import annotations

import copy
import json
import random
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import opsfacts
from conftest import EXAMPLES, REPO
from opsfacts.documents import converter, parse, to_dict
from opsfacts.documents._compiled import Unsure, _Compiler, compiled_structure
from opsfacts.documents._migration import migrate
from opsfacts.errors import InvalidDocument
from opsfacts.model import Factsheet, Quantity
from opsfacts.model import _constraints as constraints
from opsfacts.model._constraints import Constraint, constraint_of
from opsfacts.model._modelling import is_constraint_validator
from opsfacts.strategies import factsheets

sys.path.insert(0, str(REPO / "benchmarks"))
import hostile  # the mutations of the hostile-input campaign

FAST = compiled_structure(Factsheet)

DOCUMENTS = sorted(
    [*EXAMPLES.glob("*.json"), *(REPO / "tests" / "data" / "factsheets").glob("*.*")],
)
DOCUMENTS = [path for path in DOCUMENTS if path.suffix in (".json", ".yaml")]


def _data(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return migrate(parse(text, "yaml" if path.suffix == ".yaml" else "json").data).data


def _converter_result(data: Any) -> Factsheet | InvalidDocument:
    try:
        return opsfacts.from_dict(data, converter=opsfacts.make_converter())
    except InvalidDocument as exc:
        return exc


def _fast_result(data: Any) -> Factsheet | None:
    try:
        return FAST(data)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any failure is the fast path declining
        return None


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_bundled_document_takes_the_fast_path(path: Path) -> None:
    data = _data(path)
    expected = converter.structure(data, Factsheet)
    assert FAST(data) == expected


def test_the_documents_cover_both_syntaxes() -> None:
    assert {path.suffix for path in DOCUMENTS} == {".json", ".yaml"}
    assert len(DOCUMENTS) >= 18


@given(factsheets())
def test_generated_documents_take_the_fast_path_and_build_the_same_objects(factsheet: Factsheet) -> None:
    data = json.loads(json.dumps(to_dict(factsheet)))
    built = FAST(data)
    assert built == factsheet
    assert built == converter.structure(data, Factsheet)


def _mutations(seed: int, count: int) -> list[Any]:
    rng = random.Random(seed)
    examples = [_data(path) for path in DOCUMENTS[:6]]
    return [hostile._mutate(rng, rng.choice(examples)) for _ in range(count)]


@pytest.mark.parametrize("seed", range(4))
def test_the_fast_path_never_accepts_what_the_converter_refuses(seed: int) -> None:
    accepted = declined = 0
    for data in _mutations(seed, 150):
        fast = _fast_result(data)
        if fast is None:
            declined += 1
            continue
        accepted += 1
        assert _converter_result(data) == fast
    # Both outcomes occur, so the comparison above is not vacuous.
    assert accepted > 10
    assert declined > 10


def test_an_invalid_document_is_explained_by_the_converter() -> None:
    data = _data(EXAMPLES / "mali-2017-06.corrected.json")
    data["populations"]["groups"][0]["count"] = -5
    with pytest.raises(Unsure):
        FAST(data)
    with pytest.raises(InvalidDocument) as caught:
        opsfacts.from_dict(data)
    assert [(p.code, p.path) for p in caught.value.problems] == [("OPS005", "$.populations.groups[0].count")]


def test_a_bare_value_is_read_as_the_converter_reads_it() -> None:
    data = _data(EXAMPLES / "mali-2017-06.corrected.json")
    data["populations"]["groups"][0]["count"] = {"value": 12, "printed": "12"}
    fast, slow = FAST(data).populations, converter.structure(data, Factsheet).populations
    assert fast is not None
    assert slow is not None
    assert fast.groups[0].count == slow.groups[0].count
    data["populations"]["groups"][0]["count"] = True  # a boolean is not a count
    assert _fast_result(data) is None
    assert isinstance(_converter_result(data), InvalidDocument)


_CONSTRAINTS = [
    meta
    for value in vars(constraints).values()
    if (meta := constraint_of(value)) is not None and meta.accepts is not None
]
_AWKWARD = st.sampled_from(
    [
        " ",
        "\t",
        "\n",
        "\r",
        "\x0b",
        "\x0c",
        "\x1c",
        "\x85",
        "\xa0",
        "\u2028",
        "\u3000",
        "\ud800",
        "\x00",
        "\x7f",
    ]
)


def test_the_fast_tests_cover_text_and_patterns() -> None:
    keys = {c.key for c in _CONSTRAINTS}
    assert {"text", "paragraph", "email", "url", "web_address", "marker", "language"} <= keys


@pytest.mark.parametrize("constraint", _CONSTRAINTS, ids=lambda c: c.key)
@given(
    value=st.one_of(
        st.text(),
        st.lists(st.one_of(_AWKWARD, st.characters()), max_size=6).map("".join),
        st.sampled_from(
            ["a", "OPS2", "name@example.org", "https://example.org/", "www.unhcr.org", "*", "fr"]
        ),
    )
)
def test_a_constraints_fast_test_agrees_with_its_check(constraint: Constraint, value: str) -> None:
    assert constraint.accepts is not None
    assert bool(constraint.accepts(value)) == (constraint.check(value) is None)


@attrs.frozen
class _Checked:
    """A class with a validator of its own: the fast path must call it."""

    size: int = attrs.field(validator=attrs.validators.lt(10))


attrs.resolve_types(_Checked)  # its annotations are strings here


def test_a_class_with_its_own_validator_is_built_by_calling_it() -> None:
    structure = _Compiler().structure_of(_Checked)
    assert structure({"size": 3}) == _Checked(3)
    with pytest.raises(ValueError, match="must be < 10"):
        structure({"size": 12})
    with pytest.raises(Unsure):
        structure({"size": 3, "colour": "red"})


def test_the_fast_path_leaves_its_input_unchanged() -> None:
    data = _data(EXAMPLES / "mali-2017-06.corrected.json")
    before = copy.deepcopy(data)
    FAST(data)
    assert data == before


def test_the_models_own_validator_is_told_apart_from_a_class_validator() -> None:
    assert is_constraint_validator(attrs.fields(Quantity).value.validator)
    assert not is_constraint_validator(attrs.fields(_Checked).size.validator)
    assert not is_constraint_validator(None)
