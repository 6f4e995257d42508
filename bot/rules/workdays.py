"""Working days: Monday to Friday, except England and Wales bank holidays
(from the `holidays` package, substitute days included)."""
from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays


@functools.lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset:
    # England and Wales share the same bank holidays.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=[year]))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted).

    A response "within 3 working days" of an application received on Wednesday
    23 December 2026 is due on Wednesday 30 December: the 24th, 29th and 30th
    (Christmas Day, Boxing Day and its substitute on Monday 28th are holidays).
    """
    if days < 0:
        raise ValueError("days must be 0 or more")
    current = start
    left = days
    while left:
        current += timedelta(days=1)
        if is_working_day(current):
            left -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
