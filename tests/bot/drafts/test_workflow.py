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


@pytest.mark.parametrize("today,status,responded,response_overdue,resolution_overdue", [
    (date(2026, 3, 13), "received", None, False, False),    # due Friday 13th: on the day is not late
    (date(2026, 3, 16), "received", None, True, False),     # the Monday after: late
    (date(2026, 3, 16), "acknowledged", date(2026, 3, 11), False, False),
    (date(2026, 4, 15), "threshold_met", date(2026, 3, 11), False, False),   # target day itself
    (date(2026, 4, 16), "threshold_met", date(2026, 3, 11), False, True),
    (date(2026, 4, 16), "closed", date(2026, 3, 11), False, False),
])
def test_timescales_from_the_policy(today, status, responded, response_overdue, resolution_overdue):
    t = timescales(date(2026, 3, 10), status, POLICY, today, responded)
    assert t.response_due == date(2026, 3, 13)           # 3 working days
    assert t.resolution_target == date(2026, 4, 15)      # 24 working days, across Easter
    assert (t.response_overdue, t.resolution_overdue) == (response_overdue, resolution_overdue)
