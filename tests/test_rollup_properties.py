"""Properties of the roll-up: its rows and totals depend on the documents, not on their order or company."""

from __future__ import annotations

from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opsfacts
from opsfacts.aggregate import Rollup, operation_key, rollup
from opsfacts.model import Factsheet, Operation, OperationScope
from opsfacts.strategies import factsheets

DATA = Path(__file__).resolve().parent / "data" / "rollup"
SAHEL = [opsfacts.load(path) for path in sorted(DATA.glob("*.*"))]
SAHEL_COUNTRIES = {c for f in SAHEL for c in f.operation.countries}

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _totals(r: Rollup) -> tuple[object, ...]:
    return (r.people, r.by_type, r.by_origin, r.staff, r.offices, r.partners, r.funding, r.approximate)


def _rows(r: Rollup) -> dict[str, object]:
    # An operation's row, without the file names (``#3``), which follow the input order.
    return {
        o.key: attrs.evolve(o, editions=tuple(attrs.evolve(e, file="") for e in o.editions))
        for o in r.operations
    }


@SETTINGS
@given(st.lists(factsheets(), max_size=4), st.randoms(use_true_random=False))
def test_reordering_the_inputs_never_changes_a_total(generated: list[Factsheet], random: object) -> None:
    documents = SAHEL + generated
    shuffled = list(documents)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _totals(rollup(shuffled)) == _totals(rollup(documents))
    assert _totals(rollup(shuffled, editions="all")) == _totals(rollup(documents, editions="all"))


@SETTINGS
@given(factsheets())
def test_a_new_operation_never_changes_another_operations_row(new: Factsheet) -> None:
    # A country sheet of a country the set does not cover: a new operation, covering no other.
    if new.operation.country in SAHEL_COUNTRIES:
        new = attrs.evolve(new, operation=Operation(name=new.operation.name, countries=("SEN",)))
    else:
        new = attrs.evolve(
            new, operation=Operation(name=new.operation.name, countries=(new.operation.country,))
        )
    assert new.operation.scope is OperationScope.COUNTRY
    before = _rows(rollup(SAHEL, editions="all"))
    after = _rows(rollup([new, *SAHEL], editions="all"))
    assert set(after) - set(before) == {new.operation.country}
    assert {key: after[key] for key in before} == before


@SETTINGS
@given(st.lists(factsheets(), max_size=6), st.sampled_from(["latest", "all"]))
def test_rollup_never_crashes_and_adds_up(generated: list[Factsheet], editions: str) -> None:
    result = rollup(generated, editions=editions)  # type: ignore[arg-type]
    assert result.people == sum(o.latest.people for o in result.counted)
    assert result.people == sum(t.people for t in result.by_origin)
    assert [o.key for o in result.operations] == sorted({operation_key(f) for f in generated})
    shown = sum(len(o.editions) for o in result.operations)
    assert shown <= len(generated)
