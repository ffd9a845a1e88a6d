"""Factsheets as flat tables, for CSV and for HXL-tagged CSV (HDX and its tools).

One table per section: ``populations`` (and their ``breakdowns`` by origin,
sex and age), ``funding``, ``staff``, ``offices``, ``partners``, ``targets``
and ``donors``; one row per item. Every row starts
with the operation's main country code and an as-of date, so the tables of
many factsheets concatenate (:func:`combine`). Column names are stable;
each column carries an HXL hashtag where the HXL standard has one that fits
and none (an empty cell in the hashtag row) where it has not.

>>> from opsfacts.tables import tables, write_csv
>>> write_csv(tables(factsheet)["populations"], sys.stdout, hxl=True)  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import IO, Final

import attrs

from .codes import TargetKind
from .model import Factsheet, Figure

__all__ = [
    "TABLE_NAMES",
    "Cell",
    "Column",
    "Table",
    "combine",
    "table",
    "tables",
    "write_csv",
]

Cell = str | int | bool | None
"""A table cell: text, a whole number, a boolean or nothing."""
Row = dict[str, Cell]


@attrs.frozen
class Column:
    """A column: its name, its HXL hashtag with attributes (None where no HXL tag fits), what it holds."""

    name: str
    hxl: str | None = None
    doc: str = ""


@attrs.frozen
class Table:
    """A named table: its columns, in order, and its rows (dicts keyed by column name)."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[Mapping[str, Cell], ...]

    @property
    def header(self) -> list[str]:
        """The column names."""
        return [c.name for c in self.columns]

    @property
    def hxl_row(self) -> list[str]:
        """The HXL hashtag row: one tag per column, empty where none fits."""
        return [c.hxl or "" for c in self.columns]


def _date(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _amount(figure: Figure | None) -> str | None:
    # The full amount, multiplier applied, written without exponent ("42749662").
    if figure is None:
        return None
    return _decimal(figure.amount)


def _decimal(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _join(values: Iterable[str]) -> str | None:
    # Several values in one cell, "; "-separated (HXL cells hold one value; these are lists).
    joined = "; ".join(values)
    return joined or None


def _key(factsheet: Factsheet, as_of: datetime.date | None) -> Row:
    return {"country_code": factsheet.operation.country, "as_of": _date(as_of or factsheet.period.end)}


_KEY_COLUMNS = (
    Column("country_code", "#country+code", "ISO 3166-1 alpha-3 code of the operation's main country."),
    Column("as_of", "#date", "Date the row refers to: the section's or item's as-of, else the period end."),
)


# --- rows, one function per table ---------------------------------------------------------------


def _populations(f: Factsheet) -> list[Row]:
    if f.populations is None:
        return []
    block = f.populations
    return [
        {
            **_key(f, group.as_of or block.as_of),
            "population_type": group.type.value,
            "label": group.label,
            "count": group.count,
            "residence": group.residence.value,
            "origin": group.origin,
            "source": group.source,
            "footnotes": _join((*group.footnotes, *block.footnotes)),
        }
        for group in block.groups
    ]


def _breakdowns(f: Factsheet) -> list[Row]:
    if f.populations is None:
        return []
    block = f.populations
    rows: list[Row] = []
    for group in block.groups:
        base = {
            **_key(f, group.as_of or block.as_of),
            "population_type": group.type.value,
            "label": group.label,
        }
        empty: Row = {"origin": None, "sex": None, "min_age": None, "max_age": None}
        for by_origin in group.by_origin:
            rows.append(
                {**base, "by": "origin", **empty, "origin": by_origin.origin, "count": by_origin.count}
            )
        for by_sex in group.by_sex:
            rows.append({**base, "by": "sex", **empty, "sex": by_sex.sex.value, "count": by_sex.count})
        for band in group.by_age:
            rows.append(
                {
                    **base,
                    "by": "age",
                    **empty,
                    "min_age": band.min_age,
                    "max_age": band.max_age,
                    "count": band.count,
                }
            )
    return rows


def _funding(f: Factsheet) -> list[Row]:
    if f.funding is None:
        return []
    fund = f.funding
    return [
        {
            **_key(f, fund.as_of),
            "currency": fund.currency,
            "requested": _amount(fund.requested),
            "funded": _amount(fund.funded),
            "unfunded": _amount(fund.unfunded),
            "funded_percent": _decimal(fund.funded_percent),
            "unfunded_percent": _decimal(fund.unfunded_percent),
        }
    ]


def _staff(f: Factsheet) -> list[Row]:
    if f.presence is None:
        return []
    return [
        {**_key(f, None), "category": g.category.value, "label": g.label, "count": g.count}
        for g in f.presence.staff
    ]


def _offices(f: Factsheet) -> list[Row]:
    if f.presence is None:
        return []
    return [
        {
            **_key(f, None),
            "office_type": g.type.value,
            "label": g.label,
            "count": g.count,
            "locations": _join(g.locations),
        }
        for g in f.presence.offices
    ]


def _partners(f: Factsheet) -> list[Row]:
    if f.partners is None:
        return []
    return [
        {
            **_key(f, None),
            "name": p.name,
            "acronym": p.acronym,
            "organisation_type": p.type.value,
            "iati_type_code": p.type.iati_code,
            "role": p.role.value,
            "note": p.note,
        }
        for p in f.partners.partners
    ]


def _targets(f: Factsheet) -> list[Row]:
    rows: list[Row] = []
    for activities in f.activities:
        sector = activities.sector
        cluster = sector.code.cluster
        for number, statement in enumerate(activities.statements, start=1):
            for target in statement.targets:
                if target.kind is TargetKind.CONTEXT:
                    continue  # it sets the scene; the table holds what is aimed for or reached
                rows.append(
                    {
                        **_key(f, None),
                        "sector_code": sector.code.value,
                        "cluster_code": None if cluster is None else cluster.value,
                        "sector_name": sector.name,
                        "statement": number,
                        "kind": target.kind.value,
                        "quantity": target.quantity,
                        "qualifier": target.qualifier.value,
                        "unit": target.unit,
                        "beneficiaries": target.beneficiaries,
                        "locations": _join(target.locations),
                        "year": target.year,
                    }
                )
    return rows


def _donors(f: Factsheet) -> list[Row]:
    if f.donors is None:
        return []
    block = f.donors
    rows: list[Row] = []
    for tier, donors in (("major", block.major), ("other", block.others)):
        for donor in donors:
            rows.append(
                {
                    **_key(f, None),
                    "year": block.year,
                    "scope": block.scope,
                    "tier": tier,
                    "name": donor.name,
                    "private": donor.private,
                    "donor_country": donor.country,
                    "currency": block.currency,
                    "amount": _amount(donor.amount),
                }
            )
    return rows


# --- columns and their HXL tags -----------------------------------------------------------------


def _all(rows: Sequence[Row], column: str, value: str) -> bool:
    return all(row[column] == value for row in rows)


def _money(rows: Sequence[Row], tag: str) -> str:
    # "+usd" says the amounts are in US dollars; only true when every row is in USD.
    return f"{tag}+usd" if rows and _all(rows, "currency", "USD") else tag


def _population_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("population_type", "#population+type+code", "UNHCR population type code (REF, IDP, RDP...)."),
        Column("label", "#population+type+name", "The label printed for the group."),
        Column("count", "#population+ind", "Number of people (+ind is an HXL 1.1 pre-release attribute)."),
        Column("residence", None, "``hosted`` or ``abroad`` (nationals abroad). No HXL attribute says this."),
        Column("origin", "#country+origin+code", "Country of origin code, or ``mixed``/``unknown``."),
        Column("source", "#meta+source", "Who counted, as printed."),
        Column("footnotes", None, "Footnote markers, semicolon-separated. No HXL tag for footnotes."),
    ]


def _breakdown_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("population_type", "#population+type+code", "UNHCR population type code of the group."),
        Column("label", "#population+type+name", "The label printed for the group."),
        Column("by", None, "``origin``, ``sex`` or ``age``: what the row breaks the group down by."),
        Column("origin", "#country+origin+code", "Country of origin code, for a row by origin."),
        Column(
            "sex",
            None,
            "``f``, ``m``, ``x`` or ``u``, for a row by sex. HXL says sex with attributes of the count "
            "(+f, +m) in wide tables; this long table keeps it as a value.",
        ),
        Column("min_age", None, "Youngest age of the band, for a row by age. No HXL tag for an age band."),
        Column("max_age", None, "Oldest age of the band; empty for an open band (60+)."),
        Column("count", "#population+ind", "Number of people in this part of the group."),
    ]


def _funding_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("currency", "#currency+code", "ISO 4217 code of the amounts."),
        Column("requested", _money(rows, "#value+funding+required"), "Amount requested, in full units."),
        Column("funded", _money(rows, "#value+funding+total"), "Amount received, in full units."),
        Column("unfunded", None, "Funding gap as printed, in full units. No HXL tag for a gap."),
        Column("funded_percent", "#value+funding+pct", "Percentage funded, as printed."),
        Column("unfunded_percent", None, "Percentage unfunded, as printed. No HXL tag."),
    ]


def _staff_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("category", None, "Staff category code. HXL has no hashtag for staff."),
        Column("label", None, "The label printed for the category."),
        Column("count", None, "Number of staff."),
    ]


def _office_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("office_type", "#loc+type+code", "Office type code (country-office, sub-office...)."),
        Column("label", "#loc+type+name", "The label printed for the offices."),
        Column("count", None, "Number of offices, as printed. No HXL tag for a count of offices."),
        Column("locations", "#loc+name", "Where they are, semicolon-separated."),
    ]


def _partner_columns(rows: Sequence[Row]) -> list[Column]:
    # "+impl" only when every partner in the table is an implementing partner.
    impl = "+impl" if rows and _all(rows, "role", "implementing") else ""
    return [
        Column("name", f"#org{impl}+name", "The partner's name as printed."),
        Column("acronym", None, "Its acronym. The HXL dictionary has no acronym attribute."),
        Column("organisation_type", f"#org{impl}+type", "Kind of organisation (opsfacts code)."),
        Column("iati_type_code", f"#org{impl}+type+code", "IATI OrganisationType code."),
        Column("role", None, "Partner role code; HXL expresses only some roles (+impl, +funder, +prog)."),
        Column("note", "#description", "What the factsheet adds in brackets."),
    ]


def _quantity_tag(rows: Sequence[Row]) -> str | None:
    kinds = {row["kind"] for row in rows}
    if kinds <= {TargetKind.TARGET.value}:
        return "#targeted"
    if kinds == {TargetKind.ACHIEVED.value}:
        return "#reached"
    return None


def _target_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("sector_code", "#sector+code", "opsfacts sector code."),
        Column("cluster_code", "#sector+cluster+code", "Global cluster code, where the sector is one."),
        Column("sector_name", "#sector+name", "The sector heading as printed."),
        Column("statement", None, "Number of the statement in its sector, from 1."),
        Column("kind", None, "target or achieved. No HXL attribute."),
        Column(
            "quantity",
            _quantity_tag(rows),
            "The number as printed: #targeted when every row is a target, #reached when every row "
            "is an achievement, untagged for a mix (see the note on #targeted). Context figures "
            "are not in this table.",
        ),
        Column("qualifier", None, "exact, at-least, at-most or about. No HXL attribute."),
        Column("unit", None, 'What is counted ("boreholes"). No HXL tag for a unit.'),
        Column("beneficiaries", None, "Who benefits, as printed (free text, not a population type)."),
        Column("locations", "#loc+name", "Where, semicolon-separated."),
        Column("year", None, "The year the target is for. HXL #date wants a date, not a year."),
    ]


def _donor_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("year", None, "Year of the contributions."),
        Column("scope", "#description", "What the list covers."),
        Column("tier", None, "``major`` or ``other``, as the factsheet groups them."),
        Column("name", "#org+funder+name", "The donor's name as printed."),
        Column("private", None, "``true`` for private donors. No HXL attribute."),
        Column("donor_country", None, "The donor's country code; #country+code is the operation's."),
        Column("currency", "#currency+code", "ISO 4217 code of the amounts."),
        Column("amount", _money(rows, "#value+funding+total"), "Amount contributed, in full units."),
    ]


_Rows = Callable[[Factsheet], list[Row]]
_Columns = Callable[[Sequence[Row]], list[Column]]

_TABLES: Final[dict[str, tuple[_Rows, _Columns]]] = {
    "populations": (_populations, _population_columns),
    "breakdowns": (_breakdowns, _breakdown_columns),
    "funding": (_funding, _funding_columns),
    "staff": (_staff, _staff_columns),
    "offices": (_offices, _office_columns),
    "partners": (_partners, _partner_columns),
    "targets": (_targets, _target_columns),
    "donors": (_donors, _donor_columns),
}

TABLE_NAMES: Final = tuple(_TABLES)
"""The names of the tables, in order."""


def table(name: str, factsheets: Factsheet | Iterable[Factsheet]) -> Table:
    """The table ``name`` over one or several factsheets, their rows in the order given."""
    if name not in _TABLES:
        raise KeyError(f"no table {name!r}; the tables are {', '.join(TABLE_NAMES)}")
    items = [factsheets] if isinstance(factsheets, Factsheet) else list(factsheets)
    build_rows, build_columns = _TABLES[name]
    rows = [row for f in items for row in build_rows(f)]
    columns = (*_KEY_COLUMNS, *build_columns(rows))
    return Table(name, columns, tuple(rows))


def tables(factsheet: Factsheet) -> dict[str, Table]:
    """Every table of one factsheet, by name (empty tables included)."""
    return combine([factsheet])


def combine(factsheets: Iterable[Factsheet]) -> dict[str, Table]:
    """Every table over many factsheets: one table per section, rows of all of them."""
    items = list(factsheets)
    return {name: table(name, items) for name in TABLE_NAMES}


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(table: Table, stream: IO[str], *, hxl: bool = False) -> None:
    """Write a table as CSV (RFC 4180, ``\\r\\n`` line ends); with ``hxl``, the hashtag row under the header.

    Open files with ``newline=""`` so the line ends are written as given.
    """
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(table.header)
    if hxl:
        writer.writerow(table.hxl_row)
    for row in table.rows:
        writer.writerow([_text(row.get(c.name)) for c in table.columns])
