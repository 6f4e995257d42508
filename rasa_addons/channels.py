"""Input channels that never leave a resident in silence.

If a turn produces no reply (the action server is down or an action failed,
which Rasa only logs), the resident gets an apology with the Community Safety
Team's phone number from the policy. Nothing collected is lost: the tracker
store keeps the conversation, and the same question is asked again on the next
message. Exceptions are logged without the message text (it is personal data).
"""
from __future__ import annotations

import json
import re
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput
from sanic import response

from bot.dialogue import messages
from rasa_addons.speedups import settle_heap
from rasa_addons.tracker_store import ConversationStoreUnavailable
from bot.rules.policy import load_policy

log = logging.getLogger(__name__)


def _apology() -> str:
    try:
        return messages.technical_problem(load_policy()).text
    except Exception:  # noqa: BLE001 - a broken policy must not silence the apology
        return ("Sorry, something went wrong on our side. Please try again in a minute. If anyone is in danger, "
                "call 999.")


def never_silent(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
    async def handle(message: UserMessage) -> None:
        channel = message.output_channel
        sent: List[Dict[str, Any]] = []
        send = channel.send_response

        async def counting(recipient_id: str, reply: Dict[str, Any]) -> None:
            sent.append(reply)
            await send(recipient_id, reply)

        channel.send_response = counting  # type: ignore[method-assign]
        try:
            await on_new_message(message)
        except ConversationStoreUnavailable as exc:
            # The turn was not stored: whatever it said must not be taken as said.
            log.error("conversation store unavailable: %s", exc)
            if isinstance(channel, CollectingOutputChannel):
                channel.messages.clear()
            sent.clear()
        except Exception as exc:  # noqa: BLE001 - reported to the resident below
            log.error("message handling failed for a conversation: %s", type(exc).__name__)
        if not sent:
            await send(message.sender_id, {"text": _apology()})

    return handle


MAX_MESSAGE_CHARS = 5000
MAX_SENDER_CHARS = 200
MAX_BODY_BYTES = 64 * 1024  # a 5,000-character message escaped as JSON is well inside this
# Letters, digits, "-", "_" and "." only: a conversation id is shown and looked up by staff, so it must
# never carry a separator (":") or anything that reads as text
SENDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
ACCEPTED_KEYS = {"sender", "message"}


def request_problem(body: Any) -> Optional[str]:
    """What is wrong with a REST webhook body, in words an integrator can act on."""
    if not isinstance(body, dict):
        return 'The body must be a JSON object like {"sender": "abc123", "message": "hello"}.'
    extra = sorted(str(k)[:40] for k in body if k not in ACCEPTED_KEYS)
    if extra:
        return (f'Only "sender" and "message" are accepted; remove {", ".join(repr(k) for k in extra[:5])}. '
                "(Metadata is not stored.)")
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not sender.strip():
        return '"sender" must be a text identifying the conversation, like "abc123".'
    if len(sender) > MAX_SENDER_CHARS:
        return f'"sender" must be at most {MAX_SENDER_CHARS} characters.'
    if not isinstance(message, str):
        return '"message" must be text.'
    if len(message) > MAX_MESSAGE_CHARS:
        return f'"message" is too long: at most {MAX_MESSAGE_CHARS:,} characters.'
    if "\x00" in message or "\x00" in sender:
        return '"message" and "sender" must not contain NUL characters.'
    for name, value in (("message", message), ("sender", sender)):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f'"{name}" must be valid Unicode text: it contains an unpaired surrogate escape such as "\\ud800".'
    if not SENDER.fullmatch(sender):
        return '"sender" may only contain letters, digits, "-", "_" and ".", like "web-3f9a".'
    return None


async def _plain_root(request: Any) -> Any:
    return response.text("The assistant is running.")


async def hide_version(app: Any, _loop: Any = None) -> None:
    """Rasa's GET / says "Hello from Rasa: 3.6.x": telling anyone which version runs helps an attacker
    pick an exploit. The same check, without the version."""
    for route in app.router.routes:
        if route.path in ("", "/") and "GET" in route.methods:
            route.handler = _plain_root


class ResilientRestInput(RestInput):
    """Rasa's REST channel (`POST /webhooks/rest/webhook`): never silent, and
    bad requests get a 400 saying what is wrong instead of a server error."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message):
        blueprint = super().blueprint(never_silent(on_new_message))
        blueprint.listener("after_server_start")(settle_heap)  # the model is loaded by then
        blueprint.listener("before_server_start")(hide_version)

        @blueprint.middleware("request")
        async def validate(request):
            if request.method != "POST" or not request.path.rstrip("/").endswith("/webhook"):
                return None
            if len(request.body or b"") > MAX_BODY_BYTES:
                return response.json({"error": f"The body is too large: at most {MAX_BODY_BYTES // 1024} KB."},
                                     status=413)
            try:
                body = json.loads(request.body or b"null")
            except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: JSON nested too deep
                body = None
            problem = request_problem(body)
            if problem:
                return response.json({"error": problem}, status=400)
            return None

        return blueprint


class ResilientSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel, never silent."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message):
        blueprint = super().blueprint(never_silent(on_new_message))
        blueprint.listener("after_server_start")(settle_heap)
        return blueprint
