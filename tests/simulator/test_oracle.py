"""The simulator's own rules (bench/residents/oracle.py) at every boundary."""
from datetime import date

import pytest

from bench.residents import oracle
from bench.residents.oracle import Case, Report, decide

TODAY = date(2026, 11, 26)


def reports(*dates, org="police"):
    return [Report(org, date.fromisoformat(d)) for d in dates]


def test_the_window_starts_six_calendar_months_before_today():
    assert oracle.window(TODAY) == (date(2026, 5, 26), TODAY)
    assert oracle.months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)   # clamped like relativedelta
    assert oracle.months_before(date(2028, 8, 31), 6) == date(2028, 2, 29)


@pytest.mark.parametrize("first, counts", [("2026-05-25", False), ("2026-05-26", True), ("2026-05-27", True),
                                           ("2026-11-26", True), ("2026-11-27", False)])
def test_a_report_counts_from_the_first_day_of_the_window_to_today(first, counts):
    assert oracle.report_counts(Report("council", date.fromisoformat(first)), TODAY)[0] is counts
    outcome = decide(Case(reports(first, "2026-09-01", "2026-10-01")), TODAY).outcome
    assert outcome == ("eligible" if counts else "not_enough_reports")


@pytest.mark.parametrize("n, outcome", [(0, "first_report"), (2, "not_enough_reports"), (3, "eligible"),
                                        (4, "eligible")])
def test_three_reports_are_needed(n, outcome):
    d = decide(Case(reports(*["2026-10-%02d" % (i + 1) for i in range(n)])), TODAY)
    assert d.outcome == outcome
    assert d.qualifying_reports == n
    if outcome == "eligible":
        assert d.route == "three_reports" and d.signposts == ()


@pytest.mark.parametrize("people, outcome", [(4, "not_enough_reports"), (5, "eligible"), (6, "eligible")])
def test_five_different_people(people, outcome):
    rs = [Report("police", date(2026, 10, i + 1), reporter=f"neighbour {i}") for i in range(people)]
    d = decide(Case(rs), TODAY)
    assert d.outcome == outcome
    assert d.qualifying_individuals == people
    if outcome == "eligible":
        assert d.route == "five_individuals"


def test_the_applicant_is_one_of_the_five_people_and_one_person_twice_is_one():
    rs = [Report("police", date(2026, 10, 1))] + [Report("council", date(2026, 10, i + 2), reporter=f"n{i}") for i in range(4)]
    assert decide(Case(rs), TODAY).route == "five_individuals"
    same = [Report("council", date(2026, 10, i + 2), reporter="Mrs Patel (no. 12)") for i in range(5)]
    assert decide(Case(same), TODAY).outcome == "not_enough_reports"


@pytest.mark.parametrize("first, last, counts", [
    ("2026-05-25", "2026-05-31", False),   # straddles the start of the window
    ("2026-05-26", "2026-05-31", True),    # entirely inside
    ("2026-01-01", "2026-01-31", False),   # entirely before
    ("2026-11-01", "2026-11-30", False),   # runs past today
])
def test_a_date_range_counts_only_when_it_lies_entirely_inside(first, last, counts):
    r = Report("council", None, (date.fromisoformat(first), date.fromisoformat(last)))
    assert oracle.report_counts(r, TODAY)[0] is counts


def test_reports_to_anyone_else_do_not_count():
    rs = reports("2026-10-01", "2026-10-02") + [Report("other", date(2026, 10, 3))]
    d = decide(Case(rs), TODAY)
    assert d.outcome == "not_enough_reports" and d.qualifying_reports == 2
    assert set(d.signposts) == {"101", "housing", "cst"}


@pytest.mark.parametrize("facts, outcome, signposts", [
    (dict(general_crime=True), "general_crime", {"101"}),
    (dict(ongoing_complaint=True), "ongoing_complaint", {"cst"}),
    (dict(continuing=False), "not_continuing", {"cst"}),
    (dict(applying_for="someone_else", victim_consent=False), "no_consent", {"cst"}),
    (dict(in_area=False), "outside_area", {"101"}),
    (dict(no_action_taken=False), "action_taken", {"cst"}),
])
def test_exclusions_win_over_enough_reports(facts, outcome, signposts):
    d = decide(Case(reports("2026-10-01", "2026-10-02", "2026-10-03"), **facts), TODAY)
    assert (d.outcome, d.eligible, set(d.signposts)) == (outcome, False, signposts)


def test_someone_else_with_consent_is_eligible():
    d = decide(Case(reports("2026-10-01", "2026-10-02", "2026-10-03"), applying_for="someone_else",
                    victim_consent=True), TODAY)
    assert d.outcome == "eligible"


def test_dates_certain_only_when_a_vague_one_cannot_change_the_outcome():
    assert oracle.date_certain(Report("police", None, (date(2026, 6, 1), date(2026, 8, 31))), TODAY)
    assert not oracle.date_certain(Report("police", None, (date(2026, 5, 25), date(2026, 5, 31))), TODAY)
    assert not oracle.date_certain(Report("police"), TODAY)


# -- a second council's criteria, read from its policy file ---------------------------------------

THAMESIDE = oracle.rules_from_policy("policies/examples/thameside.yml")


def test_a_second_councils_rules_come_from_its_policy_file():
    assert (THAMESIDE.area, THAMESIDE.window_months, THAMESIDE.reports_needed, THAMESIDE.individuals_needed) == \
        ("Thameside", 12, 3, 5)
    assert not THAMESIDE.require_continuing and not THAMESIDE.require_no_action
    assert THAMESIDE.cst_phone == "020 7946 0320" and "Thameside Homes" in THAMESIDE.housing_names
    assert "not_continuing" not in THAMESIDE.exclusions() and "not_continuing" in oracle.BARNET.exclusions()


@pytest.mark.parametrize("first, counts", [("2025-11-25", False), ("2025-11-26", True), ("2026-05-25", True)])
def test_a_twelve_month_window_at_its_boundary(first, counts):
    assert oracle.report_counts(Report("council", date.fromisoformat(first)), TODAY, THAMESIDE)[0] is counts


def test_stopped_or_acted_on_is_eligible_where_the_council_does_not_require_otherwise():
    three = [Report("police", date(2026, 9, 1)), Report("council", date(2026, 10, 1)), Report("police", date(2026, 11, 1))]
    for case in (Case(three, continuing=False), Case(three, no_action_taken=False)):
        assert decide(case, TODAY, THAMESIDE).outcome == "eligible"
        assert decide(case, TODAY).outcome in ("not_continuing", "action_taken")


def test_barnets_names_said_in_the_second_councils_words():
    assert oracle.in_council_words("emailed Barnet Homes, then Barnet Council", THAMESIDE) == \
        "emailed Thameside Homes, then Thameside Borough Council"
    assert oracle.in_council_words("emailed Barnet Homes", oracle.BARNET) == "emailed Barnet Homes"
