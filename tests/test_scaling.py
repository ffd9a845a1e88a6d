"""Steps that index once instead of rescanning give the same answers as before, however large the lists.

(How long they take is the scaling benchmark's to show, not a test's.)
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES
from opsfacts import check, from_dict
from opsfacts.documents._sources import parse_json

ITEMS = 300


def _array_text() -> str:
    doc = {"first": 1, "items": [{"n": i, "text": f"item {i}"} for i in range(ITEMS)], "last": [[], {}]}
    return json.dumps(doc, indent=2)


def _item_line(index: int) -> int:
    # '{', '"first": 1,', '"items": [', then four lines per item: '{', '"n": i,', '"text": ...', '},'
    return 4 + 4 * index


@given(st.permutations(range(ITEMS)))
def test_every_item_of_a_large_array_is_located_in_any_order(order: list[int]) -> None:
    parsed = parse_json(_array_text())
    for index in order:
        assert parsed.locate(("items", index), False) == (_item_line(index), 5)
        assert parsed.locate(("items", index, "n"), False) == (_item_line(index) + 1, 12)
        assert parsed.locate(("items", index, "text"), True) == (_item_line(index) + 2, 7)


def test_missing_children_are_located_at_their_nearest_parent() -> None:
    parsed = parse_json(_array_text())
    assert parsed.locate(("items", ITEMS), False) == (3, 12)
    assert parsed.locate(("items", 7, "absent"), False) == (_item_line(7), 5)
    assert parsed.locate(("items", 7, "absent"), True) == (_item_line(7), 5)
    assert parsed.locate(("items", "n"), False) == (3, 12)  # a key in an array names nothing
    assert parsed.locate(("first", 0), False) == (2, 12)  # nor an index in a number
    # After the items: '],', '"last": [', '[],', '{}'.
    assert parsed.locate(("last", 0, 1), False) == (_item_line(ITEMS) + 2, 5)
    assert parsed.locate(("last", 1), False) == (_item_line(ITEMS) + 3, 5)


def _many_groups(count: int) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((EXAMPLES / "mali-2017-06.corrected.json").read_text(encoding="utf-8"))
    names = ["Kayes", "Sikasso", "Segou", "Mopti", "Timbuktu", "Gao", "Kidal", "Menaka", "Taoudenni"]
    zones = [f"{a}{b.lower()}" for a in names for b in names][:count]
    doc["populations"]["groups"] += [
        {"label": f"Refugees - {zone}", "types": ["REF"], "count": 1000 + i, "place": zone, "origin": "BFA"}
        for i, zone in enumerate(zones)
    ]
    # Every other highlight repeats its group's figure wrongly, the others rightly.
    doc["highlights"] += [
        f"Mali hosts {1100 + i if i % 2 else 1000 + i:,} refugees in {zone}." for i, zone in enumerate(zones)
    ]
    return doc


def test_text_compared_with_many_labels_finds_each_contradiction_at_its_own_text() -> None:
    count = 60
    doc = _many_groups(count)
    found = [f for f in check(from_dict(doc)) if f.code == "OPS704"]
    first = len(doc["highlights"]) - count
    expected = [(f"$.highlights[{first + i}]", 1100 + i, 1000 + i) for i in range(count) if i % 2]
    assert [(f.path, f.values["text_says"], f.values["figure"]) for f in found] == expected


def test_key_figures_compared_with_the_narrative_are_reported_once_each() -> None:
    doc = _many_groups(0)
    doc["key_figures"] = [
        {"label": f"people evacuated by boat from {place}", "quantity": 900 + i}
        for i, place in enumerate(["Mecufi", "Pemba", "Ibo", "Metuge"])
    ]
    doc["highlights"] += [
        "UNHCR evacuated 850 people by boat from Pemba.",
        "Partners evacuated 860 people by boat from Pemba.",  # Pemba's figure is reported once
        "UNHCR evacuated 903 people by boat from Metuge.",  # the same figure
        "UNHCR evacuated 910 people by road from Ibo.",  # other words
    ]
    found = [f for f in check(from_dict(doc)) if f.code == "OPS704"]
    assert [(f.path, f.values["text_says"]) for f in found] == [("$.key_figures[1].quantity", 850)]
