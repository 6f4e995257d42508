"""Staff accounts: created and disabled from the command line, signed in on the staff app.

Passwords are hashed with argon2id (argon2-cffi). Five wrong passwords in a row
lock the account for 15 minutes. A wrong email and a wrong password get the
same answer and take the same time, so the sign-in page does not reveal who
has an account.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import List, Optional, Tuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.drafts.models import AuditEvent, StaffUser
from bot.drafts.repository import DraftStore, utcnow
from bot.drafts.sessions import end_all
from bot.drafts.workflow import ROLES

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 12
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _HASHER.hash("not a real password, only for timing")
WRONG = (f"The email address or password is not right. After {MAX_FAILURES} wrong tries in a row, an account is "
         f"locked for {LOCK_MINUTES} minutes.")
_COMMON = {"password1234", "passwordpassword", "123456789012", "qwertyuiopas", "letmein12345", "barnetcouncil1"}


class AccountError(ValueError):
    """A staff account request that cannot be carried out, with the reason."""


@dataclass(frozen=True)
class Staff:
    id: int
    email: str
    name: str
    role: str
    active: bool

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"


def _staff(row: StaffUser) -> Staff:
    return Staff(id=row.id, email=row.email, name=row.name, role=row.role, active=row.active)


def check_password(password: str, email: str = "") -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password must be at least {MIN_PASSWORD} characters long.")
    if password.lower() in _COMMON or len(set(password)) < 5:
        raise AccountError("That password is too easy to guess. Use a longer phrase.")
    local = email.split("@")[0].lower()
    if local and len(local) >= 4 and local in password.lower():
        raise AccountError("The password must not contain the email address.")


class StaffAccounts:
    def __init__(self, store: DraftStore):
        self.store = store

    def add(self, email: str, name: str, role: str, password: str) -> Staff:
        email = (email or "").strip().lower()
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            raise AccountError(f"{email!r} is not an email address.")
        if role not in ROLES:
            raise AccountError(f"The role must be one of: {', '.join(ROLES)}.")
        if not name or not name.strip():
            raise AccountError("A name is needed.")
        check_password(password, email)
        try:
            with self.store.session() as session:
                row = StaffUser(email=email, name=name.strip(), role=role, password_hash=_HASHER.hash(password),
                                active=True, failed_logins=0, created_at=utcnow())
                session.add(row)
                session.add(AuditEvent(at=utcnow(), by="command line", action="staff added",
                                       detail=f"{email} ({role})"))
                session.flush()
                return _staff(row)
        except IntegrityError:
            raise AccountError(f"There is already an account for {email}.") from None

    def _update(self, email: str, action: str, by: str, end_sessions: Optional[str] = None, **values) -> Staff:
        email = (email or "").strip().lower()
        with self.store.session() as session:
            row = session.execute(select(StaffUser).where(StaffUser.email == email)).scalar_one_or_none()
            if row is None:
                raise AccountError(f"There is no account for {email}.")
            for key, value in values.items():
                setattr(row, key, value)
            if end_sessions:
                end_all(session, row.id, end_sessions)  # a copied cookie stops working at once
            session.add(AuditEvent(at=utcnow(), by=by, action=action, detail=email))
            return _staff(row)

    def disable(self, email: str, by: str = "command line") -> Staff:
        return self._update(email, "staff disabled", by, end_sessions="disabled", active=False)

    def enable(self, email: str, by: str = "command line") -> Staff:
        return self._update(email, "staff enabled", by, active=True, failed_logins=0, locked_until=None)

    def set_password(self, email: str, password: str, by: str = "command line") -> Staff:
        check_password(password, email)
        return self._update(email, "password set", by, end_sessions="password changed",
                            password_hash=_HASHER.hash(password), failed_logins=0, locked_until=None)

    def list(self) -> List[Staff]:
        with self.store.session() as session:
            return [_staff(r) for r in session.execute(select(StaffUser).order_by(StaffUser.email)).scalars()]

    def get(self, staff_id: int) -> Optional[Staff]:
        with self.store.session() as session:
            row = session.get(StaffUser, staff_id)
            return _staff(row) if row else None

    def authenticate(self, email: str, password: str, now: Optional[datetime] = None) -> Tuple[Optional[Staff], str]:
        """(staff, a notice for them or "") when the email and password are right, else (None, the message to
        show). Every failure (unknown email, wrong password, locked or disabled account) gets the same message
        after the same password-hash work, so the page reveals neither who has an account nor who is locked."""
        now = now or utcnow()
        email = (email or "").strip().lower()
        with self.store.session() as session:
            row = session.execute(select(StaffUser).where(StaffUser.email == email)).scalar_one_or_none()
            right = _verify(row.password_hash if row else _DUMMY_HASH, password)
            if row is None:
                session.add(AuditEvent(at=now, by=email[:320] or "(blank)", action="sign-in failed",
                                       detail="unknown email"))
                return None, WRONG
            if row.locked_until and row.locked_until > now:
                session.add(AuditEvent(at=now, by=email, action="sign-in refused", detail="account locked"))
                return None, WRONG
            if not right or not row.active:
                row.failed_logins = (row.failed_logins or 0) + 1
                detail = "wrong password" if row.active else "account disabled"
                if row.failed_logins >= MAX_FAILURES:
                    row.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                    row.failed_logins = 0
                    detail += f"; locked for {LOCK_MINUTES} minutes"
                session.add(AuditEvent(at=now, by=email, action="sign-in failed", detail=detail))
                return None, WRONG
            notice = _failures_notice(session, email, row.last_login_at)
            row.failed_logins = 0
            row.locked_until = None
            row.last_login_at = now
            if _HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = _HASHER.hash(password)
            session.add(AuditEvent(at=now, by=email, action="signed in"))
            return _staff(row), notice


def _failures_notice(session, email: str, since: Optional[datetime]) -> str:
    """What an officer is told at sign-in about failed attempts on their account since they last signed in."""
    query = select(func.count(), func.max(AuditEvent.at)).where(
        AuditEvent.by == email, AuditEvent.action.in_(("sign-in failed", "sign-in refused")))
    if since is not None:
        query = query.where(AuditEvent.at > since)
    count, last = session.execute(query).one()
    if not count:
        return ""
    return (f"There {'was' if count == 1 else 'were'} {count} failed attempt{'s' if count != 1 else ''} to sign in to "
            f"your account since you last signed in, the last at {last:%H:%M} UTC on {last.day} {last:%B %Y}. "
            "If that wasn't you, tell a manager.")


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password or "")
    except (VerificationError, InvalidHashError):
        return False
