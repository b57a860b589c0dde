"""China's statutory holidays and adjusted working days (``chinese_calendar``).

The one module that imports chinese_calendar. Its current release knows the State Council's
holiday arrangements up to 2026; for later years only weekends are known, and every caller says
so (the arrangement is published each November for the next year). 民法典第二百零三条: a period
whose last day is a statutory rest day ends on the day after the rest day(s).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _calendar() -> Any:
    import chinese_calendar

    return chinese_calendar


def calendar_known(year: int) -> bool:
    """Whether the holiday arrangement of ``year`` is in the installed calendar."""
    try:
        _calendar().is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def is_rest_day(d: date) -> bool:
    """A statutory holiday or weekend that is not an adjusted working day; for a year whose
    arrangement is not published, Saturdays and Sundays."""
    if calendar_known(d.year):
        return not bool(_calendar().is_workday(d))
    return d.weekday() >= 5


def roll_forward(d: date) -> date:
    """``d``, or the first working day after it when ``d`` is a rest day."""
    while is_rest_day(d):
        d += timedelta(days=1)
    return d


def add_workdays(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (the start day itself is not counted)."""
    d = start
    left = n
    while left > 0:
        d += timedelta(days=1)
        if not is_rest_day(d):
            left -= 1
    return d


def span_known(first: date, last: date) -> bool:
    """Whether every year from ``first`` to ``last`` has a published arrangement."""
    return all(calendar_known(y) for y in range(first.year, last.year + 1))


__all__ = ["add_workdays", "calendar_known", "is_rest_day", "roll_forward", "span_known"]
