"""Tables for draft applications. Only `bot.drafts` touches them."""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, MetaData, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import declarative_base, relationship

# Stable constraint names, so migrations behave the same on SQLite and PostgreSQL.
metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})
Base = declarative_base(metadata=metadata)


class Draft(Base):
    __tablename__ = "drafts"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), nullable=False, unique=True)
    # The conversation that wrote it: saving the same conversation twice
    # finds this row instead of making a second draft.
    conversation_id = Column(String(200), nullable=False, unique=True)
    # The Rasa conversation (the channel's sender id) whose transcript staff read beside the draft.
    sender_id = Column(String(200), index=True)
    created_at = Column(DateTime, nullable=False)          # UTC
    updated_at = Column(DateTime, nullable=False)          # UTC
    status = Column(String(40), nullable=False)
    assigned_to = Column(String(200))

    applicant_name = Column(Text)
    applicant_email = Column(Text)
    applicant_phone = Column(Text)
    applicant_address = Column(Text)
    applicant_postcode = Column(String(16))
    applicant_relationship = Column(String(40))  # self, carer, family, friend, mp, councillor, other
    on_behalf = Column(Boolean, nullable=False, default=False)
    preferred_contact = Column(String(20))       # phone, email, post
    contact_notes = Column(Text)                 # e.g. safe times to call
    consent_to_share = Column(Boolean, nullable=False)

    victim_name = Column(Text)
    victim_type = Column(String(40))             # individual, business, community_group
    victim_consent = Column(Boolean)

    asb_description = Column(Text)
    asb_location = Column(Text)
    asb_since = Column(Text)
    asb_impact = Column(Text)
    vulnerability = Column(Text)

    route = Column(String(40))
    ongoing_complaint = Column(Boolean)
    problem_continuing = Column(Boolean)
    no_action_taken = Column(Boolean)
    general_crime_only = Column(Boolean)
    in_area = Column(Boolean)

    eligible = Column(Boolean, nullable=False)
    outcome = Column(String(40), nullable=False)
    decision_json = Column(Text, nullable=False)
    decided_on = Column(Date, nullable=False)
    policy_id = Column(String(80), nullable=False)
    policy_version = Column(String(80), nullable=False)

    reports = relationship("DraftReport", order_by="DraftReport.position", cascade="all, delete-orphan",
                           back_populates="draft")
    history = relationship("StatusChange", order_by="StatusChange.id", cascade="all, delete-orphan",
                           back_populates="draft")


class DraftReport(Base):
    __tablename__ = "draft_reports"
    __table_args__ = (UniqueConstraint("draft_id", "position"),)

    id = Column(Integer, primary_key=True)
    draft_id = Column(Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    # As the resident gave it
    organisation = Column(Text)
    date_text = Column(Text)
    reference = Column(Text)
    person = Column(Text)
    reporter = Column(Text)
    outcome = Column(Text)
    incident_date_text = Column(Text)
    incident_date = Column(Date)   # as read from what they said ("the night before": the day before the report)
    # As resolved by the decision
    organisation_category = Column(String(40))
    date = Column(Date)
    date_earliest = Column(Date)   # a vague date's range ("in the summer")
    date_latest = Column(Date)
    approximate = Column(Boolean, nullable=False, default=False)
    counts = Column(Boolean, nullable=False, default=False)
    reason = Column(Text)

    draft = relationship("Draft", back_populates="reports")


class StatusChange(Base):
    """One step in a draft's life. Rows are only ever added."""

    __tablename__ = "status_changes"

    id = Column(Integer, primary_key=True)
    draft_id = Column(Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)  # UTC
    by = Column(String(200), nullable=False)
    from_status = Column(String(40))
    to_status = Column(String(40), nullable=False)
    note = Column(Text)

    draft = relationship("Draft", back_populates="history")


class ReferenceCounter(Base):
    """The last reference number given out in each year (CT-2026-00042)."""

    __tablename__ = "reference_counters"

    year = Column(Integer, primary_key=True, autoincrement=False)
    last_number = Column(Integer, nullable=False)


class StaffUser(Base):
    """A Community Safety Team officer or manager. Created and disabled from the command line."""

    __tablename__ = "staff_users"

    id = Column(Integer, primary_key=True)
    email = Column(String(320), nullable=False, unique=True)  # stored lower case
    name = Column(String(200), nullable=False)
    role = Column(String(20), nullable=False)                 # officer, manager
    password_hash = Column(Text, nullable=False)              # argon2id
    active = Column(Boolean, nullable=False, default=True)
    # Unused since migration 0006 (sign-in back-off is per account and address: SignInFailure);
    # kept because dropping a column on SQLite recreates the table its sessions point at.
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime)                           # UTC
    last_login_at = Column(DateTime)                          # UTC
    created_at = Column(DateTime, nullable=False)             # UTC


class Note(Base):
    """An internal note on a draft. Rows are only ever added."""

    __tablename__ = "draft_notes"

    id = Column(Integer, primary_key=True)
    draft_id = Column(Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)
    by = Column(String(200), nullable=False)
    text = Column(Text, nullable=False)


# -- casework: what the team decides and does with an application, as records (not only notes) -------------


class ThresholdDecision(Base):
    """The team's decision on the threshold. A later decision is a new row; the latest stands."""

    __tablename__ = "threshold_decisions"

    id = Column(Integer, primary_key=True)
    draft_id = Column(Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)           # UTC
    by = Column(String(320), nullable=False)
    met = Column(Boolean, nullable=False)
    reason = Column(Text, nullable=False)
    assistant_eligible = Column(Boolean, nullable=False)  # what the assistant decided, for comparison
    why_different = Column(Text)                    # required when `met` differs from the assistant


class ReviewMeeting(Base):
    """The partners' case review meeting. Rearranging it, or adding the minutes, adds a row."""

    __tablename__ = "review_meetings"

    id = Column(Integer, primary_key=True)
    draft_id = Column(Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)
    by = Column(String(320), nullable=False)
    meets_on = Column(Date, nullable=False)
    partners = Column(Text, nullable=False)         # one organisation per line
    minutes = Column(Text)                          # once it has met


class ActionItem(Base):
    """One recommendation of the review: what, which partner, by when, and where it stands."""

    __tablename__ = "action_items"

    id = Column(Integer, primary_key=True)
    draft_id = Column(Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)
    by = Column(String(320), nullable=False)
    text = Column(Text, nullable=False)
    partner = Column(String(200), nullable=False)
    due = Column(Date, nullable=False)
    state = Column(String(20), nullable=False)      # open, done, not done
    updated_at = Column(DateTime)
    updated_by = Column(String(320))


class CaseOutcome(Base):
    """How the case ended, recorded as it is closed."""

    __tablename__ = "case_outcomes"

    id = Column(Integer, primary_key=True)
    draft_id = Column(Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)
    by = Column(String(320), nullable=False)
    outcome = Column(String(80), nullable=False)
    summary = Column(Text, nullable=False)


class AppealRecord(Base):
    """An appeal: when it arrived and who reviews it; then the reviewer's decision, which is final."""

    __tablename__ = "appeals"

    id = Column(Integer, primary_key=True)
    draft_id = Column(Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)
    by = Column(String(320), nullable=False)
    received_on = Column(Date, nullable=False)
    reviewer = Column(String(200), nullable=False)
    decided_on = Column(Date)
    upheld = Column(Boolean)                        # the appeal succeeded: the team's response is reconsidered
    reason = Column(Text)
    decided_by = Column(String(320))
    decided_at = Column(DateTime)


class CaseLink(Base):
    """Two applications an officer decided about: the same case (linked), one merged into the other (the
    other is closed), or not the same case (so they are no longer suggested)."""

    __tablename__ = "case_links"

    id = Column(Integer, primary_key=True)
    draft_id = Column(Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True)
    other_id = Column(Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = Column(String(20), nullable=False)       # linked, merged, distinct
    reason = Column(Text, nullable=False)
    by = Column(String(320), nullable=False)
    at = Column(DateTime, nullable=False)


class Letter(Base):
    """A letter as it was sent: the words, how, and to whom. Never changed afterwards."""

    __tablename__ = "letters"

    id = Column(Integer, primary_key=True)
    draft_id = Column(Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)
    by = Column(String(320), nullable=False)
    kind = Column(String(40), nullable=False)       # acknowledgement, threshold_met, ... (bot/rules/letters.py)
    channel = Column(String(20), nullable=False)    # post, email
    sent_to = Column(Text)                          # the email address, or the postal address
    body = Column(Text, nullable=False)


class ContactEntry(Base):
    """One contact with the applicant: a call, letter, email or visit, the day it happened, and a summary."""

    __tablename__ = "contact_log"

    id = Column(Integer, primary_key=True)
    draft_id = Column(Integer, ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)
    by = Column(String(320), nullable=False)
    happened_on = Column(Date, nullable=False)
    kind = Column(String(20), nullable=False)       # call, letter, email, visit
    summary = Column(Text, nullable=False)


class AuditEvent(Base):
    """Who did what, when: sign-ins, views, changes, exports, purges. Only ever added to."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, index=True)
    by = Column(String(320), nullable=False)
    action = Column(String(40), nullable=False, index=True)
    reference = Column(String(20), index=True)  # the draft concerned, if any (kept after a purge)
    detail = Column(Text)
    ip = Column(String(64))                     # where a sign-in attempt came from
    # Repeated sign-in failures are one row: how many, and when the last was (`at` is the first).
    count = Column(Integer, nullable=False, default=1, server_default="1")
    last_at = Column(DateTime)


class SignInFailure(Base):
    """Wrong sign-ins in a row for one email address (known or not) from one network address, and how long
    that pair must wait before the next try. Kept per pair, so that someone guessing from elsewhere never
    holds back an officer at their own desk."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (UniqueConstraint("email", "ip"),)

    id = Column(Integer, primary_key=True)
    email = Column(String(320), nullable=False)
    ip = Column(String(64), nullable=False)
    failures = Column(Integer, nullable=False)
    first_at = Column(DateTime, nullable=False)   # UTC
    last_at = Column(DateTime, nullable=False)    # UTC
    held_until = Column(DateTime)                 # UTC


class Feedback(Base):
    """What a resident said about the service on the feedback page: no name, no case, no reply."""

    __tablename__ = "feedback"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, index=True)
    rating = Column(String(20))   # very_satisfied ... very_dissatisfied, or none given
    text = Column(Text)


class StaffSession(Base):
    """A signed-in staff session, kept on the server so that signing out, disabling an account or
    changing its password ends it at once. The browser holds only a random token; this row holds
    its SHA-256, never the token itself."""

    __tablename__ = "staff_sessions"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    staff_id = Column(Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at = Column(DateTime, nullable=False)   # UTC: the absolute limit counts from here
    last_seen = Column(DateTime, nullable=False)    # UTC: the idle limit counts from here
    ended_at = Column(DateTime)
    ended_why = Column(String(40))                  # signed out, idle, too long, disabled, password changed
