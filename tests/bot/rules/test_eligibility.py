"""The decision at every boundary of every rule, and under each policy variant."""
import copy
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from bot.rules.application import Application, ReportInput, application_from_dict
from bot.rules.eligibility import decide, window_start
from bot.rules.policy import load_policy, parse_policy

ROOT = Path(__file__).resolve().parents[3]
BARNET = load_policy(ROOT / "policies" / "barnet.yml")
RIVERSIDE = load_policy(ROOT / "policies" / "examples" / "riverside.yml")
TODAY = date(2026, 3, 10)


def barnet_variant(**criteria):
    raw = yaml.safe_load((ROOT / "policies" / "barnet.yml").read_text())
    for key, value in criteria.items():
        node = raw["criteria"]
        *parents, last = key.split("__")
        for p in parents:
            node = node[p]
        node[last] = value
    return parse_policy(raw, "variant.yml")


def reports(*dates_, org="police", reporters=None):
    return tuple(ReportInput(organisation=org, date=d.isoformat() if isinstance(d, date) else None,
                             date_text=d if isinstance(d, str) else None,
                             reporter=(reporters[i] if reporters else None))
                 for i, d in enumerate(dates_))


def app(*dates_, **kw):
    org = kw.pop("org", "police")
    reporters = kw.pop("reporters", None)
    kw.setdefault("ongoing_complaint", False)
    kw.setdefault("problem_continuing", True)
    return Application(reports=reports(*dates_, org=org, reporters=reporters), **kw)


RECENT = (date(2026, 1, 5), date(2026, 2, 1))


# -- the six-month window --------------------------------------------------------

WINDOW = [
    # (today, third report's date, counts?, why)
    (TODAY, date(2025, 9, 10), True, "exactly six months ago counts"),
    (TODAY, date(2025, 9, 9), False, "the day before six months ago does not"),
    (TODAY, TODAY, True, "today counts"),
    (TODAY, TODAY + timedelta(days=1), False, "tomorrow is invalid"),
    (date(2026, 8, 31), date(2026, 2, 28), True, "31 August: window starts 28 February"),
    (date(2026, 8, 31), date(2026, 2, 27), False, "31 August: 27 February is outside"),
    (date(2028, 8, 31), date(2028, 2, 29), True, "leap year: window starts 29 February"),
    (date(2028, 8, 31), date(2028, 2, 28), False, "leap year: 28 February is outside"),
    (date(2026, 3, 31), date(2025, 9, 30), True, "31 March: window starts 30 September"),
    (date(2026, 3, 31), date(2025, 9, 29), False, "31 March: 29 September is outside"),
    (date(2027, 2, 28), date(2026, 8, 28), True, "28 February: window starts 28 August"),
    (date(2027, 1, 1), date(2026, 7, 1), True, "new year: window starts 1 July"),
    (date(2027, 1, 1), date(2026, 6, 30), False, "new year: 30 June is outside"),
]


@pytest.mark.parametrize("today,third,counts,why", WINDOW, ids=[w[3] for w in WINDOW])
def test_window_boundary(today, third, counts, why):
    recent = (today - timedelta(days=20), today - timedelta(days=10))
    decision = decide(app(*recent, third), BARNET, today)
    assert decision.reports[2].counts is counts
    assert decision.eligible is counts
    assert decision.qualifying_reports == (3 if counts else 2)


@pytest.mark.parametrize("today,start", [
    (date(2026, 3, 10), date(2025, 9, 10)), (date(2026, 8, 31), date(2026, 2, 28)),
    (date(2028, 8, 31), date(2028, 2, 29)), (date(2026, 10, 31), date(2026, 4, 30)),
])
def test_window_start_is_six_calendar_months(today, start):
    assert window_start(BARNET, today) == start


def test_too_old_reason_names_the_date_and_the_window():
    d = decide(app(date(2025, 9, 9), *RECENT), BARNET, TODAY)
    r = d.reports[0]
    assert r.code == "too_old"
    assert "Dated 9 September 2025, more than six months ago" in r.reason
    assert "10 September 2025" in r.reason


def test_future_date_is_invalid_with_reason():
    d = decide(app(*RECENT, date(2026, 4, 1)), BARNET, TODAY)
    assert d.reports[2].counts is False and d.reports[2].code == "date_future"
    assert d.reports[2].reason == "The date 1 April 2026 is in the future."


# -- thresholds ------------------------------------------------------------------


@pytest.mark.parametrize("count,eligible,outcome", [
    (0, False, "first_report"), (1, False, "first_report"), (2, False, "not_enough_reports"),
    (3, True, "eligible"), (4, True, "eligible"),
])
def test_three_reports_threshold(count, eligible, outcome):
    dates_ = [TODAY - timedelta(days=7 * i) for i in range(count)]
    d = decide(app(*dates_), BARNET, TODAY)
    assert (d.eligible, d.outcome, d.qualifying_reports, d.needed) == (eligible, outcome, count, 3)


def test_near_miss_is_flagged_and_says_what_is_needed():
    d = decide(app(*RECENT), BARNET, TODAY)
    assert d.near_miss and d.outcome == "not_enough_reports"
    assert "so 1 more is needed" in d.reasons[-1]
    assert [s["key"] for s in d.signposts] == ["police", "housing", "community_safety_team"]
    assert [s["phone"] for s in d.signposts if s["phone"]] == ["101", "020 8359 2000"]


NAMES = ["Amira Khan", "Tom Price", "Grace Okafor", "Dev Patel", "Lena Novak", "Sam Cole"]


@pytest.mark.parametrize("people,eligible", [(3, False), (4, False), (5, True), (6, True)])
def test_five_individuals_threshold(people, eligible):
    dates_ = [TODAY - timedelta(days=3 * i) for i in range(people)]
    d = decide(app(*dates_, reporters=NAMES[:people], route="five_individuals"), BARNET, TODAY)
    assert (d.eligible, d.route, d.qualifying_reports, d.needed) == (eligible, "five_individuals", people, 5)


def test_same_individual_twice_counts_once_ignoring_case_and_spaces():
    reporters = ["Amira Khan", "Tom Price", "amira  KHAN", "Dev Patel", "Lena Novak"]
    dates_ = [TODAY - timedelta(days=i) for i in range(5)]
    d = decide(app(*dates_, reporters=reporters, route="five_individuals"), BARNET, TODAY)
    assert d.qualifying_reports == 4 and not d.eligible and d.near_miss
    assert d.reports[2].code == "same_person" and "report 1" in d.reports[2].reason


def test_five_individuals_needs_to_know_who():
    d = decide(app(*[TODAY] * 5, route="five_individuals"), BARNET, TODAY)
    assert d.qualifying_reports == 0
    assert all(r.code == "no_reporter" for r in d.reports)


def test_route_not_given_uses_the_route_that_is_met():
    dates_ = [TODAY - timedelta(days=i) for i in range(5)]
    # five different people, each to the police: route B (route A counts the victim's own reports)
    d = decide(app(*dates_, reporters=NAMES[:5]), BARNET, TODAY)
    assert d.eligible and d.route == "five_individuals"
    own = decide(app(*dates_[:3]), BARNET, TODAY)
    assert own.eligible and own.route == "three_reports"
    neither = decide(Application(reports=reports(*dates_[:2], reporters=NAMES[:2]), problem_continuing=True),
                     BARNET, TODAY)
    assert neither.route == "three_reports" and not neither.eligible


@pytest.mark.parametrize("reporter, counts", [
    ("the applicant", True), (None, True), ("my husband", True), ("her carer", True), ("we", True),
    ("Mr Ogunleye at number 4", False), ("the Kaminskis", False), ("a neighbour", False),
    ("her neighbour", False), ("the applicant's daughter", False),
])
def test_route_a_counts_the_victims_own_reports_and_reports_made_for_them(reporter, counts):
    dates_ = [TODAY - timedelta(days=i) for i in range(3)]
    d = decide(app(*dates_, reporters=["the applicant", "the applicant", reporter], route="three_reports"),
               BARNET, TODAY)
    assert d.eligible is counts and d.reports[2].counts is counts
    if not counts:
        assert d.reports[2].code == "other_reporter" and "5 different people" in d.reports[2].reason


def test_stated_own_reports_but_five_people_reported_is_checked_on_route_b():
    dates_ = [TODAY - timedelta(days=i) for i in range(5)]
    d = decide(app(*dates_, reporters=NAMES[:5], route="three_reports"), BARNET, TODAY)
    assert d.eligible and d.route == "five_individuals"


# -- organisations -----------------------------------------------------------------


@pytest.mark.parametrize("org,category,counts", [
    ("the Met", "police", True), ("rang 101", "police", True), ("Safer Neighbourhood Team", "police", True),
    ("Barnet Council", "council", True), ("environmental health", "council", True),
    ("Barnet Homes", "housing_provider", True), ("notting hill genesis", "housing_provider", True),
    ("my MP", "other", False), ("councillor", "other", False), ("GP", "other", False),
    ("private landlord", "other", False), ("neighbour", "other", False),
])
def test_which_organisations_count(org, category, counts):
    d = decide(app(*RECENT, TODAY, org=org), BARNET, TODAY)
    assert d.reports[0].organisation == category
    assert d.reports[0].counts is counts
    assert d.eligible is counts


def test_wrong_organisation_reason_says_who_and_why():
    d = decide(app(TODAY, org="my MP"), BARNET, TODAY)
    assert d.reports[0].reason == ("Made to your MP, who is not one of the council, the police or a "
                                   "registered housing provider.")


def test_unknown_and_ambiguous_organisations_do_not_count_and_say_so():
    d = decide(app(TODAY, org="Acme Lettings"), BARNET, TODAY)
    assert d.reports[0].code == "organisation_unknown" and "Acme Lettings" in d.reports[0].reason
    d = decide(app(TODAY, org="my landlord"), BARNET, TODAY)
    assert d.reports[0].code == "organisation_ambiguous"


def test_explicit_category_wins_over_the_name():
    a = Application(reports=(ReportInput(organisation="Acme Homes", organisation_category="housing_provider",
                                         date=TODAY.isoformat()),), problem_continuing=True)
    r = decide(a, BARNET, TODAY).reports[0]
    assert r.counts and r.organisation == "housing_provider" and r.organisation_name == "Acme Homes"


# -- dates as words -------------------------------------------------------------------


@pytest.mark.parametrize("text,code", [
    ("30/02/2026", "date_impossible"), ("2026-02-30", "date_impossible"), ("31 April", "date_impossible"),
    ("next week", "date_future"), ("5/4/2026", "date_future"), ("ages ago", "date_too_vague"),
    ("no idea", "date_unreadable"), ("02/03/2026", "counts"), ("yesterday", "counts"),
])
def test_dates_in_words(text, code):
    a = Application(reports=(ReportInput(organisation="police", date_text=text),), problem_continuing=True)
    assert decide(a, BARNET, TODAY).reports[0].code == code


def test_missing_date():
    a = Application(reports=(ReportInput(organisation="police"),))
    r = decide(a, BARNET, TODAY).reports[0]
    assert (r.counts, r.code, r.date) == (False, "date_missing", None)


def test_approximate_date_straddling_the_window_does_not_count_until_the_resident_says():
    # "early September" said on 10 March 2026 is 1-10 September 2025; the window
    # starts on the 10th, so it may or may not be recent enough (issue 10: count a
    # vague date only when its whole range is inside the window).
    a = Application(reports=(ReportInput(organisation="police", date_text="early September"),))
    r = decide(a, BARNET, TODAY).reports[0]
    assert (r.counts, r.code, r.approximate) == (False, "date_uncertain", True)
    assert (r.earliest, r.latest) == (date(2025, 9, 1), date(2025, 9, 10))
    assert "It counts if it was on or after 10 September 2025" in r.reason
    # wholly inside the window: counts, said as a range
    a = Application(reports=(ReportInput(organisation="police", date_text="mid September"),))
    r = decide(a, BARNET, TODAY).reports[0]
    assert r.counts and r.approximate and "between 11 September 2025 and 20 September 2025" in r.reason


# The window for TODAY (10 March 2026) starts on 10 September 2025.
@pytest.mark.parametrize("earliest, latest, code", [
    ("2025-09-01", "2025-09-09", "too_old"),         # ends the day before the window
    ("2025-09-01", "2025-09-10", "date_uncertain"),  # ends on its first day
    ("2025-09-09", "2025-09-20", "date_uncertain"),  # begins the day before
    ("2025-09-10", "2025-09-20", "counts"),          # begins on its first day
    ("2025-09-11", "2025-09-20", "counts"),
])
def test_a_stored_date_range_is_judged_whole_at_the_window_start(earliest, latest, code):
    # The assistant stores the range it read; the decision never reads the words again.
    a = Application(reports=(ReportInput(organisation="police", date=earliest, date_earliest=earliest,
                                         date_latest=latest, approximate=True, date_text="some made-up words"),))
    r = decide(a, BARNET, TODAY).reports[0]
    assert r.code == code
    assert (r.earliest.isoformat(), r.latest.isoformat()) == (earliest, latest)


# -- exclusions -------------------------------------------------------------------------

EXCLUSIONS = [
    ({"ongoing_complaint": True}, "ongoing_complaint", "still being dealt with"),
    ({"problem_continuing": False}, "not_continuing", "still happening"),
    ({"general_crime_only": True}, "general_crime", "not for reporting crime"),
    ({"no_action_taken": False}, "action_taken", "not led to action"),
    ({"victim_consent": False}, "no_consent", "agreement"),
    ({"in_area": False}, "outside_area", "not in Barnet"),
]


@pytest.mark.parametrize("flags,outcome,words", EXCLUSIONS, ids=[e[1] for e in EXCLUSIONS])
def test_each_exclusion_blocks_an_otherwise_eligible_application(flags, outcome, words):
    d = decide(app(*RECENT, TODAY, **flags), BARNET, TODAY)
    assert d.qualifying_reports == 3
    assert not d.eligible and d.outcome == outcome and d.exclusions == (outcome,)
    assert any(words in r for r in d.reasons)
    assert [s["key"] for s in d.signposts] == list(BARNET.signposts[outcome])


def test_general_crime_signposts_999_101_and_crimestoppers():
    d = decide(app(TODAY, general_crime_only=True), BARNET, TODAY)
    assert [s["phone"] for s in d.signposts] == ["999", "101", "0800 555 111"]


def test_hate_crime_adds_true_vision():
    d = decide(app(TODAY, general_crime_only=True, hate_crime=True), BARNET, TODAY)
    assert d.outcome == "hate_crime" and not d.eligible
    assert [s["key"] for s in d.signposts] == ["emergency", "police", "hate_crime", "crimestoppers"]


def test_most_serious_exclusion_decides_the_outcome_and_all_are_listed():
    d = decide(app(*RECENT, TODAY, ongoing_complaint=True, problem_continuing=False, general_crime_only=True),
               BARNET, TODAY)
    assert d.outcome == "general_crime"
    assert d.exclusions == ("general_crime", "ongoing_complaint", "not_continuing")


def test_unanswered_questions_do_not_exclude():
    d = decide(Application(reports=reports(*RECENT, TODAY)), BARNET, TODAY)
    assert d.eligible


# -- policy variants ---------------------------------------------------------------------


def test_riverside_report_must_be_within_30_days_of_the_incident():
    def one(report_day, incident_day):
        return ReportInput(organisation="police", date=report_day.isoformat(), incident_date=incident_day.isoformat())
    base = [one(date(2026, 2, 1), date(2026, 1, 31)), one(date(2026, 2, 20), date(2026, 2, 19))]
    on_limit = Application(reports=tuple(base + [one(date(2026, 3, 1), date(2026, 1, 30))]))
    past_limit = Application(reports=tuple(base + [one(date(2026, 3, 1), date(2026, 1, 29))]))
    assert decide(on_limit, RIVERSIDE, TODAY).eligible
    d = decide(past_limit, RIVERSIDE, TODAY)
    assert not d.eligible and d.reports[2].code == "late_report"
    assert "31 days after the incident" in d.reports[2].reason and "within 30 days" in d.reports[2].reason
    # Barnet has no such rule: the same application is eligible there.
    assert decide(past_limit, BARNET, TODAY).eligible


def test_riverside_counts_the_same_incident_once():
    same = date(2026, 2, 14)
    a = Application(reports=(
        ReportInput(organisation="police", date="2026-02-14", incident_date=same.isoformat()),
        ReportInput(organisation="the council", date="2026-02-15", incident_date=same.isoformat()),
        ReportInput(organisation="housing association", date="2026-03-01", incident_date="2026-02-28"),
    ))
    d = decide(a, RIVERSIDE, TODAY)
    assert d.qualifying_reports == 2 and not d.eligible
    assert d.reports[1].code == "same_incident" and "report 1" in d.reports[1].reason
    assert decide(a, BARNET, TODAY).eligible


def test_riverside_has_no_five_individuals_route():
    dates_ = [TODAY - timedelta(days=i) for i in range(2)]
    a = app(*dates_, reporters=NAMES[:2], route="five_individuals")
    d = decide(a, RIVERSIDE, TODAY)
    assert d.route == "three_reports" and "five_individuals" not in d.routes
    assert "does not use the five individuals route" in d.reasons[0]


def test_riverside_health_category_is_recorded_but_does_not_count():
    d = decide(app(*RECENT, TODAY, org="GP"), RIVERSIDE, TODAY)
    assert d.reports[0].organisation == "health" and not d.reports[0].counts
    assert "a health service" not in d.reports[0].reason  # it says who, not the label
    assert "your GP" in d.reports[0].reason


def test_variant_twelve_month_window():
    policy = barnet_variant(window_months=12)
    a = app(date(2025, 4, 1), *RECENT)
    assert not decide(a, BARNET, TODAY).eligible
    assert decide(a, policy, TODAY).eligible
    assert "in the last twelve months" in decide(a, policy, TODAY).reasons[-1]


def test_variant_threshold_four():
    policy = barnet_variant(routes__three_reports__min_reports=4)
    d = decide(app(*RECENT, TODAY), policy, TODAY)
    assert not d.eligible and d.needed == 4 and d.near_miss


def test_variant_where_housing_providers_do_not_count():
    policy = barnet_variant(organisations_that_count=["council", "police"])
    d = decide(app(*RECENT, TODAY, org="Barnet Homes"), policy, TODAY)
    assert not d.eligible and d.reports[0].code == "organisation_not_counted"
    assert "who is not one of the council or the police" in d.reports[0].reason


def test_decision_is_deterministic_and_reports_its_policy():
    a = app(*RECENT, TODAY)
    assert decide(a, BARNET, TODAY).to_dict() == decide(a, BARNET, TODAY).to_dict()
    out = decide(a, BARNET, TODAY).to_dict()
    assert out["policy"] == {"id": "barnet", "version": BARNET.version, "council": "London Borough of Barnet"}
    assert out["window"] == {"start": "2025-09-10", "end": "2026-03-10"}
    for r in out["reports"]:
        assert set(r) >= {"date", "organisation", "counts", "reason"}


def test_application_from_dict_reads_the_documented_shape():
    a = application_from_dict({"route": "five_individuals", "ongoing_complaint": False, "problem_continuing": True,
                               "reports": [{"organisation": "police", "date": "2026-03-01", "reference": None,
                                            "person": None, "reporter": "Jo"}]})
    assert a.route == "five_individuals" and a.reports[0].reporter == "Jo"


@pytest.mark.parametrize("policy, scheme", [(BARNET, "Community Trigger"), (RIVERSIDE, "ASB Case Review")])
def test_every_reason_names_the_councils_own_scheme(policy, scheme):
    """Riverside calls it the ASB Case Review: no reason may say another council's name for it."""
    cases = [
        Application(reports=reports(*RECENT, TODAY), general_crime_only=True),
        Application(reports=reports(*RECENT, TODAY), ongoing_complaint=True),
        Application(reports=reports(*RECENT, TODAY), problem_continuing=False),
        Application(reports=reports(*RECENT, TODAY), no_action_taken=False),
        Application(reports=reports(*RECENT, TODAY), in_area=False),
        Application(reports=reports(*RECENT[:1], TODAY)),
        Application(reports=reports(*RECENT, TODAY)),
    ]
    for a in cases:
        d = decide(a, policy, TODAY)
        said = " ".join(d.reasons)
        assert scheme in said, said
        other = {"Community Trigger", "ASB Case Review"} - {scheme}
        assert not any(o in said for o in other), said


# -- dated policy changes and cited rules (issue 13, item 3) -------------------------------------------


def _changed(starts="2026-03-10", **values):
    raw = yaml.safe_load((ROOT / "policies" / "barnet.yml").read_text())
    raw["changes"] = [{"from": starts, "version": f"v-{starts}", "why": "Partnership board decision",
                       "set": values}]
    return parse_policy(raw, "changed.yml")


@pytest.mark.parametrize("received, needed, version", [
    (date(2026, 3, 9), 3, BARNET.version),      # the day before the change
    (date(2026, 3, 10), 2, "v-2026-03-10"),     # the day it starts
    (date(2026, 3, 11), 2, "v-2026-03-10"),     # after
])
def test_a_new_threshold_applies_to_applications_received_from_its_date(received, needed, version):
    policy = _changed(**{"criteria.routes.three_reports.min_reports": 2})
    d = decide(app(date(2026, 1, 5), date(2026, 2, 1)), policy, received)
    assert d.needed == needed and d.policy["version"] == version
    assert d.eligible is (needed == 2)
    assert ("effective_from" in d.policy) is (needed == 2)


def test_a_longer_window_from_a_date_counts_older_reports():
    policy = _changed(**{"criteria.window_months": 12})
    old = (date(2025, 6, 1), date(2025, 7, 1), date(2026, 1, 5))
    assert not decide(app(*old), policy, date(2026, 3, 9)).eligible
    assert decide(app(*old), policy, date(2026, 3, 10)).eligible


def test_every_report_decision_and_every_reason_cites_its_rule():
    d = decide(app(date(2025, 1, 5), date(2026, 2, 1), org="police"), BARNET, TODAY).to_dict()
    window = BARNET.source("window").cite
    assert [(r["rule"], r["source"]) for r in d["reports"]] == [("window", window), ("window", window)]
    assert d["cited_reasons"][-1] == {"reason": d["reasons"][-1], "rule": "three_reports",
                                      "source": BARNET.source("three_reports").cite}
    excluded = decide(app(*RECENT, date(2026, 3, 1), general_crime_only=True), BARNET, TODAY).to_dict()
    assert excluded["cited_reasons"][0]["rule"] == "crime"
    assert "Who can use the Community Trigger" in excluded["cited_reasons"][0]["source"]
    mp = decide(app(date(2026, 2, 1), org="my MP"), BARNET, TODAY).to_dict()
    assert mp["reports"][0]["rule"] == "organisations"


def test_every_rule_in_the_barnet_policy_has_a_source():
    from bot.rules.policy import RULES
    assert set(BARNET.sources) == set(RULES)


def test_the_criteria_sentence_says_no_action_only_when_the_policy_requires_it():
    from bot.dialogue.messages import criteria_sentence
    assert criteria_sentence(BARNET).endswith("and no action has been taken")
    assert "no action" not in criteria_sentence(barnet_variant(require_no_action=False))


def test_reports_dated_only_by_the_month_are_not_taken_for_one_incident():
    """ "Three times in February", each reported the day it happened: three incidents as far as anyone can tell."""
    vague = dict(organisation="police", date="2026-02-15", date_earliest="2026-02-01", date_latest="2026-02-28",
                 approximate=True, incident_date="2026-02-15", incident_date_text="same day")
    d = decide(Application(reports=tuple(ReportInput(**vague) for _ in range(3))), RIVERSIDE, TODAY)
    assert d.qualifying_reports == 3 and not any(r.code == "same_incident" for r in d.reports)
