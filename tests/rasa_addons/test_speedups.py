"""The cheaper check of action server replies accepts and rejects exactly what Rasa's own check does."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import rasa_addons  # noqa: F401  (installs the speed-up, as Rasa's import does)
from rasa_addons import speedups

GOOD = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "reports", "value": [{"org": "police"}]},
                {"event": "active_loop", "name": "application_form"},
                {"event": "followup", "name": "action_listen"}],
     "responses": [{"text": "Thank you.", "buttons": [{"title": "Yes", "payload": "/affirm"}]}]},
    {"events": [{"event": "user_featurization", "use_text_for_featurization": False},
                {"event": "rewind"}, {"event": "restart"}]},
    {},
]
BAD = [
    {"events": [{"event": "slot"}]},                      # slot without a name
    {"events": [{"event": "no_such_event", "name": "x"}]},
    {"events": "not a list"},
    {"responses": [42]},
    [],
]


def test_rasa_is_using_the_cached_check():
    assert RemoteAction._validate_action_result is speedups.validate_action_result


@pytest.mark.parametrize("reply", GOOD)
def test_valid_replies_pass_as_before(reply):
    jsonschema.validate(reply, RemoteAction.action_response_format_spec())  # Rasa's own check agrees
    assert RemoteAction(name="action_x", action_endpoint=None)._validate_action_result(reply) is True


@pytest.mark.parametrize("reply", BAD)
def test_invalid_replies_fail_with_rasas_message(reply):
    with pytest.raises(jsonschema.ValidationError) as rasa_error:
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError) as ours:
        RemoteAction(name="action_x", action_endpoint=None)._validate_action_result(reply)
    assert ours.value.message.startswith(rasa_error.value.message)
    assert "Failed to validate Action server response" in ours.value.message


def test_event_names_resolve_to_rasas_classes():
    from rasa.shared.core import events
    from rasa.shared.utils.common import all_subclasses

    assert events.Event.resolve_by_type is speedups.resolve_event_type
    for cls in all_subclasses(events.Event):
        expected = next(c for c in all_subclasses(events.Event) if c.type_name == cls.type_name)
        assert events.Event.resolve_by_type(cls.type_name) is expected
        assert events.Event.resolve_by_type(cls.type_name) is expected  # remembered, same answer
    assert events.Event.resolve_by_type("topic") is None
    assert events.Event.resolve_by_type("no_such_event", default=events.UserUttered) is events.UserUttered
    with pytest.raises(ValueError, match="Unknown event name"):
        events.Event.resolve_by_type("no_such_event")


def test_a_stored_conversation_reads_back_the_same():
    from rasa.shared.core.events import ActiveLoop, BotUttered, SlotSet, UserUttered, deserialise_events

    stored = [e.as_dict() for e in (UserUttered("hello", {"name": "greet", "confidence": 0.9}),
                                   SlotSet("reports", [{"org": "police"}]), ActiveLoop("application_form"),
                                   BotUttered("Thank you."))]
    assert [e.as_dict() for e in deserialise_events(stored)] == stored


# -- remembered dialogue states ---------------------------------------------------------------

@pytest.fixture(scope="module")
def story_trackers():
    """Seeded synthetic conversations over the assistant's domain, with the undone turns, restarts,
    new sessions and loops that make applied events and dialogue states non-trivial (the dialogue
    itself is one rule, so the training stories alone would exercise little)."""
    import random

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import (ActionExecuted, ActionReverted, ActiveLoop, BotUttered, Restarted,
                                         SessionStarted, SlotSet, UserUttered, UserUtteranceReverted)
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load("domain.yml")
    intents = list(domain.intents)
    slots = [s.name for s in domain.slots if s.name != "requested_slot"]
    rng = random.Random(2026)
    trackers = []
    for n in range(40):
        events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
        for _ in range(rng.randint(8, 25)):
            intent = rng.choice(intents)
            events.append(UserUttered("x", {"name": intent, "confidence": rng.random()}))
            roll = rng.random()
            if roll < 0.08:
                events.append(UserUtteranceReverted())
                continue
            events.append(ActionExecuted("action_converse"))
            for slot in rng.sample(slots, rng.randint(0, 4)):
                events.append(SlotSet(slot, rng.choice([None, True, False, "x", 3, ["a"], {"k": 1}])))
            events.append(BotUttered("ok"))
            if roll < 0.12:
                events.append(ActionReverted())
            elif roll < 0.15:
                events.append(ActiveLoop("a_loop"))
            elif roll < 0.17:
                events.append(ActiveLoop(None))
            elif roll < 0.19:
                events += [Restarted(), ActionExecuted("action_session_start"), SessionStarted()]
            events.append(ActionExecuted("action_listen"))
        tracker = DialogueStateTracker.from_events(f"synthetic-{n}", events, domain.slots)
        tracker.is_rule_tracker = n % 5 == 0
        trackers.append(tracker)
    return domain, trackers


def _as_served(tracker):
    """The training tracker as the server holds one (training trackers remember their own states)."""
    from rasa.shared.core.trackers import DialogueStateTracker

    return DialogueStateTracker.from_events(tracker.sender_id, list(tracker.events), tracker.slots.values())


def _prefixes(tracker):
    """Fresh trackers for every prefix of the conversation, built as Rasa builds them (by appending)."""
    from rasa.shared.core.trackers import DialogueStateTracker

    grown = DialogueStateTracker(tracker.sender_id, tracker.slots.values(), is_rule_tracker=tracker.is_rule_tracker)
    for event in tracker.events:
        grown.update(event)
        yield grown


def test_applied_events_and_states_match_rasas_at_every_step(story_trackers):
    domain, trackers = story_trackers
    rule_only = {"slots": ["paused"], "loops": []}
    compared = 0
    for tracker in trackers:
        for grown in _prefixes(tracker):
            assert grown.applied_events() == speedups._rasa_applied_events(grown)
            for flags in ({}, {"omit_unset_slots": True}, {"ignore_rule_only_turns": True, "rule_only_data": rule_only}):
                for _ in range(2):  # computed, then remembered
                    assert grown.past_states(domain, **flags) == speedups._rasa_past_states(grown, domain, **flags)
            compared += 1
    assert compared > 500


def test_callers_editing_what_they_got_do_not_change_the_next_answer(story_trackers):
    domain, trackers = story_trackers
    tracker = _as_served(max(trackers, key=lambda t: len(t.events)))
    states = tracker.past_states(domain)
    states[-1].clear()
    states[0].setdefault("prev_action", {})["action_name"] = "edited"
    applied = tracker.applied_events()
    applied.clear()
    assert tracker.past_states(domain) == speedups._rasa_past_states(tracker, domain)
    assert tracker.applied_events() == speedups._rasa_applied_events(tracker)


def test_a_new_event_is_taken_into_account(story_trackers):
    from rasa.shared.core.events import ActionExecuted, UserUttered

    domain, trackers = story_trackers
    tracker = _as_served(trackers[0])
    before = tracker.past_states(domain)
    tracker.update(UserUttered("hello", {"name": "greet", "confidence": 1.0}))
    tracker.update(ActionExecuted("action_listen"))
    after = tracker.past_states(domain)
    assert after != before and after == speedups._rasa_past_states(tracker, domain)
    assert tracker.applied_events()[-1] == ActionExecuted("action_listen")
