"""Staff accounts: created and disabled from the command line, signed in on the staff app.

Passwords are hashed with argon2id (argon2-cffi). After five wrong tries in a
row for one email address from one network address, that pair waits before
its next try: 30 seconds, doubled after each further wrong try, never more
than 15 minutes. The wait is per pair, so someone guessing from elsewhere
never holds back an officer at their own desk, and it applies to every email
address typed, known or not, so it tells nobody who has an account. Every
failure gets the same answer after the same password-hash work. Repeated
failures are one audit row with a count (bot.drafts.audit), and the officer
is told about them at their next sign-in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Dict, List, NamedTuple, Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from bot.drafts.audit import SIGN_IN_FAILURES, record_repeated, seen_at
from bot.drafts.models import AuditEvent, SignInFailure, StaffUser
from bot.drafts.repository import DraftStore, utcnow
from bot.drafts.sessions import end_all
from bot.drafts.workflow import ROLES

FREE_TRIES = 5                      # wrong tries in a row before the first wait
FIRST_WAIT = timedelta(seconds=30)  # then doubled after each wrong try
LONGEST_WAIT = timedelta(minutes=15)
FORGET_AFTER = timedelta(days=1)    # a pair's count starts again after a quiet day
MIN_PASSWORD = 12
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _HASHER.hash("not a real password, only for timing")
WRONG = "The email address or password is not right."
_COMMON = {"password1234", "passwordpassword", "123456789012", "qwertyuiopas", "letmein12345", "barnetcouncil1"}


def wait_after(failures: int) -> timedelta:
    """How long one email address and network address wait after `failures` wrong tries in a row."""
    if failures < FREE_TRIES:
        return timedelta(0)
    return min(FIRST_WAIT * (2 ** (failures - FREE_TRIES)), LONGEST_WAIT)


def in_words(wait: timedelta) -> str:
    seconds = max(1, int(wait.total_seconds() + 0.999))
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = (seconds + 59) // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def waiting(wait: timedelta) -> str:
    return (f"{WRONG} There have been too many wrong tries from here. Wait {in_words(wait)}, then try again. "
            "If you have forgotten your password, ask a manager to set a new one.")


class SignIn(NamedTuple):
    staff: Optional["Staff"]  # None unless the email and password were right
    message: str              # what to show: the failure, or a notice for the officer
    password_checked: bool    # False when this email and address were still waiting: nothing was tried


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
        staff = self._update(email, "staff enabled", by, active=True)
        self.forget_failures(email)
        return staff

    def set_password(self, email: str, password: str, by: str = "command line") -> Staff:
        check_password(password, email)
        staff = self._update(email, "password set", by, end_sessions="password changed",
                             password_hash=_HASHER.hash(password))
        self.forget_failures(email)
        return staff

    def forget_failures(self, email: str) -> None:
        """A manager has enabled the account or set a new password: no wait left from earlier wrong tries."""
        with self.store.session() as session:
            session.execute(delete(SignInFailure).where(SignInFailure.email == (email or "").strip().lower()))

    def set_role(self, email: str, role: str, by: str = "command line") -> Staff:
        """Officer or manager. The last active manager stays one: someone must be able to manage accounts."""
        if role not in ROLES:
            raise AccountError(f"The role must be one of: {', '.join(ROLES)}.")
        email = (email or "").strip().lower()
        with self.store.session() as session:
            row = session.execute(select(StaffUser).where(StaffUser.email == email)).scalar_one_or_none()
            if row is None:
                raise AccountError(f"There is no account for {email}.")
            if row.role == role:
                return _staff(row)
            managers = session.execute(select(StaffUser).where(StaffUser.role == "manager",
                                                               StaffUser.active.is_(True))).scalars().all()
            if row.role == "manager" and row.active and len(managers) == 1:
                raise AccountError(f"{row.name} is the only manager. Make someone else a manager first.")
            session.add(AuditEvent(at=utcnow(), by=by, action="role changed", detail=f"{email}: {row.role} -> {role}"))
            row.role = role
            return _staff(row)

    def waiting(self, now: Optional[datetime] = None) -> Dict[str, datetime]:
        """Accounts that must wait after wrong tries (from some address), with when the wait ends (UTC)."""
        now = now or utcnow()
        with self.store.session() as session:
            rows = session.execute(select(SignInFailure).where(SignInFailure.held_until > now)).scalars().all()
            held: Dict[str, datetime] = {}
            for r in rows:
                held[r.email] = max(held.get(r.email, r.held_until), r.held_until)
            return held

    def unlock(self, email: str, by: str) -> Staff:
        """A manager ends the wait after wrong tries, for every address (the officer has called them)."""
        staff = self._update(email, "sign-in wait ended", by)
        self.forget_failures(email)
        return staff

    def list(self) -> List[Staff]:
        with self.store.session() as session:
            return [_staff(r) for r in session.execute(select(StaffUser).order_by(StaffUser.email)).scalars()]

    def get(self, staff_id: int) -> Optional[Staff]:
        with self.store.session() as session:
            row = session.get(StaffUser, staff_id)
            return _staff(row) if row else None

    def authenticate(self, email: str, password: str, address: str = "unknown",
                     now: Optional[datetime] = None) -> SignIn:
        """The officer and a notice for them when the email and password are right and this email and network
        address are not waiting after wrong tries, else no officer and the message to show. The same
        password-hash work and the same messages whether or not the account exists, is disabled, or is
        waiting."""
        now = now or utcnow()
        email = (email or "").strip().lower()[:320]
        address = (address or "unknown")[:64]
        with self.store.session() as session:
            session.execute(delete(SignInFailure).where(SignInFailure.last_at < now - FORGET_AFTER))
            pair = session.execute(select(SignInFailure).where(SignInFailure.email == email,
                                                               SignInFailure.ip == address)).scalar_one_or_none()
            row = session.execute(select(StaffUser).where(StaffUser.email == email)).scalar_one_or_none()
            right = _verify(row.password_hash if row else _DUMMY_HASH, password)
            who = email or "(blank)"
            if pair and pair.held_until and pair.held_until > now:
                record_repeated(session, who, "sign-in refused", "waiting after wrong tries", address, now)
                return SignIn(None, waiting(pair.held_until - now), password_checked=False)
            if row is None or not right or not row.active:
                if pair is None:
                    pair = SignInFailure(email=email, ip=address, failures=0, first_at=now, last_at=now)
                    session.add(pair)
                pair.failures += 1
                pair.last_at = now
                wait = wait_after(pair.failures)
                pair.held_until = now + wait if wait else None
                detail = "unknown email" if row is None else "wrong password" if row.active else "account disabled"
                record_repeated(session, who, "sign-in failed", detail, address, now)
                return SignIn(None, waiting(wait) if wait else WRONG, password_checked=True)
            notice = _failures_notice(session, email, row.last_login_at)
            if pair is not None:
                session.delete(pair)
            row.last_login_at = now
            if _HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = _HASHER.hash(password)
            session.add(AuditEvent(at=now, by=email, action="signed in", ip=address))
            return SignIn(_staff(row), notice, password_checked=True)


def _failures_notice(session, email: str, since: Optional[datetime]) -> str:
    """What an officer is told at sign-in about failed attempts on their account since they last signed in."""
    last_seen = seen_at()
    query = select(func.coalesce(func.sum(AuditEvent.count), 0), func.max(last_seen)).where(
        AuditEvent.by == email, AuditEvent.action.in_(SIGN_IN_FAILURES))
    if since is not None:
        query = query.where(last_seen > since)
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
