"""Factsheets as flat tables, for CSV, for HXL-tagged CSV (HDX and its tools) and data packages.

One table per section: ``factsheets`` (one row per factsheet: title, kind,
language, dates), ``key-figures``, ``populations`` (with their
``population-totals`` and the ``breakdowns`` of groups and totals by origin,
sex, age and the sheet's own categories), ``funding``, ``presence`` (stated
staff and office totals), ``staff``, ``offices``, ``partners``, ``targets``
and ``donors``; one row per item. Every row starts with the operation's main
country code, an as-of date (at the precision printed: ``2019-03`` for
March 2019) and the factsheet's id (:func:`~opsfacts.tables.factsheet_id`), so the tables of
many factsheets concatenate (:func:`combine`) and join. Column names are
stable; each column carries an HXL hashtag where the HXL standard has one
that fits and none (an empty cell in the hashtag row) where it has not, and
the hashtags never depend on the rows, so exports append column for column.
:func:`~opsfacts.tables.datapackage` describes the tables as a Frictionless data package.

A number the factsheet printed with words or a placeholder keeps its
printed text in a ``*_printed`` column beside it (``[XX]`` beside an empty
number), and its qualifier in a ``*_qualifier`` column (``at-least`` for
"over 6,500"). Amounts and percentages are written exactly as the model
holds them: every printed digit, trailing zeros included, never rounded.

Each column names the model fields it writes (``Column.fields``); the
fields no table writes are in :data:`LEFT_OUT`, each with the reason: narrative
text (highlights, sections, statements' text), contacts, links, footnote
texts (their markers are written), the partners' ``stated_counts``, the
period's printed text, the document's metadata and the ``accepted`` findings.

>>> from opsfacts import load
>>> from opsfacts.tables import tables
>>> populations = tables(load("examples/mali-2017-06.corrected.json"))["populations"]
>>> populations.header[:5]
['country_code', 'as_of', 'factsheet_id', 'population_type', 'label']
>>> populations.hxl_row[:5]
['#country+code', '#date', '#meta+id', '#group+code', '#group+name']
>>> populations.rows[0]["label"], populations.rows[0]["count"]
('IDP returnees', 498170)
"""

from __future__ import annotations

import csv
import datetime
import decimal
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import IO, Final

import attrs

from .model._classes import AgeCount, CategoryCount, Factsheet, Figure, Percentage, Quantity, SexCount
from .model._codes import BreakdownAxis, Residence, TargetKind
from .model._dates import PartialDate
from .model._printing import digits

__all__ = [
    "FORMULA_START",
    "LEFT_OUT",
    "TABLE_NAMES",
    "Cell",
    "Column",
    "Table",
    "combine",
    "datapackage",
    "factsheet_id",
    "field_type",
    "table",
    "tables",
    "write_csv",
]

Cell = str | int | bool | None
"""A table cell: text, a whole number, a boolean or nothing."""
Row = dict[str, Cell]


@attrs.frozen
class Column:
    """A column: its name, its HXL hashtag with attributes (None where no HXL tag fits), what it holds.

    ``fields`` names the model fields it writes, as dotted paths from
    :class:`~opsfacts.model.Factsheet` (``populations.groups.label``,
    ``populations.groups.count.value``); every model field is written by some
    column or is in :data:`LEFT_OUT`.
    """

    name: str
    hxl: str | None = None
    doc: str = ""
    fields: tuple[str, ...] = ()


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


def _date(value: PartialDate | datetime.date | None) -> str | None:
    # A partial date stays at its precision ("2019-03").
    if value is None:
        return None
    return str(value) if isinstance(value, PartialDate) else value.isoformat()


def _quantity(name: str, value: Quantity | None) -> Row:
    # A count in three cells: the number, its qualifier, its printed text.
    if value is None:
        return {name: None, f"{name}_qualifier": None, f"{name}_printed": None}
    return {name: value.value, f"{name}_qualifier": value.qualifier.value, f"{name}_printed": value.printed}


def _percentage(value: Percentage | None) -> str | None:
    return None if value is None else _decimal(value.value)


def _printed(value: Quantity | Percentage | Figure | None) -> str | None:
    return None if value is None else value.printed


# Moving the decimal point never rounds in this context: any rounding would raise.
_EXACT = decimal.Context(
    prec=decimal.MAX_PREC,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.Inexact, decimal.Rounded, decimal.Overflow, decimal.Underflow],
)


def _amount(figure: Figure | None) -> str | None:
    # The full amount, multiplier applied exactly, written without exponent ("42749662", "7.50").
    if figure is None or figure.value is None:
        return None
    return _decimal(figure.value.scaleb(figure.scale.exponent, _EXACT))


def _decimal(value: Decimal | None) -> str | None:
    # As the model holds it: every printed digit, trailing zeros included ("7.50"), no exponent.
    return None if value is None else format(value, "f")


def _join(values: Iterable[str]) -> str | None:
    # Several values in one cell, "; "-separated (HXL cells hold one value; these are lists).
    joined = "; ".join(values)
    return joined or None


def _slug(text: str) -> str:
    # Lower-case ASCII letters and digits, words joined by "-" ("Gambella Region" -> "gambella-region").
    import unicodedata  # noqa: PLC0415

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def factsheet_id(factsheet: Factsheet) -> str:
    """The factsheet's stable id, the key every table row carries (``factsheet_id``).

    Operation, period and publication, joined by ``_``: the main country's
    code, with the area's slug for a subnational operation; the reporting
    period at the precision the document gives it (``2019-03``, or
    ``2017-06-01--2017-06-30`` from start to end; the date the sheet is dated
    by where it has no period); the kind of document (``factsheet`` when it
    does not say); and the publication date where it gives one::

        MLI_2017-06-01--2017-06-30_factsheet
        ETH-gambella_2017-05_factsheet
        COL_2021-06_operational-update_2021-07-15

    The same document always gets the same id, so re-converting it replaces
    its rows; two editions of one publication (as published and corrected)
    share it.
    """
    operation = factsheet.operation
    where = operation.country + (f"-{_slug(operation.area)}" if operation.area else "")
    period = factsheet.period
    if period is None:
        when = _date(factsheet.date) or "undated"
    else:
        end = period.end
        when = str(period.start) if end is None or end == period.start else f"{period.start}--{end}"
    kind = factsheet.kind.value if factsheet.kind is not None else "factsheet"
    parts = [where, when, kind]
    if factsheet.published is not None:
        parts.append(str(factsheet.published))
    return "_".join(parts)


def _key(factsheet: Factsheet, as_of: PartialDate | None) -> Row:
    period = factsheet.reference_period
    return {
        "country_code": factsheet.operation.country,
        "as_of": _date(as_of or period.end or period.start),
        "factsheet_id": factsheet_id(factsheet),
    }


_KEY_COLUMNS = (
    Column(
        "country_code",
        "#country+code",
        "ISO 3166-1 alpha-3 code of the operation's main country.",
        ("operation.countries",),
    ),
    Column(
        "as_of",
        "#date",
        "Date the row refers to, at its printed precision (2017-06-30, 2019-03, 2019): the item's "
        "or section's as-of, else the end of the reporting period (or the date the sheet is dated by).",
        (
            "period.start",
            "period.end",
            "date",
            "key_figures.as_of",
            "populations.as_of",
            "populations.groups.as_of",
            "populations.totals.as_of",
            "funding.as_of",
            "presence.as_of",
            "partners.as_of",
            "donors.as_of",
        ),
    ),
    Column(
        "factsheet_id",
        "#meta+id",
        "The factsheet the row comes from (:func:`~opsfacts.tables.factsheet_id`: operation, period "
        "and publication); the key of the ``factsheets`` table.",
    ),
)


def _at(paths: str | Sequence[str], leaf: str) -> tuple[str, ...]:
    # The dotted paths of one field of each of the given model classes.
    return tuple(f"{path}.{leaf}" for path in ((paths,) if isinstance(paths, str) else paths))


def _quantity_columns(name: str, hxl: str | None, doc: str, paths: str | Sequence[str]) -> list[Column]:
    # The three columns of a count (see _quantity); ``paths`` are the model's Quantity fields written.
    return [
        Column(name, hxl, doc, _at(paths, "value")),
        Column(
            f"{name}_qualifier",
            None,
            "exact, at-least, at-most or about. No HXL attribute.",
            _at(paths, "qualifier"),
        ),
        Column(
            f"{name}_printed",
            None,
            'The number as printed where it was kept ("over 6,500", "[XX]").',
            _at(paths, "printed"),
        ),
    ]


# --- rows, one function per table ---------------------------------------------------------------


def _populations(f: Factsheet) -> list[Row]:
    if f.populations is None:
        return []
    block = f.populations
    return [
        {
            **_key(f, group.as_of or block.as_of),
            "population_type": _join(group.types),
            "label": group.label,
            "count": None if group.count is None else group.count.value,
            "residence": group.residence.value,
            "origin": group.origin,
            "source": group.source or block.source,
            "footnotes": _join((*group.footnotes, *block.footnotes)),
            **{k: v for k, v in _quantity("count", group.count).items() if k != "count"},
            **_quantity("households", group.households),
            "place": group.place,
            "place_type": None if group.place_type is None else group.place_type.value,
            "setting": None if group.setting is None else group.setting.value,
            "share": _percentage(group.share),
            "share_printed": _printed(group.share),
            "partial": _join(axis.value for axis in group.partial),
            "part_of": group.part_of,
            "group_key": f"{factsheet_id(f)}/group-{number}",
            "asylum_country": f.operation.country if group.residence is Residence.HOSTED else None,
        }
        for number, group in enumerate(block.groups, start=1)
    ]


def _population_totals(f: Factsheet) -> list[Row]:
    if f.populations is None:
        return []
    block = f.populations
    return [
        {
            **_key(f, total.as_of or block.as_of),
            "label": total.label,
            **_quantity("count", total.count),
            **_quantity("households", total.households),
            "source": total.source or block.source,
            "footnotes": _join((*total.footnotes, *block.footnotes)),
            "population_type": _join(total.types),
            "total_key": f"{factsheet_id(f)}/total-{number}",
        }
        for number, total in enumerate(block.totals, start=1)
    ]


def _key_figures(f: Factsheet) -> list[Row]:
    return [
        {
            **_key(f, k.as_of),
            "label": k.label,
            **_quantity("quantity", k.quantity),
            "percent": _percentage(k.percent),
            "percent_printed": _printed(k.percent),
            "unit": k.unit,
            "kind": None if k.kind is None else k.kind.value,
            "since": _date(k.since),
            "source": k.source,
            "footnotes": _join(k.footnotes),
            "currency": k.currency,
            "amount": _amount(k.amount),
            "amount_printed": _printed(k.amount),
        }
        for k in f.key_figures
    ]


def _factsheets(f: Factsheet) -> list[Row]:
    period = f.period
    return [
        {
            **_key(f, f.date),
            "title": f.title,
            "operation": f.operation.name,
            "countries": _join(f.operation.countries),
            "area": f.operation.area,
            "publisher": f.publisher.name,
            "kind": None if f.kind is None else f.kind.value,
            "language": f.language,
            "period_start": None if period is None else _date(period.start),
            "period_end": None if period is None else _date(period.end or period.start),
            "date": _date(f.date),
            "published": _date(f.published),
            "scope": f.operation.scope.value,
            "publisher_acronym": f.publisher.acronym,
            "main_origins": None if f.populations is None else _join(f.populations.main_origins),
        }
    ]


_Part = tuple[Row, Quantity | None, Percentage | None, str]


def _parts(
    by_sex: Sequence[SexCount], by_age: Sequence[AgeCount], by_category: Sequence[CategoryCount]
) -> list[_Part]:
    # The parts of a group or a total, by sex, by age band and by the sheet's own categories.
    parts: list[_Part] = [({"sex": p.sex.value}, p.count, p.percent, "sex") for p in by_sex]
    parts += [({"min_age": p.min_age, "max_age": p.max_age}, p.count, p.percent, "age") for p in by_age]
    parts += [({"category": p.label}, p.count, p.percent, "category") for p in by_category]
    return parts


def _breakdowns(f: Factsheet) -> list[Row]:
    if f.populations is None:
        return []
    block = f.populations
    wholes: list[tuple[Row, list[_Part], Sequence[BreakdownAxis]]] = []
    for number, group in enumerate(block.groups, start=1):
        parts: list[_Part] = [({"origin": p.origin}, p.count, p.percent, "origin") for p in group.by_origin]
        parts += _parts(group.by_sex, group.by_age, group.by_category)
        base = {
            **_key(f, group.as_of or block.as_of),
            "population_type": _join(group.types),
            "label": group.label,
            "whole": "group",
            "group_key": f"{factsheet_id(f)}/group-{number}",
            "total_key": None,
        }
        wholes.append((base, parts, group.partial))
    for number, total in enumerate(block.totals, start=1):
        base = {
            **_key(f, total.as_of or block.as_of),
            "population_type": _join(total.types),
            "label": total.label,
            "whole": "total",
            "group_key": None,
            "total_key": f"{factsheet_id(f)}/total-{number}",
        }
        wholes.append((base, _parts(total.by_sex, total.by_age, total.by_category), ()))
    empty: Row = {"origin": None, "sex": None, "min_age": None, "max_age": None, "category": None}
    rows: list[Row] = []
    for base, parts, partial in wholes:
        for where, count, percent, by in parts:
            row: Row = {
                **base,
                "by": by,
                **empty,
                **where,
                **_quantity("count", count),
                "percent": _percentage(percent),
                "percent_printed": _printed(percent),
                # Categories may overlap and need not add up: a category is always a part only.
                "partial": by == "category" or any(axis.value == by for axis in partial),
            }
            rows.append(row)
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
            "funded_percent": _percentage(fund.funded_percent),
            "unfunded_percent": _percentage(fund.unfunded_percent),
            "year": fund.year,
            "covers": fund.covers,
            "requested_printed": _printed(fund.requested),
            "funded_printed": _printed(fund.funded),
            "unfunded_printed": _printed(fund.unfunded),
            "funded_percent_printed": _printed(fund.funded_percent),
            "unfunded_percent_printed": _printed(fund.unfunded_percent),
            "footnotes": _join(fund.footnotes),
        }
    ]


def _presence(f: Factsheet) -> list[Row]:
    block = f.presence
    if block is None or (block.stated_staff_total is None and block.stated_office_total is None):
        return []
    return [
        {
            **_key(f, block.as_of),
            **_quantity("staff_total", block.stated_staff_total),
            **_quantity("office_total", block.stated_office_total),
            "footnotes": _join(block.footnotes),
        }
    ]


def _staff(f: Factsheet) -> list[Row]:
    if f.presence is None:
        return []
    block = f.presence
    footnotes = _join(block.footnotes)
    rows: list[Row] = []
    for g in block.staff:
        rows.append(
            {
                **_key(f, block.as_of),
                "category": g.category.value,
                "label": g.label,
                **_quantity("count", g.count),
                "part_of": None,
                "footnotes": footnotes,
            }
        )
        rows += [
            {
                **_key(f, block.as_of),
                "category": part.category.value,
                "label": part.label,
                **_quantity("count", part.count),
                "part_of": g.category.value,
                "footnotes": footnotes,
            }
            for part in g.parts
        ]
    return rows


def _offices(f: Factsheet) -> list[Row]:
    if f.presence is None:
        return []
    block = f.presence
    return [
        {
            **_key(f, block.as_of),
            "office_type": g.type.value,
            "label": g.label,
            "count": g.count,
            "locations": _join(g.locations),
            "under": g.under,
            "footnotes": _join(block.footnotes),
        }
        for g in block.offices
    ]


def _partners(f: Factsheet) -> list[Row]:
    if f.partners is None:
        return []
    block = f.partners
    return [
        {
            **_key(f, block.as_of),
            "name": p.name,
            "acronym": p.acronym,
            "organisation_type": None if p.type is None else p.type.value,
            "iati_type_code": None if p.type is None else p.type.iati_code,
            "role": None if p.role is None else p.role.value,
            "note": p.note,
            "type_label": p.type_label,
            "and_others": block.and_others,
        }
        for p in block.partners
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
                        "quantity": target.quantity.value,
                        "qualifier": target.quantity.qualifier.value,
                        "unit": target.unit,
                        "beneficiaries": target.beneficiaries,
                        "locations": _join(target.locations),
                        "year": target.year,
                        "quantity_printed": target.quantity.printed,
                        "action": target.action,
                        "footnotes": _join(target.footnotes),
                        "targeted": target.quantity.value if target.kind is TargetKind.TARGET else None,
                        "reached": target.quantity.value if target.kind is TargetKind.ACHIEVED else None,
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
                    **_key(f, block.as_of),
                    "year": block.year,
                    "scope": block.scope,
                    "tier": tier,
                    "name": donor.name,
                    "private": donor.private,
                    "donor_country": donor.country,
                    "currency": block.currency,
                    "amount": _amount(donor.amount),
                    "acronym": donor.acronym,
                    "donor_type": None if donor.type is None else donor.type.value,
                    "iati_id": donor.iati_id,
                    "amount_printed": _printed(donor.amount),
                    "and_others": block.and_others,
                    "note": donor.note,
                }
            )
    return rows


# --- columns and their HXL tags -----------------------------------------------------------------


_GROUPS = "populations.groups"
_TOTALS = "populations.totals"


_TYPE_DOC = (
    "UNHCR population type code (REF, IDP, RDP...), a text value under #group; a combined group "
    'has one compound value, its codes semicolon-separated ("REF; ASY": one group of people, '
    "not two); empty where the factsheet does not say."
)


def _population_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("population_type", "#group+code", _TYPE_DOC, (f"{_GROUPS}.types",)),
        Column("label", "#group+name", "The label printed for the group.", (f"{_GROUPS}.label",)),
        Column(
            "count",
            "#population+ind",
            "Number of people (+ind is an HXL 1.1 pre-release attribute). Empty for a placeholder.",
            (f"{_GROUPS}.count.value",),
        ),
        Column(
            "residence",
            "#status+residence",
            "``hosted`` (living in the operation's area) or ``abroad`` (nationals of the operation's "
            "country living abroad, never part of its totals).",
            (f"{_GROUPS}.residence",),
        ),
        Column(
            "origin",
            "#country+origin+code",
            "Country of origin code, or ``mixed``/``unknown``.",
            (f"{_GROUPS}.origin",),
        ),
        Column(
            "source",
            "#meta+source",
            "Who counted, as printed (the group's, else the block's).",
            (f"{_GROUPS}.source", "populations.source"),
        ),
        Column(
            "footnotes",
            None,
            "Footnote markers of the group and of the section, semicolon-separated. No HXL tag.",
            (f"{_GROUPS}.footnotes", "populations.footnotes"),
        ),
        *_quantity_columns("count", None, "", f"{_GROUPS}.count")[1:],
        *_quantity_columns(
            "households",
            "#population+hh",
            "Number of households, where printed.",
            f"{_GROUPS}.households",
        ),
        Column("place", "#loc+name", "Where the group is counted, as printed.", (f"{_GROUPS}.place",)),
        Column(
            "place_type",
            "#loc+type+code",
            "What kind of place (camp, region, city...).",
            (f"{_GROUPS}.place_type",),
        ),
        Column(
            "setting",
            None,
            "camp, out-of-camp, urban or rural. HXL says it with attributes of a count "
            "(+incamp...), which would make the tags depend on the rows; no hashtag holds it as a value.",
            (f"{_GROUPS}.setting",),
        ),
        Column(
            "share",
            None,
            "The group's share of the total as printed, in percent. No HXL tag.",
            (f"{_GROUPS}.share.value",),
        ),
        Column(
            "share_printed",
            None,
            'The share as printed where it was kept ("[XX]%").',
            (f"{_GROUPS}.share.printed",),
        ),
        Column(
            "partial",
            None,
            "The breakdown axes covering part of the group only, semicolon-separated.",
            (f"{_GROUPS}.partial",),
        ),
        Column(
            "part_of",
            None,
            'The label of the group this one is part of ("of whom 12,000 new arrivals"); empty for a '
            "group of its own. Leave such groups out when adding up. No HXL attribute.",
            (f"{_GROUPS}.part_of",),
        ),
        Column(
            "group_key",
            None,
            "The group's key: its ``factsheet_id`` and its place in the printed order "
            "(``MLI_2017-06-01--2017-06-30_factsheet/group-1``); what ``breakdowns`` rows refer to.",
        ),
        Column(
            "asylum_country",
            "#country+asylum+code",
            "The country the group lives in, where it is the operation's (a hosted group); empty for "
            "nationals abroad, so a join on the country of asylum never counts them in the operation's "
            "country. ``country_code`` is the operation's, on every row.",
            (f"{_GROUPS}.residence",),
        ),
    ]


def _population_total_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("label", "#description", 'The label printed with the total ("Total").', (f"{_TOTALS}.label",)),
        *_quantity_columns(
            "count", "#population+ind+total", "The total number of people, as stated.", f"{_TOTALS}.count"
        ),
        *_quantity_columns(
            "households", "#population+hh+total", "Total households, where printed.", f"{_TOTALS}.households"
        ),
        Column(
            "source",
            "#meta+source",
            "Who counted the total (the total's, else the block's).",
            (f"{_TOTALS}.source", "populations.source"),
        ),
        Column(
            "footnotes",
            None,
            "Footnote markers of the total and of the section, semicolon-separated.",
            (f"{_TOTALS}.footnotes", "populations.footnotes"),
        ),
        Column(
            "population_type",
            "#group+code",
            "The population types the total covers, semicolon-separated as one compound value, where "
            "it covers only some (IDP); empty for a total of every group.",
            (f"{_TOTALS}.types",),
        ),
        Column(
            "total_key",
            None,
            "The total's key: its ``factsheet_id`` and its place in the printed order (``.../total-1``); "
            "what ``breakdowns`` rows of a total refer to.",
        ),
    ]


def _key_figure_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("label", "#indicator+name", "What is counted, as printed.", ("key_figures.label",)),
        *_quantity_columns("quantity", "#indicator+num", "The number, for a count.", "key_figures.quantity"),
        Column(
            "percent",
            "#indicator+pct",
            "The percentage, for a rate, as printed.",
            ("key_figures.percent.value",),
        ),
        Column(
            "percent_printed",
            None,
            'The percentage as printed where it was kept ("[XX]%").',
            ("key_figures.percent.printed",),
        ),
        Column("unit", None, "The unit, where printed apart. No HXL tag for a unit.", ("key_figures.unit",)),
        Column(
            "kind", None, "target, achieved or context, where clear. No HXL attribute.", ("key_figures.kind",)
        ),
        Column(
            "since",
            "#date+start",
            'Start of what is counted ("since January 2019": 2019-01).',
            ("key_figures.since",),
        ),
        Column("source", "#meta+source", "Who counted, where printed.", ("key_figures.source",)),
        Column("footnotes", None, "Footnote markers, semicolon-separated.", ("key_figures.footnotes",)),
        Column("currency", "#currency+code", "ISO 4217 code of the amount.", ("key_figures.currency",)),
        Column(
            "amount",
            "#value",
            'The amount, for money, in full units ("USD 306.7 M": 306700000), in the row\'s ``currency``.',
            ("key_figures.amount.value", "key_figures.amount.scale"),
        ),
        Column(
            "amount_printed",
            None,
            'The amount as printed where it was kept ("USD [Figure] M").',
            ("key_figures.amount.printed",),
        ),
    ]


def _factsheet_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("title", None, "The title as printed. HXL has no hashtag for a document title.", ("title",)),
        Column(
            "operation",
            None,
            "The operation's name as printed (a country, an area or a situation).",
            ("operation.name",),
        ),
        Column(
            "countries",
            None,
            "Every country code the operation covers, semicolon-separated.",
            ("operation.countries",),
        ),
        Column(
            "area", "#adm1+name", "The sub-national area, for a subnational operation.", ("operation.area",)
        ),
        Column("publisher", "#org+name", "Who publishes the factsheet.", ("publisher.name",)),
        Column("kind", None, "factsheet, operational-update, flash-update, snapshot or other.", ("kind",)),
        Column(
            "language",
            None,
            "The language it is written in (BCP 47); HXL says language with +i_xx, not as a value.",
            ("language",),
        ),
        Column(
            "period_start",
            "#date+start",
            "First day, month or year of the reporting period.",
            ("period.start",),
        ),
        Column(
            "period_end",
            "#date+end",
            "Last day, month or year of the reporting period.",
            ("period.start", "period.end"),
        ),
        Column("date", None, "The date the sheet is dated by, where it gives one.", ("date",)),
        Column("published", None, "Publication date.", ("published",)),
        Column(
            "scope",
            None,
            "country, subnational or multi-country: what the operation covers. No HXL attribute.",
            ("operation.scope",),
        ),
        Column(
            "publisher_acronym",
            None,
            "The publisher's acronym, where given. The HXL dictionary has no acronym attribute.",
            ("publisher.acronym",),
        ),
        Column(
            "main_origins",
            None,
            "Countries of origin the sheet lists without figures, semicolon-separated, in printed order.",
            ("populations.main_origins",),
        ),
    ]


# The parts of groups and of totals, by axis.
_PARTS = {
    "origin": (f"{_GROUPS}.by_origin",),
    "sex": (f"{_GROUPS}.by_sex", f"{_TOTALS}.by_sex"),
    "age": (f"{_GROUPS}.by_age", f"{_TOTALS}.by_age"),
    "category": (f"{_GROUPS}.by_category", f"{_TOTALS}.by_category"),
}
_ALL_PARTS = tuple(path for paths in _PARTS.values() for path in paths)


def _breakdown_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column(
            "population_type",
            "#group+code",
            "UNHCR population type code of the group (or the types a total covers), as in ``populations``.",
            (f"{_GROUPS}.types", f"{_TOTALS}.types"),
        ),
        Column(
            "label",
            "#group+name",
            "The label printed for the group (or the total).",
            (f"{_GROUPS}.label", f"{_TOTALS}.label"),
        ),
        Column(
            "by",
            None,
            "``origin``, ``sex``, ``age`` or ``category``: what the row breaks the group or total down by.",
        ),
        Column(
            "origin",
            "#country+origin+code",
            "Country of origin code, for a row by origin.",
            _at(_PARTS["origin"], "origin"),
        ),
        Column(
            "sex",
            None,
            "``f``, ``m``, ``x`` or ``u``, for a row by sex. HXL says sex with attributes of the count "
            "(+f, +m) in wide tables; this long table keeps it as a value.",
            _at(_PARTS["sex"], "sex"),
        ),
        Column(
            "min_age",
            None,
            "Youngest age of the band, for a row by age. No HXL tag for an age band.",
            _at(_PARTS["age"], "min_age"),
        ),
        Column(
            "max_age",
            None,
            "Oldest age of the band; empty for an open band (60+).",
            _at(_PARTS["age"], "max_age"),
        ),
        *_quantity_columns(
            "count", "#population+ind", "Number of people in this part.", _at(_ALL_PARTS, "count")
        ),
        Column(
            "percent",
            None,
            "Share of the group or total, as printed, in percent. No HXL tag.",
            _at(_ALL_PARTS, "percent.value"),
        ),
        Column(
            "percent_printed",
            None,
            'The share as printed where it was kept ("[XX]%").',
            _at(_ALL_PARTS, "percent.printed"),
        ),
        Column(
            "partial",
            None,
            "``true`` when the breakdown by this axis covers part of the group only; always for a "
            "category, since categories may overlap and need not add up.",
            (f"{_GROUPS}.partial",),
        ),
        Column(
            "category",
            None,
            'The sheet\'s own category as printed ("Children"), for a row by category. No HXL tag.',
            _at(_PARTS["category"], "label"),
        ),
        Column(
            "whole",
            None,
            "``group`` or ``total``: whether the row is part of a population group or of a stated "
            "total. Add up the rows of one whole and one axis only.",
        ),
        Column(
            "group_key",
            None,
            "For a part of a group: the group's ``group_key`` in ``populations``; empty for a part "
            "of a total.",
        ),
        Column(
            "total_key",
            None,
            "For a part of a total: the total's ``total_key`` in ``population-totals``; empty for a part "
            "of a group.",
        ),
    ]


def _funding_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("currency", "#currency+code", "ISO 4217 code of the amounts.", ("funding.currency",)),
        Column(
            "requested",
            "#value+funding+required",
            "Amount requested, in full units, in ``currency``.",
            ("funding.requested.value", "funding.requested.scale"),
        ),
        Column(
            "funded",
            "#value+funding+total",
            "Amount received, in full units, in ``currency``.",
            ("funding.funded.value", "funding.funded.scale"),
        ),
        Column(
            "unfunded",
            None,
            "Funding gap as printed, in full units. No HXL tag for a gap.",
            ("funding.unfunded.value", "funding.unfunded.scale"),
        ),
        Column(
            "funded_percent",
            "#value+funding+pct",
            "Percentage funded, as printed.",
            ("funding.funded_percent.value",),
        ),
        Column(
            "unfunded_percent",
            None,
            "Percentage unfunded, as printed. No HXL tag.",
            ("funding.unfunded_percent.value",),
        ),
        Column(
            "year", "#date+year", 'The year of the requirements ("2019 requirements").', ("funding.year",)
        ),
        Column(
            "covers",
            "#description",
            "What the requirements cover, where it differs from the operation.",
            ("funding.covers",),
        ),
        Column(
            "requested_printed",
            None,
            "The amount requested as printed, where it was kept.",
            ("funding.requested.printed",),
        ),
        Column(
            "funded_printed",
            None,
            "The amount received as printed, where it was kept.",
            ("funding.funded.printed",),
        ),
        Column(
            "unfunded_printed", None, "The gap as printed, where it was kept.", ("funding.unfunded.printed",)
        ),
        Column(
            "funded_percent_printed",
            None,
            'The percentage funded as printed ("[XX]%").',
            ("funding.funded_percent.printed",),
        ),
        Column(
            "unfunded_percent_printed",
            None,
            "The percentage unfunded as printed.",
            ("funding.unfunded_percent.printed",),
        ),
        Column("footnotes", None, "Footnote markers, semicolon-separated.", ("funding.footnotes",)),
    ]


def _presence_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        *_quantity_columns(
            "staff_total",
            None,
            "Total staff as stated. HXL has no hashtag for staff.",
            "presence.stated_staff_total",
        ),
        *_quantity_columns(
            "office_total",
            None,
            "Total offices as stated (also when only the total is printed).",
            "presence.stated_office_total",
        ),
        Column("footnotes", None, "Footnote markers, semicolon-separated.", ("presence.footnotes",)),
    ]


def _staff_columns(rows: Sequence[Row]) -> list[Column]:
    staff, parts = "presence.staff", "presence.staff.parts"
    return [
        Column(
            "category",
            None,
            "Staff category code (national, unv...). HXL has no hashtag for staff.",
            (f"{staff}.category", f"{parts}.category"),
        ),
        Column(
            "label",
            None,
            "The label printed for the category.",
            (f"{staff}.label", f"{parts}.label"),
        ),
        *_quantity_columns("count", None, "Number of staff.", (f"{staff}.count", f"{parts}.count")),
        Column(
            "part_of",
            None,
            "For a part of a category (5 international of 32 affiliates): the category's code; "
            "empty for a category. Leave parts out when adding up.",
        ),
        Column(
            "footnotes",
            None,
            "Footnote markers of the presence section, semicolon-separated. No HXL tag.",
            ("presence.footnotes",),
        ),
    ]


def _office_columns(rows: Sequence[Row]) -> list[Column]:
    offices = "presence.offices"
    return [
        Column(
            "office_type",
            "#loc+type+code",
            "Office type code (country-office, sub-office...).",
            (f"{offices}.type",),
        ),
        Column("label", "#loc+type+name", "The label printed for the offices.", (f"{offices}.label",)),
        Column(
            "count",
            None,
            "Number of offices, as printed. No HXL tag for a count of offices.",
            (f"{offices}.count",),
        ),
        Column(
            "locations",
            None,
            "Where they are, semicolon-separated. A list, so untagged: #loc+name holds one place.",
            (f"{offices}.locations",),
        ),
        Column(
            "under",
            None,
            "The office they report to, as printed. No HXL attribute.",
            (f"{offices}.under",),
        ),
        Column(
            "footnotes",
            None,
            "Footnote markers of the presence section, semicolon-separated. No HXL tag.",
            ("presence.footnotes",),
        ),
    ]


def _partner_columns(rows: Sequence[Row]) -> list[Column]:
    partners = "partners.partners"
    return [
        Column("name", "#org+name", "The partner's name as printed.", (f"{partners}.name",)),
        Column(
            "acronym",
            None,
            "Its acronym. The HXL dictionary has no acronym attribute.",
            (f"{partners}.acronym",),
        ),
        Column(
            "organisation_type", "#org+type", "Kind of organisation (opsfacts code).", (f"{partners}.type",)
        ),
        Column("iati_type_code", "#org+type+code", "IATI OrganisationType code.", (f"{partners}.type",)),
        Column(
            "role",
            "#org+role",
            "Partner role code (implementing, operational...), in its own column so the other "
            "columns' tags do not depend on the roles the rows hold (HXL's +impl, +funder, +prog).",
            (f"{partners}.role",),
        ),
        Column("note", "#description", "What the factsheet adds in brackets.", (f"{partners}.note",)),
        Column(
            "type_label",
            None,
            "The kind as printed, where the code list has none. No HXL attribute for a printed kind.",
            (f"{partners}.type_label",),
        ),
        Column(
            "and_others",
            None,
            'The words saying the list goes on ("and others"), on every row.',
            ("partners.and_others",),
        ),
    ]


def _target_columns(rows: Sequence[Row]) -> list[Column]:
    targets = "activities.statements.targets"
    return [
        Column("sector_code", "#sector+code", "opsfacts sector code.", ("activities.sector.code",)),
        Column(
            "cluster_code",
            "#sector+cluster+code",
            "Global cluster code, where the sector is one.",
            ("activities.sector.code",),
        ),
        Column("sector_name", "#sector+name", "The sector heading as printed.", ("activities.sector.name",)),
        Column("statement", None, "Number of the statement in its sector, from 1."),
        Column("kind", None, "target or achieved. No HXL attribute.", (f"{targets}.kind",)),
        Column(
            "quantity",
            None,
            "The number as printed, target or achievement (``kind``); tagged in ``targeted`` or "
            "``reached``. Context figures are not in this table.",
            (f"{targets}.quantity.value",),
        ),
        Column(
            "qualifier",
            None,
            "exact, at-least, at-most or about. No HXL attribute.",
            (f"{targets}.quantity.qualifier",),
        ),
        Column("unit", None, 'What is counted ("boreholes"). No HXL tag for a unit.', (f"{targets}.unit",)),
        Column(
            "beneficiaries",
            None,
            "Who benefits, as printed (free text, not a population type).",
            (f"{targets}.beneficiaries",),
        ),
        Column(
            "locations",
            None,
            "Where, semicolon-separated. A list, so untagged: #loc+name holds one place.",
            (f"{targets}.locations",),
        ),
        Column("year", "#date+year", "The year the target is for.", (f"{targets}.year",)),
        Column(
            "quantity_printed",
            None,
            'The number as printed where it was kept ("[XX]").',
            (f"{targets}.quantity.printed",),
        ),
        Column(
            "action",
            None,
            'What is done, as printed ("restoring"). No HXL tag for an action.',
            (f"{targets}.action",),
        ),
        Column(
            "footnotes", None, "Footnote markers, semicolon-separated. No HXL tag.", (f"{targets}.footnotes",)
        ),
        Column(
            "targeted",
            "#targeted",
            "The quantity, on a target's row (see the note on #targeted); empty on an achievement's.",
            (f"{targets}.quantity.value",),
        ),
        Column(
            "reached",
            "#reached",
            "The quantity, on an achievement's row; empty on a target's.",
            (f"{targets}.quantity.value",),
        ),
    ]


def _donor_columns(rows: Sequence[Row]) -> list[Column]:
    donors = ("donors.major", "donors.others")
    return [
        Column("year", "#date+year", "Year of the contributions.", ("donors.year",)),
        Column("scope", "#description", "What the list covers.", ("donors.scope",)),
        Column("tier", None, "``major`` or ``other``, as the factsheet groups them."),
        Column("name", "#org+funder+name", "The donor's name as printed.", _at(donors, "name")),
        Column("private", None, "``true`` for private donors. No HXL attribute.", _at(donors, "private")),
        Column(
            "donor_country",
            None,
            "The donor's country code; #country+code is the operation's.",
            _at(donors, "country"),
        ),
        Column("currency", "#currency+code", "ISO 4217 code of the amounts.", ("donors.currency",)),
        Column(
            "amount",
            "#value+funding+total",
            "Amount contributed, in full units, in ``currency``.",
            (*_at(donors, "amount.value"), *_at(donors, "amount.scale")),
        ),
        Column("acronym", None, 'Its acronym ("ECHO"). No HXL attribute.', _at(donors, "acronym")),
        Column(
            "donor_type",
            "#org+funder+type",
            "Kind of donor where it is not a country (opsfacts code).",
            _at(donors, "type"),
        ),
        Column("iati_id", "#org+funder+code", "Its IATI organisation identifier.", _at(donors, "iati_id")),
        Column(
            "amount_printed",
            None,
            "The amount as printed, where it was kept.",
            _at(donors, "amount.printed"),
        ),
        Column(
            "and_others",
            None,
            'The words saying the list goes on ("and others"), on every row.',
            ("donors.and_others",),
        ),
        Column(
            "note",
            None,
            'What the sheet adds in brackets other than an acronym ("OCHA", "PRM"). No HXL tag '
            "(#description is the list's scope).",
            _at(donors, "note"),
        ),
    ]


_Rows = Callable[[Factsheet], list[Row]]
_Columns = Callable[[Sequence[Row]], list[Column]]

_TABLES: Final[dict[str, tuple[_Rows, _Columns]]] = {
    "factsheets": (_factsheets, _factsheet_columns),
    "key-figures": (_key_figures, _key_figure_columns),
    "populations": (_populations, _population_columns),
    "population-totals": (_population_totals, _population_total_columns),
    "breakdowns": (_breakdowns, _breakdown_columns),
    "funding": (_funding, _funding_columns),
    "presence": (_presence, _presence_columns),
    "staff": (_staff, _staff_columns),
    "offices": (_offices, _office_columns),
    "partners": (_partners, _partner_columns),
    "targets": (_targets, _target_columns),
    "donors": (_donors, _donor_columns),
}

TABLE_NAMES: Final = tuple(_TABLES)
"""The names of the tables, in order."""

_NARRATIVE = "Narrative text: the tables hold figures and named items, not prose."
_DOCUMENT = "About the document file, not the operation's data; the same for every row of a factsheet."
_STATED_COUNT = (
    'A count of partners stated in prose ("two governmental"), checked against the partner rows '
    "(opsfacts validate); the partners table lists the partners themselves."
)
_CONTACT = "Contact details of people: kept out of data tables meant to be shared and merged."
_LINK = "A link printed on the factsheet, not data about the operation."
_FOOTNOTE = "Rows carry the markers (footnotes columns); the texts they refer to are prose."
_REVIEW = "A reviewed consistency finding: a note about the document, not data."

LEFT_OUT: Final[Mapping[str, str]] = {
    "format_version": _DOCUMENT,
    "schema": _DOCUMENT,
    "period.printed": 'The period as printed ("June 2017"); period_start and period_end hold it as dates.',
    "highlights": _NARRATIVE,
    "sections.paragraphs": _NARRATIVE,
    "sections.heading": _NARRATIVE,
    "sections.level": _NARRATIVE,
    "partners.stated_counts.count": _STATED_COUNT,
    "partners.stated_counts.text": _STATED_COUNT,
    "partners.stated_counts.types": _STATED_COUNT,
    "partners.stated_counts.roles": _STATED_COUNT,
    "partners.stated_counts.qualifier": _STATED_COUNT,
    "activities.statements.text": (
        "The statement as printed is prose; targets rows number it within its sector (statement)."
    ),
    "donors.ordered_by_amount": "How the list is printed; the rows keep the printed order.",
    "contacts.name": _CONTACT,
    "contacts.title": _CONTACT,
    "contacts.location": _CONTACT,
    "contacts.email": _CONTACT,
    "contacts.phone": _CONTACT,
    "links.label": _LINK,
    "links.url": _LINK,
    "footnotes.marker": _FOOTNOTE,
    "footnotes.text": _FOOTNOTE,
    "accepted.code": _REVIEW,
    "accepted.reason": _REVIEW,
    "accepted.path": _REVIEW,
}
"""Model fields no table writes, on purpose, each with the reason (dotted paths from ``Factsheet``)."""


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
    if isinstance(value, int):
        return digits(value)
    return str(value)


FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r", "\n")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection")."""


def _defused(value: Cell) -> str:
    text = _text(value)
    # Only text is defused: a number is an int cell, and the model's numbers are never negative.
    if isinstance(value, str) and text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_csv(
    table: Table, stream: IO[str], *, hxl: bool = False, raw: bool = False, bom: bool = False
) -> None:
    """Write a table as CSV (RFC 4180, ``\\r\\n`` line ends); with ``hxl``, the hashtag row under the header.

    Text cells that start with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line
    feed are written with a ``'`` before them, as OWASP advises against CSV (formula)
    injection, so a spreadsheet shows ``=HYPERLINK(...)`` as text instead of running it. Numbers
    are never changed. With ``raw``, every cell is written exactly as the model holds it.

    With ``bom``, the text starts with a byte order mark (U+FEFF), which Excel needs to read UTF-8
    ("Développement", not "DÃ©veloppement"). Open files with ``newline=""`` and
    ``encoding="utf-8"`` so the line ends and the mark are written as given.
    """
    cell = _text if raw else _defused
    if bom:
        stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(table.header)
    if hxl:
        writer.writerow(table.hxl_row)
    for row in table.rows:
        writer.writerow([cell(row.get(c.name)) for c in table.columns])


# --- the Frictionless data package --------------------------------------------------------------

_INTEGER: Final = frozenset(
    {
        "count", "households", "quantity", "staff_total", "office_total", "statement", "min_age",
        "max_age", "targeted", "reached",
    }
)  # fmt: skip
_NUMBER: Final = frozenset(
    {"requested", "funded", "unfunded", "funded_percent", "unfunded_percent", "percent", "share", "amount"}
)
_BOOLEAN: Final = {("donors", "private"), ("breakdowns", "partial")}
# Columns named alike that hold another type in one table.
_OTHER_TYPE: Final = {("populations", "partial"): "string"}

_PRIMARY_KEYS: Final = {
    "factsheets": ["factsheet_id"],
    "populations": ["group_key"],
    "population-totals": ["total_key"],
}
# A part of a group has no total_key and a part of a total no group_key: a key left empty refers to nothing.
_FOREIGN_KEYS: Final = {
    "breakdowns": [(["group_key"], "populations"), (["total_key"], "population-totals")],
}


def field_type(table_name: str, column: Column) -> str:
    """The Table Schema type of a column: ``integer``, ``number``, ``year``, ``boolean`` or ``string``.

    Dates are strings: they keep the precision printed (``2019-03``), which no single date type holds.
    """
    name = column.name
    if (table_name, name) in _OTHER_TYPE:
        return _OTHER_TYPE[table_name, name]
    if (table_name, name) in _BOOLEAN:
        return "boolean"
    if name == "year":
        return "year"
    if name in _INTEGER:
        return "integer"
    if name in _NUMBER:
        return "number"
    return "string"


def _schema(name: str, table: Table) -> dict[str, object]:
    fields: list[dict[str, object]] = []
    for column in table.columns:
        field: dict[str, object] = {"name": column.name, "type": field_type(name, column)}
        if column.doc:
            field["description"] = column.doc
        if column.hxl:
            # The HXL hashtag with attributes, as the CSV's second row gives it.
            field["hxl"] = column.hxl
        fields.append(field)
    schema: dict[str, object] = {"fields": fields, "missingValues": [""]}
    if name in _PRIMARY_KEYS:
        schema["primaryKey"] = _PRIMARY_KEYS[name]
    foreign = [(["factsheet_id"], "factsheets")] if name != "factsheets" else []
    foreign += _FOREIGN_KEYS.get(name, [])
    if foreign:
        schema["foreignKeys"] = [
            {"fields": fields_, "reference": {"resource": target, "fields": fields_}}
            for fields_, target in foreign
        ]
    return schema


def datapackage(
    tables: Mapping[str, Table], *, name: str = "opsfacts-tables", hxl: bool = True, bom: bool = False
) -> dict[str, object]:
    """A Frictionless data package descriptor (``datapackage.json``) for tables written as ``NAME.csv``.

    One tabular data resource per table, with its Table Schema: a type per
    column (:func:`~opsfacts.tables.field_type`), its description, its HXL hashtag (``hxl``),
    primary keys (``factsheet_id`` in ``factsheets``, ``group_key`` in
    ``populations``, ``total_key`` in ``population-totals``) and foreign
    keys (every table's ``factsheet_id`` to ``factsheets``, ``breakdowns`` to
    the group or total it breaks down). With ``hxl`` the CSVs have the
    hashtag row under the header, which the dialect skips as a comment row;
    ``bom`` says they start with a byte order mark.
    """
    resources: list[dict[str, object]] = []
    for table_name, table in tables.items():
        resource: dict[str, object] = {
            "name": table_name,
            "path": f"{table_name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig" if bom else "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
            "schema": _schema(table_name, table),
        }
        if hxl:
            resource["dialect"] = {**resource["dialect"], "commentRows": [2]}  # type: ignore[dict-item]
        resources.append(resource)
    return {"name": name, "profile": "tabular-data-package", "resources": resources}
