"""Key figures: the few numbers a sheet prints large at its top, each with what it counts.

A key figure is read where the sheet prints one: under a "KEY FIGURES"
heading, or (our own page, which prints no heading) as the first run of
lines that begin with a figure, before any heading. Its number is printed
on the line with its label ("226,513 Burundian refugees …") or alone above
it ("1,729,537" / "refugees and migrants from …"). What our page prints
after the label ("achieved · since January 2022 · as of May 2021 · source:
CMP") is read back into the figure's kind and source, and is not part of the
label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..model import TargetKind
from ._blocks import Part, heading_part
from ._lines import Line
from ._numbers import PERCENT, read_amount, read_count, read_percent
from ._provenance import Recorder

__all__ = ["read_key_figures"]

_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)
_DATE = rf"(?:\d{{1,2}} )?(?:{_MONTHS}) \d{{4}}|\d{{4}}"
_KINDS = "|".join(re.escape(k.value) for k in TargetKind if k is not TargetKind.CONTEXT)
# What our page prints after a key figure's label, each piece optional, " · " between them.
_CONTEXT = re.compile(
    rf" (?=\S)(?:(?P<kind>{_KINDS})(?: · |$))?(?:since (?:{_DATE})(?: · |$))?"
    rf"(?:as of (?:{_DATE})(?: · |$))?(?:source: (?P<source>.+))?$",
    re.IGNORECASE,
)
_QUALIFIED = r"(?:over|more than|about|some|around|almost|nearly|up to|environ|plus de|près de|\+)"
# A count printed with a word for its scale: "8.2 million".
_SCALED = re.compile(
    rf"^(?P<q>{_QUALIFIED}\s?)?(?P<n>\d+(?:[.,]\d+)?) (?P<s>millions?|billions?|milliards?)\b", re.IGNORECASE
)
_SCALES = {"million": 6, "millions": 6, "billion": 9, "billions": 9, "milliard": 9, "milliards": 9}
_WORD = re.compile(r"[^\W\d_]{2,}")


def _value(text: str) -> tuple[str, Any, str | None, int] | None:
    """(field, value, currency, end) of the figure a text begins with, or None."""
    amount = read_amount(text, need_currency=True)
    if amount is not None and amount.start == 0:
        return "amount", amount.value, amount.currency, amount.end
    percent = read_percent(text)
    if percent is not None and percent.start == 0:
        return "percent", percent.value, None, percent.end
    scaled = _SCALED.match(text)
    if scaled:
        number = Decimal(scaled["n"].replace(",", ".")).scaleb(_SCALES[scaled["s"].lower()])
        if number != number.to_integral_value():
            return None
        quantity: dict[str, Any] = {"value": int(number), "printed": scaled[0].strip()}
        if scaled["q"]:
            count = read_count(f"{scaled['q']}1")
            if count is not None and isinstance(count.value, dict) and "qualifier" in count.value:
                quantity = {"value": int(number), "qualifier": count.value["qualifier"], **quantity}
        return "quantity", quantity, None, scaled.end()
    count = read_count(text)
    if count is not None and count.start == 0 and not PERCENT.match(text):
        return "quantity", count.value, None, count.end
    return None


def _label(rest: str) -> tuple[str, dict[str, Any]]:
    """The label and what our page prints after it (kind, source).

    A published sheet's "(IOM DTM, 16 February 2024)" after the label says who counted and when:
    a bracket with a comma or a date is not part of the label; "(RUV)" is.
    """
    extra: dict[str, Any] = {}
    bracket = re.search(r"\s*\(([^()]*)\)$", rest)
    if bracket and ("," in bracket[1] or re.search(_DATE, bracket[1], re.IGNORECASE)):
        rest = rest[: bracket.start()]
    for start in (m.start() for m in re.finditer(" ", rest)):
        context = _CONTEXT.fullmatch(rest, start)
        if context and rest[start:].strip():
            if context["kind"]:
                extra["kind"] = context["kind"].lower()
            if context["source"]:
                extra["source"] = context["source"].strip()
            return rest[:start].strip(), extra
    return rest.strip(), extra


def _alone(text: str) -> bool:
    """Whether a line is a figure and nothing else: the next key figure's number."""
    value = _value(text)
    return value is not None and value[3] == len(text)


def _counts_something(label: str) -> bool:
    """A label names what is counted: two words that are not a month ("– 30 novembre 2015" is a period)."""
    words = [w for w in _WORD.findall(label) if not re.fullmatch(_MONTHS, w, re.IGNORECASE)]
    return len(words) >= 2 and (label[:1].isalpha() or label[:1] == "(")


def _candidates(lines: Sequence[Line]) -> list[tuple[str, Line, Line]]:
    """(text, figure line, last line) for each key figure in the first run of them."""
    found: list[tuple[str, Line, Line]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        value = _value(line.text)
        if re.fullmatch(r"(?:19|20)\d\d", line.text):
            value = None  # a year on a line of its own is a date, not a figure
        if value is not None and value[3] == len(line.text) and index + 1 < len(lines):
            # The figure alone, its label on the lines after it.
            taken = [lines[index + 1]]
            while (
                index + 1 + len(taken) < len(lines)
                and not lines[index + 1 + len(taken)].starts_block
                and not _alone(lines[index + 1 + len(taken)].text)
            ):
                taken.append(lines[index + 1 + len(taken)])
            if _counts_something(taken[0].text):
                text = " ".join([line.text, *(t.text for t in taken)])
                found.append((text, line, taken[-1]))
                index += 1 + len(taken)
                continue
        if value is not None and _counts_something(line.text[value[3] :].strip()):
            found.append((line.text, line, line))
        elif found:
            break
        index += 1
    return found


def read_key_figures(
    lines: Sequence[Line], parts: dict[str, list[Part]], rec: Recorder
) -> list[dict[str, Any]]:
    """The key figures, in printed order; empty where none is printed."""
    blocks = parts.get("key_figures", [])
    if blocks:
        region: Sequence[Line] = blocks[0].lines
    else:
        first = [line for line in lines if line.page == 1][:40]
        end = next((i for i, line in enumerate(first) if heading_part(line)), len(first))
        region = first[:end]
    figures: list[dict[str, Any]] = []
    for text, line, last in _candidates(region):
        value = _value(text)
        if value is None:
            continue
        name, figure, currency, end = value
        label, extra = _label(text[end:].strip())
        if not _counts_something(label):
            continue
        item: dict[str, Any] = {"label": label, name: figure}
        if currency:
            item["currency"] = currency
        item.update(extra)
        path = f"key_figures[{len(figures)}]"
        # Without a heading, that these lines are the key figures is read from where they stand.
        rec.note(path, item, line, text if last is line else f"{line.text} … {last.text}", low=not blocks)
        figures.append(item)
    return figures
