"""A roll-up as flat tables, for CSV and HXL-tagged CSV, with the conventions of :mod:`opsfacts.tables`.

Every row starts with the same key columns: ``country_code`` and ``as_of``
(as in the factsheet tables, so the two join), then ``operation_key``,
``period_start`` and ``period_end``. A row of a total over every counted
operation has ``*`` as its operation key, no country code, and the span of
the counted editions as its period. Numbers are written in full, amounts with
every digit (never rounded, never floats).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from ..model import PartialDate
from ..tables import Cell, Column, Table
from ._model import Edition, OperationSummary, Rollup

__all__ = ["ALL_OPERATIONS", "TABLE_NAMES", "tables"]

ALL_OPERATIONS: Final = "*"
"""The operation key of a row that totals every counted operation."""

TABLE_NAMES: Final = (
    "operations",
    "populations",
    "totals-by-type",
    "totals-by-origin",
    "funding",
    "exclusions",
)
"""The roll-up's tables, in order."""

Row = dict[str, Cell]

_KEY_COLUMNS = (
    Column("country_code", "#country+code", "ISO 3166-1 alpha-3 code of the operation's main country."),
    Column("as_of", "#date", "The end of the period the row refers to, at its printed precision."),
    Column(
        "operation_key",
        None,
        "The operation: MLI (a country), MLI/Ménaka (an area in it), BFA+MLI+NER (a situation); "
        "* for a total over every counted operation. No HXL hashtag names an operation.",
    ),
    Column("period_start", "#date+start", "First day, month or year of the period."),
    Column("period_end", "#date+end", "Last day, month or year of the period."),
)


def _text(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def _amount(value: Decimal | None) -> str | None:
    # Every digit, no exponent ("154300000", "20450000.00" stays as computed).
    return None if value is None else format(value, "f")


def _money(tag: str, currencies: set[str]) -> str:
    # "+usd" only when every amount of the table is in US dollars, as in opsfacts.tables.
    return f"{tag}+usd" if currencies == {"USD"} else tag


def _edition_key(operation: OperationSummary, edition: Edition) -> Row:
    return {
        "country_code": operation.countries[0],
        "as_of": str(edition.period_end),
        "operation_key": operation.key,
        "period_start": str(edition.period_start),
        "period_end": str(edition.period_end),
    }


def _span(rollup: Rollup) -> Row:
    counted = [o.latest for o in rollup.counted]
    start = min((e.period_start for e in counted), key=lambda d: d.first_day, default=None)
    end = max((e.period_end for e in counted), key=lambda d: d.last_day, default=None)
    return {
        "country_code": None,
        "as_of": _text(end),
        "operation_key": ALL_OPERATIONS,
        "period_start": _text(start),
        "period_end": _text(end),
    }


def _operations(rollup: Rollup) -> Table:
    rows: list[Row] = []
    for operation in rollup.operations:
        for edition in operation.editions:
            funding = edition.funding
            rows.append(
                {
                    **_edition_key(operation, edition),
                    "operation": operation.name,
                    "scope": operation.scope.value,
                    "area": operation.area,
                    "latest": edition.latest,
                    "counted": edition.counted,
                    "part_of": operation.part_of,
                    "people": edition.people,
                    "people_approximate": edition.approximate,
                    "staff": edition.staff,
                    "offices": edition.offices,
                    "partners": len(edition.partners),
                    "currency": None if funding is None else funding.currency,
                    "funding_year": None if funding is None else funding.year,
                    "requested": None if funding is None else _amount(funding.requested),
                    "funded": None if funding is None else _amount(funding.funded),
                    "file": edition.file,
                }
            )
    currencies = {str(r["currency"]) for r in rows if r["currency"] is not None}
    columns = (
        *_KEY_COLUMNS,
        Column("operation", None, "The operation's name as printed on its latest edition."),
        Column("scope", None, "country, subnational or multi-country."),
        Column("area", "#adm1+name", "The sub-national area, for a subnational operation."),
        Column("latest", None, "Whether this is the operation's latest edition."),
        Column("counted", None, "Whether this edition's figures are in the totals."),
        Column("part_of", None, "The operation that covers this one, where it is shown as a part."),
        Column("people", "#population+ind+total", "People counted in the edition (each group once)."),
        Column("people_approximate", None, "Whether some count added was printed as approximate."),
        Column("staff", None, "Staff. HXL has no hashtag for staff."),
        Column("offices", None, "Offices. No HXL tag for a count of offices."),
        Column("partners", None, "Partners listed."),
        Column("currency", "#currency+code", "ISO 4217 code of the amounts."),
        Column("funding_year", "#date+year", "The year of the requirements, where stated."),
        Column(
            "requested", _money("#value+funding+required", currencies), "Amount requested, in full units."
        ),
        Column("funded", _money("#value+funding+total", currencies), "Amount received, in full units."),
        Column("file", "#meta+source", "The factsheet file."),
    )
    return Table("operations", columns, tuple(rows))


def _populations(rollup: Rollup) -> Table:
    rows: list[Row] = [
        {
            **_edition_key(operation, edition),
            "population_type": line.population_type or None,
            "origin": line.origin,
            "people": line.people,
            "approximate": line.approximate,
            "counted": edition.counted,
        }
        for operation in rollup.operations
        for edition in operation.editions
        for line in edition.populations
    ]
    columns = (
        *_KEY_COLUMNS,
        Column(
            "population_type",
            "#population+type+code",
            "UNHCR population type codes, semicolon-separated for a combined group; empty where not stated.",
        ),
        Column("origin", "#country+origin+code", "Country of origin code, or mixed/unknown."),
        Column("people", "#population+ind", "Number of people."),
        Column("approximate", None, "Whether some count added was printed as approximate."),
        Column("counted", None, "Whether the edition is in the totals."),
    )
    return Table("populations", columns, tuple(rows))


def _by_type(rollup: Rollup) -> Table:
    span = _span(rollup)
    rows: list[Row] = [
        {
            **span,
            "population_type": t.population_type or None,
            "people": t.people,
            "approximate": t.approximate,
        }
        for t in rollup.by_type
    ]
    columns = (
        *_KEY_COLUMNS,
        Column("population_type", "#population+type+code", "UNHCR population type codes."),
        Column("people", "#population+ind+total", "People of that type across the counted operations."),
        Column("approximate", None, "Whether some count added was printed as approximate."),
    )
    return Table("totals-by-type", columns, tuple(rows))


def _by_origin(rollup: Rollup) -> Table:
    span = _span(rollup)
    rows: list[Row] = [
        {**span, "origin": t.origin, "people": t.people, "approximate": t.approximate}
        for t in rollup.by_origin
    ]
    columns = (
        *_KEY_COLUMNS,
        Column(
            "origin", "#country+origin+code", "Country of origin code, or mixed/unknown; empty: not stated."
        ),
        Column("people", "#population+ind+total", "People of that origin across the counted operations."),
        Column("approximate", None, "Whether some count added was printed as approximate."),
    )
    return Table("totals-by-origin", columns, tuple(rows))


def _funding(rollup: Rollup) -> Table:
    span = _span(rollup)
    rows: list[Row] = []
    for total in rollup.funding:
        percent = total.funded_percent
        rows.append(
            {
                **span,
                "currency": total.currency,
                "year": total.year,
                "requested": _amount(total.requested),
                "funded": _amount(total.funded),
                "funded_percent": None if percent is None else _amount(percent.quantize(Decimal("0.1"))),
                "operations": "; ".join(total.operations),
            }
        )
    currencies = {t.currency for t in rollup.funding}
    columns = (
        *_KEY_COLUMNS,
        Column("currency", "#currency+code", "ISO 4217 code: one row per currency and year, never summed."),
        Column("year", "#date+year", "The requirement year; empty where the sheet states none."),
        Column("requested", _money("#value+funding+required", currencies), "Amounts requested, added."),
        Column("funded", _money("#value+funding+total", currencies), "Amounts received, added."),
        Column(
            "funded_percent", "#value+funding+pct", "Funded as a percentage of requested, to one decimal."
        ),
        Column("operations", None, "The operations added, semicolon-separated."),
    )
    return Table("funding", columns, tuple(rows))


def _exclusions(rollup: Rollup) -> Table:
    countries = {o.key: o.countries[0] for o in rollup.operations}
    rows: list[Row] = [
        {
            "country_code": countries.get(e.operation_key),
            "as_of": _text(e.period_end),
            "operation_key": e.operation_key or None,
            "period_start": _text(e.period_start),
            "period_end": _text(e.period_end),
            "file": e.file,
            "what": e.what,
            "why": e.why,
            "rule": e.rule.value,
            "people": e.people,
        }
        for e in rollup.exclusions
    ]
    columns = (
        *_KEY_COLUMNS,
        Column("file", "#meta+source", "The factsheet file."),
        Column("what", "#description", "What is left out of the totals."),
        Column("why", None, "Why, naming what counts instead."),
        Column("rule", None, "The rule's code (superseded, abroad, part-of-group...)."),
        Column("people", "#population+ind", "The people it holds, where it is a number of people."),
    )
    return Table("exclusions", columns, tuple(rows))


_BUILDERS = {
    "operations": _operations,
    "populations": _populations,
    "totals-by-type": _by_type,
    "totals-by-origin": _by_origin,
    "funding": _funding,
    "exclusions": _exclusions,
}


def tables(rollup: Rollup, names: Sequence[str] = TABLE_NAMES) -> dict[str, Table]:
    """The roll-up's tables by name (all of them by default).

    Write each with :func:`opsfacts.tables.write_csv` (``hxl=True`` for the hashtag row).
    """
    unknown = [n for n in names if n not in _BUILDERS]
    if unknown:
        raise KeyError(f"no table {unknown[0]!r}; the tables are {', '.join(TABLE_NAMES)}")
    return {name: _BUILDERS[name](rollup) for name in names}
