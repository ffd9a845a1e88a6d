"""Which factsheets the roll-up adds: one edition per operation, and no area twice.

An operation is what a sheet covers (:func:`operation_key`). Of its editions
the latest wins; the others are never summed with it. A sub-national sheet of
a country that has a country sheet is a part of it, and a situation sheet over
countries already covered is not added either. The choices depend on the
documents only, never on the order they are given in.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from attrs import frozen

from ..documents import dumps
from ..model import Factsheet, OperationScope

__all__ = ["Choice", "Document", "choose", "operation_key"]


@frozen
class Document:
    """A factsheet and the name it is reported by."""

    name: str
    factsheet: Factsheet


@frozen
class Choice:
    """An operation's editions, oldest first, and whether (and under which operation) it is counted."""

    key: str
    editions: tuple[Document, ...]
    duplicates: tuple[tuple[Document, Document], ...]
    """Each document identical to a kept one, with the one kept."""
    counted: bool
    part_of: str | None
    covered_by: tuple[str, ...] = ()
    """The counted operations covering what this one covers, in key order."""


def operation_key(factsheet: Factsheet) -> str:
    """The operation a sheet covers: ``MLI``, ``MLI/Ménaka`` (an area), ``BFA+MLI+NER`` (a situation).

    A situation over one country is keyed ``MLI+``.
    """
    operation = factsheet.operation
    if operation.scope is OperationScope.SUBNATIONAL:
        return f"{operation.country}/{' '.join((operation.area or '').split())}"
    if operation.scope is OperationScope.MULTI_COUNTRY:
        # A trailing "+" keeps a one-country situation apart from that country's own sheet.
        joined = "+".join(sorted(operation.countries))
        return joined if len(operation.countries) > 1 else f"{joined}+"
    return operation.country


def _age(document: Document) -> tuple[datetime.date, datetime.date, datetime.date]:
    # Newer means a later end, then a later start, then published later.
    f = document.factsheet
    period = f.reference_period
    published = f.published.last_day if f.published is not None else datetime.date.min
    return period.last_day, period.first_day, published


def _order(documents: Sequence[Document]) -> tuple[list[Document], list[tuple[Document, Document]]]:
    """Editions oldest first, and the duplicates dropped; the same whatever order they came in."""
    by_age: dict[tuple[datetime.date, ...], list[Document]] = {}
    for document in documents:
        by_age.setdefault(_age(document), []).append(document)
    kept: list[Document] = []
    duplicates: list[tuple[Document, Document]] = []
    for age in sorted(by_age):
        tied = by_age[age]
        if len(tied) == 1:
            kept.append(tied[0])
            continue
        # Rare: same period and publication. The canonical text decides, so input order never does.
        texts: dict[str, Document] = {}
        for document in sorted(tied, key=lambda d: d.name):
            text = dumps(document.factsheet)
            if text in texts:
                duplicates.append((document, texts[text]))
            else:
                texts[text] = document
        kept.extend(texts[text] for text in sorted(texts))
    return kept, duplicates


def choose(documents: Sequence[Document]) -> list[Choice]:
    """Every operation, in key order, with its editions and whether it is counted."""
    grouped: dict[str, list[Document]] = {}
    for document in documents:
        grouped.setdefault(operation_key(document.factsheet), []).append(document)
    ordered = {key: _order(grouped[key]) for key in sorted(grouped)}

    def scope(key: str) -> OperationScope:
        return ordered[key][0][-1].factsheet.operation.scope

    covered: dict[str, str] = {}  # country -> key of the counted operation covering it
    for key in ordered:
        if scope(key) is OperationScope.COUNTRY:
            covered[key] = key
    covering: dict[str, tuple[str, ...]] = dict.fromkeys(ordered, ())
    # Situations in key order: the first over uncovered countries is counted, later ones overlap.
    for key in ordered:
        if scope(key) is OperationScope.MULTI_COUNTRY:
            countries = ordered[key][0][-1].factsheet.operation.countries
            overlap = tuple(sorted({covered[c] for c in countries if c in covered}))
            if overlap:
                covering[key] = overlap
            else:
                covered.update(dict.fromkeys(countries, key))
    for key in ordered:
        if scope(key) is OperationScope.SUBNATIONAL:
            country = ordered[key][0][-1].factsheet.operation.country
            if country in covered:
                covering[key] = (covered[country],)
    return [
        Choice(
            key=key,
            editions=tuple(kept),
            duplicates=tuple(duplicates),
            counted=not covering[key],
            part_of=covering[key][0] if covering[key] else None,
            covered_by=covering[key],
        )
        for key, (kept, duplicates) in ordered.items()
    ]
