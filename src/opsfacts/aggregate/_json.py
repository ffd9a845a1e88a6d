"""A roll-up as JSON: every record as an object, with the totals that follow from it written out.

Amounts are strings with every digit (``"154300000"``), never floats; dates
keep their printed precision (``"2023-09"``). ``people`` and ``approximate``
are written beside the lines they add up, and ``funding_mixed`` says whether
the funding has no one total.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from typing import Any

import cattrs

from ..model import PartialDate
from ._model import Rollup

__all__ = ["to_data", "to_json"]


@functools.cache
def _converter() -> cattrs.Converter:
    converter = cattrs.Converter()
    converter.register_unstructure_hook(Decimal, lambda d: format(d, "f"))
    converter.register_unstructure_hook(PartialDate, str)
    return converter


def to_data(rollup: Rollup) -> dict[str, Any]:
    """The roll-up as JSON-ready data (dicts, lists, strings, numbers, booleans, None)."""
    data: dict[str, Any] = _converter().unstructure(rollup)
    data["people"] = rollup.people
    data["approximate"] = rollup.approximate
    data["funding_mixed"] = rollup.funding_mixed
    for operation, out in zip(rollup.operations, data["operations"], strict=True):
        for edition, written in zip(operation.editions, out["editions"], strict=True):
            written["people"] = edition.people
            written["approximate"] = edition.approximate
    for total, written in zip(rollup.funding, data["funding"], strict=True):
        percent = total.funded_percent
        written["funded_percent"] = None if percent is None else format(percent.quantize(Decimal("0.1")), "f")
    return data


def to_json(rollup: Rollup) -> str:
    """The roll-up as indented JSON text, ending with a newline."""
    return json.dumps(to_data(rollup), ensure_ascii=False, indent=2) + "\n"
