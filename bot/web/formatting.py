"""How the staff pages write dates and times: UK style ("3 October 2026"), times in London
("3 October 2026 at 2:05pm"), as the GOV.UK style guide writes them. Stored times are UTC."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Optional, Union

from bot.rules.clock import LONDON
from bot.rules.dates import format_date

When = Union[date, datetime, str, None]


def _parse(value: When) -> Optional[Union[date, datetime]]:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")) if "T" in text or " " in text \
                else date.fromisoformat(text)
        except ValueError:
            return None
    return value


def _in_london(value: datetime) -> datetime:
    aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return aware.astimezone(LONDON)


def uk_date(value: When) -> str:
    """'3 October 2026'; a time is first put into London's day. Anything unreadable is shown as it was."""
    parsed = _parse(value)
    if parsed is None:
        return "" if value is None else str(value)
    if isinstance(parsed, datetime):
        parsed = _in_london(parsed).date()
    return format_date(parsed)


def london_time(value: When) -> str:
    """'3 October 2026 at 2:05pm' in London time (BST or GMT, as it was then)."""
    parsed = _parse(value)
    if not isinstance(parsed, datetime):
        return uk_date(value)
    local = _in_london(parsed)
    hour = local.hour % 12 or 12
    clock = f"{hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"
    if clock == "12:00pm":
        clock = "midday"
    elif clock == "12:00am":
        clock = "midnight"
    return f"{format_date(local.date())} at {clock}"


def audit_detail(detail: str, action: str, names: Optional[dict] = None) -> str:
    """An audit row's detail in words: a status change's codes as their names ("Received to Acknowledged"),
    an assignment's email as the officer's name where known."""
    from bot.drafts.workflow import STATUSES
    if action == "status changed" and " -> " in detail:
        return " to ".join(STATUSES.get(part, part) for part in detail.split(" -> "))
    if action == "assigned" and names:
        return names.get(detail, detail)
    return detail
