"""A converter of your own: make_converter, hooks that follow it, and the load/dump functions that take it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

import opsfacts
from opsfacts import Donor, Factsheet
from opsfacts.documents import configure_converter, converter, make_converter

CORRECTED = Path(__file__).resolve().parents[1] / "examples" / "mali-2017-06.corrected.json"


@pytest.fixture
def mali() -> Factsheet:
    return opsfacts.load(CORRECTED)


def test_a_hook_on_a_new_converter_is_used_inside_every_class(mali: Factsheet) -> None:
    conv = make_converter()
    conv.register_unstructure_hook(Donor, lambda donor: {"name": donor.name.upper()})
    data = opsfacts.to_dict(mali, converter=conv)
    assert data["donors"]["major"][0] == {"name": "UNITED STATES OF AMERICA"}
    # The default converter is untouched.
    assert opsfacts.to_dict(mali)["donors"]["major"][0]["name"] == "United States of America"
    assert '"UNITED STATES OF AMERICA"' in opsfacts.dumps(mali, converter=conv)


def test_a_structure_hook_changes_loading(mali: Factsheet) -> None:
    conv = make_converter()
    seen: list[str] = []
    default = conv.get_structure_hook(Donor)

    def donor(value: Any, cls: type) -> Donor:
        seen.append(value["name"])
        built: Donor = default(value, cls)
        return attrs.evolve(built, name=value["name"].strip())

    conv.register_structure_hook(Donor, donor)
    data = opsfacts.to_dict(mali)
    data["donors"]["major"][0]["name"] = "  United States of America  "
    loaded = opsfacts.from_dict(data, converter=conv)
    assert loaded == mali
    assert seen[0] == "  United States of America  "
    assert mali.donors is not None
    assert len(seen) == len(mali.donors.major) + len(mali.donors.others)
    text = opsfacts.dumps(mali)
    assert opsfacts.loads(text, converter=conv) == mali


def test_a_copy_follows_its_own_hooks(mali: Factsheet) -> None:
    copy = converter.copy()
    copy.register_unstructure_hook(Donor, lambda donor: {"name": "x"})
    assert {d["name"] for d in opsfacts.to_dict(mali, converter=copy)["donors"]["major"]} == {"x"}
    assert opsfacts.to_dict(mali) == opsfacts.to_dict(mali, converter=make_converter())


def test_configure_converter_makes_any_converter_strict() -> None:
    import cattrs

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(conv)
    with pytest.raises(opsfacts.InvalidDocument) as info:
        opsfacts.from_dict({"title": "12", "publisher": {"name": 3}}, converter=conv)
    assert ("$.publisher.name", "OPS002") in {(p.path, p.code) for p in info.value.problems}


def test_the_default_converter_is_made_by_make_converter() -> None:
    assert opsfacts.converter is converter
    assert opsfacts.make_converter is make_converter
