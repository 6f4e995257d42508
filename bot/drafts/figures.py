"""The figures a council must publish about the Community Trigger, for any period.

Anti-social Behaviour, Crime and Policing Act 2014, s.104(10): the relevant bodies publish, at intervals,
the number of applications for ASB case reviews, the number of times they decided the threshold was not
met, the number of case reviews carried out, and the number of reviews that resulted in recommendations.
We add what a partnership asks next: the share of applications answered within the published response
target, and the median working days to close.

How each is counted (days are London days; a period runs from its first to its last day, both included):
- applications: received in the period;
- threshold not met: decisions made in the period that the threshold was not met;
- case reviews carried out: review meetings held in the period (the meeting's recorded date, once it has
  passed); for an application with no meeting recorded (from before meetings were recorded), moving on
  from "review meeting arranged" in the period;
- reviews with recommendations: of those, the ones with at least one recommendation recorded (or, with no
  meeting recorded, an action plan agreed in the period);
- answered within the response target: of the applications received in the period that were answered, or
  whose due day passed within the period, those first answered on or before the due day;
- median working days to close: over applications first closed in the period, from the day received.
"""
from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass
from datetime import date
from typing import Dict, List, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bot.drafts.models import ActionItem, Draft, ReviewMeeting
from bot.drafts.repository import DraftStore
from bot.drafts.review import first_reached, london_day, responded_on
from bot.rules.dates import format_date
from bot.rules.policy import Policy
from bot.rules.workdays import add_working_days, working_days_between


def last_financial_year(today: date) -> Tuple[date, date]:
    """The last complete financial year (1 April to 31 March) before `today`."""
    end_year = today.year if today >= date(today.year, 4, 1) else today.year - 1
    return date(end_year - 1, 4, 1), date(end_year, 3, 31)


@dataclass(frozen=True)
class Figures:
    start: date
    end: date
    applications: int
    threshold_not_met: int
    reviews_carried_out: int
    reviews_with_recommendations: int
    answered_in_time: int
    answers_due: int
    median_working_days_to_close: Optional[float]
    closed: int

    @property
    def period(self) -> str:
        return f"{format_date(self.start)} to {format_date(self.end)}"

    @property
    def answered_in_time_share(self) -> Optional[float]:
        return round(100 * self.answered_in_time / self.answers_due, 1) if self.answers_due else None

    def rows(self) -> List[Tuple[str, str]]:
        """(what, how many) in words, as published."""
        share = self.answered_in_time_share
        return [
            ("Applications for an ASB case review", str(self.applications)),
            ("Times the threshold for a review was not met", str(self.threshold_not_met)),
            ("Case reviews carried out", str(self.reviews_carried_out)),
            ("Case reviews that resulted in recommendations", str(self.reviews_with_recommendations)),
            ("Applications answered within the response target",
             f"{self.answered_in_time} of {self.answers_due} ({share}%)" if share is not None else "none due"),
            ("Median working days from application to closing",
             f"{self.median_working_days_to_close:g} (over {self.closed} closed)"
             if self.median_working_days_to_close is not None else "none closed"),
        ]

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["Period", "Figure", "Value"])
        for label, value in self.rows():
            writer.writerow([self.period, label, value])
        return out.getvalue()


def figures(store: DraftStore, policy: Policy, start: date, end: date, today: date) -> Figures:
    if end < start:
        raise ValueError("The period must end on or after the day it starts.")

    def within(day: Optional[date]) -> bool:
        return day is not None and start <= day <= end

    applications = not_met = reviews = recommendations = in_time = due = 0
    to_close: List[int] = []
    with store.session() as session:
        drafts = session.execute(select(Draft).options(selectinload(Draft.history))).scalars().all()
        meetings: Dict[int, ReviewMeeting] = {}
        for meeting in session.execute(select(ReviewMeeting).order_by(ReviewMeeting.id)).scalars():
            meetings[meeting.draft_id] = meeting          # the latest recorded stands
        recommended = set(session.execute(select(ActionItem.draft_id)).scalars())
        for draft in drafts:
            received = london_day(draft.created_at)
            meeting = meetings.get(draft.id)
            if meeting is not None and within(meeting.meets_on) and meeting.meets_on <= today:
                reviews += 1
                recommendations += draft.id in recommended
            for change in draft.history:
                day = london_day(change.at)
                if not within(day):
                    continue
                not_met += change.to_status == "threshold_not_met"
                if meeting is None:
                    reviews += change.from_status == "review_meeting_arranged"
                    recommendations += change.to_status == "action_plan_agreed"
            closed = first_reached(draft, "closed")
            if within(closed):
                to_close.append(working_days_between(received, closed))
            if not within(received):
                continue
            applications += 1
            response_due = add_working_days(received, policy.timescales.response_working_days)
            responded = responded_on(draft)
            # answered, or its due day has passed (within the period): on the due day itself it is not late yet
            if responded is not None or (response_due <= end and response_due < today):
                due += 1
                in_time += responded is not None and responded <= response_due
    return Figures(start, end, applications, not_met, reviews, recommendations, in_time, due,
                   statistics.median(to_close) if to_close else None, len(to_close))
