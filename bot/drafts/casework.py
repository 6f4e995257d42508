"""What the Community Safety Team decides and does with an application, as records rather than notes: the
threshold decision, the review meeting, the recommendations (action plan), the outcome, the appeal. Each
step also moves the status on (bot.drafts.workflow) with a readable note, and is audited.

Seed: "If your application meets the criteria, all the appropriate ... Partnership organisations will meet
to discuss your complaint ... review how the partners have responded and make recommendations on how the
problem can be resolved." An appeal "will arrange a review of the decision by a Deputy Director (or
equivalent in a partner organisation). Their decision is final."
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Dict, List, Optional

from dateutil.parser import parse as parse_date
from sqlalchemy import select

from bot.drafts.models import (ActionItem, AppealRecord, AuditEvent, CaseOutcome, Draft, ReviewMeeting, StatusChange,
                               ThresholdDecision)
from bot.drafts.repository import DraftStore
from bot.drafts.review import NotFound, london_day
from bot.drafts.workflow import STATUSES, TransitionRefused, check_transition
from bot.rules.dates import format_date

# How a case can end. Written for the letter and the figures; a council can read them as it likes.
OUTCOMES = (
    "Problem resolved",
    "Action plan in place and being monitored",
    "Referred to another service",
    "No further action possible",
    "Withdrawn by the applicant",
)
ACTION_STATES = {"open": "Open", "done": "Done", "not done": "Not done"}
LONGEST_TEXT = 10000


class CaseworkRefused(ValueError):
    """A step that cannot be recorded, with what to do, and which field it is about."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


def _text(value: Optional[str], field: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise CaseworkRefused(f"Enter {what}.", field)
    return value[:LONGEST_TEXT]


def read_day(value: Any, field: str, what: str) -> date:
    """A date as officers type it: 3 October 2026, 3/10/2026 (UK order) or 2026-10-03. A year is needed."""
    if isinstance(value, date):
        return value
    text = (value or "").strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    if re.search(r"\b\d{4}\b", text):
        try:
            return parse_date(text, dayfirst=True).date()
        except (ValueError, OverflowError):
            pass
    raise CaseworkRefused(f"Enter {what} with the year, like 3 October 2026.", field)


@dataclass(frozen=True)
class Actor:
    email: str
    role: str


class Casework:
    def __init__(self, store: DraftStore):
        self.store = store

    # -- plumbing ------------------------------------------------------------------------------------------------

    def _draft(self, session, reference: str) -> Draft:
        # Row-locked on PostgreSQL, so two officers' steps queue instead of racing.
        row = session.execute(select(Draft).where(Draft.reference == reference).with_for_update()).scalar_one_or_none()
        if row is None:
            raise NotFound(reference)
        return row

    def _move(self, session, row: Draft, new: str, who: Actor, note: str, detail: Optional[str] = None) -> None:
        check_transition(row.status, new, who.role, note)
        now = self.store.now()
        session.add(StatusChange(draft_id=row.id, at=now, by=who.email, from_status=row.status, to_status=new,
                                 note=note[:5000]))
        session.add(AuditEvent(at=now, by=who.email, action="status changed", reference=row.reference,
                               detail=detail or f"{row.status} -> {new}"))
        row.status, row.updated_at = new, now

    def _audit(self, session, row: Draft, who: Actor, action: str, detail: Optional[str] = None) -> None:
        session.add(AuditEvent(at=self.store.now(), by=who.email, action=action, reference=row.reference,
                               detail=detail))
        row.updated_at = self.store.now()

    # -- the steps -------------------------------------------------------------------------------------------------

    def acknowledge(self, reference: str, who: Actor, note: str = "") -> None:
        with self.store.session() as session:
            row = self._draft(session, reference)
            self._move(session, row, "acknowledged", who, note.strip() or "Application acknowledged.")

    def decide_threshold(self, reference: str, who: Actor, met: Optional[bool], reason: str,
                         why_different: str = "") -> None:
        """Met or not, with the reason. If it differs from the assistant's decision, the officer must say why."""
        if met is None:
            raise CaseworkRefused("Select whether the threshold for a case review is met.", "threshold-met")
        reason = _text(reason, "threshold-reason", "the reason for the decision")
        with self.store.session() as session:
            row = self._draft(session, reference)
            why = (why_different or "").strip()
            if met != row.eligible and not why:
                assistant = "met" if row.eligible else "not met"
                raise CaseworkRefused(f"The assistant decided the threshold was {assistant}. Say why your decision "
                                      "is different.", "threshold-why")
            new = "threshold_met" if met else "threshold_not_met"
            self._move(session, row, new, who, reason + (f"\nDiffers from the assistant's decision: {why}" if
                                                         met != row.eligible else ""))
            session.add(ThresholdDecision(draft_id=row.id, at=self.store.now(), by=who.email, met=met, reason=reason,
                                          assistant_eligible=row.eligible,
                                          why_different=why[:LONGEST_TEXT] if met != row.eligible else None))

    def arrange_meeting(self, reference: str, who: Actor, meets_on: Any, partners: str, minutes: str = "") -> None:
        """The review meeting: its date and the partners attending; the minutes once it has met. Recording it
        again (a new date, the minutes) adds a row; the latest stands."""
        day = read_day(meets_on, "meeting-date", "the date of the meeting")
        names = [p.strip() for p in (partners or "").replace(",", "\n").splitlines() if p.strip()]
        if not names:
            raise CaseworkRefused("Enter the partners attending, one per line.", "meeting-partners")
        minutes = (minutes or "").strip()
        if minutes and day > london_day(self.store.now()):
            raise CaseworkRefused("The meeting has not happened yet: add the minutes once it has met.",
                                  "meeting-minutes")
        with self.store.session() as session:
            row = self._draft(session, reference)
            summary = f"Review meeting on {format_date(day)} with {', '.join(names)}."
            if row.status == "threshold_met":
                self._move(session, row, "review_meeting_arranged", who, summary)
            elif row.status == "review_meeting_arranged":
                self._audit(session, row, who, "meeting updated", summary + (" Minutes added." if minutes else ""))
            else:
                raise CaseworkRefused(f"A review meeting is arranged once the threshold is met; this application "
                                      f"is {STATUSES[row.status].lower()}.", "meeting-date")
            session.add(ReviewMeeting(draft_id=row.id, at=self.store.now(), by=who.email, meets_on=day,
                                      partners="\n".join(n[:200] for n in names), minutes=minutes[:LONGEST_TEXT] or None))

    def add_action(self, reference: str, who: Actor, text: str, partner: str, due: Any) -> None:
        text = _text(text, "action-text", "what is to be done")
        partner = _text(partner, "action-partner", "the partner responsible")[:200]
        day = read_day(due, "action-due", "the date it is due")
        with self.store.session() as session:
            row = self._draft(session, reference)
            if row.status not in ("review_meeting_arranged", "action_plan_agreed"):
                raise CaseworkRefused("Recommendations come from the review meeting: arrange it first.", "action-text")
            session.add(ActionItem(draft_id=row.id, at=self.store.now(), by=who.email, text=text, partner=partner,
                                   due=day, state="open"))
            self._audit(session, row, who, "recommendation added", f"{partner}, due {format_date(day)}")

    def set_action_state(self, reference: str, who: Actor, item_id: int, state: str) -> None:
        if state not in ACTION_STATES:
            raise CaseworkRefused("Choose open, done or not done.", f"action-{item_id}")
        with self.store.session() as session:
            row = self._draft(session, reference)
            item = session.get(ActionItem, item_id)
            if item is None or item.draft_id != row.id:
                raise NotFound(f"{reference} item {item_id}")
            item.state, item.updated_at, item.updated_by = state, self.store.now(), who.email
            self._audit(session, row, who, "recommendation updated", f"{item.partner}: {ACTION_STATES[state]}")

    def agree_plan(self, reference: str, who: Actor, note: str = "") -> None:
        with self.store.session() as session:
            row = self._draft(session, reference)
            items = session.execute(select(ActionItem).where(ActionItem.draft_id == row.id)).scalars().all()
            if not items:
                raise CaseworkRefused("Add at least one recommendation before agreeing the action plan.",
                                      "action-text")
            self._move(session, row, "action_plan_agreed", who,
                       note.strip() or f"Action plan agreed: {len(items)} recommendation{'s' if len(items) > 1 else ''}.")

    def close(self, reference: str, who: Actor, outcome: str, summary: str) -> None:
        if outcome not in OUTCOMES:
            raise CaseworkRefused("Select the outcome.", "outcome")
        summary = _text(summary, "outcome-summary", "a summary of the outcome")
        with self.store.session() as session:
            row = self._draft(session, reference)
            self._move(session, row, "closed", who, f"{outcome}. {summary}")
            session.add(CaseOutcome(draft_id=row.id, at=self.store.now(), by=who.email, outcome=outcome,
                                    summary=summary))

    def receive_appeal(self, reference: str, who: Actor, received_on: Any, reviewer: str) -> None:
        day = read_day(received_on, "appeal-received", "the day the appeal arrived")
        if day > london_day(self.store.now()):
            raise CaseworkRefused("The day the appeal arrived cannot be in the future.", "appeal-received")
        reviewer = _text(reviewer, "appeal-reviewer", "who will review the appeal")[:200]
        with self.store.session() as session:
            row = self._draft(session, reference)
            self._move(session, row, "appeal_received", who, f"Appeal received on {format_date(day)}; "
                                                            f"reviewed by {reviewer}.")
            session.add(AppealRecord(draft_id=row.id, at=self.store.now(), by=who.email, received_on=day,
                                     reviewer=reviewer))

    def decide_appeal(self, reference: str, who: Actor, upheld: Optional[bool], reason: str) -> None:
        """A manager records the reviewer's decision, which is final."""
        if who.role != "manager":
            raise TransitionRefused("Only a manager can decide an appeal.")
        if upheld is None:
            raise CaseworkRefused("Select whether the appeal is upheld.", "appeal-upheld")
        reason = _text(reason, "appeal-reason", "the reason for the decision")
        with self.store.session() as session:
            row = self._draft(session, reference)
            appeal = session.execute(select(AppealRecord).where(AppealRecord.draft_id == row.id,
                                                                AppealRecord.decided_on.is_(None))
                                     .order_by(AppealRecord.id.desc())).scalars().first()
            if appeal is None:
                raise CaseworkRefused("There is no appeal waiting for a decision.", "appeal-upheld")
            self._move(session, row, "appeal_decided", who,
                       f"Appeal {'upheld' if upheld else 'not upheld'}. {reason}")
            appeal.decided_on, appeal.upheld, appeal.reason = london_day(self.store.now()), upheld, reason
            appeal.decided_by, appeal.decided_at = who.email, self.store.now()

    # -- reading -------------------------------------------------------------------------------------------------

    def record(self, reference: str) -> Dict[str, Any]:
        """Everything recorded for the case, newest decision first where there are several."""
        with self.store.session() as session:
            row = session.execute(select(Draft).where(Draft.reference == reference)).scalar_one_or_none()
            if row is None:
                raise NotFound(reference)

            def rows(model) -> List[Any]:
                return session.execute(select(model).where(model.draft_id == row.id).order_by(model.id)).scalars().all()

            decisions = rows(ThresholdDecision)
            meetings = rows(ReviewMeeting)
            outcomes = rows(CaseOutcome)
            appeals = rows(AppealRecord)
            return {
                "threshold": _plain(decisions[-1]) if decisions else None,
                "meeting": dict(_plain(meetings[-1]), partners=meetings[-1].partners.splitlines()) if meetings else None,
                "actions": [dict(_plain(a), state_label=ACTION_STATES.get(a.state, a.state)) for a in rows(ActionItem)],
                "outcome": _plain(outcomes[-1]) if outcomes else None,
                "appeal": _plain(appeals[-1]) if appeals else None,
            }


def _plain(row: Any) -> Dict[str, Any]:
    return {c.name: getattr(row, c.name) for c in row.__table__.columns}

