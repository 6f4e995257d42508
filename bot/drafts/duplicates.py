"""Applications that may be the same case: the same applicant, phone, email or address, or the same person
affected, received within the policy's window of each other. A resident who is frightened or confused
may apply again and again (one test database held 46 drafts under one name); the officer decides, with a
reason, whether they are the same case (link, or merge the later into the earlier) or not.

A merge never deletes: the merged application is closed, saying which case it was merged into.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Dict, List, Optional, Set, Tuple

from dateutil.relativedelta import relativedelta
from sqlalchemy import or_, select

from bot.drafts.models import AuditEvent, CaseLink, CaseOutcome, Draft, StatusChange
from bot.drafts.repository import DraftStore
from bot.drafts.review import NotFound, london_day
from bot.rules.policy import Policy

KINDS = {"linked": "Linked", "merged": "Merged", "distinct": "Not the same case"}
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.I)


def _name(value: Optional[str]) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", value or "").lower().split())


def _phone(value: Optional[str]) -> str:
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits if len(digits) >= 10 else ""


def _postcode(*texts: Optional[str]) -> Set[str]:
    return {"".join(m.groups()).upper() for text in texts for m in _POSTCODE.finditer(text or "")}


def keys(draft: Draft) -> Dict[str, Set[str]]:
    """What two applications from the same person or about the same person would share."""
    found = {
        "the same applicant": {_name(draft.applicant_name)} - {""},
        "the same phone number": {_phone(draft.applicant_phone)} - {""},
        "the same email address": {(draft.applicant_email or "").strip().lower()} - {""},
        "the same address": _postcode(draft.applicant_postcode, draft.applicant_address),
        "the same person affected": {_name(draft.victim_name)} - {""},
    }
    # someone applying for themselves is also the person affected: one key, not two reasons
    if found["the same person affected"] == found["the same applicant"]:
        found["the same person affected"] = set()
    return found


@dataclass(frozen=True)
class Match:
    reference: str
    received: date
    applicant: Optional[str]
    status: str
    why: Tuple[str, ...]


def _matches(draft: Draft, others: List[Draft], months: int) -> List[Match]:
    mine = keys(draft)
    received = london_day(draft.created_at)
    found = []
    for other in others:
        if other.id == draft.id:
            continue
        theirs_received = london_day(other.created_at)
        first, last = sorted((received, theirs_received))
        if last - relativedelta(months=months) > first:
            continue
        theirs = keys(other)
        why = tuple(reason for reason, values in mine.items() if values & theirs[reason])
        if why:
            found.append(Match(other.reference, theirs_received, other.applicant_name, other.status, why))
    return sorted(found, key=lambda m: (m.received, m.reference))


class Duplicates:
    def __init__(self, store: DraftStore):
        self.store = store

    def _decided(self, session, draft_id: int) -> Dict[int, str]:
        """The other applications this one has been linked with, merged with, or told apart from."""
        rows = session.execute(select(CaseLink).where(or_(CaseLink.draft_id == draft_id,
                                                          CaseLink.other_id == draft_id))).scalars().all()
        return {(r.other_id if r.draft_id == draft_id else r.draft_id): r.kind for r in rows}

    def possible(self, reference: str, policy: Policy) -> Tuple[List[Match], List[Tuple[Match, str]]]:
        """(applications that may be the same case and are not decided yet, those already decided with how)."""
        with self.store.session() as session:
            draft = session.execute(select(Draft).where(Draft.reference == reference)).scalar_one_or_none()
            if draft is None:
                raise NotFound(reference)
            others = session.execute(select(Draft).where(Draft.id != draft.id)).scalars().all()
            decided = self._decided(session, draft.id)
            merged_away = self._merged_away(session)
            by_reference = {o.reference: o.id for o in others}
            linked = [(Match(o.reference, london_day(o.created_at), o.applicant_name, o.status, ()), decided[o.id])
                      for o in others if o.id in decided]
            if draft.id in merged_away:
                return [], linked   # settled: it is part of the case it was merged into
            matches = _matches(draft, [o for o in others if o.id not in merged_away], policy.window_months)
            return [m for m in matches if by_reference[m.reference] not in decided], linked

    @staticmethod
    def _merged_away(session) -> Set[int]:
        return set(session.execute(select(CaseLink.other_id).where(CaseLink.kind == "merged")).scalars())

    def flagged(self, policy: Policy) -> Set[str]:
        """References with a possible same case not yet decided (for the queue)."""
        with self.store.session() as session:
            merged_away = self._merged_away(session)
            drafts = [d for d in session.execute(select(Draft)).scalars().all() if d.id not in merged_away]
            decided = {(r.draft_id, r.other_id) for r in session.execute(select(CaseLink)).scalars()}
        flagged: Set[str] = set()
        by_key: Dict[Tuple[str, str], List[Draft]] = {}
        for d in drafts:
            for reason, values in keys(d).items():
                for value in values:
                    by_key.setdefault((reason, value), []).append(d)
        for group in by_key.values():
            if len(group) < 2:
                continue
            for d in group:
                if d.reference in flagged:
                    continue
                for m in _matches(d, [o for o in group if o.id != d.id], policy.window_months):
                    other = next(o for o in group if o.reference == m.reference)
                    if (d.id, other.id) not in decided and (other.id, d.id) not in decided:
                        flagged.add(d.reference)
                        break
        return flagged

    def decide(self, reference: str, other_reference: str, kind: str, reason: str, by: str) -> None:
        """Link the two, merge `other_reference` into `reference` (closing it), or record that they differ."""
        if kind not in KINDS:
            raise ValueError("Choose link, merge or not the same case.")
        reason = (reason or "").strip()
        if not reason:
            raise ValueError("Say why, for whoever reads the case next.")
        with self.store.session() as session:
            rows = {d.reference: d for d in session.execute(
                select(Draft).where(Draft.reference.in_([reference, other_reference])).with_for_update()).scalars()}
            if reference not in rows or other_reference not in rows or reference == other_reference:
                raise NotFound(other_reference)
            this, other = rows[reference], rows[other_reference]
            now = self.store.now()
            session.add(CaseLink(draft_id=this.id, other_id=other.id, kind=kind, reason=reason[:5000], by=by, at=now))
            session.add(AuditEvent(at=now, by=by, action=f"case {kind}", reference=reference,
                                   detail=f"{other_reference}: {reason[:500]}"))
            if kind == "merged" and other.status not in ("closed", "appeal_decided"):
                note = f"Merged into {reference}: {reason}"
                session.add(StatusChange(draft_id=other.id, at=now, by=by, from_status=other.status,
                                         to_status="closed", note=note[:5000]))
                session.add(CaseOutcome(draft_id=other.id, at=now, by=by, outcome="Merged with another application",
                                        summary=note[:5000]))
                other.status, other.updated_at = "closed", now
            this.updated_at = now
