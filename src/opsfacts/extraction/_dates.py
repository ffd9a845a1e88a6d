"""Dates as printed, in English and French, at the precision printed."""

from __future__ import annotations

import re

__all__ = ["DATE", "read_date"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
DATE = re.compile(rf"(?:(?P<d>\d{{1,2}})(?:er)?\s+)?(?P<m>{_MONTH})\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)
"""A date printed as "30 June 2017", "June 2017", "1er mars 2019"."""


def read_date(text: str) -> tuple[str, str] | None:
    """The first date in ``text`` as a partial date (``2017-06-30``, ``2017-06``) and its print."""
    found = DATE.search(text)
    if found is None:
        return None
    month = _MONTHS[found["m"].lower()]
    if found["d"]:
        return f"{found['y']}-{month:02d}-{int(found['d']):02d}", found[0]
    return f"{found['y']}-{month:02d}", found[0]
