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
