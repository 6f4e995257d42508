"""The socket.io channel (for the web page) and the SQL tracker store (conversations survive a restart)."""
import threading

import pytest
import socketio

from tests.e2e.scripts import REPORTS, START

pytestmark = pytest.mark.e2e


def test_socketio_channel_answers(servers):
    client = socketio.Client(reconnection=False)
    replies, done = [], threading.Event()

    @client.on("bot_uttered")
    def on_reply(data):
        replies.append(data)
        if "Is anyone in danger right now?" in (data.get("text") or ""):
            done.set()

    client.connect(servers.url, socketio_path="/socket.io")
    try:
        client.emit("session_request", {"session_id": "socket-test-1"})
        client.emit("user_uttered", {"message": "hello", "session_id": "socket-test-1"})
        assert done.wait(30), replies
    finally:
        client.disconnect()
    danger = next(r for r in replies if "Is anyone in danger right now?" in r["text"])
    assert [b["title"] for b in danger["quick_replies"] or danger.get("buttons", [])][:2] == \
        ["Yes, someone is in danger", "No"]


def test_conversation_survives_a_rasa_server_restart(servers, chat):
    chat.script(*START, REPORTS[0])
    servers.restart("Rasa server", kill=True)  # SIGKILL, as a crash would
    r = chat.say(REPORTS[1])
    assert "That's 2 reports." in r


def test_the_rasa_server_does_not_say_its_version(servers):
    import urllib.request
    with urllib.request.urlopen(servers.url + "/") as response:
        text = response.read().decode()
    assert response.status == 200 and "Rasa" not in text and "3." not in text, text
