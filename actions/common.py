"""What the action shares: the policy, the report reader, the drafts store,
today's date, and how a reply is sent."""
from __future__ import annotations

import functools
import logging
import traceback

from rasa_sdk.executor import CollectingDispatcher

from bot.dialogue import messages
from bot.dialogue.language import ReportReader, load_pipeline
from bot.drafts import DraftStore
from bot.ops import config
from bot.rules import clock
from bot.rules.policy import Policy, load_policy

log = logging.getLogger("actions")


def policy() -> Policy:
    return load_policy()  # cached; re-read only when the file changes


@functools.lru_cache(maxsize=4)
def _reader(policy_path: str, policy_version: str) -> ReportReader:
    path = config.nlp_path()
    nlp = load_pipeline(path) if (path / "meta.json").exists() else None
    return ReportReader(policy(), nlp)


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


def log_failure(name: str, exc: BaseException) -> None:
    """Where it failed, never what the resident typed: exception messages can hold personal data."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f"{frame.filename}:{frame.lineno}" if frame else "?"
    log.error("action %s failed: %s at %s", name, type(exc).__name__, where)
