"""Saving and reading draft applications. The only code that touches the drafts database.

- Saving is idempotent per conversation: the same conversation saved twice
  (a double click, a retried request, a second Rasa instance) returns the first
  draft's reference and writes nothing.
- Every write is one transaction: a failure leaves nothing half-written, and
  a reference number is only used up when its draft is stored.
- Whoever sends a draft, it holds only what the conversation itself would take:
  names, email addresses, phone numbers and postcodes pass the same rules
  (bot/rules/applicant_details.py), and no text has control or direction characters.
- The URL comes from `TRIGGER_DRAFTS_DB_URL` (SQLite under `var/` by default);
  the schema is kept current by Alembic migrations (`migrate`).
"""
from __future__ import annotations

import fcntl
import json
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from bot.ops import config
from bot.drafts.models import Draft, DraftReport, ReferenceCounter, StatusChange
from bot.rules.applicant_details import (email_problem, name_problem, normalise_phone, postcode_problem,
                                         text_problem)
from bot.rules.eligibility import Decision

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
INITIAL_STATUS = "received"
VICTIM_TYPES = ("individual", "business", "community_group")
CONTACT_METHODS = ("phone", "email", "post", "text")


class DraftError(ValueError):
    """A draft that cannot be saved as given (says which part is wrong)."""


class StoreUnavailable(RuntimeError):
    """The database could not be reached or written; nothing was saved."""


@dataclass(frozen=True)
class SaveResult:
    reference: str
    created: bool  # False when this conversation had already been saved


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _iso_utc(value: Optional[datetime]) -> Optional[str]:
    return value.replace(tzinfo=timezone.utc).isoformat() if value else None


def alembic_config(connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


@contextmanager
def _migration_lock() -> Iterator[None]:
    # Several local processes (action server, web app) may start together;
    # only one should run migrations. Multi-machine deployments run
    # `python -m bot drafts migrate` as a deploy step.
    path = config.data_dir() / ".migrate.lock"
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # Wait at most 5 s for another writer: a resident should not stare at a
        # spinner; they are told to try again instead, and nothing is lost.
        engine = create_engine(url, future=True, connect_args={"timeout": 5})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
            cursor.close()

        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


def migrate(engine: Engine) -> str:
    """Bring the schema to the newest migration; returns the revision."""
    head = ScriptDirectory.from_config(alembic_config(None)).get_current_head()
    with _migration_lock():
        with engine.begin() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            if current != head:
                command.upgrade(alembic_config(connection), "head")
    return head


class DraftStore:
    def __init__(self, url: Optional[str] = None, *, auto_migrate: bool = True,
                 now: Callable[[], datetime] = utcnow):
        self.url = url or config.drafts_db_url()
        if self.url.startswith("sqlite:///"):
            Path(self.url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, future=True, expire_on_commit=False)
        self._now = now
        self._migrated = False
        self._auto_migrate = auto_migrate

    # -- plumbing ---------------------------------------------------------------

    def now(self) -> datetime:
        """The store's clock (UTC, naive): every time it and the review record comes from here."""
        return self._now()

    def migrate(self) -> str:
        revision = migrate(self.engine)
        self._migrated = True
        return revision

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed at the end, rolled back on any error."""
        if self._auto_migrate and not self._migrated:
            try:
                self.migrate()
            except OperationalError as exc:
                raise StoreUnavailable(f"the drafts database cannot be reached: {exc.orig}") from None
        session = self._sessions()
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            raise StoreUnavailable(f"the drafts database cannot be written: {exc.orig}") from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    # -- saving -----------------------------------------------------------------

    def save(self, record: Dict[str, Any], decision: Decision) -> SaveResult:
        """Store a draft application (see `export` for the shape of `record`)."""
        conversation_id = _required_text(record, "conversation_id")
        sender_id = _text(record, "sender_id", "application", 200)
        fields = _draft_fields(record)
        existing = self.reference_for_conversation(conversation_id)
        if existing:
            return SaveResult(existing, created=False)
        if not sender_id:
            # Never worked out from conversation_id: a sender id may itself contain ':'.
            raise DraftError("sender_id is required: the chat conversation the draft came from")
        try:
            with self.session() as session:
                now = self._now()
                reference = self._next_reference(session, now.year)
                draft = Draft(
                    reference=reference, conversation_id=conversation_id, sender_id=sender_id,
                    created_at=now, updated_at=now,
                    status=INITIAL_STATUS, eligible=decision.eligible, outcome=decision.outcome,
                    decision_json=json.dumps(decision.to_dict(), sort_keys=True), decided_on=decision.today,
                    policy_id=decision.policy["id"], policy_version=decision.policy["version"],
                    route=decision.route, **fields)
                draft.reports = _report_rows(record.get("reports") or [], decision)
                draft.history = [StatusChange(at=now, by="assistant", from_status=None, to_status=INITIAL_STATUS,
                                              note="Written by the assistant at the end of the conversation.")]
                session.add(draft)
                session.flush()
            return SaveResult(reference, created=True)
        except IntegrityError:
            # Another process saved the same conversation a moment earlier.
            existing = self.reference_for_conversation(conversation_id)
            if existing:
                return SaveResult(existing, created=False)
            raise

    @staticmethod
    def _next_reference(session: Session, year: int) -> str:
        # An atomic increment: concurrent savers queue on the row lock (the
        # database's write lock on SQLite), so no two drafts share a number.
        result = session.execute(update(ReferenceCounter).where(ReferenceCounter.year == year)
                                 .values(last_number=ReferenceCounter.last_number + 1))
        if result.rowcount == 0:
            session.add(ReferenceCounter(year=year, last_number=1))
            session.flush()
        number = session.execute(select(ReferenceCounter.last_number)
                                 .where(ReferenceCounter.year == year)).scalar_one()
        return f"CT-{year}-{number:05d}"

    # -- reading ----------------------------------------------------------------

    def reference_for_conversation(self, conversation_id: str) -> Optional[str]:
        with self.session() as session:
            return session.execute(select(Draft.reference)
                                   .where(Draft.conversation_id == conversation_id)).scalar_one_or_none()

    def get(self, reference: str) -> Optional[Dict[str, Any]]:
        with self.session() as session:
            draft = session.execute(self._query().where(Draft.reference == reference)).scalar_one_or_none()
            return to_record(draft) if draft else None

    def export(self) -> List[Dict[str, Any]]:
        with self.session() as session:
            drafts = session.execute(self._query().order_by(Draft.id)).scalars().all()
            return [to_record(d) for d in drafts]

    def count(self) -> int:
        with self.session() as session:
            return len(session.execute(select(Draft.id)).all())

    @staticmethod
    def _query():
        return select(Draft).options(selectinload(Draft.reports), selectinload(Draft.history))


# -- record <-> rows --------------------------------------------------------------


def _required_text(record: Dict[str, Any], key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DraftError(f"{key} is required")
    if text_problem(value):
        raise DraftError(f"{key} {text_problem(value)}")
    return value.strip()


def _iso_date(value) -> Optional[date]:
    """A date the assistant resolved ("2026-03-01"); anything else is not a date and is left out."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _text(section: Dict[str, Any], key: str, where: str, limit: int = 5000) -> Optional[str]:
    value = section.get(key)
    if value is None:
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise DraftError(f"{where}.{key} must be text")
    value = str(value).strip()
    if len(value) > limit:
        raise DraftError(f"{where}.{key} is longer than {limit} characters")
    if text_problem(value):
        raise DraftError(f"{where}.{key} {text_problem(value)}")
    return value or None


def _checked(value: Optional[str], where: str, problem: Callable[[str], Optional[str]]) -> Optional[str]:
    """The value, if the conversation's own rule for it (bot/rules/applicant_details.py) accepts it."""
    if value is not None and problem(value):
        # The rule's words, never the value: errors end up in logs, and the value is personal data.
        raise DraftError(f"{where}: {problem(value)}")
    return value


def _phone(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    phone, problem = normalise_phone(value)
    if problem:
        raise DraftError(f"applicant.phone: {problem}")
    return phone


def _flag(section: Dict[str, Any], key: str, where: str) -> Optional[bool]:
    value = section.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise DraftError(f"{where}.{key} must be true or false")


def _section(record: Dict[str, Any], key: str) -> Dict[str, Any]:
    value = record.get(key) or {}
    if not isinstance(value, dict):
        raise DraftError(f"{key} must be an object")
    return value


def _draft_fields(record: Dict[str, Any]) -> Dict[str, Any]:
    applicant = _section(record, "applicant")
    victim = _section(record, "victim")
    asb = _section(record, "asb")
    fields = {
        "applicant_name": _checked(_text(applicant, "name", "applicant", 200), "applicant.name", name_problem),
        "applicant_email": _checked(_text(applicant, "email", "applicant", 320), "applicant.email", email_problem),
        "applicant_phone": _phone(_text(applicant, "phone", "applicant", 40)),
        "applicant_address": _text(applicant, "address", "applicant", 500),
        "applicant_postcode": _checked(_text(applicant, "postcode", "applicant", 16), "applicant.postcode",
                                       postcode_problem),
        "applicant_relationship": _text(applicant, "relationship", "applicant", 40),
        "on_behalf": bool(_flag(applicant, "on_behalf", "applicant")),
        "preferred_contact": _text(applicant, "preferred_contact", "applicant", 20),
        "contact_notes": _text(applicant, "contact_notes", "applicant", 1000),
        "consent_to_share": _flag(applicant, "consent_to_share", "applicant"),
        "victim_name": _checked(_text(victim, "name", "victim", 200), "victim.name", name_problem),
        "victim_type": _text(victim, "type", "victim", 40),
        "victim_consent": _flag(victim, "consent", "victim"),
        "asb_description": _text(asb, "description", "asb"),
        "asb_location": _text(asb, "location", "asb", 500),
        "asb_since": _text(asb, "since", "asb", 200),
        "asb_impact": _text(asb, "impact", "asb"),
        "vulnerability": _text(asb, "vulnerability", "asb"),
        "ongoing_complaint": _flag(record, "ongoing_complaint", "application"),
        "problem_continuing": _flag(record, "problem_continuing", "application"),
        "no_action_taken": _flag(record, "no_action_taken", "application"),
        "general_crime_only": _flag(record, "general_crime_only", "application"),
        "in_area": _flag(record, "in_area", "application"),
    }
    # No anonymous applications: the partnership must be able to reply.
    if not fields["applicant_name"]:
        raise DraftError("applicant.name is required: applications cannot be anonymous")
    if not (fields["applicant_email"] or fields["applicant_phone"] or fields["applicant_address"]):
        raise DraftError("applicant needs a phone number, an email address or a postal address")
    if fields["consent_to_share"] is not True:
        raise DraftError("applicant.consent_to_share must be true: a draft is only written with consent")
    if fields["victim_type"] and fields["victim_type"] not in VICTIM_TYPES:
        raise DraftError(f"victim.type must be one of {', '.join(VICTIM_TYPES)}")
    if fields["preferred_contact"] and fields["preferred_contact"] not in CONTACT_METHODS:
        raise DraftError(f"applicant.preferred_contact must be one of {', '.join(CONTACT_METHODS)}")
    return fields


def _report_rows(reports: List[Any], decision: Decision) -> List[DraftReport]:
    if not isinstance(reports, list):
        raise DraftError("reports must be a list")
    resolved = {r.index: r for r in decision.reports}
    rows = []
    for position, report in enumerate(reports, start=1):
        if not isinstance(report, dict):
            raise DraftError(f"reports[{position}] must be an object")
        where = f"reports[{position}]"
        r = resolved.get(position)
        rows.append(DraftReport(
            position=position,
            organisation=_text(report, "organisation", where, 300),
            date_text=_text(report, "date_text", where, 300) or _text(report, "date", where, 300),
            reference=_text(report, "reference", where, 200),
            person=_text(report, "person", where, 200),
            reporter=_text(report, "reporter", where, 200),
            outcome=_text(report, "outcome", where),
            incident_date_text=_text(report, "incident_date_text", where, 300),
            incident_date=_iso_date(report.get("incident_date")),
            organisation_category=r.organisation if r else None,
            date=r.date if r else None,
            date_earliest=r.earliest if r else None,
            date_latest=r.latest if r else None,
            approximate=bool(r and r.approximate),
            counts=bool(r and r.counts),
            reason=r.reason if r else None,
        ))
    return rows


def to_record(draft: Draft) -> Dict[str, Any]:
    """A draft in the exported application shape (PRODUCT.md)."""
    return {
        "reference": draft.reference,
        "created_at": _iso_utc(draft.created_at),
        "updated_at": _iso_utc(draft.updated_at),
        "status": draft.status,
        "assigned_to": draft.assigned_to,
        "conversation_id": draft.conversation_id,
        "sender_id": draft.sender_id,
        "route": draft.route,
        "ongoing_complaint": draft.ongoing_complaint,
        "problem_continuing": draft.problem_continuing,
        "no_action_taken": draft.no_action_taken,
        "general_crime_only": draft.general_crime_only,
        "in_area": draft.in_area,
        "applicant": {
            "name": draft.applicant_name,
            "email": draft.applicant_email,
            "phone": draft.applicant_phone,
            "address": draft.applicant_address,
            "postcode": draft.applicant_postcode,
            "relationship": draft.applicant_relationship,
            "on_behalf": draft.on_behalf,
            "preferred_contact": draft.preferred_contact,
            "contact_notes": draft.contact_notes,
            "consent_to_share": draft.consent_to_share,
        },
        "victim": {"name": draft.victim_name, "type": draft.victim_type, "consent": draft.victim_consent},
        "asb": {
            "description": draft.asb_description,
            "location": draft.asb_location,
            "since": draft.asb_since,
            "impact": draft.asb_impact,
            "vulnerability": draft.vulnerability,
        },
        "reports": [{
            "organisation": r.organisation,
            "organisation_category": r.organisation_category,
            "date": r.date.isoformat() if r.date else None,
            "date_earliest": r.date_earliest.isoformat() if r.date_earliest else None,
            "date_latest": r.date_latest.isoformat() if r.date_latest else None,
            "date_text": r.date_text,
            "approximate": r.approximate,
            "reference": r.reference,
            "person": r.person,
            "reporter": r.reporter,
            "outcome": r.outcome,
            "incident_date_text": r.incident_date_text,
            "incident_date": r.incident_date.isoformat() if r.incident_date else None,
            "counts": r.counts,
            "reason": r.reason,
        } for r in draft.reports],
        "decision": json.loads(draft.decision_json),
        "policy": {"id": draft.policy_id, "version": draft.policy_version},
        "status_history": [{
            "at": _iso_utc(h.at), "by": h.by, "from": h.from_status, "to": h.to_status, "note": h.note,
        } for h in draft.history],
    }
