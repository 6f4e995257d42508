"""`python -m bot serve`, as `make run` starts it: kill -9 one of its servers (as an out-of-memory kill would) and the
service answers again within 10 seconds, the conversation carrying on from the same question; the others are never
restarted. Each kill is said with its exit code."""
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.servers import ensure_model, free_port

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def _say(url, sender, text):
    request = urllib.request.Request(url + "/webhooks/rest/webhook", json.dumps({"sender": sender, "message": text})
                                     .encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return "\n".join(m.get("text") or "" for m in json.loads(response.read()))


def _pid_on(port):
    """The server started with --port PORT (read from /proc, so no tool outside Python is needed)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--port" in argv and argv[argv.index(b"--port") + 1:argv.index(b"--port") + 2] == [str(port).encode()]:
            return int(entry.name)
    raise AssertionError(f"no process serves port {port}")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    ensure_model()
    data = tmp_path_factory.mktemp("serve")
    ports = {"TRIGGER_RASA_PORT": free_port(), "TRIGGER_ACTIONS_PORT": free_port(), "TRIGGER_WEB_PORT": free_port()}
    env = {**os.environ, **{k: str(v) for k, v in ports.items()}, "TRIGGER_DATA_DIR": str(data),
           "TRIGGER_TODAY": "2026-03-10", "TRIGGER_WEBHOOK_LIMIT_ADDRESS": "1000000 per minute",
           "TRIGGER_WEBHOOK_LIMIT_CONVERSATION": "1000000 per minute"}
    for name in ("TRIGGER_DATABASE_URL", "TRIGGER_REDIS_URL", "TRIGGER_DRAFTS_DB_URL", "TRIGGER_TRACKER_DB_URL"):
        env.pop(name, None)
    log = open(data / "serve.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 300
    while "Press Ctrl-C" not in (data / "serve.log").read_text() and time.monotonic() < deadline:
        assert process.poll() is None, (data / "serve.log").read_text()
        time.sleep(1)
    yield ports, data, process
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    log.close()


@pytest.mark.parametrize("server", ["TRIGGER_ACTIONS_PORT", "TRIGGER_WEB_PORT"])
def test_a_server_killed_under_bot_serve_is_back_within_ten_seconds(served, server):
    ports, data, process = served
    url = f"http://127.0.0.1:{ports['TRIGGER_RASA_PORT']}"
    sender = f"restart-{server}"
    assert "Is anyone in danger right now?" in _say(url, sender, "hello")
    os.kill(_pid_on(ports[server]), signal.SIGKILL)
    killed = time.monotonic()
    health = {"TRIGGER_ACTIONS_PORT": "/health", "TRIGGER_WEB_PORT": "/healthz"}[server]
    while time.monotonic() - killed < 10:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{ports[server]}{health}", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    back = time.monotonic() - killed
    assert back < 10, f"not back after {back:.1f} s\n" + (data / "serve.log").read_text()[-2000:]
    assert process.poll() is None  # bot serve itself went on
    assert "Who are you asking for" in _say(url, sender, "no")  # the same conversation, the next question
    said = (data / "serve.log").read_text()
    assert "stopped (exit code -9); restarting it in 1 s" in said and "is running again" in said
