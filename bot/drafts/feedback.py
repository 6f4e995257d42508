"""Feedback on the service, from the resident pages' phase banner: kept for the team to read."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import List, Optional

from sqlalchemy import select

from bot.drafts.models import Feedback
from bot.drafts.repository import DraftStore

RATINGS = (
    ("very_satisfied", "Very satisfied"),
    ("satisfied", "Satisfied"),
    ("neither", "Neither satisfied nor dissatisfied"),
    ("dissatisfied", "Dissatisfied"),
    ("very_dissatisfied", "Very dissatisfied"),
)
MAX_TEXT = 1200


@dataclass(frozen=True)
class FeedbackItem:
    at: datetime
    rating: Optional[str]
    text: str

    @property
    def rating_label(self) -> str:
        return dict(RATINGS).get(self.rating or "", "Not given")


class FeedbackBox:
    def __init__(self, store: DraftStore):
        self.store = store

    @staticmethod
    def problems(rating: Optional[str], text: str) -> dict:
        """What is wrong with a submission, by field, in GOV.UK's error-message words."""
        if rating and rating not in dict(RATINGS):
            return {"rating-1": "Choose how you felt about the service from the list"}
        if not text.strip() and not rating:
            return {"feedback": "Tell us how we could improve the service, or choose how you felt about it"}
        if len(text) > MAX_TEXT:
            return {"feedback": f"Your feedback must be {MAX_TEXT:,} characters or fewer"}
        return {}

    def add(self, rating: Optional[str], text: str) -> None:
        problems = self.problems(rating, text)
        if problems:
            raise ValueError(next(iter(problems.values())))
        with self.store.session() as session:
            session.add(Feedback(at=self.store._now(), rating=rating or None, text=text.strip() or None))

    def recent(self, limit: int = 200) -> List[FeedbackItem]:
        with self.store.session() as session:
            rows = session.execute(select(Feedback).order_by(Feedback.id.desc()).limit(limit)).scalars()
            return [FeedbackItem(r.at, r.rating, r.text or "") for r in rows]
