"""The Mali June 2017 factsheet: every printed inconsistency is found, and nothing else.

The as-published example keeps the published figures; the corrected one fixes them. The
inconsistencies of the published factsheet (read from the reference text) are:

1. "USD 42,749,662 M requested", "3,068,942 M" funded and "42,749,662 M" unfunded: full
   dollar amounts printed with an "M", which would make them trillions (OPS108, each figure).
2. The unfunded amount is the requested amount again; requested minus funded is
   39,680,720, which is also what the printed "Unfunded 93%" describes (OPS102).
3. The footnote "**" is template filler ("Foot note] Ti vendem quassequi ...") (OPS701)
4. ... and no figure carries the marker "**" (OPS602).

Everything else adds up: 7% of 42,749,662 is 3,068,942 (7.18%), 7% + 93% = 100%, two
governmental and six non-governmental partners make the eight stated, "2 Field Offices in
Mopti and Timbuktu", the donors are in descending order, each target repeats its text.
"""

from __future__ import annotations

from pathlib import Path

import opsfacts
from opsfacts.checks import CheckConfig, check, fails
from opsfacts.diagnostics import Severity

REPO = Path(__file__).resolve().parents[1]
AS_PUBLISHED = REPO / "examples" / "mali-2017-06.as-published.json"
CORRECTED = REPO / "examples" / "mali-2017-06.corrected.json"
REFERENCE = REPO / "tests" / "data" / "reference" / "unhcr-mali-factsheet-2017-06.txt"

EXPECTED = {
    ("OPS102", "$.funding.unfunded"),
    ("OPS108", "$.funding.requested"),
    ("OPS108", "$.funding.funded"),
    ("OPS108", "$.funding.unfunded"),
    ("OPS602", "$.footnotes[1]"),
    ("OPS701", "$.footnotes[1].text"),
}


def test_as_published_yields_exactly_its_inconsistencies() -> None:
    found = check(opsfacts.load(AS_PUBLISHED))
    assert {(f.code, f.path) for f in found} == EXPECTED
    assert len(found) == len(EXPECTED)
    assert fails(found, CheckConfig())


def test_corrected_yields_nothing() -> None:
    assert check(opsfacts.load(CORRECTED)) == []
    assert check(opsfacts.load(CORRECTED), CheckConfig(fail_on=Severity.INFO)) == []


def test_messages_a_reviewer_understands() -> None:
    found = {(f.code, f.path): f for f in check(opsfacts.load(AS_PUBLISHED))}
    gap = found["OPS102", "$.funding.unfunded"]
    assert gap.message == (
        "the unfunded amount is printed as USD 42,749,662 M, but requested 42,749,662 M minus funded "
        "3,068,942 M is 39,680,720 M (the requested amount was printed in place of the gap); it is "
        "100.00% of the requested amount, while the unfunded share is printed as 93%"
    )
    assert gap.severity is Severity.ERROR
    requested = found["OPS108", "$.funding.requested"]
    assert requested.message == (
        "42,749,662 M has 8 digits before the multiplier 'M', so it reads as 42,749,662,000,000; "
        "it looks like the full amount 42,749,662 printed with a stray 'M'"
    )
    assert requested.values == {"value": "42749662", "scale": "million", "amount": "42749662000000"}
    filler = found["OPS701", "$.footnotes[1].text"]
    assert "looks like placeholder text" in filler.message
    assert "pseudo-Latin" in filler.message
    assert filler.values["text"].startswith("Foot note] Ti vendem quassequi")
    unreferenced = found["OPS602", "$.footnotes[1]"]
    assert unreferenced.message.startswith("the footnote '**' ('Foot note] Ti vendem")
    assert unreferenced.message.endswith("is not referenced by any item")
    assert unreferenced.severity is Severity.WARNING


def test_the_flagged_figures_are_those_printed_in_the_reference() -> None:
    assert REFERENCE.exists(), f"the reference text is missing: {REFERENCE}"
    text = REFERENCE.read_text(encoding="utf-8")
    assert "USD 42,749,662 M" in text
    assert "3,068,942 M" in text
    assert "Unfunded 93%" in text
    assert text.count("42,749,662 M") == 2  # requested, and again as unfunded
    assert "** Foot note] Ti vendem quassequi" in text
    # The "**" marker is printed nowhere but on the footnote itself.
    assert text.count("**") == 1
