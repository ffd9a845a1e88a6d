"""Unit tests for each consistency rule: a failing case and a passing case.

Every case starts from the corrected Mali example (which yields no finding),
changes one thing, runs *all* rules and compares the exact set of
(code, path) found, so a case also proves no other rule fires.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import opsfacts
from opsfacts import (
    Contact,
    Factsheet,
    Figure,
    Footnote,
    Funding,
    KeyFigure,
    Link,
    OriginCount,
    PartnerCount,
    Percentage,
    PopulationGroup,
    PopulationTotal,
    Quantity,
    Scale,
    SexCount,
    StaffPart,
    Target,
)
from opsfacts.checks import check
from opsfacts.checks._text import placeholder_reason
from opsfacts.model import (
    AgeCount,
    Donor,
    OfficeType,
    OrganisationType,
    PartialDate,
    PopulationType,
    Residence,
    Sex,
    StaffCategory,
)

REPO = Path(__file__).resolve().parents[1]
CORRECTED = REPO / "examples" / "mali-2017-06.corrected.json"

Edit = Callable[[Factsheet], Factsheet]


@pytest.fixture(scope="module")
def base() -> Factsheet:
    """The corrected Mali factsheet: consistent, so every finding comes from the edit."""
    return opsfacts.load(CORRECTED)


def found(factsheet: Factsheet) -> set[tuple[str, str]]:
    return {(f.code, f.path) for f in check(factsheet)}


def m(value: str) -> Figure:
    return Figure(value=Decimal(value), scale=Scale.MILLION)


def q(value: int) -> Quantity:
    return Quantity(value=value)


def pct(value: str) -> Percentage:
    return Percentage(value=Decimal(value))


def day(text: str) -> PartialDate:
    return PartialDate(text)


def total(count: int) -> Edit:
    return populations(totals=(PopulationTotal(count=q(count)),))


def staff(index: int, **kwargs: Any) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        assert f.presence is not None
        listed = list(f.presence.staff)
        listed[index] = attrs.evolve(listed[index], **kwargs)
        return attrs.evolve(f, presence=attrs.evolve(f.presence, staff=tuple(listed)))

    return edit


def key_figures(*figures: KeyFigure) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        return attrs.evolve(f, key_figures=figures)

    return edit


def funding(**kwargs: Any) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        return attrs.evolve(f, funding=Funding(currency="USD", **kwargs))

    return edit


def populations(**kwargs: Any) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        assert f.populations is not None
        return attrs.evolve(f, populations=attrs.evolve(f.populations, **kwargs))

    return edit


def group(index: int, **kwargs: Any) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        assert f.populations is not None
        groups = list(f.populations.groups)
        groups[index] = attrs.evolve(groups[index], **kwargs)
        return attrs.evolve(f, populations=attrs.evolve(f.populations, groups=tuple(groups)))

    return edit


def add_group(new: PopulationGroup) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        assert f.populations is not None
        groups = (*f.populations.groups, new)
        return attrs.evolve(f, populations=attrs.evolve(f.populations, groups=groups))

    return edit


def presence(**kwargs: Any) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        assert f.presence is not None
        return attrs.evolve(f, presence=attrs.evolve(f.presence, **kwargs))

    return edit


def office(index: int, **kwargs: Any) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        assert f.presence is not None
        offices = list(f.presence.offices)
        offices[index] = attrs.evolve(offices[index], **kwargs)
        return attrs.evolve(f, presence=attrs.evolve(f.presence, offices=tuple(offices)))

    return edit


def stated_counts(*counts: PartnerCount) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        assert f.partners is not None
        return attrs.evolve(f, partners=attrs.evolve(f.partners, stated_counts=counts))

    return edit


def partner(index: int, **kwargs: Any) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        assert f.partners is not None
        listed = list(f.partners.partners)
        listed[index] = attrs.evolve(listed[index], **kwargs)
        return attrs.evolve(f, partners=attrs.evolve(f.partners, partners=tuple(listed)))

    return edit


def donors(**kwargs: Any) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        assert f.donors is not None
        return attrs.evolve(f, donors=attrs.evolve(f.donors, **kwargs))

    return edit


def swap_first_donors(f: Factsheet) -> Factsheet:
    assert f.donors is not None
    major = f.donors.major
    return attrs.evolve(f, donors=attrs.evolve(f.donors, major=(major[1], major[0], *major[2:])))


def add_other_donor(donor: Donor) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        assert f.donors is not None
        return attrs.evolve(f, donors=attrs.evolve(f.donors, others=(*f.donors.others, donor)))

    return edit


def statement(activity: int, index: int, **kwargs: Any) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        activities = list(f.activities)
        statements = list(activities[activity].statements)
        statements[index] = attrs.evolve(statements[index], **kwargs)
        activities[activity] = attrs.evolve(activities[activity], statements=tuple(statements))
        return attrs.evolve(f, activities=tuple(activities))

    return edit


def highlight(text: str) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        return attrs.evolve(f, highlights=(*f.highlights, text))

    return edit


def evolve(**kwargs: Any) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        return attrs.evolve(f, **kwargs)

    return edit


def both(*edits: Edit) -> Edit:
    def edit(f: Factsheet) -> Factsheet:
        for one in edits:
            f = one(f)
        return f

    return edit


# Fictional contacts (example.org) for every case that changes the contacts.
ANA = Contact(name="Ana Example", email="ana@example.org", phone="+223 20000001")
BEN = Contact(name="Ben Example", email="ben@example.org", phone="+223 20000002")
JUNE_30 = day("2017-06-30")

FAILING: list[tuple[str, Edit, set[tuple[str, str]]]] = [
    ("OPS101", funding(requested=m("20.0"), funded=m("25.0")), {("OPS101", "$.funding.funded")}),
    (
        "OPS102",
        funding(requested=m("20.0"), funded=m("5.0"), unfunded=m("16.0")),
        {("OPS102", "$.funding.unfunded")},
    ),
    (
        "OPS103",
        funding(requested=m("48.3"), funded=m("11.2"), funded_percent=pct("30")),
        {("OPS103", "$.funding.funded_percent")},
    ),
    (
        "OPS104",
        funding(requested=m("48.3"), funded=m("11.2"), unfunded_percent=pct("70")),
        {("OPS104", "$.funding.unfunded_percent")},
    ),
    (
        "OPS105",
        funding(funded_percent=pct("7"), unfunded_percent=pct("90")),
        {("OPS105", "$.funding.unfunded_percent")},
    ),
    ("OPS106", evolve(funding=Funding(currency="XXX")), {("OPS106", "$.funding.currency")}),
    (
        "OPS107",
        funding(as_of=day("2017-09-30")),
        {("OPS107", "$.funding.as_of")},
    ),
    ("OPS108", funding(requested=m("42749662")), {("OPS108", "$.funding.requested")}),
    ("OPS201", total(768287), {("OPS201", "$.populations.totals[0].count")}),
    # IDPs are 51,961 of the 628,184 people in Mali: 8.3 %, not 12 %.
    ("OPS208", group(3, share=pct("12")), {("OPS208", "$.populations.groups[3].share")}),
    (
        "OPS209",
        add_group(
            PopulationGroup(
                types=(PopulationType.IDP,),
                label="IDPs in Mopti",
                count=q(60000),
                origin="MLI",
                place="Mopti",
                part_of="IDPs",
            )
        ),
        {("OPS209", "$.populations.groups[6].count")},
    ),
    (
        "OPS202",
        group(
            4, by_origin=(OriginCount(origin="MRT", count=q(15000)), OriginCount(origin="CAF", count=q(2000)))
        ),
        {("OPS202", "$.populations.groups[4].by_origin")},
    ),
    (
        "OPS203",
        group(3, by_sex=(SexCount(sex=Sex.F, count=q(27000)), SexCount(sex=Sex.M, count=q(24000)))),
        {("OPS203", "$.populations.groups[3].by_sex")},
    ),
    (
        "OPS204",
        group(5, by_age=(AgeCount(min_age=0, max_age=17, count=q(200)), AgeCount(min_age=18, count=q(100)))),
        {("OPS204", "$.populations.groups[5].by_age")},
    ),
    (
        "OPS205",
        add_group(
            PopulationGroup(types=(PopulationType.IDP,), label="Displaced", count=q(4000), origin="MLI")
        ),
        {("OPS205", "$.populations.groups[6]")},
    ),
    ("OPS206", group(2, origin="MRT"), {("OPS206", "$.populations.groups[2]")}),
    (
        "OPS207",
        total(50000),
        {
            ("OPS201", "$.populations.totals[0].count"),
            ("OPS207", "$.populations.groups[0].count"),
            ("OPS207", "$.populations.groups[2].count"),
            ("OPS207", "$.populations.groups[3].count"),
        },
    ),
    ("OPS301", presence(stated_staff_total=q(90)), {("OPS301", "$.presence.stated_staff_total")}),
    ("OPS302", office(2, count=3), {("OPS302", "$.presence.offices[2].count")}),
    ("OPS303", presence(stated_office_total=q(4)), {("OPS303", "$.presence.stated_office_total")}),
    (
        "OPS304",
        staff(
            0,
            parts=(
                StaffPart(category=StaffCategory.NATIONAL, label="national officers", count=q(10)),
                StaffPart(category=StaffCategory.NATIONAL, label="general service", count=q(57)),
            ),
        ),
        {("OPS304", "$.presence.staff[0].parts")},
    ),
    (
        "OPS401",
        stated_counts(PartnerCount(count=9, text="key partners")),
        {("OPS401", "$.partners.stated_counts[0].count")},
    ),
    ("OPS402", partner(6, name="MERCY CORPS"), {("OPS402", "$.partners.partners[6]")}),
    ("OPS501", add_other_donor(Donor(name="Sweden", country="SWE")), {("OPS501", "$.donors.others[29]")}),
    (
        "OPS502",
        both(donors(ordered_by_amount=True), swap_first_donors),
        {("OPS502", "$.donors.major[1]")},
    ),
    ("OPS503", donors(year=2016), {("OPS503", "$.donors.year")}),
    ("OPS601", group(0, footnotes=("†",)), {("OPS601", "$.populations.groups[0].footnotes[0]")}),
    (
        "OPS602",
        evolve(
            footnotes=(Footnote(marker="*", text="Source: UNHCR."), Footnote(marker="**", text="Unused."))
        ),
        {("OPS602", "$.footnotes[1]")},
    ),
    (
        "OPS603",
        evolve(footnotes=(Footnote(marker="*", text="Source: UNHCR."), Footnote(marker="*", text="Again."))),
        {("OPS603", "$.footnotes[1].marker")},
    ),
    ("OPS701", highlight("Funding reached XX% of needs."), {("OPS701", "$.highlights[3]")}),
    (
        "OPS702",
        statement(3, 0, text="UNHCR is restoring 8 water points and constructing 15 boreholes in Gao."),
        {("OPS702", "$.activities[3].statements[0].targets[1].quantity")},
    ),
    (
        "OPS703",
        stated_counts(PartnerCount(count=8, text="nine key partners")),
        {("OPS703", "$.partners.stated_counts[0].count")},
    ),
    ("OPS704", highlight("Mali counts 52,961 IDPs."), {("OPS704", "$.highlights[3]")}),
    (
        "OPS705",
        group(3, count=Quantity(value=51961, printed="51, 961")),
        {("OPS705", "$.populations.groups[3].count.printed")},
    ),
    (
        "OPS706",
        both(group(3, count=Quantity(value=51961, printed="51.961")), highlight("Mali counts 51,961 IDPs.")),
        # The sheet groups with commas elsewhere: the point-grouped figure is the odd one.
        {("OPS706", "$.populations.groups[3].count.printed")},
    ),
    (
        "OPS707",
        key_figures(KeyFigure(label="of children vaccinated", percent=pct("913"))),
        {("OPS707", "$.key_figures[0].percent")},
    ),
    (
        "OPS708",
        key_figures(KeyFigure(label="860 people evacuated since January 2017", quantity=q(680))),
        {("OPS708", "$.key_figures[0].quantity")},
    ),
    (
        "OPS801",
        evolve(contacts=(attrs.evolve(ANA, email="ana@example.o"),)),
        {("OPS801", "$.contacts[0].email")},
    ),
    (
        "OPS802",
        evolve(contacts=(ANA, attrs.evolve(BEN, email="ANA@example.org"))),
        {("OPS802", "$.contacts[1].email")},
    ),
    (
        "OPS803",
        evolve(contacts=(attrs.evolve(ANA, phone="20 00 00 01"),)),
        {("OPS803", "$.contacts[0].phone")},
    ),
    (
        "OPS804",
        evolve(links=(Link(label="Portal", url="http://portal.example.org/mali"),)),
        {("OPS804", "$.links[0].url")},
    ),
    (
        "OPS805",
        evolve(
            links=(
                Link(label="A", url="https://example.org/a"),
                Link(label="B", url="https://example.org/a/"),
            )
        ),
        {("OPS805", "$.links[1].url")},
    ),
    ("OPS901", populations(as_of=day("2017-10-31")), {("OPS901", "$.populations.as_of")}),
    ("OPS902", populations(as_of=day("2016-10")), {("OPS902", "$.populations.as_of")}),
    (
        "OPS903",
        both(evolve(published=day("2017-06-20")), populations(as_of=JUNE_30)),
        {("OPS903", "$.populations.as_of"), ("OPS107", "$.funding.as_of")},
    ),
    (
        "OPS904",
        evolve(published=day("2017-05-15")),
        {("OPS904", "$.published"), ("OPS107", "$.funding.as_of")},
    ),
]

PASSING: list[tuple[str, Edit]] = [
    ("OPS101", funding(requested=m("20.0"), funded=m("20.0"))),
    ("OPS102", funding(requested=m("20.0"), funded=m("5.0"), unfunded=m("15.0"))),
    ("OPS102", funding(requested=m("48.3"), funded=m("11.2"), unfunded=m("37.1"))),
    ("OPS103", funding(requested=m("48.3"), funded=m("11.2"), funded_percent=pct("23"))),
    ("OPS104", funding(requested=m("48.3"), funded=m("11.2"), unfunded_percent=pct("77"))),
    ("OPS105", funding(funded_percent=pct("7"), unfunded_percent=pct("93"))),
    ("OPS105", funding(funded_percent=pct("7.5"), unfunded_percent=pct("92.5"))),
    ("OPS106", evolve(funding=Funding(currency="EUR"))),
    ("OPS107", funding(as_of=JUNE_30)),
    # A funding cut-off a few weeks after the period is common practice.
    ("OPS107", funding(as_of=day("2017-07-31"))),
    ("OPS107", funding(as_of=day("2017-08"))),
    ("OPS108", funding(requested=m("42.7"))),
    ("OPS201", total(628184)),
    ("OPS208", group(3, share=pct("8"))),
    (
        "OPS209",
        add_group(
            PopulationGroup(
                types=(PopulationType.IDP,),
                label="IDPs in Mopti",
                count=q(20000),
                origin="MLI",
                place="Mopti",
                part_of="IDPs",
            )
        ),
    ),
    (
        "OPS202",
        group(
            4, by_origin=(OriginCount(origin="MRT", count=q(15586)), OriginCount(origin="CAF", count=q(2000)))
        ),
    ),
    ("OPS203", group(3, by_sex=(SexCount(sex=Sex.F, count=q(27961)), SexCount(sex=Sex.M, count=q(24000))))),
    (
        "OPS204",
        group(5, by_age=(AgeCount(min_age=0, max_age=17, count=q(273)), AgeCount(min_age=18, count=q(100)))),
    ),
    # Same type as groups[4] (refugees of mixed origin) but another origin: not a duplicate.
    (
        "OPS205",
        add_group(
            PopulationGroup(
                types=(PopulationType.REF,), label="Mauritanian refugees", count=q(5), origin="MRT"
            )
        ),
    ),
    ("OPS206", group(1, residence=Residence.ABROAD, origin="MLI")),
    ("OPS207", total(628184)),
    ("OPS301", presence(stated_staff_total=q(87))),
    ("OPS302", office(2, count=2)),
    ("OPS303", presence(stated_office_total=q(5))),
    (
        "OPS304",
        staff(
            0,
            parts=(
                StaffPart(category=StaffCategory.NATIONAL, label="national officers", count=q(11)),
                StaffPart(category=StaffCategory.NATIONAL, label="general service", count=q(57)),
            ),
        ),
    ),
    ("OPS401", stated_counts(PartnerCount(count=8, text="eight key partners"))),
    ("OPS402", partner(6, name="Stop Sahel")),
    ("OPS501", add_other_donor(Donor(name="Sweden", country="SWE", private=True))),
    ("OPS502", donors(ordered_by_amount=True)),
    ("OPS503", donors(year=2017)),
    ("OPS601", group(0, footnotes=("*",))),
    ("OPS602", evolve(footnotes=(Footnote(marker="*", text="Source: UNHCR."),))),
    (
        "OPS603",
        both(
            group(0, footnotes=("**",)),
            evolve(
                footnotes=(
                    Footnote(marker="*", text="Source: UNHCR."),
                    Footnote(marker="**", text="Estimate."),
                )
            ),
        ),
    ),
    ("OPS701", highlight("Les réfugiés et les demandeurs d'asile sont accueillis au Mali depuis 2012.")),
    ("OPS702", statement(3, 0, text="UNHCR is restoring eight water points and constructing 12 boreholes.")),
    ("OPS703", stated_counts(PartnerCount(count=8, text="eight key partners"))),
    ("OPS704", highlight("Mali counts some 52,000 IDPs and 51,961 IDPs exactly, and 52,000 IDPs rounded.")),
    ("OPS705", group(3, count=Quantity(value=51961, printed="51,961"))),
    (
        "OPS706",
        both(group(3, count=Quantity(value=51961, printed="51,961")), highlight("Mali: 51,961 IDPs.")),
    ),
    ("OPS707", key_figures(KeyFigure(label="of children vaccinated", percent=pct("91.3")))),
    ("OPS708", key_figures(KeyFigure(label="860 people evacuated since January 2017", quantity=q(860)))),
    ("OPS801", evolve(contacts=(ANA,))),
    ("OPS802", evolve(contacts=(ANA, BEN))),
    ("OPS803", evolve(contacts=(attrs.evolve(ANA, phone="+223 75 99 72 62"),))),
    ("OPS804", evolve(links=(Link(label="Portal", url="https://portal.example.org/mali"),))),
    ("OPS804", evolve(links=(Link(label="Portal", url="www.unhcr.org/mali"),))),  # no scheme printed
    (
        "OPS805",
        evolve(
            links=(Link(label="A", url="https://example.org/a"), Link(label="B", url="https://example.org/b"))
        ),
    ),
    ("OPS901", populations(as_of=JUNE_30)),
    ("OPS901", populations(as_of=day("2017-07-31"))),
    ("OPS902", populations(as_of=day("2017-06-01"))),
    # Staff and population figures lagging by a quarter are common practice.
    ("OPS902", populations(as_of=day("2017-03"))),
    ("OPS903", both(evolve(published=day("2017-07-05")), populations(as_of=JUNE_30))),
    ("OPS904", evolve(published=day("2017-07-05"))),
]


def test_the_base_is_clean(base: Factsheet) -> None:
    assert check(base) == []


@pytest.mark.parametrize(("code", "edit", "expected"), FAILING, ids=[c for c, _, _ in FAILING])
def test_failing_case(base: Factsheet, code: str, edit: Edit, expected: set[tuple[str, str]]) -> None:
    assert code in {c for c, _ in expected}
    assert found(edit(base)) == expected


@pytest.mark.parametrize(("code", "edit"), PASSING, ids=[c for c, _ in PASSING])
def test_passing_case(base: Factsheet, code: str, edit: Edit) -> None:
    assert found(edit(base)) == set()


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    from opsfacts.checks import rules

    codes = {r.code for r in rules() if r.code.startswith("OPS")}
    assert codes == {c for c, _, _ in FAILING}
    assert codes == {c for c, _ in PASSING}


def test_gap_message_gives_printed_and_computed(base: Factsheet) -> None:
    (finding,) = check(funding(requested=m("20.0"), funded=m("5.0"), unfunded=m("16.0"))(base))
    assert finding.message == (
        "the unfunded amount is printed as USD 16.0 M, but requested 20.0 M minus funded 5.0 M is 15.0 M"
    )
    assert finding.values == {"stated": "16000000", "computed": "15000000", "scale": "million"}


def test_percent_message_gives_the_interval(base: Factsheet) -> None:
    edit = funding(requested=m("48.3"), funded=m("11.2"), funded_percent=pct("30"))
    (finding,) = check(edit(base))
    assert "printed as 30%" in finding.message
    assert "23.19%" in finding.message
    assert finding.values == {"stated": "30", "computed": "23.19"}


def test_target_message_says_what_the_text_says(base: Factsheet) -> None:
    edit = statement(3, 0, text="UNHCR is restoring 8 water points and constructing 15 boreholes in Gao.")
    (finding,) = check(edit(base))
    assert finding.message == "the target 12 boreholes is not in its statement: the text says 15 boreholes"


def test_target_with_words_and_separators_is_found(base: Factsheet) -> None:
    edit = statement(
        0,
        2,
        text="Cash grants for 6 000 refugee returnees.",
        targets=(Target(quantity=q(6000), unit="refugee returnees"),),
    )
    # The target is found; "6 000" beside the "1,500" of another statement mixes grouping styles.
    assert found(edit(base)) == {("OPS706", "$.activities[1].statements[0].text")}


def test_abroad_group_of_other_nationals_is_reported(base: Factsheet) -> None:
    edit = group(1, origin="BFA")
    assert found(edit(base)) == {("OPS206", "$.populations.groups[1]")}


def test_hosted_refugees_from_the_country_itself_are_reported(base: Factsheet) -> None:
    edit = group(1, residence=Residence.HOSTED)
    assert found(edit(base)) == {("OPS206", "$.populations.groups[1]")}


def test_idps_abroad_are_reported(base: Factsheet) -> None:
    edit = group(3, residence=Residence.ABROAD)
    assert found(edit(base)) == {("OPS206", "$.populations.groups[3]")}


def test_population_total_excludes_groups_abroad(base: Factsheet) -> None:
    (finding,) = check(total(768287)(base))
    assert finding.values == {"stated": 768287, "computed": 628184, "counts": "people"}
    assert "leaving out 1 group(s) living abroad" in finding.message


def test_partner_kinds_are_counted_separately(base: Factsheet) -> None:
    edit = partner(4, type=OrganisationType.GOVERNMENT)  # Luxembourg Red Cross made governmental
    assert found(edit(base)) == {
        ("OPS401", "$.partners.stated_counts[1].count"),
        ("OPS401", "$.partners.stated_counts[2].count"),
    }


def add_office(f: Factsheet) -> Factsheet:
    assert f.presence is not None
    liaison = attrs.evolve(
        f.presence.offices[0], type=OfficeType.OTHER, label="Liaison Office", locations=("Kayes",)
    )
    return attrs.evolve(f, presence=attrs.evolve(f.presence, offices=(*f.presence.offices, liaison)))


def test_office_of_another_type_is_counted_in_the_total(base: Factsheet) -> None:
    assert found(both(presence(stated_office_total=q(6)), add_office)(base)) == set()
    assert found(both(presence(stated_office_total=q(5)), add_office)(base)) == {
        ("OPS303", "$.presence.stated_office_total")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Foot note] Ti vendem quassequi ad quas dus dolorrovit pa corem conet eos eum et alignatusdae "
        "dende el es eum similitirarenum.",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
        "Funding is at XX% of requirements.",
        "USD X.X M requested.",
        "[Figure]",
        "Caption: [insert photo credit]",
        "Partners: TBD",
        "Contact xxx for details.",
        "■",
        "- ",
        "Quas eum sequi dolorem quia ratione voluptatem numquam eius modi tempora.",
    ],
)
def test_placeholder_texts_are_caught(text: str) -> None:
    assert placeholder_reason(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Agence de Développement Economique et Social",
        "Association Malienne pour la Survie du Sahel",
        "Terre Sans Frontieres",
        "UNHCR's DAFI scholarship is enabling three refugees in Mali access higher education.",
        "The Ministry of Territorial Administration (National Commission for Refugees)",
        "Les réfugiés et les demandeurs d'asile sont accueillis au Mali.",
        "Los refugiados y solicitantes de asilo en el país reciben asistencia.",
        "X-ray equipment for 3 health centres; 4x4 vehicles.",
        "Funded 7%",
        "United Nations Development Assistance Framework - Stabilization (UNDAF+)",
        "Radio Mali [FM 92.0] broadcasts in Bambara.",
    ],
)
def test_real_texts_are_not_placeholders(text: str) -> None:
    assert placeholder_reason(text) is None


def test_every_text_of_the_corrected_example_is_real(base: Factsheet) -> None:
    from opsfacts.checks._text import _texts

    texts = list(_texts(base))
    assert len(texts) > 50
    assert [t for _, t in texts if placeholder_reason(t) is not None] == []


def test_finding_values_are_json_friendly(base: Factsheet) -> None:
    import json

    edit = funding(requested=m("20.0"), funded=m("5.0"), unfunded=m("16.0"), as_of=day("2017-09-01"))
    findings = check(edit(base))
    assert [f.code for f in findings] == ["OPS107", "OPS102"]
    data = json.loads(json.dumps([f.as_dict() for f in findings]))
    assert data[0]["values"] == {"as_of": "2017-09-01", "limit": "2017-06-30"}
    assert data[1]["severity"] == "error"


def test_statement_without_targets_is_fine(base: Factsheet) -> None:
    edit = statement(3, 0, targets=())
    assert found(edit(base)) == set()
