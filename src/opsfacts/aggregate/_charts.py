"""Geometry of the dashboard's SVG charts, computed from the roll-up: bar lengths and column heights.

The template only draws what these functions compute, so the proportions are
tested here and in the browser, not re-typed anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from attrs import frozen

from ..model._printing import count
from ..render._charts import BAR_MAX
from ._model import OperationSummary, Rollup

__all__ = ["Bar", "BarChart", "Column", "History", "by_operation", "by_type", "histories"]

_ROW = 24.0
_LABEL = 150.0
_COLUMN_MAX = 90.0
_COLUMN_STEP = 64.0


@frozen
class Bar:
    """One horizontal bar."""

    label: str
    text: str
    """The number as shown (``about 6,000``)."""
    count: int
    """The number the bar stands for, for ``data-count``."""
    width: float
    y: float
    counted: bool
    """Whether it is in the totals (parts of other operations are drawn apart)."""


@frozen
class BarChart:
    """A horizontal bar chart."""

    bars: tuple[Bar, ...]
    width: float
    height: float
    label_width: float


@frozen
class Column:
    """One column of an operation's history: an edition."""

    label: str
    text: str
    count: int
    height: float
    x: float
    y: float
    latest: bool


@frozen
class History:
    """An operation's people over its editions, oldest first."""

    key: str
    name: str
    columns: tuple[Column, ...]
    width: float
    height: float


def _length(value: int, largest: int, full: float) -> float:
    # An exact ratio first: counts may be too large for a float.
    return 0.0 if not largest else round(full * float(Fraction(value, largest)), 3)


def _text(people: int, approximate: bool) -> str:
    return ("about " if approximate else "") + count(people)


def _chart(items: Sequence[tuple[str, int, bool, bool]]) -> BarChart:
    largest = max((people for _, people, _, _ in items), default=0)
    bars = tuple(
        Bar(label, _text(people, approximate), people, _length(people, largest, BAR_MAX), i * _ROW, counted)
        for i, (label, people, approximate, counted) in enumerate(items)
    )
    return BarChart(bars, width=_LABEL + BAR_MAX + 110, height=max(len(bars), 1) * _ROW, label_width=_LABEL)


def by_type(rollup: Rollup) -> BarChart:
    """People by population type, largest first."""
    return _chart(
        [(t.population_type or "not stated", t.people, t.approximate, True) for t in rollup.by_type]
    )


def by_operation(rollup: Rollup) -> BarChart:
    """People by operation (latest edition), counted ones first; parts drawn apart, not added."""
    ordered = sorted(rollup.operations, key=lambda o: (not o.counted, -o.latest.people, o.key))
    return _chart([(o.key, o.latest.people, o.latest.approximate, o.counted) for o in ordered])


def _history(operation: OperationSummary) -> History:
    editions = operation.editions
    largest = max((e.people for e in editions), default=0)
    columns = []
    for i, edition in enumerate(editions):
        height = _length(edition.people, largest, _COLUMN_MAX)
        columns.append(
            Column(
                label=str(edition.period_end),
                text=_text(edition.people, edition.approximate),
                count=edition.people,
                height=height,
                x=10 + i * _COLUMN_STEP,
                y=20 + _COLUMN_MAX - height,
                latest=edition.latest,
            )
        )
    return History(
        operation.key,
        operation.name,
        tuple(columns),
        width=20 + len(columns) * _COLUMN_STEP,
        height=_COLUMN_MAX + 40,
    )


def histories(rollup: Rollup) -> tuple[History, ...]:
    """Each operation's people over the editions shown, in key order."""
    return tuple(_history(o) for o in rollup.operations)
