"""Starting and stopping the service's processes: the action server, the Rasa
server and the web app. Used by `python -m bot serve` (`make run`) and by the
end-to-end tests, so both run the service the same way.

It only starts programs; it never imports Rasa.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from bot import config

ROOT = config.ROOT
VENV_BIN = Path(sys.executable).parent


@dataclass
class Ports:
    rasa: int = 5005
    actions: int = 5055
    web: int = 8000

    @classmethod
    def from_env(cls) -> "Ports":
        return cls(rasa=config.port("TRIGGER_RASA_PORT", 5005), actions=config.port("TRIGGER_ACTIONS_PORT", 5055),
                   web=config.port("TRIGGER_WEB_PORT", 8000))


def model_path() -> Path:
    value = os.environ.get("TRIGGER_MODEL")
    return Path(value) if value else ROOT / "models" / "assistant.tar.gz"


def service_env(ports: Ports, extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """The environment every process of the service runs with."""
    env = dict(os.environ)
    env.update({
        "PYTHONPATH": str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""),
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "PYTHONWARNINGS": "ignore",
        "TRIGGER_ACTION_URL": f"http://127.0.0.1:{ports.actions}/webhook",
        "TRIGGER_TRACKER_SQLITE": str(config.tracker_sqlite_path()),
        "TRIGGER_RASA_PUBLIC_URL": env.get("TRIGGER_RASA_PUBLIC_URL") or f"http://127.0.0.1:{ports.rasa}",
    })
    env.update(extra or {})
    return env


@dataclass
class Service:
    name: str
    argv: List[str]
    health_url: str
    log_path: Path
    process: Optional[subprocess.Popen] = field(default=None, repr=False)

    def start(self, env: Dict[str, str]) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.health_url, timeout=2) as response:
                return response.status < 500
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.healthy():
                return
            if not self.alive():
                raise RuntimeError(f"{self.name} stopped while starting; see {self.log_path}\n" + self.tail())
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not become ready in {timeout:.0f} s; see {self.log_path}\n" + self.tail())

    def tail(self, lines: int = 25) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout: float = 15) -> None:
        if not self.alive():
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        """SIGKILL, as a crash would (for fault tests)."""
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def action_server(ports: Ports, log_dir: Path) -> Service:
    return Service("action server", [str(VENV_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions",
                                     "--port", str(ports.actions)],
                   f"http://127.0.0.1:{ports.actions}/health", log_dir / "actions.log")


def rasa_server(ports: Ports, log_dir: Path, model: Optional[Path] = None,
                endpoints: str = "endpoints.yml") -> Service:
    argv = [str(VENV_BIN / "rasa"), "run", "--model", str(model or model_path()), "--interface", "127.0.0.1",
            "--port", str(ports.rasa), "--credentials", "credentials.yml", "--endpoints", endpoints,
            "--cors", *web_origins(ports)]
    return Service("Rasa server", argv, f"http://127.0.0.1:{ports.rasa}/", log_dir / "rasa.log")


def web_server(ports: Ports, log_dir: Path) -> Service:
    return Service("web app", [str(VENV_BIN / "python"), "-m", "bot", "web", "--port", str(ports.web)],
                   f"http://127.0.0.1:{ports.web}/healthz", log_dir / "web.log")


def web_origins(ports: Ports) -> List[str]:
    """The page's origins: the only ones Rasa accepts cross-origin requests from."""
    extra = [o for o in os.environ.get("TRIGGER_WEB_ORIGINS", "").split(",") if o.strip()]
    return [f"http://127.0.0.1:{ports.web}", f"http://localhost:{ports.web}"] + extra


class Supervisor:
    """Starts services in order, stops them all (in reverse) however it ends."""

    def __init__(self, env: Dict[str, str]):
        self.env = env
        self.services: List[Service] = []

    def start(self, service: Service, timeout: float) -> Service:
        service.start({**self.env, "SANIC_HOST": "127.0.0.1"})
        self.services.append(service)
        service.wait_healthy(timeout)
        return service

    def stop(self) -> None:
        for service in reversed(self.services):
            service.stop()

    def watch(self) -> Optional[Service]:
        """Block until a service exits on its own; return it."""
        while True:
            for service in self.services:
                if not service.alive():
                    return service
            time.sleep(0.5)
