"""A factsheet as one standalone, printable HTML page (two A4 pages, like the original).

The page has no external resources: styles are inline, the charts are
inline SVG drawn from the data, there are no scripts, fonts or images to
fetch. Every piece of text goes through Jinja2's autoescaping, and the
output is well-formed (it parses as XML), so it also survives e-mail
clients and strict tools.

Figures are shown as printed; a placeholder printed instead of a figure
(``[XX]``, ``[XX]%``) is shown as printed inside ``<span class="placeholder">``
(an outlined box), so a reviewer sees it at once. The ``<html lang>``
attribute is the factsheet's ``language``, ``und`` (undetermined) when it
states none; the renderer's own words (headings, "requested for") and month
names are English whatever the language.

Format 2.0 facts added to the model later are shown too: a money key figure
as printed with its currency (``USD 306.7 M``), a group's share when it has no
count, the group it is part of ("of whom"), breakdowns in the sheet's own
categories (which may overlap) for groups and totals, the types a partial
total covers and its breakdowns by sex and age, countries of origin listed
without figures, and a donor's bracketed note.

Deliberately not shown: a target's ``action``, ``beneficiaries`` and
``kind`` (they are in the ``targets`` table), and the ``accepted`` findings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import jinja2
from markupsafe import Markup

from .._version import __version__
from ..diagnostics import Finding
from ..model import (
    Factsheet,
    Figure,
    Percentage,
    PopulationGroup,
    PopulationTotal,
    Quantity,
    Statement,
)
from ..model import _printing as numbers
from . import _charts as charts
from . import _labels as labels
from ._left_out import LEFT_OUT as _BOTH_LEFT_OUT
from ._templates import page_environment, xml_safe

__all__ = [
    "group_facts",
    "group_number",
    "has_details",
    "render_html",
    "statement_segments",
    "total_facts",
]

LEFT_OUT: dict[str, str] = dict(_BOTH_LEFT_OUT)
"""Model fields this output does not show, each with why (a test holds it against the model)."""


@functools.cache
def _environment() -> jinja2.Environment:
    env = page_environment("opsfacts.render")
    env.filters.update(
        count=numbers.count,
        digits=numbers.digits,
        quantity=quantity,
        percentage=percentage,
        figure=figure,
        money_figure=money_figure,
        money_printed=money_printed,
        money_short_figure=money_short_figure,
        date=numbers.date_text,
        long_date=numbers.date_text,
        period=numbers.period_text,
        money=numbers.money,
        money_short=numbers.money_short,
        percent=numbers.percent,
        donor_label=labels.donor_label,
        donor_details=labels.donor_details,
        partner_type=labels.partner_type,
        partner_role=labels.partner_role,
        organisation_type=labels.organisation_type,
        key_figure_context=labels.key_figure_context,
        qualifier_prefix=labels.qualifier_prefix,
        document_kind=labels.document_kind,
        main_origins=labels.main_origins,
    )
    return env


def _shown(text: str, placeholder: bool) -> Markup:
    """Text as printed, escaped; a placeholder inside ``<span class="placeholder">``."""
    if placeholder:
        return Markup(
            '<span class="placeholder" title="placeholder printed instead of a figure">{}</span>'
        ).format(xml_safe(text))
    return Markup.escape(xml_safe(text))


def quantity(value: Quantity) -> Markup:
    """A quantity as printed (``over 6,500``); a placeholder (``[XX]``) marked as one."""
    return _shown(numbers.quantity(value), value.value is None)


def percentage(value: Percentage) -> Markup:
    """A percentage as printed (``91.3%``); a placeholder (``[XX]%``) marked as one."""
    return _shown(numbers.percentage(value), value.value is None)


def figure(value: Figure) -> Markup:
    """A figure as printed (``95 M``); a placeholder marked as one."""
    return _shown(numbers.figure(value), value.value is None)


def money_figure(value: Figure, currency: str | None) -> Markup:
    """A stated amount in full (``USD 42,749,662``) or as printed; a placeholder marked as one."""
    return _shown(numbers.money_figure(value, currency), value.value is None)


def money_printed(value: Figure, currency: str | None) -> Markup:
    """An amount as printed with its currency (``USD 306.7 M``), or its printed text; a placeholder marked."""
    return _shown(numbers.money_printed(value, currency), value.value is None)


def money_short_figure(value: Figure, currency: str | None) -> Markup:
    """A stated amount short (``USD 42.7 M``) or as printed; a placeholder marked as one."""
    return _shown(numbers.money_short_figure(value, currency), value.value is None)


def has_details(group: PopulationGroup) -> bool:
    """Whether a group has facts the bar chart does not show (households, place, share, breakdowns...)."""
    return bool(
        group.households is not None
        or group.share is not None
        or group.part_of is not None
        or group.place is not None
        or group.setting is not None
        or len(group.types) > 1
        or group.as_of is not None
        or group.by_origin
        or group.by_sex
        or group.by_age
        or group.by_category
    )


def _breakdowns(whole: PopulationGroup | PopulationTotal) -> list[Markup]:
    facts = []
    for axis, partial, parts in labels.breakdown_parts(whole):
        shown = Markup("; ").join(_shown(p.text(), p.placeholder) for p in parts)
        partly = " (part of the group only)" if partial else ""
        facts.append(Markup('<span class="breakdown">{}{}: {}</span>').format(axis, partly, shown))
    return facts


def _share_only(group: PopulationGroup) -> bool:
    """Whether the share is the group's only number: the table shows it as the group's number."""
    return group.count is None and group.households is None


def group_number(group: PopulationGroup) -> Markup:
    """The group's number for its table row: its count, else its share of the total (households apart)."""
    if group.count is not None:
        return quantity(group.count)
    if group.share is not None and _share_only(group):
        return Markup('<span class="share">{} of the total</span>').format(percentage(group.share))
    return Markup()


def group_facts(group: PopulationGroup) -> Markup:
    """A group's facts besides its number, one line: part of, place, setting, share, types, breakdowns."""
    facts: list[Markup] = []
    if group.part_of is not None:
        facts.append(
            Markup('<span class="part-of">of whom: part of {}</span>').format(xml_safe(group.part_of))
        )
    if group.place is not None:
        facts.append(Markup('<span class="place">{}</span>').format(xml_safe(labels.place(group))))
    if group.setting is not None:
        facts.append(Markup('<span class="setting">{}</span>').format(labels.setting(group.setting)))
    if group.share is not None and not _share_only(group):
        facts.append(Markup('<span class="share">{} of the total</span>').format(percentage(group.share)))
    if group.types:
        # The table row is there for other facts; its types are printed too, one or more.
        codes = " + ".join(t.value for t in group.types)
        facts.append(Markup('<span class="types">{}</span>').format(codes))
    if group.as_of is not None:
        facts.append(Markup("as of {}").format(numbers.date_text(group.as_of)))
    facts += _breakdowns(group)
    return Markup(" · ").join(facts)


def total_facts(total: PopulationTotal) -> Markup:
    """A total's facts besides its count and source, one line: the types it covers, its breakdowns."""
    facts: list[Markup] = []
    if total.types:
        facts.append(Markup('<span class="types">{} only</span>').format(labels.total_types(total)))
    facts += _breakdowns(total)
    return Markup(" · ").join(facts)


def statement_segments(statement: Statement) -> list[tuple[str, bool]]:
    """The statement's text cut into pieces, ``True`` for the pieces that state a target.

    A target is found where its quantity is printed with or without
    thousands separators (``6,000`` or ``6000``); a target whose number is
    spelt out (``three``) is not marked in the text, only listed with it.
    """
    text = statement.text
    spans: list[tuple[int, int]] = []
    for target in statement.targets:
        number = target.quantity.value
        candidates = [] if number is None else [numbers.count(number), numbers.digits(number)]
        if target.quantity.printed is not None:
            candidates.insert(0, target.quantity.printed)
        for printed in dict.fromkeys(candidates):
            pattern = re.compile(rf"(?<![\d.,]){re.escape(printed)}(?![\d]|[.,]\d)")
            found = next(
                (m for m in pattern.finditer(text) if all(m.end() <= a or m.start() >= b for a, b in spans)),
                None,
            )
            if found is not None:
                spans.append(found.span())
                break
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(spans):
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def render_html(factsheet: Factsheet, *, findings: Sequence[Finding] | None = None) -> str:
    """The factsheet as a standalone HTML page; ``findings`` adds a section listing them."""
    funding = factsheet.funding
    populations = factsheet.populations
    context = {
        "f": factsheet,
        "details": () if populations is None else [g for g in populations.groups if has_details(g)],
        "group_facts": group_facts,
        "total_facts": total_facts,
        "group_number": group_number,
        "bars": None if factsheet.populations is None else charts.bar_chart(factsheet.populations),
        "donut": None if funding is None else charts.donut(funding),
        "segments": statement_segments,
        "findings": findings,
        "version": __version__,
    }
    return _environment().get_template("factsheet.html.j2").render(context) + "\n"
