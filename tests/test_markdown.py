"""Markdown: the whole factsheet, figures in tables, footnotes as footnotes, text escaped."""

from __future__ import annotations

import datetime
import re
import typing
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

import opsfacts
from opsfacts import Contact, Factsheet, Operation, Organisation, Partner, Partners, Period, PopulationGroup
from opsfacts.cli import main
from opsfacts.model import Email, OrganisationType, PartialDate, constraint_of
from opsfacts.render import render_markdown
from opsfacts.render._markdown import escape
from opsfacts.strategies import factsheets, texts

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
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*bold\\* \\[link\\](x) \\`code\\`" in text


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


# --- hostile text: no document can produce raw HTML or change the Markdown structure -----------

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- c -->",
    "<?php x ?>",
    "<![CDATA[x]]>",
    "<div>",
    "</p>",
    "<b",
    "&lt;i&gt;",
    "&#60;u&#62;",
    "&amp;",
    "<https://evil.example/>",
    "<a@evil.example>",
    "[x](javascript:alert(1))",
    "![i](x.png)",
    "[x]: https://evil.example/",
    "[^1]",
    "[^1]: note",
    "|",
    "| a | b |",
    "|---|",
    "#",
    "# ",
    "## h #",
    ">",
    "> ",
    "-",
    "- ",
    "+ ",
    "* ",
    "1. ",
    "2) ",
    "---",
    "***",
    "===",
    "`",
    "```",
    "~~~",
    "~~x~~",
    "*",
    "**b**",
    "_",
    "__u__",
    "[",
    "]",
    "<",
    ">",
    "&",
    "\\",
    "\\\n",
    "\n",
    "\n\n",
    "\r",
    "\t",
    "    ",
    "  \n",
    ":",
    '"',
    "x",
    "www.evil.example",
]
hostile_texts = (
    st.lists(st.sampled_from(HOSTILE) | texts(max_size=4), min_size=1, max_size=6)
    .map("".join)
    .filter(lambda s: bool(s.strip()))
)


# Addresses some email grammar might let through; each is injected only if the model accepts it.
HOSTILE_EMAILS = [
    "desk@example.org><script>alert(1)</script>",
    "a@b.org><img src=x onerror=alert(1)>",
    "x@y.org> <b>bold</b",
    "o_b*r#x&y@example.org",
    "a`b~c|d{e}@example.org",
    "_x_@example.org",
    "**y**@example.org",
    "desk@example.org",
]
_EMAIL_CHECK = constraint_of(Email).check  # type: ignore[union-attr]
model_emails = st.sampled_from([e for e in HOSTILE_EMAILS if _EMAIL_CHECK(e) is None])

# The fields of paragraph text, the only ones that may hold a line break.
PARAGRAPH_FIELDS = {"Section.paragraphs", "Footnote.text"}

# Text fields Markdown does not show (or shows only with another part present).
NOT_SHOWN = {
    "Operation.area",
    "Organisation.acronym",
    "Partner.type_label",
    "Target.action",
    "Target.beneficiaries",
    "PartnerCount.text",
    "Acceptance.reason",
    "Acceptance.path",
    "Factsheet.schema",
    "Footnote.text",  # Markdown shows a footnote only where it is referenced
}


def _slot(tp: Any, name: str) -> str | None:
    """``one`` for a field of the constraint, ``many`` for a tuple of it, ``optional`` for it | None."""
    if getattr(constraint_of(tp), "name", None) == name:
        return "one"
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and _slot(args[0], name) == "one":
        return "many"
    if type(None) in args and any(_slot(a, name) == "one" for a in args):
        return "optional"
    return None


def inject(value: Any, text: Callable[[str], str], email: Callable[[], str] | None = None) -> Any:
    """The value with every text field replaced by ``text(field)`` (and email by ``email()``), recursively."""
    if isinstance(value, tuple):
        return tuple(inject(v, text, email) for v in value)
    if not attrs.has(type(value)):
        return value
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        where = f"{type(value).__name__}.{field.name}"
        slot = _slot(field.type, "non-blank text") or _slot(field.type, "paragraph text")
        if slot == "many":
            changes[field.name] = tuple(text(where) for _ in current)
        elif slot == "one" or (slot == "optional" and current is not None):
            changes[field.name] = text(where)
        elif email is not None and _slot(field.type, "email address") and current is not None:
            changes[field.name] = email()
        else:
            changes[field.name] = inject(current, text, email)
    if isinstance(value, PopulationGroup) and changes.get("part_of") == changes["label"]:
        # A group is never part of itself: keep the injected text, make the two differ.
        changes["part_of"] += " (whole)"
    return attrs.evolve(value, **changes)


def _texts_shown(tokens: Sequence[Token]) -> list[str]:
    """The plain text of every inline run: text tokens joined, any other token a break."""
    runs: list[str] = []
    for token in tokens:
        if token.type == "inline":
            run = ""
            for child in token.children or []:
                if child.type in ("text", "text_special"):
                    run += child.content
                else:
                    runs.append(run)
                    run = ""
            runs.append(run)
        runs += _texts_shown(token.children or []) if token.type != "inline" else []
    return runs


def _parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").use(footnote_plugin)
    )


def _structure(tokens: Sequence[Token]) -> list[tuple[str, str, int]]:
    """Token kinds, tags and nesting, runs of plain text as one: what Markdown made of the text."""
    shape: list[tuple[str, str, int]] = []
    for token in tokens:
        if token.type == "inline":
            shape += _structure(token.children or [])
            continue
        kind = "text" if token.type in ("text", "text_special") else token.type
        item = (kind, token.tag, token.nesting)
        if not (kind == "text" and shape and shape[-1] == item):
            shape.append(item)
    return shape


def _all_tokens(tokens: Sequence[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _all_tokens(token.children or [])


def test_the_inject_helper_reaches_every_text_field() -> None:
    sheet = inject(opsfacts.load(CORRECTED), lambda where: "INJECTED", lambda: "in@jected.org")
    assert "INJECTED" in render_markdown(sheet)
    assert sheet.title == sheet.operation.name == sheet.contacts[0].name == "INJECTED"
    assert sheet.contacts[0].email == "in@jected.org"


@settings(max_examples=150)
@given(factsheets(), st.data())
def test_hostile_text_makes_no_html_and_no_structure(factsheet: Factsheet, data: st.DataObject) -> None:
    parser = _parser()
    shown: list[tuple[str, str]] = []

    def hostile(where: str) -> str:
        text = data.draw(hostile_texts).replace("\r", " ")
        if where not in PARAGRAPH_FIELDS:
            text = text.replace("\n", " ")  # one-line text holds no line break; the model says so
        if where not in NOT_SHOWN:
            shown.append((where, text))
        return text

    plain = render_markdown(inject(factsheet, lambda where: "x"))
    hostile_sheet = inject(factsheet, hostile, lambda: data.draw(model_emails))
    markdown = render_markdown(hostile_sheet)
    tokens = parser.parse(markdown)
    raw_html = [t.content for t in _all_tokens(tokens) if t.type in ("html_block", "html_inline")]
    assert raw_html == []
    # The same blocks, links, emphasis and footnotes as with harmless text.
    assert _structure(tokens) == _structure(parser.parse(plain))
    # Every text is shown as written (white space runs as one space).
    runs = _texts_shown(tokens)
    for where, text in shown:
        flat = " ".join(text.split())
        assert any(flat in run for run in runs), (where, flat, runs)
    for contact in hostile_sheet.contacts:
        if contact.email is not None:
            hrefs = {unquote(str(t.attrGet("href"))) for t in _all_tokens(tokens) if t.type == "link_open"}
            assert f"mailto:{contact.email}" in hrefs  # the parser may percent-encode it
    assert "<script" not in parser.render(markdown)


def test_contact_email_is_an_autolink_or_an_escaped_link(mali: Factsheet) -> None:
    contacts = (
        Contact(name="Desk", email="desk@example.org"),
        Contact(name="Odd", email="o_b*r#x&y@example.org"),
    )
    text = render_markdown(attrs.evolve(mali, contacts=contacts))
    assert "- **Desk**, <desk@example.org>\n" in text
    html = _parser().render(text)
    assert '<a href="mailto:desk@example.org">desk@example.org</a>' in html
    assert '<a href="mailto:o_b*r#x&amp;y@example.org">o_b*r#x&amp;y@example.org</a>' in html


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a > b", "a &gt; b"),
        ("Title #", "Title \\#"),
        ("<b>", "&lt;b&gt;"),
    ],
)
def test_escape_inside_a_line(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped
