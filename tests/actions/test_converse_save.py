"""action_converse saving the draft: a draft the store refuses is an apology with the phone number, every answer
kept and nothing written, never a crash (issue 12, item 5)."""
import logging

from actions.converse import ActionConverse
from bot.drafts import DraftStore
from tests.actions.helpers import run, texts, tracker
from tests.bot.dialogue.test_engine import THREE_REPORTS

ACTION = ActionConverse()


def play(lines, slots=None):
    """The conversation through the action, the slots carried from turn to turn as Rasa would."""
    slots = dict(slots or {})
    messages = []
    for line in lines:
        events, messages = run(ACTION, tracker(slots, line, intent=None, confidence=0.0))
        slots.update({e["name"]: e["value"] for e in events if e["event"] == "slot"})
    return slots, messages


def test_a_conversation_through_the_action_saves_one_draft_with_its_sender_id(monkeypatch):
    monkeypatch.setenv("TRIGGER_TODAY", "2026-11-26")
    slots, messages = play(THREE_REPORTS)
    assert "Your reference is CT-2026-00001" in texts(messages)
    [draft] = DraftStore().export()
    assert draft["sender_id"] == "test-sender" and draft["conversation_id"] == f"test-sender:{slots['application_id']}"
    assert draft["applicant"]["name"] == "Jo Bloggs"


def test_a_draft_the_store_refuses_is_an_apology_and_every_answer_is_kept(monkeypatch, caplog):
    monkeypatch.setenv("TRIGGER_TODAY", "2026-11-26")
    slots, _ = play(THREE_REPORTS[:-1])
    assert slots["asking"] == "summary_confirmed"
    # A hand-made tracker: a name the conversation itself would have refused.
    slots["applicant_name"] = "<script>alert(1)</script>"
    with caplog.at_level(logging.ERROR, logger="actions"):
        events, messages = run(ACTION, tracker(slots, THREE_REPORTS[-1], intent=None, confidence=0.0))
    said = texts(messages)
    assert "couldn't save your application" in said and "Nothing is lost" in said and "020 8359 2000" in said
    changed = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert changed.get("paused") == "save_failed" and "draft_reference" not in changed
    assert all(value is not None for key, value in changed.items() if key not in ("asking",)), changed
    assert DraftStore().count() == 0
    # The log says which field and why, never what was typed.
    assert "applicant.name: That doesn't look like a name" in caplog.text and "<script>" not in caplog.text


def test_control_and_direction_characters_typed_in_answers_are_dropped_so_the_draft_still_saves(monkeypatch):
    monkeypatch.setenv("TRIGGER_TODAY", "2026-11-26")
    lines = list(THREE_REPORTS)
    lines[0] = "the family next door play loud music\u202e every night\x00 and shout abuse at us"
    lines[lines.index("Jo Bloggs")] = "\u2066Jo Bloggs\u2069"
    _, messages = play(lines)
    assert "Your reference is CT-2026-00001" in texts(messages)
    [draft] = DraftStore().export()
    assert draft["applicant"]["name"] == "Jo Bloggs"
    assert draft["asb"]["description"].lower().startswith("the family next door play loud music every night and shout")
