"""Reading the assistant (bench/residents/questions.py): questions recognised by meaning.

The first table is wording seen from the assistant (frozen copy, November 2026); the
second is other ways of asking the same things, so that rewording does not break the
simulator silently. When the assistant's wording changes, add its new questions here.
"""
from datetime import date

import pytest

from bench.residents import questions

SEEN = [
    ('When did the incident you reported the second time to the police (sometime in September 2026) happen? If it '
     'was the same day you reported it, say "same day".', "report_incident"),
    ("Is the place where it happens in Thameside? If you're not sure, say so and the team will check.", "in_barnet"),
    ("HA9 looks like it's outside Thameside. Is the problem happening in Thameside?", "in_barnet"),
    ("Is anyone in danger right now?", "danger_now"),
    ("Are you asking for yourself, or for someone else?", "applying_for"),
    ("Are you applying as a person, or for a business or a community group?", "victim_type"),
    ("Is A Person a person, a business or a community group?", "victim_type"),
    ("You can apply for someone if they agree. How do you know them?", "relationship"),
    ("Do they know about this and agree to you applying for them?", "victim_consent"),
    ("What is their name?", "victim_name"),
    ("Is there a complaint about this that the council, the police or a housing provider is still dealing with?",
     "ongoing_complaint"),
    ("Have you reported it yourself, or have 5 or more different people each reported it? The Community Trigger "
     "needs 3 reports, or reports from 5 different people.", "route"),
    ("Tell me about the first time you reported it: who you told, when, and any reference number.", "report"),
    ("Tell me about Mr Banerjee at number 6's report: who they told, when, and any reference number.", "report"),
    ("What is the name of the first person who reported it? If you don't know their name, describe them, for "
     "example \"the man at number 12\".", "report_reporter"),
    ("Thanks, I've noted that report. Who made it?", "report_reporter"),
    ("Do you have a reference number, or the name of the person you dealt with?", "report_details"),
    ("Please type it here: the reference number, or the name of the person you dealt with.", "report_details"),
    ("What happened after it was reported?", "report_outcome"),
    ("Which housing association is that?", "report_organisation"),
    ("Is \"PCSOs\" the council, the police, a housing association, or someone else?", "report_organisation"),
    ("When did you report it to the council? A rough date is fine, like \"3 March\" or \"two weeks ago\".",
     "report_date"),
    ("Have you reported it another time?", "another_report"),
    ("Has anyone else reported it?", "another_report"),
    ("Now tell me about the problem. What is happening?", "asb_description"),
    ("Now tell me about the problem. What is happening, and is it still going on?", "asb_description_continuing"),
    ("Where is it happening? A street name or postcode is enough.", "asb_location"),
    ("Is that in Barnet?", "in_barnet"),
    ("When did it start? A rough idea is fine, like \"last summer\" or \"about a year ago\".", "asb_since"),
    ("How is it affecting you? For example sleep, health, work, or feeling safe at home.", "asb_impact"),
    ("Is anyone affected especially at risk, for example because of their age, a disability, a health condition, or "
     "children in the home? This helps the team respond.", "vulnerability"),
    ("Is it still happening?", "problem_continuing"),
    ("Do you feel that no action has been taken about the reports?", "no_action_taken"),
    ("To review the case, the Community Safety Team shares the application with the partners in the Barnet Safer "
     "Communities Partnership: the council, the police and housing providers. Do you agree to this?",
     "consent_to_share"),
    ("What is your name?", "applicant_name"),
    ("What is your own name, as the person applying?", "applicant_name"),
    ("How can the Community Safety Team contact you? Please give a phone number or an email address.", "contact"),
    ("How would you like them to contact you?", "preferred_contact"),
    ("Is there anything they should know to contact you safely? For example times to avoid, or not to leave "
     "voicemails.", "contact_notes"),
    ("Is everything correct? You can tell me what to change, for example \"the second report was on the 4th\" or "
     "\"remove report 3\".", "summary_confirmation"),
    ("Would you like to check whether you can use it?", "offer_check"),
]

OTHER_WORDS = [
    ("Are you safe at the moment?", "danger_now"),
    ("Who is this application for: you, or someone else?", "applying_for"),
    ("Who did you report it to?", "report_organisation"),
    ("When was that?", "report_date"),
    ("Did you get a crime number or incident number?", "report_details"),
    ("Did anyone do anything after you reported it?", "report_outcome"),
    ("Any other reports?", "another_report"),
    ("Is the problem in the borough of Barnet?", "in_barnet"),
    ("How long has this been going on?", "asb_since"),
    ("Is the behaviour still going on?", "problem_continuing"),
    ("What's your full name?", "applicant_name"),
    ("What's the best way to reach you?", "preferred_contact"),
    ("Got it: the police, 3 October 2026. Is that right?", "confirm_readback"),
    ("What would you like to change?", "change_what"),
]


@pytest.mark.parametrize("line, kind", SEEN + OTHER_WORDS)
def test_questions_are_recognised_by_meaning(line, kind):
    reading = questions.read([{"text": "Thanks.\n" + line}], date(2026, 11, 26))
    assert reading.kind == kind
    assert reading.asks


def test_buttons_are_pressed_by_meaning():
    reading = questions.read([{"text": "Are you asking for yourself, or for someone else?",
                               "buttons": [{"title": "For myself", "payload": "/me"},
                                           {"title": "For someone else", "payload": "/else"}]}], date(2026, 11, 26))
    assert questions.button_for(reading, "applying_for", "someone_else") == ("For someone else", "/else")
    assert questions.button_for(reading, "applying_for", "unsure") is None


def test_the_final_answer_and_the_draft_reference():
    final = questions.read([{"text": "You can't use it yet. Call 101, or the Community Safety Team on 020 8359 2000."}],
                           date(2026, 11, 26))
    assert final.final and final.signposts == {"101", "cst"}
    saved = questions.read([{"text": "Your application is saved. Your reference is CT-2026-00117."}], date(2026, 11, 26))
    assert saved.reference == "CT-2026-00117"
    asking = questions.read([{"text": "If anyone is in danger, call 999.\nIs anyone in danger right now?"}],
                            date(2026, 11, 26))
    assert not asking.final


def test_dates_in_replies_are_read_day_first_and_without_examples():
    assert questions.dates_in("Got it: the police, Friday 2 October 2026.", date(2026, 11, 26)) == [date(2026, 10, 2)]
    assert questions.dates_in("on the 30th Nov", date(2026, 11, 26)) == [date(2025, 11, 30)]
    lines = questions.content_lines('For example "I also rang the police on 3 March".')
    assert questions.dates_in(" ".join(lines), date(2026, 11, 26)) == []


def test_the_three_way_first_question_is_about_whom_the_application_is_for():
    for text in ("Who are you asking for: yourself, your business or community group, or someone else?",
                 "Is the anti-social behaviour aimed at you or your household, at a business or community group you "
                 "run, or are you helping someone else, for example a parent?"):
        assert questions.read([{"text": text, "buttons": []}], None).kind == "applying_for"
