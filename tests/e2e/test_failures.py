"""When something breaks, the resident hears about it, with a phone number, and
nothing already collected is lost."""
import sqlite3

import pytest

from tests.e2e.scripts import REPORTS, START, to_the_summary

pytestmark = pytest.mark.e2e


def test_action_server_down_mid_conversation_then_back(servers, chat):
    chat.script(*START, REPORTS[0])
    servers.service("action server").stop()
    try:
        r = chat.say("emailed Clarion last week, ref CL-40021")
        assert "Sorry, something went wrong on our side" in r
        assert "020 8359 2000" in r and "Your answers so far are saved" in r
        assert "Traceback" not in r.text
    finally:
        servers.restart("action server")
    # "try again" reads the answer the assistant never took; nothing is lost.
    r = chat.say("try again")
    assert "That's 2 reports" in r and "Clarion" in r
    r = chat.say("told environmental health on 5 March, ref ENV-20441")
    assert "That's 3 reports" in r
    draft_before = servers.draft_for(chat)
    assert draft_before is None


def test_database_unavailable_when_saving_then_saved_once(servers, chat):
    to_the_summary(chat)
    db = servers.data_dir / "drafts.db"
    blocker = sqlite3.connect(db, timeout=1)
    blocker.execute("BEGIN EXCLUSIVE")  # another process holds the write lock: the database is unavailable
    try:
        r = chat.say("yes")
        assert "I couldn't save your application just now" in r and "Nothing is lost" in r
        assert "020 8359 2000" in r and r.buttons == ["Try again"]
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
