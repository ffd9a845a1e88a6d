"""The roll-up itself: choose the editions, count each one, add up the counted ones."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Factsheet
from . import _totals
from ._figures import Note, edition
from ._model import Edition, Editions, Exclusion, ExclusionRule, OperationSummary, Rollup
from ._select import Choice, Document, choose

__all__ = ["rollup", "rollup_documents"]

_EDITIONS = ("latest", "all")


def _ignore(what: str, why: str, rule: ExclusionRule, people: int | None) -> None:
    pass


def _recorder(document: Document, key: str, exclusions: list[Exclusion]) -> Note:
    period = document.factsheet.reference_period
    start, end = period.start, period.end or period.start

    def note(what: str, why: str, rule: ExclusionRule, people: int | None) -> None:
        exclusions.append(Exclusion(document.name, key, start, end, what, why, rule, people))

    return note


def _operation(choice: Choice, editions: Editions, exclusions: list[Exclusion]) -> OperationSummary:
    latest = choice.editions[-1]
    shown = choice.editions if editions == "all" else choice.editions[-1:]
    made: list[Edition] = []
    for document in shown:
        is_latest = document is latest
        counted = is_latest and choice.counted
        # Only the counted edition's items are listed: other sheets are left out whole, listed once.
        note = _recorder(document, choice.key, exclusions) if counted else _ignore
        made.append(
            edition(
                document.factsheet,
                file=document.name,
                key=choice.key,
                latest=is_latest,
                counted=counted,
                note=note,
            )
        )
    _whole_sheets(choice, exclusions)
    operation = latest.factsheet.operation
    return OperationSummary(
        key=choice.key,
        name=operation.name,
        countries=operation.countries,
        scope=operation.scope,
        area=operation.area,
        counted=choice.counted,
        part_of=choice.part_of,
        editions=tuple(made),
    )


def _whole_sheets(choice: Choice, exclusions: list[Exclusion]) -> None:
    latest = choice.editions[-1]
    newer = latest.factsheet.reference_period

    def sheet(document: Document, why: str, rule: ExclusionRule) -> None:
        period = document.factsheet.reference_period
        exclusions.append(
            Exclusion(
                document.name,
                choice.key,
                period.start,
                period.end or period.start,
                "the whole sheet",
                why,
                rule,
                document.factsheet.populations.computed_total if document.factsheet.populations else None,
            )
        )

    for document in choice.editions[:-1]:
        same = document.factsheet.reference_period == newer
        older = "another edition for the same period" if same else "an older edition"
        sheet(
            document,
            f"{older}; {latest.name} ({newer.start}..{newer.end or newer.start}) is counted instead",
            ExclusionRule.SUPERSEDED,
        )
    for document, kept in choice.duplicates:
        sheet(document, f"the same document as {kept.name}", ExclusionRule.DUPLICATE)
    if choice.part_of is not None:
        scope = latest.factsheet.operation.scope.value
        rule = ExclusionRule.SUBNATIONAL if scope == "subnational" else ExclusionRule.OVERLAPPING
        if len(choice.covered_by) == 1:
            why = f"covered by operation {choice.part_of}, which is counted; shown as a part of it"
        else:
            covering = ", ".join(choice.covered_by)
            why = f"covered by operations {covering}, which are counted; shown as a part of {choice.part_of}"
        sheet(latest, why, rule)


def rollup_documents(
    documents: Iterable[Document], *, editions: Editions = "latest", exclusions: Iterable[Exclusion] = ()
) -> Rollup:
    """Roll up named factsheets; ``exclusions`` are added first (unreadable files)."""
    if editions not in _EDITIONS:
        raise ValueError(f"editions must be 'latest' or 'all', not {editions!r}")
    found = list(exclusions)
    operations = tuple(_operation(choice, editions, found) for choice in choose(list(documents)))
    counted = [o.latest for o in operations if o.counted]
    return Rollup(
        editions=editions,
        operations=operations,
        by_type=_totals.by_type(counted),
        by_origin=_totals.by_origin(counted),
        staff=_totals.staff(counted),
        offices=_totals.offices(counted),
        partners=_totals.distinct_partners(counted),
        funding=_totals.funding(counted),
        exclusions=tuple(sorted(found, key=lambda e: e.file)),
    )


def rollup(factsheets: Iterable[Factsheet], *, editions: Editions = "latest") -> Rollup:
    """Roll up factsheets: per operation the latest edition (or all), totals across operations.

    Nothing is counted twice; every item left out is in :attr:`Rollup.exclusions`
    with why. The factsheets are named ``#0``, ``#1``... in the order given;
    :func:`rollup_files` names them by their files.
    """
    return rollup_documents((Document(f"#{i}", f) for i, f in enumerate(factsheets)), editions=editions)
