"""What the Community Safety Team does with drafts: the queue, status changes,
assignment, notes, the audit trail, retention. Part of the one package that
touches the drafts database.

The status history and the audit log are only ever added to: nothing here
updates or deletes a row of either (a purge deletes whole applications past
retention, and records that it did).
"""
from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Dict, List, Optional, Sequence, Tuple

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from bot.rules.clock import LONDON
from bot.drafts import audit as audit_log
from bot.drafts.models import AuditEvent, Draft, Note, StaffUser, StatusChange
from bot.drafts.repository import DraftStore, to_record, utcnow
from bot.rules.policy import Policy
from bot.drafts.workflow import FINISHED, STATUSES, check_transition, timescales

PAGE_SIZE = 25


class NotFound(LookupError):
    pass


def london_day(value: datetime) -> date:
    """A stored UTC time as the date in London."""
    return value.replace(tzinfo=timezone.utc).astimezone(LONDON).date()


@dataclass(frozen=True)
class QueueRow:
    reference: str
    received: date
    applicant: Optional[str]
    victim_type: Optional[str]
    route: Optional[str]
    eligible: bool
    outcome: str
    status: str
    assigned_to: Optional[str]
    response_due: date
    resolution_target: date
    response_overdue: bool
    resolution_overdue: bool
    vulnerable: bool


@dataclass(frozen=True)
class QueuePage:
    rows: Tuple[QueueRow, ...]
    total: int
    page: int
    pages: int


def _responded(draft: Draft) -> Optional[date]:
    for change in draft.history:
        if change.from_status == "received":
            return london_day(change.at)
    return None


def _vulnerable(value: Optional[str]) -> bool:
    return bool(value) and value.strip().lower() not in ("no", "none", "prefer not to say", "n/a")


def _row(draft: Draft, policy: Policy, today: date) -> QueueRow:
    received = london_day(draft.created_at)
    t = timescales(received, draft.status, policy, today, _responded(draft))
    return QueueRow(reference=draft.reference, received=received, applicant=draft.applicant_name,
                    victim_type=draft.victim_type, route=draft.route, eligible=draft.eligible,
                    outcome=draft.outcome, status=draft.status, assigned_to=draft.assigned_to,
                    response_due=t.response_due, resolution_target=t.resolution_target,
                    response_overdue=t.response_overdue, resolution_overdue=t.resolution_overdue,
                    vulnerable=_vulnerable(draft.vulnerability))


class Review:
    def __init__(self, store: DraftStore):
        self.store = store

    # -- the queue ----------------------------------------------------------------

    def _filtered(self, status: Optional[str], officer: Optional[str], search: Optional[str]):
        query = select(Draft).options(selectinload(Draft.history))
        if status:
            query = query.where(Draft.status == status)
        if officer == "unassigned":
            query = query.where(Draft.assigned_to.is_(None))
        elif officer:
            query = query.where(Draft.assigned_to == officer)
        if search and search.strip():
            like = f"%{search.strip()}%"
            squeezed = f"%{search.replace(' ', '')}%"
            query = query.where(or_(
                Draft.reference.ilike(like), Draft.applicant_name.ilike(like), Draft.victim_name.ilike(like),
                Draft.applicant_postcode.ilike(like), Draft.asb_location.ilike(like),
                func.replace(Draft.applicant_postcode, " ", "").ilike(squeezed),
                func.replace(Draft.asb_location, " ", "").ilike(squeezed)))
        return query.order_by(Draft.created_at.desc(), Draft.id.desc())

    def queue(self, policy: Policy, today: date, status: Optional[str] = None, officer: Optional[str] = None,
              search: Optional[str] = None, page: int = 1, per_page: int = PAGE_SIZE) -> QueuePage:
        query = self._filtered(status, officer, search)
        with self.store.session() as session:
            total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
            pages = max(1, -(-total // per_page))
            page = min(max(1, page), pages)
            drafts = session.execute(query.limit(per_page).offset((page - 1) * per_page)).scalars().all()
            return QueuePage(tuple(_row(d, policy, today) for d in drafts), total, page, pages)

    def queue_csv(self, policy: Policy, today: date, **filters: Any) -> str:
        with self.store.session() as session:
            drafts = session.execute(self._filtered(**filters)).scalars().all()
            rows = [_row(d, policy, today) for d in drafts]
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["reference", "received", "applicant", "victim type", "route", "assistant's decision",
                         "status", "assigned to", "response due", "resolution target", "response overdue",
                         "resolution overdue", "at risk"])
        for r in rows:
            writer.writerow([r.reference, r.received.isoformat(), _safe_cell(r.applicant), r.victim_type, r.route,
                             "eligible" if r.eligible else r.outcome, STATUSES.get(r.status, r.status),
                             _safe_cell(r.assigned_to), r.response_due.isoformat(),
                             r.resolution_target.isoformat(), "yes" if r.response_overdue else "no",
                             "yes" if r.resolution_overdue else "no", "yes" if r.vulnerable else "no"])
        return out.getvalue()

    # -- one draft ------------------------------------------------------------------

    def draft(self, reference: str) -> Dict[str, Any]:
        with self.store.session() as session:
            row = session.execute(select(Draft).options(selectinload(Draft.reports), selectinload(Draft.history))
                                  .where(Draft.reference == reference)).scalar_one_or_none()
            if row is None:
                raise NotFound(reference)
            record = to_record(row)
            record["notes"] = [{"at": n.at.replace(tzinfo=timezone.utc).isoformat(), "by": n.by, "text": n.text}
                               for n in session.execute(select(Note).where(Note.draft_id == row.id)
                                                        .order_by(Note.id)).scalars()]
            record["received"] = london_day(row.created_at)
            record["responded"] = _responded(row)
            record["vulnerable"] = _vulnerable(row.vulnerability)
            return record

    def _for_update(self, session, reference: str) -> Draft:
        # Row-locked on PostgreSQL, so two officers' changes queue instead of racing.
        row = session.execute(select(Draft).where(Draft.reference == reference).with_for_update()).scalar_one_or_none()
        if row is None:
            raise NotFound(reference)
        return row

    def change_status(self, reference: str, new: str, by: str, role: str, note: str) -> str:
        with self.store.session() as session:
            row = self._for_update(session, reference)
            check_transition(row.status, new, role, note)
            now = utcnow()
            session.add(StatusChange(draft_id=row.id, at=now, by=by, from_status=row.status, to_status=new,
                                     note=note.strip()[:5000]))
            session.add(AuditEvent(at=now, by=by, action="status changed", reference=reference,
                                   detail=f"{row.status} -> {new}"))
            old, row.status, row.updated_at = row.status, new, now
            return old

    def assign(self, reference: str, officer_email: Optional[str], by: str) -> None:
        with self.store.session() as session:
            row = self._for_update(session, reference)
            if officer_email:
                staff = session.execute(select(StaffUser).where(StaffUser.email == officer_email,
                                                                StaffUser.active.is_(True))).scalar_one_or_none()
                if staff is None:
                    raise NotFound(officer_email)
            row.assigned_to = officer_email or None
            row.updated_at = utcnow()
            session.add(AuditEvent(at=row.updated_at, by=by, action="assigned", reference=reference,
                                   detail=officer_email or "unassigned"))

    def add_note(self, reference: str, text: str, by: str) -> None:
        text = (text or "").strip()
        if not text:
            raise ValueError("Write the note first.")
        with self.store.session() as session:
            row = self._for_update(session, reference)
            now = utcnow()
            session.add(Note(draft_id=row.id, at=now, by=by, text=text[:5000]))
            session.add(AuditEvent(at=now, by=by, action="note added", reference=reference))

    # -- the audit log -----------------------------------------------------------------

    def record(self, by: str, action: str, reference: Optional[str] = None, detail: Optional[str] = None) -> None:
        with self.store.session() as session:
            session.add(AuditEvent(at=utcnow(), by=by, action=action, reference=reference, detail=detail))

    def audit(self, reference: Optional[str] = None, limit: int = 200) -> List[Dict[str, Any]]:
        """The newest events (for one application's page)."""
        with self.store.session() as session:
            return audit_log.latest(session, reference, limit)

    def audit_page(self, where: audit_log.AuditFilter, number: int = 1) -> Tuple[List[Dict[str, Any]], int]:
        """A page of the whole log, filtered, and how many rows match (the managers' page)."""
        with self.store.session() as session:
            return audit_log.page(session, where, number)

    def audit_actions(self) -> List[str]:
        with self.store.session() as session:
            return audit_log.actions(session)

    def staff_emails(self) -> List[Tuple[str, str]]:
        with self.store.session() as session:
            return [(s.email, s.name) for s in session.execute(
                select(StaffUser).where(StaffUser.active.is_(True)).order_by(StaffUser.name)).scalars()]

    # -- retention ------------------------------------------------------------------------

    def purge(self, older_than_days: int, by: str, now: Optional[datetime] = None) -> List[Tuple[str, Optional[str]]]:
        """Delete finished applications untouched for `older_than_days`, in one
        transaction. Returns (reference, sender id) of each one removed: the sender id names
        the chat conversation whose transcript may go too."""
        if older_than_days < 1:
            raise ValueError("older_than_days must be 1 or more")
        cutoff = (now or utcnow()) - timedelta(days=older_than_days)
        with self.store.session() as session:
            rows = session.execute(select(Draft).where(Draft.status.in_(sorted(FINISHED)),
                                                       Draft.updated_at < cutoff)).scalars().all()
            removed = [(r.reference, r.sender_id) for r in rows]
            for r in rows:
                session.delete(r)  # reports, history and notes go with it
            if removed:
                session.add(AuditEvent(at=utcnow(), by=by, action="purged",
                                       detail=f"{len(removed)} closed applications older than {older_than_days} days: "
                                              + ", ".join(ref for ref, _ in removed)))
            return removed

    def sender_ids(self) -> List[str]:
        """The chat conversations the stored applications came from (their transcripts are kept)."""
        with self.store.session() as session:
            return [s for (s,) in session.execute(select(Draft.sender_id).where(Draft.sender_id.isnot(None)))]

    # -- statistics (no personal data) ---------------------------------------------------------

    def statistics(self) -> Dict[str, Any]:
        with self.store.session() as session:
            drafts = session.execute(select(Draft).options(selectinload(Draft.history))).scalars().all()
            by_status: Dict[str, int] = {}
            to_ack: List[float] = []
            to_close: List[float] = []
            for d in drafts:
                by_status[d.status] = by_status.get(d.status, 0) + 1
                ack = next((h.at for h in d.history if h.from_status == "received"), None)
                closed = next((h.at for h in d.history if h.to_status == "closed"), None)
                if ack:
                    to_ack.append((ack - d.created_at).total_seconds() / 86400)
                if closed:
                    to_close.append((closed - d.created_at).total_seconds() / 86400)
            return {
                "applications": len(drafts),
                "by_status": by_status,
                "median_days_to_acknowledgement": round(statistics.median(to_ack), 1) if to_ack else None,
                "median_days_to_closure": round(statistics.median(to_close), 1) if to_close else None,
            }


def _safe_cell(value: Optional[str]) -> Optional[str]:
    """Spreadsheet formula injection: a cell starting = + - @ is shown as text."""
    if value and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
