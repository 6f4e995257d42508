"""The audit log: how repeated sign-in failures become one row with a count,
and how managers read the whole log a page at a time with filters.

A flood of failed sign-ins must never push real events out of sight: failures
for the same email address, from the same network address, for the same
reason within an hour are one row (`count`, `last_at`), and the managers' page
reads every row, never only the last N.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Dict, List, Optional, Tuple

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.drafts.models import AuditEvent

GROUP_WITHIN = timedelta(hours=1)
SIGN_IN_FAILURES = ("sign-in failed", "sign-in refused", "sign-in limited")
PAGE_SIZE = 50


def seen_at():
    """When a row's event last happened: `last_at` for a grouped row, else `at`."""
    return func.coalesce(AuditEvent.last_at, AuditEvent.at)


def record_repeated(session: Session, by: str, action: str, detail: str, ip: str, now: datetime) -> None:
    """Add one to the row for the same failure within the hour, or start a new row."""
    recent = session.execute(
        select(AuditEvent.id).where(AuditEvent.by == by, AuditEvent.action == action, AuditEvent.detail == detail,
                                    AuditEvent.ip == ip, seen_at() >= now - GROUP_WITHIN)
        .order_by(AuditEvent.id.desc()).limit(1)).scalar_one_or_none()
    if recent is None:
        session.add(AuditEvent(at=now, by=by, action=action, detail=detail, ip=ip, count=1))
        return
    # one statement, so two failures at the same moment both count
    session.execute(update(AuditEvent).where(AuditEvent.id == recent)
                    .values(count=AuditEvent.count + 1, last_at=now))


@dataclass(frozen=True)
class AuditFilter:
    """What a manager narrowed the log to. Every part is optional."""
    who: str = ""             # part of the email address (or "command line", "assistant")
    action: str = ""          # one action exactly, as listed by `actions()`
    reference: str = ""       # an application reference
    address: str = ""         # a network address
    since: Optional[date] = None
    until: Optional[date] = None
    hide_sign_in_failures: bool = False

    def where(self, query):
        if self.who:
            query = query.where(AuditEvent.by.contains(self.who.strip().lower(), autoescape=True))
        if self.action:
            query = query.where(AuditEvent.action == self.action)
        if self.reference:
            query = query.where(AuditEvent.reference == self.reference.strip().upper())
        if self.address:
            query = query.where(AuditEvent.ip == self.address.strip())
        if self.since:
            query = query.where(seen_at() >= datetime.combine(self.since, datetime.min.time()))
        if self.until:
            query = query.where(AuditEvent.at < datetime.combine(self.until + timedelta(days=1),
                                                                 datetime.min.time()))
        if self.hide_sign_in_failures:
            query = query.where(AuditEvent.action.not_in(SIGN_IN_FAILURES))
        return query


def _row(e: AuditEvent) -> Dict[str, Any]:
    def iso(value):
        return value.replace(tzinfo=timezone.utc).isoformat() if value else None
    return {"at": iso(e.at), "last_at": iso(e.last_at), "count": e.count or 1, "by": e.by, "action": e.action,
            "reference": e.reference, "detail": e.detail, "ip": e.ip}


def page(session: Session, where: AuditFilter, number: int = 1,
         size: int = PAGE_SIZE) -> Tuple[List[Dict[str, Any]], int]:
    """One page of the log, newest first, and how many rows match in all."""
    number = max(1, number)
    total = session.execute(where.where(select(func.count(AuditEvent.id)))).scalar_one()
    rows = session.execute(where.where(select(AuditEvent)).order_by(AuditEvent.id.desc())
                           .offset((number - 1) * size).limit(size)).scalars()
    return [_row(e) for e in rows], total


def actions(session: Session) -> List[str]:
    return [a for (a,) in session.execute(select(AuditEvent.action).distinct().order_by(AuditEvent.action))]


def latest(session: Session, reference: Optional[str], limit: int) -> List[Dict[str, Any]]:
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if reference:
        query = query.where(AuditEvent.reference == reference)
    return [_row(e) for e in session.execute(query).scalars()]
