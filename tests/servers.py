"""Real running servers for end-to-end and browser tests, started once per test run.

The action server and the Rasa server run as separate processes on free ports
with their own temporary data folder (drafts and tracker databases) and a fixed
TRIGGER_TODAY, exactly as `make run` starts them (bot.ops.services).
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from bot.ops.services import Ports, Supervisor, action_server, model_path, rasa_server, service_env, web_server

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-03-10"  # a Tuesday, as in CONVERSATIONS.md


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_model(council: Optional[Dict[str, str]] = None) -> Path:
    """Train the model if it is missing or older than its training data (once per run). `council`: another
    council's environment (council_env), whose pipeline, training data and model are kept apart."""
    subprocess.run(["make", "-s", "model"], cwd=ROOT, check=True, env={**os.environ, **(council or {})})
    return Path(council["TRIGGER_MODEL"]) if council else model_path()


def council_env(policy: str) -> Dict[str, str]:
    """The environment that serves another council's policy file, with its own built files."""
    name = Path(policy).stem
    return {"TRIGGER_POLICY": str(ROOT / policy), "TRIGGER_BUILD_DIR": f"build/{name}",
            "TRIGGER_NLP_PATH": str(ROOT / "build" / name / "nlp"),
            "TRIGGER_MODEL": str(ROOT / "models" / f"{name}.tar.gz")}


@dataclass
class Reply:
    messages: List[Dict]

    @property
    def text(self) -> str:
        return "\n".join(m.get("text") or "" for m in self.messages)

    @property
    def buttons(self) -> List[str]:
        return [b["title"] for m in self.messages for b in (m.get("buttons") or [])]

    def __contains__(self, words: str) -> bool:
        return words in self.text


class Chat:
    """One resident's conversation over the REST channel."""

    def __init__(self, url: str, sender: Optional[str] = None):
        self.url = url
        self.sender = sender or "e2e-" + uuid.uuid4().hex[:10]
        self.transcript: List[str] = []
        self.last = Reply([])

    def press(self, title: str) -> Reply:
        """Press a button of the last reply, as the page does: its payload is sent."""
        payloads = [b["payload"] for m in self.last.messages for b in (m.get("buttons") or []) if b["title"] == title]
        assert payloads, f"no button {title!r} in: {self.last.buttons}"
        return self.say(payloads[0])

    def say(self, text: str, timeout: float = 60) -> Reply:
        body = json.dumps({"sender": self.sender, "message": text}).encode()
        request = urllib.request.Request(f"{self.url}/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            reply = Reply(json.loads(response.read() or b"[]"))
        self.transcript.append(f"> {text}\n{reply.text}")
        self.last = reply
        return reply

    def script(self, *lines: str) -> Reply:
        reply = Reply([])
        for line in lines:
            reply = self.say(line)
        return reply

    def dump(self) -> str:
        return "\n".join(self.transcript)


@dataclass
class Servers:
    ports: Ports
    data_dir: Path
    env: Dict[str, str]
    supervisor: Supervisor
    log_dir: Path
    model: Path
    extra: Dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports.rasa}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.web}"

    def chat(self, sender: Optional[str] = None) -> Chat:
        return Chat(self.url, sender)

    def cli(self, *args: str, stdin: Optional[str] = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=self.env, input=stdin,
                              capture_output=True, text=True, timeout=120)

    def drafts(self) -> List[Dict]:
        result = self.cli("drafts", "export")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def draft_for(self, chat: Chat) -> Optional[Dict]:
        matches = [d for d in self.drafts() if d["conversation_id"].startswith(chat.sender + ":")]
        assert len(matches) <= 1, f"{len(matches)} drafts for one conversation"
        return matches[0] if matches else None

    def service(self, name: str):
        return next(s for s in self.supervisor.services if s.name == name)

    def restart(self, name: str, kill: bool = False) -> None:
        """Stop (or SIGKILL) one service and start it again on the same port."""
        old = self.service(name)
        old.kill() if kill else old.stop()
        self.supervisor.services.remove(old)
        fresh = {"action server": lambda: action_server(self.ports, self.log_dir),
                 "Rasa server": lambda: rasa_server(self.ports, self.log_dir, self.model, self.env),
                 "web app": lambda: web_server(self.ports, self.log_dir)}[name]()
        self.supervisor.start(fresh, timeout=240)


# Every simulated resident comes from 127.0.0.1 and answers as fast as the replies come, so the shared
# servers lift the chat rate limits; the production-profile tests keep the defaults and test them.
UNLIMITED_CHAT = {"TRIGGER_WEBHOOK_LIMIT_ADDRESS": "1000000 per minute",
                  "TRIGGER_WEBHOOK_LIMIT_CONVERSATION": "1000000 per minute"}


def start_servers(data_dir: Path, extra_env: Optional[Dict[str, str]] = None, policy: Optional[str] = None,
                  today: str = TODAY) -> Servers:
    council = council_env(policy) if policy else None
    model = ensure_model(council)
    extra_env = {**(council or {}), **(extra_env or {})}
    ports = Ports(rasa=free_port(), actions=free_port(), web=free_port())
    env = service_env(ports, {"TRIGGER_DATA_DIR": str(data_dir), "TRIGGER_TODAY": today,
                              "TRIGGER_TRACKER_SQLITE": str(data_dir / "tracker.db"), **UNLIMITED_CHAT,
                              **(extra_env or {})})
    if "TRIGGER_DRAFTS_DB_URL" not in (extra_env or {}):
        env.pop("TRIGGER_DRAFTS_DB_URL", None)  # drafts go in this run's own data folder
    log_dir = data_dir / "logs"
    supervisor = Supervisor(env)
    servers = Servers(ports, data_dir, env, supervisor, log_dir, model, extra_env or {})
    try:
        supervisor.start(action_server(ports, log_dir), timeout=90)
        supervisor.start(rasa_server(ports, log_dir, model, env), timeout=240)
        supervisor.start(web_server(ports, log_dir), timeout=60)
    except Exception:
        supervisor.stop()
        raise
    return servers
