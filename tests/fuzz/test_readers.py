"""Property-based tests: the readers of what residents type never crash, and
always say what they understood or why not."""
import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.dialogue import answers, safety
from bot.rules.application import ApplicationError, application_from_dict
from bot.rules.dates import DateReading, find_dates, read_date
from bot.rules.eligibility import decide
from bot.dialogue.language import ReportReader
from bot.rules.policy import load_policy

POLICY = load_policy()
READER = ReportReader(POLICY)
TODAY = date(2026, 3, 10)
NASTY = st.sampled_from([
    "", " ", "\x00", "\x1b[31m", "\u202eevil", "مرحبا الشرطة", "🙂🙂🙂 rang the police 🙂", "<script>alert(1)</script>",
    "'; DROP TABLE drafts; --", "Robert'); DELETE FROM events;--", "\ufeff3/3/2026", "31/31/31", "99999999999999999999",
    "0/0/0000", "the 0th", "-1 days ago", "1e309 weeks ago", "x" * 100_000, "\n\n\n", "null", "{}", "[]",
    "CAD " + "9" * 500, "ref " * 200, "%s %n %x", "\\N", "ａｂｃ fullwidth", "the 31st of february 2024",
])
TEXT = st.one_of(NASTY, st.text(max_size=400), st.text(alphabet=st.characters(), max_size=60))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_dates_never_crash_and_always_explain(text):
    reading = read_date(text, TODAY)
    assert isinstance(reading, DateReading)
    if reading.ok:
        assert reading.date <= TODAY and reading.problem is None
    else:
        assert reading.problem in ("unreadable", "impossible", "future", "too_vague") and reading.message
    for found in find_dates(text, TODAY):
        assert found.ok or found.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_report_reader_never_crashes(text):
    reading = READER.read(text, TODAY)
    assert reading.organisation is None or reading.organisation.said is not None
    assert reading.date is None or reading.date.ok or reading.date.message


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_answer_readers_never_crash(text):
    answers.yes_no(text)
    answers.read_name(text)
    answers.read_contact(text)
    answers.choose(text, answers.APPLYING_FOR)
    safety.in_danger_now(text)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
                    max_leaves=12)
REPORT = st.fixed_dictionaries({}, optional={k: JSON for k in ("organisation", "date", "date_text", "reference",
                                                                "reporter", "incident_date", "approximate")})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(JSON, st.fixed_dictionaries({}, optional={
    "route": JSON, "ongoing_complaint": JSON, "problem_continuing": JSON, "reports": st.lists(REPORT, max_size=6)})))
def test_check_either_decides_or_says_what_is_wrong(data):
    try:
        application = application_from_dict(data)
    except ApplicationError as error:
        assert str(error) and "\n" not in str(error)
        return
    decision = decide(application, POLICY, TODAY).to_dict()
    json.dumps(decision)
    assert all(r["reason"] for r in decision["reports"])
