"""Corrections at the summary, read as residents type them: a report told again to put its date right, and
which report is meant when several went to one place."""
from datetime import date

from bot.dialogue.corrections import Correction, CorrectionProblem, read_correction
from bot.dialogue.language import ReportReader
from bot.rules.policy import load_policy

TODAY = date(2026, 11, 26)
READER = ReportReader(load_policy())
STATE = {"reports": [
    {"organisation": "the council", "category": "council", "say": "the council", "date": "2026-05-26"},
    {"organisation": "999", "category": "police", "say": "the police on 999", "date": "2026-11-05"},
    {"organisation": "the police", "category": "police", "say": "the police", "date": "2026-11-24"},
]}


def test_a_report_told_again_puts_the_nearest_one_right():
    result = read_correction("rang the police a week last tuesday", STATE, READER, TODAY)
    assert isinstance(result, Correction)
    assert [r["date"] for r in result.updates["reports"]] == ["2026-05-26", "2026-11-05", "2026-11-17"]


def test_which_one_is_asked_with_each_date_and_a_number_answers_it():
    result = read_correction("the police one is wrong", STATE, READER, TODAY)
    assert isinstance(result, CorrectionProblem)
    assert "Thursday 5 November 2026" in result.message and "Tuesday 24 November 2026" in result.message
    result = read_correction("report 3 was on the 17th", STATE, READER, TODAY)
    assert result.updates["reports"][2]["date"] == "2026-11-17"


def test_a_house_number_is_not_a_report_number():
    result = read_correction("rang 101 last nite about the party at no 22, got CAD 7719/25NOV", STATE, READER, TODAY)
    assert not (isinstance(result, CorrectionProblem) and "report 22" in result.message)


import pytest  # noqa: E402


@pytest.mark.parametrize("before, text, notes", [
    ("yes thats fine", "don't ring between 5 and 8 its the busy time", "don't ring between 5 and 8 its the busy time"),
    (None, "no voicemails please", "no voicemails please"),
    ("Text first", "don't call before 10am", "Text first. don't call before 10am"),
])
def test_a_wish_about_contact_at_the_summary_goes_to_contacting_you_safely(before, text, notes):
    # typed by hand on 7 December: "don't ring between 5 and 8" at the summary got "I couldn't tell what to change"
    result = read_correction(text, {**STATE, "contact_notes": before}, READER, TODAY)
    assert isinstance(result, Correction) and result.updates == {"contact_notes": notes}


def test_a_report_is_not_a_contact_wish():
    result = read_correction("I also rang the police on 20 November", STATE, READER, TODAY)
    assert "contact_notes" not in getattr(result, "updates", {})


@pytest.mark.parametrize("text", ["the second report was on 1 October not 30 September",
                                  "report 2 was 1 October, not 30 September", "the second one was the 1st of October "
                                  "rather than the 30th of September"])
def test_the_wrong_date_said_beside_the_right_one_is_not_taken(text):
    # typed by hand on 7 December: "1 October not 30 September" was changed to 30 September
    result = read_correction(text, STATE, READER, TODAY)
    assert isinstance(result, Correction) and result.updates["reports"][1]["date"] == "2026-10-01"


def test_the_right_organisation_is_taken_not_the_wrong_one():
    result = read_correction("the first one was to the police not the council", STATE, READER, TODAY)
    assert isinstance(result, Correction) and result.updates["reports"][0]["category"] == "police"
