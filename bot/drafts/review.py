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
from bot.drafts.repository import DraftStore, to_record
from bot.rules.policy import Policy
from bot.drafts.workflow import FINISHED, STATUSES, Timescales, check_transition, timescales
from bot.rules.dates import format_date as long_date

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
    assigned_to: Optional[str]          # the officer's email: used to filter, never shown
    officer: Optional[str]              # the officer's name, as shown
    t: Timescales
    vulnerable: bool

    @property
    def overdue(self) -> bool:
        return self.t.response_overdue or self.t.resolution_overdue

    @property
    def decision(self) -> str:
        return "Eligible" if self.eligible else (self.outcome or "").replace("_", " ").capitalize()

    @property
    def route_label(self) -> str:
        return "5 people" if self.route == "five_individuals" else "3 reports"

    @property
    def affected(self) -> str:
        return (self.victim_type or "").replace("_", " ").capitalize()


@dataclass(frozen=True)
class QueuePage:
    rows: Tuple[QueueRow, ...]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class QueueFilter:
    """What an officer narrowed the queue to. `me` is the signed-in officer's email (for "My cases")."""
    status: Optional[str] = None
    officer: Optional[str] = None
    search: Optional[str] = None
    mine: bool = False
    at_risk: bool = False
    overdue: bool = False
    due_this_week: bool = False
    me: Optional[str] = None


# The queue's columns an officer can sort by, each with its key. "urgency" (the default): the nearest
# deadline still running first, overdue before due; finished cases after, newest first.
SORTS = {
    "urgency": lambda r: (0, r.t.next_due.toordinal(), r.received.toordinal()) if r.t.next_due
    else (1, -r.received.toordinal(), 0),
    "reference": lambda r: r.reference,
    "received": lambda r: r.received,
    "applicant": lambda r: (r.applicant or "").lower(),
    "affected": lambda r: r.affected,
    "route": lambda r: r.route_label,
    "decision": lambda r: r.decision,
    "status": lambda r: list(STATUSES).index(r.status) if r.status in STATUSES else 99,
    "officer": lambda r: (r.officer is None, (r.officer or "").lower()),
    "response": lambda r: (r.t.response.working_days_left is None, r.t.response.due),
    "resolution": lambda r: (r.t.resolution.working_days_left is None, r.t.resolution.due),
}


def responded_on(draft: Draft) -> Optional[date]:
    for change in draft.history:
        if change.from_status == "received":
            return london_day(change.at)
    return None


def first_reached(draft: Draft, status: str) -> Optional[date]:
    for change in sorted(draft.history, key=lambda h: (h.at, h.id)):
        if change.to_status == status:
            return london_day(change.at)
    return None


def draft_timescales(draft: Draft, policy: Policy, today: date) -> Timescales:
    """Both targets for a stored application, from its status history."""
    reached = {h.to_status for h in draft.history}
    return timescales(london_day(draft.created_at), policy, today, responded_on(draft),
                      first_reached(draft, "closed"), threshold_not_met="threshold_not_met" in reached and "threshold_met" not in reached)


def record_timescales(record: Dict[str, Any], policy: Policy, today: date) -> Timescales:
    """The same for an application as Review.draft gives it."""
    return timescales(record["received"], policy, today, record["responded"], record["closed"],
                      record["threshold_not_met"])


def _vulnerable(value: Optional[str]) -> bool:
    return bool(value) and value.strip().lower() not in ("no", "none", "prefer not to say", "n/a")


def _row(draft: Draft, policy: Policy, today: date, names: Dict[str, str]) -> QueueRow:
    officer = names.get(draft.assigned_to, "an officer whose account was removed") if draft.assigned_to else None
    return QueueRow(reference=draft.reference, received=london_day(draft.created_at), applicant=draft.applicant_name,
                    victim_type=draft.victim_type, route=draft.route, eligible=draft.eligible,
                    outcome=draft.outcome, status=draft.status, assigned_to=draft.assigned_to, officer=officer,
                    t=draft_timescales(draft, policy, today), vulnerable=_vulnerable(draft.vulnerability))


def _end_of_week(today: date) -> date:
    return today + timedelta(days=6 - today.weekday())


def _wanted(row: QueueRow, where: QueueFilter, today: date) -> bool:
    if where.at_risk and not row.vulnerable:
        return False
    if where.overdue and not row.overdue:
        return False
    if where.due_this_week and not (row.t.next_due and today <= row.t.next_due <= _end_of_week(today)):
        return False
    return True


class Review:
    def __init__(self, store: DraftStore):
        self.store = store

    # -- the queue ----------------------------------------------------------------

    def _filtered(self, where: QueueFilter):
        query = select(Draft).options(selectinload(Draft.history))
        if where.status:
            query = query.where(Draft.status == where.status)
        if where.mine:
            query = query.where(Draft.assigned_to == (where.me or ""))
        if where.officer == "unassigned":
            query = query.where(Draft.assigned_to.is_(None))
        elif where.officer:
            query = query.where(Draft.assigned_to == where.officer)
        search = where.search
        if search and search.strip():
            like = f"%{search.strip()}%"
            squeezed = f"%{search.replace(' ', '')}%"
            query = query.where(or_(
                Draft.reference.ilike(like), Draft.applicant_name.ilike(like), Draft.victim_name.ilike(like),
                Draft.applicant_postcode.ilike(like), Draft.asb_location.ilike(like),
                func.replace(Draft.applicant_postcode, " ", "").ilike(squeezed),
                func.replace(Draft.asb_location, " ", "").ilike(squeezed)))
        return query.order_by(Draft.created_at.desc(), Draft.id.desc())

    def rows(self, policy: Policy, today: date, where: QueueFilter = QueueFilter(), sort: str = "urgency",
             descending: bool = False) -> List[QueueRow]:
        """Every application the filter lets through, in the order asked for. Council volumes are hundreds
        a year, so the deadlines are worked out here rather than in SQL."""
        names = self.staff_names()
        with self.store.session() as session:
            drafts = session.execute(self._filtered(where)).scalars().all()
            rows = [r for r in (_row(d, policy, today, names) for d in drafts) if _wanted(r, where, today)]
        rows.sort(key=SORTS.get(sort, SORTS["urgency"]), reverse=descending)
        return rows

    def queue(self, policy: Policy, today: date, where: QueueFilter = QueueFilter(), sort: str = "urgency",
              descending: bool = False, page: int = 1, per_page: int = PAGE_SIZE) -> QueuePage:
        rows = self.rows(policy, today, where, sort, descending)
        pages = max(1, -(-len(rows) // per_page))
        page = min(max(1, page), pages)
        return QueuePage(tuple(rows[(page - 1) * per_page:page * per_page]), len(rows), page, pages)

    def queue_csv(self, policy: Policy, today: date, where: QueueFilter = QueueFilter(), sort: str = "urgency",
                  descending: bool = False) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["Reference", "Received", "Applicant", "Affected", "Route", "Assistant's decision",
                         "Status", "Officer", "Response due", "Response", "Resolution target", "Resolution",
                         "At risk"])
        for r in self.rows(policy, today, where, sort, descending):
            writer.writerow([r.reference, long_date(r.received), _safe_cell(r.applicant), r.affected, r.route_label,
                             r.decision, STATUSES.get(r.status, r.status), _safe_cell(r.officer or "Not assigned"),
                             long_date(r.t.response_due), r.t.response.label, long_date(r.t.resolution_target),
                             r.t.resolution.label, "Yes" if r.vulnerable else "No"])
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
            record["responded"] = responded_on(row)
            record["closed"] = first_reached(row, "closed")
            reached = {h.to_status for h in row.history}
            record["threshold_not_met"] = "threshold_not_met" in reached and "threshold_met" not in reached
            record["officer"] = (self.staff_names().get(row.assigned_to, "an officer whose account was removed")
                                 if row.assigned_to else None)
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
            now = self.store.now()
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
            row.updated_at = self.store.now()
            session.add(AuditEvent(at=row.updated_at, by=by, action="assigned", reference=reference,
                                   detail=officer_email or "unassigned"))

    def add_note(self, reference: str, text: str, by: str) -> None:
        text = (text or "").strip()
        if not text:
            raise ValueError("Write the note first.")
        with self.store.session() as session:
            row = self._for_update(session, reference)
            now = self.store.now()
            session.add(Note(draft_id=row.id, at=now, by=by, text=text[:5000]))
            session.add(AuditEvent(at=now, by=by, action="note added", reference=reference))

    # -- the audit log -----------------------------------------------------------------

    def record(self, by: str, action: str, reference: Optional[str] = None, detail: Optional[str] = None) -> None:
        with self.store.session() as session:
            session.add(AuditEvent(at=self.store.now(), by=by, action=action, reference=reference, detail=detail))

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
        """(email, name) of every officer who can be given a case: active accounts only."""
        with self.store.session() as session:
            return [(s.email, s.name) for s in session.execute(
                select(StaffUser).where(StaffUser.active.is_(True)).order_by(StaffUser.name)).scalars()]

    def staff_names(self) -> Dict[str, str]:
        """Every account's email to the name shown for it; a disabled account's name says so."""
        with self.store.session() as session:
            return {s.email: s.name if s.active else f"{s.name} (account disabled)"
                    for s in session.execute(select(StaffUser)).scalars()}

    # -- retention ------------------------------------------------------------------------

    def purge(self, older_than_days: int, by: str, now: Optional[datetime] = None) -> List[Tuple[str, Optional[str]]]:
        """Delete finished applications untouched for `older_than_days`, in one
        transaction. Returns (reference, sender id) of each one removed: the sender id names
        the chat conversation whose transcript may go too."""
        if older_than_days < 1:
            raise ValueError("older_than_days must be 1 or more")
        cutoff = (now or self.store.now()) - timedelta(days=older_than_days)
        with self.store.session() as session:
            rows = session.execute(select(Draft).where(Draft.status.in_(sorted(FINISHED)),
                                                       Draft.updated_at < cutoff)).scalars().all()
            removed = [(r.reference, r.sender_id) for r in rows]
            for r in rows:
                session.delete(r)  # reports, history and notes go with it
            if removed:
                session.add(AuditEvent(at=self.store.now(), by=by, action="purged",
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
