"""Partner rules (OPS4xx): stated counts match the partners listed; no partner twice."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Factsheet
from ._names import name_key
from .findings import Issue, Severity
from .registry import rule

__all__: list[str] = []


@rule("OPS401", Severity.ERROR, "Stated number of partners does not match the list")
def partner_count(factsheet: Factsheet) -> Iterator[Issue]:
    """ "UNHCR works with eight key partners including two governmental and six
    non-governmental" is a claim about the list that follows; each stated count must be
    the number of listed partners of the kinds it counts.

    Example::

        "partners": {"partners": [{"name": "Mercy Corps", "type": "international-ngo"}],
                     "stated_counts": [{"count": 2, "text": "two non-governmental",
                                        "types": ["international-ngo", "national-ngo"]}]}
    """
    block = factsheet.partners
    if block is None:
        return
    for index, stated in enumerate(block.stated_counts):
        kinds = set(stated.types)
        listed = [p for p in block.partners if not kinds or p.type in kinds]
        if len(listed) != stated.count:
            yield Issue(
                ("partners", "stated_counts", index, "count"),
                f"the text says {stated.text!r} ({stated.count}), but {len(listed)} such partners are listed",
                {"stated": stated.count, "computed": len(listed), "text": stated.text},
            )


@rule("OPS402", Severity.ERROR, "Partner listed twice")
def duplicate_partner(factsheet: Factsheet) -> Iterator[Issue]:
    """Each partner is listed once; a repeated name (ignoring case, accents and
    punctuation) inflates the partner counts.

    Example::

        "partners": [{"name": "Mercy Corps", "type": "international-ngo"},
                     {"name": "Mercy corps", "type": "international-ngo"}]
    """
    if factsheet.partners is None:
        return
    seen: dict[str, int] = {}
    for index, partner in enumerate(factsheet.partners.partners):
        key = name_key(partner.name)
        if key in seen:
            yield Issue(
                ("partners", "partners", index),
                f"the partner {partner.name!r} is already listed at partners[{seen[key]}]",
                {"name": partner.name, "first": seen[key]},
            )
        else:
            seen[key] = index
