"""The checks' walk: the generated walk finds what a plain walk of every value finds, in the same order."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path as FilePath
from typing import Any

import attrs
import pytest
from hypothesis import given

import opsfacts
from opsfacts import Factsheet, Figure, Funding, Percentage, Quantity
from opsfacts.checks import _walk, check
from opsfacts.checks._walk import Index, Located, Path, constraint_key, index
from opsfacts.documents._converter import field_key
from opsfacts.model import Text, _classes
from opsfacts.model import _constraints as constraints
from opsfacts.model._constraints import constraint_of
from opsfacts.strategies import factsheets

EXAMPLES = FilePath(__file__).resolve().parents[1] / "examples"
AS_PUBLISHED = EXAMPLES / "mali-2017-06.as-published.json"
CORRECTED = EXAMPLES / "mali-2017-06.corrected.json"

RULES_WALKERS = _walk._walkers
"""The walk as the rules' modules left it when they were imported."""

CONSTRAINED = [
    getattr(constraints, name)
    for name in constraints.__all__
    if constraint_of(getattr(constraints, name)) is not None
]
MODELS = [getattr(_classes, name) for name in _classes.__all__ if attrs.has(getattr(_classes, name))]
FIELD_NAMES = sorted({f.name for cls in MODELS for f in attrs.fields(cls)})


def plain_walk(obj: Any, parts: Path = ()) -> Iterator[tuple[Path, attrs.Attribute[Any], Any]]:
    """Every value under a model object, depth first in field order: the walk as first written."""
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if value is None:
            continue
        here = (*parts, field_key(field))
        items = enumerate(value) if type(value) is tuple else ((None, value),)
        for position, item in items:
            path = here if position is None else (*here, position)
            yield path, field, item
            if attrs.has(type(item)):
                yield from plain_walk(item, path)


def plainly(factsheet: Any) -> dict[tuple[str, Any], Located]:
    """What a plain walk finds for each question the index answers."""
    found: dict[tuple[str, Any], list[tuple[Path, Any]]] = {("type", type(factsheet)): [((), factsheet)]}
    for path, field, value in plain_walk(factsheet):
        if attrs.has(type(value)):
            found.setdefault(("type", type(value)), []).append((path, value))
        key = constraint_key(field.type)
        if key is not None:
            found.setdefault(("constraint", key), []).append((path, value))
        found.setdefault(("field", field.name), []).append((path, value))
    return {tag: tuple(located) for tag, located in found.items()}


def ask_everything() -> None:
    """Have the walk collect the answer to every question :func:`answers` asks (at once, not one by one)."""
    for tp in CONSTRAINED:
        constraint = constraint_of(tp)
        assert constraint is not None
        _walk._collect(("constraint", constraint.key))
    for cls in MODELS:
        _walk._collect(("type", cls))
    for name in FIELD_NAMES:
        _walk._collect(("field", name))


def answers(found: Index) -> dict[tuple[str, Any], Located]:
    """Every answer of an index, to every question, leaving out the empty ones."""
    every: dict[tuple[str, Any], Located] = {}
    for tp in CONSTRAINED:
        constraint = constraint_of(tp)
        assert constraint is not None
        every["constraint", constraint.key] = found.constrained(tp)
    for cls in [*MODELS]:
        every["type", cls] = found.of_type(cls)
    for name in FIELD_NAMES:
        every["field", name] = found.field(name)
    return {tag: located for tag, located in every.items() if located}


@pytest.fixture(autouse=True)
def fresh_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from a walk that has been asked nothing, and leaves the rules' walk as it was."""
    monkeypatch.setattr(_walk, "_walkers", _walk._Walkers(()))
    monkeypatch.setattr(_walk, "_last", None)


@pytest.mark.parametrize("path", [AS_PUBLISHED, CORRECTED], ids=lambda p: p.name)
def test_the_index_answers_as_a_plain_walk_on_the_examples(path: FilePath) -> None:
    factsheet = opsfacts.load(path)
    ask_everything()
    assert answers(index(factsheet)) == plainly(factsheet)


@given(factsheets())
def test_the_index_answers_as_a_plain_walk(factsheet: Factsheet) -> None:
    ask_everything()
    _walk._last = None
    assert answers(index(factsheet)) == plainly(factsheet)


def test_a_walk_that_knows_the_questions_answers_the_same() -> None:
    # The first questions each widen the walk and walk again; later factsheets are walked once.
    first, second = opsfacts.load(AS_PUBLISHED), opsfacts.load(CORRECTED)
    assert answers(index(first)) == plainly(first)
    widened = _walk._walkers
    assert len(widened.tags) == len(CONSTRAINED) + len(MODELS) + len(FIELD_NAMES)
    _walk._last = None
    assert answers(index(second)) == plainly(second)
    assert _walk._walkers is widened
    # Paths name document keys and positions.
    figures = dict(index(second).of_type(Figure))
    assert isinstance(figures["funding", "requested"], Figure)
    assert ("populations", "groups", 0, "count") in dict(index(second).of_type(Quantity))


def test_only_what_was_asked_is_collected() -> None:
    factsheet = opsfacts.load(AS_PUBLISHED)
    found = index(factsheet)
    assert found.of_type(Percentage)
    assert [tag for tag, _ in _walk._walkers.positions.items()] == [("type", Percentage)]
    markers = found.constrained(constraints.Marker)
    assert markers == plainly(factsheet)["constraint", "marker"]
    assert "*" in {value for _, value in markers}
    assert list(_walk._walkers.positions) == [("type", Percentage), ("constraint", "marker")]


@attrs.frozen
class NotedFigure(Figure):
    """A figure with a remark, as a Python caller may build: its own class, a field of its own."""

    remark: Text | None = None


attrs.resolve_types(NotedFigure)  # the field types, not their text, as the model's own classes have


def test_a_subclass_built_in_python_is_walked_by_its_own_fields() -> None:
    base = opsfacts.load(CORRECTED)
    assert base.funding is not None
    assert base.funding.requested is not None
    noted = NotedFigure(value=base.funding.requested.value, remark="Revised")
    factsheet = attrs.evolve(base, funding=attrs.evolve(base.funding, requested=noted))
    assert isinstance(factsheet.funding, Funding)
    ask_everything()
    found = index(factsheet)
    assert (("funding", "requested", "remark"), "Revised") in found.constrained(Text)
    assert found.of_type(NotedFigure) == ((("funding", "requested"), noted),)
    assert (("funding", "requested"), noted) not in found.of_type(Figure)
    assert found.field("remark") == ((("funding", "requested", "remark"), "Revised"),)
    plain = plainly(factsheet)
    assert plain.pop(("type", NotedFigure)) == found.of_type(NotedFigure)
    assert plain.pop(("field", "remark")) == found.field("remark")
    assert answers(found) == plain


def test_a_question_about_a_factsheet_that_is_gone_is_refused() -> None:
    found = Index(opsfacts.load(CORRECTED))
    gc.collect()
    with pytest.raises(ReferenceError):
        found.of_type(Quantity)


def test_only_constrained_types_are_asked_by_constraint() -> None:
    found = index(opsfacts.load(CORRECTED))
    with pytest.raises(TypeError, match="not a constrained type"):
        found.constrained(str)


def test_a_walk_asked_little_goes_only_where_the_answers_can_be() -> None:
    factsheet = opsfacts.load(AS_PUBLISHED)
    found = index(factsheet)
    # Only figures are asked for: the walk leaves out classes that cannot hold one, and still finds every one.
    assert found.of_type(Figure) == plainly(factsheet)["type", Figure]
    assert found.field("as_of") == plainly(factsheet)["field", "as_of"]


class Items(tuple):  # type: ignore[type-arg]
    """A tuple of another class, as a Python caller may pass: the walk takes it as one value, as it did."""


def test_a_tuple_of_another_class_is_one_value() -> None:
    base = opsfacts.load(CORRECTED)
    factsheet = attrs.evolve(base, highlights=Items(base.highlights), sections=Items(base.sections))
    ask_everything()
    found = index(factsheet)
    assert (("highlights",), factsheet.highlights) in found.constrained(Text)
    assert found.field("sections") == ((("sections",), factsheet.sections),)
    assert answers(found) == plainly(factsheet)


def test_questions_said_beforehand_are_collected_by_the_first_walk() -> None:
    _walk.will_ask(constrained=(Text,), of_type=(Figure,), fields=("as_of",))
    said = _walk._walkers
    factsheet = opsfacts.load(AS_PUBLISHED)
    found = index(factsheet)
    plain = plainly(factsheet)
    assert found.constrained(Text) == plain["constraint", "text"]
    assert found.of_type(Figure) == plain["type", Figure]
    assert found.field("as_of") == plain["field", "as_of"]
    assert _walk._walkers is said  # not widened: walked once
    with pytest.raises(TypeError, match="not a constrained type"):
        _walk.will_ask(constrained=(str,))


def test_the_rules_say_what_they_ask(monkeypatch: pytest.MonkeyPatch) -> None:
    # Importing the rules said it: a check run walks each factsheet once, its first included.
    monkeypatch.setattr(_walk, "_walkers", RULES_WALKERS)
    assert {("constraint", "text"), ("constraint", "marker"), ("type", Figure), ("field", "as_of")} <= set(
        RULES_WALKERS.tags
    )
    factsheet = opsfacts.load(AS_PUBLISHED)
    assert [f.code for f in check(factsheet)] == ["OPS602", "OPS701", "OPS108", "OPS108", "OPS102", "OPS108"]
    assert _walk._walkers is RULES_WALKERS


@attrs.frozen
class LooseFigure(Figure):
    """A figure with fields whose types say nothing of what they hold."""

    anything: Any = None
    pair: tuple = ()  # type: ignore[type-arg]


attrs.resolve_types(LooseFigure)


def test_fields_whose_types_say_nothing_are_walked_by_their_values() -> None:
    base = opsfacts.load(CORRECTED)
    assert base.funding is not None
    assert base.funding.requested is not None
    loose = LooseFigure(
        value=base.funding.requested.value,
        anything=Quantity(value=5, printed="five"),
        pair=(Quantity(value=6), "six"),
    )
    factsheet = attrs.evolve(base, funding=attrs.evolve(base.funding, requested=loose))
    ask_everything()
    found = index(factsheet)
    quantities = dict(found.of_type(Quantity))
    assert quantities["funding", "requested", "anything"] == Quantity(value=5, printed="five")
    assert quantities["funding", "requested", "pair", 0] == Quantity(value=6)
    assert (("funding", "requested", "anything", "printed"), "five") in found.constrained(Text)
    plain = plainly(factsheet)
    assert plain.pop(("type", LooseFigure)) == found.of_type(LooseFigure)
    for name in ("anything", "pair"):
        assert plain.pop(("field", name)) == found.field(name)
    assert answers(found) == plain
