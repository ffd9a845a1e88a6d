"""opsfacts.compare: every kind of change, on invented editions of the bundled factsheets."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import opsfacts
from conftest import AS_PUBLISHED, CORRECTED, REPO
from opsfacts import (
    Factsheet,
    OfficeType,
    OrganisationType,
    PartnerRole,
    PopulationType,
    Qualifier,
    Scale,
)
from opsfacts.compare import BLOCKS, Change, ChangeKind, DiffResult, diff, diff_files
from opsfacts.compare._words import word_change
from opsfacts.model import (
    Contact,
    Donor,
    Figure,
    Link,
    OfficeGroup,
    Partner,
    Percentage,
    Period,
    PopulationGroup,
    Quantity,
    Section,
)

DATA = REPO / "tests" / "data" / "factsheets"
V1 = REPO / "tests" / "data" / "v1"


def _load(stem: str) -> Factsheet:
    return opsfacts.load(next(DATA.glob(f"{stem}.corrected.*")))


@pytest.fixture(scope="module")
def niger() -> Factsheet:
    """A French factsheet: groups by place, partners with acronyms, donors by name."""
    return _load("niger-2019-03.factsheet")


@pytest.fixture(scope="module")
def gambella() -> Factsheet:
    """A sub-national factsheet with totals, sectors and a funding block in millions."""
    return _load("ethiopia-gambella-2017-05.factsheet")


@pytest.fixture(scope="module")
def jordan() -> Factsheet:
    return _load("jordan-2018-08.factsheet")


def _only(result: DiffResult) -> Change:
    assert len(result.changes) == 1, result.changes
    return result.changes[0]


def _facts(old: Factsheet, new: Factsheet, **options: object) -> DiffResult:
    """The diff without the consistency findings, for tests about the facts."""
    return diff(old, new, ignore_blocks=("findings",), **options)  # type: ignore[arg-type]


def _evolve_groups(f: Factsheet, groups: tuple[PopulationGroup, ...]) -> Factsheet:
    assert f.populations is not None
    return attrs.evolve(f, populations=attrs.evolve(f.populations, groups=groups))


# --- same facts -----------------------------------------------------------------


def test_identical_documents_give_an_empty_result(niger: Factsheet) -> None:
    result = diff(niger, niger)
    assert result.same is True
    assert result.changes == ()
    assert result.findings == ()
    assert result.blocks == ()


def test_a_group_moved_in_the_list_is_no_change(niger: Factsheet) -> None:
    assert niger.populations is not None
    moved = _evolve_groups(niger, tuple(reversed(niger.populations.groups)))
    assert diff(niger, moved).changes == ()


def test_every_list_reordered_is_no_change(gambella: Factsheet) -> None:
    assert gambella.populations is not None
    assert gambella.presence is not None
    reordered = attrs.evolve(
        gambella,
        highlights=tuple(reversed(gambella.highlights)),
        activities=tuple(reversed(gambella.activities)),
        populations=attrs.evolve(gambella.populations, totals=tuple(reversed(gambella.populations.totals))),
        presence=attrs.evolve(gambella.presence, offices=tuple(reversed(gambella.presence.offices))),
    )
    assert _facts(gambella, reordered).same is True


def test_format_1_0_and_2_0_of_one_sheet_differ_only_in_what_2_0_adds() -> None:
    result = diff_files(V1 / "mali-2017-06.corrected.json", CORRECTED)
    assert [(c.kind, c.field, c.old, c.new) for c in result.changes] == [
        (ChangeKind.VALUE, "kind", None, "factsheet"),
        (ChangeKind.VALUE, "language", None, "en"),
    ]
    assert result.findings == ()
    assert result.old_source == str(V1 / "mali-2017-06.corrected.json")


# --- figures --------------------------------------------------------------------


def test_a_changed_count_reports_old_new_absolute_and_relative(niger: Factsheet) -> None:
    assert niger.populations is not None
    groups = list(niger.populations.groups)
    groups[0] = attrs.evolve(groups[0], count=Quantity(125000))
    change = _only(_facts(niger, _evolve_groups(niger, tuple(groups))))
    assert change.kind is ChangeKind.FIGURE
    assert change.block == "populations"
    assert change.identity == "population group 'Réfugiés nigérians – Diffa' (REF · from NGA · in Diffa)"
    assert change.field == "count"
    assert (change.old, change.new) == ("119 620", "125,000")
    assert change.old_path == change.new_path == "$.populations.groups[0].count"
    assert change.figure is not None
    assert change.figure.absolute == 5380
    assert change.figure.relative == Decimal("0.0449757565624")
    assert change.figure.within_precision is False


def test_a_figure_within_the_printed_precision_of_both(gambella: Factsheet) -> None:
    assert gambella.funding is not None
    old = attrs.evolve(
        gambella, funding=attrs.evolve(gambella.funding, requested=Figure(Decimal("48.3"), Scale.MILLION))
    )
    new = attrs.evolve(
        gambella, funding=attrs.evolve(gambella.funding, requested=Figure(Decimal("48.33"), Scale.MILLION))
    )
    change = _only(_facts(old, new))
    assert (change.identity, change.field, change.old, change.new) == (
        "funding",
        "requested",
        "USD 48.3 M",
        "USD 48.33 M",
    )
    assert change.figure is not None
    assert change.figure.absolute == 30000
    assert change.figure.within_precision is True
    # The other way round, the same agreement.
    mirrored = _only(_facts(new, old))
    assert mirrored.figure is not None
    assert mirrored.figure.absolute == -30000
    assert mirrored.figure.within_precision is True


def test_a_figure_beyond_the_printed_precision(gambella: Factsheet) -> None:
    assert gambella.funding is not None
    old = attrs.evolve(
        gambella, funding=attrs.evolve(gambella.funding, funded=Figure(Decimal("12.1"), Scale.MILLION))
    )
    new = attrs.evolve(
        gambella, funding=attrs.evolve(gambella.funding, funded=Figure(Decimal("12.4"), Scale.MILLION))
    )
    figure = _only(_facts(old, new)).figure
    assert figure is not None
    assert (figure.old, figure.new, figure.absolute) == (
        Decimal(12100000),
        Decimal(12400000),
        Decimal(300000),
    )
    assert figure.within_precision is False


def test_an_open_ended_count_agrees_with_a_count_above_it(niger: Factsheet) -> None:
    assert niger.populations is not None
    groups = list(niger.populations.groups)
    over = attrs.evolve(
        groups[1], count=Quantity(100000, qualifier=Qualifier.AT_LEAST, printed="plus de 100 000")
    )
    exact = attrs.evolve(groups[1], count=Quantity(104288))
    old = _evolve_groups(niger, (groups[0], over, *groups[2:]))
    new = _evolve_groups(niger, (groups[0], exact, *groups[2:]))
    change = _only(_facts(old, new))
    assert (change.old, change.new) == ("plus de 100 000", "104,288")
    assert change.figure is not None
    assert change.figure.within_precision is True


def test_a_percentage_moves_in_points(jordan: Factsheet) -> None:
    assert jordan.funding is not None
    new = attrs.evolve(jordan, funding=attrs.evolve(jordan.funding, funded_percent=Percentage(Decimal("41"))))
    change = _only(_facts(jordan, new))
    assert (change.field, change.old, change.new) == ("funded_percent", "37%", "41%")
    assert change.figure is not None
    assert (change.figure.absolute, change.figure.percentage) == (Decimal(4), True)


def test_a_placeholder_replaced_by_a_figure_has_no_computed_change() -> None:
    published = opsfacts.load(DATA / "jordan-2018-08.factsheet.as-published.json")
    corrected = opsfacts.load(DATA / "jordan-2018-08.factsheet.corrected.json")
    funded = next(c for c in _facts(published, corrected).changes if c.field == "funded")
    assert (funded.old, funded.new) == ("USD [Figure] M", "USD 101.7 M")
    assert funded.figure is not None
    assert (funded.figure.old, funded.figure.new, funded.figure.absolute) == (
        None,
        Decimal("101700000"),
        None,
    )


def test_the_same_number_printed_another_way_is_a_print_only_change() -> None:
    published = opsfacts.load(DATA / "colombia-2021-06.operational-update.as-published.yaml")
    corrected = opsfacts.load(DATA / "colombia-2021-06.operational-update.corrected.yaml")
    figures = [c for c in _facts(published, corrected).changes if c.kind is ChangeKind.FIGURE]
    printed = [(c.old, c.new) for c in figures if c.figure is not None and c.figure.absolute == 0]
    assert printed == [("1.729.537", "1,729,537"), ("694.210", "694,210")]
    # Text-only: --ignore-text leaves them out.
    kept = _facts(published, corrected, ignore_text=True)
    assert [c.kind for c in kept.changes] == [ChangeKind.FIGURE]
    assert kept.changes[0].identity == "population group 'Other departments' (from VEN)"


# --- added, removed, renamed ----------------------------------------------------


def test_a_group_added_and_one_removed(niger: Factsheet) -> None:
    assert niger.populations is not None
    new_group = PopulationGroup(
        label="Réfugiés burkinabè – Tillabéri",
        types=(PopulationType.REF,),
        count=Quantity(2800),
        origin="BFA",
        place="Tillabéri",
    )
    edited = _evolve_groups(niger, (*niger.populations.groups[1:], new_group))
    result = _facts(niger, edited)
    assert [(c.kind, c.identity, c.old, c.new) for c in result.changes] == [
        (
            ChangeKind.REMOVED,
            "population group 'Réfugiés nigérians – Diffa' (REF · from NGA · in Diffa)",
            "Réfugiés nigérians – Diffa: 119 620",
            None,
        ),
        (
            ChangeKind.ADDED,
            "population group 'Réfugiés burkinabè – Tillabéri' (REF · from BFA · in Tillabéri)",
            None,
            "Réfugiés burkinabè – Tillabéri: 2,800",
        ),
    ]
    assert result.changes[0].old_path == "$.populations.groups[0]"
    assert result.changes[1].new_path == f"$.populations.groups[{len(edited.populations.groups) - 1}]"  # type: ignore[union-attr]


def test_a_relabelled_group_is_renamed_not_replaced(niger: Factsheet) -> None:
    assert niger.populations is not None
    groups = list(niger.populations.groups)
    groups[1] = attrs.evolve(groups[1], label="Personnes déplacées internes – région de Diffa")
    change = _only(_facts(niger, _evolve_groups(niger, tuple(reversed(groups)))))
    assert change.kind is ChangeKind.RENAMED
    assert (change.field, change.old, change.new) == (
        "label",
        "Déplacés internes – Diffa",
        "Personnes déplacées internes – région de Diffa",
    )


def test_a_partner_is_known_by_its_name_whatever_the_case_and_accents(niger: Factsheet) -> None:
    assert niger.partners is not None
    partners = list(niger.partners.partners)
    partners[1] = attrs.evolve(partners[1], name="COMMISSION NATIONALE D'ELIGIBILITE")
    new = attrs.evolve(niger, partners=attrs.evolve(niger.partners, partners=tuple(partners)))
    change = _only(_facts(niger, new))
    assert (change.kind, change.block, change.field) == (ChangeKind.RENAMED, "partners", "name")
    assert (change.old, change.new) == (
        "Commission Nationale d'Éligibilité",
        "COMMISSION NATIONALE D'ELIGIBILITE",
    )


def test_a_partner_printed_by_its_acronym_then_in_full(niger: Factsheet) -> None:
    assert niger.partners is not None
    partners = list(niger.partners.partners)
    short = attrs.evolve(partners[2], name="APBE", acronym=None)
    old = attrs.evolve(
        niger, partners=attrs.evolve(niger.partners, partners=(short, *partners[:2], *partners[3:]))
    )
    result = _facts(old, niger)
    assert [(c.kind, c.field, c.old, c.new) for c in result.changes] == [
        (ChangeKind.RENAMED, "name", "APBE", "Action pour le Bien-Être"),
        (ChangeKind.VALUE, "acronym", None, "APBE"),
    ]
    assert result.changes[0].identity == "partner 'Action pour le Bien-Être' (APBE)"


def test_a_partner_named_with_its_acronym_in_brackets() -> None:
    old = Partner(name="Danish Refugee Council (DRC)")
    new = Partner(name="DRC", role=PartnerRole.IMPLEMENTING)
    base = opsfacts.load(CORRECTED)
    assert base.partners is not None
    a = attrs.evolve(base, partners=attrs.evolve(base.partners, partners=(*base.partners.partners, old)))
    b = attrs.evolve(base, partners=attrs.evolve(base.partners, partners=(new, *base.partners.partners)))
    result = _facts(a, b)
    assert [(c.kind, c.field, c.old, c.new) for c in result.changes] == [
        (ChangeKind.RENAMED, "name", "Danish Refugee Council (DRC)", "DRC"),
        (ChangeKind.VALUE, "role", None, "implementing"),
    ]


def test_a_donor_moving_from_the_major_to_the_other_donors(niger: Factsheet) -> None:
    assert niger.donors is not None
    donors = attrs.evolve(niger.donors, major=niger.donors.major[:-1], others=niger.donors.major[-1:])
    change = _only(_facts(niger, attrs.evolve(niger, donors=donors)))
    assert (change.kind, change.identity, change.field, change.old, change.new) == (
        ChangeKind.VALUE,
        "donor 'Suisse'",
        "list",
        "major",
        "others",
    )
    assert (change.old_path, change.new_path) == ("$.donors.major[7]", "$.donors.others[0]")


def test_a_donor_known_by_its_acronym(niger: Factsheet) -> None:
    assert niger.donors is not None
    echo = Donor(
        name="ECHO", type=OrganisationType.MULTILATERAL, amount=Figure(Decimal("12.5"), Scale.MILLION)
    )
    old = attrs.evolve(niger, donors=attrs.evolve(niger.donors, major=(echo, *niger.donors.major[1:])))
    result = _facts(old, niger)
    assert [(c.kind, c.field) for c in result.changes] == [
        (ChangeKind.RENAMED, "name"),
        (ChangeKind.FIGURE, "amount"),
        (ChangeKind.VALUE, "acronym"),
        (ChangeKind.VALUE, "iati_id"),
    ]
    assert result.changes[1].old == "12.5 M"
    assert result.changes[1].new is None


def test_staff_by_category_and_offices_by_type_and_place(niger: Factsheet) -> None:
    assert niger.presence is not None
    staff = tuple(reversed(niger.presence.staff))
    staff = (*staff[:2], attrs.evolve(staff[2], label="personnel national", count=Quantity(152)))
    offices = (
        *niger.presence.offices,
        OfficeGroup(type=OfficeType.FIELD_OFFICE, label="Bureau de terrain", count=1, locations=("Maradi",)),
    )
    new = attrs.evolve(niger, presence=attrs.evolve(niger.presence, staff=staff, offices=offices))
    result = _facts(niger, new)
    assert [(c.kind, c.identity, c.field, c.old, c.new) for c in result.changes] == [
        (
            ChangeKind.RENAMED,
            "staff 'personnel national' (national)",
            "label",
            "nationaux",
            "personnel national",
        ),
        (ChangeKind.FIGURE, "staff 'personnel national' (national)", "count", "148", "152"),
        (
            ChangeKind.ADDED,
            "offices 'Bureau de terrain' (field-office) in Maradi",
            None,
            None,
            "Bureau de terrain: 1",
        ),
    ]


def test_an_office_opening_in_one_more_town(niger: Factsheet) -> None:
    assert niger.presence is not None
    offices = list(niger.presence.offices)
    offices[2] = attrs.evolve(offices[2], count=4, locations=(*offices[2].locations, "Maradi"))
    new = attrs.evolve(niger, presence=attrs.evolve(niger.presence, offices=tuple(offices)))
    result = _facts(niger, new)
    assert [(c.kind, c.field, c.old, c.new) for c in result.changes] == [
        (ChangeKind.FIGURE, "count", "3", "4"),
        (ChangeKind.VALUE, "locations", "Tillabéri, Tahoua, Agadez", "Tillabéri, Tahoua, Agadez, Maradi"),
    ]


def test_a_sector_is_known_by_its_code(gambella: Factsheet) -> None:
    first = gambella.activities[0]
    renamed = attrs.evolve(first, sector=attrs.evolve(first.sector, name="Protection and Solutions"))
    new = attrs.evolve(gambella, activities=(*gambella.activities[1:], renamed))
    change = _only(_facts(gambella, new))
    assert (change.kind, change.block, change.field, change.old, change.new) == (
        ChangeKind.RENAMED,
        "activities",
        "sector.name",
        first.sector.name,
        "Protection and Solutions",
    )


def test_a_key_figure_by_its_label() -> None:
    published = opsfacts.load(DATA / "mozambique-cabo-delgado-2024-02.flash-update.as-published.json")
    corrected = opsfacts.load(DATA / "mozambique-cabo-delgado-2024-02.flash-update.corrected.json")
    result = _facts(published, corrected)
    evacuated = result.in_block("key_figures")[1]
    assert (evacuated.identity, evacuated.field, evacuated.old, evacuated.new) == (
        "key figure 'people evacuated by boat from Mecúfi'",
        "quantity",
        "860",
        "680",
    )
    assert result.in_block("key_figures")[0].kind is ChangeKind.REMOVED


def test_contacts_by_name_and_links_by_label(niger: Factsheet) -> None:
    contact = attrs.evolve(niger.contacts[0], email="jeanne.exemple@example.org")
    links = (Link(label="Portail", url="https://data2.unhcr.org/fr/country/ner/"), niger.links[0])
    new = attrs.evolve(niger, contacts=(contact,), links=links)
    result = _facts(niger, new)
    assert [(c.kind, c.identity, c.field, c.old, c.new) for c in result.changes] == [
        (
            ChangeKind.VALUE,
            "contact 'Jeanne Exemple'",
            "email",
            "exemple.jeanne@example.org",
            "jeanne.exemple@example.org",
        ),
        (
            ChangeKind.VALUE,
            "link 'Portail'",
            "url",
            "data2.unhcr.org/fr/country/ner",
            "https://data2.unhcr.org/fr/country/ner/",
        ),
    ]


def test_a_contact_who_changed_name_is_still_known_by_email(niger: Factsheet) -> None:
    renamed = Contact(
        name="Jeanne Exemple-Martin", title=niger.contacts[0].title, email=niger.contacts[0].email
    )
    result = _facts(niger, attrs.evolve(niger, contacts=(renamed,)))
    assert [(c.kind, c.field) for c in result.changes] == [
        (ChangeKind.RENAMED, "name"),
        (ChangeKind.VALUE, "location"),
        (ChangeKind.VALUE, "phone"),
    ]


def test_a_total_by_label_and_types() -> None:
    published = opsfacts.load(DATA / "botswana-2014-12.factsheet.as-published.yaml")
    corrected = opsfacts.load(DATA / "botswana-2014-12.factsheet.corrected.yaml")
    total = _facts(published, corrected).in_block("populations")[0]
    assert (total.identity, total.field, total.old, total.new) == (
        "total 'persons of concern'",
        "count",
        "3, 417",
        "3,471",
    )
    assert total.figure is not None
    assert total.figure.absolute == 54


# --- dates and text -------------------------------------------------------------


def test_dates_moved(jordan: Factsheet) -> None:
    assert jordan.populations is not None
    new = attrs.evolve(
        jordan,
        period=Period(start=opsfacts.PartialDate("2018-09"), printed="September 2018"),
        populations=attrs.evolve(jordan.populations, as_of=opsfacts.PartialDate("2018-09-30")),
    )
    result = _facts(jordan, new)
    assert [(c.kind, c.block, c.field, c.old, c.new) for c in result.changes] == [
        (ChangeKind.DATE, "document", "period", "2018-08 (August 2018)", "2018-09 (September 2018)"),
        (ChangeKind.DATE, "populations", "as_of", jordan.populations.as_of, "2018-09-30"),
    ]


def test_text_changes_are_summarised_word_by_word() -> None:
    published = opsfacts.load(DATA / "jordan-2018-08.factsheet.as-published.json")
    corrected = opsfacts.load(DATA / "jordan-2018-08.factsheet.corrected.json")
    section = _facts(published, corrected).in_block("sections")[0]
    assert (section.kind, section.identity, section.field) == (
        ChangeKind.TEXT,
        "section 'Working with Partners'",
        "paragraphs",
    )
    assert section.words is not None
    assert section.words.summary == "+1 word, −1 word: 'eight' → 'seven'"
    assert (section.words.added, section.words.removed) == (1, 1)
    assert section.old is not None
    assert "eight" in section.old


def test_a_french_paragraph_added_and_a_section_retitled(niger: Factsheet) -> None:
    first = niger.sections[0]
    edited = Section(
        paragraphs=(*first.paragraphs, "Le HCR renforce sa présence à Maradi."),
        heading=(first.heading or "") + " et perspectives",
        level=first.level,
    )
    result = _facts(niger, attrs.evolve(niger, sections=(edited, *niger.sections[1:])))
    assert [(c.kind, c.field, c.old, c.new) for c in result.changes] == [
        (ChangeKind.TEXT, "paragraphs", None, "Le HCR renforce sa présence à Maradi."),
        (ChangeKind.RENAMED, "heading", first.heading, edited.heading),
    ]
    assert result.changes[0].identity == "section 'Partenariats et perspectives'"
    words = result.changes[0].words
    assert words is not None
    assert words.summary == "+7 words: 'Le HCR renforce sa présence à…' added"
    # A retitled section is renamed, not prose: --ignore-text keeps it.
    assert _facts(
        niger, attrs.evolve(niger, sections=(edited, *niger.sections[1:])), ignore_text=True
    ).changes == (result.changes[1],)


@pytest.mark.parametrize(
    ("old", "new", "summary"),
    [
        ("two camps", "two sites", "+1 word, −1 word: 'camps' → 'sites'"),
        ("a b c", "a b c d e f", "+3 words: 'd e f' added"),
        ("a b c", "a c", "−1 word: 'b' removed"),
        ("a  b", "a b", "spacing only"),
        ("one two three four five six seven eight", "", "−8 words: 'one two three four five six…' removed"),
    ],
)
def test_word_change(old: str, new: str, summary: str) -> None:
    assert word_change(old, new).summary == summary


# --- findings, options ----------------------------------------------------------


def test_findings_that_disappeared_in_the_corrected_edition() -> None:
    result = diff(opsfacts.load(AS_PUBLISHED), opsfacts.load(CORRECTED))
    assert sorted(f.code for f in result.findings) == [
        "OPS102",
        "OPS108",
        "OPS108",
        "OPS108",
        "OPS602",
        "OPS701",
    ]
    assert all(not f.appeared for f in result.findings)
    assert result.findings[0].path.startswith("$.")


def test_findings_that_appeared_are_compared_by_code_and_message_not_path(niger: Factsheet) -> None:
    assert niger.populations is not None
    # The groups moved: every finding keeps its code and message, only its path moves.
    moved = _evolve_groups(niger, tuple(reversed(niger.populations.groups)))
    assert diff(niger, moved).findings == ()
    assert niger.funding is not None
    broken = attrs.evolve(
        niger, funding=attrs.evolve(niger.funding, funded_percent=Percentage(Decimal("80")))
    )
    appeared = diff(niger, broken).findings
    assert [f.appeared for f in appeared] == [True] * len(appeared)
    assert {f.code for f in appeared} == {f.code for f in opsfacts.check(broken)} - {
        f.code for f in opsfacts.check(niger)
    }


def test_ignore_blocks(gambella: Factsheet) -> None:
    published = opsfacts.load(DATA / "ethiopia-gambella-2017-05.factsheet.as-published.yaml")
    result = diff(published, gambella, ignore_blocks=("funding", "findings", "highlights"))
    assert result.blocks == ("populations",)
    assert result.findings == ()


def test_an_unknown_block_names_the_valid_ones(niger: Factsheet) -> None:
    with pytest.raises(
        ValueError, match="unknown block 'people'; the blocks are: document, highlights"
    ) as info:
        diff(niger, niger, ignore_blocks=("people",))
    assert all(block in str(info.value) for block in BLOCKS)


def test_diff_files_reads_yaml_and_names_the_sources(tmp_path: Path) -> None:
    old = DATA / "botswana-2014-12.factsheet.as-published.yaml"
    new = DATA / "botswana-2014-12.factsheet.corrected.yaml"
    result = diff_files(old, new, ignore_blocks=["findings"])
    assert (result.old_source, result.new_source) == (str(old), str(new))
    assert len(result.changes) == 2
    with pytest.raises(opsfacts.ReadError, match=r"missing\.json"):
        diff_files(tmp_path / "missing.json", new)


def test_a_block_added_as_a_whole(niger: Factsheet) -> None:
    change = _only(_facts(attrs.evolve(niger, funding=None), niger))
    assert (change.kind, change.block, change.identity, change.field) == (
        ChangeKind.ADDED,
        "funding",
        "funding",
        None,
    )
    assert change.new_path == "$.funding"
