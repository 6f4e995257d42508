"""Every setting the service reads from the environment, in one place.

Each has an embedded default so that `make run` works on a fresh machine with
nothing configured: SQLite files under ``var/`` (git-ignored) and Barnet's
policy.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[2]


def _path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


def data_dir() -> Path:
    """Folder for runtime state (databases, logs). Created on first use."""
    path = _path("TRIGGER_DATA_DIR", ROOT / "var")
    path.mkdir(parents=True, exist_ok=True)
    return path


def policy_path() -> Path:
    """The council's policy file (``TRIGGER_POLICY``); ``policies/default.yml`` (a link to Barnet's) by default."""
    return _path("TRIGGER_POLICY", ROOT / "policies" / "default.yml")  # a link to the council this copy serves


def database_url() -> Optional[str]:
    """The production profile's PostgreSQL database (``TRIGGER_DATABASE_URL``).

    Set, it holds the drafts, the staff accounts and Rasa's conversations;
    unset, each is an SQLite file under the data folder.
    """
    value = os.environ.get("TRIGGER_DATABASE_URL")
    if not value:
        return None
    # SQLAlchemy 1.4 wants "postgresql://", as most hosting platforms do not write it.
    return "postgresql://" + value[len("postgres://"):] if value.startswith("postgres://") else value


def redis_url() -> Optional[str]:
    """The production profile's Redis (``TRIGGER_REDIS_URL``): Rasa's lock store, so
    several Rasa servers (or workers) can share conversations safely."""
    return os.environ.get("TRIGGER_REDIS_URL") or None


def proxy_count() -> int:
    """How many reverse proxies stand in front of the web app and Rasa (``TRIGGER_PROXY_COUNT``, 0 by
    default): that many X-Forwarded-For entries are trusted as the client's address, and no more, so a
    client cannot choose its own address for the rate limits."""
    value = os.environ.get("TRIGGER_PROXY_COUNT") or "0"
    if not value.isdigit() or int(value) > 5:
        raise SystemExit(f"TRIGGER_PROXY_COUNT must be a number from 0 to 5, not {value!r}.")
    return int(value)


def drafts_db_url() -> str:
    """Where draft applications are stored (``TRIGGER_DRAFTS_DB_URL``)."""
    return os.environ.get("TRIGGER_DRAFTS_DB_URL") or database_url() or f"sqlite:///{data_dir() / 'drafts.db'}"


def tracker_sqlite_path() -> Path:
    """Rasa's conversation store on one machine (``TRIGGER_TRACKER_SQLITE``)."""
    return _path("TRIGGER_TRACKER_SQLITE", data_dir() / "tracker.db")


def tracker_db_url() -> str:
    """Rasa's conversation store as a URL, read by staff tools (``TRIGGER_TRACKER_DB_URL``)."""
    return os.environ.get("TRIGGER_TRACKER_DB_URL") or database_url() or f"sqlite:///{tracker_sqlite_path()}"


def nlp_path() -> Path:
    """The spaCy pipeline folder built from our patterns (``TRIGGER_NLP_PATH``)."""
    return _path("TRIGGER_NLP_PATH", ROOT / "build" / "nlp")


def port(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a port number, not {value!r}") from None
    if not 0 < number < 65536:
        raise SystemExit(f"{name} must be between 1 and 65535, not {number}")
    return number
