"""Every model field is shown by Markdown and HTML, or named as left out on purpose.

For each field of the model, a factsheet that has it is changed in that field alone and
rendered again: the output must change, unless the renderer's ``LEFT_OUT`` names the
field (with why). A new model field that no output shows, and that nobody listed, fails
here (the tables have the same test in ``test_tables.py``).
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import opsfacts
from opsfacts import OperationScope, PartnerRole
from opsfacts.model import PartialDate, constraint_of
from opsfacts.model import _classes as model
from opsfacts.render import _html as html
from opsfacts.render import _markdown as markdown
from test_render_v2 import later

REPO = Path(__file__).resolve().parents[1]

# Values that fit a constrained field and differ from the fixtures' values.
_OTHER = {
    "email address": "mutated@example.org",
    "web address": "https://mutated.example.org/x",
    "ISO 3166-1 alpha-3 country code": "NOR",
    "country of origin": "NOR",
    "language tag": "de",
    "IATI organisation identifier": "XM-DAC-99999",
    "ISO 4217 currency code": "NOK",
    "footnote marker": "§",
    "rule code or prefix": "OPS7",
    "heading level": 2,
}
# Fields that cannot change alone: the model ties them to another field.
_TIED = {"Operation.scope", "Factsheet.format_version", "Footnote.marker"}

Setter = Callable[[Any], model.Factsheet]


def _constraint(tp: Any) -> str | None:
    for candidate in (tp, *typing.get_args(tp)):
        found = constraint_of(candidate)
        if found is not None:
            return found.name
    return None


def _others(value: Any, tp: Any) -> list[Any]:
    """Values to put in place of value, to try in turn (the first may break a rule tying fields)."""
    if isinstance(value, PartialDate):
        return [PartialDate(f"{value.year + step}{value[4:]}") for step in (-1, 1)]
    return [_other(value, tp)]


def _other(value: Any, tp: Any) -> Any:
    name = _constraint(tp)
    if name in _OTHER:
        return _OTHER[name]
    if isinstance(value, bool):
        return not value
    if isinstance(value, enum.Enum):
        members = list(type(value))
        return members[(members.index(value) + 1) % len(members)]
    if isinstance(value, int):
        return value + 7
    if isinstance(value, Decimal):
        return value + 3
    if isinstance(value, str):
        return f"{value} Zmut"
    raise AssertionError(f"no other value for {value!r}")


def _leaves(obj: Any, setter: Setter, seen: set[str]) -> Iterator[tuple[str, Any, Any, Setter]]:
    """(Class.field, value, type, setter) of the first filled occurrence of every leaf field."""
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        key = f"{type(obj).__name__}.{field.name}"

        def set_field(new: Any, field: Any = field, obj: Any = obj, setter: Setter = setter) -> Any:
            return setter(attrs.evolve(obj, **{field.name: new}))

        if attrs.has(type(value)):
            yield from _leaves(value, set_field, seen)
        elif isinstance(value, tuple) and value:
            for index, item in enumerate(value):

                def set_item(new: Any, i: int = index, items: Any = value, up: Any = set_field) -> Any:
                    return up((*items[:i], new, *items[i + 1 :]))

                if attrs.has(type(item)):
                    yield from _leaves(item, set_item, seen)
                elif key not in seen:
                    seen.add(key)
                    yield key, item, typing.get_args(field.type)[0], set_item
        elif value is not None and value != () and key not in seen:
            seen.add(key)
            yield key, value, field.type, set_field


def _extra() -> model.Factsheet:
    """The rich factsheet with the fields it leaves empty filled in."""
    sheet = later()
    assert sheet.populations is not None
    assert sheet.funding is not None
    assert sheet.presence is not None
    assert sheet.partners is not None
    assert sheet.donors is not None
    footnotes = (*sheet.footnotes, model.Footnote(marker="‡", text="A note."))
    return attrs.evolve(
        sheet,
        schema="urn:opsfacts:schema:factsheet:2.0",
        operation=model.Operation(
            name="Gambella",
            countries=("ETH",),
            scope=OperationScope.SUBNATIONAL,
            area="Gambella region",
        ),
        publisher=attrs.evolve(sheet.publisher, acronym="HCR"),
        period=model.Period(start=PartialDate("2021-06"), printed="June 2021"),
        footnotes=footnotes,
        accepted=(model.Acceptance(code="OPS803", reason="invented numbers", path="$.contacts"),),
        key_figures=tuple(attrs.evolve(k, footnotes=("‡",)) for k in sheet.key_figures),
        populations=attrs.evolve(
            sheet.populations,
            as_of=PartialDate("2021-05"),
            footnotes=("‡",),
            totals=tuple(attrs.evolve(t, footnotes=("‡",)) for t in sheet.populations.totals),
            groups=(
                attrs.evolve(
                    sheet.populations.groups[0],
                    by_origin=(model.OriginCount(origin="VEN", count=model.Quantity(10)),),
                ),
                *sheet.populations.groups[1:],
            ),
        ),
        funding=attrs.evolve(sheet.funding, footnotes=("‡",)),
        presence=attrs.evolve(sheet.presence, footnotes=("‡",)),
        partners=attrs.evolve(
            sheet.partners,
            as_of=PartialDate("2021-04"),
            partners=tuple(attrs.evolve(p, acronym=p.acronym or "ACR") for p in sheet.partners.partners),
            stated_counts=(
                model.PartnerCount(
                    count=2, text="two implementing partners", roles=(PartnerRole.IMPLEMENTING,)
                ),
            ),
        ),
        donors=attrs.evolve(sheet.donors, as_of=PartialDate("2021-03")),
        activities=tuple(
            attrs.evolve(
                a,
                statements=tuple(
                    attrs.evolve(s, targets=tuple(attrs.evolve(t, footnotes=("‡",)) for t in s.targets))
                    for s in a.statements
                ),
            )
            for a in sheet.activities
        ),
    )


def _fixtures() -> list[model.Factsheet]:
    mali = [
        opsfacts.load(REPO / "examples" / f"mali-2017-06.{kind}.json")
        for kind in ("corrected", "as-published")
    ]
    return [later(), _extra(), *mali]


def _leaf_fields() -> set[str]:
    found = set()
    for name in model.__all__:
        cls = getattr(model, name)
        if not (isinstance(cls, type) and attrs.has(cls)):
            continue
        for field in attrs.fields(cls):
            args = [a for a in typing.get_args(field.type) if a is not type(None)] or [field.type]
            inner = typing.get_args(args[0])[0] if typing.get_origin(args[0]) is tuple else args[0]
            if not (isinstance(inner, type) and attrs.has(inner)):
                found.add(f"{cls.__name__}.{field.name}")
    return found


def _not_shown(render: Callable[[model.Factsheet], str]) -> tuple[set[str], set[str]]:
    """(fields whose change leaves the output as it was, every field reached)."""
    reached: set[str] = set()
    unchanged: set[str] = set()
    changed: set[str] = set()
    for base in _fixtures():
        before = render(base)
        for key, value, tp, setter in _leaves(base, lambda new: new, set()):
            if key in _TIED:
                continue
            reached.add(key)
            for other in _others(value, tp):
                try:
                    sheet = setter(other)
                    break
                except ValueError:
                    continue
            else:
                raise AssertionError(f"no value could replace {key}={value!r}")
            if render(sheet) == before:
                unchanged.add(key)
            else:
                changed.add(key)
    return unchanged - changed, reached


def test_the_fixtures_reach_every_field() -> None:
    reached = set().union(*(_not_shown_cache(r)[1] for r in ("md",)))
    assert _leaf_fields() - reached - _TIED == set()


_CACHE: dict[str, tuple[set[str], set[str]]] = {}


def _not_shown_cache(which: str) -> tuple[set[str], set[str]]:
    if which not in _CACHE:
        render = markdown.render_markdown if which == "md" else html.render_html
        _CACHE[which] = _not_shown(render)
    return _CACHE[which]


@pytest.mark.parametrize(("which", "left_out"), [("md", markdown.LEFT_OUT), ("html", html.LEFT_OUT)])
def test_every_field_is_shown_or_left_out_on_purpose(which: str, left_out: dict[str, str]) -> None:
    not_shown, _ = _not_shown_cache(which)
    assert not_shown == set(left_out)
    assert all(reason.strip() for reason in left_out.values())
