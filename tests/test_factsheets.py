"""The eight invented 2.0 factsheets in ``tests/data/factsheets`` against their reference texts.

Each reference text in ``tests/data/reference`` is encoded twice: ``<stem>.as-published.<ext>``
holds every printed figure and text as printed, slips and placeholders included, and
``<stem>.corrected.<ext>`` holds the same with the deliberate slips fixed (README.md there
says what was encoded how). The tests read the figures out of the reference texts with
regular expressions, so a transcription slip in either document fails a test; where the
two documents differ, the difference is asserted explicitly. The expected consistency
findings of each document are at the end.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

import opsfacts
from opsfacts import Factsheet, Figure, Percentage, Quantity, Scale

REPO = Path(__file__).resolve().parents[1]
FACTSHEETS = REPO / "tests" / "data" / "factsheets"
REFERENCE = REPO / "tests" / "data" / "reference"

BOTSWANA = "botswana-2014-12.factsheet"
BURUNDI = "burundi-situation-2015-11.operational-update"
CAR = "central-african-republic-2022-09.operational-update"
COLOMBIA = "colombia-2021-06.operational-update"
ETHIOPIA = "ethiopia-gambella-2017-05.factsheet"
JORDAN = "jordan-2018-08.factsheet"
MOZAMBIQUE = "mozambique-cabo-delgado-2024-02.flash-update"
NIGER = "niger-2019-03.factsheet"

SYNTAX = {
    BOTSWANA: "yaml",
    BURUNDI: "json",
    CAR: "json",
    COLOMBIA: "yaml",
    ETHIOPIA: "yaml",
    JORDAN: "json",
    MOZAMBIQUE: "json",
    NIGER: "yaml",
}
FORMS = ("as-published", "corrected")


def path_of(stem: str, form: str) -> Path:
    return FACTSHEETS / f"{stem}.{form}.{SYNTAX[stem]}"


DOCUMENTS = [pytest.param(path_of(stem, form), id=f"{stem}.{form}") for stem in SYNTAX for form in FORMS]
STEMS = [pytest.param(stem, id=stem) for stem in SYNTAX]
PAIRS = [pytest.param(stem, form, id=f"{stem}.{form}") for stem in SYNTAX for form in FORMS]


@functools.cache
def load(stem: str, form: str) -> Factsheet:
    return opsfacts.load(path_of(stem, form))


def published(stem: str) -> Factsheet:
    return load(stem, "as-published")


def corrected(stem: str) -> Factsheet:
    return load(stem, "corrected")


# --- reading the reference texts ---------------------------------------------------------------------------


@functools.cache
def reference(stem: str) -> str:
    """The reference text; fails (never skips) when it is missing."""
    path = REFERENCE / f"{stem}.txt"
    if not path.is_file():
        pytest.fail(f"the reference text {path} is missing", pytrace=False)
    return path.read_text(encoding="utf-8")


def normalise(text: str) -> str:
    """Join hard-wrapped lines (``Haut-`` / ``Mbomou`` keeps its hyphen) and collapse white space."""
    text = re.sub(r"(?<=\w-)[ \t]*\n\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


@functools.cache
def normalised(stem: str) -> str:
    return normalise(reference(stem))


def between(stem: str, start: str, end: str) -> str:
    """The reference text between two markers (exclusive); ``start`` must occur once."""
    text = reference(stem)
    assert text.count(start) == 1, f"{start!r} occurs {text.count(start)} times in {stem}"
    begin = text.index(start) + len(start)
    assert end in text[begin:], f"{end!r} does not follow {start!r} in {stem}"
    return text[begin : text.index(end, begin)]


def search(pattern: str, text: str) -> re.Match[str]:
    match = re.search(pattern, text)
    assert match is not None, f"{pattern!r} not found in {text[:200]!r}"
    return match


GROUPED = r"\d{1,3}(?:(?:, ?|\.| )\d{3})*"
"""A whole number with any thousands separator printed: ``412 305``, ``412.305``, ``57,003``, ``3, 417``."""


def printed_int(text: str) -> int:
    """The number a grouped whole number stands for, whatever its separator."""
    assert re.fullmatch(GROUPED, text), text
    return int(re.sub(r"\D", "", text))


def printed_decimal(text: str) -> Decimal:
    """A decimal as printed, with a decimal point or (French) a decimal comma: ``72,5``, ``91.3``."""
    assert re.fullmatch(r"\d+(?:[.,]\d+)?", text), text
    return Decimal(text.replace(",", "."))


ENGLISH_MONTHS = "january february march april may june july august september october november december"
FRENCH_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
MONTHS = {
    name: number
    for names in (ENGLISH_MONTHS, FRENCH_MONTHS)
    for number, name in enumerate(names.split(" "), start=1)
}
MONTH = "|".join(MONTHS) + "|" + "|".join(m[:3] for m in list(MONTHS)[:12])


def month_number(name: str) -> int:
    """A month by its English or French name, or its first three letters (``Nov``)."""
    name = name.lower()
    return MONTHS.get(name) or next(n for m, n in MONTHS.items() if m[:3] == name)


def printed_date(text: str) -> str:
    """A printed date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: ``18 NOVEMBER 2014``, ``février 2019``."""
    match = re.fullmatch(rf"(?:(\d{{1,2}})(?:er)? )?(?:({MONTH}) )?(\d{{4}})", text.strip(), re.IGNORECASE)
    assert match is not None, text
    day, month, year = match.groups()
    if month is None:
        assert day is None
        return year
    value = f"{year}-{month_number(month):02d}"
    return value if day is None else f"{value}-{int(day):02d}"


def quantity(value: Quantity | None) -> tuple[int | None, str | None, str]:
    """A quantity as (value, printed, qualifier)."""
    assert value is not None
    return (value.value, value.printed, value.qualifier.value)


def plain(number: int) -> tuple[int, None, str]:
    """An exact quantity printed the plain way (``57,003`` in an English text)."""
    return (number, None, "exact")


def as_printed(text: str, qualifier: str = "exact") -> tuple[int, str, str]:
    """A quantity printed differently from the plain rendering: its value and its printed text."""
    digits = search(GROUPED, text)[0]
    value = printed_int(digits)
    if re.search(r"million", text):
        value = int(printed_decimal(search(r"\d+(?:\.\d+)?", text)[0]) * 1_000_000)
    return (value, text, qualifier)


def figure(text: str, decimal: str = ".") -> Figure:
    """A printed amount in millions (``USD 21.3 million``, ``72,5 millions USD``) with its printed text."""
    number = search(rf"\d+(?:{re.escape(decimal)}\d+)?", text)[0]
    return Figure(printed_decimal(number), Scale.MILLION, text)


def percent(value: Percentage | None) -> tuple[Decimal | None, str | None]:
    assert value is not None
    return (value.value, value.printed)


def populations(factsheet: Factsheet) -> opsfacts.Populations:
    assert factsheet.populations is not None
    return factsheet.populations


def funding(factsheet: Factsheet) -> opsfacts.Funding:
    assert factsheet.funding is not None
    return factsheet.funding


def presence(factsheet: Factsheet) -> opsfacts.Presence:
    assert factsheet.presence is not None
    return factsheet.presence


def partners(factsheet: Factsheet) -> opsfacts.Partners:
    assert factsheet.partners is not None
    return factsheet.partners


def donors(factsheet: Factsheet) -> opsfacts.Donors:
    assert factsheet.donors is not None
    return factsheet.donors


def paragraphs(factsheet: Factsheet) -> list[str]:
    return [p for s in factsheet.sections for p in s.paragraphs]


# --- every document: loads, round-trips, follows the schema ------------------------------------------------


@pytest.mark.parametrize("path", DOCUMENTS)
def test_loads_and_round_trips(path: Path) -> None:
    factsheet = opsfacts.load(path)
    assert factsheet.format_version == "2.0"
    assert factsheet.language in {"en", "fr"}
    assert factsheet.kind is not None
    assert opsfacts.loads(opsfacts.dumps(factsheet)) == factsheet
    assert opsfacts.loads(opsfacts.dumps(factsheet, syntax="yaml"), syntax="yaml") == factsheet
    assert opsfacts.from_dict(opsfacts.to_dict(factsheet)) == factsheet


@pytest.mark.parametrize("path", DOCUMENTS)
def test_follows_the_bundled_schema(path: Path) -> None:
    from opsfacts.schema import validator

    text = path.read_text(encoding="utf-8")
    raw: Any = yaml.safe_load(text) if path.suffix == ".yaml" else json.loads(text)
    schema = validator()
    assert [e.message for e in schema.iter_errors(raw)] == []
    assert [e.message for e in schema.iter_errors(opsfacts.to_dict(opsfacts.load(path)))] == []


def test_sixteen_documents_half_of_them_yaml() -> None:
    files = sorted(p.name for p in FACTSHEETS.iterdir() if p.suffix in {".json", ".yaml"})
    assert files == sorted(path_of(stem, form).name for stem in SYNTAX for form in FORMS)
    assert sorted(SYNTAX.values()).count("yaml") == 4


# --- the document header -----------------------------------------------------------------------------------


LANGUAGE = {CAR: "fr", NIGER: "fr"}


@pytest.mark.parametrize(("stem", "form"), PAIRS)
def test_title_language_kind(stem: str, form: str) -> None:
    lines = [line.strip() for line in reference(stem).splitlines()]
    factsheet = load(stem, form)
    assert factsheet.title == " ".join(lines[:2]), "the two header lines, as printed"
    assert factsheet.language == LANGUAGE.get(stem, "en")
    assert factsheet.kind is not None
    assert factsheet.kind.value == stem.split(".")[1].replace("situation-", "")
    assert factsheet.publisher.name == ("HCR" if factsheet.language == "fr" else "UNHCR")


@pytest.mark.parametrize(("stem", "form"), PAIRS)
def test_period_or_date_as_printed(stem: str, form: str) -> None:
    text = reference(stem)
    factsheet = load(stem, form)
    if stem == BOTSWANA:  # "FACTSHEET 2014": a year, published December 2014 (footer)
        year = search(r"FACTSHEET (\d{4})", text)[1]
        assert factsheet.period is not None
        assert (factsheet.period.start, factsheet.period.end, factsheet.period.printed) == (year, None, year)
        published_in = search(r"Published (\w+ \d{4})", text)[1]
        assert factsheet.published == printed_date(published_in)
        return
    line = text.splitlines()[2].strip()
    if stem == MOZAMBIQUE:  # a flash update dated by one day, with no period
        assert factsheet.period is None
        assert factsheet.date == printed_date(line)
        assert factsheet.reference_period.first_day == datetime.date(2024, 2, 19)
        return
    assert factsheet.date is None
    assert factsheet.period is not None
    assert factsheet.period.printed == line
    span = re.fullmatch(rf"(\d+)(?:er)? – (\d+) ((?:{MONTH}) \d{{4}})", line, re.IGNORECASE)
    if span:
        start, end = printed_date(f"{span[1]} {span[3]}"), printed_date(f"{span[2]} {span[3]}")
        assert (factsheet.period.start, factsheet.period.end) == (start, end)
    else:
        assert (factsheet.period.start, factsheet.period.end) == (printed_date(line), None)


# --- cut-offs (as_of) --------------------------------------------------------------------------------------


def cut_off(stem: str, heading: str) -> str:
    """The date printed in brackets after a heading: ``FUNDING (AS OF 18 NOVEMBER 2014)``."""
    match = search(rf"{heading}[^(\n]*\((?:AS OF|AU) ([^)]+)\)", reference(stem))
    return printed_date(match[1])


FUNDING_HEADING = {
    BOTSWANA: "FUNDING",
    CAR: "FINANCEMENT",
    COLOMBIA: "FUNDING",
    ETHIOPIA: "FUNDING",
    JORDAN: "FUNDING",
    NIGER: "FINANCEMENT",
}


@pytest.mark.parametrize(("stem", "form"), PAIRS)
def test_funding_cut_off(stem: str, form: str) -> None:
    as_of = funding(load(stem, form)).as_of
    if stem in FUNDING_HEADING:
        printed = cut_off(stem, FUNDING_HEADING[stem])
    else:  # in the funding paragraph: "(as of 24 November 2015)"
        printed = printed_date(search(r"funded \d+%\s+\(as of (\d+ \w+ \d{4})\)", reference(stem))[1])
    if stem == ETHIOPIA and form == "corrected":
        # 31 October 2017 on a May sheet: corrected to the population cut-off.
        assert (printed, as_of) == ("2017-10-31", cut_off(stem, "POPULATION OF CONCERN"))
    else:
        assert as_of == printed


def test_presence_and_population_cut_offs() -> None:
    for form in FORMS:
        assert presence(load(ETHIOPIA, form)).as_of == cut_off(ETHIOPIA, "PRESENCE IN GAMBELLA") == "2017-04"
        assert populations(load(ETHIOPIA, form)).as_of == cut_off(ETHIOPIA, "POPULATION OF CONCERN")
        assert presence(load(JORDAN, form)).as_of == cut_off(JORDAN, "PRESENCE") == "2018-06"
        assert presence(load(COLOMBIA, form)).as_of == cut_off(COLOMBIA, "PRESENCE") == "2021-05"
        for stem, pattern in [(NIGER, r"HCR – (\w+ \d{4})"), (CAR, r"\(CMP\) – (\w+ \d{4})")]:
            assert populations(load(stem, form)).as_of == printed_date(search(pattern, reference(stem))[1])
        assert (
            populations(load(BOTSWANA, form)).as_of
            == search(r"Source: UNHCR, (\d{4})", reference(BOTSWANA))[1]
        )


# --- populations -------------------------------------------------------------------------------------------


def chart(block: str) -> tuple[list[str], list[str]]:
    """A pdftotext chart: a column of numbers, then a column of labels (blank-line separated)."""
    lines = list(re.finditer(rf"^({GROUPED}|\d+(?:\.\d)?%) *$", block, re.MULTILINE))
    numbers = [line[1] for line in lines]
    rest = block[lines[-1].end() :] if lines else block
    labels = [normalise(chunk) for chunk in re.split(r"\n\s*\n", rest) if chunk.strip()]
    return numbers, labels


def test_botswana_populations() -> None:
    block = between(BOTSWANA, "POPULATION OF CONCERN", "Source:")
    total = search(rf"^({GROUPED}) persons of concern", block.strip())[1]
    numbers, labels = chart(block.split("persons of concern")[1])
    assert total == "3, 417"
    assert len(numbers) == len(labels) == 4
    for form in FORMS:
        blocks = populations(load(BOTSWANA, form))
        assert [(g.label, quantity(g.count)) for g in blocks.groups[:4]] == [
            (label, plain(printed_int(n))) for label, n in zip(labels, numbers, strict=True)
        ]
        assert blocks.source == "UNHCR"
        assert [t.label for t in blocks.totals] == ["persons of concern"]
        assert [g.types for g in blocks.groups] == [("REF",), ("ASY",), ("REF",), ("ASY",)]
        assert [g.setting for g in blocks.groups] == ["camp", "camp", "out-of-camp", None]
    # The printed total (3,417) is not the sum (3,471): kept as printed, then corrected.
    assert quantity(populations(published(BOTSWANA)).totals[0].count) == (3417, "3, 417", "exact")
    assert quantity(populations(corrected(BOTSWANA)).totals[0].count) == plain(
        sum(printed_int(n) for n in numbers)
    )


def test_burundi_populations() -> None:
    block = between(BURUNDI, "POPULATION BY COUNTRY OF ASYLUM", "Sources:")
    numbers, rows = chart(block)
    counts = [printed_int(n) for n in numbers if not n.endswith("%")]
    shares = [n.removesuffix("%") for n in numbers if n.endswith("%")]
    printed_rows = [search(r"^(.+) \(as of (\d+ \w+)\)$", row).groups() for row in rows]
    total = search(rf"KEY FIGURES\s+({GROUPED})", reference(BURUNDI))[1]
    assert sum(counts) == printed_int(total)
    for form in FORMS:
        blocks = populations(load(BURUNDI, form))
        stored = [(g.label, quantity(g.count), g.as_of, g.origin, g.types) for g in blocks.groups]
        assert stored == [
            (label, plain(count), printed_date(f"{day} 2015"), "BDI", ("REF", "ASY"))
            for (label, day), count in zip(printed_rows, counts, strict=True)
        ]
        assert blocks.source == normalise(search(r"Sources: (.+?)\.\s", reference(BURUNDI))[1])
        assert blocks.totals == ()
        assert load(BURUNDI, form).key_figures[0].quantity == Quantity(printed_int(total))
    assert [percent(g.share) for g in populations(published(BURUNDI)).groups] == [
        (Decimal(s), None) for s in shares
    ]
    # Rwanda's 37% is 31.9% of the total: corrected to 32%, and the shares then add up to 100.
    assert shares[1] == "37"
    corrected_shares = [percent(g.share)[0] for g in populations(corrected(BURUNDI)).groups]
    assert corrected_shares == [Decimal(s) for s in shares[:1]] + [Decimal(32)] + [
        Decimal(s) for s in shares[2:]
    ]
    assert sum(s or 0 for s in corrected_shares) == 100


def test_ethiopia_populations() -> None:
    block = between(ETHIOPIA, "POPULATION OF CONCERN (AS OF 31 MAY 2017)", "Source:")
    total, households = search(
        rf"Refugees - Gambella ({GROUPED}) individuals \| ({GROUPED}) households", block
    ).groups()
    rows = re.findall(rf"^({GROUPED}) \| ({GROUPED}) *$", block, re.MULTILINE)
    camps = [normalise(line) for line in block.split(rows[-1][1])[-1].splitlines() if line.strip()]
    assert len(rows) == len(camps) == 7
    biometric = search(rf"has\s+verified ({GROUPED}) refugees in Gambella", reference(ETHIOPIA))[1]
    host = search(
        rf"(Host community in the four refugee-hosting woredas): about ({GROUPED}) people",
        reference(ETHIOPIA),
    )
    for form in FORMS:
        blocks = populations(load(ETHIOPIA, form))
        stored = [
            (g.label, g.place, quantity(g.count), quantity(g.households) if g.households else None)
            for g in blocks.groups
        ]
        assert stored[:7] == [
            (camp, camp, plain(printed_int(n)), plain(printed_int(h)))
            for camp, (n, h) in zip(camps, rows, strict=True)
        ]
        assert stored[7] == (
            host[1],
            "the four refugee-hosting woredas",
            as_printed(f"about {host[2]}", "about"),
            None,
        )
        assert [g.types for g in blocks.groups] == [("REF",)] * 7 + [("HST",), ("REF",)]
        first, second = blocks.totals
        assert (first.label, first.source, quantity(first.households)) == (
            "Refugees - Gambella",
            "ARRA/UNHCR",
            plain(printed_int(households)),
        )
        assert quantity(second.count) == (printed_int(biometric), f"verified {biometric}", "exact")
        assert second.source == "Level-3 biometric registration (BIMS, UNHCR)"
        assert sum(printed_int(h) for _, h in rows) == printed_int(households)
    # 332,782 printed; the camps add up to 323,782.
    assert quantity(populations(published(ETHIOPIA)).totals[0].count) == plain(printed_int(total))
    assert quantity(populations(corrected(ETHIOPIA)).totals[0].count) == plain(
        sum(printed_int(n) for n, _ in rows)
    )
    assert printed_int(total) - sum(printed_int(n) for n, _ in rows) == 9_000


def test_ethiopia_shares_and_new_arrivals() -> None:
    shares = re.findall(r"(Children|Women|Men) (\d+)%", between(ETHIOPIA, "Source:", "Unaccompanied"))
    uasc = search(rf"(Unaccompanied and separated children): ({GROUPED})", reference(ETHIOPIA))
    arrivals = search(
        rf"({GROUPED}) (new arrivals since 1 January 2017), of whom ({GROUPED}) (children) \((\d+)%\) and "
        rf"({GROUPED}) (women and children)\.",
        normalised(ETHIOPIA),
    )
    for form in FORMS:
        factsheet = load(ETHIOPIA, form)
        assert factsheet.key_figures == ()
        total = populations(factsheet).totals[0]
        assert [(c.label, percent(c.percent) if c.percent else None, c.count) for c in total.by_category] == [
            *((w, (Decimal(n), None), None) for w, n in shares),
            (uasc[1], None, Quantity(printed_int(uasc[2]))),
        ]
        new = populations(factsheet).groups[8]
        assert (new.label, new.types, quantity(new.count), new.part_of) == (
            arrivals[2],
            ("REF",),
            plain(printed_int(arrivals[1])),
            total.label,
        )
        children = new.by_category[0]
        assert (children.label, children.count, percent(children.percent)) == (
            arrivals[4],
            Quantity(printed_int(arrivals[3])),
            (Decimal(arrivals[5]), None),
        )
    # 63,870 women and children, more than the 61,732 new arrivals: kept as printed, then dropped
    # (the right figure cannot be told) with the words that print it.
    assert [(c.label, c.count) for c in populations(published(ETHIOPIA)).groups[8].by_category[1:]] == [
        (arrivals[7], Quantity(printed_int(arrivals[6])))
    ]
    assert len(populations(corrected(ETHIOPIA)).groups[8].by_category) == 1
    assert published(ETHIOPIA).highlights[1] == arrivals[0]
    assert corrected(ETHIOPIA).highlights[1] == arrivals[0].split(" and ")[0] + "."


def test_jordan_populations() -> None:
    block = between(JORDAN, "PERSONS OF CONCERN REGISTERED WITH UNHCR", "* Includes")
    numbers = re.findall(rf"^({GROUPED})(\**) *$", block, re.MULTILINE)
    labels = re.findall(r"^([A-Z][a-z]+) *$", block, re.MULTILINE)
    assert labels[0] == "Total"
    origins = {
        "Syria": "SYR",
        "Iraq": "IRQ",
        "Yemen": "YEM",
        "Sudan": "SDN",
        "Somalia": "SOM",
        "Others": None,
    }
    for form in FORMS:
        blocks = populations(load(JORDAN, form))
        assert [(t.label, quantity(t.count)) for t in blocks.totals] == [
            ("Total", plain(printed_int(numbers[0][0])))
        ]
        assert [(g.label, quantity(g.count), g.origin) for g in blocks.groups] == [
            (label, plain(printed_int(n)), origins[label])
            for label, (n, _) in zip(labels[1:], numbers[1:], strict=True)
        ]
        assert all(g.types == () for g in blocks.groups), "the table prints origins, not types"
        assert sum(g.people or 0 for g in blocks.groups) == printed_int(numbers[0][0])
        footnote = normalise(reference(JORDAN).split("\n* ")[1].split("FUNDING")[0])
        assert [(f.marker, f.text) for f in load(JORDAN, form).footnotes] == [("*", footnote)]
    # "67,089**": the marker has no footnote; removed in the corrected form.
    assert [g.footnotes for g in populations(published(JORDAN)).groups[:2]] == [
        (numbers[1][1],),
        (numbers[2][1],),
    ]
    assert [g.footnotes for g in populations(corrected(JORDAN)).groups[:2]] == [("*",), ()]


def test_niger_populations() -> None:
    block = between(NIGER, "POPULATION RELEVANT DE LA COMPÉTENCE DU HCR", "Source")
    total = search(rf"({GROUPED}) personnes", block)[1]
    numbers, labels = chart(block.split("personnes")[1])
    assert len(numbers) == len(labels) == 7
    assert numbers[3] == "57,003"
    for form in FORMS:
        blocks = populations(load(NIGER, form))
        stored = [(g.label, g.count.value if g.count else None) for g in blocks.groups]
        assert stored == [(label, printed_int(n)) for label, n in zip(labels, numbers, strict=True)]
        assert [g.place for g in blocks.groups] == [
            re.sub(r" \(.+\)$", "", label.split(" – ")[1]) for label in labels
        ]
        assert quantity(blocks.totals[0].count) == (printed_int(total), total, "exact")
        assert sum(printed_int(n) for n in numbers) == printed_int(total)
        assert blocks.groups[5].types == ("REF", "ASY")
        assert blocks.source == "DREC-M, Gouvernement du Niger ; HCR"
    # Every count keeps its printed text; "57,003" is regrouped "57 003" in the corrected form.
    assert [g.count.printed for g in populations(published(NIGER)).groups if g.count] == numbers
    assert [g.count.printed for g in populations(corrected(NIGER)).groups if g.count] == [
        n.replace(",", " ") for n in numbers
    ]


def test_car_populations() -> None:
    block = between(CAR, "DÉPLACÉS INTERNES PAR PRÉFECTURE", "Sur sites")
    total, households = search(rf"({GROUPED}) personnes \| ({GROUPED}) ménages", block).groups()
    rows = re.findall(r"^(\d{1,3}(?: \d{3})*) \| (\d{1,3}(?: \d{3})*) *$", block, re.MULTILINE)
    names = [line.strip().rstrip("¹") for line in block.split(rows[-1][1])[-1].splitlines() if line.strip()]
    assert len(rows) == len(names) == 7
    computed = sum(printed_int(n) for n, _ in rows)
    for form in FORMS:
        blocks = populations(load(CAR, form))
        assert [(g.label, quantity(g.count), quantity(g.households)) for g in blocks.groups[:7]] == [
            (name, (printed_int(n), n, "exact"), (printed_int(h), h, "exact"))
            for name, (n, h) in zip(names, rows, strict=True)
        ]
        assert quantity(blocks.totals[0].households) == (printed_int(households), households, "exact")
        assert sum(printed_int(h) for _, h in rows) == printed_int(households)
        assert all(g.types == ("IDP",) for g in blocks.groups[:7])
        assert blocks.totals[0].types == ("IDP",), "the total counts IDPs only: not the refugee line"
        assert blocks.source == "Commission Mouvement de Populations (CMP)"
    # "484 550" printed in the box and the key figure; the prefectures add up to 477 550.
    for where in (populations(published(CAR)).totals[0].count, published(CAR).key_figures[0].quantity):
        assert quantity(where) == (printed_int(total), total, "exact")
    for where in (populations(corrected(CAR)).totals[0].count, corrected(CAR).key_figures[0].quantity):
        assert quantity(where) == (computed, "477 550", "exact")
    # "Autres préfectures¹": no note 1 is printed; the superscript is kept as printed, and removed.
    assert "Autres préfectures¹" in reference(CAR)
    assert populations(published(CAR)).groups[6].footnotes == ("¹",)
    assert populations(corrected(CAR)).groups[6].footnotes == ()


def test_car_shares_and_refugees() -> None:
    block = between(CAR, "Autres préfectures¹", "FINANCEMENT")
    shares = re.findall(
        r"(Sur sites|En familles d'accueil|Enfants \(0-17 ans\)|Adultes \(18-59 ans\)|"
        r"Personnes âgées \(60 ans et \+\)) (\d+) %",
        normalise(block),
    )
    refugees = search(
        rf"Réfugiés et demandeurs d'asile en RCA : ({GROUPED}).+?dont ({GROUPED})", normalise(block)
    )
    assert len(shares) == 5
    bands = [(0, 17), (18, 59), (60, None)]
    for form in FORMS:
        assert len(load(CAR, form).key_figures) == 4, "the shares and the refugee line are population facts"
        total = populations(load(CAR, form)).totals[0]
        # The setting shares (a breakdown with no axis of its own) are categories of the IDP total.
        assert [(c.label, percent(c.percent), c.count) for c in total.by_category] == [
            (label, (Decimal(n), f"{n} %"), None) for label, n in shares[:2]
        ]
        # The refugee line is a group the IDP total does not cover, with its partial category.
        refugee = populations(load(CAR, form)).groups[7]
        assert (refugee.label, refugee.types, quantity(refugee.count)) == (
            "Réfugiés et demandeurs d'asile en RCA",
            ("REF", "ASY"),
            (printed_int(refugees[1]), refugees[1], "exact"),
        )
        assert [(c.label, quantity(c.count)) for c in refugee.by_category] == [
            ("personnes à besoins spécifiques", (printed_int(refugees[2]), refugees[2], "exact"))
        ]
    # The age shares add up to 97 %: kept as printed, then dropped (which one is wrong cannot be told).
    by_age = populations(published(CAR)).totals[0].by_age
    assert [((a.min_age, a.max_age), percent(a.percent)) for a in by_age] == [
        (band, (Decimal(n), f"{n} %")) for band, (_, n) in zip(bands, shares[2:], strict=True)
    ]
    assert sum(Decimal(n) for _, n in shares[2:]) == 97
    assert populations(corrected(CAR)).totals[0].by_age == ()


def test_colombia_populations_and_key_figures() -> None:
    boxes = between(COLOMBIA, "KEY FIGURES (AS OF MAY 2021)", "VENEZUELANS BY DEPARTMENT")
    printed = [normalise(b) for b in re.split(r"\n\s*\n", boxes) if b.strip()]
    assert len(printed) == 4
    shares_block = between(COLOMBIA, "VENEZUELANS BY DEPARTMENT", "Source:")
    shares, departments = chart(shares_block)
    gifmm = search(
        r"The GIFMM estimates (about [\d.]+ million) (refugees and migrants from Venezuela)",
        normalised(COLOMBIA),
    )
    for form in FORMS:
        factsheet = load(COLOMBIA, form)
        figures = factsheet.key_figures
        for box, figure_ in zip(printed, figures, strict=False):
            number = search(r"^(?:over )?[\d.,]+(?: million)?", box)[0]
            assert box.startswith(f"{number} {figure_.label}")
        assert figures[0].source == "Migración Colombia"
        assert figures[0].as_of == printed_date(search(r"Colombia, (\d+ \w+ \d{4})\)", printed[0])[1])
        assert [k.as_of for k in figures[1:4]] == [cut_off(COLOMBIA, "KEY FIGURES")] * 3
        assert quantity(figures[2].quantity) == as_printed("8.2 million")
        assert quantity(figures[3].quantity) == as_printed("over 45,000", "at-least")
        assert len(figures) == 4, "the department shares are population groups"
        blocks = populations(factsheet)
        assert [g.label for g in blocks.groups] == departments
        assert [g.place for g in blocks.groups] == [*departments[:-1], None]
        assert all(g.count is None and g.households is None and g.origin == "VEN" for g in blocks.groups)
        assert [(t.source, quantity(t.count)) for t in blocks.totals] == [
            ("GIFMM", as_printed(gifmm[1], "about"))
        ]
        assert blocks.totals[0].label is not None
        assert blocks.totals[0].label.startswith(gifmm[2])
    # Dot-grouped figures kept as printed, then written the plain way.
    for index, number in enumerate(re.findall(r"^(\d{1,3}(?:\.\d{3})+) *$", boxes, re.MULTILINE)):
        assert quantity(published(COLOMBIA).key_figures[index].quantity) == (
            printed_int(number),
            number,
            "exact",
        )
        assert quantity(corrected(COLOMBIA).key_figures[index].quantity) == plain(printed_int(number))
    # The department shares add up to 104.0 %; "Other departments" is corrected to the rest.
    printed_shares = [Decimal(s.removesuffix("%")) for s in shares]
    assert sum(printed_shares) == Decimal("104.0")
    assert [percent(g.share)[0] for g in populations(published(COLOMBIA)).groups] == printed_shares
    fixed = [percent(g.share)[0] or Decimal(0) for g in populations(corrected(COLOMBIA)).groups]
    assert fixed[:-1] == printed_shares[:-1]
    assert sum(fixed) == 100


def test_mozambique_key_figures_and_groups() -> None:
    boxes = between(MOZAMBIQUE, "KEY FIGURES", "DISPLACED BY DISTRICT OF ORIGIN")
    printed = [normalise(b) for b in re.split(r"\n\s*\n", boxes) if b.strip()]
    assert len(printed) == 5
    shares, districts = chart(between(MOZAMBIQUE, "DISPLACED BY DISTRICT OF ORIGIN", "Source:"))
    text = normalised(MOZAMBIQUE)
    for form in FORMS:
        figures = load(MOZAMBIQUE, form).key_figures
        assert quantity(figures[0].quantity) == as_printed("over 67,000", "at-least")
        assert (figures[0].since, figures[0].as_of) == ("2024-02-08", "2024-02-16")
        assert quantity(figures[1].quantity) == (27_000, "+27,000", "at-least")
        assert figures[2].source == "UNHCR and partners"
        blocks = populations(load(MOZAMBIQUE, form))
        # The districts of origin: shares of the displaced, printed without counts.
        assert [(g.label, g.types, g.count, g.source) for g in blocks.groups[4:]] == [
            (d, ("IDP",), None, "IOM Displacement Tracking Matrix (DTM)") for d in districts
        ]
        sheltering = search(
            rf"(Over {GROUPED}) (people are sheltering in the Namapa transit centre in Eráti), and "
            rf"(about {GROUPED}) (in two accommodation centres in Chiúre district)",
            text,
        )
        host = search(rf"(The host community in Eráti), (about {GROUPED}) people", text)
        households = search(rf"(About {GROUPED}) (households \((some {GROUPED}) people\))", text)
        assert [(g.label, quantity(g.count)) for g in blocks.groups[:4]] == [
            (sheltering[2], as_printed(sheltering[1], "at-least")),
            (sheltering[4], as_printed(sheltering[3], "about")),
            (host[1], as_printed(host[2], "about")),
            (households[2], as_printed(households[3], "about")),
        ]
        assert quantity(blocks.groups[3].households) == as_printed(households[1], "about")
        assert [g.types for g in blocks.groups[:4]] == [("IDP",), ("IDP",), ("HST",), ()]
    # 860 in the box, 680 in the narrative: the box is corrected. The [XX]% box is dropped.
    box = search(r"^(\d+) people evacuated by boat from Mecúfi", printed[2])[1]
    narrative = search(r"evacuated (\d+) people by boat from Mecúfi", text)[1]
    assert (published(MOZAMBIQUE).key_figures[2].quantity, corrected(MOZAMBIQUE).key_figures[2].quantity) == (
        Quantity(int(box)),
        Quantity(int(narrative)),
    )
    assert printed[3] == "[XX]% of the displaced are women and children"
    assert percent(published(MOZAMBIQUE).key_figures[3].percent) == (None, "[XX]%")
    assert [k.label for k in corrected(MOZAMBIQUE).key_figures] == [
        k.label for i, k in enumerate(published(MOZAMBIQUE).key_figures) if i != 3
    ]
    # The district shares add up to 103 %; "Other districts" is corrected to the rest.
    values = [Decimal(s.removesuffix("%")) for s in shares]
    assert [percent(g.share)[0] for g in populations(published(MOZAMBIQUE)).groups[4:]] == values
    assert [percent(g.share)[0] for g in populations(corrected(MOZAMBIQUE)).groups[4:]] == [
        *values[:-1],
        100 - sum(values[:-1]),
    ]


# --- funding -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
def test_botswana_funding(form: str) -> None:
    box = normalise(between(BOTSWANA, "FUNDING (AS OF 18 NOVEMBER 2014)", "UNHCR PRESENCE"))
    match = search(
        r"^(USD [\d.]+ million) requested for (.+?) Funded (\d+)% (USD [\d.]+ million) "
        r"Unfunded (\d+)% (USD [\d.]+ million)$",
        box,
    )
    requested, covers, funded_pct, funded, unfunded_pct, unfunded = match.groups()
    block = funding(load(BOTSWANA, form))
    assert (block.requested, block.funded) == (figure(requested), figure(funded))
    assert (percent(block.funded_percent), percent(block.unfunded_percent)) == (
        (Decimal(funded_pct), None),
        (Decimal(unfunded_pct), None),
    )
    assert block.covers == covers
    assert block.year is None
    if form == "as-published":
        assert block.unfunded == figure(unfunded)
    else:  # 21.3 - 8.1
        assert block.unfunded == figure("USD 13.2 million")
        assert block.computed_unfunded == block.unfunded.amount


@pytest.mark.parametrize("form", FORMS)
def test_ethiopia_funding(form: str) -> None:
    box = normalise(between(ETHIOPIA, "FUNDING (AS OF 31 OCTOBER 2017)", "UNHCR PRESENCE"))
    match = search(
        r"^(USD [\d.]+ million) (\d{4}) requirements for (.+?) Funded (\d+)% (USD [\d.]+ million) "
        r"Unfunded (\d+)% (USD [\d.]+ million)$",
        box,
    )
    requested, year, covers, funded_pct, funded, unfunded_pct, unfunded = match.groups()
    block = funding(load(ETHIOPIA, form))
    assert (block.requested, block.funded, block.unfunded) == (
        figure(requested),
        figure(funded),
        figure(unfunded),
    )
    assert (block.year, block.covers) == (int(year), covers)
    assert (percent(block.funded_percent)[0], percent(block.unfunded_percent)[0]) == (
        Decimal(funded_pct),
        Decimal(unfunded_pct),
    )


@pytest.mark.parametrize("form", FORMS)
def test_niger_funding(form: str) -> None:
    box = normalise(between(NIGER, "FINANCEMENT (AU 16 AVRIL 2019)", "PRÉSENCE DU HCR"))
    match = search(
        r"^([\d,]+ millions USD) requis pour le Niger en (\d{4}) Financé (\d+ %) ([\d,]+ millions USD) "
        r"Non financé (\d+ %) ([\d,]+ millions USD)$",
        box,
    )
    requested, year, funded_pct, funded, unfunded_pct, unfunded = match.groups()
    block = funding(load(NIGER, form))
    assert (block.requested, block.funded) == (figure(requested, ","), figure(funded, ","))
    assert block.year == int(year)
    assert percent(block.funded_percent) == (printed_decimal(funded_pct[:-2]), funded_pct)
    assert percent(block.unfunded_percent) == (printed_decimal(unfunded_pct[:-2]), unfunded_pct)
    if form == "as-published":
        assert block.unfunded == figure(unfunded, ",")
    else:  # 72,5 - 13,1
        assert block.unfunded == figure("59,4 millions USD", ",")
        assert block.computed_unfunded == block.unfunded.amount


@pytest.mark.parametrize("form", FORMS)
def test_car_funding(form: str) -> None:
    box = normalise(between(CAR, "FINANCEMENT (AU 4 OCTOBRE 2022)", "PRÉSENCE DU HCR"))
    match = search(
        r"^([\d,]+ millions USD) Besoins (\d{4}) Financé (\d+ %) – ([\d,]+ millions USD) "
        r"Non financé (\d+ %) – ([\d,]+ millions USD)$",
        box,
    )
    requested, year, funded_pct, funded, unfunded_pct, unfunded = match.groups()
    block = funding(load(CAR, form))
    assert (block.requested, block.funded, block.unfunded) == (
        figure(requested, ","),
        figure(funded, ","),
        figure(unfunded, ","),
    )
    assert block.year == int(year)
    assert percent(block.funded_percent) == (Decimal(funded_pct[:-2]), funded_pct)
    assert percent(block.unfunded_percent) == (Decimal(unfunded_pct[:-2]), unfunded_pct)


@pytest.mark.parametrize("form", FORMS)
def test_colombia_funding(form: str) -> None:
    box = normalise(between(COLOMBIA, "FUNDING (AS OF 15 JULY 2021)", "UNHCR PRESENCE"))
    match = search(
        r"^(USD [\d.]+ million) requested for Colombia in (\d{4}) Funded (\d+)% – (USD [\d.]+ million) "
        r"Unfunded (\d+)% – (USD [\d.]+ million)$",
        box,
    )
    requested, year, funded_pct, funded, unfunded_pct, unfunded = match.groups()
    block = funding(load(COLOMBIA, form))
    assert (block.requested, block.funded, block.unfunded) == (
        figure(requested),
        figure(funded),
        figure(unfunded),
    )
    assert (block.year, block.covers) == (int(year), None)
    assert (percent(block.funded_percent), percent(block.unfunded_percent)) == (
        (Decimal(funded_pct), None),
        (Decimal(unfunded_pct), None),
    )


def test_jordan_funding() -> None:
    box = normalise(between(JORDAN, "FUNDING (AS OF 11 SEPTEMBER 2018)", "UNHCR PRESENCE"))
    match = search(
        r"^(\$[\d.]+ million) requested for Jordan in (\d{4}) Funded (\[XX\]%) – (USD \[Figure\] M) "
        r"Unfunded (\d+)% USD ([\d.]+) M$",
        box,
    )
    requested, year, funded_pct, funded, unfunded_pct, unfunded = match.groups()
    for form in FORMS:
        block = funding(load(JORDAN, form))
        assert block.requested == figure(requested)
        assert block.unfunded == Figure(Decimal(unfunded), Scale.MILLION)
        assert percent(block.unfunded_percent) == (Decimal(unfunded_pct), None)
        assert (block.currency, block.year) == ("USD", int(year))
    # Placeholders kept as printed, with no value; corrected from requested minus unfunded.
    before, after = funding(published(JORDAN)), funding(corrected(JORDAN))
    assert before.funded == Figure(None, Scale.MILLION, funded)
    assert percent(before.funded_percent) == (None, funded_pct)
    assert after.funded == Figure(Decimal("274.9") - Decimal(unfunded), Scale.MILLION)
    assert percent(after.funded_percent) == (100 - Decimal(unfunded_pct), None)


def test_burundi_and_mozambique_funding() -> None:
    burundi = search(
        r"UNHCR requirements for (the Burundi situation \(April – December (\d{4})\)): (USD [\d.]+ million), "
        r"funded (\d+)%",
        normalised(BURUNDI),
    )
    mozambique = search(
        r"UNHCR's (\d{4}) requirements for (Mozambique): (USD [\d.]+ million), funded (\d+)%",
        normalised(MOZAMBIQUE),
    )
    plan = search(r"(USD [\d.]+ M) requested by 22 partners", normalised(BURUNDI))[1]
    for form in FORMS:
        block = funding(load(BURUNDI, form))
        assert (block.covers, block.year, block.requested) == (
            burundi[1],
            int(burundi[2]),
            figure(burundi[3]),
        )
        assert percent(block.funded_percent) == (Decimal(burundi[4]), None)
        assert block.funded is None
        assert block.unfunded is None
        plan_figure = load(BURUNDI, form).key_figures[2]
        assert (plan_figure.amount, plan_figure.currency, plan_figure.quantity) == (figure(plan), "USD", None)
        block = funding(load(MOZAMBIQUE, form))
        assert (block.year, block.covers, block.requested) == (
            int(mozambique[1]),
            mozambique[2],
            figure(mozambique[3]),
        )
        assert percent(block.funded_percent) == (Decimal(mozambique[4]), None)


# --- presence ----------------------------------------------------------------------------------------------


STAFF = {
    BOTSWANA: ("Staff:", "Offices:"),
    CAR: ("Personnel :", "Bureaux :"),
    COLOMBIA: ("Staff:", "Offices:"),
    ETHIOPIA: ("Staff:", "Offices:"),
    JORDAN: ("Staff:", "Offices:"),
    NIGER: ("Personnel :", "Bureaux :"),
}
STAFF_CATEGORY = {
    "National Staff": "national",
    "International Staff": "international",
    "UN Volunteers": "unv",
    "VNU": "unv",
    "nationaux": "national",
    "internationaux": "international",
    "affiliate workforce": "affiliate",
}


def printed_staff(stem: str) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """Each staff item: its count, label, and the parts printed after a comma."""
    items = re.split(r"\n|\|", between(stem, *STAFF[stem]))
    found = []
    for item in (i.strip() for i in items if i.strip()):
        head, _, tail = item.partition(", ")
        count, label = search(r"^(\d+) (.+)$", head).groups()
        found.append((int(count), label, [(int(n), w) for n, w in re.findall(r"(\d+) (\w+)", tail)]))
    return found


@pytest.mark.parametrize(("stem", "form"), [p for p in PAIRS if p.values[0] in STAFF])
def test_staff(stem: str, form: str) -> None:
    staff = presence(load(stem, form)).staff
    stored = [
        (quantity(s.count)[0], s.label, [(quantity(p.count)[0], p.label) for p in s.parts]) for s in staff
    ]
    assert stored == printed_staff(stem)
    assert [s.category.value for s in staff] == [STAFF_CATEGORY[label] for _, label, _ in stored]
    for group in staff:
        assert sum(quantity(p.count)[0] or 0 for p in group.parts) in {0, quantity(group.count)[0]}
    assert presence(load(stem, form)).stated_staff_total is None


@pytest.mark.parametrize("form", FORMS)
def test_offices(form: str) -> None:
    def offices(stem: str) -> list[tuple[int | None, str, list[str], str | None]]:
        return [(o.count, o.label, list(o.locations), o.under) for o in presence(load(stem, form)).offices]

    block = normalise(between(BOTSWANA, "Offices:", "Working with Partners"))
    assert offices(BOTSWANA) == [
        (int(n), label, [where], None)
        for n, label, where in re.findall(r"(\d+) (\w+ Office) in (\w+)", block)
    ]
    block = normalise(between(ETHIOPIA, "Offices:", "Working with Partners"))
    sub = search(r"1 (Sub Office) in (\w+) \(reporting to (.+?)\)", block)
    field = search(r"2 (Field Offices) under (SO \w+): (Itang \(.+?\)) and (Pugnido \(.+?\))", block)
    unit = search(r"1 (Field Unit) in (\w+), under (FO \w+)", block)
    assert offices(ETHIOPIA) == [
        (1, sub[1], [sub[2]], sub[3]),
        (2, field[1], [field[3], field[4]], field[2]),
        (1, unit[1], [unit[2]], unit[3]),
    ]
    block = normalise(between(NIGER, "Bureaux :", "Partenariats"))
    niger = re.findall(r"(\d) ([\w-]+) à (.+?)(?= \d |$)", block)
    assert offices(NIGER) == [(int(n), label, re.split(r", | et ", where), None) for n, label, where in niger]
    block = normalise(between(CAR, "Bureaux :", "PROTECTION"))
    subs = search(r"Sous-délégations : (.+?) Bureaux", block)[1].split(", ")
    fields = re.findall(r"(\w+(?: et \w+)?) \(rattachés? à (\w+)\)", block)
    assert offices(CAR) == [
        (None, "Représentation", [search(r"Représentation à (\w+)", block)[1]], None),
        (None, "Sous-délégations", subs, None),
        *((None, "Bureaux de terrain", where.split(" et "), under) for where, under in fields),
    ]
    block = normalise(between(COLOMBIA, "Offices:", "Donors"))
    assert (
        search(r"Sub Offices in (.+?) \|", block)[1] == ", ".join(offices(COLOMBIA)[1][2][:-1]) + " and Pasto"
    )
    assert [(o[2], o[3]) for o in offices(COLOMBIA)[2:]] == [
        (["Arauca"], None),
        *(([where], under) for where, under in re.findall(r"(\w+) \(under (SO \w+)\)", block)),
    ]
    # Jordan prints only the office total.
    total = search(r"Offices: (\d+)", reference(JORDAN))[1]
    assert (offices(JORDAN), presence(load(JORDAN, form)).stated_office_total) == ([], Quantity(int(total)))


# --- partners ----------------------------------------------------------------------------------------------


def names(listed: str) -> list[str]:
    """Names listed as ``A, B, C and D`` (or ``et``): only the last "and" separates two names."""
    *first, last = listed.split(", ")
    return [*first, *re.split(r" and | et ", last, maxsplit=1)]


def test_partners() -> None:
    text = {stem: normalised(stem) for stem in SYNTAX}
    botswana = search(
        r"through the (.+?) \((.+?)\),.+?with (two implementing partners): the (.+?) \((.+?)\) and "
        r"(.+?) \((.+?)\)\.",
        text[BOTSWANA],
    )
    ethiopia = search(r"(Twenty-one NGO partners) (include) (.+?)\.", text[ETHIOPIA])
    jordan = search(r"works with ((\w+) funded partners): (.+?)\.", text[JORDAN])
    niger = search(r"suivants : (.+?)\.", text[NIGER])
    car = normalise(between(CAR, "Partenaires", "Donateurs"))

    def stored(stem: str, form: str) -> list[tuple[str, str | None, str | None]]:
        return [(p.name, p.acronym, p.note) for p in partners(load(stem, form)).partners]

    def split_acronym(name: str) -> tuple[str, str | None, None]:
        match = re.fullmatch(r"(.+) \(([A-Z-]+)\)", name)
        return (match[1], match[2], None) if match else (name, None, None)

    for form in FORMS:
        assert stored(BOTSWANA, form) == [
            (botswana[1], None, botswana[2]),
            (botswana[4], None, botswana[5]),
            (botswana[6], None, botswana[7]),
        ]
        assert [(c.count, c.text) for c in partners(load(BOTSWANA, form)).stated_counts] == [(2, botswana[3])]
        ethiopian = partners(load(ETHIOPIA, form))
        assert [p.name for p in ethiopian.partners[1:]] == names(ethiopia[3])
        assert [(c.count, c.text) for c in ethiopian.stated_counts] == [(21, ethiopia[1])]
        assert ethiopian.and_others == ethiopia[2]
        assert all(p.type is None and p.type_label == "NGO" for p in ethiopian.partners[1:])
        assert stored(CAR, form) == [split_acronym(n) for n in car.split(", ")]
        assert all(p.type is None and p.role is None for p in partners(load(CAR, form)).partners)
        assert all(p.type is None and p.role is None for p in partners(load(JORDAN, form)).partners)
        assert stored(JORDAN, form) == [split_acronym(n) for n in names(jordan[3])]
    # Jordan: "eight funded partners", seven listed; corrected to seven.
    assert [(c.count, c.text) for c in partners(published(JORDAN)).stated_counts] == [(8, jordan[1])]
    assert [(c.count, c.text) for c in partners(corrected(JORDAN)).stated_counts] == [
        (7, "seven funded partners")
    ]
    assert len(names(jordan[3])) == 7
    # Niger: APBE listed twice; the second is removed.
    listed = [split_acronym(n) for n in names(niger[1])]
    assert listed[0] == listed[4] == ("Action pour le Bien-Être", "APBE", None)
    assert stored(NIGER, "as-published")[2:] == listed
    assert stored(NIGER, "corrected")[2:] == listed[:4] + listed[5:]
    assert [p.acronym for p in partners(published(NIGER)).partners[:2]] == ["DREC-M", None]


# --- donors ------------------------------------------------------------------------------------------------


DONORS = {
    BOTSWANA: "Special thanks to the donors of unrestricted and regional funds in 2014",
    BURUNDI: "Donors to the Burundi situation in 2015, listed by amount contributed:",
    CAR: "Donateurs 2022",
    COLOMBIA: "Donors to Colombia in 2021",
    ETHIOPIA: "Donors to the Ethiopia operation in 2017",
    JORDAN: "Thanks to the donors of earmarked contributions to Jordan in 2018",
    MOZAMBIQUE: "Thanks to donors supporting the Cabo Delgado response:",
    NIGER: "Remerciements aux donateurs du HCR au Niger en 2019",
}
PRIVATE = r"^(?:Priv Donors |Donateurs privés |Private donors in the )"


def printed_donors(stem: str) -> list[tuple[str, bool, str | None, Figure | None]]:
    """Each donor as printed: name, private, acronym in brackets, amount in millions."""
    block = normalise(between(stem, DONORS[stem], "CONTACTS"))
    found = []
    for entry in (e.strip() for e in block.split("|") if e.strip()):
        amount = re.search(r" \((\d+\.\d) M\)$", entry)
        name = entry[: amount.start()] if amount else entry
        private = re.match(PRIVATE, name) is not None
        name = re.sub(PRIVATE, "", name)
        acronym = re.fullmatch(r"(.+) \(([A-Z]+)\)", name)
        bracket = None
        if acronym and acronym[2] != "OCHA":  # "(OCHA)" names the fund's manager, not its acronym
            name, bracket = acronym[1], acronym[2]
        found.append((name, private, bracket, Figure(Decimal(amount[1]), Scale.MILLION) if amount else None))
    return found


@pytest.mark.parametrize(("stem", "form"), PAIRS)
def test_donors(stem: str, form: str) -> None:
    block = donors(load(stem, form))
    stored = [(d.name, d.private, d.acronym, d.amount) for d in block.major]
    printed = printed_donors(stem)
    if stem == BURUNDI and form == "corrected":
        # "listed by amount contributed", but ECHO (12.1 M) came before the United Kingdom (14.0 M).
        printed[1], printed[2] = printed[2], printed[1]
        amounts = [d.amount.amount for d in block.major if d.amount and d.amount.amount is not None]
        assert amounts == sorted(amounts, reverse=True)
    assert stored == printed
    assert block.others == ()
    year = re.search(r"\b(20\d\d)\b", DONORS[stem])
    assert block.year == (int(year[1]) if year else None)
    assert block.ordered_by_amount == ("listed by amount" in DONORS[stem])
    for donor in block.major:
        assert (donor.country is None) != (donor.type is None), donor


# --- contacts and links ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("stem", "form"), PAIRS)
def test_contacts(stem: str, form: str) -> None:
    block = between(stem, "CONTACTS", "LIENS" if LANGUAGE.get(stem) == "fr" else "LINKS")
    printed = re.findall(
        r"^(.+?), (.+), (\S+?)\s*\n\s*([^\s,@]+@[^\s,]+), T[ée]l ?: (\+[\d ]+?)\s*$", block, re.MULTILINE
    )
    assert len(printed) == 1, block
    stored = [(c.name, c.title, c.location, c.email, c.phone) for c in load(stem, form).contacts]
    assert stored == printed


@pytest.mark.parametrize(("stem", "form"), PAIRS)
def test_links(stem: str, form: str) -> None:
    heading = "LIENS" if LANGUAGE.get(stem) == "fr" else "LINKS"
    line = reference(stem).split(f"\n{heading}")[1].strip().splitlines()[0].strip()
    printed: list[tuple[str, str]] = []
    label = None
    for part in line.split(" - "):
        named, _, url = part.rpartition(":")
        if named:  # "Portail : data2.unhcr.org/..."
            printed.append((named.strip(), url.strip()))
        elif " " in part.strip():  # a label before the address: "UNHCR Botswana page - www..."
            label = part.strip()
        else:
            printed.append((label or part, part))
            label = None
    stored = [(link.label, link.url) for link in load(stem, form).links]
    assert stored == printed
    assert all("://" not in link.url for link in load(stem, form).links), "printed without a scheme"


# --- every text is printed ---------------------------------------------------------------------------------


def texts(factsheet: Factsheet) -> Iterator[str]:
    yield from factsheet.highlights
    for section in factsheet.sections:
        if section.heading is not None:
            yield section.heading
        yield from section.paragraphs
    for activity in factsheet.activities:
        yield activity.sector.name
        yield from (statement.text for statement in activity.statements)
    for figure_ in factsheet.key_figures:
        yield figure_.label
    blocks = factsheet.populations
    if blocks is not None:
        yield from (g.label for g in blocks.groups)
        yield from (g.place for g in blocks.groups if g.place is not None)
    for office in factsheet.presence.offices if factsheet.presence else ():
        yield from (office.label, *office.locations)
    for partner in factsheet.partners.partners if factsheet.partners else ():
        yield partner.name
    for footnote in factsheet.footnotes:
        yield footnote.text


# Texts of the corrected forms that differ from the print, and why.
CORRECTED_TEXTS = {
    ETHIOPIA: {"61,732 new arrivals since 1 January 2017, of whom 40,126 children (65%)."},
    BURUNDI: {"A CERF allocation was approved for site development and water supply in Nduta."},
    NIGER: {
        "Le HCR travaille avec le Gouvernement du Niger, notamment la Direction Régionale de l'État "
        "Civil, des Migrations et des Réfugiés (DREC-M) et la Commission Nationale d'Éligibilité, ainsi "
        "qu'avec les partenaires de mise en œuvre suivants : Action pour le Bien-Être (APBE), CIAUD "
        "Canada, Danish Refugee Council, International Rescue Committee, Karkara et Plan International."
    },
    JORDAN: {
        "In 2018 UNHCR works with seven funded partners: Arab Renaissance for Democracy and Development "
        "(ARDD), CARE International, Danish Refugee Council, International Medical Corps, Jordan Health "
        "Aid Society, Norwegian Refugee Council and Noor Al Hussein Foundation."
    },
}


@pytest.mark.parametrize(("stem", "form"), PAIRS)
def test_every_text_is_printed(stem: str, form: str) -> None:
    printed = normalised(stem)
    missing = {text for text in texts(load(stem, form)) if normalise(text) not in printed}
    assert missing == (CORRECTED_TEXTS.get(stem, set()) if form == "corrected" else set())


@pytest.mark.parametrize("stem", STEMS)
def test_every_bullet_is_kept(stem: str) -> None:
    bullets = [normalise(b) for b in reference(stem).split("■")[1:]]
    for form in FORMS:
        factsheet = load(stem, form)
        stored = paragraphs(factsheet) + [s.text for a in factsheet.activities for s in a.statements]
        if form == "corrected":
            stored += sorted(CORRECTED_TEXTS.get(stem, set()))
        dropped = [b for b in bullets if not any(b.startswith(normalise(text)) for text in stored)]
        # The bullets a correction changed or removed, by their opening words.
        expected = {
            (COLOMBIA, "corrected"): "Pre-registrations in Arauca department: TBC.",
            (BURUNDI, "corrected"): "A CERF allocation of USD [amount]",
            (NIGER, "corrected"): "Le HCR travaille avec le Gouvernement",
            (JORDAN, "corrected"): "In 2018 UNHCR works with eight funded partners",
        }.get((stem, form))
        assert [b[: len(expected or "")] for b in dropped] == ([expected] if expected else [])


# --- expected findings -------------------------------------------------------------------------------------

# (code, JSON path) of every finding expected on the as-published form; README.md says why.
# A code may be written as a prefix ("OPS2") for a rule not yet written; none is at present.
EXPECTED: dict[str, set[tuple[str, str]]] = {
    BOTSWANA: {
        ("OPS201", "$.populations.totals[0].count"),  # 3,417 printed; the groups add up to 3,471
        ("OPS705", "$.populations.totals[0].count.printed"),  # "3, 417": stray space
        ("OPS102", "$.funding.unfunded"),  # 21.3 - 8.1 is 13.2, not 12.9
    },
    BURUNDI: {
        ("OPS208", "$.populations.groups[1].share"),  # Rwanda 72,180 of 226,513 is 31.9 %, not 37 %
        ("OPS208", "$.populations.groups"),  # the shares add up to 105 %
        ("OPS502", "$.donors.major[2]"),  # the United Kingdom (14.0 M) after ECHO (12.1 M)
        ("OPS701", "$.sections[1].paragraphs[1]"),  # "USD [amount]"
    },
    CAR: {
        ("OPS201", "$.populations.totals[0].count"),  # 484 550 printed; the prefectures add up to 477 550
        ("OPS601", "$.populations.groups[6].footnotes[0]"),  # "Autres préfectures¹": no note 1
        ("OPS204", "$.populations.totals[0].by_age"),  # the age shares add up to 97 %
    },
    COLOMBIA: {
        ("OPS706", "$.key_figures[0].quantity.printed"),  # "1.729.537" among comma-grouped figures
        ("OPS706", "$.key_figures[1].quantity.printed"),  # "694.210"
        ("OPS701", "$.sections[0].paragraphs[1]"),  # "TBC"
        ("OPS208", "$.populations.groups"),  # the department shares add up to 104.0 %
    },
    ETHIOPIA: {
        ("OPS201", "$.populations.totals[0].count"),  # 332,782 printed; the camps add up to 323,782
        ("OPS107", "$.funding.as_of"),  # 31 October 2017 on a May 2017 sheet
        # 63,870 women and children among 61,732 new arrivals
        ("OPS209", "$.populations.groups[8].by_category[1].count"),
    },
    JORDAN: {
        ("OPS701", "$.funding.funded"),  # "USD [Figure] M"
        ("OPS701", "$.funding.funded_percent"),  # "[XX]%"
        ("OPS401", "$.partners.stated_counts[0].count"),  # eight stated, seven listed
        ("OPS601", "$.populations.groups[1].footnotes[0]"),  # "67,089**": no ** footnote
    },
    MOZAMBIQUE: {
        ("OPS701", "$.key_figures[3].percent"),  # "[XX]%"
        ("OPS704", "$.key_figures[2].quantity"),  # 860 in the box, 680 in the narrative
        ("OPS208", "$.populations.groups"),  # the district shares add up to 103 %
    },
    NIGER: {
        ("OPS706", "$.populations.groups[3].count.printed"),  # "57,003" among space-grouped figures
        ("OPS102", "$.funding.unfunded"),  # 72,5 - 13,1 is 59,4, not 59,7
        ("OPS402", "$.partners.partners[6]"),  # APBE listed twice
    },
}


def found(factsheet: Factsheet, expected: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The findings as (code, path), each code shortened to the expected prefix it falls under."""
    result = set()
    for finding in opsfacts.check(factsheet):
        code = next(
            (c for c, p in expected if p == finding.path and finding.code.startswith(c)),
            finding.code,
        )
        result.add((code, finding.path))
    return result


@pytest.mark.parametrize("stem", STEMS)
def test_expected_findings_as_published(stem: str) -> None:
    assert found(published(stem), EXPECTED[stem]) == EXPECTED[stem]


@pytest.mark.parametrize("stem", STEMS)
def test_no_findings_corrected(stem: str) -> None:
    assert found(corrected(stem), set()) == set()


@pytest.mark.parametrize("stem", STEMS)
def test_acceptances_have_reasons_and_are_the_same_in_both_forms(stem: str) -> None:
    assert published(stem).accepted == corrected(stem).accepted
    assert all(a.reason.strip() for a in published(stem).accepted)
