"""Footnotes: a line that starts with a marker ("*", "**", "¹") and the lines that carry it on."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ._lines import Line
from ._provenance import Recorder

__all__ = ["read_footnotes"]

_NOTE = re.compile(r"^(?P<marker>\*{1,3}|[¹²³⁴⁵])\s*(?P<text>\S.*)$")


def read_footnotes(lines: Sequence[Line], rec: Recorder) -> list[dict[str, Any]]:
    """The footnotes, in printed order, each once."""
    notes: list[dict[str, Any]] = []
    holders: list[Line] = []
    index = 0
    while index < len(lines):
        found = _NOTE.match(lines[index].text)
        index += 1
        if found is None:
            continue
        text = found["text"]
        # A note runs on until a blank line, a new box or a line that looks like something else.
        while (
            index < len(lines)
            and not lines[index].starts_block
            and not _NOTE.match(lines[index].text)
            and not text.endswith(".")
        ):
            text = f"{text} {lines[index].text}"
            index += 1
        if any(n["marker"] == found["marker"] for n in notes):
            continue
        notes.append({"marker": found["marker"], "text": text})
        holders.append(lines[index - 1])
    for number, (note, line) in enumerate(zip(notes, holders, strict=True)):
        rec.note(f"footnotes[{number}]", note, line, note["text"], low=True)
    return notes
