"""The Rasa-side add-ons: the deterministic danger override and the never-silent channels."""
import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.nlu.training_data.message import Message

from rasa_addons.channels import never_silent
from rasa_addons.safety import DangerNow
from tests.run_async import run_async


def classified(text, intent="describe_problem", confidence=0.8):
    return Message(data={"text": text, "intent": {"name": intent, "confidence": confidence},
                         "intent_ranking": [{"name": intent, "confidence": confidence}]})


@pytest.mark.parametrize("text,danger", [
    ("theyre outside banging on the door right now", True),
    ("he's got a knife", True),
    ("they threatened us last week", False),
    ("the music is too loud every night", False),
])
def test_danger_now_overrides_the_classifier(text, danger):
    [message] = DangerNow().process([classified(text, "nlu_fallback")])
    assert (message.get("intent")["name"] == "danger_now") is danger
    if danger:
        assert message.get("intent")["confidence"] == 1.0
        assert message.get("intent_ranking")[0]["name"] == "danger_now"


def _handle(on_new_message):
    channel = CollectingOutputChannel()
    run_async(never_silent(on_new_message)(UserMessage("hi", channel, "s1")))
    return channel.messages


def test_a_turn_with_no_reply_gets_the_apology():
    async def silent(message):
        return None
    [reply] = _handle(silent)
    assert "something went wrong on our side" in reply["text"] and "020 8359 2000" in reply["text"]


def test_a_crash_gets_the_apology_not_a_traceback():
    async def broken(message):
        raise RuntimeError("action server unreachable")
    [reply] = _handle(broken)
    assert "something went wrong on our side" in reply["text"]


def test_a_normal_turn_is_untouched():
    async def normal(message):
        # Rasa sends every bot message through send_response
        await message.output_channel.send_response(message.sender_id, {"text": "Is anyone in danger right now?"})
    assert [m["text"] for m in _handle(normal)] == ["Is anyone in danger right now?"]


@pytest.mark.parametrize("body,words", [
    ([1, 2], "must be a JSON object"),
    ({"message": "hi"}, '"sender" must be'),
    ({"sender": "", "message": "hi"}, '"sender" must be'),
    ({"sender": "x" * 201, "message": "hi"}, "at most 200"),
    ({"sender": "a", "message": 42}, '"message" must be text'),
    ({"sender": "a", "message": "x" * 5001}, "at most 5,000 characters"),
    ({"sender": "a", "message": "hi\x00there"}, "NUL"),
    ({"sender": "a", "message": "hi \ud800"}, "unpaired surrogate"),   # what json.loads makes of "\\ud800"
    ({"sender": "\udfff", "message": "hi"}, '"sender" must be valid Unicode text'),
    ({"sender": "web-1:other", "message": "hi"}, '"sender" may only contain'),
    ({"sender": "a b", "message": "hi"}, '"sender" may only contain'),
    ({"sender": "-a", "message": "hi"}, '"sender" may only contain'),
    ({"sender": "a", "message": "hi", "metadata": {"x": "y" * 10}}, 'remove \'metadata\''),
    ({"sender": "a", "message": "hi", "input_channel": "x"}, "Only \"sender\" and \"message\""),
    ({"sender": "a", "message": "hi"}, None),
    ({"sender": "web-3f9a0b_1.x", "message": "hi"}, None),
    ({"sender": "a", "message": "we're scared \U0001F622"}, None),
    ({"sender": "a", "message": ""}, None),
])
def test_rest_request_problems_are_named(body, words):
    from rasa_addons.channels import request_problem
    problem = request_problem(body)
    assert (problem is None) if words is None else (words in problem)


def test_a_turn_the_store_could_not_keep_is_replaced_by_the_apology():
    from rasa_addons.tracker_store import ConversationStoreUnavailable

    async def unsaved(message):
        await message.output_channel.send_response(message.sender_id, {"text": "Where is it happening?"})
        raise ConversationStoreUnavailable("OperationalError")
    [reply] = _handle(unsaved)
    assert "something went wrong on our side" in reply["text"]
