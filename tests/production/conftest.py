"""The production profile for real: PostgreSQL and Redis from Debian's packages,
started on loopback by bot.ops.local_services, one action server and two Rasa
servers sharing the tracker store (PostgreSQL) and the lock store (Redis)."""
import os
from dataclasses import dataclass

import pytest

from bench.faults import Stack, start_stack, stop_stack
from bot.ops.local_services import Postgres, Redis, Unavailable
from bot.ops.services import Ports, Supervisor, action_server, rasa_server
from tests.servers import TODAY, Chat, ensure_model

TOKEN = "api-token-for-tests-only"


@dataclass
class Production:
    postgres: Postgres
    redis: Redis
    supervisor: Supervisor
    ports_a: Ports
    ports_b: Ports
    env: dict
    log_dir: object
    model: object
    stack: Stack

    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.ports_a.web}"

    def url(self, which: str = "a") -> str:
        return f"http://127.0.0.1:{(self.ports_a if which == 'a' else self.ports_b).rasa}"

    def chat(self, which: str = "a") -> Chat:
        return Chat(self.url(which))

    def service(self, name):
        return next(s for s in self.supervisor.services if s.name == name)

    def restart(self, name, kill=False):
        old = self.service(name)
        old.kill() if kill else old.stop()
        self.supervisor.services.remove(old)
        if name == "action server":
            fresh = action_server(self.ports_a, self.log_dir)
        else:
            ports = self.ports_a if name == "Rasa server A" else self.ports_b
            fresh = rasa_server(ports, self.log_dir, self.model, self.env, name=name)
        self.supervisor.start(fresh, timeout=240)

    def drafts(self):
        import json
        import subprocess
        import sys
        result = subprocess.run([sys.executable, "-m", "bot", "drafts", "export"], env=self.env, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture(scope="session")
def production(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    try:
        stack = start_stack(folder, ensure_model(), {
            "TRIGGER_TODAY": TODAY, "TRIGGER_RASA_API_TOKEN": TOKEN,
            # as behind the README's reverse proxy: the client's address is the last X-Forwarded-For entry
            "TRIGGER_PROXY_COUNT": "1",
        })
    except (Unavailable, FileNotFoundError) as missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}: .ci/run installs it from .ci/apt-packages")
        pytest.skip(f"{missing}")
    ports_a, ports_b = stack.ports
    try:
        yield Production(stack.postgres, stack.redis, stack.supervisor, ports_a, ports_b, stack.env, stack.log_dir,
                         stack.model, stack)
    finally:
        stop_stack(stack)
