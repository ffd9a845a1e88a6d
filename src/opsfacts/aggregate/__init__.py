"""Roll-ups: many factsheets in, one typed summary out, with nothing counted twice.

:func:`rollup` takes factsheets (:func:`rollup_files` takes files, folders and
glob patterns) and gives a :class:`Rollup`: per operation its latest edition
(or every edition, for a time series), totals by population type and origin,
staff, offices, distinct partners and funding per currency and year, and every
:class:`Exclusion` with why it is left out. :func:`tables`, :func:`to_json`,
:func:`render_text` and :func:`render_dashboard` write it out.
"""

from __future__ import annotations

from ._dashboard import render_dashboard
from ._files import InputError, rollup_files
from ._json import to_data, to_json
from ._model import (
    Edition,
    Editions,
    Exclusion,
    ExclusionRule,
    FundingLine,
    FundingTotal,
    OperationSummary,
    OriginTotal,
    PopulationLine,
    Rollup,
    TypeTotal,
)
from ._rollup import rollup
from ._select import operation_key
from ._tables import ALL_OPERATIONS, TABLE_NAMES, tables
from ._text import render_text

__all__ = [
    "ALL_OPERATIONS",
    "TABLE_NAMES",
    "Edition",
    "Editions",
    "Exclusion",
    "ExclusionRule",
    "FundingLine",
    "FundingTotal",
    "InputError",
    "OperationSummary",
    "OriginTotal",
    "PopulationLine",
    "Rollup",
    "TypeTotal",
    "operation_key",
    "render_dashboard",
    "render_text",
    "rollup",
    "rollup_files",
    "tables",
    "to_data",
    "to_json",
]
