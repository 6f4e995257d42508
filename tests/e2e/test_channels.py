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


class Socket:
    """A socket.io client that keeps every reply and every refusal."""

    def __init__(self, url, origin=None):
        self.client = socketio.Client(reconnection=False)
        self.replies, self.refusals = [], []
        self.got = threading.Event()
        self.client.on("bot_uttered", lambda data: (self.replies.append(data), self.got.set()))
        self.client.on("refused", lambda data: (self.refusals.append(data["error"]), self.got.set()))
        self.client.connect(url, socketio_path="/socket.io",
                            headers={"Origin": origin} if origin else {})

    def send(self, event, data, wait=True):
        self.got.clear()
        self.client.emit(event, data)
        if wait:
            assert self.got.wait(30), (self.replies, self.refusals)

    def close(self):
        self.client.disconnect()


def test_socketio_refuses_what_rest_refuses_and_stores_none_of_it(servers):
    socket = Socket(servers.url)
    try:
        socket.send("session_request", {"session_id": "socket-checks-1"}, wait=False)
        cases = [({"message": "x" * 20000 + "\x00", "session_id": "socket-checks-1"}, "too long"),
                 ({"message": "hello\x00", "session_id": "socket-checks-1"}, "NUL"),
                 ({"message": "hello", "session_id": "socket-checks-1", "metadata": {"big": "y" * 1000}},
                  "Metadata is not stored"),
                 ({"message": "hello", "session_id": "someone:else"}, "letters, digits"),
                 ({"message": "hello"}, "session_id"),
                 ({"message": ["not", "text"], "session_id": "socket-checks-1"}, "must be text"),
                 ("just a string", "must be an object")]
        for data, says in cases:
            socket.send("user_uttered", data)
            assert says in socket.refusals[-1], (data if isinstance(data, str) else list(data), socket.refusals)
        assert socket.replies == []
    finally:
        socket.close()
    from bot.drafts.transcripts import Transcripts
    stored = Transcripts(f"sqlite:///{servers.data_dir / 'tracker.db'}").transcript("socket-checks-1")
    assert stored == [], stored  # nothing refused was stored


def test_socketio_accepts_only_the_pages_origins(servers):
    allowed = servers.env["TRIGGER_CORS_ORIGINS"].split(",")[0]
    Socket(servers.url, origin=allowed).close()
    with pytest.raises(socketio.exceptions.ConnectionError):
        Socket(servers.url, origin="https://evil.example")
