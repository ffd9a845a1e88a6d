"""The Mali June 2017 example factsheets against the published reference text.

The figures are read out of the plain-text extraction of the published
factsheet with regular expressions and compared with the example documents,
so a transcription error in an example fails a test. The reference lives
in ``tests/data/reference`` (its README names the source); when it is missing the
tests fail, they are never skipped.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest

import opsfacts
from opsfacts import (
    Factsheet,
    Figure,
    PartialDate,
    PartnerRole,
    Percentage,
    Qualifier,
    Quantity,
    Scale,
    TargetKind,
)

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
AS_PUBLISHED = EXAMPLES / "mali-2017-06.as-published.json"
CORRECTED = EXAMPLES / "mali-2017-06.corrected.json"
REFERENCE = REPO / "tests" / "data" / "reference" / "unhcr-mali-factsheet-2017-06.txt"

BOTH = [pytest.param(AS_PUBLISHED, id="as-published"), pytest.param(CORRECTED, id="corrected")]

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "JANUARY",
            "FEBRUARY",
            "MARCH",
            "APRIL",
            "MAY",
            "JUNE",
            "JULY",
            "AUGUST",
            "SEPTEMBER",
            "OCTOBER",
            "NOVEMBER",
            "DECEMBER",
        ],
        start=1,
    )
}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
BULLET = "■"


# --- reading the reference ---------------------------------------------------------------------------------


@functools.cache
def reference_text() -> str:
    """The published factsheet's text; fails (never skips) when the file is missing."""
    if not REFERENCE.is_file():
        pytest.fail(
            f"the reference factsheet {REFERENCE} is missing: the example tests compare the examples "
            "with it; it belongs in tests/data/reference.",
            pytrace=False,
        )
    return REFERENCE.read_text(encoding="utf-8")


def normalise(text: str) -> str:
    """Join hard-wrapped lines (a word split as ``long-`` / ``term`` keeps its hyphen) and collapse spaces."""
    text = re.sub(r"(?<=\w-)[ \t]*\n\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


@functools.cache
def normalised_reference() -> str:
    return normalise(reference_text())


def between(start: str, end: str) -> str:
    """The reference text between two markers (exclusive), each required to occur once."""
    text = reference_text()
    assert text.count(start) == 1, f"{start!r} occurs {text.count(start)} times in the reference"
    assert text.count(end) == 1, f"{end!r} occurs {text.count(end)} times in the reference"
    begin = text.index(start) + len(start)
    return text[begin : text.index(end, begin)]


def printed_int(digits: str) -> int:
    """A whole number as printed with thousands separators (``498 170``, ``6,000``)."""
    assert re.fullmatch(r"\d{1,3}(?:[ ,]\d{3})*", digits), digits
    return int(re.sub(r"[ ,]", "", digits))


def printed_figure(digits: str, suffix: str | None) -> Figure:
    """A figure as printed: digits with commas, and an optional ``M``."""
    value = Decimal(digits.replace(",", ""))
    return Figure(value=value, scale=Scale.MILLION if suffix == "M" else Scale.ONE)


def printed_date(day: str, month: str, year: str) -> datetime.date:
    return datetime.date(int(year), MONTHS[month.upper()], int(day))


def split_names(listing: str) -> list[str]:
    """``A, B, C and D`` or ``the A and the B`` -> the names (bracketed notes stay on their name)."""
    if listing.startswith("the "):
        return [name.removeprefix("the ") for name in re.split(r",? and (?=the )|, (?=the )", listing)]
    head, _, last = listing.rpartition(" and ")
    return [*head.split(", "), last]


@functools.cache
def examples() -> tuple[Factsheet, Factsheet]:
    return opsfacts.load(AS_PUBLISHED), opsfacts.load(CORRECTED)


def example(path: Path) -> Factsheet:
    published, corrected = examples()
    return published if path == AS_PUBLISHED else corrected


# --- loading -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", BOTH)
def test_example_loads_and_is_canonical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    factsheet = opsfacts.load(path)
    assert opsfacts.dumps(factsheet) == text
    assert opsfacts.loads(text) == factsheet


def test_reference_is_present() -> None:
    assert "POPULATION OF CONCERN" in reference_text()


# --- populations -------------------------------------------------------------------------------------------


def printed_populations() -> list[tuple[str, int]]:
    """The chart's six figures and six labels, paired in order."""
    lines = reference_text().splitlines()
    numbers = [
        (i, line.strip()) for i, line in enumerate(lines) if re.fullmatch(r"\d{1,3}(?: \d{3})*", line.strip())
    ]
    assert len(numbers) == 6, [n for _, n in numbers]
    assert [i for i, _ in numbers] == list(range(numbers[0][0], numbers[0][0] + 12, 2)), "one contiguous run"
    labels: list[str] = []
    for line in lines[numbers[-1][0] + 1 :]:
        stripped = line.strip()
        if stripped.startswith("Funded"):
            break
        if not stripped:
            continue
        if stripped.startswith("(") and labels:
            labels[-1] = f"{labels[-1]} {stripped}"
        else:
            labels.append(stripped)
    assert len(labels) == 6, labels
    return [(label, printed_int(number)) for label, (_, number) in zip(labels, numbers, strict=True)]


@pytest.mark.parametrize("path", BOTH)
def test_population_figures_match_their_labels(path: Path) -> None:
    populations = example(path).populations
    assert populations is not None
    stored = [(g.label + "".join(g.footnotes), g.people) for g in populations.groups]
    assert stored == printed_populations()
    assert stored[0] == ("IDP returnees", 498_170)  # the pairing itself, spelled out once
    assert populations.totals == (), "no total is printed"
    assert all(g.count == Quantity(g.people) for g in populations.groups), "printed plainly"
    assert populations.as_of is None
    assert all(g.as_of is None for g in populations.groups), "no population date is printed"


@pytest.mark.parametrize("path", BOTH)
def test_population_sources_follow_the_footnote(path: Path) -> None:
    match = re.search(
        r"^\* Source: (\w+)\. All other figures sourced from the (.+?)\.\s*$", reference_text(), re.MULTILINE
    )
    assert match is not None
    starred, others = match.groups()
    populations = example(path).populations
    assert populations is not None
    for group in populations.groups:
        assert group.source == (starred if "*" in group.footnotes else others), group.label
    assert [g.label for g in populations.groups if g.footnotes] == ["Malian refugees"]


# --- funding -----------------------------------------------------------------------------------------------


class PrintedFunding(NamedTuple):
    currency: str
    requested: Figure
    funded: Figure
    unfunded: Figure
    funded_percent: Percentage
    unfunded_percent: Percentage
    as_of: PartialDate


def search(pattern: str, text: str) -> re.Match[str]:
    match = re.search(pattern, text)
    assert match is not None, f"{pattern!r} not found in the reference"
    return match


def printed_funding() -> PrintedFunding:
    text = reference_text()
    as_of = search(r"FUNDING \(AS OF (\d{1,2}) ([A-Z]+) (\d{4})\)", text)
    requested = search(r"(USD) ([\d,]+)(?: (M))?\s*\n\s*requested for Mali", text)
    funded = search(r"Funded\s+(\d+)%\s+([\d,]+)(?: (M))?", text)
    unfunded = search(r"Unfunded\s+(\d+)%\s+([\d,]+)(?: (M))?", text)
    return PrintedFunding(
        currency=requested[1],
        requested=printed_figure(requested[2], requested[3]),
        funded=printed_figure(funded[2], funded[3]),
        unfunded=printed_figure(unfunded[2], unfunded[3]),
        funded_percent=Percentage(Decimal(funded[1])),
        unfunded_percent=Percentage(Decimal(unfunded[1])),
        as_of=PartialDate(printed_date(*as_of.groups())),
    )


def test_funding_as_published_keeps_the_printed_figures() -> None:
    funding = example(AS_PUBLISHED).funding
    assert funding is not None
    stored = tuple(getattr(funding, name) for name in PrintedFunding._fields)
    assert stored == printed_funding()
    # The published errors are kept: the "M" after full figures, and the gap printed as the request.
    assert funding.requested == Figure(Decimal("42749662"), Scale.MILLION)
    assert funding.funded == Figure(Decimal("3068942"), Scale.MILLION)
    assert funding.unfunded == funding.requested


def test_funding_corrected() -> None:
    funding = example(CORRECTED).funding
    assert funding is not None
    printed = printed_funding()
    assert funding.currency == printed.currency
    assert funding.requested == Figure(printed.requested.value)
    assert funding.funded == Figure(printed.funded.value)
    assert printed.requested.value is not None
    assert printed.funded.value is not None
    assert funding.unfunded == Figure(printed.requested.value - printed.funded.value)
    assert funding.unfunded == Figure(Decimal("39680720"))
    assert funding.funded_percent == printed.funded_percent
    assert funding.unfunded_percent == printed.unfunded_percent
    assert funding.as_of == printed.as_of
    computed = funding.computed_funded_percent
    assert computed is not None
    assert round(computed) == printed.funded_percent.value
    assert printed.unfunded_percent.value == 100 - round(computed)
    assert funding.unfunded is not None
    assert funding.computed_unfunded == funding.unfunded.amount


@pytest.mark.parametrize("path", BOTH)
def test_period_is_june_2017(path: Path) -> None:
    factsheet = example(path)
    assert factsheet.period is not None
    assert factsheet.period.first_day == datetime.date(2017, 6, 1)
    assert factsheet.period.end == printed_funding().as_of
    assert factsheet.date is None
    assert factsheet.operation.name == "Mali"
    assert factsheet.operation.countries == ("MLI",)
    assert factsheet.publisher.name == "UNHCR"


# --- presence ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", BOTH)
def test_staff(path: Path) -> None:
    printed = re.findall(r"^(\d+) (\w+ Staff)\s*$", between("Staff:", "Offices:"), re.MULTILINE)
    presence = example(path).presence
    assert presence is not None
    assert [(s.count, s.label) for s in presence.staff] == [(Quantity(int(n)), label) for n, label in printed]
    assert [s.category.value for s in presence.staff] == ["national", "international"]
    assert presence.stated_staff_total is None


@pytest.mark.parametrize("path", BOTH)
def test_offices(path: Path) -> None:
    block = normalise(between("Offices:", "498 170"))
    printed = re.findall(r"(\d+) ((?:Country|Sub|Field) (?:Offices?|Unit)) in (.+?)(?= \d+ |$)", block)
    assert len(printed) == 4, block
    presence = example(path).presence
    assert presence is not None
    stored = [(o.count, o.label, list(o.locations)) for o in presence.offices]
    assert stored == [(int(n), label, re.split(r", | and ", where)) for n, label, where in printed]
    assert all(o.count == len(o.locations) for o in presence.offices)
    assert presence.stated_office_total is None


# --- partners ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", BOTH)
def test_partners(path: Path) -> None:
    text = normalised_reference()
    match = re.search(
        r"works with (\w+) key partners including (\w+) governmental - (.+?); "
        r"and (\w+) non-governmental organizations - (.+?)\.\s",
        text,
    )
    assert match is not None
    all_word, gov_word, gov_list, ngo_word, ngo_list = match.groups()
    printed: list[tuple[str, str | None, bool]] = []
    for entry, governmental in [
        *((e, True) for e in split_names(gov_list)),
        *((e, False) for e in split_names(ngo_list)),
    ]:
        note = re.fullmatch(r"(.+?) \((.+)\)", entry)
        name, bracketed = (note[1], note[2]) if note else (entry, None)
        printed.append((name, bracketed, governmental))
    partners = example(path).partners
    assert partners is not None
    kinds = [p.type for p in partners.partners]
    assert all(kind is not None for kind in kinds)
    assert [(p.name, p.note, bool(p.type and p.type.is_governmental)) for p in partners.partners] == printed
    assert all(p.type and (p.type.is_governmental or p.type.is_ngo) for p in partners.partners)
    assert all(p.role is PartnerRole.IMPLEMENTING for p in partners.partners)
    assert all(p.acronym is None for p in partners.partners), "no acronym is printed"
    stated = [(c.count, c.text) for c in partners.stated_counts]
    assert stated == [
        (NUMBER_WORDS[all_word], f"{all_word} key partners"),
        (NUMBER_WORDS[gov_word], f"{gov_word} governmental"),
        (NUMBER_WORDS[ngo_word], f"{ngo_word} non-governmental organizations"),
    ]
    assert partners.stated_counts[0].types == ()
    assert all(t.is_governmental for t in partners.stated_counts[1].types)
    assert all(t.is_ngo for t in partners.stated_counts[2].types)
    assert all(count.types for count in partners.stated_counts[1:]), "the kinds counted are given"


# --- donors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", BOTH)
def test_major_donors(path: Path) -> None:
    header = re.search(r"major donors of (.+?) in (\d{4})", reference_text())
    assert header is not None
    block = normalise(between(header[0], "Thanks to other donors"))
    printed = re.findall(r"(Priv Donors )?([A-Z][A-Za-z ]+?) \((\d+) M\)", block)
    assert len(printed) == block.count("(") == 14
    donors = example(path).donors
    assert donors is not None
    assert (donors.scope, donors.year, donors.currency) == (header[1], int(header[2]), "USD")
    assert donors.ordered_by_amount is False
    assert [(d.name, d.private, d.amount) for d in donors.major] == [
        (name, bool(priv), Figure(Decimal(amount), Scale.MILLION)) for priv, name, amount in printed
    ]
    assert all(d.country is not None for d in donors.major)


@pytest.mark.parametrize("path", BOTH)
def test_other_donors(path: Path) -> None:
    header = re.search(r"Thanks to other donors of (.+?) in (\d{4})", reference_text())
    assert header is not None
    block = normalise(between(header[0], "CONTACTS"))
    printed = [name.strip() for name in block.split("|") if name.strip()]
    assert len(printed) == 29
    donors = example(path).donors
    assert donors is not None
    assert (donors.scope, donors.year) == (header[1], int(header[2]))
    assert [d.name for d in donors.others] == printed
    assert all(d.amount is None for d in donors.others)
    assert [d.name for d in donors.others if d.private] == ["Private Donors"]
    assert [d.name for d in donors.others if d.country is None] == ["Private Donors"]


@pytest.mark.parametrize("path", BOTH)
def test_donor_country_codes(path: Path) -> None:
    from opsfacts.model._constraints import country_name

    donors = example(path).donors
    assert donors is not None
    aliases = {  # pycountry's ISO 3166 short names for the names printed
        "United States of America": "United States",
        "Republic of Korea": "Korea, Republic of",
        "Turkey": "Türkiye",
    }
    for donor in (*donors.major, *donors.others):
        if donor.country is not None:
            assert country_name(donor.country) == aliases.get(donor.name, donor.name), donor


# --- contacts and links ------------------------------------------------------------------------------------


def printed_contacts() -> list[tuple[str, str, str, str, str]]:
    block = between("CONTACTS", "LINKS")
    found = re.findall(
        r"^(.+?), (.+?), (\w+)\s*\n\s*([^\s,@]+@[^\s,]+), Tel: (\+\d+ \d+)\s*$", block, re.MULTILINE
    )
    assert len(found) == 3, block
    return [(name, title, where, email, phone) for name, title, where, email, phone in found]


@pytest.mark.parametrize("path", BOTH)
def test_contacts(path: Path) -> None:
    stored = [(c.name, c.title, c.location, c.email, c.phone) for c in example(path).contacts]
    assert stored == printed_contacts()


@pytest.mark.parametrize("path", BOTH)
def test_links(path: Path) -> None:
    block = reference_text()[reference_text().index("LINKS") + len("LINKS") :]
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    labels = re.split(r" [–-] ", lines[0])
    mailto = [line.removeprefix("mailto:") for line in lines if line.startswith("mailto:")]
    urls = [line for line in lines if line.startswith("https://")]
    assert len(labels) == len(urls) == 4
    factsheet = example(path)
    assert [(link.label, link.url) for link in factsheet.links] == list(zip(labels, urls, strict=True))
    assert mailto == [c.email for c in factsheet.contacts], "the mailto: links are the contacts' emails"


# --- text --------------------------------------------------------------------------------------------------


def texts(factsheet: Factsheet) -> Iterator[str]:
    yield from factsheet.highlights
    for section in factsheet.sections:
        if section.heading is not None:
            yield section.heading
        yield from section.paragraphs
    for activities in factsheet.activities:
        yield activities.sector.name
        for statement in activities.statements:
            yield statement.text
    for footnote in factsheet.footnotes:
        yield f"{footnote.marker} {footnote.text}"
    populations = factsheet.populations
    assert populations is not None
    for group in populations.groups:
        yield group.label
    presence = factsheet.presence
    assert presence is not None
    for office in presence.offices:
        yield from (office.label, *office.locations)


@pytest.mark.parametrize("path", BOTH)
def test_every_text_is_in_the_reference(path: Path) -> None:
    reference = normalised_reference()
    missing = [text for text in texts(example(path)) if text not in reference]
    assert missing == []


@pytest.mark.parametrize("path", BOTH)
def test_highlights_are_the_opening_key_messages(path: Path) -> None:
    opening = normalise(reference_text().split("regio.")[0])
    highlights = example(path).highlights
    assert len(highlights) == 3
    assert " ".join(highlights) == opening
    assert all(re.search(r"\bregio\.", h) is None for h in highlights), "extraction debris"


@pytest.mark.parametrize("path", BOTH)
def test_every_bullet_is_kept_in_order(path: Path) -> None:
    factsheet = example(path)
    stored = [p for s in factsheet.sections for p in s.paragraphs]
    stored += [st.text for a in factsheet.activities for st in a.statements]
    body = normalised_reference()
    printed = [b.strip() for b in body.split(BULLET)[1:]]
    assert len(printed) == len(stored) == 20
    for text, bullet in zip(stored, printed, strict=True):
        assert bullet.startswith(text), text
    assert [s.heading for s in factsheet.sections] == [
        "Country Strategy",
        "Working with Partners",
        "Main Activities",
    ]
    assert [len(s.paragraphs) for s in factsheet.sections] == [1, 3, 3]
    assert [(a.sector.code.value, a.sector.name, len(a.statements)) for a in factsheet.activities] == [
        ("protection", "Protection", 4),
        ("education", "Education", 2),
        ("health", "Health", 2),
        ("wash", "Water and Sanitation", 1),
        ("shelter-nfi", "Shelter and NFIs", 1),
        ("community-empowerment", "Community Empowerment and Self-Reliance", 3),
    ]


@pytest.mark.parametrize("path", BOTH)
def test_targets_are_the_numbers_of_their_statements(path: Path) -> None:
    words = "|".join(NUMBER_WORDS)
    for activities in example(path).activities:
        for statement in activities.statements:
            text = statement.text
            for target in statement.targets:
                quantity = target.quantity.value
                assert quantity is not None
                spelt = [word for word, n in NUMBER_WORDS.items() if n == quantity]
                assert re.search(rf"\b{quantity:,}\b", text) or any(
                    re.search(rf"\b{word}\b", text) for word in spelt
                ), (target, text)
                assert target.unit in text, (target.unit, text)
                if target.beneficiaries is not None:
                    assert target.beneficiaries in text
                for where in target.locations:
                    assert where in text, (where, text)
                if target.year is not None:
                    assert str(target.year) in text
                if target.quantity.qualifier is Qualifier.AT_LEAST:
                    assert f"over {quantity:,}" in text
            # Every count in the text (not a year) is a target or context figure, in order.
            numbers = [
                printed_int(n)
                for n in re.findall(r"\b\d{1,3}(?:,\d{3})*\b", text)
                if not re.fullmatch(r"(?:19|20)\d\d", n)
            ]
            numbers += [NUMBER_WORDS[w] for w in re.findall(rf"\b({words}) (?:refugees|key)\b", text)]
            assert numbers == [t.quantity.value for t in statement.targets]


@pytest.mark.parametrize("path", BOTH)
def test_target_details(path: Path) -> None:
    figures = [t for a in example(path).activities for st in a.statements for t in st.targets]
    # "In the 20 priority communes": twice, and context, not a target.
    context = [(t.quantity.value, t.unit) for t in figures if t.kind is TargetKind.CONTEXT]
    assert context == [(20, "priority communes"), (20, "priority communes")]
    targets = {t.unit: t for t in figures if t.kind is TargetKind.TARGET}
    assert len(targets) + len(context) == len(figures)
    assert {unit: t.quantity.value for unit, t in targets.items()} == {
        "registration points": 28,
        "refugee returnees": 6_000,
        "Mauritanian refugee children": 1_500,
        "refugee children": 700,
        "refugees": 3,
        "water points": 8,
        "boreholes": 12,
        "mud shelters": 350,
        "traditional shelters": 490,
    }
    assert targets["refugee children"].quantity.qualifier is Qualifier.AT_LEAST
    assert [t.unit for t in targets.values() if t.quantity.qualifier is not Qualifier.EXACT] == [
        "refugee children"
    ]
    assert targets["Mauritanian refugee children"].locations == ("Kayes",)
    assert targets["refugee children"].locations == ("Bamako",)
    for unit in ("water points", "boreholes", "mud shelters", "traditional shelters"):
        assert targets[unit].locations == ("Gao", "Mopti", "Timbuktu")


# --- footnotes and the corrections -------------------------------------------------------------------------


def printed_footnotes() -> list[tuple[str, str]]:
    block = between("POPULATION OF CONCERN", "FUNDING (AS OF")
    found = re.findall(r"^(\*+) (.+?)(?=^\*|\Z)", block, re.MULTILINE | re.DOTALL)
    return [(marker, normalise(text)) for marker, text in found]


def test_footnotes_as_published() -> None:
    stored = [(f.marker, f.text) for f in example(AS_PUBLISHED).footnotes]
    assert stored == printed_footnotes()
    assert [m for m, _ in stored] == ["*", "**"]


def test_footnotes_corrected() -> None:
    stored = [(f.marker, f.text) for f in example(CORRECTED).footnotes]
    assert stored == [f for f in printed_footnotes() if f[0] != "**"]


JsonPath = tuple[str | int, ...]


def differences(a: object, b: object, path: JsonPath = ()) -> dict[JsonPath, tuple[object, object]]:
    """Every place two JSON-like values differ, by path."""
    if isinstance(a, dict) and isinstance(b, dict):
        found: dict[JsonPath, tuple[object, object]] = {}
        for key in {*a, *b}:
            found.update(differences(a.get(key), b.get(key), (*path, str(key))))
        return found
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        found = {}
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            found.update(differences(x, y, (*path, index)))
        return found
    return {} if a == b else {path: (a, b)}


def test_corrected_differs_exactly_in_the_corrections() -> None:
    published, corrected = (opsfacts.to_dict(f) for f in examples())
    star, double_star = published["footnotes"]
    assert differences(published, corrected) == {
        ("funding", "requested", "scale"): ("million", None),
        ("funding", "funded", "scale"): ("million", None),
        ("funding", "unfunded", "scale"): ("million", None),
        ("funding", "unfunded", "value"): ("42749662", "39680720"),
        ("footnotes",): ([star, double_star], [star]),
    }
    assert double_star["marker"] == "**"
