"""``opsfacts extract``: drafts from our own pages' text, from the published Mali text, and hostile input."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import opsfacts
from extract_page_text import page_text
from opsfacts.cli import main
from opsfacts.documents import to_dict
from opsfacts.documents._sources import parse_yaml
from opsfacts.extraction import ExtractionError, compare, extract
from opsfacts.render import render_html

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted(
    [*REPO.glob("examples/*.json"), *REPO.glob("tests/data/factsheets/*.corrected.*")], key=lambda p: p.name
)
MALI_TEXT = REPO / "tests" / "data" / "reference" / "unhcr-mali-factsheet-2017-06.txt"
MALI = REPO / "examples" / "mali-2017-06.as-published.json"


def _document(path: Path) -> tuple[opsfacts.Factsheet, dict[str, Any]]:
    factsheet = opsfacts.load(path)
    return factsheet, to_dict(factsheet)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_our_page_text_round_trips(path: Path) -> None:
    factsheet, document = _document(path)
    comparison = compare(document, extract(page_text(render_html(factsheet))).draft)
    print(f"\n{path.name}\n{comparison.table()}")
    assert comparison.wrong_values == ()
    assert comparison.recall >= 0.95


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_our_page_text_recovers_nothing_wrongly(path: Path) -> None:
    factsheet, document = _document(path)
    comparison = compare(document, extract(page_text(render_html(factsheet))).draft)
    assert comparison.wrong_values == ()
    assert comparison.exact > 0


def test_published_mali_text() -> None:
    extraction = extract(MALI_TEXT)
    comparison = compare(json.loads(MALI.read_text(encoding="utf-8")), extraction.draft)
    print(f"\n{comparison.table()}")
    assert comparison.wrong_values == ()
    assert comparison.recall >= 0.90
    groups = extraction.draft["populations"]["groups"]
    assert [g["label"] for g in groups][:2] == ["IDP returnees", "Malian refugees"]
    assert groups[0]["types"] == ["RDP"]
    assert extraction.draft["funding"]["requested"] == {"value": "42749662", "scale": "million"}
    # What is not printed is not stated: no partner of the NGO group gets a type.
    assert [p.get("type") for p in extraction.draft["partners"]["partners"]][2:] == [None] * 6


def test_every_value_has_provenance() -> None:
    extraction = extract(MALI_TEXT)
    counts = [p for p in extraction.provenance if p.path.endswith(".count")]
    assert [p.printed for p in counts][:2] == ["498 170", "140 103"]
    assert counts[0].line == 91
    assert counts[0].page == 1


def test_review_names_what_is_missing() -> None:
    review = extract(MALI_TEXT).review
    assert "period or date (one is required)" in review.not_found
    assert "title (required)" in review.not_found
    assert any("title" in problem for problem in review.problems)


def test_cli_writes_draft_and_provenance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.json"
    assert main(["extract", str(MALI_TEXT), "-o", str(draft)]) == 0
    data = json.loads(draft.read_text(encoding="utf-8"))
    assert data["presence"]["staff"][0] == {"category": "national", "label": "National Staff", "count": 68}
    records = json.loads((tmp_path / "draft.provenance.json").read_text(encoding="utf-8"))["provenance"]
    assert records[0]["page"] == 1
    assert "Not found" in capsys.readouterr().out


def test_cli_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    source = tmp_path / "sheet.txt"
    source.write_text(MALI_TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    before = source.read_bytes()
    assert main(["extract", str(source), "-o", str(source)]) == 2
    assert source.read_bytes() == before


def _encrypted_pdf() -> bytes:
    """A one-page PDF with a Standard security handler whose password is not empty."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length 8 >>\nstream\n\x8a\x11\x92\x03\x7f\x00\x01\x02\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    ident = b"<00112233445566778899aabbccddeeff>"
    out += b"trailer\n<< /Size 6 /Root 1 0 R /Encrypt 5 0 R /ID [" + ident + b" " + ident + b"] >>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _blank_pdf() -> bytes:
    return _encrypted_pdf().replace(b" /Encrypt 5 0 R", b"")


HOSTILE = {
    "empty.pdf": b"",
    "empty.txt": b"",
    "image.png": b"\x89PNG\r\n\x1a\n" + bytes(200),
    "image.pdf": b"\xff\xd8\xff\xe0" + bytes(100),
    "truncated.pdf": _blank_pdf()[:120],
    "encrypted.pdf": _encrypted_pdf(),
    "no-text.pdf": _blank_pdf(),
    "binary.txt": bytes(range(256)) * 4,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_refused_in_one_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    assert main(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"opsfacts extract: error: {path}: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_encrypted_pdf_says_so(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted_pdf())
    with pytest.raises(ExtractionError, match="encrypted"):
        extract(path)


@pytest.mark.parametrize("seed", range(12))
def test_random_bytes_never_crash(seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(seed)
    for suffix in (".pdf", ".txt"):
        path = tmp_path / f"fuzz{suffix}"
        head = b"%PDF-1.4\n" if seed % 2 and suffix == ".pdf" else b""
        path.write_bytes(head + rng.randbytes(rng.randrange(1, 4000)))
        code = main(["extract", str(path)])
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert code in (0, 2)
        if code == 2:
            assert err.count("\n") == 1


@pytest.mark.parametrize("seed", range(6))
def test_truncated_pdfs_are_refused(seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _blank_pdf()
    cut = random.Random(seed).randrange(10, len(data) - 10)
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:cut])
    assert main(["extract", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_too_many_pages_is_refused(tmp_path: Path) -> None:
    from opsfacts.extraction import MAX_PAGES

    kids = " ".join(f"{3 + i} 0 R" for i in range(MAX_PAGES + 5))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {MAX_PAGES + 5} >>".encode(),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * (MAX_PAGES + 5)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path = tmp_path / "long.pdf"
    path.write_bytes(bytes(out))
    with pytest.raises(ExtractionError, match=f"more than {MAX_PAGES} pages"):
        extract(path)


def test_key_figures_from_our_page_and_a_published_heading() -> None:
    ours = extract(
        "UNHCR\nColombia operational update\nJune 2021\n"
        "8.2 million IDPs in the Registro Único de Víctimas (RUV) as of May 2021\n"
        "over 45,000 people displaced since January since January 2021 · as of May 2021"
        " · source: Defensoría\n"
        "Operational context\n"
        "18,312 refugees are hosted in Nakivale settlement.\n"
    ).draft["key_figures"]
    assert ours == [
        {
            "label": "IDPs in the Registro Único de Víctimas (RUV)",
            "quantity": {"value": 8200000, "printed": "8.2 million"},
        },
        {
            "label": "people displaced since January",
            "quantity": {"value": 45000, "qualifier": "at-least", "printed": "over 45,000"},
            "source": "Defensoría",
        },
    ]
    published = extract(
        "BURUNDI SITUATION\n1 – 30 November 2015\n\nKEY FIGURES\n\n226,513\nBurundian refugees\n\n"
        "USD 306.7 M\nrequested by 22 partners\n\nFUNDING\n"
    ).draft["key_figures"]
    assert published == [
        {"label": "Burundian refugees", "quantity": 226513},
        {
            "label": "requested by 22 partners",
            "amount": {"value": "306.7", "scale": "million"},
            "currency": "USD",
        },
    ]


def test_activities_with_their_numbers() -> None:
    activities = extract(
        "Activities by sector\nProtection\n"
        "UNHCR monitors the centre every month; 146 asylum seekers were released.\n"
        "146 asylum seekers · 2014\n"
        "Water and Sanitation\nSupply reached 17 litres per person per day.\n"
        "6 boreholes · Dukwi, Francistown\n"
        "Partners\n"
    ).draft["activities"]
    assert activities == [
        {
            "sector": {"name": "Protection", "code": "protection"},
            "statements": [
                {
                    "text": "UNHCR monitors the centre every month; 146 asylum seekers were released.",
                    "targets": [{"quantity": 146, "unit": "asylum seekers", "year": 2014}],
                }
            ],
        },
        {
            # "Water and Sanitation" is not a code's own name: the code is left not stated.
            "sector": {"name": "Water and Sanitation"},
            "statements": [
                {
                    "text": "Supply reached 17 litres per person per day.",
                    "targets": [{"quantity": 6, "unit": "boreholes", "locations": ["Dukwi", "Francistown"]}],
                }
            ],
        },
    ]


def test_yaml_draft_says_where_each_value_was_printed() -> None:
    extraction = extract(MALI_TEXT)
    text = extraction.draft_text()
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert len(comments) == len(extraction.provenance) + 2
    assert any("populations.groups[0].count" in c and "p1 l91" in c and "'498 170'" in c for c in comments)
    # The comments do not change the document.
    assert parse_yaml(text).data == extraction.draft


def test_funding_told_in_a_sentence() -> None:
    funding = extract(
        "FUNDING\n\nUNHCR requirements for the Burundi situation (April – December 2015):\n"
        "USD 207.2 million, funded 33% (as of 24 November 2015). The plan covers Tanzania.\n"
    ).draft["funding"]
    assert funding["requested"] == {"value": "207.2", "scale": "million", "printed": "USD 207.2 million"}
    assert funding["funded_percent"] == "33"
    assert funding["as_of"] == "2015-11-24"


def test_chart_figures_given_twice_are_one_group() -> None:
    factsheet = opsfacts.load(REPO / "examples" / "mali-2017-06.corrected.json")
    text = page_text(render_html(factsheet))
    # The chart draws the figures, and a table screen readers read gives them again with whole labels.
    assert "Malian refugees*" in text.splitlines()
    assert "Malian refugees (living abroad: not counted in Mali) 140,103" in text.splitlines()
    groups = extract(text).draft["populations"]["groups"]
    assert [g["label"] for g in groups] == [g.label for g in factsheet.populations.groups]  # type: ignore[union-attr]
    refugees = groups[1]
    assert (refugees["count"], refugees["residence"], refugees["footnotes"]) == (140103, "abroad", ["*"])
    assert [g.get("residence") for g in groups].count("abroad") == 1


def test_page_text_sets_table_cells_apart() -> None:
    text = page_text(render_html(opsfacts.load(MALI)))
    # A row's header cell (<th scope="row">) is a cell like any other: "68 National Staff", not "68National".
    assert "68 National Staff" in text.splitlines()
    assert "1 Country Office in Bamako" in text.splitlines()


def test_office_under_wrapped_onto_its_own_line() -> None:
    offices = extract(
        "UNHCR PRESENCE\n\nOffices\nBureaux de terrain in Bria\n(under Bambari)\n"
        "Bureaux de terrain in Obo,\nZémio (under Bangassou)\nBureaux de terrain in Paoua\n(under Bouar)\n"
    ).draft["presence"]["offices"]
    assert [(o["locations"], o["under"]) for o in offices] == [
        (["Bria"], "Bambari"),
        (["Obo", "Zémio"], "Bangassou"),
        (["Paoua"], "Bouar"),
    ]


def test_funded_share_cut_before_its_sign() -> None:
    funding = extract(
        "FUNDING 2022\n\n47.8 million USD\nrequested for the operation\n"
        "Funded 19.6 million USD (41\n%)\nUnfunded 28.2 million USD\n(59 %)\n"
    ).draft["funding"]
    assert (funding["funded_percent"], funding["unfunded_percent"]) == ("41", "59")


def _text(text: str, left: float, top: float, right: float, box: int = 0) -> Any:
    from opsfacts.extraction._pdf import _Text

    return _Text(text, left, top, right, top + 7.5, box)


def test_pdf_reading_order_columns_and_table_rows() -> None:
    from opsfacts.extraction._pdf import _joined, _read

    items = [
        _text("HEADING ACROSS THE PAGE", 30, 10, 560),
        # Left column: a paragraph; right column: a table row whose label wraps, and a chart row.
        _text("Narrative line one", 30, 40, 300, 1),
        _text("narrative line two", 30, 49, 290, 1),
        _text("Refugees (Dukwi", 340, 40, 400, 2),
        _text("camp)", 340, 49, 365, 2),
        _text("2,317", 470, 40, 487, 3),
        _text("Asylum seekers", 340, 62, 400, 4),
        _text("689", 470, 71, 480, 5),
    ]
    lines = [_joined(run) for run in _read(items)]
    assert lines == [
        "HEADING ACROSS THE PAGE",
        "Narrative line one",
        "narrative line two",
        "Refugees (Dukwi camp) 2,317",
        "Asylum seekers",
        "689",
    ]


@given(
    st.lists(
        st.tuples(
            st.floats(0, 500, allow_nan=False),
            st.floats(0, 800, allow_nan=False),
            st.floats(1, 200, allow_nan=False),
            st.sampled_from(["12", "Label", "over 6,500", "x y z", "45%"]),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_pdf_reading_order_keeps_every_line_once(boxes: list[tuple[float, float, float, str]]) -> None:
    from opsfacts.extraction._pdf import _read

    items = [
        _text(f"{text}#{index}", left, top, left + width, index)
        for index, (left, top, width, text) in enumerate(boxes)
    ]
    runs = _read(items)
    assert sorted(t.text for run in runs for t in run) == sorted(t.text for t in items)


def test_pdf_reading_order_past_its_depth_is_top_to_bottom() -> None:
    from opsfacts.extraction._pdf import _MAX_DEPTH, _read

    items = [_text("right", 400, 10, 500, 1), _text("left", 10, 20, 100, 2), _text("low", 10, 90, 100, 3)]
    assert [run[0].text for run in _read(items)] == ["left", "low", "right"]
    assert [run[0].text for run in _read(items, _MAX_DEPTH + 1)] == ["right", "left", "low"]
