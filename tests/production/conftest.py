"""The production profile for real: PostgreSQL and Redis from Debian's packages,
started on loopback by bot.ops.local_services, one action server and two Rasa
servers sharing the tracker store (PostgreSQL) and the lock store (Redis)."""
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.ops.local_services import Postgres, Redis, Unavailable, free_port
from bot.ops.services import Ports, Supervisor, action_server, rasa_server, service_env, web_server
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
    # Its own folder in /tmp: as root, PostgreSQL runs as the postgres user, who
    # cannot enter pytest's root-only temporary folders.
    pg_folder = Path(tempfile.mkdtemp(prefix="community-trigger-pg-"))
    try:
        postgres = Postgres(pg_folder, free_port()).start()
    except (Unavailable, FileNotFoundError) as missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}: .ci/run installs it from .ci/apt-packages")
        pytest.skip(f"{missing}")
    try:
        redis = Redis(folder / "redis", free_port()).start()
    except Unavailable as missing:
        postgres.stop()
        if os.environ.get("CI"):
            pytest.fail(f"{missing}: .ci/run installs it from .ci/apt-packages")
        pytest.skip(f"{missing}")
    model = ensure_model()
    actions_port = free_port()
    ports_a = Ports(rasa=free_port(), actions=actions_port, web=free_port())
    ports_b = Ports(rasa=free_port(), actions=actions_port, web=ports_a.web)
    env = service_env(ports_a, {
        "TRIGGER_DATA_DIR": str(folder / "data"), "TRIGGER_TODAY": TODAY,
        "TRIGGER_DATABASE_URL": postgres.url, "TRIGGER_REDIS_URL": redis.url,
        "TRIGGER_RASA_API_TOKEN": TOKEN,
        # as behind the README's reverse proxy: the client's address is the last X-Forwarded-For entry
        "TRIGGER_PROXY_COUNT": "1",
    })
    env.pop("TRIGGER_DRAFTS_DB_URL", None)
    env.pop("TRIGGER_TRACKER_DB_URL", None)
    log_dir = folder / "logs"
    supervisor = Supervisor(env)
    running = Production(postgres, redis, supervisor, ports_a, ports_b, env, log_dir, model)
    try:
        # as a deployment would: migrate the schema first
        migrated = subprocess.run([sys.executable, "-m", "bot", "drafts", "migrate"], env=env, capture_output=True,
                                  text=True, timeout=120)
        assert migrated.returncode == 0, migrated.stderr
        supervisor.start(action_server(ports_a, log_dir), timeout=90)
        supervisor.start(rasa_server(ports_a, log_dir, model, env, name="Rasa server A"), timeout=240)
        supervisor.start(rasa_server(ports_b, log_dir, model, env, name="Rasa server B"), timeout=240)
        supervisor.start(web_server(ports_a, log_dir), timeout=90)
        yield running
    finally:
        supervisor.stop()
        redis.stop()
        postgres.stop()
        shutil.rmtree(pg_folder, ignore_errors=True)
