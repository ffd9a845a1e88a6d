"""Markdown: the whole factsheet, figures in tables, footnotes as footnotes, text escaped."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import opsfacts
from opsfacts import Factsheet, Operation, Organisation, Partner, Partners, Period
from opsfacts.cli import main
from opsfacts.codes import OrganisationType
from opsfacts.dates import PartialDate
from opsfacts.render import render_markdown
from opsfacts.render.markdown import escape
from opsfacts.strategies import factsheets

CORRECTED = Path(__file__).resolve().parents[1] / "examples" / "mali-2017-06.corrected.json"


@pytest.fixture(scope="module")
def mali() -> Factsheet:
    return opsfacts.load(CORRECTED)


def test_reference_has_every_part(mali: Factsheet) -> None:
    text = render_markdown(mali)
    assert text.startswith("# Mali Factsheet, June 2017\n")
    for heading in (
        "## Country Strategy",
        "## Population of concern",
        "## Funding (as of 30 June 2017)",
        "## UNHCR presence",
        "## Partners",
        "## Main activities",
        "### Water and Sanitation",
        "## Donors",
        "## Contacts",
        "## Links",
    ):
        assert f"\n{heading}\n" in text, heading
    assert "| IDP returnees | 498,170 |" in text
    assert "**USD 42.7 M** requested." in text
    assert "| Funded | USD 3,068,942 | 7% |" in text
    assert "**6,000** refugee returnees" in text
    assert "**over 700** refugee children" in text
    assert "United States of America (USD 95 M)" in text
    assert "[Mali Situation UNHCR Portal](<https://data2.unhcr.org/en/situations/malisituation>)" in text


def test_footnotes_are_markdown_footnotes(mali: Factsheet) -> None:
    text = render_markdown(mali)
    assert "| Malian refugees[^1] | 140,103 |" in text
    assert "\n[^1]: Source: UNHCR" in text


def test_text_is_escaped(mali: Factsheet) -> None:
    evil = "<script>alert(1)</script> | *bold* [link](x) `code`"
    sheet = attrs.evolve(mali, partners=Partners(partners=(Partner(name=evil, type=OrganisationType.OTHER),)))
    text = render_markdown(sheet)
    assert "<script" not in text
    assert "&lt;script>alert(1)&lt;/script> \\| \\*bold\\* \\[link\\](x) \\`code\\`" in text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("two\nlines", "two lines"),
        ("a & b", "a &amp; b"),
    ],
)
def test_escape_at_line_start(raw: str, escaped: str) -> None:
    assert escape(raw, start=True) == escaped


def test_escape_inside_a_line_leaves_line_start_characters() -> None:
    assert escape("+223 75997262") == "+223 75997262"


def test_minimal_factsheet_renders() -> None:
    sheet = Factsheet(
        publisher=Organisation("UNHCR"),
        operation=Operation(name="Niger", countries=("NER",)),
        title="Niger",
        period=Period(
            start=PartialDate(datetime.date(2018, 1, 1)), end=PartialDate(datetime.date(2018, 1, 31))
        ),
    )
    assert render_markdown(sheet) == "# Niger\n\nUNHCR · Niger · 1 January 2018 – 31 January 2018\n"


@given(factsheets())
def test_every_factsheet_renders(factsheet: Factsheet) -> None:
    text = render_markdown(factsheet)
    assert text.endswith("\n")
    # The only "<" left are the autolinks of e-mail addresses and link destinations.
    assert "<" not in re.sub(r"<[^<>\s]+@[^<>\s]+>|\]\(<[^<>\n]*>\)", "", text)


def test_cli_render_md(tmp_path: Path, mali: Factsheet) -> None:
    out = tmp_path / "mali.md"
    assert main(["render", str(CORRECTED), "--to", "md", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == render_markdown(mali)


def test_render_and_convert_read_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    text = CORRECTED.read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    assert main(["render", "-", "--to", "md"]) == 0
    assert capsys.readouterr().out == render_markdown(opsfacts.loads(text))

    yaml_text = opsfacts.dumps(opsfacts.loads(text), syntax="yaml")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(yaml_text.encode("utf-8"))))
    assert main(["convert", "-", "--stdin-format", "yaml", "--to", "json"]) == 0
    assert capsys.readouterr().out == text

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"title": 3}')))
    assert main(["render", "-", "--to", "md"]) == 1
    err = capsys.readouterr().err
    assert "<stdin>:1:11: $.title: expected a string, got a number (3)\n" in err


def test_convert_refuses_to_write_two_inputs_to_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "mali.json").write_text(CORRECTED.read_text(encoding="utf-8"), encoding="utf-8")
    first, second = tmp_path / "a" / "mali.json", tmp_path / "b" / "mali.json"
    out = tmp_path / "out"
    assert main(["convert", str(first), str(second), "--to", "yaml", "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"opsfacts convert: error: {first} and {second} would both be written to mali.yaml\n"
    )
    assert not out.exists()
