"""Factsheets as flat tables, for CSV and for HXL-tagged CSV (HDX and its tools).

One table per section: ``factsheets`` (one row per factsheet: title, kind,
language, dates), ``key-figures``, ``populations`` (with their
``population-totals`` and the ``breakdowns`` of groups and totals by origin,
sex, age and the sheet's own categories), ``funding``, ``presence`` (stated
staff and office totals), ``staff``, ``offices``, ``partners``, ``targets``
and ``donors``; one row per item. Every row starts with the operation's main
country code and an as-of date (at the precision printed: ``2019-03`` for
March 2019), so the tables of many factsheets concatenate (:func:`combine`).
Column names are stable; each column carries an HXL hashtag where the HXL
standard has one that fits and none (an empty cell in the hashtag row) where
it has not.

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

>>> from opsfacts.tables import tables, write_csv
>>> write_csv(tables(factsheet)["populations"], sys.stdout, hxl=True)  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import datetime
import decimal
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import IO, Final

import attrs

from .model._classes import AgeCount, CategoryCount, Factsheet, Figure, Percentage, Quantity, SexCount
from .model._codes import BreakdownAxis, Setting, TargetKind
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


def _key(factsheet: Factsheet, as_of: PartialDate | None) -> Row:
    period = factsheet.reference_period
    return {"country_code": factsheet.operation.country, "as_of": _date(as_of or period.end or period.start)}


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
        }
        for group in block.groups
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
        }
        for total in block.totals
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
    for group in block.groups:
        parts: list[_Part] = [({"origin": p.origin}, p.count, p.percent, "origin") for p in group.by_origin]
        parts += _parts(group.by_sex, group.by_age, group.by_category)
        base = {
            **_key(f, group.as_of or block.as_of),
            "population_type": _join(group.types),
            "label": group.label,
            "whole": "group",
        }
        wholes.append((base, parts, group.partial))
    for total in block.totals:
        base = {
            **_key(f, total.as_of or block.as_of),
            "population_type": _join(total.types),
            "label": total.label,
            "whole": "total",
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


def _all(rows: Sequence[Row], column: str, value: str) -> bool:
    return all(row[column] == value for row in rows)


def _money(rows: Sequence[Row], tag: str) -> str:
    # "+usd" says the amounts are in US dollars; only true when every row is in USD.
    return f"{tag}+usd" if rows and _all(rows, "currency", "USD") else tag


_SETTING_ATTRIBUTES = {
    Setting.CAMP.value: "+incamp",
    Setting.OUT_OF_CAMP.value: "+noncamp",
    Setting.URBAN.value: "+urban",
    Setting.RURAL.value: "+rural",
}


def _setting(rows: Sequence[Row]) -> str:
    # "+incamp" and the like only when every row of the table lives in that setting.
    settings = {row["setting"] for row in rows}
    if len(settings) == 1:
        (only,) = settings
        return _SETTING_ATTRIBUTES.get(str(only), "") if only is not None else ""
    return ""


_GROUPS = "populations.groups"
_TOTALS = "populations.totals"


def _population_columns(rows: Sequence[Row]) -> list[Column]:
    where = _setting(rows)
    return [
        Column(
            "population_type",
            "#population+type+code",
            "UNHCR population type code (REF, IDP, RDP...); several, semicolon-separated, for a "
            "combined group (REF; ASY); empty where the factsheet does not say.",
            (f"{_GROUPS}.types",),
        ),
        Column("label", "#population+type+name", "The label printed for the group.", (f"{_GROUPS}.label",)),
        Column(
            "count",
            f"#population+ind{where}",
            "Number of people (+ind is an HXL 1.1 pre-release attribute; +incamp, +noncamp, +urban "
            "or +rural when every row of the table has that setting). Empty for a placeholder.",
            (f"{_GROUPS}.count.value",),
        ),
        Column(
            "residence",
            None,
            "``hosted`` or ``abroad`` (nationals abroad). No HXL attribute says this.",
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
            f"#population+hh{where}",
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
            "camp, out-of-camp, urban or rural. Said with +incamp/+noncamp/+urban/+rural on the "
            "counts when every row shares it; no hashtag holds it as a value.",
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
            "#population+type+code",
            "The population types the total covers, semicolon-separated, where it covers only "
            "some (IDP); empty for a total of every group.",
            (f"{_TOTALS}.types",),
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
            _money([r for r in rows if r["amount"] is not None or r["amount_printed"] is not None], "#value"),
            'The amount, for money, in full units ("USD 306.7 M": 306700000); +usd when every '
            "amount in the table is in US dollars.",
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
            "#population+type+code",
            "UNHCR population type code of the group (or the types a total covers).",
            (f"{_GROUPS}.types", f"{_TOTALS}.types"),
        ),
        Column(
            "label",
            "#population+type+name",
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
    ]


def _funding_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("currency", "#currency+code", "ISO 4217 code of the amounts.", ("funding.currency",)),
        Column(
            "requested",
            _money(rows, "#value+funding+required"),
            "Amount requested, in full units.",
            ("funding.requested.value", "funding.requested.scale"),
        ),
        Column(
            "funded",
            _money(rows, "#value+funding+total"),
            "Amount received, in full units.",
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
        Column("locations", "#loc+name", "Where they are, semicolon-separated.", (f"{offices}.locations",)),
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
    # "+impl" only when every partner in the table is an implementing partner.
    impl = "+impl" if rows and _all(rows, "role", "implementing") else ""
    partners = "partners.partners"
    return [
        Column("name", f"#org{impl}+name", "The partner's name as printed.", (f"{partners}.name",)),
        Column(
            "acronym",
            None,
            "Its acronym. The HXL dictionary has no acronym attribute.",
            (f"{partners}.acronym",),
        ),
        Column(
            "organisation_type",
            f"#org{impl}+type",
            "Kind of organisation (opsfacts code).",
            (f"{partners}.type",),
        ),
        Column(
            "iati_type_code", f"#org{impl}+type+code", "IATI OrganisationType code.", (f"{partners}.type",)
        ),
        Column(
            "role",
            None,
            "Partner role code; HXL expresses only some roles (+impl, +funder, +prog).",
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


def _quantity_tag(rows: Sequence[Row]) -> str | None:
    kinds = {row["kind"] for row in rows}
    if kinds <= {TargetKind.TARGET.value}:
        return "#targeted"
    if kinds == {TargetKind.ACHIEVED.value}:
        return "#reached"
    return None


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
            _quantity_tag(rows),
            "The number as printed: #targeted when every row is a target, #reached when every row "
            "is an achievement, untagged for a mix (see the note on #targeted). Context figures "
            "are not in this table.",
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
        Column("locations", "#loc+name", "Where, semicolon-separated.", (f"{targets}.locations",)),
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
    ]


def _donor_columns(rows: Sequence[Row]) -> list[Column]:
    donors = ("donors.major", "donors.others")
    return [
        Column("year", None, "Year of the contributions.", ("donors.year",)),
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
            _money(rows, "#value+funding+total"),
            "Amount contributed, in full units.",
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


def write_csv(table: Table, stream: IO[str], *, hxl: bool = False, raw: bool = False) -> None:
    """Write a table as CSV (RFC 4180, ``\\r\\n`` line ends); with ``hxl``, the hashtag row under the header.

    Text cells that start with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line
    feed are written with a ``'`` before them, as OWASP advises against CSV (formula)
    injection, so a spreadsheet shows ``=HYPERLINK(...)`` as text instead of running it. Numbers
    are never changed. With ``raw``, every cell is written exactly as the model holds it.

    Open files with ``newline=""`` so the line ends are written as given.
    """
    cell = _text if raw else _defused
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(table.header)
    if hxl:
        writer.writerow(table.hxl_row)
    for row in table.rows:
        writer.writerow([cell(row.get(c.name)) for c in table.columns])
