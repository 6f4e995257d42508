"""Staff sessions on the server: started at sign-in with a new random token, checked on every
request against an idle limit and an absolute limit, and ended by signing out, by disabling the
account or by a new password (StaffAccounts ends them), so a copied cookie stops working at once."""
from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from sqlalchemy import select, update

from bot.drafts.models import StaffSession
from bot.drafts.repository import DraftStore


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _now() -> datetime:
    return datetime.utcfromtimestamp(time.time())  # time.time(), so tests can move the clock


@dataclass(frozen=True)
class Checked:
    staff_id: Optional[int]     # None: not signed in (any more)
    ended_why: Optional[str] = None


def end_all(session, staff_id: int, why: str) -> None:
    """Ends every open session of one account, inside the caller's transaction."""
    session.execute(update(StaffSession).where(StaffSession.staff_id == staff_id, StaffSession.ended_at.is_(None))
                    .values(ended_at=_now(), ended_why=why))


class StaffSessions:
    def __init__(self, store: DraftStore, idle_seconds: int, absolute_seconds: int):
        self.store = store
        self.idle = idle_seconds
        self.absolute = absolute_seconds

    def start(self, staff_id: int) -> str:
        token = secrets.token_urlsafe(32)
        now = _now()
        with self.store.session() as session:
            session.add(StaffSession(token_hash=_hash(token), staff_id=staff_id, created_at=now, last_seen=now))
        return token

    def check(self, token: Optional[str]) -> Checked:
        """The account a token signs in, refreshing its idle time; or why it no longer does."""
        if not token or not isinstance(token, str) or len(token) > 100:
            return Checked(None)
        now = _now()
        with self.store.session() as session:
            row = session.execute(select(StaffSession).where(StaffSession.token_hash == _hash(token))) \
                .scalar_one_or_none()
            if row is None:
                return Checked(None)
            if row.ended_at is not None:
                return Checked(None, row.ended_why)
            why = ("too long" if (now - row.created_at).total_seconds() > self.absolute else
                   "idle" if (now - row.last_seen).total_seconds() > self.idle else None)
            if why:
                row.ended_at, row.ended_why = now, why
                return Checked(None, why)
            row.last_seen = now
            return Checked(row.staff_id)

    def end(self, token: Optional[str], why: str = "signed out") -> None:
        if not token or not isinstance(token, str):
            return
        with self.store.session() as session:
            session.execute(update(StaffSession).where(StaffSession.token_hash == _hash(token),
                                                       StaffSession.ended_at.is_(None))
                            .values(ended_at=_now(), ended_why=why))
