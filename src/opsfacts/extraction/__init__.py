"""A draft factsheet document from a published factsheet: its PDF, or the text pdftotext makes of it.

:func:`extract` takes a path, bytes or text and gives an :class:`Extraction`:
the draft as JSON-like data (and as a :class:`~opsfacts.model.Factsheet` when
it loads), a :class:`Provenance` record for every value (page, line or
position, the printed text, a :class:`Confidence`), and a :class:`Review`.
It never invents: what it cannot read is left not stated. :func:`compare`
measures a draft against a finished document, fact by fact.
"""

from ._extraction import Extraction, extract, extract_lines
from ._facts import Comparison, PartScore, compare, facts
from ._lines import Line, lines_from_text
from ._pdf import MAX_PAGES
from ._provenance import Confidence, Provenance
from ._reading import MAX_PDF_BYTES, MAX_TEXT_BYTES, ExtractionError
from ._review import Review

__all__ = [
    "MAX_PAGES",
    "MAX_PDF_BYTES",
    "MAX_TEXT_BYTES",
    "Comparison",
    "Confidence",
    "Extraction",
    "ExtractionError",
    "Line",
    "PartScore",
    "Provenance",
    "Review",
    "compare",
    "extract",
    "extract_lines",
    "facts",
    "lines_from_text",
]
