"""Back up, wipe, restore with PostgreSQL's own pg_dump and pg_restore: the staff app's drafts come back the same.
Its own module, run after the others: it drops the database's tables while the servers are up."""
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

from bot.drafts import DraftStore
from tests.bot.drafts.test_drafts import decision_for, record

ROOT = Path(__file__).resolve().parents[2]


def _bot(production, *args):
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=production.env, capture_output=True,
                          text=True, timeout=300)


def test_pg_dump_wipe_pg_restore_gives_back_the_same_drafts(production, tmp_path):
    url = production.env["TRIGGER_DATABASE_URL"]
    rec = record("backup-check")
    DraftStore(url).save(rec, decision_for(rec))
    before = production.drafts()
    assert any(d["conversation_id"] == "backup-check" for d in before)

    made = _bot(production, "backup", str(tmp_path / "backup"))
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "backup" / "drafts.pgdump").stat().st_size > 0

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    assert production.drafts() == []  # wiped

    put_back = _bot(production, "restore", str(tmp_path / "backup"))
    assert put_back.returncode == 0, put_back.stderr
    assert production.drafts() == before
