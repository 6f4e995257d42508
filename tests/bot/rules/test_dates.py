"""Independent, table-driven checks of bot/dates.py against its documented contract.

Expectations follow the module docstring of bot/dates.py (the "meanings chosen
for ambiguous phrases"), not the implementation. Where the docstring is silent
(e.g. the exact range of "last week") the checks are deliberately loose and
only ask for something a resident would call sensible.

Fixed "today" values:
  TUE = Tuesday 10 March 2026 (most cases)
  THU = Thursday 26 November 2026
  MON = Monday 31 August 2026 (month end)
  SUN = Sunday 1 March 2026 (month start, end of a Monday-to-Sunday week)
"""
import re
from datetime import date

import pytest

from bot.rules.dates import DateReading, find_dates, format_date, format_day, read_date
from bot.rules import dates

TUE = date(2026, 3, 10)
THU = date(2026, 11, 26)
MON = date(2026, 8, 31)
SUN = date(2026, 3, 1)

D = date  # short alias for the tables

UNREADABLE_TEXT = "I could not read that as a date"


def _case(*values, id):
    return pytest.param(*values, id=id)


def _assert_sentence(message):
    """A non-empty, plain-English sentence a resident can act on."""
    assert isinstance(message, str), f"message should be a string, got {message!r}"
    text = message.strip()
    assert len(text.split()) >= 4, f"message too short to act on: {message!r}"
    assert text[0].isupper() or text[0].isdigit(), f"message should start like a sentence: {message!r}"
    assert text[-1] in ".?!", f"message should end like a sentence: {message!r}"
    assert "None" not in text and "{" not in text and "}" not in text, message
    assert not re.search(r"\b(too_vague|unreadable|impossible)\b", text), \
        f"message leaks an internal problem code: {message!r}"


def _assert_exact(reading: DateReading, expected: date):
    assert reading.problem is None, (reading.problem, reading.message)
    assert reading.date == expected, f"expected {expected}, got {reading.date}"
    assert reading.approximate is False
    assert reading.ok
    # An exact date has no wider range than itself.
    assert reading.earliest in (None, expected)
    assert reading.latest in (None, expected)


# ---------------------------------------------------------------------------
# Exact dates: (text, today, expected date)
# ---------------------------------------------------------------------------

EXACT_ABSOLUTE = [
    _case("3rd March", TUE, D(2026, 3, 3), id="3rd-March"),
    _case("3rd march", TUE, D(2026, 3, 3), id="3rd-march-lower"),
    _case("03/04/2026", THU, D(2026, 4, 3), id="03/04/2026-is-3-April"),
    _case("4/11/25", TUE, D(2025, 11, 4), id="4/11/25-is-4-Nov-2025"),
    _case("Sept 14", TUE, D(2025, 9, 14), id="Sept-14"),
    _case("sept 14th", TUE, D(2025, 9, 14), id="sept-14th"),
    _case("fourteenth of September", TUE, D(2025, 9, 14), id="fourteenth-of-September"),
    _case("the fourteenth of september", TUE, D(2025, 9, 14), id="the-fourteenth-of-september"),
    _case("Tuesday 3 March", TUE, D(2026, 3, 3), id="Tuesday-3-March"),
    _case("tues 3rd march", TUE, D(2026, 3, 3), id="tues-3rd-march"),
    _case("wednesday 4th march", TUE, D(2026, 3, 4), id="wednesday-4th-march"),
    _case("3.3.26", TUE, D(2026, 3, 3), id="3.3.26"),
    _case("05.03.2026", TUE, D(2026, 3, 5), id="05.03.2026"),
    _case("3/3", TUE, D(2026, 3, 3), id="3/3-no-year"),
    _case("03/03/2026", TUE, D(2026, 3, 3), id="03/03/2026"),
    _case("5/3/2026", TUE, D(2026, 3, 5), id="5/3/2026-day-first"),
    _case("2026-02-14", TUE, D(2026, 2, 14), id="iso-2026-02-14"),
    _case("14 febuary", TUE, D(2026, 2, 14), id="typo-febuary"),
    _case("2nd of decmber", TUE, D(2025, 12, 2), id="typo-decmber"),
    _case("1st feb 2026", TUE, D(2026, 2, 1), id="1st-feb-2026"),
    _case("february 1st 2026", TUE, D(2026, 2, 1), id="february-1st-2026"),
    _case("march 3rd 2025", TUE, D(2025, 3, 3), id="march-3rd-2025"),
    _case("3 march 2025", TUE, D(2025, 3, 3), id="3-march-2025"),
    _case("21 jan '26", TUE, D(2026, 1, 21), id="21-jan-apostrophe-26"),
    _case("the 5th of march", TUE, D(2026, 3, 5), id="the-5th-of-march"),
]

EXACT_NO_YEAR_EDGES = [
    # A date with no year is the most recent such date not after today.
    _case("10/3", TUE, D(2026, 3, 10), id="10/3-is-today"),
    _case("10th march", TUE, D(2026, 3, 10), id="10th-march-is-today"),
    _case("11/3", TUE, D(2025, 3, 11), id="11/3-day-after-today-goes-back-a-year"),
    _case("11 march", TUE, D(2025, 3, 11), id="11-march-day-after-today-goes-back-a-year"),
    _case("5th December", THU, D(2025, 12, 5), id="5th-December-on-26-Nov-docstring-example"),
    _case("26/11", THU, D(2026, 11, 26), id="26/11-is-today-THU"),
    _case("27 november", THU, D(2025, 11, 27), id="27-november-day-after-THU"),
    _case("31/8", MON, D(2026, 8, 31), id="31/8-is-today-MON"),
    _case("1 sept", MON, D(2025, 9, 1), id="1-sept-day-after-MON"),
    _case("1/3", SUN, D(2026, 3, 1), id="1/3-is-today-SUN"),
    _case("2 march", SUN, D(2025, 3, 2), id="2-march-day-after-SUN"),
    # Leap years.
    _case("29 Feb 2024", TUE, D(2024, 2, 29), id="29-Feb-2024-leap"),
    _case("29/02/2024", TUE, D(2024, 2, 29), id="29/02/2024-leap"),
    _case("29th feb", TUE, D(2024, 2, 29), id="29th-feb-no-year-most-recent-leap-day"),
]

EXACT_RELATIVE = [
    _case("yesterday", TUE, D(2026, 3, 9), id="yesterday"),
    _case("yesterday evening", TUE, D(2026, 3, 9), id="yesterday-evening"),
    _case("yesturday", TUE, D(2026, 3, 9), id="typo-yesturday"),
    _case("last night", TUE, D(2026, 3, 9), id="last-night"),
    _case("tonight", TUE, D(2026, 3, 10), id="tonight"),
    _case("today", TUE, D(2026, 3, 10), id="today"),
    _case("this morning", TUE, D(2026, 3, 10), id="this-morning"),
    _case("the day before yesterday", TUE, D(2026, 3, 8), id="the-day-before-yesterday"),
    _case("day before yesterday", TUE, D(2026, 3, 8), id="day-before-yesterday"),
    _case("two weeks ago", TUE, D(2026, 2, 24), id="two-weeks-ago"),
    _case("2 weeks ago", TUE, D(2026, 2, 24), id="2-weeks-ago"),
    _case("a fortnight ago", TUE, D(2026, 2, 24), id="a-fortnight-ago"),
    _case("a week ago", TUE, D(2026, 3, 3), id="a-week-ago"),
    _case("3 weeks ago", TUE, D(2026, 2, 17), id="3-weeks-ago"),
    _case("10 days ago", TUE, D(2026, 2, 28), id="10-days-ago"),
    _case("ten days ago", TUE, D(2026, 2, 28), id="ten-days-ago"),
    _case("3 days ago", TUE, D(2026, 3, 7), id="3-days-ago"),
    _case("2 days ago", SUN, D(2026, 2, 27), id="2-days-ago-SUN"),
    _case("a week ago", SUN, D(2026, 2, 22), id="a-week-ago-SUN"),
    _case("yesterday", SUN, D(2026, 2, 28), id="yesterday-SUN-crosses-month"),
    _case("yesterday", MON, D(2026, 8, 30), id="yesterday-MON"),
]

EXACT_WEEKDAYS = [
    # Tuesday 10 March 2026
    _case("last friday", TUE, D(2026, 3, 6), id="last-friday"),
    _case("last firday", TUE, D(2026, 3, 6), id="typo-last-firday"),
    _case("Sunday just gone", TUE, D(2026, 3, 8), id="Sunday-just-gone"),
    _case("this past wednesday", TUE, D(2026, 3, 4), id="this-past-wednesday"),
    _case("tuesday", TUE, D(2026, 3, 3), id="bare-tuesday-on-a-tuesday-is-a-week-ago"),
    _case("last tuesday", TUE, D(2026, 3, 3), id="last-tuesday-on-a-tuesday"),
    _case("monday", TUE, D(2026, 3, 9), id="bare-monday"),
    _case("last monday", TUE, D(2026, 3, 2), id="last-monday-said-on-tuesday-is-the-week-before"),
    _case("on thurs", TUE, D(2026, 3, 5), id="on-thurs"),
    _case("last wensday", TUE, D(2026, 3, 4), id="typo-last-wensday"),
    _case("friday before last", TUE, D(2026, 2, 27), id="friday-before-last"),
    _case("wednesday last week", TUE, D(2026, 3, 4), id="wednesday-last-week"),
    _case("monday last week", TUE, D(2026, 3, 2), id="monday-last-week"),
    _case("sunday last week", TUE, D(2026, 3, 8), id="sunday-last-week"),
    # Thursday 26 November 2026
    _case("last wednesday", THU, D(2026, 11, 18), id="THU-last-wednesday-is-the-week-before"),
    _case("wednesday just gone", THU, D(2026, 11, 25), id="THU-wednesday-just-gone-is-yesterday"),
    _case("last tuesday", THU, D(2026, 11, 24), id="THU-last-tuesday-is-this-week"),
    _case("wednesday", THU, D(2026, 11, 25), id="THU-bare-wednesday"),
    _case("wednesday last week", THU, D(2026, 11, 18), id="THU-wednesday-last-week"),
    _case("wednesday before last", THU, D(2026, 11, 18), id="THU-wednesday-before-last"),
    _case("last thursday", THU, D(2026, 11, 19), id="THU-last-thursday"),
    _case("thursday just gone", THU, D(2026, 11, 19), id="THU-thursday-just-gone"),
    _case("friday", THU, D(2026, 11, 20), id="THU-bare-friday"),
    # Monday 31 August 2026
    _case("last monday", MON, D(2026, 8, 24), id="MON-last-monday"),
    _case("sunday just gone", MON, D(2026, 8, 30), id="MON-sunday-just-gone"),
    _case("friday last week", MON, D(2026, 8, 28), id="MON-friday-last-week"),
    _case("monday last week", MON, D(2026, 8, 24), id="MON-monday-last-week"),
    # Sunday 1 March 2026 (Sunday ends the Monday-to-Sunday week)
    _case("last sunday", SUN, D(2026, 2, 22), id="SUN-last-sunday"),
    _case("saturday", SUN, D(2026, 2, 28), id="SUN-bare-saturday"),
    _case("sunday last week", SUN, D(2026, 2, 22), id="SUN-sunday-last-week"),
    _case("monday last week", SUN, D(2026, 2, 16), id="SUN-monday-last-week"),
    _case("friday before last", SUN, D(2026, 2, 20), id="SUN-friday-before-last"),
]

EXACT_DAY_OF_MONTH = [
    _case("the 5th", TUE, D(2026, 3, 5), id="the-5th"),
    _case("the 10th", TUE, D(2026, 3, 10), id="the-10th-is-today"),
    _case("the 11th", TUE, D(2026, 2, 11), id="the-11th-goes-back-a-month"),
    _case("the 29th", TUE, D(2026, 1, 29), id="the-29th-skips-feb-2026"),
    _case("the 30th", TUE, D(2026, 1, 30), id="the-30th-skips-feb"),
    _case("the 31st", TUE, D(2026, 1, 31), id="the-31st-skips-feb"),
    _case("the 31st", THU, D(2026, 10, 31), id="THU-the-31st-skips-november"),
    _case("the 31st", MON, D(2026, 8, 31), id="MON-the-31st-is-today"),
    _case("the 31st", SUN, D(2026, 1, 31), id="SUN-the-31st"),
    _case("the 1st", SUN, D(2026, 3, 1), id="SUN-the-1st-is-today"),
    _case("the 2nd", SUN, D(2026, 2, 2), id="SUN-the-2nd"),
    _case("3rd of last month", TUE, D(2026, 2, 3), id="3rd-of-last-month"),
    _case("the 20th of last month", TUE, D(2026, 2, 20), id="the-20th-of-last-month"),
    _case("31st of last month", MON, D(2026, 7, 31), id="MON-31st-of-last-month"),
    _case("the 28th of last month", SUN, D(2026, 2, 28), id="SUN-the-28th-of-last-month"),
]

EXACT_HOLIDAYS = [
    _case("Bonfire Night", TUE, D(2025, 11, 5), id="Bonfire-Night"),
    _case("bonfire night", THU, D(2026, 11, 5), id="THU-bonfire-night-this-year"),
    _case("Boxing Day", TUE, D(2025, 12, 26), id="Boxing-Day"),
    _case("boxing day", THU, D(2025, 12, 26), id="THU-boxing-day-last-year"),
    _case("New Year's Eve", TUE, D(2025, 12, 31), id="New-Years-Eve"),
    _case("new years eve", TUE, D(2025, 12, 31), id="new-years-eve-no-apostrophe"),
    _case("new years day", TUE, D(2026, 1, 1), id="new-years-day"),
    _case("Easter Monday 2025", TUE, D(2025, 4, 21), id="Easter-Monday-2025"),
    _case("easter monday", TUE, D(2025, 4, 21), id="easter-monday-no-year-2026-not-yet"),
    _case("Good Friday 2025", TUE, D(2025, 4, 18), id="Good-Friday-2025"),
    _case("good friday", THU, D(2026, 4, 3), id="THU-good-friday-2026"),
    _case("Christmas Eve", TUE, D(2025, 12, 24), id="Christmas-Eve"),
    _case("christmas day", TUE, D(2025, 12, 25), id="christmas-day"),
    _case("christmas", TUE, D(2025, 12, 25), id="christmas-alone-is-25-dec"),
    _case("Halloween", TUE, D(2025, 10, 31), id="Halloween"),
    _case("halloween", THU, D(2026, 10, 31), id="THU-halloween-this-year"),
]


@pytest.mark.parametrize(
    "text, today, expected",
    EXACT_ABSOLUTE + EXACT_NO_YEAR_EDGES + EXACT_RELATIVE + EXACT_WEEKDAYS
    + EXACT_DAY_OF_MONTH + EXACT_HOLIDAYS,
)
def test_exact_dates(text, today, expected):
    reading = read_date(text, today)
    assert reading.text == text
    _assert_exact(reading, expected)
    assert reading.phrase, "the date phrase should be located in the text"


# ---------------------------------------------------------------------------
# Approximate dates where the docstring fixes the meaning:
# (text, today, date, earliest, latest)
# ---------------------------------------------------------------------------

APPROX_EXACT_RANGE = [
    _case("mid October", TUE, D(2025, 10, 15), D(2025, 10, 11), D(2025, 10, 20), id="mid-October"),
    _case("middle of october", TUE, D(2025, 10, 15), D(2025, 10, 11), D(2025, 10, 20), id="middle-of-october"),
    _case("beginning of August", TUE, D(2025, 8, 5), D(2025, 8, 1), D(2025, 8, 10), id="beginning-of-August"),
    _case("early June", TUE, D(2025, 6, 5), D(2025, 6, 1), D(2025, 6, 10), id="early-June"),
    _case("start of jan", TUE, D(2026, 1, 5), D(2026, 1, 1), D(2026, 1, 10), id="start-of-jan"),
    _case("end of january", TUE, D(2026, 1, 25), D(2026, 1, 21), D(2026, 1, 31), id="end-of-january"),
    _case("late feb", TUE, D(2026, 2, 25), D(2026, 2, 21), D(2026, 2, 28), id="late-feb"),
    _case("in June", TUE, D(2025, 6, 15), D(2025, 6, 1), D(2025, 6, 30), id="in-June-whole-month"),
    _case("in december", TUE, D(2025, 12, 15), D(2025, 12, 1), D(2025, 12, 31), id="in-december-whole-month"),
    _case("start of march", TUE, D(2026, 3, 5), D(2026, 3, 1), D(2026, 3, 10), id="start-of-march-this-month"),
    _case("mid feb 2024", TUE, D(2024, 2, 15), D(2024, 2, 11), D(2024, 2, 20), id="mid-feb-2024"),
    _case("end of feb 2024", TUE, D(2024, 2, 25), D(2024, 2, 21), D(2024, 2, 29), id="end-of-feb-2024-leap"),
    _case("mid november", THU, D(2026, 11, 15), D(2026, 11, 11), D(2026, 11, 20), id="THU-mid-november"),
    _case("early dec", THU, D(2025, 12, 5), D(2025, 12, 1), D(2025, 12, 10), id="THU-early-dec-last-year"),
    _case("late august", MON, D(2026, 8, 25), D(2026, 8, 21), D(2026, 8, 31), id="MON-late-august"),
    _case("end of feb", SUN, D(2026, 2, 25), D(2026, 2, 21), D(2026, 2, 28), id="SUN-end-of-feb"),
    _case("in february", SUN, D(2026, 2, 15), D(2026, 2, 1), D(2026, 2, 28), id="SUN-in-february"),
]


@pytest.mark.parametrize("text, today, expected, earliest, latest", APPROX_EXACT_RANGE)
def test_approximate_month_periods(text, today, expected, earliest, latest):
    reading = read_date(text, today)
    assert reading.problem is None, (reading.problem, reading.message)
    assert reading.approximate is True
    assert reading.date == expected
    assert reading.earliest == earliest
    assert reading.latest == latest


# ---------------------------------------------------------------------------
# Approximate dates where the docstring only says "approximate":
# (text, today, lowest acceptable date, highest acceptable date, earliest floor, latest ceiling)
# The range must contain the date and stay within sensible bounds.
# ---------------------------------------------------------------------------

APPROX_LOOSE = [
    _case("last week", TUE, D(2026, 3, 2), D(2026, 3, 8), D(2026, 2, 23), D(2026, 3, 9), id="last-week"),
    _case("last week", THU, D(2026, 11, 16), D(2026, 11, 22), D(2026, 11, 9), D(2026, 11, 25), id="THU-last-week"),
    _case("last month", TUE, D(2026, 2, 1), D(2026, 2, 28), D(2026, 1, 1), D(2026, 3, 9), id="last-month"),
    _case("last month", MON, D(2026, 7, 1), D(2026, 7, 31), D(2026, 6, 1), D(2026, 8, 30), id="MON-last-month"),
    _case("last month", SUN, D(2026, 2, 1), D(2026, 2, 28), D(2026, 1, 1), D(2026, 2, 28), id="SUN-last-month"),
    _case("a few days ago", TUE, D(2026, 3, 3), D(2026, 3, 8), D(2026, 2, 24), D(2026, 3, 9), id="a-few-days-ago"),
    _case("a few days ago", SUN, D(2026, 2, 22), D(2026, 2, 27), D(2026, 2, 15), D(2026, 2, 28), id="SUN-a-few-days-ago"),
    _case("the other day", TUE, D(2026, 2, 24), D(2026, 3, 9), D(2026, 2, 10), D(2026, 3, 9), id="the-other-day"),
    _case("at the weekend", TUE, D(2026, 3, 7), D(2026, 3, 8), D(2026, 3, 6), D(2026, 3, 9), id="at-the-weekend"),
    _case("around Christmas", TUE, D(2025, 12, 25), D(2025, 12, 25), D(2025, 12, 18), D(2026, 1, 1), id="around-Christmas"),
    _case("over xmas", TUE, D(2025, 12, 25), D(2025, 12, 25), D(2025, 12, 18), D(2026, 1, 1), id="over-xmas"),
    _case("about christmas", THU, D(2025, 12, 25), D(2025, 12, 25), D(2025, 12, 18), D(2026, 1, 1), id="THU-about-christmas"),
    _case("3 months ago", TUE, D(2025, 12, 8), D(2025, 12, 12), D(2025, 10, 1), D(2026, 2, 28), id="3-months-ago"),
    _case("2 years ago", TUE, D(2024, 3, 1), D(2024, 3, 20), D(2023, 1, 1), D(2025, 3, 10), id="2-years-ago"),
]


@pytest.mark.parametrize("text, today, lo, hi, earliest_floor, latest_ceiling", APPROX_LOOSE)
def test_approximate_vague_phrases(text, today, lo, hi, earliest_floor, latest_ceiling):
    reading = read_date(text, today)
    assert reading.problem is None, (reading.problem, reading.message)
    assert reading.approximate is True
    assert reading.date is not None and lo <= reading.date <= hi, reading.date
    assert reading.earliest is not None and reading.latest is not None
    assert reading.earliest <= reading.date <= reading.latest
    assert reading.earliest < reading.latest, "an approximate date should have a real range"
    assert reading.earliest >= earliest_floor, reading.earliest
    assert reading.latest <= latest_ceiling, reading.latest
    assert reading.latest <= today, "a past phrase must not reach into the future"


# ---------------------------------------------------------------------------
# Dates inside longer messages: (text, today, date, words the phrase must cover)
# ---------------------------------------------------------------------------

IN_SENTENCE = [
    _case("I rang them on the 3rd of October about it", TUE, D(2025, 10, 3), "3rd of October",
          id="sentence-rang-them-3rd-of-October"),
    _case("reported it to barnet homes on 2/2 and they did nothing", TUE, D(2026, 2, 2), "2/2",
          id="sentence-barnet-homes-2/2"),
    _case("the asb started on 14th feb and its still going on", TUE, D(2026, 2, 14), "14th feb",
          id="sentence-14th-feb"),
    _case("i called the police last friday night", TUE, D(2026, 3, 6), "friday",
          id="sentence-last-friday-night"),
    _case("my neighbour had music on till 3am on saturday", TUE, D(2026, 3, 7), "saturday",
          id="sentence-3am-on-saturday"),
    _case("I reported it on the 5th but nobody came out", TUE, D(2026, 3, 5), "5th",
          id="sentence-on-the-5th"),
    _case("they came round yesterday at 10.30 and shouted", TUE, D(2026, 3, 9), "yesterday",
          id="sentence-yesterday-at-10.30"),
    _case("i have 3 kids and the noise started on the 2nd", TUE, D(2026, 3, 2), "2nd",
          id="sentence-3-kids-on-the-2nd"),
    _case("my ref is CAD 4411/03OCT and it happened yesterday", TUE, D(2026, 3, 9), "yesterday",
          id="sentence-CAD-ref-then-yesterday"),
    _case("case number 5201234/26, incident was on 1st march", TUE, D(2026, 3, 1), "1st march",
          id="sentence-case-number-then-1st-march"),
    _case("i rang 020 8359 2000 on monday", TUE, D(2026, 3, 9), "monday",
          id="sentence-phone-number-then-monday"),
    _case("this has happened 2-3 times since boxing day", TUE, D(2025, 12, 26), "boxing day",
          id="sentence-2-3-times-since-boxing-day"),
    _case("we had a meeting with the housing officer on tuesday 3 march", TUE, D(2026, 3, 3),
          "tuesday 3 march", id="sentence-tuesday-3-march"),
    _case("complained to the council on 4/11/25 no reply", TUE, D(2025, 11, 4), "4/11/25",
          id="sentence-4/11/25-no-reply"),
    _case("hi the last incident was on sept 14 when they smashed my window", TUE, D(2025, 9, 14),
          "sept 14", id="sentence-sept-14-window"),
    _case("pls help it was on the 3.3.26 around 11pm", TUE, D(2026, 3, 3), "3.3.26",
          id="sentence-3.3.26-around-11pm"),
    _case("it was on the 4.2.26 about 9pm", TUE, D(2026, 2, 4), "4.2.26",
          id="sentence-on-the-4.2.26-dotted-not-the-4th"),
    _case("I reported it on Wednesday 25th November", THU, D(2026, 11, 25), "25th November",
          id="THU-sentence-wednesday-25th-november"),
]


@pytest.mark.parametrize("text, today, expected, words", IN_SENTENCE)
def test_dates_inside_sentences(text, today, expected, words):
    reading = read_date(text, today)
    assert reading.problem is None, (reading.problem, reading.message)
    assert reading.date == expected
    assert reading.phrase is not None
    assert words.lower() in reading.phrase.lower(), f"phrase {reading.phrase!r} should cover {words!r}"
    # The phrase is the date, not the whole message.
    assert len(reading.phrase) <= len(words) + 12, f"phrase {reading.phrase!r} swallowed too much"


# ---------------------------------------------------------------------------
# Things that are not dates at all
# ---------------------------------------------------------------------------

NOT_DATES = [
    _case("CAD 4411/03OCT", id="not-date-CAD-reference"),
    _case("5201234/26", id="not-date-case-number"),
    _case("020 8359 2000", id="not-date-phone-number"),
    _case("3 kids", id="not-date-3-kids"),
    _case("2-3 times", id="not-date-2-3-times"),
    _case("at 10.30", id="not-date-time-10.30"),
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    reading = read_date(text, TUE)
    assert reading.date is None, f"{text!r} was read as {reading.date} (phrase {reading.phrase!r})"
    assert reading.problem == "unreadable"
    assert find_dates(text, TUE) == []


# ---------------------------------------------------------------------------
# Problems: (text, today, problem, words the message must contain)
# ---------------------------------------------------------------------------

PROBLEMS = [
    # future
    _case("tomorrow", TUE, "future", "future", id="future-tomorrow"),
    _case("next week", TUE, "future", "future", id="future-next-week"),
    _case("next tuesday", TUE, "future", "future", id="future-next-tuesday"),
    _case("5 March 2027", TUE, "future", "future", id="future-explicit-year-2027"),
    _case("03/04/2026", TUE, "future", "future", id="future-03/04/2026-is-3-April"),
    _case("15/03/2026", TUE, "future", "future", id="future-15/03/2026"),
    _case("01/12/2026", THU, "future", "future", id="THU-future-01/12/2026"),
    _case("christmas 2026", TUE, "future", "future", id="future-christmas-2026"),
    # impossible
    _case("30/02/2026", TUE, "impossible", "", id="impossible-30/02/2026"),
    _case("31 April", TUE, "impossible", "", id="impossible-31-April"),
    _case("31/9", TUE, "impossible", "", id="impossible-31/9"),
    _case("29/02/2025", TUE, "impossible", "", id="impossible-29/02/2025-not-leap"),
    _case("15/13/2026", TUE, "impossible", "", id="impossible-month-13"),
    _case("03/15/2026", TUE, "impossible", "15 March", id="impossible-US-order-suggests-15-March"),
    _case("31st june", TUE, "impossible", "", id="impossible-31st-june"),
    _case("30th feb", TUE, "impossible", "", id="impossible-30th-feb"),
    # unreadable
    _case("blah", TUE, "unreadable", UNREADABLE_TEXT, id="unreadable-blah"),
    _case("idk", TUE, "unreadable", UNREADABLE_TEXT, id="unreadable-idk"),
    _case("not sure", TUE, "unreadable", UNREADABLE_TEXT, id="unreadable-not-sure"),
    _case("", TUE, "unreadable", UNREADABLE_TEXT, id="unreadable-empty"),
    _case("   ", TUE, "unreadable", UNREADABLE_TEXT, id="unreadable-spaces"),
    _case("the third time i called", TUE, "unreadable", UNREADABLE_TEXT, id="unreadable-the-third-time"),
    _case("flat 3", TUE, "unreadable", UNREADABLE_TEXT, id="unreadable-flat-3"),
    _case("I called 3 times", TUE, "unreadable", UNREADABLE_TEXT, id="unreadable-called-3-times"),
    _case("dunno tbh", TUE, "unreadable", UNREADABLE_TEXT, id="unreadable-dunno-tbh"),
    _case("asdfgh", TUE, "unreadable", UNREADABLE_TEXT, id="unreadable-keyboard-mash"),
    # too vague
    _case("in 2025", TUE, "too_vague", "", id="too-vague-in-2025"),
    _case("sometime in 2025", TUE, "too_vague", "", id="too-vague-sometime-in-2025"),
    _case("ages ago", TUE, "too_vague", "", id="too-vague-ages-ago"),
    _case("last year", TUE, "too_vague", "", id="too-vague-last-year"),
    _case("it was last year", TUE, "too_vague", "", id="too-vague-it-was-last-year"),
]


@pytest.mark.parametrize("text, today, problem, must_contain", PROBLEMS)
def test_problems(text, today, problem, must_contain):
    reading = read_date(text, today)
    assert reading.problem == problem, (reading.problem, reading.date, reading.message)
    assert not reading.ok
    _assert_sentence(reading.message)
    if must_contain:
        assert must_contain.lower() in reading.message.lower(), reading.message
    if problem == "unreadable":
        assert "for example" in reading.message.lower(), "unreadable message should give an example"
        assert reading.date is None
    if problem == "too_vague":
        assert "month" in reading.message.lower(), "too-vague message should ask for the month"


# ---------------------------------------------------------------------------
# find_dates
# ---------------------------------------------------------------------------

FIND_DATES = [
    _case("I reported it on 2/2, again on the 14th of February and then yesterday", TUE,
          [D(2026, 2, 2), D(2026, 2, 14), D(2026, 3, 9)], id="find-three-dates"),
    _case("on 02/11 and again on 10/11", THU, [D(2026, 11, 2), D(2026, 11, 10)],
          id="find-docstring-example-two-numeric"),
    _case("it happened two weeks ago and again last night", TUE, [D(2026, 2, 24), D(2026, 3, 9)],
          id="find-two-relative"),
    _case("rang them on monday, ref CAD 4411/03OCT, and again on the 5th", TUE,
          [D(2026, 3, 9), D(2026, 3, 5)], id="find-two-dates-around-a-reference"),
    _case("the first was 101 on 3 March, the second one on the 5th", TUE, [D(2026, 3, 3), D(2026, 3, 5)],
          id="find-which-report-is-not-a-day"),
    _case("on the first was the worst", TUE, [D(2026, 3, 1)], id="find-on-the-first-is-a-day"),
    _case("blah", TUE, [], id="find-nothing-in-blah"),
    _case("ref CAD 4411/03OCT, ring me on 020 8359 2000", TUE, [], id="find-nothing-in-ref-and-phone"),
    _case("", TUE, [], id="find-nothing-in-empty"),
]


@pytest.mark.parametrize("text, today, expected", FIND_DATES)
def test_find_dates(text, today, expected):
    readings = find_dates(text, today)
    assert [r.date for r in readings] == expected, [(r.phrase, r.date, r.problem) for r in readings]
    starts = [r.span[0] for r in readings]
    assert starts == sorted(starts), "readings should come back in the order they appear"
    for a, b in zip(readings, readings[1:]):
        assert a.span[1] <= b.span[0], "date phrases should not overlap"


# ---------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    pytest.param(D(2026, 2, 2), "2 February 2026", id="format-2-February-2026"),
    pytest.param(D(2025, 12, 31), "31 December 2025", id="format-31-December-2025"),
    pytest.param(D(2024, 2, 29), "29 February 2024", id="format-leap-day"),
])
def test_format_date(value, expected):
    assert format_date(value) == expected


@pytest.mark.parametrize("value, weekday", [
    pytest.param(D(2026, 2, 2), "Monday", id="format-day-Monday"),
    pytest.param(D(2026, 3, 10), "Tuesday", id="format-day-Tuesday"),
    pytest.param(D(2026, 3, 1), "Sunday", id="format-day-Sunday"),
])
def test_format_day(value, weekday):
    text = format_day(value)
    assert weekday in text
    assert format_date(value) in text
    assert text == f"{weekday} {format_date(value)}"


@pytest.mark.parametrize("text,today,expected,earliest,latest", [
    # A vague period that has not begun yet this year means last year's.
    ("mid march", date(2026, 3, 10), date(2025, 3, 15), date(2025, 3, 11), date(2025, 3, 20)),
    ("late march", date(2026, 3, 10), date(2025, 3, 25), date(2025, 3, 21), date(2025, 3, 31)),
    # One that has begun is this year's, up to today.
    ("early march", date(2026, 3, 10), date(2026, 3, 5), date(2026, 3, 1), date(2026, 3, 10)),
    ("mid march", date(2026, 3, 12), date(2026, 3, 12), date(2026, 3, 11), date(2026, 3, 12)),
])
def test_vague_period_around_today(text, today, expected, earliest, latest):
    r = read_date(text, today)
    assert (r.date, r.earliest, r.latest, r.approximate) == (expected, earliest, latest, True)


# ---------------------------------------------------------------------------
# Seasons, a month said once for several days, a weekday with its day number
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, today, earliest, latest", [
    _case("sometime in the summer", THU, D(2026, 6, 1), D(2026, 8, 31), id="summer-this-year"),
    _case("in the summer", TUE, D(2025, 6, 1), D(2025, 8, 31), id="summer-said-in-march-is-last-year"),
    _case("last summer", THU, D(2026, 6, 1), D(2026, 8, 31), id="last-summer-in-november"),
    _case("last summer", D(2026, 7, 10), D(2025, 6, 1), D(2025, 8, 31), id="last-summer-said-in-summer"),
    _case("in the spring", THU, D(2026, 3, 1), D(2026, 5, 31), id="spring"),
    _case("last winter", THU, D(2025, 12, 1), D(2026, 2, 28), id="winter-spans-new-year"),
    _case("in the autumn", THU, D(2026, 9, 1), THU, id="autumn-in-progress-ends-today"),
    _case("over the summer holidays", THU, D(2026, 7, 20), D(2026, 9, 5), id="school-summer-holidays"),
    _case("in the summer of 2025", THU, D(2025, 6, 1), D(2025, 8, 31), id="summer-with-year"),
    _case("the week before last", THU, D(2026, 11, 9), D(2026, 11, 15), id="week-before-last"),
    _case("early last month", THU, D(2026, 10, 1), D(2026, 10, 10), id="early-last-month"),
])
def test_seasons_and_periods_are_ranges(text, today, earliest, latest):
    reading = read_date(text, today)
    assert reading.ok and reading.approximate, reading
    assert (reading.earliest, reading.latest) == (earliest, latest)
    assert earliest <= reading.date <= latest


@pytest.mark.parametrize("text", ["this summer"])
def test_a_season_not_begun_is_in_the_future(text):
    assert read_date(text, TUE).problem == "future"


@pytest.mark.parametrize("text", ["I fell over on the stairs", "the kids fall off the wall", "my school"])
def test_season_words_that_are_not_dates(text):
    assert read_date(text, THU).problem == "unreadable"


@pytest.mark.parametrize("text, today, expected", [
    _case("back in June, on the 14th", THU, [D(2026, 6, 14)], id="month-before-bare-day"),
    _case("rang 101 three times in October, on the 3rd, 10th and 17th", THU,
          [D(2026, 10, 3), D(2026, 10, 10), D(2026, 10, 17)], id="month-before-a-list"),
    _case("on the 14th and the 20th of June", THU, [D(2026, 6, 14), D(2026, 6, 20)], id="month-after-a-list"),
    _case("2nd and 9th of November", THU, [D(2026, 11, 2), D(2026, 11, 9)], id="month-after-bare-ordinals"),
    _case("on 3 October, the 10th and the 17th", THU, [D(2026, 10, 3), D(2026, 10, 10), D(2026, 10, 17)],
          id="full-date-then-bare-days"),
    _case("in December, on the 5th", TUE, [D(2025, 12, 5)], id="month-context-keeps-most-recent-year"),
    # "since" says when it started, not the month of a later day
    _case("it's gone on since September and I rang on the 14th", THU, [D(2026, 9, 15), D(2026, 11, 14)],
          id="since-gives-no-context"),
    _case("Monday, the 23rd", THU, [D(2026, 11, 23)], id="weekday-and-day-are-one-date"),
    _case("on Saturday night, the 21st", THU, [D(2026, 11, 21)], id="weekday-night-and-day"),
])
def test_a_month_said_once_applies_to_bare_days(text, today, expected):
    assert [r.date for r in find_dates(text, today)] == expected


def test_month_context_reading_is_exact():
    reading = read_date("back in June, on the 14th", THU)
    _assert_exact(reading, D(2026, 6, 14))


@pytest.mark.parametrize("text, expected", [
    _case("a week ago today", D(2026, 11, 19), id="a-week-ago-today-is-one-date"),
    _case("the first Monday in October", D(2026, 10, 5), id="first-weekday-of-a-month"),
    _case("the last Friday of September", D(2026, 9, 25), id="last-weekday-of-a-month"),
])
def test_more_ways_of_naming_one_day(text, expected):
    assert [r.date for r in find_dates(text, THU)] == [expected]


def test_the_week_before_a_holiday_is_a_range():
    reading = read_date("the week before Christmas last year", THU)
    assert (reading.earliest, reading.latest) == (D(2025, 12, 18), D(2025, 12, 24)) and reading.approximate


# -- a date counted from the one before: "the week after", "the next day" ----------------------------------

@pytest.mark.parametrize("phrase, before, expected", [
    ("the next day", date(2026, 10, 3), (date(2026, 10, 4), date(2026, 10, 4))),
    ("the day after", date(2026, 11, 25), (date(2026, 11, 26), date(2026, 11, 26))),  # today: on the boundary
    ("two weeks later", date(2026, 10, 1), (date(2026, 10, 8), date(2026, 10, 22))),
])
def test_later_than_a_date(phrase, before, expected):
    m = dates.LATER.search(phrase)
    reading = dates.later_than(dates.DateReading(text="", date=before), m, date(2026, 11, 26))
    assert reading.ok and (reading.earliest or reading.date, reading.latest or reading.date) == expected


def test_later_than_a_date_that_would_be_after_today_is_a_problem():
    m = dates.LATER.search("the week after")
    reading = dates.later_than(dates.DateReading(text="", date=date(2026, 11, 24)), m, date(2026, 11, 26))
    assert reading.problem == "future"


@pytest.mark.parametrize("text, expected", [
    ("Two Mondays ago I called the police", date(2026, 11, 16)),   # said on Thursday 26 November
    ("two fridays ago", date(2026, 11, 13)),
    ("two Thursdays ago", date(2026, 11, 12)),                     # today is a Thursday: not today
])
def test_n_weekdays_ago(text, expected):
    reading = read_date(text, date(2026, 11, 26))
    assert reading.ok and reading.date == expected and not reading.approximate


@pytest.mark.parametrize("text, earliest, latest", [
    ("the night the clocks went back", date(2026, 10, 24), date(2026, 10, 25)),   # last Sunday of October
    ("when the clocks went forward", date(2026, 3, 28), date(2026, 3, 29)),       # last Sunday of March
])
def test_when_the_clocks_changed(text, earliest, latest):
    reading = read_date(text, date(2026, 11, 26))
    assert reading.ok and (reading.earliest, reading.latest) == (earliest, latest)


@pytest.mark.parametrize("text, inside", [
    ("just before the kids went back to school", date(2026, 9, 2)),   # the first week of September
    ("at half term", date(2026, 10, 27)),                              # the latest half term before today
    ("when the schools broke up", date(2026, 7, 22)),
])
def test_school_terms_are_a_week_or_so(text, inside):
    reading = read_date(text, date(2026, 11, 26))
    assert reading.ok and reading.approximate and reading.earliest <= inside <= reading.latest
    assert (reading.latest - reading.earliest).days <= 9


def test_half_term_in_february_is_not_in_the_future():
    reading = read_date("it was half term", date(2026, 3, 1))
    assert reading.ok and reading.earliest <= date(2026, 2, 17) <= reading.latest


@pytest.mark.parametrize("text, earliest, latest", [
    ("a week last tuesday", date(2026, 11, 17), date(2026, 11, 17)),   # said on Thursday 26 November
    ("a week last Friday", date(2026, 11, 13), date(2026, 11, 13)),
    ("the week after half term", date(2026, 11, 2), date(2026, 11, 8)),
    ("at half term", date(2026, 10, 26), date(2026, 11, 1)),
    ("the week before half term", date(2026, 10, 19), date(2026, 10, 25)),
])
def test_british_relative_phrases(text, earliest, latest):
    reading = read_date(text, date(2026, 11, 26))
    assert (reading.earliest, reading.latest) == (earliest, latest)


def test_a_week_on_a_weekday_is_in_the_future():
    assert read_date("a week on monday", date(2026, 11, 26)).problem == "future"


def test_the_weekday_before_that_counts_back_from_the_date_before_it():
    found = find_dates("on the 19th and the Monday before that", date(2026, 11, 26))
    assert [r.date for r in found] == [date(2026, 11, 19), date(2026, 11, 16)]


@pytest.mark.parametrize("text, year", [("sometime in 2024", 2024), ("in about 2023", 2023), ("back in 2022", 2022),
                                        ("around 2024", 2024)])
def test_a_whole_year_long_before_any_window_is_that_year(text, year):
    reading = read_date(text, TUE)
    assert (reading.earliest, reading.latest, reading.approximate) == (D(year, 1, 1), D(year, 12, 31), True)


@pytest.mark.parametrize("text", ["in 2025", "in 2026", "last year", "since 2023", "ref 22/2024"])
def test_a_year_that_could_be_inside_a_window_is_not_a_range(text):
    assert read_date(text, TUE).earliest is None


def test_the_week_before_that_is_the_week_before_the_date_just_said():
    readings = find_dates("rang the council 2 weeks ago and the week before that as well", date(2026, 11, 26))
    assert [(r.earliest, r.latest) for r in readings] == [(D(2026, 11, 12), D(2026, 11, 12)),
                                                          (D(2026, 11, 2), D(2026, 11, 8))]
