"""HTML: standalone, well-formed, escaped, charts drawn from the data, never failing on a valid factsheet."""

from __future__ import annotations

import datetime
import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import opsfacts
from opsfacts import Factsheet, Operation, Organisation, Partner, Partners, Period
from opsfacts.cli import main
from opsfacts.diagnostics import Finding, Severity
from opsfacts.model import OrganisationType, PartialDate
from opsfacts.render import render_html
from opsfacts.render._charts import BAR_MAX
from opsfacts.render._html import statement_segments
from opsfacts.strategies import factsheets

CORRECTED = Path(__file__).resolve().parents[1] / "examples" / "mali-2017-06.corrected.json"
AS_PUBLISHED = CORRECTED.with_name("mali-2017-06.as-published.json")
VOID = {"meta", "br", "img", "link", "hr", "input", "col", "area", "base", "wbr", "source", "track"}


class _Strict(HTMLParser):
    """Checks that every element is closed in order, and collects resource-bearing attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs_:
            if name in ("src", "href", "xlink:href", "srcset", "action", "poster", "data"):
                self.attributes.append((tag, name, value or ""))
            if name.startswith("on"):
                self.errors.append(f"event handler attribute {name} on <{tag}>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs_:
            if name in ("src", "href", "xlink:href"):
                self.attributes.append((tag, name, value or ""))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
        else:
            self.stack.pop()


def strict_parse(page: str) -> _Strict:
    parser = _Strict()
    parser.feed(page)
    parser.close()
    assert not parser.errors, parser.errors[:5]
    assert not parser.stack, parser.stack
    return parser


def as_xml(page: str) -> ET.Element:
    # The page is XML-well-formed: parse it after the HTML doctype.
    return ET.fromstring(page.split("\n", 1)[1])


@pytest.fixture(scope="module")
def mali() -> Factsheet:
    return opsfacts.load(CORRECTED)


@pytest.fixture(scope="module")
def page(mali: Factsheet) -> str:
    return render_html(mali)


def test_reference_is_well_formed_and_standalone(page: str, mali: Factsheet) -> None:
    assert page.startswith("<!DOCTYPE html>\n")
    as_xml(page)
    parsed = strict_parse(page)
    assert "script" not in parsed.tags
    assert "link" not in parsed.tags
    assert "img" not in parsed.tags
    own_links = {link.href for link in mali.links}
    for tag, name, value in parsed.attributes:
        if value.startswith(("#", "mailto:")):
            continue
        assert (tag, name) == ("a", "href"), value
        assert value in own_links, value
    assert "url(http" not in page
    assert "@import" not in page
    assert "<script" not in page.lower()


def test_key_figures_are_formatted_from_the_data(page: str) -> None:
    for text in (
        "498,170",
        "140,103",
        "17,586",
        "373",
        "USD 42.7 M",
        "USD 42,749,662",
        "USD 3.1 M (7%)",
        "USD 39.7 M (93%)",
        "Field Offices in Mopti, Timbuktu",
        "30 June 2017",
        "United States of America (USD 95 M)",
    ):
        assert text in page, text
    # Short numbers are asserted in their element: "68" alone could be an SVG coordinate.
    assert '<td class="num"><strong>68</strong></td><th scope="row">National Staff</th>' in page
    assert '<td class="num"><strong>19</strong></td><th scope="row">International Staff</th>' in page
    assert "<title>Asylum seekers (mixed origin): 373</title>" in page


def test_population_bars_are_proportional(page: str, mali: Factsheet) -> None:
    root = as_xml(page)
    bars = [e for e in root.iter() if e.get("class") == "bar"]
    counts = [g.people for g in mali.populations.groups]  # type: ignore[union-attr]
    assert [int(b.get("data-count", "")) for b in bars] == counts
    widths = [float(b.get("width", "")) for b in bars]
    for count, width in zip(counts, widths, strict=True):
        assert math.isclose(width, BAR_MAX * count / max(counts), abs_tol=0.01)
    rows = [e for e in root.iter() if (e.get("class") or "").startswith("bar-row")]
    assert [r.get("class") for r in rows].count("bar-row abroad") == 1  # Malian refugees abroad
    assert "Living abroad: not counted in Mali" in page


def test_funding_donut_arc_is_the_funded_share(page: str, mali: Factsheet) -> None:
    root = as_xml(page)
    arc = next(e for e in root.iter() if e.get("class") == "funded")
    length, circumference = map(float, arc.get("stroke-dasharray", "").split())
    assert math.isclose(circumference, 2 * math.pi * float(arc.get("r", "")), rel_tol=1e-4)
    share = 3068942 / 42749662
    assert math.isclose(length / circumference, share, rel_tol=1e-4)


def test_targets_are_highlighted(page: str, mali: Factsheet) -> None:
    assert "<mark>6,000</mark>" in page
    assert "<mark>12</mark> boreholes" in page
    assert '<li class="target"><strong>over 700</strong> refugee children' in page
    statement = mali.activities[0].statements[2]
    assert "".join(piece for piece, _ in statement_segments(statement)) == statement.text


def test_every_text_is_escaped(mali: Factsheet) -> None:
    evil = "<script>alert(1)</script>"
    sheet = attrs.evolve(
        mali,
        title=evil,
        partners=Partners(partners=(Partner(name=evil, type=OrganisationType.OTHER, note='" onload="x'),)),
    )
    page = render_html(sheet)
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    strict_parse(page)
    as_xml(page)


def test_minimal_factsheet_renders() -> None:
    sheet = Factsheet(
        publisher=Organisation("UNHCR"),
        operation=Operation(name="Niger", countries=("NER",)),
        title="Niger",
        period=Period(
            start=PartialDate(datetime.date(2018, 1, 1)), end=PartialDate(datetime.date(2018, 1, 31))
        ),
    )
    page = render_html(sheet)
    as_xml(page)
    assert "<svg" not in page


def test_as_published_renders_its_own_figures() -> None:
    page = render_html(opsfacts.load(AS_PUBLISHED))
    # Printed "42,749,662 M": the page shows what the data says, however implausible.
    assert re.search(r"USD 42,749,\d{3}\.\d B|USD 42,749,662,000,000", page)


def test_findings_section_is_optional(mali: Factsheet) -> None:
    finding = Finding.make("OPS201", Severity.ERROR, ("funding",), "funded <b>mismatch</b>")
    page = render_html(mali, findings=[finding])
    assert "OPS201" in page
    assert "&lt;b&gt;mismatch" in page
    assert 'id="findings"' not in render_html(mali)


@given(factsheets())
def test_every_factsheet_renders_well_formed(factsheet: Factsheet) -> None:
    page = render_html(factsheet)
    strict_parse(page)
    as_xml(page)


def test_cli_render_html(tmp_path: Path, page: str) -> None:
    out = tmp_path / "mali.html"
    assert main(["render", str(CORRECTED), "--to", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == page


def test_cli_render_reports_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": 3}', encoding="utf-8")
    assert main(["render", str(bad), "--to", "html"]) == 1
    assert f"{bad}:1:11: $.title: " in capsys.readouterr().err
    assert main(["render", str(tmp_path / "nope.json"), "--to", "html"]) == 2
    assert main(["render", str(CORRECTED), "--to", "pdf"]) == 2
