"""The conversation under a second council's policy (policies/examples/thameside.yml), played in plain Python:
its scheme name, contacts, window, threshold and conditions, never Barnet's. Judged by what the resident is told
and what the application holds. The end-to-end tests play the same council through real servers
(tests/e2e/test_second_council.py)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.dialogue.engine import Engine, Message
from bot.dialogue.language import ReportReader
from bot.rules.policy import load_policy
from tests.test_no_council_in_code import _council_words

ROOT = Path(__file__).resolve().parents[3]
THAMESIDE = load_policy(ROOT / "policies" / "examples" / "thameside.yml")
READER = ReportReader(THAMESIDE)
# Barnet's own words; the Metropolitan Police serves both London boroughs, so the words they share are not Barnet's
BARNET_WORDS = sorted(set(_council_words()) - set(_council_words(ROOT / "policies" / "examples" / "thameside.yml")))
TODAY = date(2027, 4, 6)   # the threshold of two reports is in force (from 1 April 2027)
BEFORE = date(2027, 3, 30)  # three reports, the file's own values


class Chat:
    def __init__(self, today: date = TODAY):
        self.state = {}
        self.saved = []
        self.today = today
        self.replies = []
        self.engine = Engine(THAMESIDE, READER, save=lambda record, decision: self._save(record, decision))

    def _save(self, record, decision):
        self.saved.append((record, decision))
        return "TS-2027-00001", True

    def say(self, text: str) -> str:
        turn = self.engine.turn(self.state, Message(text, None, 0.0), self.today, "chat")
        self.state.update(turn.updates)
        self.state = {k: v for k, v in self.state.items() if v is not None}
        reply = "\n".join(r.text for r in turn.replies)
        self.replies.append(reply)
        return reply

    def script(self, *lines: str) -> str:
        return [self.say(line) for line in lines][-1]

    @property
    def asking(self):
        return self.state.get("asking")


START = ("the family next door play loud music every night and shout abuse at us", "no", "myself", "no",
         "I reported it")


def _no_barnet(chat: Chat) -> None:
    said = "\n".join(chat.replies)
    assert not [w for w in BARNET_WORDS if w.lower() in said.lower()], said
    assert "Community Trigger" not in said


def test_an_eligible_application_under_the_second_council_uses_its_words_and_rules():
    chat = Chat()
    r = chat.say(START[0])
    assert "ASB Case Review" in r
    chat.script(*START[1:])
    assert "needs 2 reports" in "\n".join(chat.replies)  # the dated change: two reports from 1 April 2027
    chat.say("rang 101 on 2 March about the party the night before, CAD 5521/02MAR")
    assert chat.state["reports"][0]["incident_date"] == "2027-03-01"
    r = chat.say("emailed Thameside Homes on 20 March, ref TH-40021")
    assert chat.asking == "report_incident_date"  # each report must be within a month of what happened
    r = chat.say("the same day")
    assert "That's 2 reports. That's enough: you need 2 in the last twelve months" in r
    chat.script("no that's all", "nothing happened", "Wharf Street, TX1 2AB, since last summer", "we can't sleep",
                "no")
    assert "no action has been taken" not in "\n".join(chat.replies)  # no condition here, so not asked
    r = chat.script("yes", "Jo Bloggs, 07700 900123", "no")
    assert "Is everything correct?" in r
    r = chat.say("yes")
    record, decision = chat.saved[0]
    assert decision.eligible and decision.needed == 2
    assert decision.policy == {"id": "thameside-example", "version": "2027-04-01",
                               "council": "Thameside Borough Council", "effective_from": "2027-04-01"}
    assert all("Thameside" in r.source or "Act" in r.source for r in decision.reports)
    assert THAMESIDE.timescales.response_text in r and THAMESIDE.appeal.reviewer.lower() in r.lower()
    _no_barnet(chat)


def test_before_the_change_three_reports_are_needed():
    chat = Chat(BEFORE)
    chat.script(*START)
    assert "needs 3 reports" in "\n".join(chat.replies)


@pytest.mark.parametrize("report, counts", [
    ("rang the council on 5 March about the fire on the 2nd, no ref", True),
    ("rang the council on 20 March about the fire on 2 February, no ref", False),  # more than 30 days after
])
def test_a_report_made_more_than_a_month_after_the_incident_does_not_count(report, counts):
    chat = Chat()
    chat.script(*START)
    r = chat.say(report)
    reports = chat.state.get("reports") or []
    assert len(reports) == 1
    assert ("more than 30 days after the incident" in r) is (not counts)
    _no_barnet(chat)


def test_a_report_older_than_six_months_counts_in_a_twelve_month_window():
    chat = Chat()
    chat.script(*START)
    r = chat.say("told the council on 10 September 2026 about the party that night, ref 4410")
    assert chat.state["reports"][0]["incident_date"] == "2026-09-10"
    assert "doesn't count" not in r and "That's 1 report" in r


def test_a_problem_that_has_stopped_is_not_turned_away_here():
    chat = Chat()
    r = chat.say("it all stopped back in January but I want the partnership to look at how it was handled")
    assert "I'm glad it has stopped" not in r and chat.state.get("outcome") is None


def test_never_reported_gets_the_second_councils_contacts():
    chat = Chat()
    r = chat.say("the man upstairs drills at midnight and I haven't told anyone yet, what can I do?")
    assert THAMESIDE.contact("community_safety_team").phone in r and "101" in r
    _no_barnet(chat)


@pytest.mark.parametrize("report", ["I told my MP on 3 February 2027", "rang the police on 1 February 2026, no ref"])
def test_the_incident_is_not_asked_about_for_a_report_that_cannot_count(report):
    chat = Chat()
    chat.script(*START)
    chat.say(report)
    assert chat.asking != "report_incident_date"


def test_three_times_in_one_month_are_three_incidents_and_each_incident_question_says_which():
    """Each incident counts once, but "3 times in September" is not one incident: only the same exact day
    (or the same incident named) is."""
    chat = Chat(BEFORE)
    chat.script(*START, "I called the police 3 times in January", "yes")
    asked = []
    for _ in range(3):
        assert chat.asking == "report_incident_date", chat.replies[-1]
        asked.append(chat.replies[-1].splitlines()[-1])
        reply = chat.say("same day")
    assert len(set(asked)) == 3 and "the second time" in asked[1], asked
    assert "That's 3 reports. That's enough" in reply, reply



def test_the_team_residents_deal_with_is_named_as_the_council_names_it(tmp_path):
    text = (ROOT / "policies" / "examples" / "thameside.yml").read_text(encoding="utf-8")
    named = tmp_path / "named.yml"
    assert "  team: Community Safety Team\n" in text
    named.write_text(text.replace("  team: Community Safety Team\n", "  team: Anti-social Behaviour Unit\n", 1),
                     encoding="utf-8")
    policy = load_policy(named)
    assert policy.council.team == "Anti-social Behaviour Unit"
    state, replies = {}, []
    engine = Engine(policy, ReportReader(policy), save=lambda record, decision: ("TS-1", True))
    for line in ("hello", "no", "I want to talk to a person", "carry on", "for myself", "not sure", "not sure",
                 "not sure"):
        turn = engine.turn(state, Message(line, None, 0.0), BEFORE, "chat")
        state.update(turn.updates)
        state = {k: v for k, v in state.items() if v is not None}
        replies.append("\n".join(r.text for r in turn.replies))
    said = "\n".join(replies)
    assert "the Anti-social Behaviour Unit" in said and "Community Safety Team" not in said, said
