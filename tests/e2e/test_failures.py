"""When something breaks, the resident hears about it, with the council's phone number, and nothing already
collected is lost. Played for both councils the suite serves (see test_conversations.py)."""
import sqlite3

import pytest

from tests.e2e.scripts import START

pytestmark = pytest.mark.e2e





def test_action_server_down_mid_conversation_then_back(council, chat):
    servers = council.servers
    chat.script(*START, council.reports[0])
    servers.service("action server").stop()
    try:
        r = chat.say(council.reports[1])
        assert "Sorry, something went wrong on our side" in r
        assert council.phone() in r and "Your answers so far are saved" in r
        assert "Traceback" not in r.text
    finally:
        servers.restart("action server")
    # "try again" reads the answer the assistant never took; nothing is lost.
    r = chat.say("try again")
    assert "That's 2 reports" in r and council.landlord in r
    r = chat.say(council.reports[2])
    assert "That's 3 reports" in r
    assert servers.draft_for(chat) is None


def test_database_unavailable_when_saving_then_saved_once(council, chat):
    servers = council.servers
    council.to_the_summary(chat)
    db = servers.data_dir / "drafts.db"
    blocker = sqlite3.connect(db, timeout=1)
    blocker.execute("BEGIN EXCLUSIVE")  # another process holds the write lock: the database is unavailable
    try:
        r = chat.say("yes")
        assert "I couldn't save your application just now" in r and "Nothing is lost" in r
        assert council.phone() in r and r.buttons == ["Try again"]
    finally:
        blocker.rollback()
        blocker.close()
    assert servers.draft_for(chat) is None
    r = chat.say("try again")
    assert "Your application is saved. Your reference is CT-2026-" in r
    again = chat.say("/continue")
    assert "already saved" in again
    draft = servers.draft_for(chat)
    assert draft is not None and len(draft["reports"]) == 3
    rows = sqlite3.connect(db).execute("select count(*) from drafts where conversation_id like ?",
                                       (chat.sender + ":%",)).fetchone()[0]
    assert rows == 1
