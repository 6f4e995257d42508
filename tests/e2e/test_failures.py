"""When something breaks, the resident hears about it, with a phone number, and
nothing already collected is lost."""
import sqlite3

import pytest

from tests.e2e.test_conversations import PROBLEM, START, contact_and_confirm, three_reports

pytestmark = pytest.mark.e2e


def test_action_server_down_mid_conversation_then_back(servers, chat):
    chat.script(*START)
    chat.script("rang 101 on the 2nd of Feb, ref CAD 5521/02FEB", "nothing")
    servers.service("action server").stop()
    try:
        r = chat.say("yes emailed barnet homes last week")
        assert "Sorry, something went wrong on our side" in r
        assert "020 8359 2000" in r and "Your answers so far are saved" in r
        assert "Traceback" not in r.text
    finally:
        servers.restart("action server")
    # The same question is still pending; the answer given again is taken.
    r = chat.say("yes emailed barnet homes last week")
    assert "Do you have a reference number" in r
    r = chat.script("no", "nothing")
    assert "That's 2 reports." in r
    r = chat.script("yes the council on 5 march", "no", "nothing", "no")
    r = chat.script(*PROBLEM)
    assert "you can use the Community Trigger" in r
    contact_and_confirm(chat)
    chat.say("yes")
    draft = servers.draft_for(chat)
    assert [x["organisation"] for x in draft["reports"]] == ["101", "barnet homes", "the council"] or \
        [x["organisation_category"] for x in draft["reports"]] == ["police", "housing_provider", "council"]
    assert draft["reports"][0]["reference"] == "CAD 5521/02FEB"


def test_database_unavailable_when_saving_then_saved_once(servers, chat):
    chat.script(*START)
    three_reports(chat)
    chat.script(*PROBLEM)
    contact_and_confirm(chat)
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
