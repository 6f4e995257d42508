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
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Optional

from jsonschema import ValidationError, exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
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


def install() -> None:
    if RemoteAction._validate_action_result is not validate_action_result:
        RemoteAction._validate_action_result = validate_action_result
    if Event.resolve_by_type is not resolve_event_type:
        Event.resolve_by_type = staticmethod(resolve_event_type)


__all__ = ["install", "validate_action_result", "ValidationError"]
