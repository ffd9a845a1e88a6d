"""Every YAML snippet of the "encoding a factsheet" page loads as the class its first line names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from opsfacts import model
from opsfacts.documents import converter

PAGE = Path(__file__).resolve().parents[1] / "docs" / "encoding.rst"
_BLOCK = re.compile(r"^\.\. code-block:: yaml\n\n((?:   .*\n|\n)+)", re.MULTILINE)


def _snippets() -> list[tuple[str, str]]:
    found = []
    for match in _BLOCK.finditer(PAGE.read_text(encoding="utf-8")):
        text = "\n".join(line[3:] for line in match.group(1).splitlines())
        first = text.strip().splitlines()[0]
        name = re.fullmatch(r"# opsfacts: (\w+)", first)
        assert name is not None, f"a snippet does not name its class: {first!r}"
        found.append((name.group(1), text))
    return found


SNIPPETS = _snippets()


def test_the_page_has_a_snippet_for_every_category() -> None:
    assert len(SNIPPETS) == 13
    assert {name for name, _ in SNIPPETS} >= {"Factsheet", "Populations", "Funding", "Presence", "Donors"}


@pytest.mark.parametrize(("name", "text"), SNIPPETS, ids=[f"{i}-{n}" for i, (n, _) in enumerate(SNIPPETS)])
def test_snippet_loads(name: str, text: str) -> None:
    cls = getattr(model, name)
    # YAML 1.1 reads unquoted dates as dates; the snippets quote them, as the loader requires.
    data: Any = yaml.safe_load(text)
    value = converter.structure(data, cls)
    assert isinstance(value, cls)
    assert converter.structure(converter.unstructure(value), cls) == value
