"""The s.104 figures and the timeliness figures at their date boundaries. Days are London days: an
application at 23:30 UTC on 31 March 2026 (British Summer Time) arrived on 1 April in London."""
from datetime import date, datetime

import pytest

from bot.drafts import DraftStore
from bot.drafts.figures import figures, last_financial_year
from bot.drafts.review import Review
from bot.rules.application import application_from_dict
from bot.rules.eligibility import decide
from bot.rules.policy import load_policy
from tests.web.conftest import draft_record

POLICY = load_policy()
YEAR = (date(2025, 4, 1), date(2026, 3, 31))


@pytest.fixture()
def store(tmp_path):
    return DraftStore(f"sqlite:///{tmp_path / 'drafts.db'}")


def arrive(store, at: datetime, name="c") -> str:
    record = draft_record(f"{name}:a")
    decision = decide(application_from_dict(record), POLICY, at.date())
    return DraftStore(store.url, now=lambda: at).save(record, decision).reference


def move(store, reference, at: datetime, *statuses):
    review = Review(DraftStore(store.url, now=lambda: at))
    for status in statuses:
        review.change_status(reference, status, "officer@council.gov.uk", "manager", "as decided")


def year(store, today=date(2026, 12, 3)):
    return figures(store, POLICY, *YEAR, today=today)


@pytest.mark.parametrize("today,period", [
    (date(2026, 12, 3), (date(2025, 4, 1), date(2026, 3, 31))),
    (date(2026, 4, 1), (date(2025, 4, 1), date(2026, 3, 31))),
    (date(2026, 3, 31), (date(2024, 4, 1), date(2025, 3, 31))),   # the year is not over yet
])
def test_the_default_period_is_the_last_complete_financial_year(today, period):
    assert last_financial_year(today) == period


def test_applications_are_counted_by_their_london_day_at_both_ends(store):
    arrive(store, datetime(2025, 3, 31, 22, 59), "before")      # 23:59 on 31 March London (BST): before
    arrive(store, datetime(2025, 3, 31, 23, 0), "first")        # midnight, 1 April London: in
    arrive(store, datetime(2026, 3, 31, 22, 59), "last")        # 23:59 on 31 March 2026 London: in
    arrive(store, datetime(2026, 3, 31, 23, 30), "after")       # 00:30 on 1 April London: after
    assert year(store).applications == 2


def test_threshold_not_met_reviews_and_recommendations_count_what_happened_in_the_period(store):
    not_met = arrive(store, datetime(2025, 5, 1, 10), "a")
    move(store, not_met, datetime(2025, 5, 2, 10), "acknowledged", "threshold_not_met")
    late_decision = arrive(store, datetime(2026, 3, 20, 10), "b")
    move(store, late_decision, datetime(2026, 4, 1, 9), "acknowledged", "threshold_not_met")   # next year
    reviewed = arrive(store, datetime(2025, 6, 1, 10), "c")
    move(store, reviewed, datetime(2025, 6, 2, 10), "acknowledged", "threshold_met", "review_meeting_arranged")
    move(store, reviewed, datetime(2025, 6, 20, 10), "action_plan_agreed")       # review held, recommendations
    no_plan = arrive(store, datetime(2025, 7, 1, 10), "d")
    move(store, no_plan, datetime(2025, 7, 2, 10), "acknowledged", "threshold_met", "review_meeting_arranged")
    move(store, no_plan, datetime(2026, 3, 31, 10), "closed")                   # reviewed, nothing to recommend
    arranged_only = arrive(store, datetime(2025, 8, 1, 10), "e")
    move(store, arranged_only, datetime(2025, 8, 4, 10), "acknowledged", "threshold_met", "review_meeting_arranged")
    f = year(store)
    assert (f.applications, f.threshold_not_met, f.reviews_carried_out, f.reviews_with_recommendations) == (5, 1, 2, 1)


def test_answered_within_the_response_target_at_the_due_day(store):
    # arrived Tuesday 10 March 2026: the response is due Friday 13 March (3 working days)
    on_time = arrive(store, datetime(2026, 3, 10, 10), "a")
    move(store, on_time, datetime(2026, 3, 13, 16), "acknowledged")
    late = arrive(store, datetime(2026, 3, 10, 11), "b")
    move(store, late, datetime(2026, 3, 16, 9), "acknowledged")
    arrive(store, datetime(2026, 3, 10, 12), "c")          # never answered: late
    arrive(store, datetime(2026, 3, 30, 12), "d")          # due 2 April, after the year: not counted either way
    f = year(store)
    assert (f.answered_in_time, f.answers_due) == (1, 3)
    assert f.answered_in_time_share == 33.3
    # looked at on its due day, an unanswered application is not late yet
    assert figures(store, POLICY, date(2026, 3, 1), date(2026, 3, 31), today=date(2026, 3, 13)).answers_due == 2


def test_median_working_days_to_close(store):
    for name, closed in (("a", datetime(2025, 6, 6, 10)), ("b", datetime(2025, 6, 12, 10)),
                         ("c", datetime(2025, 7, 3, 10))):
        reference = arrive(store, datetime(2025, 6, 2, 10), name)       # Monday 2 June 2025
        move(store, reference, closed, "acknowledged", "closed")
    f = year(store)
    assert f.closed == 3 and f.median_working_days_to_close == 8       # 4, 8 and 23 working days
    assert dict(f.rows())["Median working days from application to closing"] == "8 (over 3 closed)"
    assert f.csv().splitlines()[0] == "Period,Figure,Value"
    assert "1 April 2025 to 31 March 2026,Case reviews carried out,0" in f.csv()


def test_a_period_that_ends_before_it_starts_is_refused(store):
    with pytest.raises(ValueError, match="end on or after"):
        figures(store, POLICY, date(2026, 3, 31), date(2026, 3, 1), today=date(2026, 12, 3))


def test_reviews_are_counted_by_the_meeting_held_and_its_recommendations(store):
    from bot.drafts.casework import Actor, Casework
    officer = Actor("officer@council.gov.uk", "officer")

    def met_threshold(at, name):
        reference = arrive(store, at, name)
        work = Casework(DraftStore(store.url, now=lambda: at))
        work.acknowledge(reference, officer)
        work.decide_threshold(reference, officer, True, "Three reports, nothing done.",
                              why_different="The third report was confirmed by phone.")
        return reference, work

    held, work = met_threshold(datetime(2026, 3, 2, 10), "held")
    work.arrange_meeting(held, officer, "2026-03-31", "Police")                 # the year's last day
    later = Casework(DraftStore(store.url, now=lambda: datetime(2026, 4, 2, 10)))
    later.add_action(held, officer, "Visit", "Police", "2026-04-30")              # recommended after, still counts
    plain, work = met_threshold(datetime(2026, 3, 2, 11), "plain")
    work.arrange_meeting(plain, officer, "2026-03-20", "Police")                # held, nothing recommended
    next_year, work = met_threshold(datetime(2026, 3, 2, 12), "next")
    work.arrange_meeting(next_year, officer, "2026-04-01", "Police")            # after the year
    f = year(store)
    assert (f.reviews_carried_out, f.reviews_with_recommendations) == (2, 1)
    # looked at on 25 March, the meeting on the 31st has not happened yet
    early = figures(store, POLICY, *YEAR, today=date(2026, 3, 25))
    assert (early.reviews_carried_out, early.reviews_with_recommendations) == (1, 0)
