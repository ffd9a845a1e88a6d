"""Recall and wrong values of ``opsfacts extract`` per part, for every layout it knows.

Not a pass/fail test: run ``python benchmarks/bench_extract.py [--pdf]`` and read the tables.

* our pages, as text: every example document rendered by opsfacts, its visible text read line by
  line (as ``tests/extract_page_text.py`` does), extracted and compared with the document;
* our pages, as PDF (``--pdf``): the same pages printed by headless Chromium;
* published layouts: each text in ``tests/data/reference/``, compared with its as-published encoding.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import opsfacts
from opsfacts.documents import to_dict
from opsfacts.extraction import Comparison, compare, extract
from opsfacts.render import render_html

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from extract_page_text import page_text  # noqa: E402 - the tests' page reader, shared on purpose

REFERENCE = REPO / "tests" / "data" / "reference"
ENCODED = {"unhcr-mali-factsheet-2017-06": REPO / "examples" / "mali-2017-06.as-published.json"}
OURS = sorted(
    [*REPO.glob("examples/*.json"), *REPO.glob("tests/data/factsheets/*.corrected.*")], key=lambda p: p.name
)
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer")


def _encoding(stem: str) -> Path | None:
    if stem in ENCODED:
        return ENCODED[stem]
    found = sorted((REPO / "tests" / "data" / "factsheets").glob(f"{stem}.as-published.*"))
    return found[0] if found else None


def _printed(html: str, work: Path) -> Path:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    page, pdf = work / "page.html", work / "page.pdf"
    page.write_text(html, encoding="utf-8")
    command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}", f"--print-to-pdf={pdf}"]
    subprocess.run([*command, page.as_uri()], capture_output=True, timeout=120, check=True)
    return pdf


def _report(title: str, rows: list[tuple[str, Comparison]]) -> list[str]:
    print(f"\n######## {title}")
    summary = [f"{title}:"]
    for name, comparison in rows:
        print(f"== {name}\n{comparison.table()}")
        for key, expected, found in comparison.wrong_values:
            print(f"   wrong: {key}: expected {expected!r}, found {found!r}")
        summary.append(f"  {name:<66} {comparison.recall:>6.1%} {comparison.wrong:>3} wrong")
    return summary


def main() -> int:
    """Print one table per page and layout, and a summary line for each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true", help="also print our pages with headless Chromium")
    args = parser.parse_args()
    summary: list[str] = []
    as_text, as_pdf = [], []
    with tempfile.TemporaryDirectory() as work:
        for path in OURS:
            factsheet = opsfacts.load(path)
            document, html = to_dict(factsheet), render_html(factsheet)
            as_text.append((path.name, compare(document, extract(page_text(html)).draft)))
            if args.pdf:
                as_pdf.append((path.name, compare(document, extract(_printed(html, Path(work))).draft)))
    summary += _report("our pages, as text", as_text)
    if args.pdf:
        summary += _report("our pages, printed to PDF by Chromium", as_pdf)
    published = []
    for text in sorted(REFERENCE.glob("*.txt")):
        encoding = _encoding(text.stem)
        if encoding is not None:
            published.append((text.stem, compare(to_dict(opsfacts.load(encoding)), extract(text).draft)))
    summary += _report("published layouts (pdftotext text)", published)
    print("\n" + "\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
