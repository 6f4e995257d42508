"""The actions around the form: asking, starting and resuming, interruptions, finishing."""
import json

import pytest
from rasa_sdk.events import FollowupAction

from actions import asking, conversation as conv
from actions.common import store
from bot.dialogue.flow import all_form_slots
from bot.rules.policy import load_policy
from tests.actions.helpers import CONTACT, DOMAIN, PROBLEM, REPORTS, STARTED, run, slot, texts, tracker


def test_every_form_slot_has_a_question_and_the_domain_lists_it():
    for name in all_form_slots(load_policy()):
        assert f"action_ask_{name}" in DOMAIN["actions"]
    events, messages = run(asking.AskVictimType(), tracker({"applying_for": "someone_else", "victim_name": "Harold"}))
    assert events == []
    assert messages[0]["text"] == "Is Harold a person, a business or a community group?"
    assert [b["title"] for b in messages[0]["buttons"]] == ["A person", "A business", "A community group"]


def test_asking_for_another_report_says_back_the_report_and_the_progress():
    state = {**STARTED, "reports": REPORTS[:1], "report_organisation": "Clarion", "report_org_say": "Clarion",
             "report_org_category": "housing_provider", "report_date": "2026-03-03", "report_date_text": "last week",
             "report_date_approx": True, "report_details": "none", "report_outcome": "nothing"}
    _, messages = run(asking.AskAnotherReport(), tracker(state))
    assert messages[0]["text"] == ("Got it: Clarion, around 3 March 2026.\nThat's 2 reports. You need 3 reports in "
                                   "the last six months.\nHave you reported it another time?")


def test_asking_to_confirm_shows_the_numbered_summary():
    _, messages = run(asking.AskSummaryConfirmed(), tracker({**STARTED, "reports": REPORTS, **PROBLEM, **CONTACT}))
    summary = messages[0]["text"]
    assert summary.startswith("Here is everything I have. Please check it:\n1. Applying for: yourself.")
    assert "3. Report 1: the Met, 2 February 2026, reference CAD 5521/02FEB" in summary
    assert "Contact: 07700 900123, jo@example.org. Preferred: text message." in summary
    assert messages[1]["text"].startswith("Is everything correct?")


def test_start_welcomes_and_keeps_the_first_description():
    t = tracker(text="hi the family next door have been blasting music every night", intent="describe_problem",
                active_loop=None)
    events, messages = run(conv.ActionStartOrResume(), t)
    assert texts(messages).startswith("I'm sorry you're going through this. If anyone is in danger right now, call 999.")
    assert slot("first_message", "The family next door have been blasting music every night") in events
    assert any(e["name"] == "application_id" and e["value"] for e in events)


def test_start_for_someone_else_takes_it_as_said():
    t = tracker(text="can I do this for my mum", intent="ask_on_behalf", active_loop=None)
    events, messages = run(conv.ActionStartOrResume(), t)
    assert slot("applying_for", "someone_else") in events and slot("relationship", "family") in events
    assert "You can apply for someone else, as long as they agree." in texts(messages)


def test_resume_asks_again_any_answer_that_stopped_the_form():
    t = tracker({**STARTED, "danger_now": True, "application_id": "a1"}, text="carry on", intent="continue",
                active_loop=None)
    events, messages = run(conv.ActionStartOrResume(), t)
    assert texts(messages) == "Let's carry on from where we were."
    assert slot("danger_now", None) in events and slot("paused", None) in events


def test_resume_after_an_ending_answer_says_why_the_question_comes_back():
    t = tracker({**STARTED, "ongoing_complaint": True, "application_id": "a1"}, text="i emailed barnet homes",
                intent="give_report", active_loop=None)
    events, messages = run(conv.ActionStartOrResume(), t)
    assert texts(messages) == ("Let's go back to that last question, in case the answer has changed or you meant "
                               "something else.")
    assert slot("ongoing_complaint", None) in events


def test_start_again_asks_first_then_clears_everything():
    state = {**STARTED, "reports": REPORTS, "application_id": "a1"}
    events, messages = run(conv.ActionConfirmRestart(), tracker(state, text="start again", active_loop=None))
    assert events == [slot("confirming_restart", True)]
    assert "This clears the answers you've given" in texts(messages)
    events, messages = run(conv.ActionStartOrResume(), tracker({**state, "confirming_restart": True}, text="yes",
                                                               intent="affirm", active_loop=None))
    assert slot("reports", None) in events and slot("danger_now", None) in events
    new_id = [e["value"] for e in events if e["name"] == "application_id"][-1]
    assert new_id and new_id != "a1"
    assert texts(messages).startswith("OK, let's start again.")


def test_start_again_with_nothing_to_lose_starts_at_once():
    events, _ = run(conv.ActionConfirmRestart(), tracker({}, text="start again", active_loop=None))
    assert FollowupAction("application_form") in events


def test_finish_saves_the_draft_once_and_gives_the_reference():
    state = {**STARTED, "reports": REPORTS, **PROBLEM, **CONTACT, "summary_confirmed": True, "application_id": "a1"}
    events, messages = run(conv.ActionFinish(), tracker(state, active_loop=None))
    [reference] = [e["value"] for e in events if e["name"] == "draft_reference"]
    assert reference == "CT-" + reference[3:7] + "-00001"
    assert f"Your application is saved. Your reference is {reference}." in texts(messages)
    assert "by text message" in texts(messages)
    [draft] = store().export()
    assert draft["conversation_id"] == "test-sender:a1" and draft["decision"]["eligible"] is True
    # the same conversation finishing again does not write a second draft
    events, messages = run(conv.ActionFinish(), tracker(state, active_loop=None))
    assert "already saved" in texts(messages) and len(store().export()) == 1


def test_finish_when_the_database_is_down_says_so_and_keeps_everything(monkeypatch):
    from bot.drafts import StoreUnavailable
    monkeypatch.setattr(type(store()), "save", lambda *a, **k: (_ for _ in ()).throw(StoreUnavailable("down")))
    state = {**STARTED, "reports": REPORTS, **PROBLEM, **CONTACT, "summary_confirmed": True, "application_id": "a1"}
    events, messages = run(conv.ActionFinish(), tracker(state, active_loop=None))
    assert events == []
    assert "I couldn't save your application just now" in texts(messages)


def test_finish_not_eligible_explains_and_signposts():
    state = {**STARTED, "reports": REPORTS[:2], "reports_done": True, "outcome": "not_enough_reports"}
    events, messages = run(conv.ActionFinish(), tracker(state, active_loop=None))
    assert events == [slot("outcome", "not_enough_reports")]
    text = texts(messages)
    assert "Right now you have 2 reports that count in the last six months" in text
    assert "Report it to Barnet Police on 101" in text and "020 8359 2000" in text


def test_finish_after_danger_repeats_999():
    _, messages = run(conv.ActionFinish(), tracker({"danger_now": True}, active_loop=None))
    assert texts(messages).startswith("Please call 999 now.")


def test_danger_mid_form_pauses():
    events, messages = run(conv.ActionDanger(), tracker(STARTED, text="help they're here"))
    assert events == [slot("paused", "danger")]
    assert messages[0]["text"].startswith("If you are in danger, call 999 now. Your answers so far are saved.")
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/continue", "/stop"]


def test_no_after_a_danger_pause_carries_on():
    events, messages = run(conv.ActionGoodbye(), tracker({**STARTED, "paused": "danger"}, text="no", intent="deny",
                                                         active_loop=None))
    assert events == [slot("paused", None), FollowupAction("application_form")]
    events, messages = run(conv.ActionGoodbye(), tracker(STARTED, text="no", intent="deny", active_loop=None))
    assert events == [] and texts(messages).startswith("Goodbye.")


def test_no_after_999_on_the_first_message_begins_the_questions():
    # "they're outside smashing the windows" first, then "no": not in danger, so begin (not goodbye)
    events, messages = run(conv.ActionDanger(), tracker({}, text="they're outside smashing my windows now",
                                                        active_loop=None))
    assert events == [slot("paused", "danger")] and texts(messages).startswith("Please call 999 now.")
    events, messages = run(conv.ActionGoodbye(), tracker({"paused": "danger"}, text="no", intent="deny",
                                                         active_loop=None))
    assert events[-2:] == [slot("paused", None), FollowupAction("application_form")]
    assert any(e["name"] == "application_id" and e["value"] for e in events)
    assert texts(messages).startswith("Hello. If anyone is in danger right now, call 999.")


@pytest.mark.parametrize("intent,words", [
    ("ask_what_is_trigger", "ASB Case Review"), ("ask_what_is_asb", "harassment, alarm or distress"),
    ("ask_privacy", "not shared with the people you are complaining about"), ("ask_how_long", "2 to 3 working days"),
    ("ask_what_next", "Deputy Director"), ("ask_on_behalf", "as long as that person agrees"),
])
def test_questions_are_answered_from_the_policy(intent, words):
    _, messages = run(conv.ActionAnswerQuestion(), tracker(STARTED, intent=intent))
    assert words in texts(messages)


@pytest.mark.parametrize("action,words", [
    (conv.ActionHumanHandoff, "020 8359 2000"), (conv.ActionStop, "Nothing has been sent"),
    (conv.ActionOutOfScope, "I can only help with the Community Trigger"),
    (conv.ActionBotChallenge, "not a person"), (conv.ActionCrime, "can't be used to report a crime"),
    (conv.ActionComplaint, "Independent Office for Police Conduct"),
])
def test_interruptions_say_the_right_thing(action, words):
    events, messages = run(action(), tracker(STARTED, active_loop=None))
    assert events == [] and words in texts(messages)


def test_any_action_failure_becomes_an_apology_with_the_phone_number(monkeypatch):
    monkeypatch.setattr(conv.ActionHumanHandoff, "reply", staticmethod(lambda p: (_ for _ in ()).throw(KeyError("x"))))
    events, messages = run(conv.ActionHumanHandoff(), tracker(STARTED))
    assert events == [] and "something went wrong on our side" in texts(messages) and "020 8359 2000" in texts(messages)


def test_fallback_outside_the_form_helps_and_listens_again():
    from rasa_sdk.events import UserUtteranceReverted
    events, messages = run(conv.ActionFallback(), tracker(STARTED, text="asdfgh", active_loop=None))
    assert events == [UserUtteranceReverted()] and "didn't understand" in texts(messages)


def test_fallback_mid_form_asks_the_pending_question_again():
    from rasa_sdk.events import UserUtteranceReverted
    events, messages = run(conv.ActionFallback(), tracker(STARTED, text="", requested="another_report"))
    assert events == [UserUtteranceReverted(), FollowupAction("application_form")]
    assert texts(messages) == "Please type your answer, or choose one of the options."
