"""`python -m bot status`: is every part of the service answering? One line per part, for a person or a
monitoring check (exit 0 only when all are up). A load balancer polls each server's own health address
instead: the Rasa server `/`, the action server `/health`, the web app `/healthz`."""
from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Callable, List, Optional

from bot.ops import config
from bot.ops.services import Ports


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    seconds: float


def _timed(name: str, probe: Callable[[], str]) -> Check:
    started = time.monotonic()
    try:
        detail = probe()
        return Check(name, True, detail, time.monotonic() - started)
    except Exception as exc:  # noqa: BLE001 - any failure is this part being down, said in one line
        return Check(name, False, f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".strip(),
                     time.monotonic() - started)


def _http(url: str) -> Callable[[], str]:
    def probe() -> str:
        with urllib.request.urlopen(url, timeout=3) as response:
            if response.status >= 500:
                raise RuntimeError(f"HTTP {response.status}")
            return f"{url} answers"
    return probe


def _database(url: str) -> Callable[[], str]:
    def probe() -> str:
        from sqlalchemy import create_engine, text

        engine = create_engine(url, pool_pre_ping=True)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        finally:
            engine.dispose()
        return url.split("@")[-1] if "@" in url else url.split("///")[-1]
    return probe


def _redis(url: str) -> Callable[[], str]:
    def probe() -> str:
        import redis

        client = redis.Redis.from_url(url, socket_timeout=3, socket_connect_timeout=3)
        client.ping()
        return url.split("@")[-1]
    return probe


def check_all(ports: Optional[Ports] = None) -> List[Check]:
    ports = ports or Ports.from_env()
    checks = [
        _timed("web app", _http(f"http://127.0.0.1:{ports.web}/healthz")),
        _timed("Rasa server", _http(f"http://127.0.0.1:{ports.rasa}/")),
        _timed("action server", _http(f"http://127.0.0.1:{ports.actions}/health")),
        _timed("drafts database", _database(config.drafts_db_url())),
    ]
    if config.tracker_db_url() != config.drafts_db_url():
        checks.append(_timed("conversation store", _database(config.tracker_db_url())))
    redis_url = config.redis_url()
    if redis_url:
        checks.append(_timed("Redis (lock store)", _redis(redis_url)))
    return checks


def report(checks: List[Check]) -> str:
    width = max(len(c.name) for c in checks)
    lines = [f"{c.name:<{width}}  {'up  ' if c.ok else 'DOWN'}  {c.detail} ({c.seconds * 1000:.0f} ms)" for c in checks]
    down = [c.name for c in checks if not c.ok]
    lines.append("All parts are answering." if not down else f"Not answering: {', '.join(down)}.")
    return "\n".join(lines)
