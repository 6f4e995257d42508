"""Status changes: the process, who may make them, and the timescales."""
from datetime import date

import pytest

from bot.rules.policy import load_policy
from bot.drafts.workflow import STATUSES, TRANSITIONS, TransitionRefused, check_transition, timescales

POLICY = load_policy()


@pytest.mark.parametrize("current,new", [(c, n) for c, nexts in TRANSITIONS.items() for n in nexts])
def test_every_allowed_transition_is_accepted_with_a_note(current, new):
    check_transition(current, new, "manager", "because")


@pytest.mark.parametrize("current,new,role,note,words", [
    ("received", "action_plan_agreed", "officer", "x", "can only become: acknowledged, closed"),
    ("received", "received", "officer", "x", "already received"),
    ("closed", "threshold_met", "manager", "x", "can only become: appeal received"),
    ("appeal_received", "appeal_decided", "officer", "x", "Only a manager can decide an appeal"),
    ("received", "acknowledged", "officer", "   ", "Add a note"),
    ("received", "lost", "officer", "x", "is not a status"),
])
def test_illegal_changes_are_refused_with_the_reason(current, new, role, note, words):
    with pytest.raises(TransitionRefused, match=words):
        check_transition(current, new, role, note)


def test_every_status_is_reachable_and_can_end():
    reachable = {"received"}
    frontier = ["received"]
    while frontier:
        for nxt in TRANSITIONS[frontier.pop()]:
            if nxt not in reachable:
                reachable.add(nxt)
                frontier.append(nxt)
    assert reachable == set(STATUSES)


@pytest.mark.parametrize("today,responded,closed,response_overdue,resolution_overdue", [
    (date(2026, 3, 13), None, None, False, False),    # due Friday 13th: on the day is not late
    (date(2026, 3, 16), None, None, True, False),     # the Monday after: late
    (date(2026, 3, 16), date(2026, 3, 11), None, False, False),
    (date(2026, 4, 15), date(2026, 3, 11), None, False, False),   # target day itself
    (date(2026, 4, 16), date(2026, 3, 11), None, False, True),
    (date(2026, 4, 16), date(2026, 3, 11), date(2026, 4, 10), False, False),
])
def test_timescales_from_the_policy(today, responded, closed, response_overdue, resolution_overdue):
    t = timescales(date(2026, 3, 10), POLICY, today, responded, closed)
    assert t.response_due == date(2026, 3, 13)           # 3 working days
    assert t.resolution_target == date(2026, 4, 15)      # 24 working days, across Easter
    assert (t.response_overdue, t.resolution_overdue) == (response_overdue, resolution_overdue)


RECEIVED = date(2026, 3, 10)   # a Tuesday; response due Friday 13 March, resolution target Wednesday 15 April


@pytest.mark.parametrize("today,responded,state,left,label", [
    (date(2026, 3, 10), None, "running", 3, "3 working days left"),
    (date(2026, 3, 12), None, "running", 1, "1 working day left"),
    (date(2026, 3, 13), None, "due today", 0, "Due today"),
    (date(2026, 3, 14), None, "overdue", 0, "Overdue"),            # Saturday: no working day late yet
    (date(2026, 3, 16), None, "overdue", -1, "Overdue by 1 working day"),
    (date(2026, 3, 18), None, "overdue", -3, "Overdue by 3 working days"),
    (date(2026, 3, 20), date(2026, 3, 13), "met", None, "Met"),     # answered on the due day
    (date(2026, 3, 20), date(2026, 3, 16), "missed", None, "Missed"),
])
def test_response_target_at_its_boundaries(today, responded, state, left, label):
    response = timescales(RECEIVED, POLICY, today, responded).response
    assert (response.state, response.working_days_left, response.label) == (state, left, label)


def test_the_resolution_target_is_met_missed_or_not_needed():
    assert timescales(RECEIVED, POLICY, date(2026, 5, 1), date(2026, 3, 11), date(2026, 4, 15)).resolution.label == "Met"
    assert timescales(RECEIVED, POLICY, date(2026, 5, 1), date(2026, 3, 11), date(2026, 4, 16)).resolution.state == "missed"
    not_met = timescales(RECEIVED, POLICY, date(2026, 5, 1), date(2026, 3, 11), threshold_not_met=True)
    assert not_met.resolution.label == "Not needed" and not not_met.resolution_overdue
    assert not_met.next_due is None


def test_the_nearer_running_deadline_is_what_is_next_due():
    waiting = timescales(RECEIVED, POLICY, date(2026, 3, 11))
    assert waiting.next_due == date(2026, 3, 13)
    answered = timescales(RECEIVED, POLICY, date(2026, 3, 11), responded=date(2026, 3, 11))
    assert answered.next_due == date(2026, 4, 15)
    closed = timescales(RECEIVED, POLICY, date(2026, 4, 1), date(2026, 3, 11), date(2026, 3, 30))
    assert closed.next_due is None
