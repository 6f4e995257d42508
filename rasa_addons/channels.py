"""Input channels that never leave a resident in silence.

If a turn produces no reply (the action server is down or an action failed,
which Rasa only logs), the resident gets an apology with the Community Safety
Team's phone number from the policy. Nothing collected is lost: the tracker
store keeps the conversation, and the same question is asked again on the next
message. Exceptions are logged without the message text (it is personal data).
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, List

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput

from bot import messages
from bot.policy import load_policy

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
        except Exception as exc:  # noqa: BLE001 - reported to the resident below
            log.error("message handling failed for a conversation: %s", type(exc).__name__)
        if not sent:
            await send(message.sender_id, {"text": _apology()})

    return handle


class ResilientRestInput(RestInput):
    """Rasa's REST channel (`POST /webhooks/rest/webhook`), never silent."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message):
        return super().blueprint(never_silent(on_new_message))


class ResilientSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel, never silent."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message):
        return super().blueprint(never_silent(on_new_message))
