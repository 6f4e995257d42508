"""action_converse: a Tracker in, the exact events out; replies and slot changes come from the engine."""
from rasa_sdk.events import SlotSet

from actions.converse import LISTEN, ActionConverse, message_of, unanswered
from bot.dialogue.engine import STATE_SLOTS
from tests.actions.helpers import run, texts, tracker

ACTION = ActionConverse()
STARTED = {"opened": True, "application_id": "app1", "danger_now": False, "asking": "applying_for",
           "last_questions": ["Are you asking for yourself, or for someone else?"],
           "shown": {"applying_for": 1}}


def slot_events(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_an_answer_sets_exactly_the_slots_it_changed():
    events, messages = run(ACTION, tracker(STARTED, "it's my mum, she's 84"))
    assert events == [SlotSet(k, v) for k, v in slot_events(events).items()] + [LISTEN]  # then it listens
    changed = slot_events(events)
    assert changed["applying_for"] == "someone_else" and changed["relationship"] == "family"
    assert changed["victim_type"] == "individual"
    assert changed["asking"] == "victim_consent"
    assert "danger_now" not in changed and "application_id" not in changed  # unchanged: not sent again
    assert set(changed) <= set(STATE_SLOTS)
    assert "agree to you applying for them?" in texts(messages)


def test_the_first_message_opens_the_conversation():
    events, messages = run(ACTION, tracker({}, "I want to apply for the community trigger", intent="greet"))
    changed = slot_events(events)
    assert changed["opened"] is True and len(changed["application_id"]) == 12
    assert changed["asking"] == "danger_now"
    assert texts(messages).startswith("Yes, let's check whether you can use the Community Trigger")
    assert messages[-1]["buttons"] == [{"title": "Yes, someone is in danger", "payload": "Yes"},
                                       {"title": "No", "payload": "No"}]


def test_danger_now_pauses_with_999_and_keeps_every_answer():
    events, messages = run(ACTION, tracker(STARTED, "he's outside my door right now with a knife"))
    changed = slot_events(events)
    said = changed.pop("danger_said")  # so the same words said again after carrying on are taken as an answer
    assert said and changed == {"paused": "danger", "signposts_given": ["emergency"]} and events[-1] == LISTEN
    assert "call 999 now" in texts(messages) and "Your answers so far are saved" in texts(messages)


def test_a_failure_apologises_with_the_phone_number_and_changes_nothing(monkeypatch):
    import actions.converse as converse

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(converse.Engine, "turn", broken)
    events, messages = run(ACTION, tracker(STARTED, "myself"))
    assert events == [LISTEN]
    assert "Sorry, something went wrong on our side" in texts(messages) and "020 8359 2000" in texts(messages)


def test_a_button_payload_written_as_an_intent_is_read_as_words():
    assert message_of(tracker(STARTED, "/continue", intent="continue")).text == "continue"


def test_try_again_finds_the_message_that_was_never_answered():
    latest = {"text": "try again", "intent": {"name": "continue", "confidence": 0.9}}
    events = [{"event": "action", "name": "action_listen"},
              {"event": "user", "text": "emailed barnet homes last week", "parse_data": {}},
              # the action server was down: no reply
              {"event": "action", "name": "action_listen"},
              {"event": "user", "text": "try again", "parse_data": latest}]
    assert unanswered(tracker(STARTED, "try again", events=events)) == "emailed barnet homes last week"
    answered = events[:2] + [{"event": "bot", "text": "Got it."}] + events[2:]
    assert unanswered(tracker(STARTED, "try again", events=answered)) is None


def test_try_again_reads_the_lost_answer():
    latest = {"text": "try again", "intent": {"name": "continue", "confidence": 0.9}}
    events = [{"event": "user", "text": "for my mum", "parse_data": {}},
              {"event": "user", "text": "try again", "parse_data": latest}]
    out, messages = run(ACTION, tracker(STARTED, "try again", intent="continue", events=events))
    assert slot_events(out)["applying_for"] == "someone_else"
