"""Take repeated, unchanging work out of Rasa's turn.

Found with a profiler under load (bench/load.py, docs/performance.md); each
change keeps Rasa's behaviour and has a test that compares it with Rasa's own.

1. Rasa 3.6 checks each reply from the action server with `jsonschema.validate`,
which first re-checks the schema itself against the JSON Schema meta-schema.
That re-check is the same work every time and took more than half of the Rasa
server's CPU per turn in our load benchmark (bench/load.py). Here the
validator is built once; the reply is still checked against the same schema and
a bad reply fails with the same error as before.

2. Every stored event is turned back into an object on every turn, and for
each one Rasa walks the whole class tree of events to find the class with
that name. Here the name-to-class lookup is remembered.

3. To predict one next action, each of the three policies works out the
dialogue states of the whole conversation so far, and several parts of Rasa
work out the "applied events" (the history without undone turns) again and
again: about seven times a turn, each time walking the whole conversation, so
a turn got slower the longer the conversation. Both only depend on the events,
which Rasa only ever appends; here each tracker remembers them until its events
change. Callers get their own copies, as before, since some of them edit what
they get.

4. The server holds millions of long-lived objects once the model is loaded
(TensorFlow, spaCy, the domain). Python's full garbage collection walked all
of them every few seconds under load, stopping every turn in that worker for
a quarter to half a second: the slowest 5% of turns. Once the model is loaded,
`settle_heap` moves what exists to the permanent generation, which the
collector skips.
"""

from __future__ import annotations

import gc
from functools import lru_cache
from typing import Any, Dict, Optional

from jsonschema import ValidationError, exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.constants import DOCS_BASE_URL

_ADVICE = (
    ". Failed to validate Action server response from API, "
    "make sure your response from the Action endpoint is valid. "
    "For more information about the format visit "
    f"{DOCS_BASE_URL}/custom-actions"
)


@lru_cache(maxsize=1)
def _reply_validator():
    spec = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(spec)
    cls.check_schema(spec)  # once, not on every reply
    return cls(spec)


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    error = exceptions.best_match(_reply_validator().iter_errors(result))
    if error is not None:
        error.message += _ADVICE
        raise error
    return True


_rasa_resolve_by_type = Event.resolve_by_type
_event_classes: Dict[str, type] = {}


def resolve_event_type(type_name: str, default: Optional[type] = None) -> Optional[type]:
    known = _event_classes.get(type_name)
    if known is not None:
        return known
    found = _rasa_resolve_by_type(type_name, default)  # raises for an unknown name, as before
    if found is not None and found is not default:
        _event_classes[type_name] = found
    return found


class _TrackerMemo:
    """What a tracker worked out from its events, valid while they stay the same.

    Never copied with the tracker: a copy works its own out."""

    __slots__ = ("events", "length", "last", "applied", "states")

    def __init__(self) -> None:
        self.events = None
        self.length = -1
        self.last = None
        self.applied: Optional[list] = None
        self.states: Dict[Any, list] = {}

    def __copy__(self):
        return _TrackerMemo()

    def __deepcopy__(self, memo):
        return _TrackerMemo()

    def current_for(self, tracker: DialogueStateTracker) -> "_TrackerMemo":
        events = tracker.events
        last = events[-1] if events else None
        if events is not self.events or len(events) != self.length or last is not self.last:
            self.events, self.length, self.last = events, len(events), last
            self.applied, self.states = None, {}
        return self


def _memo(tracker: DialogueStateTracker) -> _TrackerMemo:
    memo = tracker.__dict__.get("_trigger_memo")
    if memo is None:
        memo = tracker.__dict__["_trigger_memo"] = _TrackerMemo()
    return memo.current_for(tracker)


_rasa_applied_events = DialogueStateTracker.applied_events
_rasa_past_states = DialogueStateTracker.past_states


def applied_events(self: DialogueStateTracker) -> list:
    memo = _memo(self)
    if memo.applied is None:
        memo.applied = _rasa_applied_events(self)
    return list(memo.applied)


def past_states(self: DialogueStateTracker, domain, omit_unset_slots: bool = False,
                ignore_rule_only_turns: bool = False, rule_only_data: Optional[Dict[str, Any]] = None) -> list:
    memo = _memo(self)
    key = (id(domain), omit_unset_slots, ignore_rule_only_turns, _frozen(rule_only_data))
    cached = memo.states.get(key)
    if cached is None or cached[0] is not domain:
        states = _rasa_past_states(self, domain, omit_unset_slots=omit_unset_slots,
                                   ignore_rule_only_turns=ignore_rule_only_turns, rule_only_data=rule_only_data)
        cached = memo.states[key] = (domain, _copy_states(states))
    return _copy_states(cached[1])


def _copy_states(states: list) -> list:
    # A state maps "user", "prev_action", "slots", ... to a flat dict of strings and tuples.
    return [{part: dict(features) for part, features in state.items()} for state in states]


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, set)):
        return tuple(_frozen(v) for v in value)
    return value


_settled = False


def settle_heap(*_args: Any) -> None:
    """Call once the model is loaded (a Sanic `after_server_start` listener)."""
    global _settled
    if not _settled:
        gc.collect()
        gc.freeze()
        _settled = True


def install() -> None:
    if RemoteAction._validate_action_result is not validate_action_result:
        RemoteAction._validate_action_result = validate_action_result
    if Event.resolve_by_type is not resolve_event_type:
        Event.resolve_by_type = staticmethod(resolve_event_type)
    if DialogueStateTracker.applied_events is not applied_events:
        DialogueStateTracker.applied_events = applied_events
        DialogueStateTracker.past_states = past_states


__all__ = ["install", "validate_action_result", "ValidationError"]

