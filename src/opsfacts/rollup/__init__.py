"""Roll-ups: many factsheets in, one typed summary out, with nothing counted twice.

:func:`rollup` takes factsheets (:func:`rollup_files` takes files, folders and
glob patterns) and gives a :class:`Rollup`: per operation its latest edition
(or every edition, for a time series), totals by population type and origin,
staff, offices, distinct partners and funding per currency and year, and every
:class:`Exclusion` with why it is left out. :func:`tables`, :func:`to_json`,
:func:`render_text` and :func:`render_dashboard` write it out.
"""

from __future__ import annotations

from ._files import InputError, rollup_files
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

__all__ = [
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
    "rollup",
    "rollup_files",
]
