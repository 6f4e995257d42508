"""Building rasa_sdk Trackers the way Rasa sends them to the action server."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from tests.run_async import run_async

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())


def tracker(slots: Optional[Dict[str, Any]] = None, text: str = "", intent: str = "inform",
            confidence: float = 0.99, events: Optional[List[Dict]] = None) -> Tracker:
    """A tracker whose latest message is `text`, with the slots (the engine's state) as given."""
    values = {name: None for name in DOMAIN["slots"]}
    values.update(slots or {})
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}
    if events is None:
        events = [{"event": "action", "name": "action_listen"},
                  {"event": "user", "text": text, "parse_data": latest}]
    return Tracker("test-sender", values, latest, events, False, None, {}, "action_listen")


def run(action, t: Tracker):
    dispatcher = CollectingDispatcher()
    events = run_async(action.run(dispatcher, t, DOMAIN))
    return events, dispatcher.messages


def texts(messages: List[Dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)
