"""Funding: requested, funded and unfunded amounts and percentages, currency, year, cut-off."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ._blocks import Part
from ._dates import read_date
from ._lines import Line
from ._numbers import read_amount, read_percent
from ._provenance import Recorder

__all__ = ["read_funding"]

_UNFUNDED = re.compile(r"\b(?:unfunded|non financ[ée]s?|gap)\b", re.IGNORECASE)
_FUNDED = re.compile(r"\b(?:funded|financ[ée]s?|received)\b", re.IGNORECASE)
_REQUESTED = re.compile(
    r"\b(?:requested|required|requirements?|requis|besoins|demand[ée]s?)\b", re.IGNORECASE
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
# The share wrapped onto a line of its own after "Unfunded USD 13.2 million": "(62%)".
_CARRIED_PERCENT = re.compile(r"\(\s*\d{1,3}(?:[.,]\d+)?\s?%\s*\)")
# A share cut inside, between its figure and its sign, in a narrow column: "… (41" / "%)".
_CUT_PERCENT = re.compile(r"\(\s*\d{1,3}(?:[.,]\d+)?$")
_PERCENT_SIGN = re.compile(r"^%\s*\)")


def _figure(line: Line, start: int, currency: str | None) -> tuple[dict[str, Any], str | None, str] | None:
    reading = read_amount(line.text, start=start)
    if reading is None:
        return None
    return reading.value, reading.currency or currency, reading.printed


def read_funding(lines: Sequence[Line], parts: dict[str, list[Part]], rec: Recorder) -> dict[str, Any] | None:
    """The funding block, or None where no amount or percentage can be read."""
    blocks = parts.get("funding", [])
    if not blocks:
        rec.not_found("funding: no funding heading")
        return None
    # A narrative section may be headed "FUNDING" too: the block that reads most is the funding block.
    best: tuple[dict[str, Any] | None, Recorder] = (None, Recorder())
    for block in blocks:
        trial = Recorder()
        found = _read_block(block, lines, trial)
        if found is not None and (best[0] is None or len(found) > len(best[0])):
            best = (found, trial)
    funding, trial = best
    rec.records += trial.records
    rec.missing += trial.missing
    if funding is None:
        rec.not_found("funding: no amount or percentage")
    return funding


_SENTENCE = re.compile(
    r"\b(?:requirements?|besoins)\b[^:.]{0,90}:\s*(?P<amount>[^,;]+?)(?:,\s*(?:funded|financés?)\s+"
    r"(?P<percent>\d{1,3}(?:[.,]\d+)?\s?%))?(?=[,;]|\.(?:\s|$)|\s\(|$)",
    re.IGNORECASE,
)
_AS_OF = re.compile(r"\((?:as of|au)\s+([^()]+)\)", re.IGNORECASE)


def _from_sentence(block: Part, funding: dict[str, Any], rec: Recorder) -> None:
    """Funding told in a sentence: "requirements for Mozambique: USD 43.4 million, funded 6% (as of …)"."""
    text = " ".join(line.text for line in block.lines)
    found = _SENTENCE.search(text)
    if found is None:
        return
    holder = next((line for line in block.lines if found["amount"].split()[0] in line.text), block.heading)
    amount = read_amount(found["amount"], need_currency=True)
    # The whole of what stands after the colon is the amount, or nothing is read.
    whole = amount is not None and amount.start == 0 and amount.end == len(found["amount"].rstrip())
    if amount is not None and whole and "requested" not in funding:
        funding["requested"] = amount.value
        funding["_currency"] = amount.currency
        rec.note("funding.requested", amount.value, holder, amount.printed)
    if found["percent"] and "funded_percent" not in funding:
        percent = read_percent(found["percent"])
        if percent is not None:
            funding["funded_percent"] = percent.value
            rec.note("funding.funded_percent", percent.value, holder, percent.printed)
    as_of = _AS_OF.search(text, found.end())
    date = read_date(as_of[1]) if as_of else None
    if date and "as_of" not in funding:
        funding["as_of"] = date[0]
        rec.note("funding.as_of", date[0], holder, date[1])


def _read_block(block: Part, lines: Sequence[Line], rec: Recorder) -> dict[str, Any] | None:
    funding: dict[str, Any] = {}
    date = read_date(block.heading.text)
    if date:
        funding["as_of"] = date[0]
        rec.note("funding.as_of", date[0], block.heading, date[1])
    year = _YEAR.search(block.heading.text.replace(date[1], "") if date else block.heading.text)
    # Funding lines pdftotext moved out of the block ("Funded 7%" after the staff list) are still funding.
    body = list(block.lines)
    for index, line in enumerate(lines):
        if line not in block.lines and (_FUNDED.match(line.text) or _UNFUNDED.match(line.text)):
            body += [other for other in lines[index : index + 3] if other not in body]
    current: str | None = None
    currency: str | None = None
    for index, line in enumerate(body):
        text = line.text
        if _UNFUNDED.search(text):
            current = "unfunded"
        elif _FUNDED.match(text):
            current = "funded"
        elif _REQUESTED.search(text) and "requested" not in funding:
            # "USD 42.7 M" / "requested for Mali (USD 42,749,662)": the exact amount beats the short one.
            figure = _figure(line, 0, currency)
            previous = body[index - 1] if index > 0 else None
            holder = line
            if figure is None and previous is not None:
                figure = _figure(previous, 0, currency)
                holder = previous
            if figure is not None:
                funding["requested"] = figure[0]
                currency = figure[1] or currency
                rec.note("funding.requested", figure[0], holder, figure[2])
            if year is None:
                year = _YEAR.search(text)
            continue
        elif current is None:
            continue
        if _CUT_PERCENT.search(text) and index + 1 < len(body) and _PERCENT_SIGN.match(body[index + 1].text):
            text = f"{text} {body[index + 1].text}"
        keyword = (_UNFUNDED if current == "unfunded" else _FUNDED).search(text)
        position = keyword.end() if keyword else 0
        percent = read_percent(text, start=position)
        if (
            percent is not None
            and keyword is None
            and not _CARRIED_PERCENT.fullmatch(text)
            and (index == 0 or re.search(r"\d", body[index - 1].text))
        ):
            # A bare "38%" away from its keyword is a chart's label (the donut's centre), not this share;
            # it is the share where the keyword stands alone on the line before ("Funded" / "7%").
            percent = None
        if percent is not None and f"{current}_percent" not in funding:
            funding[f"{current}_percent"] = percent.value
            rec.note(f"funding.{current}_percent", percent.value, line, percent.printed)
        figure = _figure(line, position, currency)
        if (
            figure is not None
            and current not in funding
            and (percent is None or figure[2] not in percent.printed)
        ):
            funding[current] = figure[0]
            currency = figure[1] or currency
            rec.note(f"funding.{current}", figure[0], line, figure[2])
    if "requested" not in funding or "funded_percent" not in funding:
        _from_sentence(block, funding, rec)
        currency = currency or funding.pop("_currency", None)
    if "requested" not in funding:
        # A requirement printed above "requested for" on a line of its own.
        for index, line in enumerate(block.lines):
            figure = _figure(line, 0, currency)
            if (
                figure is not None
                and index + 1 < len(block.lines)
                and _REQUESTED.search(block.lines[index + 1].text)
            ):
                funding["requested"] = figure[0]
                currency = figure[1] or currency
                rec.note("funding.requested", figure[0], line, figure[2])
                break
    if not any(key in funding for key in ("requested", "funded", "unfunded", "funded_percent")):
        return None
    if currency:
        funding["currency"] = currency
        rec.note("funding.currency", currency, block.heading, currency, low=True)
    else:
        rec.not_found("funding.currency")
    if year:
        funding["year"] = int(year[1])
    return dict(sorted(funding.items(), key=lambda item: _ORDER.index(item[0])))


_ORDER = (
    "currency",
    "year",
    "requested",
    "funded",
    "unfunded",
    "funded_percent",
    "unfunded_percent",
    "as_of",
)
