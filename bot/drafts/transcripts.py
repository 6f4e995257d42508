"""The assistant's conversations, read from Rasa's SQL tracker store (its `events`
table): a draft's transcript for staff, anonymous counts for the partnership,
and deletion past the retention period. Read-only except for purges.

The store's URL is `TRIGGER_TRACKER_DB_URL` (by default the SQLite file the
Rasa server writes, `var/tracker.db`).
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterable, List, Optional, Sequence

from sqlalchemy import MetaData, Table, create_engine, delete, func, inspect, select
from sqlalchemy.engine import Engine

from bot.ops import config
from bot.rules.policy import load_policy


# What the resident's web page sends when it opens, to show the greeting (js/chat.js).
LANDING = "/greet"


class Transcripts:
    def __init__(self, url: Optional[str] = None):
        self.url = url or config.tracker_db_url()
        self.engine: Engine = create_engine(self.url, future=True)
        self._table: Optional[Table] = None

    @property
    def events(self) -> Optional[Table]:
        """Rasa's events table, or None before Rasa has written anything."""
        if self._table is None:
            if not inspect(self.engine).has_table("events"):
                return None
            self._table = Table("events", MetaData(), autoload_with=self.engine)
        return self._table

    def transcript(self, sender_id: str) -> List[Dict[str, Any]]:
        table = self.events
        if table is None:
            return []
        out = []
        with self.engine.connect() as connection:
            rows = connection.execute(select(table.c.type_name, table.c.timestamp, table.c.data)
                                      .where(table.c.sender_id == sender_id,
                                             table.c.type_name.in_(["user", "bot"]))
                                      .order_by(table.c.id))
            for kind, timestamp, data in rows:
                event = json.loads(data or "{}")
                text = event.get("text") or ""
                buttons = [b.get("title") for b in (event.get("data") or {}).get("buttons") or []] \
                    if kind == "bot" else []
                if not text and not buttons or kind == "user" and text == LANDING:
                    continue  # nothing said, or the page asking for the greeting (not the resident)
                out.append({"at": datetime.fromtimestamp(timestamp or 0, tz=timezone.utc),
                            "who": "Resident" if kind == "user" else "Assistant", "text": text, "buttons": buttons})
        return out

    def delete_conversations(self, sender_ids: Iterable[str]) -> int:
        table = self.events
        ids = sorted(set(sender_ids))
        if table is None or not ids:
            return 0
        with self.engine.begin() as connection:
            return connection.execute(delete(table).where(table.c.sender_id.in_(ids))).rowcount or 0

    def stale_senders(self, older_than_days: int, keep: Sequence[str], now: Optional[datetime] = None) -> List[str]:
        """Conversations silent for longer than the retention period that no
        open application needs."""
        table = self.events
        if table is None:
            return []
        cutoff = ((now or datetime.now(timezone.utc)) - timedelta(days=older_than_days)).timestamp()
        keep_set = set(keep)
        with self.engine.connect() as connection:
            rows = connection.execute(select(table.c.sender_id, func.max(table.c.timestamp))
                                      .group_by(table.c.sender_id))
            return [sender for sender, last in rows if (last or 0) < cutoff and sender not in keep_set]

    def statistics(self) -> Dict[str, Any]:
        """Counts with no personal data: conversations, how they ended, where people were pointed."""
        table = self.events
        result: Dict[str, Any] = {"conversations": 0, "outcomes": {}, "signposts": {}}
        if table is None:
            return result
        with self.engine.connect() as connection:
            result["conversations"] = connection.execute(
                select(func.count(func.distinct(table.c.sender_id))).where(table.c.type_name == "user")).scalar_one()
            outcomes: Dict[str, str] = {}
            for sender, data in connection.execute(
                    select(table.c.sender_id, table.c.data).where(table.c.type_name == "slot")
                    .where(table.c.data.like('%"name": "outcome"%')).order_by(table.c.id)):
                value = json.loads(data or "{}").get("value")
                if value:
                    outcomes[sender] = value
            for value in outcomes.values():
                result["outcomes"][value] = result["outcomes"].get(value, 0) + 1
            # Where people were pointed: the contacts the assistant gave each conversation (the engine's
            # `signposts_given` slot; its latest value holds them all).
            given: Dict[str, List[str]] = {}
            for sender, data in connection.execute(
                    select(table.c.sender_id, table.c.data).where(table.c.type_name == "slot")
                    .where(table.c.data.like('%"name": "signposts_given"%')).order_by(table.c.id)):
                value = json.loads(data or "{}").get("value")
                if isinstance(value, list):
                    given[sender] = value
            contacts = load_policy().contacts
            for keys in given.values():
                for key in keys:
                    contact = contacts.get(key)
                    label = (f"{contact.name} ({contact.phone})" if contact and contact.phone else
                             contact.name if contact else key)
                    result["signposts"][label] = result["signposts"].get(label, 0) + 1
        return result
