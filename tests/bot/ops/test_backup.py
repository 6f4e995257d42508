"""Back up, wipe, restore: the same drafts (and staff accounts, audit) and the same conversations come back.
SQLite here; the production suite does the same with PostgreSQL's pg_dump and pg_restore."""
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.drafts import DraftStore
from bot.ops.backup import backup, restore
from tests.bot.drafts.test_drafts import decision_for, record

ROOT = Path(__file__).resolve().parents[3]


def test_back_up_wipe_and_restore_gives_back_the_same_drafts_and_conversations(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(data))
    for name in ("TRIGGER_DATABASE_URL", "TRIGGER_DRAFTS_DB_URL", "TRIGGER_TRACKER_DB_URL", "TRIGGER_TRACKER_SQLITE"):
        monkeypatch.delenv(name, raising=False)
    data.mkdir()
    store = DraftStore()
    store.migrate()
    for conversation in ("web-a", "web-b"):
        rec = record(conversation)
        store.save(rec, decision_for(rec))
    before = store.export()
    with sqlite3.connect(data / "tracker.db") as db:
        db.execute("CREATE TABLE events (sender_id TEXT, data TEXT)")
        db.execute("INSERT INTO events VALUES ('web-a', '{\"event\": \"user\"}')")

    lines = backup(tmp_path / "backup")
    assert len(lines) == 2 and all("->" in line for line in lines)

    (data / "drafts.db").unlink()
    (data / "tracker.db").unlink()
    assert not (data / "drafts.db").exists()

    restore(tmp_path / "backup")
    assert DraftStore().export() == before and len(before) == 2
    with sqlite3.connect(data / "tracker.db") as db:
        assert db.execute("SELECT sender_id FROM events").fetchall() == [("web-a",)]


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    result = subprocess.run([sys.executable, "-m", "bot", "restore", str(tmp_path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2 and "not a folder written by `bot backup`" in result.stderr
