"""`python -m bot drafts purge`: closed applications and old conversations past retention, and nothing else."""
import json
import sqlite3
import time
from datetime import datetime, timedelta

import pytest

from bot.__main__ import main
from bot.drafts.review import Review
from tests.web.conftest import env, save, store  # noqa: F401 (fixtures)


def tracker(path, rows):
    db = sqlite3.connect(path)
    db.execute("create table events (id integer primary key, sender_id varchar(255) not null, type_name varchar(255) "
               "not null, timestamp float, intent_name varchar(255), action_name varchar(255), data text)")
    db.executemany("insert into events (sender_id, type_name, timestamp, data) values (?, ?, ?, ?)", rows)
    db.commit()
    return db


def test_purge_removes_only_closed_old_applications_and_their_conversations(env, store, capsys):
    review = Review(store)
    old_closed = save(store, "old-closed:a")
    old_open = save(store, "old-open:a")
    new_closed = save(store, "new-closed:a")
    for ref in (old_closed, new_closed):
        review.change_status(ref, "closed", "officer@x.gov.uk", "officer", "done")
    # age two of them by two and a half years
    db = sqlite3.connect(env / "drafts.db")
    long_ago = (datetime.utcnow() - timedelta(days=900)).isoformat(" ")
    db.execute("update drafts set updated_at = ? where reference in (?, ?)", (long_ago, old_closed, old_open))
    db.commit()
    old = time.time() - 900 * 86400
    events = tracker(env / "tracker.db", [
        ("old-closed", "user", old, json.dumps({"text": "hi"})),
        ("old-open", "user", old, json.dumps({"text": "hi"})),
        ("abandoned", "user", old, json.dumps({"text": "I gave up"})),
        ("recent-abandoned", "user", time.time(), json.dumps({"text": "still thinking"})),
        ("new-closed", "user", time.time(), json.dumps({"text": "hi"})),
    ])

    assert main(["drafts", "purge"]) == 0  # retention from the policy: 730 days
    out = capsys.readouterr().out
    assert f"Removed 1 closed application older than 730 days ({old_closed})" in out
    remaining = {d["reference"] for d in store.export()}
    assert remaining == {old_open, new_closed}
    senders = {s for (s,) in events.execute("select distinct sender_id from events")}
    assert senders == {"old-open", "recent-abandoned", "new-closed"}
    # the purge itself is in the audit log, with references but no personal data
    [event] = [e for e in review.audit() if e["action"] == "purged"]
    assert old_closed in event["detail"] and "Jo" not in event["detail"]


def test_purge_with_nothing_to_do_and_bad_days(env, store, capsys):
    save(store)
    assert main(["drafts", "purge", "--older-than", "30"]) == 0
    assert "Removed 0 closed applications" in capsys.readouterr().out
    assert main(["drafts", "purge", "--older-than", "0"]) == 2


def test_staff_accounts_from_the_command_line(env, store, capsys, monkeypatch):
    import io
    import sys
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough passphrase\n"))
    assert main(["staff", "add", "Olu@Barnet.gov.uk", "--name", "Olu", "--role", "officer", "--password-stdin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["staff", "add", "x@barnet.gov.uk", "--name", "X", "--password-stdin"]) == 2
    assert "at least 12 characters" in capsys.readouterr().err
    assert main(["staff", "disable", "olu@barnet.gov.uk"]) == 0
    main(["staff", "list"])
    assert "olu@barnet.gov.uk\tOlu\tofficer\tdisabled" in capsys.readouterr().out
    assert main(["staff", "disable", "nobody@barnet.gov.uk"]) == 2
