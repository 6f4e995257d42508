"""Working days around weekends and England and Wales bank holidays."""
from datetime import date

import pytest

from bot.rules.workdays import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize("start,days,expected,why", [
    (date(2026, 3, 9), 3, date(2026, 3, 12), "Monday + 3 = Thursday"),
    (date(2026, 3, 12), 3, date(2026, 3, 17), "Thursday + 3 skips the weekend"),
    (date(2026, 3, 14), 1, date(2026, 3, 16), "from a Saturday, the next working day is Monday"),
    (date(2026, 4, 2), 1, date(2026, 4, 7), "Maundy Thursday + 1 skips Good Friday and Easter Monday"),
    (date(2026, 12, 23), 3, date(2026, 12, 30), "Wednesday 23rd + 3: 24th, then Christmas, Boxing Day and its substitute Monday 28th are skipped"),
    (date(2026, 12, 24), 1, date(2026, 12, 29), "Christmas Eve + 1"),
    (date(2026, 8, 28), 1, date(2026, 9, 1), "the August bank holiday Monday"),
    (date(2026, 5, 1), 1, date(2026, 5, 5), "the early May bank holiday"),
    (date(2026, 12, 31), 1, date(2027, 1, 4), "New Year's Day 2027 is a Friday"),
    (date(2026, 3, 10), 24, date(2026, 4, 15), "24 working days across Easter"),
    (date(2026, 3, 10), 0, date(2026, 3, 10), "no days"),
])
def test_add_working_days(start, days, expected, why):
    assert add_working_days(start, days) == expected, why


@pytest.mark.parametrize("day,working", [
    (date(2026, 4, 3), False), (date(2026, 4, 6), False), (date(2026, 12, 28), False), (date(2026, 3, 14), False),
    (date(2026, 3, 10), True), (date(2026, 12, 29), True),
])
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_working_days_between_and_bad_input():
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 16)) == 5
    assert working_days_between(date(2026, 3, 16), date(2026, 3, 9)) == 0
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 9), -1)
