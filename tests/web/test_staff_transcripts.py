"""The draft page shows the conversation the draft came from, and only that one (issue 12, item 7)."""
import json
import sqlite3
import time

from tests.web.conftest import app, env, save, sign_in, store  # noqa: F401 (fixtures)


def tracker(path, rows):
    db = sqlite3.connect(path)
    db.execute("create table events (id integer primary key, sender_id varchar(255) not null, type_name varchar(255) "
               "not null, timestamp float, intent_name varchar(255), action_name varchar(255), data text)")
    db.executemany("insert into events (sender_id, type_name, timestamp, data) values (?, ?, ?, ?)",
                   [(sender, "user", time.time(), json.dumps({"text": text})) for sender, text in rows])
    db.commit()


def test_a_sender_id_with_a_colon_shows_its_own_conversation_not_another(env, app, store):
    # Cutting "a:b:1" at the first ':' gave "a": another resident's conversation.
    tracker(env / "tracker.db", [("a", "Someone else's words"), ("a:b", "My own words")])
    mine = save(store, "a:b:1", sender_id="a:b")
    theirs = save(store, "a:1", sender_id="a")
    client = app.test_client()
    sign_in(client)
    page = client.get(f"/staff/drafts/{mine}").get_data(as_text=True)
    assert "My own words" in page and "Someone else&#39;s words" not in page and "Someone else's" not in page
    page = client.get(f"/staff/drafts/{theirs}").get_data(as_text=True)
    assert "Someone else&#39;s words" in page and "My own words" not in page


def test_a_draft_whose_conversation_is_gone_says_so(env, app, store):
    tracker(env / "tracker.db", [("other", "Not this one")])
    reference = save(store, "gone:1", sender_id="gone")
    client = app.test_client()
    sign_in(client)
    page = client.get(f"/staff/drafts/{reference}").get_data(as_text=True)
    assert "The conversation is no longer available." in page and "Not this one" not in page
