"""Bad input at the real REST webhook: nothing crashes, errors are clear, what a
resident already gave is kept, and nothing they typed is written to the logs."""
import json
import urllib.error
import urllib.request
import uuid

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.dialogue import answers, safety
from tests.e2e.scripts import REPORTS, START

pytestmark = pytest.mark.e2e


def post(url, body: bytes, content_type="application/json"):
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


@pytest.mark.parametrize("body,words", [
    (b"", "JSON object"), (b"{not json", "JSON object"), (b"[1,2,3]", "JSON object"), (b"\xff\xfe\x00binary", "JSON object"),
    (b'{"message": "hi"}', '"sender"'), (b'{"sender": 5, "message": "hi"}', '"sender"'),
    (b'{"sender": "a", "message": {"text": "hi"}}', '"message" must be text'),
    (b'{"sender": "a", "message": null}', '"message" must be text'),
    (json.dumps({"sender": "a", "message": "x" * 5_001}).encode(), "at most 5,000"),
    (json.dumps({"sender": "a", "message": "x" * 100_000}).encode(), "too large"),
    (b'{"sender": "a", "message": "a\\u0000b"}', "NUL"),
    (b'{"sender": "a", "message": "broken \\ud800 escape"}', "unpaired surrogate"),
    (b'{"sender": "a", "message": "hi", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "too large"),
    (b'{"sender": "a", "message": "hi", "x": ' + b"[" * 20_000 + b"]" * 20_000 + b"}", "JSON object"),
    (json.dumps({"sender": "a", "message": "hi", "metadata": {"m": "x" * 5_000_000}}).encode(), "too large"),
    (json.dumps({"sender": "a", "message": "hi", "metadata": {"m": "x"}}).encode(), "Metadata is not stored"),
    (b'{"sender": "web-1:e2e-other", "message": "hi"}', '"sender" may only contain'),
])
def test_malformed_requests_get_a_clear_400(servers, body, words):
    status, reply = post(servers.url, body)
    assert status in (400, 413) and words in reply["error"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.one_of(
    st.text(max_size=300),
    st.sampled_from(["🙂🙂", "\u202eevil text", "مرحبا", "<img src=x onerror=alert(1)>", "'; DROP TABLE events;--",
                     "\x07\x1b[2J", "   ", "\ufeff", "null", "x" * 4999]),
))
def test_garbage_mid_form_is_answered_and_loses_nothing(servers, text):
    assume("\x00" not in text)
    assume(answers.yes_no(text) is None and not answers.unsure(text) and not safety.in_danger_now(text))
    chat = servers.chat()
    chat.script(*START, REPORTS[0])
    status, reply = post(servers.url, json.dumps({"sender": chat.sender, "message": text}).encode())
    assert status == 200 and reply and all(isinstance(m.get("text", ""), str) for m in reply)
    assert "Traceback" not in json.dumps(reply)
    # the first report is still there: the next one makes two (or the conversation waits to carry on); a
    # fragment read as a report of its own ("SCHOO": the school) is asked about, and the next report is still taken
    reply = chat.say(REPORTS[1])
    assert "That's 2 reports" in reply or "carry on" in reply or "Got it: Clarion" in reply, chat.dump()


def test_nothing_a_resident_types_is_written_to_the_logs(servers):
    marker = "ZQXMARKER" + uuid.uuid4().hex[:8]
    chat = servers.chat()
    for text in (f"hello {marker}", "no", f"{marker} myself", "no", "I reported it",
                 f"rang 101 on the 2nd of Feb, ref {marker}", f"{marker} <script>"):
        chat.say(text)
    post(servers.url, json.dumps({"sender": chat.sender, "message": marker * 1000}).encode())
    post(servers.url, json.dumps({"sender": marker, "message": 42}).encode())
    for log in servers.log_dir.glob("*.log"):
        assert marker not in log.read_text(errors="replace"), log.name
