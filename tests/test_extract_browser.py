"""Round trip through a real PDF: render each example, print it with headless Chromium, extract.

Skipped without Chromium unless ``OPSFACTS_REQUIRE_BROWSER=1`` (see ``test_browser``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from opsfacts.extraction import compare, extract
from opsfacts.render import render_html
from test_browser import run_chromium
from test_extract import DOCUMENTS, _document


def _printed(path: Path, tmp_path: Path) -> Path:
    factsheet, _ = _document(path)
    page = tmp_path / "page.html"
    page.write_text(render_html(factsheet), encoding="utf-8")
    pdf = tmp_path / "page.pdf"
    run_chromium(tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    return pdf


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_printed_page_round_trips(path: Path, tmp_path: Path) -> None:
    _, document = _document(path)
    comparison = compare(document, extract(_printed(path, tmp_path)).draft)
    print(f"\n{path.name}\n{comparison.table()}")
    assert comparison.wrong_values == ()
    assert comparison.recall >= 0.95
