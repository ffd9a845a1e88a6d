"""Dates at the precision a factsheet prints them: a day, a month or a year.

``AS OF MARCH 2019`` is the month ``2019-03``, not the first of March: a
:class:`PartialDate` keeps what was printed and says which days it may mean
(:attr:`~PartialDate.first_day`, :attr:`~PartialDate.last_day`), so checks
compare dates without inventing a day nobody printed.
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Final

__all__ = ["PARTIAL_DATE_PATTERN", "PartialDate"]

PARTIAL_DATE_PATTERN: Final = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?")
"""``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (ISO 8601 at reduced precision)."""


class PartialDate(str):
    """A date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; it is the string it was written as.

    >>> march = PartialDate("2019-03")
    >>> march.precision, march.first_day, march.last_day
    ('month', datetime.date(2019, 3, 1), datetime.date(2019, 3, 31))
    >>> str(PartialDate(datetime.date(2017, 6, 30)))
    '2017-06-30'
    """

    __slots__ = ()

    def __new__(cls, value: str | datetime.date) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime.datetime):
            raise TypeError(f"a date has no time of day; got {value!r}")
        if isinstance(value, datetime.date):
            return str.__new__(cls, value.isoformat())
        if not isinstance(value, str):
            raise TypeError(f"expected a date or a string written YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        if PARTIAL_DATE_PATTERN.fullmatch(value) is None:
            raise ValueError(f"must be a date written YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}")
        year = int(value[:4])
        if year < 1:
            raise ValueError(f"is not a real calendar date: {value!r}")
        if len(value) == 10:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"is not a real calendar date: {value!r}") from None
        return str.__new__(cls, value)

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return {10: "day", 7: "month", 4: "year"}[len(self)]

    @property
    def year(self) -> int:
        """The year."""
        return int(self[:4])

    @property
    def first_day(self) -> datetime.date:
        """The first day the date may mean."""
        month = int(self[5:7]) if len(self) >= 7 else 1
        day = int(self[8:10]) if len(self) == 10 else 1
        return datetime.date(self.year, month, day)

    @property
    def last_day(self) -> datetime.date:
        """The last day the date may mean."""
        if len(self) == 10:
            return self.first_day
        month = int(self[5:7]) if len(self) == 7 else 12
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __repr__(self) -> str:
        return f"PartialDate({str.__repr__(self)})"

    def __reduce__(self) -> tuple[type[PartialDate], tuple[str]]:
        return (PartialDate, (str(self),))
