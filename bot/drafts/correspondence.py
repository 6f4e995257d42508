"""Letters to the applicant, filled from the case and stored as sent, and the contact log (calls, letters,
emails and visits). The words come from bot/rules/letters.py or the council's own in its policy."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Dict, List, Optional

from sqlalchemy import select

from bot.drafts.casework import CaseworkRefused, read_day
from bot.drafts.models import AuditEvent, ContactEntry, Draft, Letter
from bot.drafts.repository import DraftStore
from bot.drafts.review import NotFound, london_day
from bot.rules import letters
from bot.rules.dates import format_date
from bot.rules.policy import Policy

CONTACT_KINDS = {"call": "Phone call", "letter": "Letter", "email": "Email", "visit": "Visit"}


def available(case: Dict[str, Any]) -> List[str]:
    """The letters that make sense at this point of the case, in the order they are sent."""
    kinds = ["acknowledgement"]
    if case.get("threshold"):
        kinds.append("threshold_met" if case["threshold"]["met"] else "threshold_not_met")
    if case.get("outcome"):
        kinds.append("outcome")
    if case.get("appeal") and case["appeal"].get("decided_on"):
        kinds.append("appeal_decision")
    return kinds


def values(record: Dict[str, Any], case: Dict[str, Any], policy: Policy, today: date, officer: str) -> Dict[str, str]:
    """What a letter can say about this case, in words."""
    team = policy.contacts.get("community_safety_team")
    threshold, meeting, outcome, appeal = (case.get(k) for k in ("threshold", "meeting", "outcome", "appeal"))
    return {
        "applicant_name": (record.get("applicant") or {}).get("name") or "",
        "reference": record["reference"],
        "received": format_date(record["received"]),
        "today": format_date(today),
        "council": policy.council.name,
        "partnership": policy.council.partnership,
        "scheme_name": policy.council.scheme_name,
        "team": policy.council.team,
        "team_phone": getattr(team, "phone", "") or "",
        "team_email": getattr(team, "email", "") or "",
        "response_text": policy.timescales.response_text,
        "resolution_working_days": str(policy.timescales.resolution_working_days),
        "reason": threshold["reason"] if threshold else "",
        "meeting_date": format_date(meeting["meets_on"]) if meeting else "",
        "outcome": outcome["outcome"].lower() if outcome else "",
        "summary": outcome["summary"] if outcome else "",
        "appeal_how": policy.appeal.how,
        "appeal_reviewer": (appeal or {}).get("reviewer") or policy.appeal.reviewer,
        "appeal_decision": ("upheld" if appeal["upheld"] else "not upheld")
        if appeal and appeal.get("decided_on") else "",
        "appeal_reason": (appeal or {}).get("reason") or "",
        "officer": officer,
    }


def compose(kind: str, record: Dict[str, Any], case: Dict[str, Any], policy: Policy, today: date,
            officer: str) -> str:
    if kind not in letters.KINDS:
        raise CaseworkRefused("Choose which letter to write.", "letter-kind")
    template = letters.templates(policy.letters)[kind]
    return letters.fill(template, values(record, case, policy, today, officer))


@dataclass(frozen=True)
class Recipient:
    """Where a letter can go, and what the applicant asked for."""
    email: Optional[str]
    address: Optional[str]
    preferred: Optional[str]
    notes: Optional[str]


def recipient(record: Dict[str, Any]) -> Recipient:
    applicant = record.get("applicant") or {}
    address = ", ".join(p for p in (applicant.get("address"), applicant.get("postcode")) if p) or None
    return Recipient(applicant.get("email"), address, applicant.get("preferred_contact"), applicant.get("contact_notes"))


class Correspondence:
    def __init__(self, store: DraftStore):
        self.store = store

    def _draft(self, session, reference: str) -> Draft:
        row = session.execute(select(Draft).where(Draft.reference == reference)).scalar_one_or_none()
        if row is None:
            raise NotFound(reference)
        return row

    def record_letter(self, reference: str, by: str, kind: str, body: str, channel: str,
                      sent_to: Optional[str]) -> int:
        """The letter as sent, and a contact log entry for it."""
        if kind not in letters.KINDS:
            raise CaseworkRefused("Choose which letter to write.", "letter-kind")
        body = (body or "").strip()
        if not body:
            raise CaseworkRefused("The letter is empty.", "letter-body")
        if channel not in ("post", "email"):
            raise CaseworkRefused("Choose how the letter is sent.", "letter-body")
        with self.store.session() as session:
            row = self._draft(session, reference)
            now = self.store.now()
            letter = Letter(draft_id=row.id, at=now, by=by, kind=kind, channel=channel, sent_to=sent_to,
                            body=body[:20000])
            session.add(letter)
            session.add(ContactEntry(draft_id=row.id, at=now, by=by, happened_on=london_day(now),
                                     kind="email" if channel == "email" else "letter",
                                     summary=f"{letters.KINDS[kind]} letter sent by {channel}"))
            session.add(AuditEvent(at=now, by=by, action="letter sent", reference=reference,
                                   detail=f"{letters.KINDS[kind]} by {channel}"))
            session.flush()
            return letter.id

    def add_contact(self, reference: str, by: str, happened_on: Any, kind: str, summary: str) -> None:
        if kind not in CONTACT_KINDS:
            raise CaseworkRefused("Choose a call, letter, email or visit.", "contact-kind")
        day = read_day(happened_on, "contact-date", "the day it happened")
        if day > london_day(self.store.now()):
            raise CaseworkRefused("The day it happened cannot be in the future.", "contact-date")
        summary = (summary or "").strip()
        if not summary:
            raise CaseworkRefused("Enter a summary of the contact.", "contact-summary")
        with self.store.session() as session:
            row = self._draft(session, reference)
            now = self.store.now()
            session.add(ContactEntry(draft_id=row.id, at=now, by=by, happened_on=day, kind=kind,
                                     summary=summary[:5000]))
            session.add(AuditEvent(at=now, by=by, action="contact logged", reference=reference,
                                   detail=CONTACT_KINDS[kind]))

    def letters_sent(self, reference: str) -> List[Dict[str, Any]]:
        with self.store.session() as session:
            row = self._draft(session, reference)
            return [{"id": l.id, "at": l.at, "by": l.by, "kind": l.kind, "label": letters.KINDS.get(l.kind, l.kind),
                     "channel": l.channel, "sent_to": l.sent_to, "body": l.body}
                    for l in session.execute(select(Letter).where(Letter.draft_id == row.id)
                                             .order_by(Letter.id)).scalars()]

    def contacts(self, reference: str) -> List[Dict[str, Any]]:
        with self.store.session() as session:
            row = self._draft(session, reference)
            return [{"happened_on": c.happened_on, "kind": CONTACT_KINDS.get(c.kind, c.kind), "summary": c.summary,
                     "by": c.by} for c in session.execute(select(ContactEntry).where(ContactEntry.draft_id == row.id)
                                                          .order_by(ContactEntry.happened_on, ContactEntry.id))
                    .scalars()]
