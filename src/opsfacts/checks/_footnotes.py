"""Footnote rules (OPS6xx): every marker has a footnote and every footnote is referenced."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import format_path
from ..model._classes import Factsheet, Footnote
from ..model._constraints import Marker
from ._findings import Issue, Severity
from ._registry import rule
from ._walk import Path, will_ask
from ._walk import index as walk_index

__all__: list[str] = []


will_ask(constrained=(Marker,))


def _markers_used(factsheet: Factsheet) -> list[tuple[Path, str]]:
    """Every footnote marker attached to an item, with its path."""
    return [
        (parts, value)
        for parts, value in walk_index(factsheet).constrained(Marker)
        if parts[:1] != ("footnotes",)
    ]


@rule("OPS601", Severity.ERROR, "Footnote marker without a footnote")
def marker_without_footnote(factsheet: Factsheet) -> Iterator[Issue]:
    """A figure marked ``*`` promises a footnote that explains it; the footnote must be there.

    Example::

        "groups": [{"type": "REF", "label": "Malian refugees", "count": 140103,
                    "residence": "abroad", "origin": "MLI", "footnotes": ["*"]}],
        "footnotes": []
    """
    defined = {f.marker for f in factsheet.footnotes}
    for parts, marker in _markers_used(factsheet):
        if marker not in defined:
            yield Issue(parts, f"the marker {marker!r} has no footnote", {"marker": marker})


@rule("OPS602", Severity.WARNING, "Footnote not referenced")
def unreferenced_footnote(factsheet: Factsheet) -> Iterator[Issue]:
    """A footnote whose marker nothing carries explains nothing; it is usually left over
    from a template or an earlier edition.

    Example::

        "footnotes": [{"marker": "**", "text": "Figures as of 31 May."}]
    """
    used = {marker for _parts, marker in _markers_used(factsheet)}
    for index, footnote in enumerate(factsheet.footnotes):
        if footnote.marker not in used:
            yield Issue(
                ("footnotes", index),
                f"the footnote {footnote.marker!r} ({_preview(footnote)}) is not referenced by any item",
                {"marker": footnote.marker},
            )


@rule("OPS603", Severity.ERROR, "Two footnotes share a marker")
def duplicate_marker(factsheet: Factsheet) -> Iterator[Issue]:
    """Each marker identifies one footnote; two footnotes with the same marker make every
    reference to it ambiguous.

    Example::

        "footnotes": [{"marker": "*", "text": "Source: UNHCR."},
                      {"marker": "*", "text": "As of 30 June."}]
    """
    seen: dict[str, int] = {}
    for index, footnote in enumerate(factsheet.footnotes):
        if footnote.marker in seen:
            yield Issue(
                ("footnotes", index, "marker"),
                f"the marker {footnote.marker!r} is already used by the footnote at "
                f"{format_path(('footnotes', seen[footnote.marker]))}",
                {"marker": footnote.marker, "first": seen[footnote.marker]},
            )
        else:
            seen[footnote.marker] = index


def _preview(footnote: Footnote) -> str:
    text = footnote.text
    return repr(text if len(text) <= 40 else text[:37] + "...")
