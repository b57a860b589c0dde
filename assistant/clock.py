""""Today" in one place: the calendar day in China (Asia/Shanghai).

Deadlines are counted in Beijing time whatever the server's time zone; between 00:00 and 08:00
Beijing time a UTC date would be a day behind. Everything that needs the date takes a ``Clock``
(``today`` by default) so tests pass a fixed day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")

Clock = Callable[[], date]


def now() -> datetime:
    """The current time in Beijing (timezone-aware)."""
    return datetime.now(CHINA)


def today() -> date:
    """The current calendar day in Beijing."""
    return now().date()


def fixed(day: date) -> Clock:
    """A clock that always says ``day`` (tests, evaluations with ``--today``)."""
    return lambda: day


__all__ = ["CHINA", "Clock", "fixed", "now", "today"]
