"""What "today" is.

Rules never call ``date.today()``: they take today as an argument. This is the
one place that decides it: the Europe/London date, or ``TRIGGER_TODAY``
(YYYY-MM-DD) when set, for tests and for replaying a past decision.
"""
from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


class BadToday(ValueError):
    pass


def parse_iso_day(text: str, what: str = "TRIGGER_TODAY") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadToday(f"{what} must be a date written YYYY-MM-DD, like 2026-03-10 (found {text!r})") from None


def today() -> date:
    override = os.environ.get("TRIGGER_TODAY")
    if override:
        return parse_iso_day(override)
    return datetime.now(LONDON).date()


def now() -> datetime:
    """Timezone-aware current time (UTC offset of London), for timestamps."""
    return datetime.now(LONDON)
