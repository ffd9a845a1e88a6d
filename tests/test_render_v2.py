"""Format 2.0 in Markdown and HTML: every new category shown, asserted on the cell or element showing it."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import opsfacts
from opsfacts import Factsheet, PopulationGroup, Populations, Quantity
from opsfacts.model import _printing as numbers
from opsfacts.render import render_html, render_markdown
from opsfacts.render._charts import bar_chart
from opsfacts.strategies import factsheets
from opsfacts.tables import tables, write_csv

CORRECTED = Path(__file__).resolve().parents[1] / "examples" / "mali-2017-06.corrected.json"
HUGE = 10**5000 + 7

RICH: dict[str, Any] = {
    "format_version": "2.0",
    "publisher": {"name": "UNHCR"},
    "operation": {"name": "Ethiopia", "countries": ["ETH"]},
    "title": "Ethiopia Operational Update",
    "kind": "operational-update",
    "language": "fr",
    "period": {"start": "2019-03"},
    "date": "2019-03-15",
    "published": "2019",
    "key_figures": [
        {
            "label": "people evacuated",
            "quantity": {"value": 860, "qualifier": "about"},
            "kind": "achieved",
            "since": "2019-01",
            "as_of": "2019-03",
            "source": "OCHA",
        },
        {"label": "children vaccinated", "percent": "91.3"},
        {"label": "built", "quantity": {"printed": "[XX]"}, "unit": "shelters"},
    ],
    "sections": [
        {"heading": "Context", "paragraphs": ["The context."]},
        {"heading": "Gambella", "level": 2, "paragraphs": ["A sub-section."]},
        {"paragraphs": ["A section without heading."]},
    ],
    "populations": {
        "groups": [
            {
                "label": "Refugees and asylum-seekers",
                "types": ["REF", "ASY"],
                "count": {"value": 6500, "qualifier": "at-least", "printed": "over 6,500"},
                "households": 1200,
                "place": "Kakuma",
                "place_type": "camp",
                "setting": "camp",
                "share": {"printed": "[XX]%"},
                "as_of": "2019-02",
                "by_sex": [{"sex": "f", "count": 3400, "percent": "52"}, {"sex": "m", "percent": "48"}],
                "by_age": [{"min_age": 0, "max_age": 17, "count": 3200}],
                "partial": ["age"],
            },
            {"label": "IDPs", "types": ["IDP"], "count": {"printed": "[XX]"}, "source": "IOM"},
            {"label": "Host households", "households": 300},
            {"label": "South Sudanese", "types": ["REF"], "count": {"value": 412305, "printed": "412.305"}},
        ],
        "totals": [
            {"count": 125000, "label": "Total (government)", "source": "Government", "as_of": "2019-02"},
            {
                "count": {"value": 118000, "qualifier": "about"},
                "label": "Total (UNHCR)",
                "source": "UNHCR",
                "households": 30000,
            },
        ],
        "source": "UNHCR and partners",
    },
    "funding": {
        "currency": "USD",
        "requested": {"value": "48.3", "scale": "million"},
        "funded": {"printed": "USD [Figure] M"},
        "funded_percent": {"printed": "[XX]%"},
        "unfunded_percent": "7.50",
        "year": 2019,
        "covers": "the whole of Ethiopia",
    },
    "presence": {
        "staff": [
            {
                "category": "affiliate",
                "label": "Affiliate workforce",
                "count": 32,
                "parts": [
                    {"category": "international", "label": "international", "count": 5},
                    {"category": "national", "label": "national", "count": 27},
                ],
            },
            {"category": "unv", "label": "UN Volunteers", "count": 4},
        ],
        "stated_staff_total": 36,
        "offices": [
            {"type": "sub-office", "label": "Sub-Office", "count": 1, "locations": ["Gao"]},
            {
                "type": "field-office",
                "label": "Field Offices",
                "count": 2,
                "locations": ["Mopti", "Timbuktu"],
                "under": "Sub-Office Gao",
            },
        ],
        "stated_office_total": 3,
        "as_of": "2019-03",
    },
    "partners": {
        "partners": [
            {"name": "Mystery Org"},
            {
                "name": "Caritas",
                "type": "national-ngo",
                "role": "operational",
                "type_label": "faith-based organisation",
            },
        ],
        "and_others": "and others",
    },
    "activities": [
        {
            "sector": {"code": "education", "name": "Education"},
            "statements": [
                {
                    "text": "Support over 700 children and build [XX] boreholes.",
                    "targets": [
                        {"quantity": {"value": 700, "qualifier": "at-least"}, "unit": "children"},
                        {"quantity": {"printed": "[XX]"}, "unit": "boreholes"},
                    ],
                }
            ],
        }
    ],
    "donors": {
        "year": 2019,
        "currency": "USD",
        "major": [
            {
                "name": "European Union",
                "type": "multilateral",
                "acronym": "ECHO",
                "iati_id": "XM-DAC-918-3",
                "amount": {"value": "12.5", "scale": "million"},
            },
            {"name": "Japan", "amount": {"printed": "[Figure]"}},
        ],
        "and_others": "and others",
    },
    "links": [{"label": "UNHCR Mali", "url": "www.unhcr.org/mali"}],
}


def rich() -> Factsheet:
    """A format 2.0 factsheet with every category the renderers and tables show."""
    return opsfacts.loads(json.dumps(RICH))


def later() -> Factsheet:
    """The rich factsheet with the fields added to format 2.0 after the renderers were written."""
    data = copy.deepcopy(RICH)
    data["key_figures"] += [
        {"label": "requested", "amount": {"value": "306.7", "scale": "million"}, "currency": "USD"},
        {"label": "received", "amount": {"value": "3.2", "scale": "million", "printed": "$3.2 million"}},
        {"label": "pledged", "amount": {"printed": "USD [Figure] M"}, "currency": "USD"},
    ]
    populations = data["populations"]
    populations["groups"] += [
        {
            "label": "New arrivals",
            "types": ["REF"],
            "count": 12000,
            "part_of": "South Sudanese",
            "by_category": [
                {"label": "Children", "percent": "65"},
                {"label": "with specific needs", "count": 2118, "percent": "17.6"},
            ],
        },
        {"label": "Returnees", "types": ["RET"], "share": "12"},
    ]
    populations["totals"].append(
        {
            "count": 90000,
            "label": "IDPs in total",
            "types": ["IDP", "RDP"],
            "by_sex": [{"sex": "f", "percent": "51"}],
            "by_age": [{"min_age": 0, "max_age": 17, "count": 40000}],
            "by_category": [{"label": "Women and children", "percent": "80"}],
        }
    )
    populations["main_origins"] = ["SSD", "SOM", "unknown"]
    data["donors"]["major"][1]["note"] = "OCHA"
    return opsfacts.loads(json.dumps(data))


@pytest.fixture(scope="module")
def sheet() -> Factsheet:
    return rich()


@pytest.fixture(scope="module")
def markdown(sheet: Factsheet) -> str:
    return render_markdown(sheet)


@pytest.fixture(scope="module")
def page(sheet: Factsheet) -> ET.Element:
    return ET.fromstring(render_html(sheet).split("\n", 1)[1])


# --- helpers ------------------------------------------------------------------------------------


def md_table(text: str, first_header: str) -> list[dict[str, str]]:
    """The Markdown table whose first header cell is ``first_header``, as dicts of cells."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[2:]]


def md_section(text: str, heading: str) -> list[str]:
    """The lines under a Markdown heading, up to the next heading of any level."""
    lines = text.splitlines()
    start = lines.index(heading)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    return [line for line in lines[start + 1 : end] if line]


def by_id(root: ET.Element, id_: str) -> ET.Element:
    found = root.find(f".//*[@id='{id_}']")
    assert found is not None, id_
    return found


def by_class(root: ET.Element, class_: str) -> list[ET.Element]:
    return [e for e in root.iter() if class_ in (e.get("class") or "").split()]


def text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def cells(row: ET.Element) -> str:
    return " ".join(text(cell) for cell in row)


# --- numbers and dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "shown"), [("2019-03", "March 2019"), ("2019", "2019"), ("2017-06-30", "30 June 2017")]
)
def test_dates_are_shown_at_their_precision(date: str, shown: str) -> None:
    assert numbers.date_text(opsfacts.model.PartialDate(date)) == shown


def test_printed_text_wins_and_qualifiers_are_words() -> None:
    assert numbers.quantity(Quantity(6500, opsfacts.Qualifier.AT_LEAST)) == "over 6,500"
    assert numbers.quantity(Quantity(6500, opsfacts.Qualifier.ABOUT)) == "about 6,500"
    assert numbers.quantity(Quantity(6500, opsfacts.Qualifier.AT_MOST)) == "up to 6,500"
    assert numbers.quantity(Quantity(412305, printed="412.305")) == "412.305"
    assert numbers.quantity(Quantity(printed="[XX]")) == "[XX]"


def test_huge_counts_are_written_in_full() -> None:
    shown = numbers.count(HUGE)
    assert shown.startswith("100,000,")  # 5,001 digits
    assert shown.endswith(",007")
    assert shown.replace(",", "") == "1" + "0" * 4999 + "7"


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_header_has_kind_period_date_and_publication(markdown: str) -> None:
    assert markdown.splitlines()[2] == (
        "Operational update · UNHCR · Ethiopia · March 2019 · as of 15 March 2019 · published 2019"
    )


def test_markdown_key_figures(markdown: str) -> None:
    assert md_section(markdown, "## Key figures") == [
        "- **about 860** people evacuated — achieved · since January 2019 · as of March 2019 · source: OCHA",
        "- **91.3%** children vaccinated",
        "- **\\[XX\\]** shelters built",
    ]


def test_markdown_sections_nest_and_may_have_no_heading(markdown: str) -> None:
    lines = markdown.splitlines()
    assert "## Context" in lines
    assert "### Gambella" in lines
    untitled = lines.index("- A section without heading.")
    assert lines[untitled - 1] == ""
    assert lines[untitled - 2] == "- A sub-section."  # no heading between the two sections


def test_markdown_population_groups(markdown: str) -> None:
    rows = {r["Group"]: r for r in md_table(markdown, "Group")}
    combined = rows["Refugees and asylum-seekers"]
    assert combined["People"] == "over 6,500"
    assert combined["Households"] == "1,200"
    assert combined["Share"] == "\\[XX\\]%"
    assert combined["Where"] == "Kakuma (camp)"
    assert combined["Setting"] == "in camps"
    assert combined["Type"] == "REF + ASY"
    assert combined["Source"] == "February 2019"
    assert rows["IDPs"]["People"] == "\\[XX\\]"
    assert rows["IDPs"]["Source"] == "IOM"
    assert rows["Host households"]["People"] == ""
    assert rows["Host households"]["Households"] == "300"
    assert rows["Host households"]["Type"] == ""
    assert rows["South Sudanese"]["People"] == "412.305"


def test_markdown_population_totals_and_sources(markdown: str) -> None:
    rows = {r["Group"]: r for r in md_table(markdown, "Group")}
    government = rows["**Total (government)**"]
    assert government["People"] == "**125,000**"
    assert government["Source"] == "Government (February 2019)"
    unhcr = rows["**Total (UNHCR)**"]
    assert (unhcr["People"], unhcr["Households"], unhcr["Source"]) == (
        "**about 118,000**",
        "**30,000**",
        "UNHCR",
    )
    assert "Source: UNHCR and partners." in md_section(markdown, "## Population of concern")


def test_markdown_breakdowns_with_percentages_and_partial_axes(markdown: str) -> None:
    lines = md_section(markdown, "## Population of concern")
    assert "- *Refugees and asylum-seekers, by sex:* female 3,400 (52%); male 48%" in lines
    assert "- *Refugees and asylum-seekers, by age (part of the group only):* 0–17 3,200" in lines


def test_markdown_funding_year_coverage_and_placeholders(markdown: str) -> None:
    lines = md_section(markdown, "## Funding")
    assert lines[0] == "**USD 48.3 M** requested for the whole of Ethiopia in 2019."
    rows = {r[""]: r for r in md_table(markdown, "")}
    assert rows["Requested"]["Amount"] == "USD 48,300,000"
    assert rows["Funded"]["Amount"] == "USD \\[Figure\\] M"
    assert rows["Funded"]["Share"] == "\\[XX\\]%"
    assert rows["Unfunded"]["Share"] == "7.50%"  # as printed, not rounded


def test_markdown_presence(markdown: str) -> None:
    assert "## UNHCR presence (as of March 2019)" in markdown.splitlines()
    staff = {r["Staff"]: r for r in md_table(markdown, "Staff")}
    assert staff["Affiliate workforce"]["Of whom"] == "5 international; 27 national"
    assert staff["UN Volunteers"]["Number"] == "4"
    assert staff["**Total**"]["Number"] == "**36**"
    offices = {r["Offices"]: r for r in md_table(markdown, "Offices")}
    assert offices["Field Offices"]["Under"] == "Sub-Office Gao"
    assert offices["Sub-Office"]["Under"] == ""
    assert offices["**Total**"]["Number"] == "**3**"


def test_markdown_office_total_only(sheet: Factsheet) -> None:
    assert sheet.presence is not None
    only = attrs.evolve(sheet, presence=attrs.evolve(sheet.presence, offices=(), staff=()))
    assert md_table(render_markdown(only), "Offices") == [
        {"Offices": "**Total**", "Number": "**3**", "Where": ""}
    ]


def test_markdown_partners_not_stated_and_others(markdown: str) -> None:
    rows = {r["Partner"]: r for r in md_table(markdown, "Partner")}
    assert (rows["Mystery Org"]["Type"], rows["Mystery Org"]["Role"]) == ("not stated", "not stated")
    assert (rows["Caritas"]["Type"], rows["Caritas"]["Role"]) == ("faith-based organisation", "operational")
    assert md_section(markdown, "## Partners")[-1] == "and others"


def test_markdown_donors(markdown: str) -> None:
    assert md_section(markdown, "## Donors") == [
        "Major donors in 2019: European Union (ECHO; Other multilateral organisation; IATI XM-DAC-918-3; "
        "USD 12.5 M) \\| Japan (\\[Figure\\]) and others"
    ]


def test_markdown_targets_and_links(markdown: str) -> None:
    assert "  *Targets:* **over 700** children; **\\[XX\\]** boreholes" in markdown.splitlines()
    assert md_section(markdown, "## Links") == [
        "- [UNHCR Mali](<https://www.unhcr.org/mali>) — www.unhcr.org/mali"
    ]


# --- HTML ---------------------------------------------------------------------------------------


def test_html_lang_follows_the_language(page: ET.Element, sheet: Factsheet) -> None:
    assert page.get("lang") == "fr"
    unstated = ET.fromstring(render_html(attrs.evolve(sheet, language=None)).split("\n", 1)[1])
    assert unstated.get("lang") == "und"
    mali = ET.fromstring(render_html(opsfacts.load(CORRECTED)).split("\n", 1)[1])
    assert mali.get("lang") == "en"


def test_html_header(page: ET.Element) -> None:
    assert text(by_id(page, "document-kind")) == "Operational update"
    assert text(by_id(page, "period")) == "March 2019"
    assert by_id(page, "period").find("time").get("datetime") == "2019-03"  # type: ignore[union-attr]
    assert text(by_id(page, "dated")) == "As of 15 March 2019"


def test_html_key_figures_are_boxes_at_the_top(page: ET.Element) -> None:
    block = by_id(page, "key-figures")
    first_page = by_id(page, "page-1")
    assert list(first_page).index(block) == 1  # right under the masthead
    boxes = by_class(block, "key-figure")
    assert [text(by_class(b, "kf-value")[0]) for b in boxes] == ["about 860", "91.3%", "[XX] shelters"]
    assert [text(by_class(b, "kf-label")[0]) for b in boxes] == [
        "people evacuated",
        "children vaccinated",
        "built",
    ]
    assert text(by_class(boxes[0], "kf-context")[0]) == (
        "achieved · since January 2019 · as of March 2019 · source: OCHA"
    )
    assert [text(e) for e in by_class(boxes[2], "placeholder")] == ["[XX]"]


def test_html_sections_take_heading_levels(page: ET.Element) -> None:
    narrative = by_class(page, "narrative")[0]
    sections = list(narrative)
    assert [(c.tag, text(c)) for c in sections[0] if c.tag.startswith("h")] == [("h2", "Context")]
    assert [(c.tag, text(c)) for c in sections[1] if c.tag.startswith("h")] == [("h3", "Gambella")]
    assert [c.tag for c in sections[2]] == ["ul"]


def test_html_placeholders_are_marked(page: ET.Element) -> None:
    marked = [text(e) for e in by_class(page, "placeholder")]
    for shown in ("[XX]", "[XX]%", "USD [Figure] M", "[Figure]"):
        assert shown in marked, shown
    idp_bar = next(r for r in by_class(page, "bar-row") if text(r.find("title")).startswith("IDPs"))  # type: ignore[arg-type]
    assert idp_bar.find("rect") is None  # no number, no bar
    assert by_class(idp_bar, "placeholder")[0].text == "[XX]"


def test_html_population_groups_and_totals(page: ET.Element) -> None:
    rows = by_class(by_id(page, "population-groups"), "group")
    facts = by_class(by_id(page, "population-groups"), "group-facts")
    assert [text(r[0]) for r in rows] == ["Refugees and asylum-seekers", "Host households"]
    assert text(by_class(rows[0], "people")[0]) == "over 6,500"
    assert text(by_class(rows[0], "households")[0]) == "1,200 households"
    assert text(by_class(rows[1], "households")[0]) == "300 households"
    first = facts[0]
    assert text(by_class(first, "place")[0]) == "Kakuma (camp)"
    assert text(by_class(first, "setting")[0]) == "in camps"
    assert text(by_class(first, "share")[0]) == "[XX]% of the total"
    assert text(by_class(first, "types")[0]) == "REF + ASY"
    assert [text(b) for b in by_class(first, "breakdown")] == [
        "by sex: female 3,400 (52%); male 48%",
        "by age (part of the group only): 0–17 3,200",
    ]
    totals = by_class(by_id(page, "populations"), "total")
    assert [text(t) for t in totals] == [
        "125,000 Total (government) (Government, as of February 2019)",
        "about 118,000 Total (UNHCR) (30,000 households) (UNHCR)",
    ]
    assert text(by_id(page, "population-source")) == "Source: UNHCR and partners"


def test_html_funding(page: ET.Element) -> None:
    assert text(by_id(page, "funding-year")) == "2019"
    assert text(by_id(page, "requested")) == "USD 48.3 M"
    assert text(by_id(page, "funding-covers")) == "the whole of Ethiopia"
    assert text(by_id(page, "funded")) == "Funded USD [Figure] M ([XX]%)"
    assert text(by_id(page, "unfunded")) == "Unfunded (7.50%)"


def test_html_presence(page: ET.Element) -> None:
    staff = by_id(page, "staff")
    assert [cells(r) for r in by_class(staff, "staff-part")] == ["5 international", "27 national"]
    assert [cells(r) for r in by_class(staff, "staff")] == ["32 Affiliate workforce", "4 UN Volunteers"]
    offices = by_id(page, "offices")
    assert [text(e) for e in by_class(offices, "under")] == ["(under Sub-Office Gao)"]
    assert [cells(r) for r in by_class(offices, "total")] == ["3 in total"]


def test_html_partners_donors_links(page: ET.Element) -> None:
    partners = by_class(by_id(page, "partners"), "partner")
    assert text(partners[0]) == "Mystery Org"  # nothing invented for a partner of unknown kind and role
    assert text(by_class(partners[1], "partner-type")[0]) == "faith-based organisation"
    assert text(by_class(partners[1], "partner-role")[0]) == "operational"
    assert text(by_id(page, "partners-and-others")) == "and others"
    donors = by_class(by_id(page, "donors"), "donor")
    assert text(donors[0]) == (
        "European Union ECHO; Other multilateral organisation; IATI XM-DAC-918-3 (USD 12.5 M)"
    )
    assert text(donors[1]) == "Japan ([Figure])"
    assert text(by_id(page, "donors-and-others")) == "and others"
    link = by_id(page, "links").find(".//a")
    assert link is not None
    assert (link.get("href"), link.text) == ("https://www.unhcr.org/mali", "UNHCR Mali")
    assert [text(e) for e in by_class(by_id(page, "links"), "url")] == ["www.unhcr.org/mali"]


def test_html_targets_show_qualifiers_and_placeholders(page: ET.Element) -> None:
    targets = by_class(page, "target")
    assert [text(t) for t in targets] == ["over 700 children", "[XX] boreholes"]
    marks = [text(m) for m in page.iter("mark")]
    assert marks == ["700", "[XX]"]


# --- anything the model accepts -----------------------------------------------------------------


def test_huge_counts_render_everywhere(sheet: Factsheet) -> None:
    assert sheet.populations is not None
    huge = PopulationGroup(label="Everyone", count=Quantity(HUGE))
    small = PopulationGroup(label="Few", count=Quantity(1))
    populations = Populations(groups=(huge, small))
    big = attrs.evolve(sheet, populations=populations)
    chart = bar_chart(populations)
    assert chart is not None
    assert [b.width for b in chart.bars] == [200.0, 0.0]
    assert chart.bars[0].count_text == "1" + "0" * 4999 + "7"
    assert md_table(render_markdown(big), "Group")[0]["People"] == numbers.count(HUGE)
    page = ET.fromstring(render_html(big).split("\n", 1)[1])
    assert by_class(page, "bar")[0].get("data-count") == "1" + "0" * 4999 + "7"
    row = tables(big)["populations"].rows[0]
    assert row["count"] == HUGE


# --- fields added to format 2.0 after the renderers -----------------------------------------------


@pytest.fixture(scope="module")
def later_markdown() -> str:
    return render_markdown(later())


@pytest.fixture(scope="module")
def later_page() -> ET.Element:
    return ET.fromstring(render_html(later()).split("\n", 1)[1])


def test_markdown_money_key_figures(later_markdown: str) -> None:
    assert md_section(later_markdown, "## Key figures")[3:] == [
        "- **USD 306.7 M** requested",
        "- **$3.2 million** received",  # the printed text wins
        "- **USD \\[Figure\\] M** pledged",
    ]


def test_html_money_key_figures(later_page: ET.Element) -> None:
    boxes = by_class(by_id(later_page, "key-figures"), "key-figure")[3:]
    assert [text(by_class(b, "kf-amount")[0]) for b in boxes] == [
        "USD 306.7 M",
        "$3.2 million",
        "USD [Figure] M",
    ]
    assert [text(by_class(b, "kf-label")[0]) for b in boxes] == ["requested", "received", "pledged"]
    assert by_class(boxes[0], "placeholder") == []
    assert [text(e) for e in by_class(boxes[2], "placeholder")] == ["USD [Figure] M"]


def test_markdown_part_of_share_only_and_categories(later_markdown: str) -> None:
    rows = {r["Group"]: r for r in md_table(later_markdown, "Group")}
    arrivals = rows["New arrivals"]
    assert (arrivals["People"], arrivals["Part of"], arrivals["Type"]) == ("12,000", "South Sudanese", "REF")
    assert rows["South Sudanese"]["Part of"] == ""
    returnees = rows["Returnees"]
    assert (returnees["People"], returnees["Households"], returnees["Share"]) == ("", "", "12%")
    lines = md_section(later_markdown, "## Population of concern")
    assert (
        "- *New arrivals, by category (may overlap):* Children 65%; with specific needs 2,118 (17.6%)"
        in lines
    )


def test_markdown_partial_totals_and_their_breakdowns(later_markdown: str) -> None:
    rows = {r["Group"]: r for r in md_table(later_markdown, "Group")}
    total = rows["**IDPs in total**"]
    assert (total["People"], total["Type"]) == ("**90,000**", "IDP + RDP")
    assert rows["**Total (UNHCR)**"]["Type"] == ""  # a total of every type
    lines = md_section(later_markdown, "## Population of concern")
    assert [line for line in lines if line.startswith("- *IDPs in total")] == [
        "- *IDPs in total, by sex:* female 51%",
        "- *IDPs in total, by age:* 0–17 40,000",
        "- *IDPs in total, by category (may overlap):* Women and children 80%",
    ]


def test_markdown_main_origins_and_donor_note(later_markdown: str) -> None:
    lines = md_section(later_markdown, "## Population of concern")
    assert lines[-1] == "Main countries of origin: South Sudan; Somalia; unknown origin."
    assert md_section(later_markdown, "## Donors") == [
        "Major donors in 2019: European Union (ECHO; Other multilateral organisation; IATI XM-DAC-918-3; "
        "USD 12.5 M) \\| Japan (OCHA; \\[Figure\\]) and others"
    ]


def test_html_part_of_share_only_and_categories(later_page: ET.Element) -> None:
    table = by_id(later_page, "population-groups")
    rows = {text(r[0]): r for r in by_class(table, "group")}
    facts = dict(
        zip([text(r[0]) for r in by_class(table, "group")], by_class(table, "group-facts"), strict=True)
    )
    assert text(by_class(rows["New arrivals"], "people")[0]) == "12,000"
    assert [text(e) for e in by_class(facts["New arrivals"], "part-of")] == [
        "of whom: part of South Sudanese"
    ]
    assert [text(e) for e in by_class(facts["New arrivals"], "breakdown")] == [
        "by category (may overlap): Children 65%; with specific needs 2,118 (17.6%)"
    ]
    returnees = by_class(rows["Returnees"], "people")[0]
    assert [text(e) for e in by_class(returnees, "share")] == ["12% of the total"]
    assert by_class(facts["Returnees"], "share") == []  # shown once, as the group's number
    bar = next(r for r in by_class(later_page, "bar-row") if text(r.find("title")).startswith("Returnees"))  # type: ignore[arg-type]
    assert text(by_class(bar, "value")[0]) == "12%"


def test_html_partial_totals_and_their_breakdowns(later_page: ET.Element) -> None:
    populations = by_id(later_page, "populations")
    totals = by_class(populations, "total")
    assert text(totals[2]) == "90,000 IDPs in total"
    facts = by_class(populations, "total-facts")
    assert len(facts) == 1  # only the total that has such facts
    assert [text(e) for e in by_class(facts[0], "types")] == ["IDP + RDP only"]
    assert [text(e) for e in by_class(facts[0], "breakdown")] == [
        "by sex: female 51%",
        "by age: 0–17 40,000",
        "by category (may overlap): Women and children 80%",
    ]


def test_html_main_origins_and_donor_note(later_page: ET.Element) -> None:
    assert (
        text(by_id(later_page, "main-origins"))
        == "Main countries of origin: South Sudan; Somalia; unknown origin"
    )
    japan = by_class(by_id(later_page, "donors"), "donor")[1]
    assert [text(e) for e in by_class(japan, "donor-details")] == ["OCHA"]
    assert text(japan) == "Japan OCHA ([Figure])"


def test_donors_scope_and_year_without_a_list(sheet: Factsheet) -> None:
    assert sheet.donors is not None
    donors = attrs.evolve(sheet.donors, major=(), others=(), scope="unrestricted funds")
    shown = render_markdown(attrs.evolve(sheet, donors=donors))
    assert md_section(shown, "## Donors") == ["Donors of unrestricted funds in 2019.", "and others"]


def _render_everything(factsheet: Factsheet) -> None:
    import io

    render_markdown(factsheet)
    page = render_html(factsheet)
    ET.fromstring(page.split("\n", 1)[1])
    for found in tables(factsheet).values():
        write_csv(found, io.StringIO(), hxl=True)


@given(factsheets())
def test_every_factsheet_renders_in_every_output(factsheet: Factsheet) -> None:
    _render_everything(factsheet)


def test_the_rich_factsheet_and_mali_render_in_every_output(sheet: Factsheet) -> None:
    _render_everything(sheet)
    _render_everything(later())
    _render_everything(opsfacts.load(CORRECTED))
