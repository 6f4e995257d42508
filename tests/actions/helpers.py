"""Building rasa_sdk Trackers the way Rasa sends them to the action server."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from tests.run_async import run_async

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())


def slot(name: str, value: Any) -> Dict[str, Any]:
    return SlotSet(name, value)


def tracker(slots: Optional[Dict[str, Any]] = None, text: str = "", intent: str = "inform",
            confidence: float = 0.99, requested: Optional[str] = None, answered: bool = True,
            active_loop: Optional[str] = "application_form", events: Optional[List[Dict]] = None) -> Tracker:
    """A tracker whose latest message is `text`.

    `answered=True`: the message is a direct answer to the form's question
    (action_listen, user, form). Otherwise the form runs after another action
    (a re-activation after "carry on").
    """
    values = {name: None for name in DOMAIN["slots"]}
    values.update(slots or {})
    values["requested_slot"] = requested
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}
    if events is None:
        events = [{"event": "action", "name": "action_listen"},
                  {"event": "user", "text": text, "parse_data": latest}]
        if not answered:
            events.append({"event": "action", "name": "action_start_or_resume"})
        if active_loop:
            events += [{"event": "slot", "name": "requested_slot", "value": requested},
                       {"event": "action", "name": active_loop}]
    return Tracker("test-sender", values, latest, events, False, None,
                   {"name": active_loop} if active_loop else {}, "action_listen")


def run(action, t: Tracker):
    dispatcher = CollectingDispatcher()
    events = run_async(action.run(dispatcher, t, DOMAIN))
    return events, dispatcher.messages


def texts(messages: List[Dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


# Answers that get a resident as far as the reports, for building states.
STARTED = {"danger_now": False, "applying_for": "self", "victim_type": "individual", "ongoing_complaint": False,
           "route": "three_reports"}
REPORTS = [
    {"organisation": "the Met", "organisation_category": "police", "date": "2026-02-02", "date_text": "2 Feb",
     "reference": "CAD 5521/02FEB", "person": None, "reporter": "the applicant", "outcome": "nothing happened",
     "approximate": False},
    {"organisation": "Clarion", "organisation_category": "housing_provider", "date": "2026-03-03",
     "date_text": "last week", "reference": None, "person": None, "reporter": "the applicant", "outcome": "none",
     "approximate": True},
    {"organisation": "environmental health", "organisation_category": "council", "date": "2026-03-05",
     "date_text": "5 March", "reference": "ENV-1", "person": None, "reporter": "the applicant",
     "outcome": "nothing", "approximate": False},
]
PROBLEM = {"reports_done": True, "asb_description": "Loud music every night", "asb_location": "Oak Road",
           "in_area": True, "asb_since": "last summer", "asb_impact": "No sleep", "vulnerability": "No",
           "problem_continuing": True}
CONTACT = {"outcome": "eligible", "no_action_taken": True, "consent_to_share": True, "applicant_name": "Jo Bloggs",
           "contact": "given", "contact_phone": "07700 900123", "contact_email": "jo@example.org",
           "preferred_contact": "text", "contact_notes": "No"}
