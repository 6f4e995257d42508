"""`action_converse`: every message goes to the dialogue engine in `bot.dialogue.engine`.

Rasa classifies the message, keeps the conversation (its slots are the
engine's state) and carries replies to the channel; what the message means and
what to say is decided by `bot/`. This module only translates: tracker in,
replies and slot changes out.
"""
from __future__ import annotations

import functools
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import log, log_failure, policy, reader, say, store, today
from bot.dialogue import messages
from bot.dialogue.engine import STATE_SLOTS, Engine, Message
from bot.drafts import DraftError, StoreUnavailable


@functools.lru_cache(maxsize=4)
def _engine(policy_path: str, policy_version: str) -> Engine:
    def save(record: Dict[str, Any], decision) -> tuple:
        try:
            result = store().save(record, decision)
        except DraftError as exc:
            # The store refused what the conversation accepted: a fault of ours to fix, never the resident's.
            # Its message names the field and the rule, never the value.
            log.error("draft refused by the store: %s", exc)
            raise
        return result.reference, result.created
    # Either way the resident is told it could not be saved, with the phone number, and keeps every answer.
    return Engine(policy(), reader(), save=save, store_errors=(StoreUnavailable, DraftError))


def engine() -> Engine:
    p = policy()
    return _engine(p.path, p.version)


def message_of(tracker: Tracker) -> Message:
    latest = tracker.latest_message or {}
    intent = latest.get("intent") or {}
    text = latest.get("text") or ""
    if text.startswith("/"):  # a button payload written as an intent ("/continue")
        text = text[1:].replace("_", " ")
    return Message(text=text, intent=intent.get("name"), confidence=float(intent.get("confidence") or 0.0),
                   unanswered=unanswered(tracker))


def unanswered(tracker: Tracker) -> Optional[str]:
    """The resident's previous message, if the assistant never answered it (it was down)."""
    seen_latest = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            if not seen_latest:
                seen_latest = True
                continue
            return event.get("text") or None
        if seen_latest and kind == "bot":
            return None
    return None


class ActionConverse(Action):
    def name(self) -> str:
        return "action_converse"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[Dict]:
        try:
            state = {k: v for k, v in tracker.slots.items() if k in STATE_SLOTS and v is not None}
            turn = engine().turn(state, message_of(tracker), today(), conversation_id=tracker.sender_id)
        except Exception as exc:  # noqa: BLE001 - never leave the resident in silence
            log_failure(self.name(), exc)
            dispatcher.messages.clear()
            say(dispatcher, messages.technical_problem(policy()))
            return [LISTEN]  # nothing stored: the same question is asked again
        for reply in turn.replies:
            say(dispatcher, reply)
        return [SlotSet(key, value) for key, value in turn.updates.items() if key in STATE_SLOTS] + [LISTEN]


# One answer per message, whatever the policies would predict next (a message with no intent,
# such as an empty one, must not run the engine again and again).
LISTEN = FollowupAction("action_listen")
