"""Words to dates, as residents type them (UK, day first).

`read_date(text, today)` finds a date in a message ("I rang them on the 3rd of
October about it") and resolves it against `today`, which is always an
argument. It never guesses silently: vague phrases are flagged `approximate`
with the range they could mean; future, impossible and unreadable input come
back with a `problem` and a message a person can act on.

Meanings chosen for ambiguous phrases (residents see the resolved date said
back with its weekday, so they can correct it):

- A date with no year is the most recent such date not after today
  ("5th December" said on 26 November 2026 is 5 December 2025).
- "Wednesday just gone", "this past Wednesday", a bare "Wednesday" and
  "last Wednesday" mean the most recent Wednesday *before* today, except that
  "last Wednesday" said on a Thursday is the week before: yesterday would be
  "yesterday" (two people who wrote residents' phrasings independently both
  read it so). "Wednesday before last" and "a week last Wednesday" are a week
  earlier; "Wednesday last week" is the Wednesday of the previous Monday-to-
  Sunday week.
- "last night" is yesterday (the night began then). "tonight" is today.
- "the 5th" is the most recent 5th not after today; "the 31st" skips months
  without one.
- "N days/weeks ago" is exact; "N months/years ago", "last week", "last month",
  "a few days ago", "the other day", "the weekend" are approximate.
- early / beginning of / start of a month: the 5th (1st-10th); mid / middle
  of: the 15th (11th-20th); late / end of: the 25th (21st-last day).
  A month on its own ("in June") is the 15th, approximate, whole month.
- "around/about/over Christmas" is approximate (a few days either side);
  "Christmas" or "Christmas Day" alone is 25 December.
- A year on its own ("in 2025", "last year") is too vague: we ask for a month.
"""
from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, List, Optional, Tuple

from dateutil.easter import easter
from dateutil.relativedelta import MO, SU, relativedelta

MAX_CHARS = 2000
EXAMPLE = "for example 3 March 2026, 03/03/2026 or \"two weeks ago\""

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "weds": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_FULL_WEEKDAYS = [w for w in WEEKDAYS if w.endswith("day")]

# Misspellings seen in real messages; anything else close to a month or a
# weekday name is caught by fuzzy matching below.
_SPELLINGS = {
    "febuary": "february", "feburary": "february", "febr": "february", "janurary": "january",
    "janaury": "january", "jaunary": "january", "agust": "august", "augest": "august",
    "octobre": "october", "novemeber": "november", "novmber": "november", "decemeber": "december",
    "wensday": "wednesday", "wendsday": "wednesday", "wednsday": "wednesday", "wedensday": "wednesday",
    "tuseday": "tuesday", "teusday": "tuesday", "thrusday": "thursday", "thursady": "thursday",
    "firday": "friday", "fridya": "friday", "saterday": "saturday", "satuday": "saturday",
    "sundy": "sunday", "mondy": "monday", "yesturday": "yesterday", "yesterdy": "yesterday",
    "yday": "yesterday", "yest": "yesterday", "2day": "today", "tdy": "today", "tonite": "tonight",
    "fortnite": "fortnight", "xmas": "christmas", "chrismas": "christmas", "christmass": "christmas",
    "crimbo": "christmas", "chirstmas": "christmas", "nye": "new year's eve", "wks": "weeks",
    "wk": "week", "mnths": "months", "mths": "months", "mnth": "month", "yrs": "years",
}
# Words that look like a month or weekday to a fuzzy matcher but are not.
_NOT_FUZZY = {"match", "marsh", "mayor", "maybe", "junk", "monies", "wedding", "sunday's",
              "sundae", "friday's", "saturn", "tuesdays", "someday", "mostly", "monthly",
              "octopus", "august's", "decent", "decade", "noise", "nobody", "daily", "sunny"}

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30,
}
_SUFFIX = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}

# Following words that show an ordinal is not a day of the month:
# "the third time", "the 2nd report", "5th floor".
_NOT_A_DAY_AFTER = {
    "time", "times", "report", "reports", "call", "calls", "floor", "one", "ones", "person",
    "people", "occasion", "incident", "complaint", "attempt", "house", "flat", "door", "street",
    "road", "week", "weeks", "month", "months", "year", "years", "day", "days", "night", "nights",
    "officer", "letter", "email", "visit", "party", "child", "kid", "neighbour", "car", "van",
    "place", "stage", "step", "floor", "hour", "hours", "minute", "minutes", "thing", "case",
    # "the 1st reported" is never a date
    "reported", "rang", "called", "told", "noticed", "complained", "contacted", "saw", "heard", "started",
    "began", "happened", "moved", "went", "got", "made", "emailed", "phoned",
}


@dataclass(frozen=True)
class DateReading:
    """What a piece of text says about a date."""

    text: str
    date: Optional[date] = None
    approximate: bool = False
    earliest: Optional[date] = None
    latest: Optional[date] = None
    # 'unreadable' | 'impossible' | 'future' | 'too_vague'
    problem: Optional[str] = None
    message: Optional[str] = None
    # Where in `text` the date phrase is (start, end), and the phrase itself.
    span: Optional[Tuple[int, int]] = None

    @property
    def ok(self) -> bool:
        return self.problem is None and self.date is not None

    @property
    def phrase(self) -> Optional[str]:
        return self.text[self.span[0]:self.span[1]] if self.span else None


def format_date(value: date) -> str:
    """'2 February 2026'."""
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"


def format_day(value: date) -> str:
    """'Monday 2 February 2026'."""
    return f"{calendar.day_name[value.weekday()]} {format_date(value)}"


def unreadable(text: str) -> DateReading:
    return DateReading(text=text, problem="unreadable",
                       message=f"I could not read that as a date. Please write it another way, {EXAMPLE}.")


# "the week after", "a few days later", "the next day": a date counted from the
# one said before it, which the caller knows.
LATER = re.compile(
    r"\b(?:(?P<next>the (?:next|following) (?P<unit1>day|morning|night|evening|week|month|weekend)|the day after)|"
    r"(?P<n>a|an|one|two|three|four|five|six|a few|a couple of|couple of|few|\d{1,2}) (?P<unit2>days?|weeks?|"
    r"fortnights?|months?) (?:later|after(?:wards)?)|the (?P<unit3>week|fortnight|month) after|"
    r"(?P<later>later|soon after|shortly after|straight after) (?:that|on)|"
    r"the (?:following|next) (?P<weekday1>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"the (?P<weekday2>monday|tuesday|wednesday|thursday|friday|saturday|sunday) (?:after|afterwards))\b", re.I)
_UNIT_DAYS = {"day": 1, "morning": 1, "night": 1, "evening": 1, "weekend": 7, "week": 7, "fortnight": 14, "month": 30}


def later_than(before: DateReading, m: "re.Match[str]", today: date) -> Optional[DateReading]:
    """The date `m` (a LATER match) means after `before`; None when `before` has no date."""
    if not before.ok:
        return None
    weekday = m.group("weekday1") or m.group("weekday2")
    if weekday:
        # "the following Tuesday": the first one after the day before (a week of days after a vague one)
        target = WEEKDAYS[weekday.lower()]
        first = (before.earliest or before.date) + timedelta(days=1)
        first += timedelta(days=(target - first.weekday()) % 7)
        last = (before.latest or before.date) + timedelta(days=1)
        last += timedelta(days=(target - last.weekday()) % 7)
        if first > today:
            return DateReading(text=m.group(0), problem="future", span=m.span(),
                               message="That date seems to be in the future. When was it?")
        last = min(last, today)
        if first == last:
            return DateReading(text=m.group(0), date=first, span=m.span())
        return DateReading(text=m.group(0), date=first + (last - first) / 2, approximate=True, earliest=first,
                           latest=last, span=m.span())
    unit = (m.group("unit1") or m.group("unit2") or m.group("unit3") or "day").lower().rstrip("s")
    n = m.group("n")
    count = int(n) if n and n.isdigit() else (3 if n and "few" in n else 2 if n and "couple" in n else
                                              _NUMBER_WORDS.get((n or "one").lower(), 1))
    if m.group("later"):
        days, exact = 7, False
    else:
        days = count * _UNIT_DAYS[unit]
        exact = days == 1 and unit in ("day", "morning", "night", "evening") and not before.approximate and \
            not (n and "few" in n)
    low = (before.earliest or before.date) + timedelta(days=max(1, days - days // 2))
    high = min((before.latest or before.date) + timedelta(days=days + days // 2), today)
    middle = min(before.date + timedelta(days=days), today)
    if exact:
        return DateReading(text=m.group(0), date=middle, span=m.span())
    if low > today:
        return DateReading(text=m.group(0), problem="future", span=m.span(),
                           message="That date seems to be in the future. When was it?")
    return DateReading(text=m.group(0), date=max(low, middle), approximate=True, earliest=low,
                       latest=max(high, low), span=m.span())


def read_date(text: str, today: date) -> DateReading:
    """Find the date in `text` and resolve it against `today`."""
    if not isinstance(text, str) or not text.strip():
        return unreadable(text if isinstance(text, str) else "")
    candidates, norm = _candidates(text, today)
    if not candidates:
        return unreadable(text)
    best = min(candidates, key=_Candidate.sort_key)
    return best.result.reading(text, norm.original_span(best.start, best.end), today)


def find_dates(text: str, today: date) -> List[DateReading]:
    """Every separate date phrase in `text`, in order ("on 02/11 and again on 10/11")."""
    if not isinstance(text, str) or not text.strip():
        return []
    candidates, norm = _candidates(text, today)
    chosen: List[_Candidate] = []
    for cand in sorted(candidates, key=_Candidate.sort_key):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return [c.result.reading(text, norm.original_span(c.start, c.end), today) for c in chosen]


def _candidates(text: str, today: date):
    # A date is near the start of what people type; reading a whole pasted
    # essay would only slow the reply.
    norm = _Normalised(text[:MAX_CHARS])
    found: List[_Candidate] = []
    for finder in _FINDERS:
        for match in finder.pattern.finditer(norm.text):
            if not match.group().strip():
                continue
            if finder.guard and not finder.guard(norm.text, match):
                continue
            result = finder.resolve(match, today)
            if result is not None:
                found.append(_Candidate(match.start(), match.end(), finder.rank, result, finder.kind, match))
    # A reading inside a longer reading of the same words is superseded by it
    # ("the 30th of February" is impossible, not "the 30th").
    outer = [c for c in found
             if not any(o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start)
                        for o in found)]
    _day_next_to(outer, norm.text)
    outer = _merge_weekday_and_day(outer, norm.text)
    _days_of_a_week_said(outer, norm.text)
    _before_that(outer, norm.text)
    _apply_month_context(outer, norm.text, today)
    _week_of_the_month_said(outer, norm.text, today)
    return [c for c in outer if not c.context_only], norm


_NTH_WEEK = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}


def _week_of_the_month_said(found: List[_Candidate], text: str, today: date) -> None:
    """ "in the first week of September and to Clarion in the last week": the last week of September, not last
    week. Only after a week of a month was just said, in the same sentence, and said with "the"."""
    ordered = sorted(found, key=lambda c: c.start)
    for prev, c in zip(ordered, ordered[1:]):
        g = prev.match.groupdict() if prev.match is not None else {}
        if not (prev.kind == "month_period" and re.search(r"\bweek\b", g.get("part") or "") and c.kind ==
                "relative_vague" and re.sub(r"\s+", " ", (c.match.group("word") if c.match else "")) == "last week"):
            continue
        if not re.search(r"\bthe\s+$", text[max(prev.end, c.start - 8):c.start]) or \
                re.search(r"[.!?;]", text[prev.end:c.start]) or prev.result.earliest is None:
            continue
        first = prev.result.earliest.replace(day=1)
        end = (first + relativedelta(months=1)) - timedelta(days=1)
        lo = end - timedelta(days=6)
        if lo > today:
            continue
        c.result = _Result(day=lo + (end - lo) / 2, approximate=True, earliest=lo, latest=min(end, today))


# Only these words between two dates make them one list ("the 3rd, 10th and 17th of October").
_LIST_GAP = re.compile(r"^(?:[\s,&/-]|\band\b|\bor\b|\bthe\b|\bon\b|\bthen\b|\bagain\b)*$")


_DAY_NEXT_TO = re.compile(r"(?:\bthe\s+)?\b(?:day|night|morning|evening)\s+(?P<side>after|before)\s+(?:the\s+)?$", re.I)


def _day_next_to(found: List[_Candidate], text: str) -> None:
    """ "the day after the bank holiday in May", "the night before Bonfire Night": a day from a named day."""
    for c in found:
        r = c.result
        if c.kind not in ("holiday", "bank_holiday") or r.problem or r.day is None:
            continue
        m = _DAY_NEXT_TO.search(text[max(0, c.start - 30):c.start])
        if not m:
            continue
        step = timedelta(days=1 if m.group("side").lower() == "after" else -1)
        c.result = _Result(day=r.day + step, approximate=r.approximate,
                           earliest=r.earliest + step if r.earliest else None,
                           latest=r.latest + step if r.latest else None)
        c.start = max(0, c.start - 30) + m.start()


def _merge_weekday_and_day(found: List[_Candidate], text: str) -> List[_Candidate]:
    """ "Monday, the 23rd" is one date, not two: the day number wins over the weekday."""
    out = []
    for c in sorted(found, key=lambda c: c.start):
        prev = out[-1] if out else None
        gap = re.fullmatch(r"\s*(of|over|during|on|before|after)\s+(?:the\s+)?", text[prev.end:c.start]) \
            if prev is not None and c.start >= prev.end else None
        if prev is not None and prev.kind == "weekday" and c.kind == "holiday" and gap and not c.result.problem and \
                c.result.day is not None:
            # "the Saturday of the May bank holiday weekend", "the Friday before Easter": that weekday of the holiday
            wanted, side = WEEKDAYS[prev.match.group("weekday")], gap.group(1)

            def near(holiday: date) -> date:
                if side == "before":
                    return holiday - timedelta(days=(holiday.weekday() - wanted - 1) % 7 + 1)
                if side == "after":
                    return holiday + timedelta(days=(wanted - holiday.weekday() - 1) % 7 + 1)
                # the same long weekend: from the Friday before to the Monday after, nearest the holiday
                return min((holiday + timedelta(days=k) for k in range(-3, 4)
                            if (holiday + timedelta(days=k)).weekday() == wanted),
                           key=lambda d: abs((d - holiday).days))
            r = c.result
            if r.approximate and r.earliest and r.latest:  # "the May bank holiday": either of two
                lo, hi = near(r.earliest), near(r.latest)
                result = _Result(day=hi, approximate=lo != hi, earliest=lo, latest=hi) if lo != hi else _Result(day=hi)
            else:
                result = _Result(day=near(r.day))
            out[-1] = _Candidate(prev.start, c.end, c.rank, result, "holiday", c.match)
            continue
        if prev is not None and c.kind == "weekday" and not c.result.problem and c.start >= prev.end and \
                _week_of(prev) is not None and re.fullmatch(r"[\s,]*(?:on\s+)?(?:the\s+)?", text[prev.end:c.start]) \
                and not re.match(r"\s*(?:before last|just gone|gone)", text[c.end:]):
            # "three weeks ago on the Monday", "last week, on the Tuesday": that weekday of that week
            monday = _week_of(prev)
            day = monday + timedelta(days=WEEKDAYS[c.match.group("weekday")])
            out[-1] = _Candidate(prev.start, c.end, prev.rank, _Result(day=day), "weekday", c.match)
            continue
        if prev is not None and prev.kind == "weekday" and c.kind in ("day_only", "day_of_month") \
                and c.start >= prev.end and _LIST_GAP.match(text[prev.end:c.start]) and not c.result.problem:
            out[-1] = _Candidate(prev.start, c.end, c.rank, c.result, c.kind, c.match)
            continue
        out.append(c)
    return out


def _days_of_a_week_said(found: List[_Candidate], text: str) -> None:
    """ "last week I rang the police on the Tuesday and again on the Saturday": those days of that week."""
    ordered = sorted(found, key=lambda c: c.start)
    for i, c in enumerate(ordered):
        if c.kind != "weekday" or c.result.problem or (c.match.group("lead") or "").strip() != "the":
            continue
        for prev in reversed(ordered[:i]):
            if re.search(r"[.!?;]", text[prev.end:c.start]):
                break  # another sentence
            monday = _week_of(prev)
            if monday is not None:
                c.result = _Result(day=monday + timedelta(days=WEEKDAYS[c.match.group("weekday")]))
                prev.context_only = True
                break
            if prev.kind != "weekday":
                break


_BEFORE_THAT = re.compile(r"\s*(?:before|prior to)\s+(?:that|then|it)\b", re.I)


def _before_that(found: List[_Candidate], text: str) -> None:
    """ "last Thursday and the Thursday before that": that weekday in the week before the date just said."""
    ordered = sorted(found, key=lambda c: c.start)
    for i, c in enumerate(ordered):
        word = re.sub(r"\s+", " ", (c.match.groupdict().get("word") or "") if c.match else "").lower()
        if c.kind == "relative_vague" and word in ("the week before", "week before") and i > 0 and \
                _BEFORE_THAT.match(text[c.end - len("before"):]) and text[c.end:].lstrip().lower().startswith("that"):
            # "2 weeks ago and the week before that": the week before the date just said, not before last week
            prev = ordered[i - 1].result
            if not prev.problem and prev.day is not None:
                anchor = prev.earliest or prev.day
                monday = anchor - timedelta(days=anchor.weekday() + 7)
                c.result = _Result(day=monday + timedelta(days=3), approximate=True, earliest=monday,
                                   latest=monday + timedelta(days=6))
                c.end = c.end + len(re.match(r"\s*that\b", text[c.end:], re.I).group())
            continue
        if c.kind != "weekday" or i == 0 or c.result.problem or not _BEFORE_THAT.match(text[c.end:]):
            continue
        prev = ordered[i - 1].result
        if prev.problem or prev.day is None:
            continue
        target = WEEKDAYS[c.match.group("weekday")]
        anchor = prev.earliest or prev.day
        c.result = _Result(day=anchor - timedelta(days=(anchor.weekday() - target) % 7 or 7))
        c.end = c.end + _BEFORE_THAT.match(text[c.end:]).end()


def _week_of(c: _Candidate) -> Optional[date]:
    """The Monday of the week a phrase names ("3 weeks ago", "last week"), if it names a week."""
    g = c.match.groupdict() if c.match else {}
    if c.result.problem or c.result.day is None:
        return None
    if c.kind == "ago" and (g.get("unit") or "").startswith(("week", "fortnight")):
        return c.result.day - timedelta(days=c.result.day.weekday())
    if c.kind == "relative_vague" and re.sub(r"\s+", " ", g.get("word") or "") in ("last week", "the week before",
                                                                                 "the week before last",
                                                                                 "week before last", "this week"):
        return (c.result.earliest or c.result.day) - timedelta(days=(c.result.earliest or c.result.day).weekday())
    return None


def _apply_month_context(found: List[_Candidate], text: str, today: date) -> None:
    """A month said anywhere in the message applies to a bare day: "back in June, on
    the 14th" is 14 June; "the 3rd, 10th and 17th of October" are all in October;
    "in October, on the 3rd and the 10th" too. "Since June" is when something
    started, not the month of a later day, so it gives no context."""
    ordered = sorted(found, key=lambda c: c.start)

    def month_of(c: _Candidate) -> Optional[Tuple[int, Optional[int]]]:
        if c.match is None or c.result.problem:
            return None
        g = c.match.groupdict()
        if c.kind == "day_of_month" or (c.kind == "day_only" and getattr(c, "_month", None)):
            return getattr(c, "_month", None) or (MONTHS[g["month"]], _year(g.get("year"), today))
        if c.kind == "month_period" and not g.get("part") and (g.get("lead") or "") not in (
                "since", "from", "before", "by"):
            return MONTHS[g["month"]], _year(g.get("year"), today)
        if c.kind == "bank_holiday" and g.get("month") and c.result.day:
            return c.result.day.month, c.result.day.year  # "the bank holiday Monday in May, the 25th"
        word = re.sub(r"\s+", " ", g.get("word") or "")
        if c.kind == "relative_vague" and word in ("last month", "this month", "earlier this month"):
            first = today.replace(day=1) - relativedelta(months=1 if word == "last month" else 0)
            return first.month, first.year  # "last month, on the 9th"
        return None

    def settle(c: _Candidate, month: int, year: Optional[int]) -> None:
        day = int(c.match.group("day"))
        c.result = _day_month(day, month, year, today)
        c._month = (month, year)  # type: ignore[attr-defined]

    # Right to left: a list ending in a full date ("14th and the 20th of June").
    for i in range(len(ordered) - 2, -1, -1):
        c, nxt = ordered[i], ordered[i + 1]
        if c.kind == "day_only" and _LIST_GAP.match(text[c.end:nxt.start]):
            ctx = month_of(nxt)
            if ctx and nxt.kind != "month_period":
                settle(c, *ctx)
    # Left to right: a month said before ("in October, on the 3rd"; "on 3 October, the 10th and the 17th").
    for i, c in enumerate(ordered):
        if c.kind != "day_only" or getattr(c, "_month", None):
            continue
        for prev in reversed(ordered[:i]):
            ctx = month_of(prev)
            if ctx is None:
                if prev.kind == "day_only" or prev.result.problem:
                    continue
                break  # another kind of date in between: no context
            settle(c, *ctx)
            if prev.kind in ("month_period", "relative_vague"):
                prev.context_only = True
            break


# -- internals ---------------------------------------------------------------


@dataclass
class _Result:
    """A resolved phrase, before it is checked against today."""

    day: Optional[date] = None
    approximate: bool = False
    earliest: Optional[date] = None
    latest: Optional[date] = None
    problem: Optional[str] = None
    message: Optional[str] = None

    def reading(self, text: str, span: Tuple[int, int], today: date) -> DateReading:
        if self.problem:
            return DateReading(text=text, problem=self.problem, message=self.message, span=span)
        day = self.day
        earliest = self.earliest or day
        latest = self.latest or day
        if earliest > today:
            return DateReading(
                text=text, problem="future", span=span,
                message=f"{format_date(day)} is in the future. Please give a date on or before "
                        f"today ({format_date(today)}).")
        if day > today:  # a vague period that has begun: "mid November" on 12 November
            day = today
        if latest > today:
            latest = today
        return DateReading(text=text, date=day, approximate=self.approximate or earliest != latest,
                           earliest=earliest, latest=latest, span=span)


@dataclass
class _Candidate:
    start: int
    end: int
    rank: int
    result: _Result
    kind: str = ""
    match: Optional["re.Match[str]"] = None
    context_only: bool = False  # a month that only told bare days which month they are in

    def sort_key(self):
        # Prefer a reading over a problem, exact dates over vague ones ("since
        # June ... rang on 3 Oct"), then the longest phrase, the finder's rank,
        # and the earliest.
        return (self.result.problem is not None, self.result.approximate,
                -(self.end - self.start), self.rank, self.start)


@dataclass
class _Finder:
    pattern: "re.Pattern[str]"
    resolve: Callable[["re.Match[str]", date], Optional[_Result]]
    rank: int = 5
    guard: Optional[Callable[[str, "re.Match[str]"], bool]] = None

    @property
    def kind(self) -> str:
        return self.resolve.__name__.lstrip("_")


def _ordinal_is_a_day(tokens, i: int) -> bool:
    """ "the third", "third of October", "October third": a day. "I first reported it": not."""
    def word(j: int) -> str:
        while 0 <= j < len(tokens) and tokens[j].group().isspace():
            j += -1 if j < i else 1
        return tokens[j].group().lower() if 0 <= j < len(tokens) else ""
    before, after = word(i - 1), word(i + 1)
    if after in ("week", "weekend", "time", "times"):
        return False  # "the second week of October" is a week, not a day
    earlier = [t.group().lower() for t in tokens[:i] if not t.group().isspace()][-2:-1]
    if after in ("one", "ones", "was", "report", "call", "email", "letter", "visit", "complaint") and \
            earlier != ["on"]:
        return False  # "the first was 101 on 3 October", "the second one": which report, not a day
    return before in ("the", "on", "of") or before in MONTHS or after in ("of",) or after in MONTHS


class _Normalised:
    """Lower-cased text with ordinal words as digits and typos fixed, mapped back to the original."""

    _TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|\s+|.", re.S)

    def __init__(self, text: str):
        out: List[str] = []
        starts: List[int] = []
        ends: List[int] = []
        tokens = list(self._TOKEN.finditer(text))
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            word = tok.group().lower().replace("’", "'")
            replacement, used = self._replace(word, tokens, i)
            end = tokens[i + used - 1].end()
            for ch in replacement:
                out.append(ch)
                starts.append(tok.start())
                ends.append(end)
            i += used
        self.text = "".join(out)
        self._starts = starts
        self._ends = ends

    @staticmethod
    def _replace(word: str, tokens, i: int) -> Tuple[str, int]:
        # "twenty-first", "twenty first", "thirty one"
        if word in ("twenty", "thirty") and i + 2 < len(tokens):
            joiner, nxt = tokens[i + 1].group(), tokens[i + 2].group().lower()
            if (joiner == "-" or joiner.isspace()) and (nxt in _ORDINAL_WORDS or nxt in _NUMBER_WORDS):
                tens = _NUMBER_WORDS[word]
                if nxt in _ORDINAL_WORDS and _ORDINAL_WORDS[nxt] < 10:
                    n = tens + _ORDINAL_WORDS[nxt]
                    return f"{n}{_SUFFIX.get(n, 'th')}", 3
                if nxt in _NUMBER_WORDS and 0 < _NUMBER_WORDS[nxt] < 10 and nxt not in ("a", "an"):
                    return str(tens + _NUMBER_WORDS[nxt]), 3
        m = re.fullmatch(r"(twenty|thirty)(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)", word)
        if m:
            n = _NUMBER_WORDS[m.group(1)] + _ORDINAL_WORDS[m.group(2)]
            return f"{n}{_SUFFIX.get(n, 'th')}", 1
        if word in _ORDINAL_WORDS and _ordinal_is_a_day(tokens, i):
            n = _ORDINAL_WORDS[word]
            return f"{n}{_SUFFIX.get(n, 'th')}", 1
        if word in _SPELLINGS:
            return _SPELLINGS[word], 1
        if word.isalpha() and len(word) >= 5 and word not in MONTHS and word not in WEEKDAYS \
                and word not in _NOT_FUZZY:
            close = difflib.get_close_matches(word, _FULL_MONTHS + _FULL_WEEKDAYS, n=1, cutoff=0.85)
            if close:
                return close[0], 1
        return word, 1

    def original_span(self, start: int, end: int) -> Tuple[int, int]:
        return self._starts[start], self._ends[end - 1]


# Shared regex pieces (the text is already lower case).
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s*(?P<year>(?:19|20)\d\d\b|'\d\d\b|last year\b|this year\b))"
_B = r"(?<![\w/.-])"   # not glued to a code like 4411/03oct
_E = r"(?![\w/]|[.-]\d)"  # nor followed by more of a date or a code: "4.2.26", "4411/03oct"
_APPROX_LEAD = r"(?P<approx>(?:about|around|roughly|approximately|approx|circa|just over|over|more than|nearly|almost|maybe|probably|sometime|some time)\s+)?"


def _year(text: Optional[str], today: date) -> Optional[int]:
    if not text:
        return None
    if text == "last year":
        return today.year - 1
    if text == "this year":
        return today.year
    return 2000 + int(text[1:]) if text.startswith("'") else int(text)


def _impossible(day: int, month: int, year: Optional[int] = None) -> _Result:
    name = calendar.month_name[month]
    if year and month == 2 and day == 29:
        message = f"{year} was not a leap year, so it had no 29 February. Please check the date."
    else:
        message = f"{day} {name} is not a real date: {name} has no day {day}. Please check the day and month."
    return _Result(problem="impossible", message=message)


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _most_recent(month: int, day: int, today: date) -> Optional[date]:
    """The most recent month/day not after today (29 February goes back to a leap year)."""
    for back in range(0, 9):
        year = today.year - back
        if _valid(year, month, day):
            candidate = date(year, month, day)
            if candidate <= today:
                return candidate
    return None


def _day_month(day: int, month: int, year: Optional[int], today: date, approx: bool = False) -> _Result:
    if not 1 <= day <= 31 or (year is None and not _valid(2024, month, day)) or \
            (year is not None and not _valid(year, month, day) and not (month == 2 and day == 29)):
        return _impossible(day, month)
    if year is not None:
        if not _valid(year, month, day):
            return _impossible(day, month, year)
        return _Result(day=date(year, month, day), approximate=approx)
    resolved = _most_recent(month, day, today)
    if resolved is None:
        return _impossible(day, month)
    return _Result(day=resolved, approximate=approx)


# Numeric dates: 03/04/2026, 4/11/26, 3.4.26, 3-4-2026, 03/04
def _numeric(m, today):
    a, b, y = int(m.group("a")), int(m.group("b")), m.group("y")
    year = int(y) + (2000 if len(y) == 2 else 0) if y else None
    if 1 <= b <= 12:
        return _day_month(a, b, year, today)
    if 1 <= a <= 12 and _valid(year or 2024, a, b):
        said = f" {year}" if year else ""
        typed = f"/{year}" if year else ""
        return _Result(problem="impossible", message=(
            f"In the UK the day comes first, so {m.group()} would be day {a} of month {b}, and there is "
            f"no month {b}. Did you mean {b} {calendar.month_name[a]}{said}? If so, please type "
            f"{b:02d}/{a:02d}{typed}."))
    return _Result(problem="impossible", message=(
        f"There is no month {b}. Please write the day first, like 03/04/2026 for 3 April 2026."))


def _iso(m, today):
    year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    if not 1 <= month <= 12:
        return _Result(problem="impossible", message=f"There is no month {month}. Please check the date.")
    return _day_month(day, month, year, today)


def _day_of_month(m, today):
    day, month = int(m.group("day")), MONTHS[m.group("month")]
    return _day_month(day, month, _year(m.group("year"), today), today, approx=bool(m.groupdict().get("approx")))


def _day_of_relative_month(m, today):
    day = int(m.group("day"))
    first = today.replace(day=1)
    if m.group("which") == "last":
        first = first - relativedelta(months=1)
    if not _valid(first.year, first.month, day):
        return _impossible(day, first.month, first.year)
    return _Result(day=first.replace(day=day))


def _day_only(m, today):
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    probe = today
    for _ in range(12):
        if _valid(probe.year, probe.month, day) and date(probe.year, probe.month, day) <= today:
            return _Result(day=date(probe.year, probe.month, day))
        probe = (probe.replace(day=1) - timedelta(days=1))
    return None


def _day_only_guard(text: str, m) -> bool:
    after = text[m.end():].lstrip()
    nxt = re.match(r"[a-z]+", after)
    if nxt and nxt.group() in _NOT_A_DAY_AFTER:
        return False
    if re.match(r"of\s+(?:us|them|you|my|our|their|the\s+(?:kids|boys|girls|men|lads))\b", after):
        return False
    before = text[:m.start()].rstrip()
    # A bare number must be "the 5" / "on the 5"; an ordinal ("5th") may stand alone.
    if not m.group("suffix") and not m.group("the"):
        return False
    return not re.search(r"(?:number|no|ref|reference|flat|house|floor|page|bus|route|£|#)\.?$", before)


_PARTS = {
    "early": (1, 10, 5), "beginning": (1, 10, 5), "start": (1, 10, 5), "first week": (1, 7, 4),
    "second week": (8, 14, 11), "third week": (15, 21, 18), "fourth week": (22, 28, 25),
    "mid": (11, 20, 15), "middle": (11, 20, 15),
    "late": (21, 31, 25), "end": (21, 31, 25), "last week": (24, 31, 28),
}
_PART_RE = (r"(?:(?:the\s+)?(?P<part>early|beginning|start|mid|middle|late|end|first week|second week|third week|"
            r"fourth week|last week)"
            r"(?:\s+of\s+|\s*-\s*|\s+)(?:the\s+month\s+of\s+)?)")


def _month_period(m, today):
    month = MONTHS[m.group("month")]
    year = _year(m.group("year"), today)
    part = m.group("part")
    which = m.group("which")
    explicit = year is not None
    if not explicit:
        # The most recent such period that has begun (a vague "June" said in
        # June means this June so far; "mid March" said on 10 March, last year's).
        year = today.year if month <= today.month else today.year - 1
        if which == "last" and month == today.month:
            year -= 1
    lo, hi, mid = _PARTS[part] if part else (1, 31, 15)
    if not explicit and date(year, month, lo) > today:
        year -= 1
    last_day = calendar.monthrange(year, month)[1]
    hi = min(hi, last_day)
    mid = min(mid, hi)
    return _Result(day=date(year, month, mid), approximate=True,
                   earliest=date(year, month, lo), latest=date(year, month, hi))


def _month_period_guard(text: str, m) -> bool:
    # "may" and "march" are also ordinary words: need a lead-in, a part or a year.
    if m.group("month") in ("may", "march", "mar", "jan", "dec", "jun", "jul", "sep", "aug", "oct", "nov") \
            and not (m.group("lead") or m.group("part") or m.group("year")):
        return text.strip() == m.group().strip()
    return True


def _relative_simple(m, today):
    word = m.group("word")
    table = {
        "today": (0, False), "this morning": (0, False), "this afternoon": (0, False),
        "this evening": (0, False), "tonight": (0, False), "earlier today": (0, False),
        "just now": (0, False),
        "yesterday": (1, False), "last night": (1, False), "yesterday morning": (1, False),
        "yesterday afternoon": (1, False), "yesterday evening": (1, False),
        "the night before last": (2, False), "day before yesterday": (2, False),
        "the day before yesterday": (2, False),
    }
    back, approx = table.get(word, (0, False))  # "an hour ago", "a few minutes ago": today
    return _Result(day=today - timedelta(days=back), approximate=approx)


def _relative_vague(m, today):
    word = re.sub(r"\s+", " ", m.group("word"))
    if word in ("the other day", "other day", "a few days ago", "few days ago"):
        return _Result(day=today - timedelta(days=3), approximate=True,
                       earliest=today - timedelta(days=7), latest=today - timedelta(days=1))
    if word in ("a couple of days ago", "couple of days ago", "couple days ago", "a couple days ago"):
        return _Result(day=today - timedelta(days=2), approximate=True,
                       earliest=today - timedelta(days=3), latest=today - timedelta(days=1))
    if word in ("the week before last", "week before last"):
        monday = today - timedelta(days=today.weekday() + 14)
        return _Result(day=monday + timedelta(days=3), approximate=True,
                       earliest=monday, latest=monday + timedelta(days=6))
    if word in ("last week", "the week before"):
        monday = today - timedelta(days=today.weekday() + 7)
        return _Result(day=today - timedelta(days=7), approximate=True,
                       earliest=monday, latest=monday + timedelta(days=6))
    if word in ("this week", "earlier this week", "earlier in the week"):
        monday = today - timedelta(days=today.weekday())
        return _Result(day=max(monday, today - timedelta(days=1)), approximate=True,
                       earliest=monday, latest=today)
    if word in ("last weekend", "the weekend", "at the weekend", "this weekend", "over the weekend",
                "weekend just gone", "the weekend just gone"):
        saturday = today - timedelta(days=(today.weekday() - 5) % 7 or 7)
        if word == "last weekend" and today.weekday() in (5, 6):
            saturday -= timedelta(days=7)
        return _Result(day=saturday, approximate=True, earliest=saturday,
                       latest=min(saturday + timedelta(days=1), today))
    if word in ("last month", "the month before"):
        first = today.replace(day=1) - relativedelta(months=1)
        last = today.replace(day=1) - timedelta(days=1)
        return _Result(day=first.replace(day=15), approximate=True, earliest=first, latest=last)
    if word in ("this month", "earlier this month", "earlier in the month", "the start of this month",
                "the beginning of this month", "start of this month", "beginning of this month"):
        first = today.replace(day=1)
        mid = first if "start" in word or "beginning" in word else first.replace(day=min(today.day, 15))
        return _Result(day=mid, approximate=True, earliest=first,
                       latest=min(today, first + timedelta(days=9)) if mid == first else today)
    if word in ("the end of last month", "end of last month", "the start of last month",
                "start of last month", "the beginning of last month", "beginning of last month",
                "the middle of last month", "middle of last month", "mid last month", "early last month",
                "late last month", "mid-last month"):
        first = today.replace(day=1) - relativedelta(months=1)
        last_day = calendar.monthrange(first.year, first.month)[1]
        lo, hi, mid = _PARTS["end" if ("end" in word or "late" in word) else "mid" if "mid" in word else "start"]
        hi = min(hi, last_day)
        return _Result(day=first.replace(day=min(mid, hi)), approximate=True,
                       earliest=first.replace(day=lo), latest=first.replace(day=hi))
    return None


def _ago(m, today):
    count_text = re.sub(r"\s+", " ", m.group("n"))
    unit = m.group("unit").rstrip("s")
    approx = bool(m.group("approx")) or count_text in ("a few", "few", "several", "a couple of",
                                                       "couple of", "a couple")
    counts = {"a few": 3, "few": 3, "several": 3, "a couple of": 2, "couple of": 2, "a couple": 2}
    if count_text in counts:
        n = counts[count_text]
    elif count_text.isdigit():
        n = int(count_text)
    elif count_text in _NUMBER_WORDS:
        n = _NUMBER_WORDS[count_text]
    else:
        return None
    if unit == "day":
        day = today - timedelta(days=n)
        spread = timedelta(days=1 if approx else 0)
    elif unit in ("week", "fortnight"):
        day = today - timedelta(weeks=n * (2 if unit == "fortnight" else 1))
        spread = timedelta(days=3 if approx else 0)
    elif unit == "month":
        day = today - relativedelta(months=n)
        approx, spread = True, timedelta(days=15)
    elif unit == "year":
        day = today - relativedelta(years=n)
        approx, spread = True, timedelta(days=30)
    else:
        return None
    if n == 0:
        return None
    return _Result(day=day, approximate=approx, earliest=day - spread, latest=min(day + spread, today))


def _weekdays_ago(m, today):
    """ "two Mondays ago": the Monday a week before the last one (said on a Monday, "one Monday ago" is a week ago)."""
    count_text = re.sub(r"\s+", " ", m.group("n"))
    counts = {"a few": 3, "few": 3, "several": 3, "a couple of": 2, "couple of": 2, "a couple": 2}
    n = counts.get(count_text) or (int(count_text) if count_text.isdigit() else _NUMBER_WORDS.get(count_text))
    if not n:
        return None
    target = WEEKDAYS[m.group("weekday")]
    last = today - timedelta(days=(today.weekday() - target) % 7 or 7)
    day = last - timedelta(weeks=n - 1)
    if count_text in counts:
        return _Result(day=day, approximate=True, earliest=day - timedelta(weeks=1), latest=day + timedelta(weeks=1))
    return _Result(day=day)


def _weekday(m, today):
    target = WEEKDAYS[m.group("weekday")]
    lead = (m.group("lead") or "").strip()
    tail = (m.group("tail") or "").strip()
    if lead == "next" or tail == "next week" or lead.startswith("a week on"):
        return _Result(problem="future", message="That is in the future. Please give a date on or before today.")
    back = (today.weekday() - target) % 7 or 7  # most recent, before today
    day = today - timedelta(days=back)
    if lead == "last" and back == 1 and not tail:
        day -= timedelta(days=7)  # "last Wednesday" said on a Thursday: yesterday would be "yesterday"
    elif "before last" in tail or lead.endswith("before last") or lead.startswith("a week last"):
        day -= timedelta(days=7)  # "a week last Tuesday": the Tuesday a week before last Tuesday
    elif tail == "last week":
        monday = today - timedelta(days=today.weekday() + 7)
        day = monday + timedelta(days=target)
    return _Result(day=day)


def _weekday_guard(text: str, m) -> bool:
    # "every Saturday", "most Fridays", "on Saturdays": a habit, not a day
    if re.search(r"\b(?:every|each|most|all|some|any)\s+(?:other\s+|single\s+)?$", text[:m.start()]) or \
            re.match(r"s\b", text[m.end():]):
        return False
    # "sat", "sun" and "wed" are words too: abbreviations need "last"/"on"/...
    if m.group("weekday") in _FULL_WEEKDAYS:
        return True
    lead = (m.group("lead") or "").strip()
    return lead in ("last", "on", "this", "past", "this past", "next") or lead.startswith("a week") or \
        bool((m.group("tail") or "").strip())


def _holiday_date(name: str, year: int) -> Optional[date]:
    fixed = {
        "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
        "boxing day": (12, 26), "new year's eve": (12, 31), "new years eve": (12, 31),
        "new year's day": (1, 1), "new years day": (1, 1), "new year": (1, 1),
        "bonfire night": (11, 5), "guy fawkes night": (11, 5), "guy fawkes": (11, 5),
        "fireworks night": (11, 5), "firework night": (11, 5), "halloween": (10, 31),
        "valentine's day": (2, 14), "valentines day": (2, 14), "valentines": (2, 14),
        "st patrick's day": (3, 17), "st patricks day": (3, 17),
    }
    if name in fixed:
        return date(year, *fixed[name])
    e = easter(year)
    moving = {
        "easter": e, "easter sunday": e, "easter day": e, "easter monday": e + timedelta(days=1),
        "good friday": e - timedelta(days=2), "easter saturday": e - timedelta(days=1),
        "mother's day": e - timedelta(days=21), "mothers day": e - timedelta(days=21),
        "mothering sunday": e - timedelta(days=21),
        "father's day": date(year, 6, 1) + relativedelta(weekday=SU(+3)),
        "fathers day": date(year, 6, 1) + relativedelta(weekday=SU(+3)),
        "may bank holiday": date(year, 5, 1) + relativedelta(weekday=MO(+1)),
        "early may bank holiday": date(year, 5, 1) + relativedelta(weekday=MO(+1)),
        "may day": date(year, 5, 1) + relativedelta(weekday=MO(+1)),
        "spring bank holiday": date(year, 5, 31) + relativedelta(weekday=MO(-1)),
        "august bank holiday": date(year, 8, 31) + relativedelta(weekday=MO(-1)),
        "summer bank holiday": date(year, 8, 31) + relativedelta(weekday=MO(-1)),
        # Notting Hill Carnival: the Sunday and Monday of the August bank holiday weekend
        "notting hill carnival": date(year, 8, 31) + relativedelta(weekday=MO(-1)) - timedelta(days=1),
        "carnival weekend": date(year, 8, 31) + relativedelta(weekday=MO(-1)) - timedelta(days=1),
        "remembrance sunday": date(year, 11, 8) + relativedelta(weekday=SU(+1)),
        # British Summer Time ends on the last Sunday of October and starts on the last Sunday of March
        "clocks went back": date(year, 10, 31) + relativedelta(weekday=SU(-1)),
        "clocks go back": date(year, 10, 31) + relativedelta(weekday=SU(-1)),
        "clocks changed": date(year, 10, 31) + relativedelta(weekday=SU(-1)),
        "clocks went forward": date(year, 3, 31) + relativedelta(weekday=SU(-1)),
        "clocks go forward": date(year, 3, 31) + relativedelta(weekday=SU(-1)),
    }
    if name in _SCHOOL_TERM:
        # English state schools, roughly: back in the first week of September, out around 22 July
        return date(year, 9, 4) if _SCHOOL_TERM[name] == "start" else date(year, 7, 22)
    return moving.get(name)


_SCHOOL_TERM = {"back to school": "start", "went back to school": "start", "schools went back": "start",
                "school went back": "start", "kids went back": "start",
                "the kids went back to school": "start", "the children went back to school": "start",
                "kids went back to school": "start", "children went back to school": "start",
                "the kids went back": "start", "the children went back": "start", "start of term": "start",
                "start of the school year": "start", "new school year": "start", "start of the autumn term": "start",
                "schools broke up": "end", "school broke up": "end", "kids broke up": "end",
                "end of the school year": "end", "end of the summer term": "end"}
_HALF_TERMS = ((2, 17), (5, 28), (10, 27))  # the middle of each half-term week, roughly


_HOLIDAYS = sorted(
    ["christmas eve", "christmas day", "christmas", "boxing day", "new year's eve", "new years eve",
     "new year's day", "new years day", "new year", "bonfire night", "guy fawkes night", "guy fawkes",
     "fireworks night", "firework night", "halloween", "valentine's day", "valentines day", "valentines",
     "st patrick's day", "st patricks day", "easter sunday", "easter day", "easter monday", "easter saturday",
     "easter", "good friday", "mother's day", "mothers day", "mothering sunday", "father's day",
     "fathers day", "early may bank holiday", "may bank holiday", "may day", "spring bank holiday",
     "august bank holiday", "summer bank holiday", "notting hill carnival", "carnival weekend", "remembrance sunday", "clocks went back", "clocks go back",
     "clocks changed", "clocks went forward", "clocks go forward", "half term", "half-term", *_SCHOOL_TERM],
    key=len, reverse=True)
HOLIDAY_NAMES = tuple(_HOLIDAYS)


def _holiday(m, today):
    name = re.sub(r"\s+", " ", m.group("holiday"))
    if name in ("half term", "half-term", *_SCHOOL_TERM):
        return _school_holiday(name, m, today)
    approx = bool(m.group("approx") or m.group("around")) or name in ("new year",) or \
        bool(m.group("period"))
    year = _year(m.group("year"), today)
    if year is None:
        year = today.year
        day = _holiday_date(name, year)
        if day is None:
            return None
        if day > today:
            year -= 1
            day = _holiday_date(name, year)
        if (m.group("which") or "").strip() == "last" and day == today:
            day = _holiday_date(name, year - 1)
    else:
        day = _holiday_date(name, year)
    if day is None:
        return None
    if name == "may bank holiday" and day.month == 5:
        # England has two in May (the first and the last Monday); "the May bank holiday" could be either
        spring = _holiday_date("spring bank holiday", day.year)
        if spring <= today:
            return _Result(day=spring, approximate=True, earliest=day, latest=spring)
    if name.startswith("clocks") and not approx:
        # "the night the clocks went back": the Saturday night into the Sunday
        return _Result(day=day, approximate=True, earliest=day - timedelta(days=1), latest=day)
    spread = timedelta(days=3 if approx else 0)
    return _Result(day=day, approximate=approx, earliest=day - spread, latest=day + spread)


def _school_holiday(name, m, today):
    """ "the kids went back to school", "half term": a week or so, never an exact day."""
    year = _year(m.group("year"), today)
    years = [year] if year else [today.year, today.year - 1]
    if name.startswith("half"):
        days = [date(y, *md) for y in years for md in _HALF_TERMS]
    else:
        days = [_holiday_date(name, y) for y in years]
    past = [d for d in days if d - timedelta(days=4) <= today] if not year else days
    if not past:
        return None
    day = max(past)
    if name.startswith("half"):
        lo = day - timedelta(days=day.weekday())  # the half-term week, Monday to Sunday
        return _Result(day=min(day, today), approximate=True, earliest=lo, latest=min(lo + timedelta(days=6), today))
    lo, hi = day - timedelta(days=4), min(day + timedelta(days=4), today)
    return _Result(day=min(day, today), approximate=True, earliest=lo, latest=hi)


def _bank_holiday(m, today):
    import holidays  # imported lazily: only this phrase needs it

    calendar_ = holidays.country_holidays("GB", subdiv="ENG", years=[today.year - 1, today.year])
    past = sorted(d for d in calendar_ if d <= today)
    month = (m.groupdict().get("month") or "").lower()
    if month:
        # "the bank holiday Monday in May": that month's, the latest year it has been; two in May: either
        in_month = [d for d in past if d.month == MONTHS.get(month, MONTHS.get(month[:3]))]
        latest_year = [d for d in in_month if d.year == max((d.year for d in in_month), default=0)]
        if len(latest_year) == 1:
            return _Result(day=latest_year[0])
        if latest_year:
            lo, hi = latest_year[0], latest_year[-1]
            return _Result(day=hi, approximate=True, earliest=lo, latest=hi)
    if not past:
        return None
    return _Result(day=past[-1])


# Seasons, as people in England mean them; the school summer holidays roughly.
_SEASONS = {"spring": ((3, 1), (5, 31)), "summer": ((6, 1), (8, 31)), "autumn": ((9, 1), (11, 30)),
            "fall": ((9, 1), (11, 30)), "winter": ((12, 1), (2, 28)), "summer holidays": ((7, 20), (9, 5)),
            "school holidays": ((7, 20), (9, 5))}


def _season_range(name: str, year: int) -> Tuple[date, date]:
    (m1, d1), (m2, d2) = _SEASONS[name]
    start = date(year, m1, d1)
    end_year = year + 1 if m2 < m1 else year
    end = date(end_year, m2, calendar.monthrange(end_year, m2)[1] if m2 == 2 else d2)
    return start, end


def _season_guard(m) -> bool:
    # "school" only as "school holidays"; "fall" is a verb unless "last fall", "the fall"
    if m.group("season") == "school":
        return bool(m.group("hols"))
    if m.group("season") == "fall":
        return bool(m.group("which"))
    return True


def _season(m, today):
    """ "in the summer": the most recent summer that has begun; "last summer" the
    most recent one that has ended; "this summer" this year's."""
    name = re.sub(r"\s+", " ", m.group("season"))
    if m.group("hols"):
        name = "summer holidays"
    which = (m.group("which") or "").strip().replace("past", "last")
    year = _year(m.group("year"), today)
    if year is None:
        year = today.year
        start, end = _season_range(name, year)
        while start > today or (which == "last" and end >= today):
            year -= 1
            start, end = _season_range(name, year)
        if which == "this" and start.year != today.year and not (name == "winter" and today.month <= 2):
            return _Result(problem="future", message="That is in the future. Please give a date on or before "
                                                     "today.")
    start, end = _season_range(name, year)
    part = (m.groupdict().get("spart") or "").lower()
    third = (end - start) // 3
    if part in ("start", "beginning", "early"):
        end = start + third
    elif part in ("end", "late"):
        start = end - third
    elif part in ("middle", "mid"):
        start, end = start + third, end - third
    if start > today:
        return _Result(problem="future", message="That is in the future. Please give a date on or before today.")
    mid = start + (end - start) // 2
    return _Result(day=mid, approximate=True, earliest=start, latest=min(end, today))


def _nth_weekday(m, today):
    """ "the first Monday in October", "the last Friday of September"."""
    month = MONTHS[m.group("month")]
    target = WEEKDAYS[m.group("weekday")]
    nth = m.group("nth")
    year = _year(m.group("year"), today) or (today.year if month <= today.month else today.year - 1)
    index = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}
    for _ in range(2):
        days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)
                if date(year, month, d).weekday() == target]
        day = days[-1] if nth == "last" else days[index[nth]]
        if day <= today or m.group("year"):
            return _Result(day=day)
        year -= 1
    return None


def _around_holiday(m, today):
    """ "the week before Christmas", "the weekend after Easter": a range next to the day."""
    inner = _holiday(m, today)
    if inner is None or inner.problem:
        return inner
    span, side = m.group("span"), m.group("side")
    if span in ("day", "night", "morning", "evening") and inner.day is not None:
        # "the day after Boxing Day", "the night before Bonfire Night": that one day
        day = inner.day + timedelta(days=1 if side == "after" else -1)
        if day > today:
            return _Result(problem="future", message="That is in the future. Please give a date on or before today.")
        lo, hi = (inner.earliest or inner.day), (inner.latest or inner.day)
        step = timedelta(days=1 if side == "after" else -1)
        return _Result(day=day, approximate=inner.approximate, earliest=lo + step if inner.approximate else None,
                       latest=hi + step if inner.approximate else None)
    weeks = re.match(r"(a couple of|couple of|a few|two|three|2|3) weeks", span or "")
    if weeks:
        # "a couple of weeks after Easter": about that many weeks on, give or take a few days
        n = {"a few": 3, "three": 3, "3": 3}.get(weeks.group(1), 2)
        day = (inner.latest or inner.day) + timedelta(days=7 * n) if side == "after" else \
            (inner.earliest or inner.day) - timedelta(days=7 * n)
        lo, hi = day - timedelta(days=4), day + timedelta(days=4)
        if lo > today:
            return _Result(problem="future", message="That is in the future. Please give a date on or before today.")
        return _Result(day=day, approximate=True, earliest=lo, latest=min(hi, today))
    length = 7 if span == "week" else 2 if span == "weekend" else 3
    # next to the whole of a holiday that lasts a while ("the week after half term"), else next to its day
    if side == "before":
        day = inner.earliest or inner.day
        lo, hi = day - timedelta(days=length), day - timedelta(days=1)
    else:
        day = inner.latest or inner.day
        if m.group("holiday").startswith("half") and inner.earliest:
            day = inner.earliest + timedelta(days=6)  # from the Sunday that ends the week, even if today is in it
        lo, hi = day + timedelta(days=1), day + timedelta(days=length)
    if lo > today:
        return _Result(problem="future", message="That is in the future. Please give a date on or before today.")
    return _Result(day=lo + (hi - lo) / 2, approximate=True, earliest=lo, latest=min(hi, today))


_TOO_VAGUE = ("That's too vague for me to work out the date. Could you give at least the month, "
              "like \"early June\" or \"June 2026\"?")


def _too_vague(m, today):
    return _Result(problem="too_vague", message=_TOO_VAGUE)


def _whole_year(m, today):
    """ "in about 2023": a whole year two or more years back is over before any window a council uses, so it is
    kept as that year; "in 2026" or "last year" could be either side of the window, so it is asked about."""
    year = int(m.group("year"))
    if year > today.year - 2:
        return _too_vague(m, today)
    return _Result(day=date(year, 7, 2), approximate=True, earliest=date(year, 1, 1), latest=date(year, 12, 31))


def _future(m, today):
    return _Result(problem="future",
                   message="That is in the future. Please give the date it happened or was reported, "
                           "on or before today.")


_WEEKDAY_LEAD = r"(?:(?P<wd>" + _WEEKDAY_RE + r")\.?,?\s+)?"
_HOLIDAY_RE = "|".join(re.escape(h).replace("\\ ", r"\s+") for h in _HOLIDAYS)
_COUNT_RE = (r"\d{1,3}|a few|few|several|a couple of|couple of|a couple|"
             + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)))

_FINDERS: List[_Finder] = [
    # 2026-03-04
    _Finder(re.compile(_B + r"(?P<iy>(?:19|20)\d\d)-(?P<im>\d{1,2})-(?P<id>\d{1,2})" + _E), _iso, rank=0),
    # 03/04/2026, 4/11/26, 3/4, 3.4.26, 3-4-2026 (a dot or a dash needs a year: "2-3 weeks")
    _Finder(re.compile(_B + r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?"
                       r"(?![\w/]|[.-]\d|\s?(?:am|pm|o'clock))"),
            _numeric, rank=1, guard=lambda text, m: m.group("sep") == "/" or bool(m.group("y"))),
    # 3rd March, the 3rd of March 2026, Tuesday 3 March, fourteenth of September
    _Finder(re.compile(_WEEKDAY_LEAD + _APPROX_LEAD + r"(?:the\s+)?" + _B + _DAYNUM
                       + r"(?:\s+of)?\s*-?\s*" + _MONTH + r"\b" + _YEAR + r"?"),
            _day_of_month, rank=1),
    # Sept 14, March the 3rd, October 3rd 2025
    _Finder(re.compile(_WEEKDAY_LEAD + r"\b" + _MONTH + r"\s+(?:the\s+)?" + _DAYNUM
                       + r"(?![\d:/])\b(?!\s*(?:am|pm|%|:))" + _YEAR + r"?"),
            _day_of_month, rank=2),
    # the 3rd of last month, the 5th of this month
    _Finder(re.compile(r"(?:the\s+)?" + _B + _DAYNUM + r"\s+(?:of\s+)?(?P<which>last|this)\s+month\b"),
            _day_of_relative_month, rank=1),
    # in June, early June, mid-October, the end of August 2026, last March
    _Finder(re.compile(r"(?:\b(?P<lead>in|during|around|about|since|from|by|before|at|of|last|this)\s+)?"
                       + _PART_RE + r"?(?:(?P<which>last|this)\s+)?\b" + _MONTH + r"\b" + _YEAR + r"?"),
            _month_period, rank=6, guard=_month_period_guard),
    # the 5th, on the 3rd
    _Finder(re.compile(r"(?P<the>\b(?:on\s+)?the\s+)?" + _B + r"(?P<day>[0-3]?\d)(?P<suffix>st|nd|rd|th)?" + _E),
            _day_only, rank=8, guard=_day_only_guard),
    _Finder(re.compile(r"\b(?P<word>the day before yesterday|day before yesterday|the night before last|"
                       r"yesterday (?:morning|afternoon|evening)|yesterday|last night|this morning|"
                       r"this afternoon|this evening|tonight|earlier today|today|just now|"
                       r"(?:an?|half an?|a few|few|a couple of|couple of|\d{1,2}|one|two|three|four|five|six) "
                       r"(?:hours?|hrs?|minutes?|mins?) ago)\b"),
            _relative_simple, rank=3),
    _Finder(re.compile(r"\b(?P<word>the other day|other day|a few days ago|few days ago|"
                       r"a couple (?:of )?days ago|couple (?:of )?days ago|(?:the )?week before last|last week|"
                       r"the week before|"
                       r"earlier this week|earlier in the week|this week|(?:the )?weekend just gone|"
                       r"last weekend|over the weekend|at the weekend|this weekend|the weekend|"
                       r"(?:the )?(?:end|start|beginning|middle) of last month|mid-? ?last month|early last month|"
                       r"late last month|"
                       r"last month|the month before|(?:the )?(?:start|beginning) of this month|"
                       r"earlier this month|earlier in the month|this month)\b"),
            _relative_vague, rank=7),
    # two weeks ago, a fortnight ago, about 3 months back
    _Finder(re.compile(_APPROX_LEAD + r"\b(?P<n>" + _COUNT_RE + r")\s*(?P<unit>days?|weeks?|fortnights?|months?|years?)"
                       r"\s+(?:ago|back)\b(?:\s+today\b)?"),
            _ago, rank=2),
    # two Mondays ago, a couple of Saturdays back
    _Finder(re.compile(r"\b(?P<n>" + _COUNT_RE + r")\s+(?P<weekday>" + "|".join(_FULL_WEEKDAYS) + r")s?\s+(?:ago|back)\b"),
            _weekdays_ago, rank=1),
    # last Friday, Sunday just gone, Friday before last, on Tuesday
    _Finder(re.compile(r"(?P<lead>\b(?:a week\s+(?:last|on)|last|this past|past|on|this|next|the)\s+)?\b(?P<weekday>"
                       + _WEEKDAY_RE + r")\b\.?(?:\s+(?:morning|afternoon|evening|night))?"
                       r"(?P<tail>\s+(?:just gone|gone|before last|last week|next week))?"),
            _weekday, rank=4, guard=_weekday_guard),
    # Boxing Day, around Christmas, Easter Monday 2026, last Bonfire Night
    _Finder(re.compile(_APPROX_LEAD + r"(?P<around>\b(?:at|over|around|about|near|before|after|just after|"
                       r"just before)\s+)?(?:(?P<which>last|this)\s+)?\b(?P<holiday>" + _HOLIDAY_RE
                       + r")(?P<period>\s+(?:holidays?|period|time|weekend|break))?\b" + _YEAR + r"?"),
            _holiday, rank=3),
    _Finder(re.compile(r"\b(?:the\s+|last\s+)?bank holiday(?:\s+monday)?\b(?:\s+(?:in|of|at the (?:start|end) of)\s+"
                       + _MONTH + r"\b)?"), _bank_holiday, rank=5),
    _Finder(re.compile(r"\b(?:the\s+)?(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+(?P<weekday>"
                       + "|".join(_FULL_WEEKDAYS) + r")\s+(?:in|of)\s+" + _MONTH + r"\b" + _YEAR + r"?"),
            _nth_weekday, rank=0),
    _Finder(re.compile(r"\b(?:the\s+)?(?P<span>week|weekend|days?|night|morning|evening|(?:a couple of|couple of|a few|"
                       r"two|three|2|3) weeks)\s+(?P<side>before|after)\s+"
                       + _APPROX_LEAD
                       + r"(?P<around>)(?:the\s+)?(?:(?P<which>last|this)\s+)?\b(?P<holiday>" + _HOLIDAY_RE
                       + r")(?P<period>)\b" + _YEAR + r"?"),
            _around_holiday, rank=0),
    # in the summer, last winter, over the summer holidays, spring 2026
    _Finder(re.compile(r"(?:\b(?:the\s+)?(?P<spart>start|beginning|early|end|late|middle|mid)(?:\s+of|-)?\s+)?"
                       r"\b(?:(?P<which>last|this|the|past)\s+)?(?P<season>spring|summer|autumn|fall|winter|"
                       r"school)(?P<hols>\s+(?:holidays?|hols))?\b(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b)?"),
            _season, rank=6, guard=lambda text, m: _season_guard(m)),
    _Finder(re.compile(r"\b(?:in|during|back in|around|about|circa|sometime in|some time in)\s+(?:about\s+|around\s+|"
                       r"roughly\s+|approx(?:imately)?\s+|c\.?\s*)?(?P<year>(?:19|20)\d\d)\b(?!\s*[/-])"),
            _whole_year, rank=9),
    _Finder(re.compile(r"\b(?:since)\s+(?:(?:19|20)\d\d)\b|\blast year\b|\bthis year\b|"
                       r"\bages ago\b|\ba while (?:ago|back)\b|\blong time ago\b"), _too_vague, rank=9),
    _Finder(re.compile(r"\b(?:tomorrow|next (?:week|month|year)|in (?:a|\d+|two|three) (?:days?|weeks?))\b"),
            _future, rank=9),
]
