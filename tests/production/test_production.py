"""Production profile tests against real PostgreSQL and Redis."""
import json
import re
import threading
import urllib.error
import urllib.request

import psycopg2
import pytest

from tests.e2e.scripts import REPORTS, START, to_the_summary
from tests.production.conftest import TOKEN

pytestmark = pytest.mark.e2e


class Alternating:
    """One resident whose turns go to Rasa server A and B in turn (behind a load balancer)."""

    def __init__(self, production):
        self.chats = [production.chat("a"), production.chat("b")]
        self.chats[1].sender = self.chats[0].sender
        self.turn = 0
        self.sender = self.chats[0].sender

    def say(self, text):
        chat = self.chats[self.turn % 2]
        self.turn += 1
        return chat.say(text)

    def script(self, *lines):
        reply = None
        for line in lines:
            reply = self.say(line)
        return reply


def mine(production, sender):
    return [d for d in production.drafts() if d["conversation_id"].startswith(sender + ":")]


def test_the_stores_are_postgresql_and_redis(production):
    with psycopg2.connect(production.postgres.url) as db, db.cursor() as cursor:
        cursor.execute("select tablename from pg_tables where schemaname = 'public'")
        tables = {row[0] for row in cursor.fetchall()}
    assert {"events", "drafts", "draft_reports", "status_changes", "staff_users", "audit_log"} <= tables
    endpoints = (production.log_dir.parent / "data" / "endpoints.production.yml").read_text()
    assert "dialect: postgresql" in endpoints and "type: rasa_addons.lock_store.RequeueingRedisLockStore" in endpoints
    assert production.postgres.password not in endpoints  # secrets stay in the environment


def test_two_rasa_servers_serve_one_conversation_alternately(production):
    resident = Alternating(production)
    to_the_summary(resident)
    reply = resident.say("yes")
    assert "Your application is saved" in reply
    [draft] = mine(production, resident.sender)
    assert [r["organisation_category"] for r in draft["reports"]] == ["police", "housing_provider", "council"]
    assert draft["reference"] in reply.text


def test_the_same_confirmation_sent_twice_at_once_makes_one_draft(production):
    resident = Alternating(production)
    to_the_summary(resident)
    replies = []
    threads = [threading.Thread(target=lambda c=c: replies.append(c.say("yes"))) for c in resident.chats]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    drafts = mine(production, resident.sender)
    assert len(drafts) == 1
    assert all(drafts[0]["reference"] in r.text for r in replies)


def test_action_server_down_then_back(production):
    chat = production.chat("a")
    chat.script(*START, REPORTS[0])
    production.service("action server").stop()
    try:
        reply = chat.say(REPORTS[1])
        assert "something went wrong on our side" in reply and "020 8359 2000" in reply
    finally:
        production.restart("action server")
    reply = chat.say(REPORTS[1])
    assert "That's 2 reports" in reply


def test_database_down_at_save_then_confirmed_once(production):
    chat = production.chat("b")
    to_the_summary(chat)
    production.postgres.stop()
    try:
        reply = chat.say("yes")
        assert "020 8359 2000" in reply  # the apology, with the phone number
        assert "Your application is saved" not in reply
    finally:
        production.postgres.start()
    assert mine(production, chat.sender) == []
    # After the database is back the first request may meet a stale connection; the resident confirms again.
    for attempt in range(3):
        reply = chat.say("yes")
        if "saved" in reply.text:
            break
    assert "Your reference is CT-2026-" in reply or "already saved" in reply
    assert len(mine(production, chat.sender)) == 1


def test_rasa_server_killed_and_restarted_carries_on(production):
    chat = production.chat("a")
    chat.script(*START, REPORTS[0])
    production.restart("Rasa server A", kill=True)
    reply = chat.say(REPORTS[1])
    assert "That's 2 reports" in reply


def test_rasa_http_api_needs_the_token(production):
    url = production.url("a")
    for path in ("/status", "/conversations/someone/tracker"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + path)
        assert refused.value.code == 401
    with urllib.request.urlopen(f"{url}/status?token={TOKEN}") as response:
        assert response.status == 200
