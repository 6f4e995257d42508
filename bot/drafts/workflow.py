"""The life of an application after the assistant writes it: statuses, who may
move it where, and the published timescales. Pure: no database.

Seed: a response within 2-3 days; if the criteria are met the partners meet,
review and recommend, aiming to resolve within 24 working days; an appeal is
reviewed by a Deputy Director (or equivalent), whose decision is final.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Dict, Optional, Tuple

from bot.rules.policy import Policy
from bot.rules.workdays import add_working_days

STATUSES: Dict[str, str] = {
    "received": "Received",
    "acknowledged": "Acknowledged",
    "threshold_met": "Threshold met",
    "threshold_not_met": "Threshold not met",
    "review_meeting_arranged": "Review meeting arranged",
    "action_plan_agreed": "Action plan agreed",
    "closed": "Closed",
    "appeal_received": "Appeal received",
    "appeal_decided": "Appeal decided",
}
# Where each status can go next.
TRANSITIONS: Dict[str, Tuple[str, ...]] = {
    "received": ("acknowledged", "closed"),
    "acknowledged": ("threshold_met", "threshold_not_met", "closed"),
    "threshold_met": ("review_meeting_arranged", "closed"),
    "threshold_not_met": ("appeal_received", "closed"),
    "review_meeting_arranged": ("action_plan_agreed", "closed"),
    "action_plan_agreed": ("closed",),
    "closed": ("appeal_received",),
    "appeal_received": ("appeal_decided",),
    "appeal_decided": ("closed",),
}
MANAGER_ONLY = {"appeal_decided"}  # managers decide appeals
OPEN_FOR_RESPONSE = {"received"}
FINISHED = {"closed", "appeal_decided"}
ROLES = ("officer", "manager")


class TransitionRefused(ValueError):
    """A status change that is not allowed, with the reason."""


def check_transition(current: str, new: str, role: str, note: str) -> None:
    if new not in STATUSES:
        raise TransitionRefused(f"\"{new}\" is not a status.")
    if new == current:
        raise TransitionRefused(f"The application is already {STATUSES[current].lower()}.")
    allowed = TRANSITIONS.get(current, ())
    if new not in allowed:
        options = ", ".join(STATUSES[s].lower() for s in allowed) or "nothing"
        raise TransitionRefused(f"An application that is {STATUSES[current].lower()} can only become: {options}.")
    if new in MANAGER_ONLY and role != "manager":
        raise TransitionRefused("Only a manager can decide an appeal.")
    if not note or not note.strip():
        raise TransitionRefused("Add a note saying why the status is changing.")


@dataclass(frozen=True)
class Timescales:
    response_due: date
    resolution_target: date
    response_overdue: bool
    resolution_overdue: bool


def timescales(received: date, status: str, policy: Policy, today: date,
               responded: Optional[date] = None) -> Timescales:
    due = add_working_days(received, policy.timescales.response_working_days)
    target = add_working_days(received, policy.timescales.resolution_working_days)
    waiting = status in OPEN_FOR_RESPONSE and responded is None
    return Timescales(
        response_due=due,
        resolution_target=target,
        response_overdue=waiting and today > due,
        resolution_overdue=status not in FINISHED and today > target,
    )
