"""Populations of concern: each group's label and count, and what its label says.

Sheets print a chart: labels and figures, either side by side, label then
figure, or (as pdftotext leaves a chart) all figures first, then all labels
in the same order. A group's type and origin are filled in only where its
label says them ("IDP returnees", "(mixed origin)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..model import PopulationType
from ._blocks import Part
from ._lines import Line
from ._numbers import COUNT, read_count
from ._provenance import Recorder

__all__ = ["read_populations", "types_in_label"]

# Longest phrases first: "IDP returnees" is one type, not IDPs and returnees.
_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    (
        r"idp returnees|returned idps|d[ée]plac[ée]s (?:internes )?retourn[ée]s|retourn[ée]s d[ée]plac[ée]s",
        "RDP",
    ),
    (r"internally displaced|idps?\b|d[ée]plac[ée]s internes|pdis?\b", "IDP"),
    (r"asylum[- ]seekers?|demandeurs? d.asile", "ASY"),
    (r"refugees?(?!-hosting)|r[ée]fugi[ée]s?", "REF"),
    (r"returnees|returned refugees|rapatri[ée]s|retourn[ée]s", "RET"),
    (r"stateless|apatrides?", "STA"),
    (r"host communit(?:y|ies)|communaut[ée]s? (?:h[ôo]tes?|d.accueil)", "HST"),
)
_TYPES = re.compile("|".join(f"(?P<t{i}>{words})" for i, (words, _) in enumerate(_TYPE_WORDS)), re.IGNORECASE)
_NUMBER_LINE = re.compile(rf"^(?:{COUNT.pattern})\s*(?P<mark>\*+|[¹²³])?\s*$", re.IGNORECASE)
_UNNAMED_COUNT = re.sub(r"\(\?P<\w+>", "(?:", COUNT.pattern)
_ROW = re.compile(
    rf"^(?P<label>[^\d].*?)\s+(?P<count>(?:{COUNT.pattern}))(?:\s+(?P<hh>{_UNNAMED_COUNT}) households)?$",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"^(?:total|totale?|in total)\b|persons of concern|personnes\b", re.IGNORECASE)
_MARKS = re.compile(r"(\*+|[¹²³])$")
_PAIR_LINE = re.compile(rf"^(?P<c>{_UNNAMED_COUNT})\s*\|\s*(?P<h>{_UNNAMED_COUNT})$")
_HOUSEHOLDS_COLUMN = re.compile(r"\|\s*[\d\u00a0\u202f ,.]+\s*(?:ménages|households)\b", re.IGNORECASE)
_COLON_ROW = re.compile(rf"^(?P<label>[^\d:|]{{3,60}}?)\s*:\s*(?P<count>{_UNNAMED_COUNT})(?:\s|$)")
_SHARE_LINE = re.compile(r"\d{1,3}(?:[.,]\d+)?\s?%")
# "United Republic of Tanzania (as of 30 Nov)": the date is the group's, not part of its label.
_AS_OF = re.compile(r"\s*\((?:as of|au|en date du)\s[^()]*\)$", re.IGNORECASE)
# "Malian refugees (living abroad: not counted in Mali)": where the group lives, not part of its label.
_ABROAD = re.compile(r"\s*\((?:living abroad|vivant à l.étranger)\b[^()]*\)$", re.IGNORECASE)
_SHARE_ROW = re.compile(r"^(?P<label>[^\d].*?)\s+(?P<share>\d{1,3}(?:\.\d+)?)% of the total$")
_CODE = "|".join(t.value for t in PopulationType)
# The types our own page prints for a group in its table: "IDP", "REF + ASY".
_CODES = re.compile(rf"(?:{_CODE})(?: \+ (?:{_CODE}))*")


def types_in_label(label: str) -> list[str]:
    """The population types a label names, in printed order; empty when it names none."""
    found: list[str] = []
    for match in _TYPES.finditer(label):
        index = next(int(name[1:]) for name, text in match.groupdict().items() if text)
        code = _TYPE_WORDS[index][1]
        if code not in found:
            found.append(code)
    return found


def _is_label(line: Line) -> bool:
    text = line.text
    return (
        len(text) <= 70
        and not _NUMBER_LINE.match(text)
        and not text.endswith((".", ":", ";"))
        and not text.lower().startswith(("source", "*", "as of", "living abroad", "sources"))
        and not re.search(r"%|\bUSD\b", text)
    )


def _labels(lines: Sequence[Line], start: int, wanted: int) -> list[tuple[str, Line, int]]:
    """Up to ``wanted`` labels from ``start``: a label runs on over lines until a blank line or box ends."""
    labels: list[tuple[str, Line, int]] = []
    index = start
    while index < len(lines) and len(labels) < wanted:
        line = lines[index]
        if not _is_label(line):
            break
        text = line.text
        index += 1
        # A label wrapped over lines: "Refugees in Mali" / "(mixed origin)".
        while (
            index < len(lines)
            and not lines[index].starts_block
            and _is_label(lines[index])
            and (lines[index].text.startswith("(") or text.endswith(("–", "-", "and", "et")) or not line.box)
            and line.box is None
        ):
            text = f"{text} {lines[index].text}"
            index += 1
        labels.append((text, line, index))
    return labels


def _group(  # noqa: PLR0917 - one call shape, used in one module
    label: str, line: Line, count: Any, count_line: Line, path: str, rec: Recorder, low: bool
) -> dict[str, Any]:
    abroad = _ABROAD.search(label)
    if abroad:
        label = label[: abroad.start()]
    marks = _MARKS.search(label)
    footnotes = [marks[1]] if marks else []
    label = _MARKS.sub("", label).strip()
    group: dict[str, Any] = {"label": label}
    rec.note(f"{path}.label", label, line, low=low)
    if abroad:
        group["residence"] = "abroad"
        rec.note(f"{path}.residence", "abroad", line, abroad[0].strip())
    types = types_in_label(label)
    if types:
        group["types"] = types
        rec.note(f"{path}.types", types, line, label, low=True)
    group["count"] = count
    rec.note(f"{path}.count", count, count_line, low=low)
    if re.search(r"mixed origin|origines? mixtes?", label, re.IGNORECASE):
        group["origin"] = "mixed"
        rec.note(f"{path}.origin", "mixed", line, label)
    if footnotes:
        group["footnotes"] = footnotes
    return group


def _is_figure(text: str) -> bool:
    return bool(_NUMBER_LINE.match(text) or _PAIR_LINE.match(text))


def _pairs(
    lines: Sequence[Line], households: dict[int, Any] | None = None
) -> list[tuple[str, Line, Any, Line, bool]]:
    """(label, label line, count, count line, low confidence) for every group found, in order.

    ``households`` collects, by count line, the households printed beside a count ("98 412 | 21 870")
    where the block's total line says the second column is households.
    """
    found: list[tuple[str, Line, Any, Line, bool]] = []
    second_is_households = any(_HOUSEHOLDS_COLUMN.search(line.text) for line in lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        colon = _COLON_ROW.match(line.text)
        if colon and types_in_label(colon["label"]) and not _TOTAL.search(colon["label"]):
            # "Réfugiés et demandeurs d'asile en RCA : 9 870 (soudanais, …)".
            reading = read_count(colon["count"])
            if reading is not None:
                found.append((colon["label"], line, reading.value, line, False))
            index += 1
            continue
        row = _ROW.match(line.text)
        if row and _is_label(Line(row["label"], 0, 0)) and not _TOTAL.search(row["label"]):
            reading = read_count(row["count"])
            if reading is not None:
                found.append((row["label"], line, reading.value, line, False))
            index += 1
            continue
        if _is_figure(line.text):
            run = [line]
            while index + len(run) < len(lines) and _is_figure(lines[index + len(run)].text):
                run.append(lines[index + len(run)])
            after = index + len(run)
            # The groups' shares may be printed as a run of their own between figures and labels.
            shares = 0
            while after + shares < len(lines) and _SHARE_LINE.fullmatch(lines[after + shares].text):
                shares += 1
            if shares == len(run):
                after += shares
            labels = _labels(lines, after, len(run))
            if len(run) > 1 and len(labels) == len(run):
                # A chart as pdftotext leaves it: all figures, then all labels in the same order.
                for number, (printed, label_line, _) in zip(run, labels, strict=True):
                    label = _AS_OF.sub("", printed)
                    reading = read_count(number.text)
                    if reading is not None:
                        found.append((label + _mark(number.text), label_line, reading.value, number, True))
                    pair = _PAIR_LINE.match(number.text)
                    if pair and second_is_households and households is not None:
                        second = read_count(pair["h"])
                        if second is not None:
                            households[id(number)] = second.value
                index = labels[-1][2]
                continue
            # Label printed just above its figure.
            if index > 0 and _is_label(lines[index - 1]) and _NUMBER_LINE.match(line.text):
                reading = read_count(line.text)
                if reading is not None:
                    found.append(
                        (
                            lines[index - 1].text + _mark(line.text),
                            lines[index - 1],
                            reading.value,
                            line,
                            True,
                        )
                    )
        index += 1
    return found


def _mark(number_text: str) -> str:
    marks = _MARKS.search(number_text.strip())
    return marks[1] if marks else ""


def read_populations(
    lines: Sequence[Line], parts: dict[str, list[Part]], rec: Recorder
) -> dict[str, Any] | None:
    """The populations block, or None where no group can be read."""
    blocks = parts.get("populations", [])
    candidates: list[Line] = [line for block in blocks for line in block.lines]
    households: dict[int, Any] = {}
    pairs = _pairs(candidates, households)
    if not pairs:
        # pdftotext may print the chart far from its heading: look where no other part claims the lines.
        claimed = {
            id(line)
            for name, found in parts.items()
            if name != "populations"
            for b in found
            for line in (b.heading, *b.lines)
        }
        free = [line for line in lines if id(line) not in claimed]
        pairs = _pairs(free) if blocks else []
        if not pairs and blocks:
            pairs = _pairs([line for name in ("presence",) for b in parts.get(name, []) for line in b.lines])
    groups: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for label, line, count, count_line, low in pairs:
        key = _MARKS.sub("", _ABROAD.sub("", label)).strip()
        # A chart label cut short; the table beside the chart prints it whole.
        if key.endswith("…") and any(other.startswith(key[:-1]) for other in seen):
            continue
        if key in seen:
            if not low:
                # A table row read whole (a page's visible table, or the table a chart's figures are
                # also given in) replaces the chart's reading of the same group, keeping what only the
                # chart printed (a footnote marker).
                earlier = groups[seen[key]]
                groups[seen[key]] = _group(
                    label, line, count, count_line, f"populations.groups[{seen[key]}]", rec, low
                )
                for name in ("footnotes", "households", "residence"):
                    if name in earlier:
                        groups[seen[key]].setdefault(name, earlier[name])
            continue
        if any(k.endswith("…") and key.startswith(k[:-1]) for k in seen):
            index = next(seen.pop(k) for k in list(seen) if k.endswith("…") and key.startswith(k[:-1]))
            groups[index] = _group(label, line, count, count_line, f"populations.groups[{index}]", rec, low)
            seen[key] = index
            continue
        seen[key] = len(groups)
        groups.append(_group(label, line, count, count_line, f"populations.groups[{len(groups)}]", rec, low))
        if id(count_line) in households:
            groups[-1]["households"] = households[id(count_line)]
            rec.note(
                f"populations.groups[{len(groups) - 1}].households",
                households[id(count_line)],
                count_line,
                low=True,
            )
    if not groups:
        rec.not_found("populations: no group with a count")
        return None
    _read_details(candidates, groups, rec)
    return {"groups": groups}


def _read_details(lines: Sequence[Line], groups: list[dict[str, Any]], rec: Recorder) -> None:
    """Households and types from our own page's table: "Ouham 94,560 21,400 households" / "… · IDP + RET"."""
    index = {group["label"]: position for position, group in enumerate(groups)}
    for number, line in enumerate(lines):
        share = _SHARE_ROW.match(line.text)
        if share and share["label"] not in index:
            # A group printed with its share only: "Chiúre 61% of the total".
            index[share["label"]] = len(groups)
            groups.append({"label": share["label"], "share": share["share"]})
            rec.note(f"populations.groups[{len(groups) - 1}]", groups[-1], line)
        row = share or _ROW.match(line.text)
        if row is None or _MARKS.sub("", row["label"]).strip() not in index:
            continue
        position = index[_MARKS.sub("", row["label"]).strip()]
        group, path = groups[position], f"populations.groups[{position}]"
        if share is None and row["hh"] and "households" not in group:
            reading = read_count(row["hh"])
            if reading is not None:
                group["households"] = reading.value
                rec.note(f"{path}.households", reading.value, line, f"{row['hh']} households")
        following = lines[number + 1].text if number + 1 < len(lines) else ""
        # The facts line under the row: "Ouham (region) · IDP · as of …"; the types are one piece of it.
        codes = next((piece for piece in following.split(" · ") if _CODES.fullmatch(piece)), None)
        if codes:
            group["types"] = codes.split(" + ")
            rec.note(f"{path}.types", group["types"], lines[number + 1], codes)
