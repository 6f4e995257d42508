"""Rasa's Redis lock store, made to let a waiting turn through once the way is clear.

Rasa queues the turns of one conversation with numbered tickets that expire (TICKET_LOCK_LIFETIME). A
Rasa server killed mid-turn leaves its ticket at the head of the queue until it expires. A turn that
arrived within a second of it (Rasa looks again once a second) sees its own ticket expire in the same
second and then waits for ever: its number is never served again. The fault run measured it: a message
sent a quarter of a second after Rasa server B was killed had no answer until the client gave up, 30 s
later (docs/reliability.md). Here a waiting turn whose ticket has expired takes a new one, at the back
of the queue, and goes on waiting; everything else is Rasa's own.
"""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncGenerator, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore


class RequeueingLock:
    """The waiting loop, for any Rasa lock store (mixed in before it)."""

    @asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            while True:
                lock = self.get_lock(conversation_id)
                if lock is None or lock._ticket_for_ticket_number(ticket) is None:
                    # ours expired while we waited (or the lock went with it): queue again
                    self.cleanup(conversation_id, ticket)
                    ticket = self.issue_ticket(conversation_id, lock_lifetime)
                    continue
                if not lock.is_locked(ticket):
                    break
                await asyncio.sleep(wait_time_in_seconds)
                self.update_lock(conversation_id)
            yield lock
        finally:
            self.cleanup(conversation_id, ticket)


class RequeueingRedisLockStore(RequeueingLock, RedisLockStore):
    """endpoints: `lock_store: {type: rasa_addons.lock_store.RequeueingRedisLockStore, url: ..., port: ...}`."""

    def __init__(self, endpoint_config) -> None:
        try:
            super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)
        except TypeError as problem:
            raise LockError(f"lock_store: {problem}") from None
