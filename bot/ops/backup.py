"""`python -m bot backup DIR` and `python -m bot restore DIR`: the drafts database (drafts, staff accounts,
audit log) and the conversation store, copied to a folder and back.

SQLite files are copied with SQLite's own online backup, so a copy taken while the service runs is
consistent. PostgreSQL is dumped with `pg_dump --format=custom` and restored with `pg_restore --clean`;
when the drafts and the conversations share one database, it is dumped once."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Tuple
from urllib.parse import urlsplit

from bot.ops import config

MANIFEST = "backup.json"


def _stores() -> List[Tuple[str, str]]:
    drafts, tracker = config.drafts_db_url(), config.tracker_db_url()
    return [("drafts", drafts)] + ([("conversations", tracker)] if tracker != drafts else [])


def _sqlite_path(url: str) -> Path:
    return Path(url.split("sqlite:///", 1)[1])


def _pg_args(url: str) -> Tuple[List[str], Dict[str, str]]:
    """pg_dump / pg_restore connection options, the password in the environment (never on the command line)."""
    parts = urlsplit(url)
    args = ["--host", parts.hostname or "127.0.0.1", "--port", str(parts.port or 5432),
            "--username", parts.username or "postgres", "--dbname", parts.path.lstrip("/")]
    env = {"PGPASSWORD": parts.password} if parts.password else {}
    return args, env


def _run(argv: List[str], env: Dict[str, str]) -> None:
    result = subprocess.run(argv, env={**os.environ, **env}, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed ({result.returncode}): {result.stderr.strip()[-500:]}")


def backup(folder: Path) -> List[str]:
    """Copy every store into `folder` (created); returns one line per store."""
    folder.mkdir(parents=True, exist_ok=True)
    done, manifest = [], {"taken": datetime.now(timezone.utc).isoformat(timespec="seconds"), "stores": []}
    for name, url in _stores():
        if url.startswith("sqlite:///"):
            source, target = _sqlite_path(url), folder / f"{name}.sqlite"
            if not source.exists():
                done.append(f"{name}: {source} does not exist yet; nothing to copy")
                continue
            with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
                src.backup(dst)  # consistent even while the service writes
            manifest["stores"].append({"name": name, "kind": "sqlite", "file": target.name})
            done.append(f"{name}: {source} -> {target}")
        elif url.startswith("postgresql"):
            target = folder / f"{name}.pgdump"
            args, env = _pg_args(url)
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *args], env)
            manifest["stores"].append({"name": name, "kind": "postgresql", "file": target.name})
            done.append(f"{name}: PostgreSQL {urlsplit(url).hostname}/{urlsplit(url).path.lstrip('/')} -> {target}")
        else:
            raise RuntimeError(f"{name}: cannot back up {url.split(':', 1)[0]} databases")
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return done


def restore(folder: Path) -> List[str]:
    """Put back what `backup` copied into `folder`, replacing what the stores hold now. Stop the service first."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    urls = dict(_stores())
    done = []
    for store in manifest["stores"]:
        url = urls.get(store["name"])
        if url is None:
            raise RuntimeError(f"the backup has {store['name']}, which this configuration does not keep apart")
        source = folder / store["file"]
        if store["kind"] == "sqlite":
            if not url.startswith("sqlite:///"):
                raise RuntimeError(f"{store['name']}: the backup is SQLite but the store is {url.split(':', 1)[0]}")
            target = _sqlite_path(url)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(target.suffix + ".restoring")
            shutil.copyfile(source, tmp)
            tmp.replace(target)  # whole or not at all
            done.append(f"{store['name']}: {source} -> {target}")
        else:
            if not url.startswith("postgresql"):
                raise RuntimeError(f"{store['name']}: the backup is PostgreSQL but the store is {url.split(':', 1)[0]}")
            args, env = _pg_args(url)
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", *args, str(source)], env)
            done.append(f"{store['name']}: {source} -> PostgreSQL {urlsplit(url).hostname}/{urlsplit(url).path.lstrip('/')}")
    return done
