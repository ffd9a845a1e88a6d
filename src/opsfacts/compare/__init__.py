"""What changed between two editions of a factsheet.

:func:`diff` takes two :class:`~opsfacts.Factsheet` objects (and
:func:`diff_files` two files, format 1.0 migrated on reading) and gives a
:class:`DiffResult`: figures that moved (by how much, and whether within
their printed precision), things added, removed or renamed, dates moved,
text edited, and consistency findings that appeared or disappeared. Things
are matched by what they are, not by where they are printed.
:func:`render` writes a result as text, JSON (see :func:`diff_schema`),
Markdown or HTML.
"""

from ._diff import diff, diff_files
from ._render import FORMATS, render
from ._result import BLOCKS, Change, ChangeKind, DiffResult, FigureChange, FindingChange, WordChange
from ._schema import DIFF_SCHEMA_ID, DIFF_VERSION, diff_data, diff_schema

__all__ = [
    "BLOCKS",
    "DIFF_SCHEMA_ID",
    "DIFF_VERSION",
    "FORMATS",
    "Change",
    "ChangeKind",
    "DiffResult",
    "FigureChange",
    "FindingChange",
    "WordChange",
    "diff",
    "diff_data",
    "diff_files",
    "diff_schema",
    "render",
]
