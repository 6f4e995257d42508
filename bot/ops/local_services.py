"""Private PostgreSQL and Redis servers on loopback, from Debian's packages, for
the production-profile tests and for trying the production profile on one
machine (`python -m bot local-services`). Councils run their own servers; this
only starts throwaway ones in a folder of ours.

PostgreSQL refuses to run as root, so as root it runs as the `postgres` user
that Debian's package creates.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

DATABASE = "community_trigger"
USER = "community_trigger"


class Unavailable(RuntimeError):
    """The server's program is not installed here."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if not path:
        raise Unavailable(f"PostgreSQL's {name} is not installed (apt-get install postgresql)")
    return path


def _as_postgres(argv: List[str]) -> List[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


@dataclass
class Postgres:
    folder: Path
    port: int
    password: str = "local-test-only"
    _started: bool = field(default=False, repr=False)

    @property
    def url(self) -> str:
        return f"postgresql://{USER}:{self.password}@127.0.0.1:{self.port}/{DATABASE}"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _run(self, argv: List[str], **kwargs) -> subprocess.CompletedProcess:
        result = subprocess.run(_as_postgres(argv), capture_output=True, text=True, **kwargs)
        if result.returncode != 0:
            raise RuntimeError(f"{Path(argv[0]).name} failed: {(result.stderr or result.stdout).strip()[-800:]}")
        return result

    def init(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        if not (self.data / "PG_VERSION").exists():
            self._run([_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth-local=trust",
                       "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"])

    def start(self) -> "Postgres":
        self.init()
        self._run([_pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "postgres.log"), "-w", "-t", "60",
                   "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "start"])
        self._started = True
        self._setup()
        return self

    def _psql(self, sql: str, database: str = "postgres") -> str:
        return self._run([_pg_bin("psql"), "-h", str(self.folder), "-p", str(self.port), "-U", "postgres",
                          "-d", database, "-v", "ON_ERROR_STOP=1", "-tAc", sql]).stdout

    def _setup(self) -> None:
        if not self._psql(f"SELECT 1 FROM pg_roles WHERE rolname = '{USER}'").strip():
            self._psql(f"CREATE ROLE {USER} LOGIN PASSWORD '{self.password}'")
        if not self._psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'").strip():
            self._psql(f"CREATE DATABASE {DATABASE} OWNER {USER}")

    def stop(self, mode: str = "fast") -> None:
        if self._started:
            try:
                self._run([_pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"])
            except RuntimeError:
                pass
            self._started = False

    def restart(self) -> None:
        self.stop()
        self.start()


@dataclass
class Redis:
    folder: Path
    port: int
    process: Optional[subprocess.Popen] = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "Redis":
        program = shutil.which("redis-server")
        if not program:
            raise Unavailable("redis-server is not installed (apt-get install redis-server)")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder), "--protected-mode", "yes"],
            stdout=open(self.folder / "redis.log", "ab"), stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"redis-server did not start; see {self.folder / 'redis.log'}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
