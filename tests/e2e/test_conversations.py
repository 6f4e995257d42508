"""Whole conversations through the REST channel of real running Rasa and action servers, judged by
their outcome: what the resident is told (the decision, the signposts, the reference) and what
`python -m bot drafts export` then holds. Today is Tuesday 10 March 2026 (TRIGGER_TODAY).

Every conversation is played for two councils: Barnet (policies/barnet.yml) and a second council whose policy
differs wherever the Act lets councils differ (policies/examples/thameside.yml: ASB Case Review, a
twelve-month window, reports within 30 days of the incident, no "still happening" or "no action" condition).
What the resident is told and what the draft holds come from the council's policy, never from Barnet's.

Phrasings in residents' own words, many of them, are played by the resident simulator
(tests/simulator, bench/residents); these tests cover each route through the service once.
"""
import pytest

from tests.e2e.scripts import BARNET, CONTACT, OPENING, REPORTS, START, Council

pytestmark = pytest.mark.e2e





def drafts_for(council, chat):
    return [d for d in council.servers.drafts() if d["conversation_id"].startswith(chat.sender + ":")]


def test_eligible_resident_with_three_reports_gets_a_reference(council: Council, chat):
    P = council.policy
    r = chat.say(OPENING)
    assert "I'm sorry you're going through this" in r and "call 999" in r
    assert f"use the {P.council.scheme_name}" in r
    assert r.buttons == ["Yes, someone is in danger", "No"]
    summary = council.to_the_summary(chat, opened=True)
    assert "Report 1: the police on 101, 2 February 2026, reference CAD 5521/02FEB" in summary
    r = chat.say("yes")
    assert "Your application is saved. Your reference is CT-2026-" in r
    assert P.timescales.response_text in r and f"{P.timescales.resolution_working_days} working days" in r
    assert P.appeal.reviewer.lower() in r.text.lower()
    draft = council.servers.draft_for(chat)
    assert draft["reference"] in r.text
    assert draft["status"] == "received" and draft["route"] == "three_reports"
    assert draft["policy"] == {"id": P.id, "version": P.version}
    assert draft["decision"]["eligible"] is True and draft["decision"]["qualifying_reports"] == 3
    assert all(x["source"] == P.source(x["rule"]).cite for x in draft["decision"]["reports"])
    assert [x["reference"] for x in draft["reports"]] == ["CAD 5521/02FEB", "CL-40021", "ENV-20441"]
    assert [x["organisation_category"] for x in draft["reports"]] == ["police", "housing_provider", "council"]
    if council.key == "barnet":
        assert [x["date"] for x in draft["reports"]] == ["2026-02-02", "2026-03-03", "2026-03-05"]
        clarion = draft["reports"][1]
        assert clarion["approximate"] is True and (clarion["date_earliest"], clarion["date_latest"]) == (
            "2026-03-02", "2026-03-08")  # "last week": Monday to Sunday of the week before
    else:  # each report said when the incident was: the night before, and that night
        assert [(x["date"], x["incident_date"]) for x in draft["reports"]] == [
            ("2026-02-02", "2026-02-01"), ("2026-03-03", "2026-03-03"), ("2026-03-05", "2026-03-05")]
    assert draft["applicant"] == {**draft["applicant"], "name": "Jo Bloggs", "phone": "07700 900123",
                                  "email": "jo@example.org", "preferred_contact": "text", "on_behalf": False,
                                  "consent_to_share": True}
    assert draft["asb"]["location"] == council.inside and "loud music" in draft["asb"]["description"]
    assert draft["problem_continuing"] is True
    assert draft["no_action_taken"] is (True if P.require_no_action else None)


def test_daughter_for_her_father_near_miss_is_told_what_is_still_needed(council, chat):
    r = chat.say("my dad is 84 and the kids on his estate keep throwing stuff at his window, can I do this for him?")
    assert "as long as they agree" in r
    chat.say("no")
    r = chat.say("yes he wants me to")
    assert "What is their name?" in r
    chat.script("Arthur Price", "no", "he did")
    chat.script(*council.near_miss)
    r = chat.say("no that's everything")
    assert "2 reports that count" in r and "needs 3" in r and "101" in r and council.phone() in r
    assert "their housing office" in r or council.landlord in r
    assert drafts_for(council, chat) == []


def test_never_reported_is_signposted_in_the_first_reply(council, chat):
    r = chat.say("the man upstairs drills at midnight and I haven't told anyone yet, what can I do?")
    assert "101" in r and "housing" in r and council.phone() in r
    assert r.buttons == ["I have reported it before", "That's all, thanks"]
    r = chat.say("I have reported it before")  # misread, or remembered: the check goes on
    assert "Is anyone in danger right now?" in r


def test_old_reports_and_the_wrong_organisations_are_explained(council, chat):
    chat.script(*START)
    r = chat.say("I told my MP on 3 February")
    assert "Reports to your MP don't count" in r
    r = chat.say(f"and the police on {council.old_date}, CAD 100/01JUN")
    assert f"more than {council.policy.window_text} ago" in r
    r = chat.say("no")
    assert "Doesn't count: your MP" in r and f"Doesn't count: the police, {council.old_date}" in r


def test_five_individuals_route_records_each_person(council, chat):
    chat.script(OPENING, "no", "myself", "no")
    r = chat.say("five of us have reported it separately")
    assert "first person who reported it" in r
    for n, line in enumerate(council.people, start=1):
        r = chat.say(line)
        assert f"That's {n} {'person' if n == 1 else 'people'} whose reports count" in r, chat.dump()
    r = chat.say("no that's all")
    assert "What happened after people reported it?" in r
    chat.script("nothing happened", *council.problem[1:], *CONTACT)
    chat.say("yes")
    draft = council.servers.draft_for(chat)
    assert draft, chat.dump()
    assert draft["route"] == "five_individuals" and draft["decision"]["eligible"] is True
    assert [x["reporter"] for x in draft["reports"]][:2] == ["Mr Singh at number 4", "the lady at number 22"]


def test_a_stopped_problem_in_the_first_message_is_answered_at_once_where_it_rules_an_application_out(council,
                                                                                                      chat):
    r = chat.say("it all stopped back in August but I want them punished")
    if council.policy.require_problem_continuing:
        assert "I'm glad it has stopped" in r and "999" in r
    else:  # this council reviews a problem that has stopped: the check goes on
        assert "I'm glad it has stopped" not in r and "Is anyone in danger right now?" in r


def test_an_open_complaint_in_the_first_message_is_answered_at_once(council, chat):
    r = chat.say(f"I've got a complaint in with {council.landlord} about how they handled it, they're still "
                 "looking at it")
    assert "While a complaint about this is still being dealt with" in r and "999" in r


def test_ongoing_complaint_asked_means_not_now(council, chat):
    chat.script(OPENING, "no", "myself")
    r = chat.say("yes I've got a formal complaint in with the council and they're still investigating it")
    assert f"can't use the {council.policy.council.scheme_name} yet" in r and "Ombudsman" in r


def test_outside_the_council_area(council, chat):
    chat.script(*START)
    council.three_reports(chat)
    chat.say("no that's all")
    r = chat.say(council.outside[0])
    assert f"looks like it's outside {council.policy.council.area}" in r
    r = chat.say(council.outside[1])
    assert f"covers problems in {council.policy.council.area}" in r and "101" in r


def test_victim_does_not_agree(council, chat):
    chat.script(OPENING, "no", "for my neighbour")
    chat.say("I'm her friend")
    r = chat.say("not yet, she's scared to")
    assert "You can only apply for someone if they agree" in r


def test_no_consent_to_share_then_changes_mind(council, chat):
    chat.script(*START)
    council.three_reports(chat)
    chat.script(*council.problem)
    r = chat.say("no")
    assert "Without your agreement" in r and "carry on" in r
    r = chat.say("carry on")
    assert "share your application" in r
    r = chat.say("yes")
    assert "What is your name" in r


def test_danger_at_the_start_then_no_begins_the_questions(council, chat):
    r = chat.say("he's outside my door with a knife right now")
    assert "Please call 999 now" in r
    r = chat.say("no he's gone now")
    assert "Who are you asking for: yourself, your business or community group, or someone else?" in r


def test_danger_mid_form_pauses_and_keeps_answers(council, chat):
    chat.script(*START, council.reports[0])
    r = chat.say("hang on theyre outside banging on the door right now")
    assert "call 999 now" in r and "Your answers so far are saved" in r
    assert r.buttons == ["Carry on", "Stop for now"]
    r = chat.say("Carry on")
    assert "Tell me about the next time" in r
    r = chat.say(council.reports[1])
    assert "That's 2 reports" in r


def test_questions_mid_form_are_answered_then_the_question_comes_back(council, chat):
    chat.script(OPENING, "no")
    r = chat.say("who will see what I write here?")
    assert "not shared with the people you are complaining about" in r
    assert "Back to the question:" in r and "someone else" in r
    r = chat.say("me")  # an answer, never an FAQ
    assert "complaint" in r


def test_stop_and_carry_on_later(council, chat):
    chat.script(*START)
    r = chat.say("stop")
    assert "OK, I've stopped. Nothing has been sent." in r
    r = chat.say("carry on")
    assert "Tell me about the first time you reported it" in r


def test_start_again_clears_answers_and_makes_a_new_application(council, chat):
    council.to_the_summary(chat)
    r = chat.say("start again")
    assert "This clears the answers" in r
    r = chat.say("yes")
    assert "Is anyone in danger right now?" in r
    council.to_the_summary(chat, opened=True, described=False)  # nothing of the first application is kept
    chat.say("yes")
    assert len(drafts_for(council, chat)) == 1


def test_corrections_change_exactly_that_item(council, chat):
    council.to_the_summary(chat)
    r = chat.say("the second report was on the 4th of March")
    assert "I've changed report 2" in r
    r = chat.say("my phone number is 07700 900456")
    assert "07700 900456" in r
    chat.say("yes")
    draft = council.servers.draft_for(chat)
    assert draft["reports"][1]["date"] == "2026-03-04" and draft["reports"][0]["date"] == "2026-02-02"
    assert draft["applicant"]["phone"] == "07700 900456" and draft["applicant"]["email"] == "jo@example.org"


def test_removing_a_report_can_make_it_not_eligible(council, chat):
    council.to_the_summary(chat)
    r = chat.say("remove report 3")
    assert "I've removed report 3" in r and "can't use it yet" in r
    assert drafts_for(council, chat) == []


def test_a_crime_is_sent_to_the_police_then_asked_about_asb(council, chat):
    r = chat.say("someone is selling drugs from the flat opposite")
    assert "101" in r and "999" in r and council.phone("crimestoppers") in r
    r = chat.say("no")
    assert "also anti-social behaviour" in r  # the crime is not the end: ASB reported before can go on
    r = chat.say("no")
    assert "isn't the way to deal with a crime" in r and "101" in r and council.servers.draft_for(chat) is None


def test_a_complaint_about_an_officer_goes_to_the_complaints_procedure(council, chat):
    chat.script(*START)
    r = chat.say("I want to complain about PC Hughes, he was rude to me")
    assert "complaints procedure" in r and "tell me about" in r.text.lower()
    assert "That's 1 report" not in r


def test_impossible_and_future_dates_are_refused_with_a_reason(council, chat):
    chat.script(*START)
    r = chat.say("I rang the police on 30/02/2026")
    assert "February has no day 30" in r
    r = chat.say("sorry, 5/4/2026")
    assert "in the future" in r
    r = chat.say("5 March")
    if council.policy.report_within_days_of_incident:
        assert "When did the incident you reported to the police (Thursday 5 March 2026) happen?" in r
        r = chat.say("same day")
    r = chat.say("no reference") if "reference number" in r else r
    assert "Thursday 5 March 2026" in r


def test_anonymous_applications_are_explained(council, chat):
    chat.script(*START)
    council.three_reports(chat)
    chat.script(*council.problem, "yes")
    r = chat.say("I'd rather not give my name")
    assert "can't be anonymous" in r and council.phone() in r
    r = chat.say("OK it's Jo Bloggs")
    assert "How can the Community Safety Team contact you?" in r


def test_talk_to_a_person_mid_form(council, chat):
    chat.script(*START)
    r = chat.say("can I talk to a real person")
    assert council.phone() in r
    partner = council.policy.contacts.get("partnership")
    if partner and partner.phone:
        assert partner.phone in r
    r = chat.say("carry on")
    assert "Tell me about the first time" in r


def test_same_confirmation_twice_makes_one_draft(council, chat):
    council.to_the_summary(chat)
    first = chat.say("yes")
    second = chat.say("yes")
    assert "Your application is saved" in first and "already saved" in second
    assert len(drafts_for(council, chat)) == 1


def test_typos_and_an_ambiguous_landlord(council, chat):
    chat.script(*START)
    r = chat.say("told my landlord on 3 Feburary")
    assert "Is your landlord the council, a housing association, or a private landlord?" in r
    r = chat.say("private")
    if "When did the incident" in r.text:
        r = chat.say("same day")
    assert "don't count" in r


def test_buttons_work_as_typed_answers(council, chat):
    chat.say("hello")
    for title in ("No", "For myself", "No", "I reported it"):
        r = chat.press(title)
    assert "Tell me about the first time" in r


assert REPORTS == BARNET.reports  # Barnet plays the shared scripts the other tests use
