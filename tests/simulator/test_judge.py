"""The judge catches what goes wrong (and passes what goes right), on made-up transcripts."""
from datetime import date

import pytest

from bench.residents import judge, phrases, questions, scenarios
from bench.residents.resident import Resident, Say
from bench.residents.runner import Conversation, Turn

TODAY = date(2026, 11, 26)
BANK = phrases.load("default")


@pytest.fixture(scope="module")
def stories():
    return scenarios.generate(60, 7, BANK)


def story(stories, category, **want):
    for s in stories:
        if s.category == category and not s.events and not s.exclusion_in_opening and all(
                getattr(s, k) == v for k, v in want.items()):
            return s
    pytest.skip(f"no plain {category} story in the sample")


def turn(said: str, reply: str, buttons=(), event=None) -> Turn:
    messages = [{"text": reply, "buttons": [{"title": b, "payload": b} for b in buttons]}]
    return Turn(Say(said, said, None, event=event), messages, questions.read(messages, TODAY))


def told_everything(s) -> Resident:
    r = Resident(s, BANK, "typed")
    for mi in range(len(s.messages)):
        if mi != s.held_back:
            r._tell(mi)
    return r


def good_draft(s, sender: str) -> dict:
    """The draft a perfect assistant writes for a resident who told every report (and no more)."""
    exp = s.expected(TODAY)
    told = told_everything(s).conveyed_reports()
    return {
        "conversation_id": sender + ":abc", "route": exp.route, "ongoing_complaint": False,
        "problem_continuing": True,
        "applicant": {"name": s.answers["applicant_name"].means, "phone": s.contact.get("phone"),
                      "email": s.contact.get("email"), "on_behalf": s.applying_for == "someone_else",
                      "relationship": s.relationship or "self", "preferred_contact": s.preferred_contact},
        "victim": {"type": s.victim_type},
        "reports": [{"organisation_category": t.report.organisation,
                     "date": t.report.date or (t.report.date_range or [None])[0], "reference": t.reference}
                    for t in told],
        "decision": {"eligible": exp.eligible, "route": exp.route},
    }


def convo(s, turns, end="reference", drafts=(), resident=None) -> Conversation:
    c = Conversation(s, "typed", "res-test", list(turns), end, resident or told_everything(s), list(drafts))
    return c


def test_a_right_eligible_conversation_passes(stories):
    s = story(stories, "eligible_three")
    c = convo(s, [turn(s.opening, "Is anyone in danger right now?", ["Yes", "No"]),
                  turn("no", "Your application is saved. Your reference is CT-2026-00001.")],
              drafts=[good_draft(s, "res-test")])
    v = judge.judge(c)
    assert v.right, v.failures
    assert v.outcome_right and v.expected == "eligible"


def test_a_missing_draft_is_caught(stories):
    s = story(stories, "eligible_three")
    c = convo(s, [turn(s.opening, "Your application is saved. Your reference is CT-2026-00001.")])
    v = judge.judge(c)
    assert not v.right and not v.outcome_right
    assert "no draft for an eligible case" in [r for r, _ in v.failures]


def test_a_loop_is_caught(stories):
    s = story(stories, "eligible_three")
    ask = "Is there a complaint about this that the council, the police or a housing provider is still dealing with?"
    c = convo(s, [turn(s.opening, ask, ["Yes", "No"]), turn("nah", "Please answer yes or no.\n" + ask, ["Yes", "No"]),
                  turn("nope", "Please answer yes or no.\n" + ask, ["Yes", "No"]),
                  turn("no", "Please answer yes or no.\n" + ask, ["Yes", "No"])], end="loop")
    v = judge.judge(c)
    assert v.loop
    reasons = [r for r, _ in v.failures]
    assert "loop" in reasons and "did not finish" in reasons


def test_asking_again_after_an_interruption_is_not_a_loop(stories):
    s = story(stories, "eligible_three")
    ask = "Are you asking for yourself, or for someone else?"
    c = convo(s, [turn(s.opening, ask), turn("How long will this take?", "2 to 3 working days.\n" + ask,
                                             event="question"),
                  turn("mine", "Please tell me.\n" + ask),
                  turn("myself", "Your application is saved. Your reference is CT-2026-00001.")],
              drafts=[good_draft(s, "res-test")])
    assert not judge.judge(c).loop


def test_wrong_draft_fields_are_caught(stories):
    s = story(stories, "eligible_three")
    d = good_draft(s, "res-test")
    d["reports"] = d["reports"][:-1]
    d["applicant"]["name"] = "Someone Else"
    d["ongoing_complaint"] = None
    v = judge.judge(convo(s, [turn(s.opening, "Your reference is CT-2026-00001.")], drafts=[d]))
    reasons = {r for r, _ in v.failures}
    assert {"wrong number of reports", "report missing or wrong (organisation/date)", "applicant name",
            "ongoing_complaint not false"} <= reasons


def test_not_eligible_needs_no_draft_and_the_contacts(stories):
    s = story(stories, "near_miss")
    final = ("Right now you have 2 reports that count. What you can do now:\n"
             "- Report it to Barnet Police on 101, for police matters that are not an emergency.\n"
             "- Report it to your housing office or housing association if you rent from a social landlord.\n"
             "- Contact London Borough of Barnet Community Safety Team on 020 8359 2000.")
    assert judge.judge(convo(s, [turn(s.opening, final)], end="final")).right
    without = judge.judge(convo(s, [turn(s.opening, "Sorry, you can't use it. Goodbye, call 999 in danger.")],
                                end="final"))
    assert "contacts missing" in [r for r, _ in without.failures]
    drafted = judge.judge(convo(s, [turn(s.opening, final)], end="final", drafts=[good_draft(s, "res-test")]))
    assert "draft written for an ineligible case" in [r for r, _ in drafted.failures]


def test_a_report_read_back_with_101_is_not_advice_to_call_101():
    assert "101" not in questions.signposts_in("Counts: the police on 101, 2 October 2026.")
    assert "101" in questions.signposts_in("Report it to Barnet Police on 101, for police matters.")


def test_danger_must_get_999_in_the_very_next_reply(stories):
    s = story(stories, "eligible_three")
    c = convo(s, [turn(s.opening, "Is there a complaint?", ["Yes", "No"]),
                  turn("He's at my door right now", "Thanks. When did you report it?", event="danger"),
                  turn("no", "Your reference is CT-2026-00001.")], drafts=[good_draft(s, "res-test")])
    v = judge.judge(c)
    assert v.danger_answered is False
    assert "danger not answered with 999" in [r for r, _ in v.failures]
