"""A factsheet as readable Markdown: headings, figures in tables, footnotes as ``[^1]`` footnotes.

The output is CommonMark with two common extensions (GitHub Flavoured
Markdown tables and footnotes). All text from the factsheet goes through
:func:`escape`, so a name containing ``*``, ``|`` or ``<`` is shown as
written and no document can write raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import Factsheet, Funding, Populations, Presence, Target
from . import numbers
from .labels import donor_label, qualifier_prefix

__all__ = ["escape", "render_markdown"]

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


def _populations(block: Populations, notes: _Notes, operation: str) -> list[str]:
    lines = ["## Population of concern", ""]
    if block.as_of:
        lines += [f"As of {numbers.long_date(block.as_of)}{notes.refs(block.footnotes)}.", ""]
    rows = [
        (
            escape(g.label) + notes.refs(g.footnotes),
            numbers.count(g.count),
            f"abroad, not counted in {escape(operation)}" if g.residence.value == "abroad" else "",
            escape(g.source or ""),
        )
        for g in block.groups
    ]
    if block.stated_total is not None:
        rows.append(("**Total**", f"**{numbers.count(block.stated_total)}**", "", ""))
    return lines + _table(("Group", "People", "Lives", "Source"), rows, right=(1,))


def _funding(block: Funding, notes: _Notes) -> list[str]:
    heading = "## Funding"
    if block.as_of:
        heading += f" (as of {numbers.long_date(block.as_of)})"
    rows = []
    for label, fig, pct in (
        ("Requested", block.requested, None),
        ("Funded", block.funded, block.funded_percent),
        ("Unfunded", block.unfunded, block.unfunded_percent),
    ):
        if fig is not None:
            share = "" if pct is None else numbers.percent(pct)
            rows.append((label, numbers.money(fig.amount, block.currency), share))
    lines = [heading + notes.refs(block.footnotes), ""]
    if block.requested is not None:
        lines += [f"**{numbers.money_short(block.requested.amount, block.currency)}** requested.", ""]
    return lines + _table(("", "Amount", "Share"), rows, right=(1, 2))


def _presence(block: Presence, notes: _Notes, who: str) -> list[str]:
    lines = [f"## {escape(who)} presence{notes.refs(block.footnotes)}", ""]
    if block.staff:
        rows = [(escape(s.label), numbers.count(s.count)) for s in block.staff]
        if block.stated_staff_total is not None:
            rows.append(("**Total**", f"**{numbers.count(block.stated_staff_total)}**"))
        lines += _table(("Staff", "Number"), rows, right=(1,))
    if block.offices:
        rows3 = [
            (escape(o.label), numbers.count(o.count), ", ".join(escape(x) for x in o.locations))
            for o in block.offices
        ]
        if block.stated_office_total is not None:
            rows3.append(("**Total**", f"**{numbers.count(block.stated_office_total)}**", ""))
        lines += _table(("Offices", "Number", "Where"), rows3, right=(1,))
    return lines


def _target(t: Target, notes: _Notes) -> str:
    qualifier = qualifier_prefix(t.qualifier)
    where = f" in {', '.join(escape(x) for x in t.locations)}" if t.locations else ""
    year = f" ({t.year})" if t.year else ""
    quantity = f"**{qualifier}{numbers.count(t.quantity)}**"
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
    lines = ["## Donors", ""]
    for title, donors in (("Major donors", block.major), ("Other donors", block.others)):
        if not donors:
            continue
        names = []
        for d in donors:
            name = escape(donor_label(d))
            if d.amount is not None:
                currency = f"{block.currency} " if block.currency else ""
                name += f" ({currency}{numbers.figure(d.amount)})"
            names.append(name)
        lines += [f"{title} of {escape(block.scope)}{year}: " + " \\| ".join(names), ""]
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
        lines += [f"- {_link(link.label, link.url)}" for link in factsheet.links]
        lines.append("")
    return lines


def render_markdown(factsheet: Factsheet) -> str:
    """The whole factsheet as Markdown text, ending with one newline."""
    f = factsheet
    notes = _Notes(f)
    lines = [f"# {escape(f.title, start=True)}", ""]
    period = f"{numbers.long_date(f.period.start)} – {numbers.long_date(f.period.end)}"
    lines += [f"{escape(f.publisher.name, start=True)} · {escape(f.operation.name)} · {period}", ""]
    if f.highlights:
        lines += [f"- **{escape(text)}**" for text in f.highlights] + [""]
    for section in f.sections:
        lines += [f"## {escape(section.heading, start=True)}", ""]
        lines += [f"- {escape(text, start=True)}" for text in section.paragraphs] + [""]
    if f.populations is not None:
        lines += _populations(f.populations, notes, f.operation.name)
    if f.funding is not None:
        lines += _funding(f.funding, notes)
    if f.presence is not None:
        lines += _presence(f.presence, notes, f.publisher.acronym or f.publisher.name)
    if f.partners is not None:
        rows = [
            (
                escape(p.name) + (f" ({escape(p.acronym)})" if p.acronym else ""),
                escape(p.type.description.rstrip(".")),
                escape(p.note or ""),
            )
            for p in f.partners.partners
        ]
        lines += ["## Partners", "", *_table(("Partner", "Type", "Note"), rows)]
    if f.activities:
        lines += _activities(f, notes)
    lines += _donor_list(f) + _people(f)
    definitions = notes.definitions()
    if definitions:
        lines += [*definitions, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
