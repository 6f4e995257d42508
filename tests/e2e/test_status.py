"""`python -m bot status` against the real running servers: every part up, then a part down said by name
(and exit 1), then up again."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def _status(servers):
    env = {**os.environ, **servers.env, "TRIGGER_RASA_PORT": str(servers.ports.rasa),
           "TRIGGER_ACTIONS_PORT": str(servers.ports.actions), "TRIGGER_WEB_PORT": str(servers.ports.web)}
    return subprocess.run([sys.executable, "-m", "bot", "status"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


def test_status_says_each_part_and_names_one_that_is_down(servers):
    result = _status(servers)
    assert result.returncode == 0, result.stdout + result.stderr
    for part in ("web app", "Rasa server", "action server", "drafts database"):
        assert part in result.stdout
    assert "All parts are answering." in result.stdout
    servers.service("action server").kill()
    try:
        result = _status(servers)
        assert result.returncode == 1
        line = next(l for l in result.stdout.splitlines() if l.startswith("action server"))
        assert "DOWN" in line and "Not answering: action server." in result.stdout
    finally:
        servers.restart("action server")
    assert _status(servers).returncode == 0
