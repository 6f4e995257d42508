"""The action server only acts for the Rasa server: a call to /webhook without the shared secret is
refused and writes nothing, however well-formed the tracker it carries."""
import json
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.e2e


def hand_made_call(conversation_id: str) -> bytes:
    """What an attacker would post: a tracker at the summary question, answered yes."""
    slots = {"asking": "summary_confirmed", "opened": True, "applicant_name": "<script>x</script>"}
    return json.dumps({"next_action": "action_converse", "sender_id": conversation_id, "version": "3.6.0",
                       "tracker": {"sender_id": conversation_id, "slots": slots, "events": [],
                                   "latest_message": {"text": "yes", "intent": {"name": "affirm"}},
                                   "active_loop": {}, "paused": False, "latest_action_name": "action_listen"},
                       "domain": {}}).encode()


def post(url: str, body: bytes, headers=None):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize("headers", [{}, {"X-Action-Token": "wrong-but-long-enough-token"},
                                     {"X-Action-Token": ""}])
def test_a_call_without_the_shared_secret_is_refused_and_writes_nothing(servers, headers):
    before = len(servers.drafts())
    status, body = post(f"http://127.0.0.1:{servers.ports.actions}/webhook", hand_made_call("attacker-1"), headers)
    assert status == 401 and b"X-Action-Token" in body
    assert len(servers.drafts()) == before


def test_the_assistant_itself_still_reaches_its_actions(servers):
    chat = servers.chat()
    reply = chat.say("hello")
    assert "Is anyone in danger right now?" in reply, chat.dump()


def listening_addresses(port: int):
    """The addresses something listens on at `port`, from the kernel's own table (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_the_action_server_listens_only_on_loopback(servers):
    addresses = listening_addresses(servers.ports.actions)
    assert addresses == {"0100007F"}, addresses  # 127.0.0.1, not 0.0.0.0 (00000000) or an IPv6 any


def test_unknown_paths_and_methods_are_a_404_or_405_without_a_traceback(servers):
    base = f"http://127.0.0.1:{servers.ports.actions}"
    log = servers.log_dir / "actions.log"
    before = log.stat().st_size
    cases = [("GET", "/nothing", 404), ("POST", "/health", 405), ("GET", "/webhook/../etc/passwd", 404),
             ("DELETE", "/health", 405)]
    for method, path, expected in cases:
        request = urllib.request.Request(base + path, data=b"{}" if method != "GET" else None, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        assert status == expected, (method, path, status)
    with open(log, "rb") as handle:
        handle.seek(before)
        assert b"Traceback" not in handle.read()
