"""The checks retuned for format 2.0: what real factsheets print is checked, not misread.

Each case is a small factsheet with one block; ``found`` runs every rule and returns the
(code, path) pairs, so a case also shows that no other rule fires.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest

from opsfacts import (
    CategoryCount,
    Factsheet,
    Figure,
    Funding,
    KeyFigure,
    Operation,
    Organisation,
    Partner,
    PartnerCount,
    Partners,
    Percentage,
    Period,
    PopulationGroup,
    Populations,
    PopulationTotal,
    Quantity,
    Scale,
    SexCount,
    Statement,
    Target,
)
from opsfacts.checks import check
from opsfacts.checks._number_words import numbers_in
from opsfacts.checks._precision import figure_interval, format_figure
from opsfacts.checks._text import placeholder_reason
from opsfacts.model import (
    AgeCount,
    BreakdownAxis,
    OrganisationType,
    PartialDate,
    PartnerRole,
    PlaceType,
    PopulationType,
    Qualifier,
    Sector,
    SectorActivities,
    SectorCode,
    Setting,
    Sex,
)

REF, IDP, ASY, HST = PopulationType.REF, PopulationType.IDP, PopulationType.ASY, PopulationType.HST


def sheet(**parts: Any) -> Factsheet:
    values: dict[str, Any] = {
        "publisher": Organisation(name="UNHCR"),
        "operation": Operation(name="Ethiopia", countries=("ETH",)),
        "title": "Ethiopia Factsheet, March 2019",
        "period": Period(start=PartialDate("2019-03")),
    }
    values.update(parts)
    return Factsheet(**values)


def found(factsheet: Factsheet) -> set[tuple[str, str]]:
    return {(f.code, f.path) for f in check(factsheet)}


def q(value: int, qualifier: Qualifier = Qualifier.EXACT) -> Quantity:
    return Quantity(value=value, qualifier=qualifier)


def pct(value: str) -> Percentage:
    return Percentage(value=Decimal(value))


def group(label: str, count: int | Quantity | None, *types: PopulationType, **kw: Any) -> PopulationGroup:
    quantity = Quantity(value=count) if isinstance(count, int) else count
    return PopulationGroup(label=label, types=types, count=quantity, origin=kw.pop("origin", "SSD"), **kw)


def pops(*groups: PopulationGroup, **kw: Any) -> Factsheet:
    return sheet(populations=Populations(groups=groups, **kw))


# --- duplicates consider place, setting and households ----------------------------------------


def test_idps_in_two_regions_are_not_duplicates() -> None:
    doc = pops(
        group("IDPs - Somali", 900_000, IDP, origin="ETH", place="Somali", place_type=PlaceType.REGION),
        group("IDPs - Oromia", 700_000, IDP, origin="ETH", place="Oromia", place_type=PlaceType.REGION),
    )
    assert found(doc) == set()


def test_same_type_in_the_same_place_is_a_duplicate() -> None:
    doc = pops(
        group("Refugees - Gambella", 400_000, REF, place="Gambella"),
        group("South Sudanese in Gambella", 30_000, REF, place="GAMBELLA"),
    )
    assert found(doc) == {("OPS205", "$.populations.groups[1]")}


def test_camp_and_urban_refugees_are_not_duplicates() -> None:
    doc = pops(
        group("Refugees in camps", 400_000, REF, setting=Setting.CAMP),
        group("Urban refugees", 30_000, REF, setting=Setting.URBAN),
    )
    assert found(doc) == set()


def test_households_beside_people_are_not_duplicates() -> None:
    doc = pops(
        group("Refugees", 400_000, REF),
        PopulationGroup(label="Refugee households", types=(REF,), households=q(90_000), origin="SSD"),
    )
    assert found(doc) == set()


# --- a group's figure found in the text however the text names it ----------------------------


def narrative(*groups: PopulationGroup, text: str) -> Factsheet:
    return sheet(highlights=(text,), populations=Populations(groups=groups))


@pytest.mark.parametrize(
    "gambella",
    [
        group("Refugees - Gambella", 32_610, REF),
        group("Refugees", 32_610, REF, place="Gambella"),
        group("Refugees (Gambella)", 32_610, REF, place="Gambella"),
    ],
)
def test_text_naming_a_group_differently_is_compared(gambella: PopulationGroup) -> None:
    wrong = narrative(gambella, text="Ethiopia hosts 23,000 refugees in Gambella.")
    assert found(wrong) == {("OPS704", "$.highlights[0]")}
    right = narrative(gambella, text="Ethiopia hosts 32,610 refugees in Gambella.")
    assert found(right) == set()


def test_a_name_shared_by_two_places_is_compared_only_with_its_place() -> None:
    groups = (
        group("IDPs", 51_961, IDP, origin="ETH", place="Somali"),
        group("IDPs", 40_000, IDP, origin="ETH", place="Oromia"),
    )
    assert found(narrative(*groups, text="There are 45,000 IDPs in the region.")) == set()
    assert found(narrative(*groups, text="There are 45,000 IDPs in Oromia.")) == {
        ("OPS704", "$.highlights[0]")
    }


def test_french_text_is_compared() -> None:
    doc = sheet(
        language="fr",
        highlights=("Le pays accueille 23 000 réfugiés à Gambella.",),
        populations=Populations(groups=(group("Réfugiés - Gambella", 32_610, REF),)),
    )
    assert found(doc) == {("OPS704", "$.highlights[0]")}


# --- breakdowns and totals with the right relation --------------------------------------------


def test_partial_breakdown_may_add_up_to_less_than_the_group() -> None:
    children = (AgeCount(min_age=0, max_age=17, count=q(3_200)),)
    partial = group("Refugees", 10_000, REF, by_age=children, partial=(BreakdownAxis.AGE,))
    assert found(pops(partial)) == set()
    complete = group("Refugees", 10_000, REF, by_age=children)
    assert found(pops(complete)) == {("OPS204", "$.populations.groups[0].by_age")}


def test_partial_breakdown_larger_than_the_group_is_reported() -> None:
    children = (AgeCount(min_age=0, max_age=17, count=q(12_000)),)
    doc = pops(group("Refugees", 10_000, REF, by_age=children, partial=(BreakdownAxis.AGE,)))
    assert found(doc) == {("OPS204", "$.populations.groups[0].by_age")}
    (finding,) = check(doc)
    assert "partial breakdown" in finding.message
    assert "more than" in finding.message


def by_sex(*percents: str) -> tuple[SexCount, ...]:
    return tuple(
        SexCount(sex=sex, percent=pct(p))
        for sex, p in zip((Sex.F, Sex.M, Sex.U)[: len(percents)], percents, strict=True)
    )


def test_percentage_breakdown_adds_up_to_100_within_printed_precision() -> None:
    assert found(pops(group("Refugees", 10_000, REF, by_sex=by_sex("52", "48")))) == set()
    assert found(pops(group("Refugees", 10_000, REF, by_sex=by_sex("33.3", "33.3", "33.3")))) == set()
    # 52 + 47 may be 99.99 before rounding; 52 + 46 cannot be 100.
    assert found(pops(group("Refugees", 10_000, REF, by_sex=by_sex("52", "47")))) == set()
    assert found(pops(group("Refugees", 10_000, REF, by_sex=by_sex("52", "46")))) == {
        ("OPS203", "$.populations.groups[0].by_sex")
    }


def test_partial_percentage_breakdown_may_add_up_to_less_than_100() -> None:
    women = (SexCount(sex=Sex.F, percent=pct("52")),)
    assert found(pops(group("Refugees", 10_000, REF, by_sex=women))) == {
        ("OPS203", "$.populations.groups[0].by_sex")
    }
    assert found(pops(group("Refugees", 10_000, REF, by_sex=women, partial=(BreakdownAxis.SEX,)))) == set()


def test_breakdown_of_a_group_printed_in_households_is_not_compared_with_people() -> None:
    households = PopulationGroup(
        label="Refugee households",
        types=(REF,),
        households=q(2_000),
        origin="SSD",
        by_sex=(SexCount(sex=Sex.F, count=q(5_200)), SexCount(sex=Sex.M, count=q(4_800))),
    )
    assert found(pops(households)) == set()


def test_households_are_summed_with_households() -> None:
    groups = (
        PopulationGroup(label="Refugees", types=(REF,), count=q(10_000), households=q(2_000), origin="SSD"),
        PopulationGroup(
            label="Asylum seekers", types=(ASY,), count=q(1_000), households=q(300), origin="SSD"
        ),
    )
    right = PopulationTotal(count=q(11_000), households=q(2_300))
    assert found(pops(*groups, totals=(right,))) == set()
    wrong = PopulationTotal(count=q(11_000), households=q(11_000))
    assert found(pops(*groups, totals=(wrong,))) == {("OPS201", "$.populations.totals[0].households")}


def test_total_leaves_out_host_communities() -> None:
    groups = (group("Refugees", 10_000, REF), group("Host community", 50_000, HST, origin="ETH"))
    assert found(pops(*groups, totals=(PopulationTotal(count=q(10_000)),))) == set()


def test_total_with_a_group_not_counted_in_people_is_a_lower_bound() -> None:
    groups = (
        group("Refugees", 10_000, REF),
        PopulationGroup(label="Asylum seekers", types=(ASY,), households=q(300), origin="SSD"),
    )
    assert found(pops(*groups, totals=(PopulationTotal(count=q(11_000)),))) == set()
    assert found(pops(*groups, totals=(PopulationTotal(count=q(9_000)),))) == {
        ("OPS201", "$.populations.totals[0].count"),
        ("OPS207", "$.populations.groups[0].count"),
    }


def test_qualified_total_is_compared_as_a_range() -> None:
    groups = (group("Refugees", 10_000, REF), group("Asylum seekers", 1_000, ASY))
    assert found(pops(*groups, totals=(PopulationTotal(count=q(10_000, Qualifier.AT_LEAST)),))) == set()
    assert found(pops(*groups, totals=(PopulationTotal(count=q(12_000, Qualifier.ABOUT)),))) == set()
    assert found(pops(*groups, totals=(PopulationTotal(count=q(12_000, Qualifier.AT_LEAST)),))) == {
        ("OPS201", "$.populations.totals[0].count")
    }


GOVERNMENT_AND_UNHCR = (
    group("Refugees (government figures)", 12_000, REF, source="Government", place="Gambella"),
    group("Refugees (biometric registration)", 10_500, REF, source="UNHCR", place="Gambella camps"),
)


def test_totals_from_different_sources_are_not_one_total() -> None:
    totals = (
        PopulationTotal(count=q(12_000), source="Government"),
        PopulationTotal(count=q(10_500), source="UNHCR"),
    )
    assert found(pops(*GOVERNMENT_AND_UNHCR, totals=totals)) == set()


def test_a_total_that_disagrees_with_its_own_source_is_reported() -> None:
    totals = (
        PopulationTotal(count=q(12_000), source="Government"),
        PopulationTotal(count=q(11_000), source="UNHCR"),
    )
    assert found(pops(*GOVERNMENT_AND_UNHCR, totals=totals)) == {("OPS201", "$.populations.totals[1].count")}
    (finding,) = check(pops(*GOVERNMENT_AND_UNHCR, totals=totals))
    assert "groups counted by UNHCR" in finding.message


def test_totals_of_sources_no_group_names_are_each_compared_with_all_groups() -> None:
    groups = (group("Refugees in camps", 12_000, REF), group("Urban refugees", 10_500, REF, place="Addis"))
    totals = (
        PopulationTotal(count=q(22_500), source="Government"),
        PopulationTotal(count=q(20_000), source="IOM"),
    )
    (finding,) = check(pops(*groups, totals=totals))
    assert (finding.code, finding.path) == ("OPS201", "$.populations.totals[1].count")
    assert "no group is attributed to IOM" in finding.message


# Ethiopia (Gambella): the camps are counted by ARRA/UNHCR, the block's source; a second
# total from the biometric verification counts the same refugees another way.
CAMPS = (
    group("Jewi", 58_432, REF, place="Jewi"),
    group("Kule", 51_306, REF, place="Kule"),
)


def test_a_total_from_another_source_than_the_groups_is_not_their_sum() -> None:
    totals = (
        PopulationTotal(count=q(109_738), label="Refugees - Gambella", source="ARRA/UNHCR"),
        PopulationTotal(count=q(101_590), label="verified", source="Level-3 biometric registration"),
    )
    assert found(pops(*CAMPS, totals=totals, source="ARRA/UNHCR")) == set()


def test_the_total_of_the_groups_source_is_still_compared() -> None:
    totals = (
        PopulationTotal(count=q(118_738), label="Refugees - Gambella", source="ARRA/UNHCR"),
        PopulationTotal(count=q(101_590), label="verified", source="Level-3 biometric registration"),
    )
    doc = pops(*CAMPS, totals=totals, source="ARRA/UNHCR")
    assert found(doc) == {("OPS201", "$.populations.totals[0].count")}


def test_a_total_of_some_types_adds_up_only_those() -> None:
    idps = (
        group("Ouham", 300_000, IDP, origin="ETH", place="Ouham"),
        group("Ouaka", 177_550, IDP, origin="ETH", place="Ouaka"),
    )
    refugees = group("Réfugiés et demandeurs d'asile", 9_870, REF, ASY, origin="SDN")
    right = PopulationTotal(count=q(477_550), types=(IDP,))
    assert found(pops(*idps, refugees, totals=(right,))) == set()
    wrong = PopulationTotal(count=q(484_550), types=(IDP,))
    assert found(pops(*idps, refugees, totals=(wrong,))) == {("OPS201", "$.populations.totals[0].count")}


# --- placeholders in any printed figure -------------------------------------------------------


def test_placeholder_in_the_funding_box_is_found_and_no_arithmetic_misfires() -> None:
    funding = Funding(
        currency="USD",
        requested=Figure(value=Decimal("48.3"), scale=Scale.MILLION),
        funded=Figure(printed="USD [Figure] M"),
        unfunded=Figure(value=Decimal("37.1"), scale=Scale.MILLION),
        funded_percent=Percentage(printed="[XX]%"),
        unfunded_percent=pct("77"),
    )
    assert found(sheet(funding=funding)) == {
        ("OPS701", "$.funding.funded"),
        ("OPS701", "$.funding.funded_percent"),
    }
    messages = {f.path: f.message for f in check(sheet(funding=funding))}
    assert "no value was printed" in messages["$.funding.funded"]
    assert "placeholder" in messages["$.funding.funded"]


@pytest.mark.parametrize("printed", ["[XX]", "[amount]", "TBC", "XX", "xxx"])
def test_placeholder_counts_are_found(printed: str) -> None:
    doc = pops(
        group("Refugees", 10_000, REF),
        group("Asylum seekers", Quantity(printed=printed), ASY),
        totals=(PopulationTotal(count=q(10_500)),),
    )
    assert found(doc) == {("OPS701", "$.populations.groups[1].count")}


def test_zeros_printed_for_a_value_are_a_placeholder() -> None:
    doc = pops(group("Refugees", Quantity(value=0, printed="00"), REF))
    assert found(doc) == {("OPS701", "$.populations.groups[0].count")}
    assert found(pops(group("Refugees", Quantity(value=0, printed="0"), REF))) == set()


def test_a_value_that_was_never_printed_is_said_so() -> None:
    doc = pops(group("Refugees", Quantity(printed="see map"), REF))
    (finding,) = check(doc)
    assert (finding.code, finding.path) == ("OPS701", "$.populations.groups[0].count")
    assert "no value was printed" in finding.message
    assert "no number in it" in finding.message


# --- digit grouping ---------------------------------------------------------------------------


@pytest.mark.parametrize("printed", ["3, 417", "34,17", "3 ,417", "3,41,7"])
def test_irregular_grouping_is_reported(printed: str) -> None:
    doc = pops(group("Refugees", Quantity(value=3417, printed=printed), REF))
    assert found(doc) == {("OPS705", "$.populations.groups[0].count.printed")}


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (3417, "3,417"),
        (3417, "3 417"),
        (412_305, "412.305"),
        (1_200_000, "1.2 million"),
        (6500, "over 6,500"),
    ],
)
def test_regular_grouping_is_not_reported(value: int, printed: str) -> None:
    assert found(pops(group("Refugees", Quantity(value=value, printed=printed), REF))) == set()


def test_decimals_are_not_groupings() -> None:
    figure = KeyFigure(
        label="of children vaccinated", percent=Percentage(value=Decimal("91.3"), printed="91.3 %")
    )
    french = KeyFigure(
        label="enfants vaccinés", percent=Percentage(value=Decimal("41.27"), printed="41,27 %")
    )
    assert found(sheet(key_figures=(figure, french))) == set()
    assert numbers_in("91.3 % of children and 2.125 million people") == ()


@pytest.mark.parametrize(
    ("printed", "text"),
    [("412.305", "The country hosts 412,305 refugees."), ("412 305", "The country hosts 412,305 refugees.")],
)
def test_mixed_grouping_styles_are_reported(printed: str, text: str) -> None:
    doc = sheet(
        highlights=(text,),
        populations=Populations(groups=(group("Refugees", Quantity(value=412_305, printed=printed), REF),)),
    )
    assert found(doc) == {("OPS706", "$.highlights[0]")}


def test_one_grouping_style_in_a_french_document_passes() -> None:
    doc = sheet(
        language="fr",
        highlights=(
            "Le pays accueille 412 305 réfugiés, dont 52,4 % de femmes et 1,500 nouveaux arrivants.",
        ),
        populations=Populations(groups=(group("Réfugiés", Quantity(value=412_305, printed="412 305"), REF),)),
    )
    assert found(doc) == set()


def test_text_rules_read_grouped_numbers_as_one_number() -> None:
    assert [v for v, _, _ in numbers_in("412.305 refugees, 412 305 refugees, 412,305 refugees")] == [
        412_305
    ] * 3
    assert [v for v, _, _ in numbers_in("Radio Mali [FM 92.0]: 91.3 %")] == []
    doc = narrative(group("Refugees", 412_305, REF), text="The country hosts 412.305 refugees.")
    assert found(doc) == set()


# --- dates: normal cut-offs pass, implausible ones are reported --------------------------------

JUNE = Period(start=PartialDate("2017-06-01"), end=PartialDate("2017-06-30"))


def dated(**parts: Any) -> Factsheet:
    return sheet(period=JUNE, **parts)


def test_funding_cut_off_a_fortnight_after_the_period_is_normal() -> None:
    doc = dated(
        published=PartialDate("2017-07-20"), funding=Funding(currency="USD", as_of=PartialDate("2017-07-14"))
    )
    assert found(doc) == set()


def test_funding_cut_off_months_after_the_period_is_reported() -> None:
    doc = dated(funding=Funding(currency="USD", as_of=PartialDate("2017-10-15")))
    assert found(doc) == {("OPS107", "$.funding.as_of")}


def test_a_cut_off_month_overlapping_publication_is_not_after_it() -> None:
    doc = dated(
        published=PartialDate("2017-07-05"),
        funding=Funding(currency="USD", as_of=PartialDate("2017-07")),
        populations=Populations(groups=(), as_of=PartialDate("2017-07")),
    )
    assert found(doc) == set()


def test_staff_figures_a_quarter_old_are_normal_but_a_year_old_are_not() -> None:
    from opsfacts import Presence

    assert found(dated(presence=Presence(as_of=PartialDate("2017-03")))) == set()
    assert found(dated(presence=Presence(as_of=PartialDate("2016")))) == set()  # may mean December 2016
    assert found(dated(presence=Presence(as_of=PartialDate("2016-06")))) == {("OPS902", "$.presence.as_of")}


def test_a_sheet_dated_by_one_day_is_checked_against_that_day() -> None:
    day = sheet(period=None, date=PartialDate("2019-03-15"))
    assert found(day) == set()
    assert (
        found(sheet(period=None, date=PartialDate("2019-03-15"), published=PartialDate("2019-03-20")))
        == set()
    )
    late = sheet(
        period=None,
        date=PartialDate("2019-03-15"),
        populations=Populations(groups=(), as_of=PartialDate("2019-07")),
    )
    assert found(late) == {("OPS901", "$.populations.as_of")}
    early = sheet(period=None, date=PartialDate("2019-03-15"), published=PartialDate("2019-02"))
    assert found(early) == {("OPS904", "$.published")}


# --- number words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("twenty-five key partners", "en", 25),
        ("one hundred and five partners", "en", 105),
        ("vingt-cinq partenaires", "fr", 25),
        ("quatre-vingt-dix partenaires", "fr", 90),
        ("soixante et onze partenaires", "fr", 71),
        ("veinticinco socios", "es", 25),
        ("treinta y cinco socios", "es", 35),
        ("twenty-five key partners", None, 25),
        ("vingt-cinq partenaires", None, 25),
    ],
)
def test_compound_number_words(text: str, language: str | None, value: int) -> None:
    assert [v for v, _, _ in numbers_in(text, language)] == [value]


def partners_saying(text: str, count: int, language: str = "en") -> Factsheet:
    listed = tuple(Partner(name=f"Partner {i}") for i in range(count))
    return sheet(
        language=language,
        partners=Partners(partners=listed, stated_counts=(PartnerCount(count=count, text=text),)),
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [("twenty-five key partners", "en"), ("vingt-cinq partenaires clés", "fr"), ("veinticinco socios", "es")],
)
def test_compound_count_words_are_one_number(text: str, language: str) -> None:
    assert found(partners_saying(text, 25, language)) == set()
    listed = tuple(Partner(name=f"Partner {i}") for i in range(20))
    wrong = sheet(
        language=language,
        partners=Partners(partners=listed, stated_counts=(PartnerCount(count=20, text=text),)),
    )
    assert found(wrong) == {("OPS703", "$.partners.stated_counts[0].count")}


def test_french_target_in_words_is_found() -> None:
    activity = SectorActivities(
        sector=Sector(code=SectorCode.WASH, name="Eau et assainissement"),
        statements=(
            Statement(
                text="Le HCR construit vingt-cinq forages à Gao.",
                targets=(Target(quantity=q(25), unit="forages"),),
            ),
        ),
    )
    assert found(sheet(language="fr", activities=(activity,))) == set()


# --- lorem ipsum ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Le HCR et ses partenaires apportent une assistance aux réfugiés et aux demandeurs d'asile "
        "dans les camps de Gambella ; la quasi-totalité des nouveaux arrivants sont des femmes et des "
        "enfants qui ont fui les violences.",
        "Quatre-vingt-dix pour cent des réfugiés vivent dans des camps, où l'accès à l'eau potable reste "
        "en deçà des normes ; l'adaptation des services de santé est une priorité pour le HCR.",
        "El ACNUR y sus socios brindan asistencia a los refugiados y solicitantes de asilo en el país; "
        "la mayoría de las personas llegadas en 2019 son mujeres y niños que huyeron de la violencia.",
        "Los refugiados venezolanos que residen en Colombia enfrentan dolores y quasi ninguna "
        "oportunidad de empleo formal, según el último sondeo del ACNUR.",
    ],
)
def test_french_and_spanish_prose_is_not_filler(text: str) -> None:
    assert placeholder_reason(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Foot note] Ti vendem quassequi ad quas dus dolorrovit pa corem conet eos eum et alignatusdae "
        "dende el es eum similitirarenum.",
        "Quas eum sequi dolorem quia ratione voluptatem numquam eius modi tempora.",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
        "labore et dolore magna aliqua.",
    ],
)
def test_pseudo_latin_filler_is_still_found(text: str) -> None:
    assert placeholder_reason(text) is not None


# --- key figures ------------------------------------------------------------------------------


def test_key_figures_are_checked_like_targets() -> None:
    figures = (
        KeyFigure(label="people evacuated since January 2019", quantity=q(860)),
        KeyFigure(label="860 people evacuated", quantity=q(860)),
        KeyFigure(label="of children vaccinated", percent=pct("91.3")),
        KeyFigure(label="91.3 % of children vaccinated", percent=pct("91.3")),
        KeyFigure(label="shelters built", quantity=Quantity(value=2140, printed="2,140"), unit="shelters"),
    )
    assert found(sheet(key_figures=figures)) == set()
    wrong = (
        KeyFigure(label="people evacuated", quantity=Quantity(printed="[XX]")),
        KeyFigure(label="of children vaccinated", percent=pct("913")),
        KeyFigure(label="860 people evacuated", quantity=q(680)),
        KeyFigure(label="91.3 % of children vaccinated", percent=pct("93.1")),
    )
    assert found(sheet(key_figures=wrong)) == {
        ("OPS701", "$.key_figures[0].quantity"),
        ("OPS707", "$.key_figures[1].percent"),
        ("OPS708", "$.key_figures[2].quantity"),
        ("OPS708", "$.key_figures[3].percent"),
    }


def test_share_over_100_is_reported() -> None:
    doc = pops(group("Refugees", 10_000, REF, share=pct("120")))
    assert found(doc) == {("OPS707", "$.populations.groups[0].share")}


# --- partners: "and others" and untyped partners ----------------------------------------------


def test_and_others_allows_more_partners_than_listed() -> None:
    listed = tuple(Partner(name=n, type=OrganisationType.NATIONAL_NGO) for n in ("A", "B", "C"))
    stated = (PartnerCount(count=12, text="twelve partners"),)
    assert (
        found(sheet(partners=Partners(partners=listed, stated_counts=stated, and_others="and others")))
        == set()
    )
    assert found(sheet(partners=Partners(partners=listed, stated_counts=stated))) == {
        ("OPS401", "$.partners.stated_counts[0].count")
    }
    fewer = (PartnerCount(count=2, text="two partners"),)
    assert found(sheet(partners=Partners(partners=listed, stated_counts=fewer, and_others="and others"))) == {
        ("OPS401", "$.partners.stated_counts[0].count")
    }


GOVERNMENTAL = (OrganisationType.GOVERNMENT, OrganisationType.LOCAL_GOVERNMENT)


def test_untyped_partners_are_not_counted_as_governmental() -> None:
    listed = (
        Partner(name="Ministry of the Interior", type=OrganisationType.GOVERNMENT),
        Partner(name="Agency for Refugee Affairs"),
        Partner(name="Mercy Corps"),
    )
    two = (PartnerCount(count=2, text="two governmental", types=GOVERNMENTAL),)
    # One typed governmental partner and two untyped: two governmental cannot be ruled out.
    assert found(sheet(partners=Partners(partners=listed, stated_counts=two))) == set()
    four = (PartnerCount(count=4, text="four governmental", types=GOVERNMENTAL),)
    assert found(sheet(partners=Partners(partners=listed, stated_counts=four))) == {
        ("OPS401", "$.partners.stated_counts[0].count")
    }
    none = (PartnerCount(count=0, text="no governmental partner", types=GOVERNMENTAL),)
    assert found(sheet(partners=Partners(partners=listed, stated_counts=none))) == {
        ("OPS401", "$.partners.stated_counts[0].count")
    }


# --- printed shares (OPS208) and parts of a whole (OPS209) --------------------------------------


def burundi(rwanda: str, zambia: str = "2") -> Factsheet:
    rows = [("Tanzania", 110_300, "49"), ("Rwanda", 72_180, rwanda), ("DR Congo", 19_880, "9")]
    rows += [("Uganda", 18_966, "8"), ("Zambia and others", 5_187, zambia)]
    return pops(*(group(label, n, REF, ASY, origin="BDI", place=label, share=pct(p)) for label, n, p in rows))


def test_a_printed_share_must_be_the_count_over_the_total() -> None:
    assert found(burundi("32")) == set()
    assert found(burundi("37")) == {
        ("OPS208", "$.populations.groups[1].share"),
        ("OPS208", "$.populations.groups"),
    }


def test_shares_without_counts_add_up_to_no_more_than_100() -> None:
    def departments(*shares: str) -> Factsheet:
        return pops(
            *(
                PopulationGroup(label=f"Department {i}", share=pct(v), origin="VEN")
                for i, v in enumerate(shares)
            )
        )

    assert found(departments("61", "27", "9", "3")) == set()
    assert found(departments("61", "27", "9")) == set()  # the largest only: less than 100 is fine
    assert found(departments("61", "27", "9", "6")) == {("OPS208", "$.populations.groups")}
    assert found(departments("19.8", "11.2", "11.0", "9.5", "9.6", "7.3", "31.6")) == set()


def test_a_category_printed_with_count_and_percent_must_agree() -> None:
    children = CategoryCount(label="children", count=q(40_126), percent=pct("65"))
    assert found(pops(group("new arrivals", 61_732, REF, by_category=(children,)))) == set()
    wrong = attrs.evolve(children, percent=pct("56"))
    assert found(pops(group("new arrivals", 61_732, REF, by_category=(wrong,)))) == {
        ("OPS208", "$.populations.groups[0].by_category[0].percent")
    }


def test_a_part_is_no_more_than_its_whole() -> None:
    camps = group("Refugees in camps", 323_782, REF)
    arrivals = group("new arrivals", 61_732, REF, part_of="Refugees in camps", setting=Setting.CAMP)
    women = CategoryCount(label="women and children", count=q(53_870))
    assert found(pops(camps, attrs.evolve(arrivals, by_category=(women,)))) == set()
    more = attrs.evolve(women, count=q(63_870))
    assert found(pops(camps, attrs.evolve(arrivals, by_category=(more,)))) == {
        ("OPS209", "$.populations.groups[1].by_category[0].count")
    }
    larger = attrs.evolve(arrivals, count=q(400_000))
    assert found(pops(camps, larger)) == {("OPS209", "$.populations.groups[1].count")}
    # A group printed as part of a total: named by the total's label.
    total = PopulationTotal(count=q(323_782), label="Refugees - Gambella")
    inside = attrs.evolve(arrivals, part_of="Refugees - Gambella", count=q(400_000))
    assert found(pops(camps, inside, totals=(total,))) == {("OPS209", "$.populations.groups[1].count")}


def test_a_category_of_a_total_is_no_more_than_it() -> None:
    uasc = CategoryCount(label="Unaccompanied and separated children", count=q(26_418))
    total = PopulationTotal(count=q(20_000), by_category=(uasc,))
    assert found(pops(group("Refugees", 20_000, REF), totals=(total,))) == {
        ("OPS209", "$.populations.totals[0].by_category[0].count")
    }


def test_a_total_breakdown_by_age_adds_up_to_100() -> None:
    bands = (
        AgeCount(min_age=0, max_age=17, percent=pct("54")),
        AgeCount(min_age=18, max_age=59, percent=pct("39")),
        AgeCount(min_age=60, percent=pct("4")),
    )
    total = PopulationTotal(count=q(20_000), by_age=bands)
    assert found(pops(group("IDPs", 20_000, IDP, origin="ETH"), totals=(total,))) == {
        ("OPS204", "$.populations.totals[0].by_age")
    }
    fixed = attrs.evolve(total, by_age=(*bands[:2], AgeCount(min_age=60, percent=pct("7"))))
    assert found(pops(group("IDPs", 20_000, IDP, origin="ETH"), totals=(fixed,))) == set()


def test_groups_printed_with_a_share_only_are_not_duplicates() -> None:
    doc = pops(*(PopulationGroup(label=d, types=(IDP,), share=pct("40")) for d in ("Chiúre", "Mecúfi")))
    assert found(doc) == set()


# --- numbers in key-figure labels, qualified figures, grouping styles ------------------------


def test_numbers_in_a_label_that_count_something_else_are_not_the_figure() -> None:
    figures = (
        KeyFigure(
            label="requested by 22 partners in the 2015 Burundi Regional Refugee Response Plan",
            amount=Figure(value=Decimal("306.7"), scale=Scale.MILLION, printed="USD 306.7 M"),
            currency="USD",
        ),
        KeyFigure(label="requested by 22 partners in the 2015 plan", quantity=q(306_700_000)),
        KeyFigure(label="people displaced since 8 February", quantity=q(67_000, Qualifier.AT_LEAST)),
        KeyFigure(label="people displaced since February 8", quantity=q(67_000)),
        KeyFigure(label="people assisted in 2 provinces", quantity=q(5_900)),
    )
    assert found(sheet(key_figures=figures)) == set()
    wrong = (
        KeyFigure(label="over 860 people evacuated", quantity=q(680, Qualifier.AT_LEAST)),
        KeyFigure(label="built in Nguenyyiel: 1,800 shelters", quantity=q(2_140), unit="shelters"),
    )
    assert found(sheet(key_figures=wrong)) == {
        ("OPS708", "$.key_figures[0].quantity"),
        ("OPS708", "$.key_figures[1].quantity"),
    }


@pytest.mark.parametrize("printed", ["environ 12 000", "about 12,000", "12 000", "some 10,000"])
def test_a_qualified_or_grouped_number_is_not_a_placeholder(printed: str) -> None:
    value = int("".join(c for c in printed if c.isdigit()))
    figure = KeyFigure(label="personnes retournées", quantity=Quantity(value, Qualifier.ABOUT, printed))
    assert found(sheet(key_figures=(figure,), language="fr")) == set()


@pytest.mark.parametrize("printed", ["00", "0 000", "0,000"])
def test_zeros_standing_for_a_value_are_still_a_placeholder(printed: str) -> None:
    figure = KeyFigure(label="personnes retournées", quantity=Quantity(0, Qualifier.EXACT, printed))
    assert found(sheet(key_figures=(figure,))) == {("OPS701", "$.key_figures[0].quantity")}


def test_the_figures_grouped_against_the_majority_style_are_reported() -> None:
    figures = (
        KeyFigure(label="refugees and migrants", quantity=Quantity(1_729_537, printed="1.729.537")),
        KeyFigure(label="pre-registrations", quantity=Quantity(694_210, printed="694.210")),
    )
    doc = sheet(
        key_figures=figures,
        highlights=("Over 500,000 returnees; 14,820 people received legal orientation; 1,380 were hosted.",),
    )
    assert found(doc) == {
        ("OPS706", "$.key_figures[0].quantity.printed"),
        ("OPS706", "$.key_figures[1].quantity.printed"),
    }


def test_a_key_figure_contradicted_by_the_narrative_is_found() -> None:
    box = KeyFigure(label="people evacuated by boat from Mecúfi", quantity=q(860))
    text = "UNHCR and partners evacuated 680 people by boat from Mecúfi to Pemba, including 112 people."
    assert found(sheet(key_figures=(box,), highlights=(text,))) == {("OPS704", "$.key_figures[0].quantity")}
    right = attrs.evolve(box, quantity=q(680))
    assert found(sheet(key_figures=(right,), highlights=(text,))) == set()
    # Another number in other words is not a repetition.
    other = "UNHCR evacuated 680 people from Pemba by road."
    assert found(sheet(key_figures=(box,), highlights=(other,))) == set()


# --- partner counts by role, qualified ----------------------------------------------------------


def test_a_count_of_partners_in_one_role() -> None:
    listed = (
        Partner(name="Ministry of Local Government", type=OrganisationType.GOVERNMENT),
        Partner(name="Botswana Red Cross Society", role=PartnerRole.IMPLEMENTING),
        Partner(name="Skillshare International", role=PartnerRole.IMPLEMENTING),
    )
    two = (PartnerCount(count=2, text="two implementing partners", roles=(PartnerRole.IMPLEMENTING,)),)
    assert found(sheet(partners=Partners(partners=listed, stated_counts=two))) == set()
    one = (PartnerCount(count=1, text="one implementing partner", roles=(PartnerRole.IMPLEMENTING,)),)
    assert found(sheet(partners=Partners(partners=listed, stated_counts=one))) == {
        ("OPS401", "$.partners.stated_counts[0].count")
    }


def test_a_qualified_count_of_partners_is_a_range() -> None:
    listed = tuple(Partner(name=n) for n in ("UNICEF", "WFP", "UNFPA", "IOM"))
    over = (PartnerCount(count=3, text="over three organisations", qualifier=Qualifier.AT_LEAST),)
    assert found(sheet(partners=Partners(partners=listed, stated_counts=over))) == set()
    exact = (PartnerCount(count=3, text="three organisations"),)
    assert found(sheet(partners=Partners(partners=listed, stated_counts=exact))) == {
        ("OPS401", "$.partners.stated_counts[0].count")
    }


def test_figures_equal_in_value_keep_the_precision_they_were_printed_at() -> None:
    # The intervals and messages of figures are kept between rules; 48.3 and 48.30 are equal
    # figures, and must not share them.
    coarse, fine = (
        Figure(value=Decimal("48.3"), scale=Scale.MILLION),
        Figure(value=Decimal("48.30"), scale=Scale.MILLION),
    )
    assert coarse == fine
    assert figure_interval(coarse).high == Decimal("48350000")
    assert figure_interval(fine).high == Decimal("48305000")
    assert figure_interval(coarse).high == Decimal("48350000")  # kept, still its own
    assert (format_figure(coarse, "USD"), format_figure(fine, "USD")) == ("USD 48.3 M", "USD 48.30 M")
