"""Input channels that never leave a resident in silence.

If a turn produces no reply (the action server is down or an action failed,
which Rasa only logs), the resident gets an apology with the Community Safety
Team's phone number from the policy. Nothing collected is lost: the tracker
store keeps the conversation, and the same question is asked again on the next
message. Exceptions are logged without the message text (it is personal data).
"""
from __future__ import annotations

import json
import os
import re
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput
from sanic import response

from bot.dialogue import messages
from rasa_addons.rate_limits import ChannelLimits, Refusal
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


def client_address(request: Any) -> str:
    """The sender's network address: the proxy's X-Forwarded-For entry when Rasa is told how many proxies
    stand in front of it (TRIGGER_PROXY_COUNT, set as Sanic's PROXIES_COUNT), else the socket's."""
    return (getattr(request, "remote_addr", "") or getattr(request, "ip", "") or "unknown")[:64]


def allowed_origins() -> Optional[List[str]]:
    """The chat page's origins (TRIGGER_CORS_ORIGINS, the same list Rasa's --cors gets); None when unset,
    which lets socket.io accept only its own origin."""
    origins = [o.strip() for o in os.environ.get("TRIGGER_CORS_ORIGINS", "").split(",") if o.strip()]
    return origins or None


async def trust_proxies(app: Any, _loop: Any = None) -> None:
    from bot.ops.config import proxy_count
    app.config.PROXIES_COUNT = proxy_count()


def _refused(refusal: Refusal) -> Any:
    return response.json({"error": refusal.message}, status=429, headers={"Retry-After": str(refusal.retry_after)})


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
        blueprint.listener("before_server_start")(trust_proxies)
        limits = ChannelLimits()

        @blueprint.middleware("request")
        async def validate(request):
            if request.method != "POST" or not request.path.rstrip("/").endswith("/webhook"):
                return None
            address = client_address(request)
            refusal = limits.check_address(address)  # garbage counts too
            if refusal:
                return _refused(refusal)
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
            refusal = limits.check_conversation(body["sender"])
            if refusal:
                return _refused(refusal)
            return None

        return blueprint


class ResilientSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel, never silent, with the REST channel's checks: the same input check
    (request_problem), the same rate limits, the same allowed origins, and a bounded packet size.
    A refused message gets a "refused" event with {"error": "..."} instead of a reply."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message):
        blueprint = super().blueprint(never_silent(on_new_message))
        blueprint.listener("after_server_start")(settle_heap)
        blueprint.listener("before_server_start")(trust_proxies)
        sio = self.sio
        sio.eio.cors_allowed_origins = allowed_origins()
        sio.eio.max_http_buffer_size = MAX_BODY_BYTES
        namespace = self.namespace or "/"
        rasa_session_request = sio.handlers[namespace]["session_request"]
        rasa_message = sio.handlers[namespace][self.user_message_evt]
        limits = ChannelLimits()

        async def refuse(sid: str, error: str) -> None:
            await sio.emit("refused", {"error": error}, room=sid, namespace=self.namespace)

        def address_of(sid: str) -> str:
            environ = sio.get_environ(sid, namespace=self.namespace) or {}
            return client_address(environ.get("sanic.request"))

        async def session_request(sid: str, data: Any) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if session_id is not None:
                problem = request_problem({"sender": session_id, "message": ""})
                if problem:
                    return await refuse(sid, problem.replace('"sender"', '"session_id"'))
            await rasa_session_request(sid, {"session_id": session_id} if session_id else {})

        async def user_message(sid: str, data: Any) -> None:
            refusal = limits.check_address(address_of(sid))
            if refusal:
                return await refuse(sid, refusal.message)
            if not isinstance(data, dict):
                return await refuse(sid, 'The message must be an object like {"message": "hello", "session_id": '
                                         '"abc123"}.')
            extra = sorted(str(k)[:40] for k in data if k not in ("message", "session_id"))
            if extra:
                return await refuse(sid, f'Only "message" and "session_id" are accepted; remove '
                                         f'{", ".join(repr(k) for k in extra[:5])}. (Metadata is not stored.)')
            sender = data.get("session_id") if self.session_persistence else sid
            problem = request_problem({"sender": sender if sender is not None else "", "message": data.get("message")})
            if problem:
                return await refuse(sid, problem.replace('"sender"', '"session_id"'))
            refusal = limits.check_conversation(sender)
            if refusal:
                return await refuse(sid, refusal.message)
            await rasa_message(sid, {"message": data["message"], "session_id": data.get("session_id")})

        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, user_message, namespace=self.namespace)
        return blueprint
