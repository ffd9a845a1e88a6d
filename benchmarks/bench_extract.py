"""Recall and wrong values of ``opsfacts extract`` per part, for every layout it knows.

Not a pass/fail test: run ``python benchmarks/bench_extract.py`` and read the table. Each text in
``tests/data/reference/`` is extracted and compared with its as-published encoding.
"""

from __future__ import annotations

import sys
from pathlib import Path

import opsfacts
from opsfacts.documents import to_dict
from opsfacts.extraction import compare, extract

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "tests" / "data" / "reference"
ENCODED = {"unhcr-mali-factsheet-2017-06": REPO / "examples" / "mali-2017-06.as-published.json"}


def _encoding(stem: str) -> Path | None:
    if stem in ENCODED:
        return ENCODED[stem]
    found = sorted((REPO / "tests" / "data" / "factsheets").glob(f"{stem}.as-published.*"))
    return found[0] if found else None


def main() -> int:
    """Print one table per layout and a summary line for each."""
    summary = []
    for text in sorted(REFERENCE.glob("*.txt")):
        encoding = _encoding(text.stem)
        if encoding is None:
            continue
        comparison = compare(to_dict(opsfacts.load(encoding)), extract(text).draft)
        print(f"== {text.name}\n{comparison.table()}")
        for key, expected, found in comparison.wrong_values:
            print(f"   wrong: {key}: expected {expected!r}, found {found!r}")
        summary.append(f"{text.stem:<58} {comparison.recall:>6.1%} {comparison.wrong:>3} wrong")
    print("\n".join(["", "recall per layout:", *summary]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
