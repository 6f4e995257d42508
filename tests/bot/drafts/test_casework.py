"""Casework as records: the threshold decision (and a warning when it differs from the assistant's), the
review meeting, the recommendations, the outcome and the appeal; each moves the status on with a note."""
from datetime import date, datetime

import pytest

from bot.drafts import DraftStore
from bot.drafts.casework import Actor, Casework, CaseworkRefused
from bot.drafts.workflow import TransitionRefused
from bot.rules.application import application_from_dict
from bot.rules.eligibility import decide
from bot.rules.policy import load_policy
from tests.web.conftest import draft_record

OFFICER = Actor("officer@council.gov.uk", "officer")
MANAGER = Actor("manager@council.gov.uk", "manager")
TODAY = datetime(2026, 3, 10, 10)


@pytest.fixture()
def store(tmp_path):
    return DraftStore(f"sqlite:///{tmp_path / 'drafts.db'}", now=lambda: TODAY)


def application(store, eligible=True, conversation="c:a") -> str:
    record = draft_record(conversation)
    if not eligible:
        record["reports"] = record["reports"][:1]
    decision = decide(application_from_dict(record), load_policy(), date(2026, 3, 10))
    assert decision.eligible is eligible
    return store.save(record, decision).reference


def test_a_whole_case_from_acknowledgement_to_closing(store):
    work = Casework(store)
    ref = application(store)
    work.acknowledge(ref, OFFICER)
    work.decide_threshold(ref, OFFICER, True, "Three reports in six months, nothing done.")
    work.arrange_meeting(ref, OFFICER, "2026-03-09", "Metropolitan Police\nBarnet Homes, Environmental Health",
                         minutes="Partners agreed a joint visit.")
    work.add_action(ref, OFFICER, "Joint visit to the address", "Metropolitan Police", "24/03/2026")
    work.agree_plan(ref, OFFICER)
    record = work.record(ref)
    [item] = record["actions"]
    work.set_action_state(ref, OFFICER, item["id"], "done")
    work.close(ref, OFFICER, "Problem resolved", "Noise stopped after the visit.")
    record = work.record(ref)
    assert record["threshold"]["met"] is True and record["threshold"]["why_different"] is None
    assert record["meeting"]["partners"] == ["Metropolitan Police", "Barnet Homes", "Environmental Health"]
    assert record["meeting"]["meets_on"] == date(2026, 3, 9)
    assert record["actions"][0]["due"] == date(2026, 3, 24) and record["actions"][0]["state_label"] == "Done"
    assert record["outcome"]["outcome"] == "Problem resolved"
    history = [h["to"] for h in store.get(ref)["status_history"]]
    assert history == ["received", "acknowledged", "threshold_met", "review_meeting_arranged",
                       "action_plan_agreed", "closed"]


def test_a_decision_that_differs_from_the_assistants_needs_a_reason_why(store):
    work = Casework(store)
    ref = application(store, eligible=True)
    work.acknowledge(ref, OFFICER)
    with pytest.raises(CaseworkRefused) as refused:
        work.decide_threshold(ref, OFFICER, False, "One report was about something else.")
    assert "The assistant decided the threshold was met" in str(refused.value)
    assert refused.value.field == "threshold-why"
    assert store.get(ref)["status"] == "acknowledged"          # nothing recorded
    work.decide_threshold(ref, OFFICER, False, "One report was about something else.",
                          why_different="The 5 March email was about parking, not this problem.")
    assert Casework(store).record(ref)["threshold"]["why_different"].startswith("The 5 March email")
    # agreeing with the assistant needs no such reason, and one given is not kept
    other = application(store, eligible=False, conversation="other:a")
    work.acknowledge(other, OFFICER)
    work.decide_threshold(other, OFFICER, False, "Only one report.", why_different="ignored")
    assert Casework(store).record(other)["threshold"]["why_different"] is None


@pytest.mark.parametrize("step,field", [
    (lambda w, r: w.decide_threshold(r, OFFICER, None, "x"), "threshold-met"),
    (lambda w, r: w.decide_threshold(r, OFFICER, True, "  "), "threshold-reason"),
])
def test_a_threshold_decision_needs_an_answer_and_a_reason(store, step, field):
    work = Casework(store)
    ref = application(store)
    work.acknowledge(ref, OFFICER)
    with pytest.raises(CaseworkRefused) as refused:
        step(work, ref)
    assert refused.value.field == field


def test_meeting_and_recommendation_problems_are_named(store):
    work = Casework(store)
    ref = application(store)
    with pytest.raises(CaseworkRefused, match="arranged once the threshold is met"):
        work.arrange_meeting(ref, OFFICER, "2026-03-20", "Police")
    work.acknowledge(ref, OFFICER)
    work.decide_threshold(ref, OFFICER, True, "Met.")
    with pytest.raises(CaseworkRefused, match="with the year"):
        work.arrange_meeting(ref, OFFICER, "next Tuesday", "Police")
    with pytest.raises(CaseworkRefused, match="partners attending"):
        work.arrange_meeting(ref, OFFICER, "2026-03-20", " \n ")
    with pytest.raises(CaseworkRefused, match="has not happened yet"):
        work.arrange_meeting(ref, OFFICER, "2026-03-20", "Police", minutes="We met.")   # today is 10 March
    work.arrange_meeting(ref, OFFICER, "20 March 2026", "Police")
    with pytest.raises(CaseworkRefused, match="at least one recommendation"):
        work.agree_plan(ref, OFFICER)
    with pytest.raises(CaseworkRefused, match="partner responsible"):
        work.add_action(ref, OFFICER, "Visit", "", "2026-04-01")


def test_an_appeal_is_received_then_decided_by_a_manager_only(store):
    work = Casework(store)
    ref = application(store, eligible=False)
    work.acknowledge(ref, OFFICER)
    work.decide_threshold(ref, OFFICER, False, "Only one report.")
    with pytest.raises(CaseworkRefused, match="cannot be in the future"):
        work.receive_appeal(ref, OFFICER, "2026-03-11", "Deputy Director, Environment")
    work.receive_appeal(ref, OFFICER, "9 March 2026", "Deputy Director, Environment")
    with pytest.raises(TransitionRefused, match="Only a manager"):
        work.decide_appeal(ref, OFFICER, True, "Reports were missed.")
    with pytest.raises(CaseworkRefused, match="upheld"):
        work.decide_appeal(ref, MANAGER, None, "x")
    work.decide_appeal(ref, MANAGER, True, "Two further reports to the police were missed.")
    appeal = work.record(ref)["appeal"]
    assert (appeal["received_on"], appeal["reviewer"], appeal["upheld"], appeal["decided_on"]) == \
        (date(2026, 3, 9), "Deputy Director, Environment", True, date(2026, 3, 10))
    assert store.get(ref)["status"] == "appeal_decided"


def test_closing_needs_an_outcome_from_the_list_and_a_summary(store):
    work = Casework(store)
    ref = application(store)
    with pytest.raises(CaseworkRefused) as refused:
        work.close(ref, OFFICER, "Sorted", "Fine now.")
    assert refused.value.field == "outcome"
    with pytest.raises(CaseworkRefused) as refused:
        work.close(ref, OFFICER, "Withdrawn by the applicant", "")
    assert refused.value.field == "outcome-summary"
    work.close(ref, OFFICER, "Withdrawn by the applicant", "The applicant moved away.")
    assert store.get(ref)["status"] == "closed"
