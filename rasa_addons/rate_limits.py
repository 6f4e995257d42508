"""Rate limits on the chat channels (REST and socket.io), per conversation and
per network address, with the `limits` library (the one Flask-Limiter uses
for the staff sign-in).

The counts are kept in Redis when the service has one (`TRIGGER_REDIS_URL`),
so several Rasa servers behind a proxy share them; else in memory. If Redis
cannot be reached, counting carries on in memory for a while rather than
refusing residents or failing. A refused message gets a 429 (REST) or a
"refused" event (socket.io) saying when to try again.
"""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import List, Optional

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from bot.ops import config

log = logging.getLogger(__name__)

# A resident waits for each reply before the next message: 60 a minute is far more than anyone types or
# clicks. An address may be a library's or an office's, shared by many residents.
PER_CONVERSATION = "60 per minute;1000 per day"
PER_ADDRESS = "600 per minute"
RETRY_REDIS_AFTER = 30.0  # seconds of counting in memory before trying Redis again


@dataclass(frozen=True)
class Refusal:
    retry_after: int  # seconds
    which: str        # "conversation" or "address"

    @property
    def message(self) -> str:
        wait = f"{self.retry_after} second{'s' if self.retry_after != 1 else ''}"
        return f"Too many messages. Wait {wait}, then try again."


class ChannelLimits:
    def __init__(self, per_conversation: Optional[str] = None, per_address: Optional[str] = None,
                 storage_url: Optional[str] = None):
        self.per_conversation: List[RateLimitItem] = parse_many(
            per_conversation or os.environ.get("TRIGGER_WEBHOOK_LIMIT_CONVERSATION") or PER_CONVERSATION)
        self.per_address: List[RateLimitItem] = parse_many(
            per_address or os.environ.get("TRIGGER_WEBHOOK_LIMIT_ADDRESS") or PER_ADDRESS)
        url = storage_url if storage_url is not None else config.redis_url()
        # short timeouts: a Redis that has gone away must not hold up a resident's message
        self._shared = (storage_from_string(url, socket_connect_timeout=0.25, socket_timeout=0.25)
                        if url else None)
        # strong references: the limits library holds its storage only weakly
        self._memory_storage = MemoryStorage()
        self._memory = MovingWindowRateLimiter(self._memory_storage)
        self._limiter = MovingWindowRateLimiter(self._shared) if self._shared else self._memory
        self._memory_until = 0.0

    def check_address(self, address: str) -> Optional[Refusal]:
        """Count one request from this network address (before anything is read from it)."""
        return self._check(self.per_address, "address", address)

    def check_conversation(self, conversation: str) -> Optional[Refusal]:
        """Count one message in this conversation (once the request is known to be well formed)."""
        return self._check(self.per_conversation, "conversation", conversation)

    def _check(self, items: List[RateLimitItem], which: str, key: str) -> Optional[Refusal]:
        try:
            for item in items:
                if not self._hit(item, which, key):
                    reset, _ = self._stats(item, which, key)
                    return Refusal(max(1, int(reset - time.time() + 0.999)), which)
        except Exception:  # noqa: BLE001 - a fault in counting must never silence a resident
            log.exception("rate limit check failed; the message is let through")
        return None

    def _current(self) -> MovingWindowRateLimiter:
        return self._memory if time.monotonic() < self._memory_until else self._limiter

    def _hit(self, item: RateLimitItem, which: str, key: str) -> bool:
        try:
            return self._current().hit(item, "chat", which, key)
        except Exception as exc:  # noqa: BLE001 - Redis down: count in memory, never fail a resident
            log.warning("rate-limit store unavailable, counting in memory for %ss: %s", RETRY_REDIS_AFTER,
                        type(exc).__name__)
            self._memory_until = time.monotonic() + RETRY_REDIS_AFTER
            return self._memory.hit(item, "chat", which, key)

    def _stats(self, item: RateLimitItem, which: str, key: str):
        try:
            return self._current().get_window_stats(item, "chat", which, key)
        except Exception:  # noqa: BLE001
            return self._memory.get_window_stats(item, "chat", which, key)
