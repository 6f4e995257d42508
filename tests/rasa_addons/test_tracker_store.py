"""The strict tracker store reads back exactly what Rasa's SQL tracker store reads back."""

import asyncio

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_addons.tracker_store import StrictSQLTrackerStore

DOMAIN = Domain.from_yaml("""
version: "3.1"
slots:
  postcode:
    type: text
    mappings: [{type: custom}]
""")


def _conversation(sender):
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    for n, event in enumerate([
        ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
        UserUttered("hello", {"name": "greet", "confidence": 1.0}), SlotSet("postcode", "N11 2AB"),
        BotUttered("Hello"), ActionExecuted("action_listen"),
        SessionStarted(), ActionExecuted("action_listen"),              # a second session
        UserUttered("it is still going on", {"name": "inform", "confidence": 0.8}), BotUttered("Sorry to hear."),
    ]):
        event.timestamp = 1_700_000_000 + n  # stored order is by id; sessions split on the timestamp
        tracker.update(event)
    return tracker


def test_reads_the_latest_session_and_the_whole_history_like_rasa(tmp_path):
    db = str(tmp_path / "tracker.db")
    strict = StrictSQLTrackerStore(DOMAIN, dialect="sqlite", db=db)
    rasa = SQLTrackerStore(DOMAIN, dialect="sqlite", db=db)
    asyncio.run(strict.save(_conversation("resident-1")))

    latest = asyncio.run(strict.retrieve("resident-1"))
    assert [e.as_dict() for e in latest.events] == [e.as_dict() for e in asyncio.run(rasa.retrieve("resident-1")).events]
    assert latest.events[0] == SessionStarted(timestamp=1_700_000_007)
    assert latest.latest_message.text == "it is still going on"

    full = asyncio.run(strict.retrieve_full_tracker("resident-1"))
    assert [e.as_dict() for e in full.events] == [e.as_dict() for e in asyncio.run(
        rasa.retrieve_full_tracker("resident-1")).events]
    assert len(full.events) == 11 and SlotSet("postcode", "N11 2AB") in full.events

    assert asyncio.run(strict.retrieve("nobody")) is None
