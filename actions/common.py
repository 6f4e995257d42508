"""What every action shares: the policy, the report reader, the drafts store,
today's date, and a safety net that turns any failure into an apology with
the Community Safety Team's phone number instead of silence."""
from __future__ import annotations

import functools
from abc import ABC, abstractmethod
import logging
import traceback
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.rules import clock
from bot.ops import config
from bot.dialogue import messages
from bot.drafts import DraftStore
from bot.dialogue.language import ReportReader, load_pipeline
from bot.rules.policy import Policy, load_policy

log = logging.getLogger("actions")


def policy() -> Policy:
    return load_policy()  # cached; re-read only when the file changes


@functools.lru_cache(maxsize=4)
def _reader(policy_path: str, policy_version: str) -> ReportReader:
    p = policy()
    path = config.nlp_path()
    nlp = load_pipeline(path) if (path / "meta.json").exists() else None
    return ReportReader(p, nlp)


def reader() -> ReportReader:
    p = policy()
    return _reader(p.path, p.version)


@functools.lru_cache(maxsize=1)
def store() -> DraftStore:
    return DraftStore()


def today():
    return clock.today()


def say(dispatcher: CollectingDispatcher, reply: messages.Reply) -> None:
    dispatcher.utter_message(text=reply.text, buttons=reply.button_dicts() or None)


def text_of(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def intent_of(tracker: Tracker) -> Optional[str]:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def state_of(tracker: Tracker) -> Dict[str, Any]:
    return dict(tracker.slots)


def log_failure(name: str, exc: BaseException) -> None:
    """Where it failed, never what the resident typed: exception messages can hold personal data."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f"{frame.filename}:{frame.lineno}" if frame else "?"
    log.error("action %s failed: %s at %s", name, type(exc).__name__, where)


class SafeAction(Action, ABC):
    """An action whose failure the resident hears about, with a phone number."""

    @abstractmethod
    def name(self) -> str:
        """The action's name in the domain."""

    @abstractmethod
    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[Dict]:
        """What the action does; any exception becomes an apology."""

    async def run(self, dispatcher, tracker, domain):
        try:
            return await self.act(dispatcher, tracker, domain)
        except Exception as exc:  # noqa: BLE001 - the resident must never see silence
            log_failure(self.name(), exc)
            dispatcher.messages.clear()
            say(dispatcher, messages.technical_problem(policy()))
            return []
