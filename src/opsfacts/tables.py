"""Factsheets as flat tables, for CSV and for HXL-tagged CSV (HDX and its tools).

One table per section: ``factsheets`` (one row per factsheet: title, kind,
language, dates), ``key-figures``, ``populations`` (with their
``population-totals`` and their ``breakdowns`` by origin, sex and age),
``funding``, ``presence`` (stated staff and office totals), ``staff``,
``offices``, ``partners``, ``targets`` and ``donors``; one row per item.
Every row starts with the operation's main country code and an as-of date
(at the precision printed: ``2019-03`` for March 2019), so the tables of
many factsheets concatenate (:func:`combine`). Column names are stable;
each column carries an HXL hashtag where the HXL standard has one that fits
and none (an empty cell in the hashtag row) where it has not.

A number the factsheet printed with words or a placeholder keeps its
printed text in a ``*_printed`` column beside it (``[XX]`` beside an empty
number), and its qualifier in a ``*_qualifier`` column (``at-least`` for
"over 6,500"). Amounts and percentages are exact decimals.

Not in any table: narrative text (highlights, sections, statements' text),
contacts, links, footnote texts (their markers are), the partners'
``stated_counts``, a target's ``action``, the period's printed text and the
``accepted`` findings.

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

from .codes import Setting, TargetKind
from .dates import PartialDate
from .model import Factsheet, Figure, Percentage, Quantity

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


_CHUNK = 10**1000


def _digits(value: int) -> str:
    # Every digit of a count, however many (str() refuses more than 4,300 by default).
    if -_CHUNK < value < _CHUNK:
        return str(value)
    sign, rest = ("-", -value) if value < 0 else ("", value)
    chunks: list[str] = []
    while rest >= _CHUNK:
        rest, low = divmod(rest, _CHUNK)
        chunks.append(str(low).zfill(1000))
    return sign + str(rest) + "".join(reversed(chunks))


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


def _key(factsheet: Factsheet, as_of: PartialDate | None) -> Row:
    period = factsheet.reference_period
    return {"country_code": factsheet.operation.country, "as_of": _date(as_of or period.end or period.start)}


_KEY_COLUMNS = (
    Column("country_code", "#country+code", "ISO 3166-1 alpha-3 code of the operation's main country."),
    Column(
        "as_of",
        "#date",
        "Date the row refers to, at its printed precision (2017-06-30, 2019-03, 2019): the item's "
        "or section's as-of, else the end of the reporting period (or the date the sheet is dated by).",
    ),
)


def _quantity_columns(name: str, hxl: str | None, doc: str) -> list[Column]:
    return [
        Column(name, hxl, doc),
        Column(f"{name}_qualifier", None, "exact, at-least, at-most or about. No HXL attribute."),
        Column(f"{name}_printed", None, 'The number as printed where it was kept ("over 6,500", "[XX]").'),
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
        }
    ]


def _breakdowns(f: Factsheet) -> list[Row]:
    if f.populations is None:
        return []
    block = f.populations
    rows: list[Row] = []
    for group in block.groups:
        base = {
            **_key(f, group.as_of or block.as_of),
            "population_type": _join(group.types),
            "label": group.label,
        }
        empty: Row = {"origin": None, "sex": None, "min_age": None, "max_age": None}
        parts: list[tuple[Row, Quantity | None, Percentage | None, str]] = [
            ({"origin": p.origin}, p.count, p.percent, "origin") for p in group.by_origin
        ]
        parts += [({"sex": p.sex.value}, p.count, p.percent, "sex") for p in group.by_sex]
        parts += [
            ({"min_age": p.min_age, "max_age": p.max_age}, p.count, p.percent, "age") for p in group.by_age
        ]
        for where, count, percent, by in parts:
            rows.append(
                {
                    **base,
                    "by": by,
                    **empty,
                    **where,
                    **_quantity("count", count),
                    "percent": _percentage(percent),
                    "percent_printed": _printed(percent),
                    "partial": any(axis.value == by for axis in group.partial),
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
    rows: list[Row] = []
    for g in f.presence.staff:
        rows.append(
            {
                **_key(f, f.presence.as_of),
                "category": g.category.value,
                "label": g.label,
                **_quantity("count", g.count),
                "part_of": None,
            }
        )
        rows += [
            {
                **_key(f, f.presence.as_of),
                "category": part.category.value,
                "label": part.label,
                **_quantity("count", part.count),
                "part_of": g.category.value,
            }
            for part in g.parts
        ]
    return rows


def _offices(f: Factsheet) -> list[Row]:
    if f.presence is None:
        return []
    return [
        {
            **_key(f, f.presence.as_of),
            "office_type": g.type.value,
            "label": g.label,
            "count": g.count,
            "locations": _join(g.locations),
            "under": g.under,
        }
        for g in f.presence.offices
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


def _population_columns(rows: Sequence[Row]) -> list[Column]:
    where = _setting(rows)
    return [
        Column(
            "population_type",
            "#population+type+code",
            "UNHCR population type code (REF, IDP, RDP...); several, semicolon-separated, for a "
            "combined group (REF; ASY); empty where the factsheet does not say.",
        ),
        Column("label", "#population+type+name", "The label printed for the group."),
        Column(
            "count",
            f"#population+ind{where}",
            "Number of people (+ind is an HXL 1.1 pre-release attribute; +incamp, +noncamp, +urban "
            "or +rural when every row of the table has that setting). Empty for a placeholder.",
        ),
        Column("residence", None, "``hosted`` or ``abroad`` (nationals abroad). No HXL attribute says this."),
        Column("origin", "#country+origin+code", "Country of origin code, or ``mixed``/``unknown``."),
        Column("source", "#meta+source", "Who counted, as printed (the group's, else the block's)."),
        Column("footnotes", None, "Footnote markers, semicolon-separated. No HXL tag for footnotes."),
        *_quantity_columns("count", None, "")[1:],
        *_quantity_columns("households", f"#population+hh{where}", "Number of households, where printed."),
        Column("place", "#loc+name", "Where the group is counted, as printed."),
        Column("place_type", "#loc+type+code", "What kind of place (camp, region, city...)."),
        Column(
            "setting",
            None,
            "camp, out-of-camp, urban or rural. Said with +incamp/+noncamp/+urban/+rural on the "
            "counts when every row shares it; no hashtag holds it as a value.",
        ),
        Column("share", None, "The group's share of the total as printed, in percent. No HXL tag."),
        Column("share_printed", None, 'The share as printed where it was kept ("[XX]%").'),
        Column("partial", None, "The breakdown axes covering part of the group only, semicolon-separated."),
    ]


def _population_total_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("label", "#description", 'The label printed with the total ("Total").'),
        *_quantity_columns("count", "#population+ind+total", "The total number of people, as stated."),
        *_quantity_columns("households", "#population+hh+total", "Total households, where printed."),
        Column("source", "#meta+source", "Who counted the total (the total's, else the block's)."),
        Column("footnotes", None, "Footnote markers, semicolon-separated."),
    ]


def _key_figure_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("label", "#indicator+name", "What is counted, as printed."),
        *_quantity_columns("quantity", "#indicator+num", "The number, for a count."),
        Column("percent", "#indicator+pct", "The percentage, for a rate, as printed."),
        Column("percent_printed", None, 'The percentage as printed where it was kept ("[XX]%").'),
        Column("unit", None, "The unit, where printed apart. No HXL tag for a unit."),
        Column("kind", None, "target, achieved or context, where clear. No HXL attribute."),
        Column("since", "#date+start", 'Start of what is counted ("since January 2019": 2019-01).'),
        Column("source", "#meta+source", "Who counted, where printed."),
        Column("footnotes", None, "Footnote markers, semicolon-separated."),
    ]


def _factsheet_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("title", None, "The title as printed. HXL has no hashtag for a document title."),
        Column("operation", None, "The operation's name as printed (a country, an area or a situation)."),
        Column("countries", None, "Every country code the operation covers, semicolon-separated."),
        Column("area", "#adm1+name", "The sub-national area, for a subnational operation."),
        Column("publisher", "#org+name", "Who publishes the factsheet."),
        Column("kind", None, "factsheet, operational-update, flash-update, snapshot or other."),
        Column(
            "language",
            None,
            "The language it is written in (BCP 47); HXL says language with +i_xx, not as a value.",
        ),
        Column("period_start", "#date+start", "First day, month or year of the reporting period."),
        Column("period_end", "#date+end", "Last day, month or year of the reporting period."),
        Column("date", None, "The date the sheet is dated by, where it gives one."),
        Column("published", None, "Publication date."),
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
        *_quantity_columns("count", "#population+ind", "Number of people in this part of the group."),
        Column("percent", None, "Share of the group, as printed, in percent. No HXL tag."),
        Column("percent_printed", None, 'The share as printed where it was kept ("[XX]%").'),
        Column("partial", None, "``true`` when the breakdown by this axis covers part of the group only."),
    ]


def _funding_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("currency", "#currency+code", "ISO 4217 code of the amounts."),
        Column("requested", _money(rows, "#value+funding+required"), "Amount requested, in full units."),
        Column("funded", _money(rows, "#value+funding+total"), "Amount received, in full units."),
        Column("unfunded", None, "Funding gap as printed, in full units. No HXL tag for a gap."),
        Column("funded_percent", "#value+funding+pct", "Percentage funded, as printed."),
        Column("unfunded_percent", None, "Percentage unfunded, as printed. No HXL tag."),
        Column("year", "#date+year", 'The year of the requirements ("2019 requirements").'),
        Column("covers", "#description", "What the requirements cover, where it differs from the operation."),
        Column("requested_printed", None, "The amount requested as printed, where it was kept."),
        Column("funded_printed", None, "The amount received as printed, where it was kept."),
        Column("unfunded_printed", None, "The gap as printed, where it was kept."),
        Column("funded_percent_printed", None, 'The percentage funded as printed ("[XX]%").'),
        Column("unfunded_percent_printed", None, "The percentage unfunded as printed."),
        Column("footnotes", None, "Footnote markers, semicolon-separated."),
    ]


def _presence_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        *_quantity_columns("staff_total", None, "Total staff as stated. HXL has no hashtag for staff."),
        *_quantity_columns(
            "office_total", None, "Total offices as stated (also when only the total is printed)."
        ),
        Column("footnotes", None, "Footnote markers, semicolon-separated."),
    ]


def _staff_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("category", None, "Staff category code (national, unv...). HXL has no hashtag for staff."),
        Column("label", None, "The label printed for the category."),
        *_quantity_columns("count", None, "Number of staff."),
        Column(
            "part_of",
            None,
            "For a part of a category (5 international of 32 affiliates): the category's code; "
            "empty for a category. Leave parts out when adding up.",
        ),
    ]


def _office_columns(rows: Sequence[Row]) -> list[Column]:
    return [
        Column("office_type", "#loc+type+code", "Office type code (country-office, sub-office...)."),
        Column("label", "#loc+type+name", "The label printed for the offices."),
        Column("count", None, "Number of offices, as printed. No HXL tag for a count of offices."),
        Column("locations", "#loc+name", "Where they are, semicolon-separated."),
        Column("under", None, "The office they report to, as printed. No HXL attribute."),
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
        Column("type_label", None, "The kind as printed, where the code list has none."),
        Column("and_others", None, 'The words saying the list goes on ("and others"), on every row.'),
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
        Column("year", "#date+year", "The year the target is for."),
        Column("quantity_printed", None, 'The number as printed where it was kept ("[XX]").'),
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
        Column("acronym", None, 'Its acronym ("ECHO"). No HXL attribute.'),
        Column("donor_type", "#org+funder+type", "Kind of donor where it is not a country (opsfacts code)."),
        Column("iati_id", "#org+funder+code", "Its IATI organisation identifier."),
        Column("amount_printed", None, "The amount as printed, where it was kept."),
        Column("and_others", None, 'The words saying the list goes on ("and others"), on every row.'),
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
        return _digits(value)
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
