"""validate_application_form: each answer read, the exact events it produces, and what the resident is told."""
import pytest

from actions.form import ValidateApplicationForm
from bot.dialogue.messages import ask
from bot.rules.policy import load_policy
from tests.actions.helpers import CONTACT, PROBLEM, REPORTS, STARTED, run, slot, texts, tracker

FORM = ValidateApplicationForm()
POLICY = load_policy()


def test_yes_no_answers_fill_the_slot_and_request_the_next_question():
    events, messages = run(FORM, tracker(text="nah we're fine", intent="deny", requested="danger_now"))
    assert events == [slot("danger_now", False), slot("requested_slot", "applying_for")]
    assert messages == []


def test_danger_yes_ends_the_form():
    events, _ = run(FORM, tracker(text="yes", intent="affirm", requested="danger_now"))
    assert events == [slot("danger_now", True), slot("requested_slot", None)]


def test_unclear_yes_no_asks_again_with_the_999_reminder():
    events, messages = run(FORM, tracker(text="the neighbours again", intent="describe_problem",
                                         requested="danger_now"))
    assert events == [slot("danger_now", None), slot("requested_slot", "danger_now")]
    assert texts(messages) == "Please answer yes or no. If anyone is in danger, call 999 now."


def test_a_report_given_instead_of_the_complaint_answer_is_told_the_difference():
    state = {"danger_now": False, "applying_for": "self", "victim_type": "individual"}
    events, messages = run(FORM, tracker(state, text="i reported it to the police myself", intent="give_report",
                                         requested="ongoing_complaint"))
    assert events == [slot("ongoing_complaint", None), slot("requested_slot", "ongoing_complaint")]
    assert texts(messages) == ("This question is about complaints, not reports. I'll ask about the reports next. "
                               "A complaint means someone formally complained about how the council, the police or "
                               "a housing provider handled this, and they haven't finished looking into it.")


def test_an_answer_the_classifier_mistook_for_an_interruption_is_still_an_answer():
    # "A person" classified as "talk to a person": the answer wins.
    t = tracker({"danger_now": False, "applying_for": "self"}, text="A person", intent="human_handoff",
                requested="victim_type")
    events, _ = run(FORM, t)
    assert events == [slot("victim_type", "individual"), slot("requested_slot", "ongoing_complaint")]


def test_a_real_interruption_fills_nothing_so_the_rules_can_answer_it():
    t = tracker(STARTED, text="can I talk to a real person please", intent="human_handoff",
                requested="report_organisation")
    events, messages = run(FORM, t)
    assert events == [slot("requested_slot", "report_organisation")] and messages == []


def test_danger_now_always_interrupts_even_when_classified_otherwise():
    t = tracker(STARTED, text="hang on theyre outside banging on the door right now", intent="give_report",
                requested="report_organisation")
    events, _ = run(FORM, t)
    assert events == [slot("requested_slot", "report_organisation")]


def test_classifier_only_danger_on_a_free_text_answer_keeps_the_answer_and_repeats_999():
    state = {**STARTED, "reports": REPORTS, "reports_done": True, "asb_description": "x", "asb_location": "y",
             "in_area": True, "asb_since": "z"}
    events, messages = run(FORM, tracker(state, text="we feel unsafe", intent="danger_now", confidence=0.95,
                                         requested="asb_impact"))
    assert slot("asb_impact", "we feel unsafe") in events
    assert texts(messages) == "If anyone is in danger right now, call 999."


def test_a_question_is_not_taken_as_a_report():
    events, _ = run(FORM, tracker(STARTED, text="what counts as anti social behaviour", intent="ask_what_is_asb",
                                  confidence=0.9, requested="report_organisation"))
    assert events == [slot("requested_slot", "report_organisation")]


def test_reactivation_does_not_read_the_latest_message_again():
    # After "carry on", Rasa re-validates prefilled slots: earlier answers must stay.
    t = tracker({"danger_now": False, "applying_for": "self"}, text="I reported it", intent="give_report",
                requested=None, answered=False)
    events, messages = run(FORM, t)
    assert events == [slot("requested_slot", "victim_type")] and messages == []


def test_one_message_gives_organisation_date_and_reference():
    t = tracker(STARTED, text="rang 101 on the 2nd of Feb, they gave me CAD 5521/02FEB", intent="give_report",
                requested="report_organisation")
    events, messages = run(FORM, t)
    assert events == [
        slot("report_organisation", "101"), slot("report_org_say", "the police on 101"),
        slot("report_org_category", "police"), slot("report_org_needs_category", False),
        slot("report_org_needs_name", False), slot("report_date", "2026-02-02"),
        slot("report_date_text", "the 2nd of Feb"), slot("report_date_approx", False),
        slot("report_reference", "CAD 5521/02FEB"), slot("report_details", "given"),
        slot("requested_slot", "report_outcome")]
    assert messages == []


def test_saying_there_is_no_reference_means_it_is_not_asked_for():
    t = tracker(STARTED, text="emailed barnet homes about it on 02/03/2026 no reference", intent="give_report",
                requested="report_organisation")
    events, _ = run(FORM, t)
    assert slot("report_details", "none") in events and slot("report_reference", None) not in events
    assert events[-1] == slot("requested_slot", "report_outcome")


def test_no_crime_is_not_no_reference():
    t = tracker(STARTED, text="police said it was no crime, ref CAD 77/01MAR, rang them 1 march",
                intent="give_report", requested="report_organisation")
    events, _ = run(FORM, t)
    assert slot("report_reference", "CAD 77/01MAR") in events and slot("report_details", "given") in events


def test_yes_to_the_reference_question_asks_for_it_and_is_not_taken_as_a_name():
    state = {**STARTED, "report_organisation": "the council", "report_org_category": "council",
             "report_date": "2026-03-02"}
    events, messages = run(FORM, tracker(state, text="yep", intent="affirm", requested="report_details"))
    assert events == [slot("report_details", None), slot("requested_slot", "report_details")]
    assert slot("report_person", "Yep") not in events
    assert texts(messages) == "Please type it here: the reference number, or the name of the person you dealt with."
    events, _ = run(FORM, tracker(state, text="BH-20931", requested="report_details"))
    assert slot("report_details", "given") in events


@pytest.mark.parametrize("text", ["no ref", "they never gave me a reference", "didn't get a crime number"])
def test_no_reference_in_words_answers_the_reference_question(text):
    state = {**STARTED, "report_organisation": "the council", "report_org_category": "council",
             "report_date": "2026-03-02"}
    events, _ = run(FORM, tracker(state, text=text, requested="report_details"))
    assert slot("report_details", "none") in events and events[-1] == slot("requested_slot", "report_outcome")


def test_another_report_told_instead_of_the_outcome_is_kept_for_next():
    state = {**STARTED, "reports": [], "report_organisation": "101", "report_org_say": "the police on 101",
             "report_org_category": "police", "report_date": "2026-03-02", "report_details": "none"}
    told = "i also told my MP last week"
    events, messages = run(FORM, tracker(state, text=told, requested="report_outcome"))
    assert slot("report_outcome", None) in events and slot("next_report_text", told) in events
    assert events[-1] == slot("requested_slot", "report_outcome")
    assert texts(messages) == "That sounds like another report: I'll ask about it next. First, the one to the police on 101."
    # the next question offers it back; "yes" reads the MP report from what they said before
    state = {**state, "report_outcome": "nothing happened", "next_report_text": told}
    assert ask("another_report", state, POLICY).text == (
        'You also said: "i also told my MP last week". Shall I add that as the next report?')
    events, _ = run(FORM, tracker(state, text="yes", intent="affirm", requested="another_report"))
    added = next(e for e in events if e["name"] == "reports")["value"]
    assert [r["organisation"] for r in added] == ["101"]
    assert slot("report_org_say", "your MP") in events and slot("report_org_category", "other") in events
    assert slot("report_date", "2026-03-03") in events and slot("next_report_text", None) in events
    assert events[-1] == slot("requested_slot", "report_details")


def test_no_to_the_report_told_earlier_leaves_it_out():
    state = {**STARTED, "reports": REPORTS[:1], "report_organisation": "101", "report_org_say": "the police on 101",
             "report_org_category": "police", "report_date": "2026-03-02", "report_details": "none",
             "report_outcome": "nothing happened", "next_report_text": "i also told my MP last week"}
    events, _ = run(FORM, tracker(state, text="no", intent="deny", requested="another_report"))
    added = next(e for e in events if e["name"] == "reports")["value"]
    assert [r["organisation"] for r in added] == ["the Met", "101"]
    assert slot("next_report_text", None) in events and slot("reports_done", True) in events


@pytest.mark.parametrize("text", ["the police came round again last week and had a word",
                                  "I rang the police on 2 March to chase it and nothing happened"])
def test_an_outcome_that_mentions_an_organisation_is_still_the_outcome(text):
    state = {**STARTED, "reports": [], "report_organisation": "101", "report_org_say": "the police on 101",
             "report_org_category": "police", "report_date": "2026-03-02", "report_details": "none"}
    events, messages = run(FORM, tracker(state, text=text, requested="report_outcome"))
    assert slot("report_outcome", text) in events and messages == []


ROUTE_B = {**STARTED, "route": "five_individuals", "reports": []}


@pytest.mark.parametrize("text,kept", [
    ("Amira Khan", "Amira Khan"),
    ("Dave at number 12", "Dave at number 12"),
    ("the lady in flat 3", "The lady in flat 3"),
])
def test_a_reporter_is_a_name_or_a_description(text, kept):
    events, messages = run(FORM, tracker(ROUTE_B, text=text, requested="report_reporter"))
    assert slot("report_reporter", kept) in events and messages == []


def test_a_name_the_classifier_took_for_danger_is_just_a_name():
    events, messages = run(FORM, tracker(ROUTE_B, text="Sue next door", intent="danger_now", confidence=0.6,
                                         requested="report_reporter"))
    assert slot("report_reporter", "Sue next door") in events and messages == []


@pytest.mark.parametrize("text", ["dunno", "no idea", "yes"])
def test_not_knowing_who_reported_it_asks_for_a_description(text):
    events, messages = run(FORM, tracker(ROUTE_B, text=text, requested="report_reporter"))
    assert slot("report_reporter", None) in events and events[-1] == slot("requested_slot", "report_reporter")
    assert 'describe them, for example "the man at number 12"' in texts(messages)


def test_a_report_given_instead_of_who_made_it_is_kept_and_who_is_asked():
    events, messages = run(FORM, tracker(ROUTE_B, text="he rang the police on 1 march", requested="report_reporter"))
    assert slot("report_org_category", "police") in events and slot("report_date", "2026-03-01") in events
    assert slot("report_reporter", None) in events and events[-1] == slot("requested_slot", "report_reporter")
    assert texts(messages).startswith("Thanks, I've noted that report. Who made it?")


def test_only_what_is_missing_is_asked_next():
    t = tracker(STARTED, text="last tuesday", intent="inform", requested="report_organisation")
    events, _ = run(FORM, t)
    assert slot("report_date", "2026-03-03") in events and slot("report_organisation", None) in events
    assert events[-1] == slot("requested_slot", "report_organisation")


def test_an_ambiguous_landlord_is_asked_about():
    t = tracker(STARTED, text="my landlord", requested="report_organisation")
    events, _ = run(FORM, t)
    assert slot("report_org_category", None) in events and slot("report_org_needs_category", True) in events
    assert events[-1] == slot("requested_slot", "report_org_category")
    answered = {**STARTED, "report_organisation": "my landlord", "report_org_needs_category": True}
    events, _ = run(FORM, tracker(answered, text="a housing association", requested="report_org_category"))
    assert events == [slot("report_org_category", "housing_provider"), slot("requested_slot", "report_date")]


@pytest.mark.parametrize("text,words", [
    ("5 april 2026", "5 April 2026 is in the future"),
    ("30/02/2026", "30 February is not a real date"),
    ("dunno", "I could not read that as a date"),
])
def test_bad_dates_are_refused_with_the_reason(text, words):
    state = {**STARTED, "report_organisation": "the council", "report_org_category": "council"}
    events, messages = run(FORM, tracker(state, text=text, requested="report_date"))
    assert slot("report_date", None) in events and events[-1] == slot("requested_slot", "report_date")
    assert words in texts(messages)


def test_a_vague_date_is_taken_and_said_back():
    state = {**STARTED, "report_organisation": "the council", "report_org_category": "council"}
    events, messages = run(FORM, tracker(state, text="mid feb", requested="report_date"))
    assert slot("report_date", "2026-02-15") in events and slot("report_date_approx", True) in events
    assert texts(messages) == "I've put around Sunday 15 February 2026."


def test_another_report_yes_with_details_adds_the_report_and_starts_the_next():
    state = {**STARTED, "reports": REPORTS[:1], "report_organisation": "Clarion", "report_org_say": "Clarion",
             "report_org_category": "housing_provider", "report_date": "2026-03-03", "report_date_text": "last week",
             "report_details": "none", "report_outcome": "nothing"}
    events, _ = run(FORM, tracker(state, text="yes i told the council on 5 march", intent="affirm",
                                  requested="another_report"))
    added = next(e for e in events if e["name"] == "reports")["value"]
    assert [r["organisation"] for r in added] == ["the Met", "Clarion"]
    assert slot("report_organisation", "the council") in events and slot("report_date", "2026-03-05") in events
    assert events[-1] == slot("requested_slot", "report_details")


def test_no_more_reports_with_too_few_ends_with_the_reason():
    state = {**STARTED, "reports": REPORTS[:1], "report_organisation": "Clarion",
             "report_org_category": "housing_provider", "report_date": "2026-03-03", "report_details": "none",
             "report_outcome": "nothing"}
    events, _ = run(FORM, tracker(state, text="no", intent="deny", requested="another_report"))
    assert slot("reports_done", True) in events and slot("outcome", "not_enough_reports") in events
    assert events[-1] == slot("requested_slot", None)


def test_the_decision_is_explained_when_eligible():
    state = {**STARTED, "reports": REPORTS, **PROBLEM}
    events, messages = run(FORM, tracker(state, text="yes", intent="affirm", requested="no_action_taken"))
    assert slot("no_action_taken", True) in events and slot("outcome", "eligible") in events
    assert events[-1] == slot("requested_slot", "consent_to_share")
    assert "you can use the Community Trigger" in texts(messages)
    assert "- Counts: the Met, 2 February 2026." in texts(messages)


def test_anonymous_applications_are_explained_and_the_name_asked_again():
    state = {**STARTED, "reports": REPORTS, **PROBLEM, "no_action_taken": True, "outcome": "eligible",
             "consent_to_share": True}
    events, messages = run(FORM, tracker(state, text="I'd rather stay anonymous", requested="applicant_name"))
    assert events == [slot("applicant_name", None), slot("requested_slot", "applicant_name")]
    assert "can't be anonymous" in texts(messages) and "020 8359 2000" in texts(messages)


@pytest.mark.parametrize("text,expected,words", [
    ("07700 900123", {"contact_phone": "07700 900123"}, None),
    ("jo@example.org", {"contact_email": "jo@example.org"}, None),
    ("0770090012", {}, "it should have 11"),
    ("jo at gmail", {}, "Please give a phone number or an email address"),
])
def test_contact_details(text, expected, words):
    state = {**STARTED, "reports": REPORTS, **PROBLEM, "no_action_taken": True, "outcome": "eligible",
             "consent_to_share": True, "applicant_name": "Jo"}
    events, messages = run(FORM, tracker(state, text=text, requested="contact"))
    for key, value in expected.items():
        assert slot(key, value) in events
    if words:
        assert words in texts(messages) and slot("contact", None) in events


def test_a_correction_at_the_summary_changes_that_item_and_shows_it_again():
    state = {**STARTED, "reports": REPORTS, **PROBLEM, **CONTACT}
    events, messages = run(FORM, tracker(state, text="the second report was on the 4th", requested="summary_confirmed"))
    reports = next(e for e in events if e["name"] == "reports")["value"]
    assert [r["date"] for r in reports] == ["2026-02-02", "2026-03-04", "2026-03-05"]
    assert slot("summary_confirmed", None) in events and slot("outcome", "eligible") in events
    assert events[-1] == slot("requested_slot", "summary_confirmed")
    assert texts(messages) == "I've changed report 2: on Wednesday 4 March 2026."


def test_a_correction_that_makes_it_ineligible_ends_the_form():
    state = {**STARTED, "reports": REPORTS, **PROBLEM, **CONTACT}
    events, _ = run(FORM, tracker(state, text="remove report 1", requested="summary_confirmed"))
    assert slot("outcome", "not_enough_reports") in events and events[-1] == slot("requested_slot", None)


def test_yes_at_the_summary_completes_the_form():
    state = {**STARTED, "reports": REPORTS, **PROBLEM, **CONTACT}
    events, _ = run(FORM, tracker(state, text="yes that's all correct", intent="affirm", requested="summary_confirmed"))
    assert events == [slot("summary_confirmed", True), slot("requested_slot", None)]


def test_a_failure_inside_validation_is_an_apology_and_stores_nothing(monkeypatch):
    monkeypatch.setattr(ValidateApplicationForm, "validate_victim_type",
                        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    events, messages = run(FORM, tracker({"danger_now": False, "applying_for": "self"}, text="a person",
                                         requested="victim_type"))
    assert events == []
    assert "Sorry, something went wrong on our side" in texts(messages) and "020 8359 2000" in texts(messages)
