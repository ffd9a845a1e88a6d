"""A factsheet as readable Markdown: headings, figures in tables, footnotes as ``[^1]`` footnotes.

The output is CommonMark with two common extensions (GitHub Flavoured
Markdown tables and footnotes). All text from the factsheet goes through
:func:`escape`, so a name containing ``*``, ``|`` or ``<`` is shown as
written and no document can write raw HTML.

Figures are shown as printed (a placeholder ``[XX]`` as ``[XX]``, ``over
6,500`` with its qualifier), dates at the precision printed (``March 2019``).
Optional table columns (households, share, place, setting, the group a
group is part of, population types, an office's ``under``, staff parts)
appear only when some row has the fact, so a factsheet without them renders
as it did in format 1.0. A money key figure is shown as printed with its
currency (``USD 306.7 M``); breakdowns of groups and totals (by origin, sex,
age, and the sheet's own categories, which may overlap) are listed under the
population table, and countries of origin listed without figures after it.

Deliberately not shown: the factsheet's ``language`` (Markdown has no place
for it; the HTML page carries it as ``lang``), a target's ``action``,
``beneficiaries`` and ``kind`` (they are in the ``targets`` table), and the
``accepted`` findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import _printing as numbers
from ..model._classes import (
    Factsheet,
    Funding,
    KeyFigure,
    Partners,
    PopulationGroup,
    Populations,
    PopulationTotal,
    Presence,
    Section,
    Target,
)
from ..model._dates import PartialDate
from . import _labels as labels
from ._labels import NOT_STATED, donor_label
from ._left_out import LEFT_OUT as _BOTH_LEFT_OUT

__all__ = ["LEFT_OUT", "escape", "render_markdown"]

LEFT_OUT: dict[str, str] = {
    **_BOTH_LEFT_OUT,
    "Factsheet.language": "Markdown has no place for a language; the HTML page carries it as lang",
}
"""Model fields this output does not show, each with why (a test holds it against the model)."""

# Characters that start Markdown syntax anywhere in a line (``#`` too: a closing ``#`` of a heading
# is dropped); ``<``, ``>`` and ``&`` become entities. The rest only matter at the start of a line.
_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_LINE_START = re.compile(r"^(?:([+=-])|(\d+)([.)]))")
# A CommonMark email autolink (spec 6.5): what may stand between "<" and ">" as it is.
_AUTOLINK_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)


def escape(text: str, *, start: bool = False) -> str:
    """Text shown as written, on one line: Markdown punctuation escaped, ``<``, ``>`` and ``&`` as entities.

    Every piece of document text the Markdown output holds goes through this
    function (link destinations and email addresses too: CommonMark decodes
    escapes and entities there), so no document can write raw HTML or change
    the structure of the output. Only the characters that could start
    Markdown syntax where the text is put are escaped, so the Markdown
    source stays readable: with ``start`` the text begins a line or a list
    item, where ``-``, ``+`` or ``1.`` would start a list.
    """
    flat = " ".join(text.split())
    flat = _SPECIAL.sub(r"\\\1", flat.translate(_ENTITIES))
    if not start:
        return flat
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", flat)


def _link(label: str, url: str) -> str:
    # Angle brackets keep any URL character from ending the link early; escapes work inside them.
    return f"[{escape(label)}](<{escape(url)}>)"


def _email(address: str) -> str:
    """An autolink when the address needs no escaping, else a ``mailto:`` link with the address escaped."""
    escaped = escape(address)
    if escaped == address and _AUTOLINK_EMAIL.fullmatch(address):
        return f"<{address}>"
    return _link(address, f"mailto:{address}")


class _Notes:
    """Numbers the factsheet's footnote markers (``*``) as Markdown footnotes (``[^1]``)."""

    def __init__(self, factsheet: Factsheet) -> None:
        self._texts = {n.marker: n.text for n in factsheet.footnotes}
        self._ids = {marker: str(i) for i, marker in enumerate(self._texts, start=1)}

    def refs(self, markers: Iterable[str]) -> str:
        # A marker without a footnote text stays as printed, escaped.
        return "".join(f"[^{self._ids[m]}]" if m in self._ids else escape(m) for m in markers)

    def definitions(self) -> list[str]:
        return [f"[^{self._ids[m]}]: {escape(text, start=True)}" for m, text in self._texts.items()]


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    align = ["---:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _optional_table(columns: Sequence[tuple[str, bool, bool]], rows: Sequence[Sequence[str]]) -> list[str]:
    """A table whose ``(name, right-aligned, always)`` columns are kept when always shown or not empty."""
    keep = [i for i, (_, _, always) in enumerate(columns) if always or any(row[i] for row in rows)]
    header = [columns[i][0] for i in keep]
    right = [n for n, i in enumerate(keep) if columns[i][1]]
    return _table(header, [[row[i] for i in keep] for row in rows], right=right)


def _dated(text: str, as_of: PartialDate | None) -> str:
    # "Government of Mali (March 2019)": who counted and when, as far as either is printed.
    when = "" if as_of is None else numbers.date_text(as_of)
    if text and when:
        return f"{text} ({when})"
    return text or when


def _as_of(as_of: PartialDate | None) -> str:
    return "" if as_of is None else f" (as of {numbers.date_text(as_of)})"


def _key_figure(k: KeyFigure, notes: _Notes) -> str:
    figures = [numbers.quantity(k.quantity)] if k.quantity is not None else []
    if k.percent is not None:
        figures.append(numbers.percentage(k.percent))
    if k.amount is not None:
        figures.append(numbers.money_printed(k.amount, k.currency))
    number = " / ".join(f"**{escape(x)}**" for x in figures)
    unit = f" {escape(k.unit)}" if k.unit else ""
    context = labels.key_figure_context(k)
    context = f" — {escape(context)}" if context else ""
    return f"- {number}{unit} {escape(k.label)}{context}{notes.refs(k.footnotes)}"


def _key_figures(factsheet: Factsheet, notes: _Notes) -> list[str]:
    if not factsheet.key_figures:
        return []
    return ["## Key figures", "", *(_key_figure(k, notes) for k in factsheet.key_figures), ""]


def _populations(block: Populations, notes: _Notes, operation: str) -> list[str]:
    lines = ["## Population of concern", ""]
    if block.as_of:
        lines += [f"As of {numbers.date_text(block.as_of)}{notes.refs(block.footnotes)}.", ""]
    elif block.footnotes:
        lines += [f"Figures{notes.refs(block.footnotes)}.", ""]
    if block.source:
        lines += [f"Source: {escape(block.source)}.", ""]
    columns = (
        ("Group", False, True),
        ("People", True, True),
        ("Households", True, False),
        ("Share", True, False),
        ("Part of", False, False),
        ("Where", False, False),
        ("Setting", False, False),
        ("Type", False, False),
        ("Lives", False, True),
        ("Source", False, True),
    )
    rows = [
        (
            escape(g.label) + notes.refs(g.footnotes),
            "" if g.count is None else escape(numbers.quantity(g.count)),
            "" if g.households is None else escape(numbers.quantity(g.households)),
            "" if g.share is None else escape(numbers.percentage(g.share)),
            "" if g.part_of is None else escape(g.part_of),
            escape(labels.place(g)),
            "" if g.setting is None else labels.setting(g.setting),
            " + ".join(t.value for t in g.types),
            f"abroad, not counted in {escape(operation)}" if g.residence.value == "abroad" else "",
            escape(_dated(g.source or "", g.as_of)),
        )
        for g in block.groups
    ]
    for total in block.totals:
        label = escape(total.label or "Total")
        households = "" if total.households is None else f"**{escape(numbers.quantity(total.households))}**"
        rows.append(
            (
                # The markers inside the bold: "**(x)**2" would not close the bold (CommonMark flanking).
                f"**{label}{notes.refs(total.footnotes)}**",
                f"**{escape(numbers.quantity(total.count))}**",
                households,
                "",
                "",
                "",
                "",
                labels.total_types(total),
                "",
                escape(_dated(total.source or "", total.as_of)),
            )
        )
    lines += _optional_table(columns, rows)
    breakdowns = []
    wholes: list[tuple[str, PopulationGroup | PopulationTotal]] = [(g.label, g) for g in block.groups]
    wholes += [(t.label or "Total", t) for t in block.totals]
    for name, whole in wholes:
        for axis, partial, parts in labels.breakdown_parts(whole):
            listed = "; ".join(escape(p.text()) for p in parts)
            of_part = " (part of the group only)" if partial else ""
            breakdowns.append(f"- *{escape(name)}, {axis}{of_part}:* {listed}")
    if breakdowns:
        lines += [*breakdowns, ""]
    if block.main_origins:
        lines += [f"Main countries of origin: {escape(labels.main_origins(block.main_origins))}.", ""]
    return lines


def _funding(block: Funding, notes: _Notes) -> list[str]:
    heading = "## Funding"
    if block.as_of:
        heading += f" (as of {numbers.date_text(block.as_of)})"
    rows = []
    for label, fig, pct in (
        ("Requested", block.requested, None),
        ("Funded", block.funded, block.funded_percent),
        ("Unfunded", block.unfunded, block.unfunded_percent),
    ):
        if fig is not None or pct is not None:
            share = "" if pct is None else escape(numbers.percentage(pct))
            amount = "" if fig is None else escape(numbers.money_figure(fig, block.currency))
            rows.append((label, amount, share))
    lines = [heading + notes.refs(block.footnotes), ""]
    purpose = (f" for {escape(block.covers)}" if block.covers else "") + (
        f" in {block.year}" if block.year else ""
    )
    if block.requested is not None:
        requested = escape(numbers.money_short_figure(block.requested, block.currency))
        lines += [f"**{requested}** requested{purpose}.", ""]
    elif purpose:
        lines += [f"Requirements{purpose}.", ""]
    return lines + (_table(("", "Amount", "Share"), rows, right=(1, 2)) if rows else [])


def _presence(block: Presence, notes: _Notes, who: str) -> list[str]:
    lines = [f"## {escape(who)} presence{_as_of(block.as_of)}{notes.refs(block.footnotes)}", ""]
    if block.staff or block.stated_staff_total is not None:
        rows = [
            (
                escape(s.label),
                "" if s.count is None else escape(numbers.quantity(s.count)),
                "; ".join(f"{escape(numbers.quantity(p.count))} {escape(p.label)}" for p in s.parts),
            )
            for s in block.staff
        ]
        if block.stated_staff_total is not None:
            rows.append(("**Total**", f"**{escape(numbers.quantity(block.stated_staff_total))}**", ""))
        lines += _optional_table(
            (("Staff", False, True), ("Number", True, True), ("Of whom", False, False)), rows
        )
    if block.offices or block.stated_office_total is not None:
        rows3 = [
            (
                escape(o.label),
                "" if o.count is None else numbers.count(o.count),
                ", ".join(escape(x) for x in o.locations),
                escape(o.under or ""),
            )
            for o in block.offices
        ]
        if block.stated_office_total is not None:
            rows3.append(("**Total**", f"**{escape(numbers.quantity(block.stated_office_total))}**", "", ""))
        columns = (
            ("Offices", False, True),
            ("Number", True, True),
            ("Where", False, True),
            ("Under", False, False),
        )
        lines += _optional_table(columns, rows3)
    return lines


def _partners(block: Partners) -> list[str]:
    lines = [f"## Partners{_as_of(block.as_of)}", ""]
    if block.stated_counts:
        stated = "; ".join(f"{escape(c.text)} ({numbers.count(c.count)})" for c in block.stated_counts)
        lines += [f"The factsheet states: {stated}.", ""]
    rows = [
        (
            escape(p.name) + (f" ({escape(p.acronym)})" if p.acronym else ""),
            escape(labels.partner_type(p) or NOT_STATED),
            labels.partner_role(p.role) or NOT_STATED,
            escape(p.note or ""),
        )
        for p in block.partners
    ]
    if rows:
        lines += _table(("Partner", "Type", "Role", "Note"), rows)
    if block.and_others:
        lines += [escape(block.and_others, start=True), ""]
    return lines


def _target(t: Target, notes: _Notes) -> str:
    where = f" in {', '.join(escape(x) for x in t.locations)}" if t.locations else ""
    year = f" ({t.year})" if t.year else ""
    quantity = f"**{escape(numbers.quantity(t.quantity))}**"
    return f"{quantity} {escape(t.unit)}{where}{year}{notes.refs(t.footnotes)}"


def _activities(factsheet: Factsheet, notes: _Notes) -> list[str]:
    lines = ["## Main activities", ""]
    for activities in factsheet.activities:
        lines += [f"### {escape(activities.sector.name, start=True)}", ""]
        for statement in activities.statements:
            lines.append(f"- {escape(statement.text, start=True)}")
            if statement.targets:
                targets = "; ".join(_target(t, notes) for t in statement.targets)
                lines.append(f"  *Targets:* {targets}")
        lines.append("")
    return lines


def _donor_list(factsheet: Factsheet) -> list[str]:
    block = factsheet.donors
    if block is None:
        return []
    year = f" in {block.year}" if block.year else ""
    scope = f" of {escape(block.scope)}" if block.scope else ""
    lists = []
    for title, donors in (("Major donors", block.major), ("Other donors", block.others)):
        if not donors:
            continue
        names = []
        for d in donors:
            details = [labels.donor_details(d)] if labels.donor_details(d) else []
            if d.amount is not None:
                details.append(numbers.money_printed(d.amount, block.currency))
            names.append(escape(donor_label(d)) + (f" ({escape('; '.join(details))})" if details else ""))
        lists.append(f"{title}{scope}{year}: " + " \\| ".join(names))
    if block.and_others:
        if lists:
            lists[-1] += f" {escape(block.and_others)}"
        else:
            lists.append(escape(block.and_others, start=True))
    if not (block.major or block.others) and (scope or year):
        # No list to say it of: what the donors block covers stands alone.
        lists.insert(0, f"Donors{scope}{year}.")
    lines = [f"## Donors{_as_of(block.as_of)}", ""]
    for line in lists:
        lines += [line, ""]
    return lines


def _people(factsheet: Factsheet) -> list[str]:
    lines: list[str] = []
    if factsheet.contacts:
        lines += ["## Contacts", ""]
        for c in factsheet.contacts:
            parts = [f"**{escape(c.name)}**"] + [escape(x) for x in (c.title, c.location) if x]
            if c.email:
                parts.append(_email(c.email))
            if c.phone:
                parts.append(f"Tel: {escape(c.phone)}")
            lines.append("- " + ", ".join(parts))
        lines.append("")
    if factsheet.links:
        lines += ["## Links", ""]
        # An address printed without its scheme is linked with https:// and shown as printed after it.
        for link in factsheet.links:
            printed = "" if link.url == link.href else f" — {escape(link.url)}"
            lines.append(f"- {_link(link.label, link.href)}{printed}")
        lines.append("")
    return lines


def _header(f: Factsheet) -> str:
    parts = [numbers.period_text(f.period)] if f.period is not None else []
    if f.date is not None:
        parts.append(f"as of {numbers.date_text(f.date)}")
    if f.published is not None:
        parts.append(f"published {numbers.date_text(f.published)}")
    kind = labels.document_kind(f.kind)
    who = [kind] if kind else []
    operation = f.operation.name + (f" ({f.operation.area})" if f.operation.area else "")
    first = escape(" · ".join([*who, f.publisher.name]), start=True)
    return " · ".join([first, escape(operation), *(escape(p) for p in parts)])


def _section(section: Section) -> list[str]:
    lines = []
    if section.heading is not None:
        # Level 1 is "##" under the title; nested headings go one deeper each.
        lines += [f"{'#' * (section.level + 1)} {escape(section.heading, start=True)}", ""]
    return lines + [f"- {escape(text, start=True)}" for text in section.paragraphs] + [""]


def render_markdown(factsheet: Factsheet) -> str:
    """The whole factsheet as Markdown text, ending with one newline.

    >>> from opsfacts import load
    >>> from opsfacts.render import render_markdown
    >>> page = render_markdown(load("examples/mali-2017-06.corrected.json"))
    >>> print(*page.splitlines()[:3], sep="\\n")
    # Mali Factsheet, June 2017
    <BLANKLINE>
    Factsheet · UNHCR · Mali · 1 June 2017 – 30 June 2017
    >>> [line for line in page.splitlines() if line.startswith("## ")][:4]
    ['## Country Strategy', '## Working with Partners', '## Main Activities', '## Population of concern']
    """
    f = factsheet
    notes = _Notes(f)
    lines = [f"# {escape(f.title, start=True)}", "", _header(f), ""]
    if f.highlights:
        lines += [f"- **{escape(text)}**" for text in f.highlights] + [""]
    lines += _key_figures(f, notes)
    for section in f.sections:
        lines += _section(section)
    if f.populations is not None:
        lines += _populations(f.populations, notes, f.operation.name)
    if f.funding is not None:
        lines += _funding(f.funding, notes)
    if f.presence is not None:
        lines += _presence(f.presence, notes, f.publisher.acronym or f.publisher.name)
    if f.partners is not None:
        lines += _partners(f.partners)
    if f.activities:
        lines += _activities(f, notes)
    lines += _donor_list(f) + _people(f)
    definitions = notes.definitions()
    if definitions:
        lines += [*definitions, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
