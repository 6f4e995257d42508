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
from bot.rules.workdays import add_working_days, working_days_between

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
    """A status change that is not allowed, with the reason, and which field it is about ("status" or
    "note")."""

    def __init__(self, message: str, field: str = "status"):
        super().__init__(message)
        self.field = field


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
        raise TransitionRefused("Add a note saying why the status is changing.", field="note")


@dataclass(frozen=True)
class Deadline:
    """One published target for one application: when it is due, and where it stands on `today`.

    Counted in working days (Monday to Friday, bank holidays in England excluded): the seed's "respond
    within 2-3 days" is the policy's response_working_days (3) after the day the application arrived,
    that day not counted; "aim to resolve within 24 working days" likewise.
    """
    due: date
    today: date
    done: Optional[date] = None     # when it was met: the first response, or the first closing
    needed: bool = True             # the resolution target does not apply once the threshold is not met

    @property
    def state(self) -> str:
        if not self.needed:
            return "not needed"
        if self.done is not None:
            return "met" if self.done <= self.due else "missed"
        if self.today > self.due:
            return "overdue"
        return "due today" if self.today == self.due else "running"

    @property
    def running(self) -> bool:
        return self.state in ("running", "due today", "overdue")

    @property
    def working_days_left(self) -> Optional[int]:
        """Working days from today to the due day; negative once overdue; None when not running."""
        if not self.running:
            return None
        if self.today <= self.due:
            return working_days_between(self.today, self.due)
        return -working_days_between(self.due, self.today)

    @property
    def label(self) -> str:
        state = self.state
        if state == "running":
            left = self.working_days_left
            return f"{left} working day{'' if left == 1 else 's'} left"
        if state == "overdue":
            late = -(self.working_days_left or 0)
            return f"Overdue by {late} working day{'' if late == 1 else 's'}" if late else "Overdue"
        return {"due today": "Due today", "met": "Met", "missed": "Missed", "not needed": "Not needed"}[state]


@dataclass(frozen=True)
class Timescales:
    response: Deadline
    resolution: Deadline

    @property
    def response_due(self) -> date:
        return self.response.due

    @property
    def resolution_target(self) -> date:
        return self.resolution.due

    @property
    def response_overdue(self) -> bool:
        return self.response.state == "overdue"

    @property
    def resolution_overdue(self) -> bool:
        return self.resolution.state == "overdue"

    @property
    def next_due(self) -> Optional[date]:
        """The nearer deadline still running (what the queue orders by), or None when neither is."""
        running = [d.due for d in (self.response, self.resolution) if d.running]
        return min(running) if running else None


def timescales(received: date, policy: Policy, today: date, responded: Optional[date] = None,
               closed: Optional[date] = None, threshold_not_met: bool = False) -> Timescales:
    """`responded`: the day the application first left "received"; `closed`: the day it was first closed;
    `threshold_not_met`: it was decided not to meet the threshold (and never met it), so no review follows."""
    due = add_working_days(received, policy.timescales.response_working_days)
    target = add_working_days(received, policy.timescales.resolution_working_days)
    return Timescales(response=Deadline(due, today, responded),
                      resolution=Deadline(target, today, closed, needed=not threshold_not_met))
