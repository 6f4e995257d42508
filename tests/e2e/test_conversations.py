"""Whole conversations typed as residents type them, through the REST channel of
real running Rasa and action servers. Today is Tuesday 10 March 2026
(TRIGGER_TODAY), so "six months ago" is 10 September 2025.

Each test asserts what the resident is told and what `python -m bot drafts
export` then contains.
"""
import pytest

pytestmark = pytest.mark.e2e

START = ("the family next door play loud music every night and shout abuse at us", "no", "myself", "a person",
         "no", "I reported it")
PROBLEM = ("no that covers it", "Oak Road, N11 2AB", "yes", "since last summer",
           "we can't sleep and the kids are scared", "no", "yes", "yes")


def three_reports(chat):
    r = chat.say("rang 101 on the 2nd of Feb, they gave me CAD 5521/02FEB")
    assert "What happened after it was reported?" in r
    r = chat.say("nothing happened")
    assert "Got it: the police on 101, Monday 2 February 2026, reference CAD 5521/02FEB." in r
    assert "That's 1 report. You need 3 reports in the last six months." in r
    r = chat.say("yes emailed my housing association last week")
    assert "Which housing association is that?" in r
    r = chat.script("clarion", "no", "they said they would look into it")
    assert "Got it: Clarion, around 3 March 2026." in r
    assert "That's 2 reports." in r
    r = chat.script("yes, told environmental health on 5 March, ref ENV-20441", "nothing")
    assert "That's 3 reports. That's enough" in r
    return chat.say("no")


def contact_and_confirm(chat, name="Jo Bloggs"):
    r = chat.say("yes")  # consent to share
    assert "What is your name?" in r
    chat.say(name)
    r = chat.say("07700 900123 or jo@example.org")
    assert "How would you like them to contact you?" in r
    r = chat.script("text message", "no")
    assert "Here is everything I have" in r and "Is everything correct?" in r
    return r


def test_eligible_resident_with_three_reports_gets_a_reference(servers, chat):
    r = chat.say("hi the family next door have been blasting music every night and threatening us, nobody does "
                 "anything")
    assert "I'm sorry you're going through this" in r and "call 999" in r
    assert "Is anyone in danger right now?" in r and r.buttons[:2] == ["Yes, someone is in danger", "No"]
    chat.script("no we're ok right now", "myself", "a person", "no", "I reported it")
    r = three_reports(chat)
    assert "Now tell me about the problem" in r and "blasting music every night" in r
    r = chat.script(*PROBLEM)
    assert "you can use the Community Trigger" in r and "3 of the reports count" in r
    assert "Do you agree to this?" in r
    r = contact_and_confirm(chat)
    assert "Report 1: the police on 101, 2 February 2026, reference CAD 5521/02FEB" in r
    r = chat.say("yes")
    assert "Your application is saved. Your reference is CT-2026-" in r
    assert "within 2 to 3 working days" in r and "24 working days" in r and "Deputy Director" in r
    draft = servers.draft_for(chat)
    assert draft["reference"] in r.text
    assert draft["status"] == "received" and draft["route"] == "three_reports"
    assert draft["decision"]["eligible"] is True and draft["decision"]["qualifying_reports"] == 3
    assert [(x["organisation_category"], x["date"]) for x in draft["reports"]] == [
        ("police", "2026-02-02"), ("housing_provider", "2026-03-03"), ("council", "2026-03-05")]
    assert draft["reports"][0]["reference"] == "CAD 5521/02FEB"
    assert draft["reports"][1]["organisation"] == "Clarion" and draft["reports"][1]["approximate"] is True
    assert draft["applicant"] == {**draft["applicant"], "name": "Jo Bloggs", "phone": "07700 900123",
                                  "email": "jo@example.org", "preferred_contact": "text", "on_behalf": False,
                                  "consent_to_share": True}
    assert draft["asb"]["location"] == "Oak Road, N11 2AB"
    assert "blasting music" in draft["asb"]["description"]


def test_daughter_for_her_father_near_miss_is_told_what_is_still_needed(servers, chat):
    r = chat.say("my dad is 84 and the kids on his estate keep throwing stuff at his window, can I do this for him?")
    assert "You can apply for someone else, as long as they agree." in r
    r = chat.say("no")
    assert "Do they know about this and agree to you applying for them?" in r
    r = chat.script("yes he wants me to", "Harold Smith")
    assert "Is Harold Smith a person, a business or a community group?" in r
    chat.script("a person", "no", "he did")
    r = chat.script("told the council on 20 january", "no", "nothing")
    assert "Got it: the council, Tuesday 20 January 2026." in r and "Have they reported it another time?" in r
    r = chat.script("yes the police on the 14th of feb", "CAD 1180/14FEB", "they never came", "no")
    assert "Right now they have 2 reports that count in the last six months" in r
    assert "needs 3, so they can't use it yet" in r
    assert "report it and keep the reference number" in r
    assert "101" in r and "020 8359 2000" in r and "999" in r
    assert "their housing office" in r
    assert servers.draft_for(chat) is None


def test_first_report_is_signposted(servers, chat):
    chat.script(*START)
    r = chat.script("I called the police yesterday", "no", "nothing yet", "no")
    assert "needs 3 reports in the last six months" in r and "can't use it yet" in r
    assert "Barnet Police on 101" in r and "020 8359 2000" in r
    assert servers.draft_for(chat) is None


def test_old_reports_and_the_wrong_organisations_are_explained(servers, chat):
    chat.script(*START)
    r = chat.script("told barnet homes on 1 august 2025", "no", "nothing")
    assert "more than six months ago, so it doesn't count" in r
    r = chat.script("yes my MP in february", "no", "nothing")
    assert "Reports to your MP don't count" in r
    r = chat.script("yes the police on 3 march", "no", "nothing", "no")
    assert "1 report that counts" in r
    assert "Doesn't count: Barnet Homes, 1 August 2025. That's more than six months ago" in r
    assert "Doesn't count: your MP" in r
    assert servers.draft_for(chat) is None


def test_five_individuals_route_records_each_person(servers, chat):
    chat.script("loads of us on the road have been reporting the drug dealing outside the flats", "no", "myself",
                "a community group", "no")
    r = chat.say("5 or more people did")
    assert "What is the name of the first person who reported it?" in r
    people = [("Amira Khan", "rang 101 on 10 feb"), ("Tom Price", "told the council on 12 february"),
              ("Grace Okafor", "emailed barnet homes on 20 feb"), ("Dev Patel", "called the police on 1 march"),
              ("Lena Novak", "reported it to the council on the 5th")]
    for i, (name, report) in enumerate(people):
        r = chat.say(name)
        assert f"Tell me about {name}'s report" in r
        r = chat.script(report, "no", "nothing")
        r = chat.say("yes") if i < 4 else r
    assert "That's 5 people whose reports count" in r
    r = chat.say("no")
    r = chat.script("people dealing drugs and shouting at night", "Oak Road N11", "yes", "a year",
                    "residents feel unsafe", "no", "yes", "yes")
    assert "you can use the Community Trigger" in r
    contact_and_confirm(chat, "Amira Khan")
    r = chat.say("yes")
    draft = servers.draft_for(chat)
    assert draft["route"] == "five_individuals" and draft["victim"]["type"] == "community_group"
    assert [x["reporter"] for x in draft["reports"]] == [p[0] for p in people]
    assert draft["decision"]["qualifying_reports"] == 5


def test_same_person_twice_counts_once(servers, chat):
    chat.script("the whole street has reported the fly tipping and the abuse", "no", "myself", "a person", "no",
                "5 or more people did")
    for i, name in enumerate(["Amira Khan", "Tom Price", "amira khan", "Dev Patel", "Lena Novak"]):
        chat.script(name, "rang 101 on 2 march", "no", "nothing")
        r = chat.say("yes" if i < 4 else "no")
    assert "4 people whose reports count" in r or "4 different people" in r or "Right now you have 4" in r
    assert "can't use it yet" in r
    assert servers.draft_for(chat) is None


@pytest.mark.parametrize("answers,words", [
    (("no", "myself", "a person", "yes"), "complaint about this is still being dealt with"),
])
def test_ongoing_complaint_means_not_now(servers, chat, answers, words):
    chat.say("the dog next door barks all night and the owner is abusive")
    r = chat.script(*answers)
    assert words in r and "Ombudsman" in r and "IOPC" not in r or "Independent Office for Police Conduct" in r
    assert servers.draft_for(chat) is None


def _up_to_problem(chat):
    chat.script(*START)
    three_reports(chat)
    return chat.script("no that covers it", "Oak Road", "yes", "last year", "stressful", "no")


def test_problem_has_stopped(servers, chat):
    _up_to_problem(chat)
    r = chat.say("no it stopped a few weeks ago")
    assert "I'm glad it has stopped" in r and "still happening" in r
    assert servers.draft_for(chat) is None


def test_action_already_taken(servers, chat):
    _up_to_problem(chat)
    chat.say("yes")
    r = chat.say("no, action has been taken")
    assert "reports haven't led to action" in r
    assert servers.draft_for(chat) is None


def test_problem_outside_the_borough(servers, chat):
    chat.script(*START)
    three_reports(chat)
    r = chat.script("no that covers it", "Croydon high street", "no")
    assert "covers problems in Barnet" in r
    assert servers.draft_for(chat) is None


def test_victim_does_not_agree(servers, chat):
    r = chat.script("I want to apply for my neighbour, she's being harassed", "no")
    assert "Do they know about this and agree" in r
    r = chat.say("no she doesn't know")
    assert "You can only apply for someone if they agree" in r
    assert servers.draft_for(chat) is None


def test_no_consent_to_share_then_changes_mind(servers, chat):
    chat.script(*START)
    three_reports(chat)
    chat.script(*PROBLEM)
    r = chat.say("no")
    assert "can't send the application" in r and "020 8359 2000" in r
    r = chat.say("carry on")
    assert "Do you agree to this?" in r
    contact_and_confirm_after_consent = chat.script("yes", "Jo Bloggs", "jo@example.org", "email", "no", "yes")
    assert "Your application is saved" in contact_and_confirm_after_consent
    assert servers.draft_for(chat)["applicant"]["consent_to_share"] is True


def test_danger_at_the_start_then_carry_on(servers, chat):
    chat.say("hello")
    r = chat.say("yes")
    assert "Please call 999 now" in r and r.buttons == ["Carry on"]
    r = chat.say("carry on")
    assert "Let's carry on" in r and "Is anyone in danger right now?" in r
    r = chat.say("no")
    assert "Are you asking for yourself, or for someone else?" in r


def test_danger_mid_form_pauses_and_keeps_answers(servers, chat):
    chat.script(*START)
    chat.script("rang 101 on the 2nd of Feb", "no", "nothing", "yes")
    r = chat.say("told barnet homes")
    assert "When did you report it to Barnet Homes?" in r
    r = chat.say("hang on theyre outside banging on the door right now")
    assert "If you are in danger, call 999 now. Your answers so far are saved." in r
    assert r.buttons == ["Carry on", "Stop for now"]
    r = chat.say("carry on")
    assert "Let's carry on" in r and "When did you report it to Barnet Homes?" in r
    r = chat.script("last tuesday", "no", "nothing")
    assert "Got it: Barnet Homes, Tuesday 3 March 2026." in r and "That's 2 reports." in r


def test_questions_mid_form_are_answered_then_the_question_comes_back(servers, chat):
    chat.script(*START)
    r = chat.say("how long does this take?")
    assert "within 2 to 3 working days" in r
    assert "Tell me about the first time you reported it" in r
    r = chat.say("who will see my details?")
    assert "not shared with the people you are complaining about" in r
    r = chat.say("what counts as anti social behaviour")
    assert "harassment, alarm or distress" in r
    r = chat.say("rang 101 on the 2nd of Feb")
    assert "Do you have a reference number, or the name of the person you dealt with?" in r


def test_stop_and_carry_on_later(servers, chat):
    chat.script(*START)
    chat.script("rang 101 on the 2nd of Feb", "no", "nothing")
    r = chat.say("stop")
    assert "I've stopped. Nothing has been sent." in r
    r = chat.say("carry on")
    assert "Let's carry on" in r and "Have you reported it another time?" in r


def test_start_again_clears_answers_and_makes_a_new_application(servers, chat):
    chat.script(*START)
    chat.script("rang 101 on the 2nd of Feb", "no", "nothing")
    r = chat.say("can we start again")
    assert "This clears the answers you've given" in r
    r = chat.say("yes")
    assert "let's start again" in r and "Is anyone in danger right now?" in r
    chat.script("no", "myself", "a person", "no", "I reported it")
    r = three_reports(chat)
    assert "Got it" not in r or "That's 1 report" not in r
    chat.script(*PROBLEM)
    contact_and_confirm(chat)
    chat.say("yes")
    draft = servers.draft_for(chat)
    assert len(draft["reports"]) == 3


def test_corrections_change_exactly_that_item(servers, chat):
    chat.script(*START)
    three_reports(chat)
    chat.script(*PROBLEM)
    contact_and_confirm(chat)
    r = chat.say("the second report was on the 4th")
    assert "I've changed report 2: on Wednesday 4 March 2026." in r
    assert "Report 2: Clarion, 4 March 2026" in r
    r = chat.say("my phone number is 07700 900456")
    assert "I've changed your phone number to 07700 900456." in r
    r = chat.say("yes")
    assert "Your application is saved" in r
    draft = servers.draft_for(chat)
    assert draft["reports"][1]["date"] == "2026-03-04"
    assert draft["reports"][0]["date"] == "2026-02-02" and draft["reports"][2]["date"] == "2026-03-05"
    assert draft["applicant"]["phone"] == "07700 900456" and draft["applicant"]["email"] == "jo@example.org"


def test_removing_a_report_can_make_it_not_eligible(servers, chat):
    chat.script(*START)
    three_reports(chat)
    chat.script(*PROBLEM)
    contact_and_confirm(chat)
    r = chat.say("remove the clarion one")
    assert "I've removed report 2 (Clarion)." in r
    assert "can't use it yet" in r and "2 reports that count" in r
    assert servers.draft_for(chat) is None


def test_a_crime_is_sent_to_the_police(servers, chat):
    r = chat.say("someone broke into my car last night")
    assert "report it to the police" in r and "999" in r and "101" in r
    assert "can't be used to report a crime" in r
    r = chat.say("Check if I can apply")
    assert "Is anyone in danger right now?" in r


def test_a_complaint_about_an_officer_goes_to_the_complaints_procedure(servers, chat):
    r = chat.say("the officer who came round was really rude and I want to make a complaint")
    assert "complaints procedure" in r and "Ombudsman" in r and "Independent Office for Police Conduct" in r


def test_impossible_and_future_dates_are_refused_with_a_reason(servers, chat):
    chat.script(*START)
    r = chat.say("told the council")
    assert "When did you report it to the council?" in r
    r = chat.say("30/02/2026")
    assert "30 February is not a real date" in r and "When did you report it" in r
    r = chat.say("5 april 2026")
    assert "5 April 2026 is in the future" in r
    r = chat.say("03/15/2026")
    assert "Did you mean 15 March" in r
    r = chat.say("the 2nd")
    assert "Do you have a reference number" in r


def test_anonymous_applications_are_explained(servers, chat):
    chat.script(*START)
    three_reports(chat)
    chat.script(*PROBLEM)
    chat.say("yes")
    r = chat.say("i'd rather not give my name")
    assert "can't be anonymous" in r and "020 8359 2000" in r and "What is your name?" in r
    r = chat.script("ok it's Sam", "sam@example.org", "email", "no", "yes")
    assert "Your application is saved" in r


def test_talk_to_a_person_mid_form(servers, chat):
    chat.script(*START)
    r = chat.say("can I speak to a real person")
    assert "020 8359 2000" in r and "Your answers here are saved" in r
    r = chat.say("Carry on")
    assert "Tell me about the first time you reported it" in r


def test_off_topic_gets_a_helpful_answer(servers, chat):
    r = chat.say("when is my bin collection day")
    assert "I can only help with the Community Trigger" in r


def test_same_confirmation_twice_makes_one_draft(servers, chat):
    chat.script(*START)
    three_reports(chat)
    chat.script(*PROBLEM)
    contact_and_confirm(chat)
    first = chat.say("yes")
    again = chat.say("yes")
    reference = servers.draft_for(chat)["reference"]
    assert reference in first and reference in again and "already saved" in again


def test_typos_and_an_ambiguous_landlord(servers, chat):
    chat.script("neighbours r making loads of noise evry nite", "nah", "me", "person", "nope", "i did")
    r = chat.say("told my landlord on 3rd feb")
    assert "the council, a housing association, or a private landlord?" in r
    r = chat.say("housing association")
    assert "Do you have a reference number" in r
    r = chat.script("nah", "nothing", "yep told barnet homs on 12/2", "no", "nothing", "yes rang the polise on 1st march",
                    "no", "nothing", "no")
    assert "Now tell me about the problem" in r
