"""Whole conversations through the REST channel of real running Rasa and action servers, judged by
their outcome: what the resident is told (the decision, the signposts, the reference) and what
`python -m bot drafts export` then holds. Today is Tuesday 10 March 2026 (TRIGGER_TODAY).

Phrasings in residents' own words, many of them, are played by the resident simulator
(tests/simulator, bench/residents); these tests cover each route through the service once.
"""
import pytest

from tests.e2e.scripts import CONTACT, OPENING, PROBLEM, START, three_reports, to_the_summary

pytestmark = pytest.mark.e2e


def drafts_for(servers, chat):
    return [d for d in servers.drafts() if d["conversation_id"].startswith(chat.sender + ":")]


def test_eligible_resident_with_three_reports_gets_a_reference(servers, chat):
    r = chat.say(OPENING)
    assert "I'm sorry you're going through this" in r and "call 999" in r
    assert r.buttons == ["Yes, someone is in danger", "No"]
    summary = to_the_summary(chat, opened=True)
    assert "Report 1: the police on 101, 2 February 2026, reference CAD 5521/02FEB" in summary
    r = chat.say("yes")
    assert "Your application is saved. Your reference is CT-2026-" in r
    assert "within 2 to 3 working days" in r and "24 working days" in r and "Deputy Director" in r
    draft = servers.draft_for(chat)
    assert draft["reference"] in r.text
    assert draft["status"] == "received" and draft["route"] == "three_reports"
    assert draft["decision"]["eligible"] is True and draft["decision"]["qualifying_reports"] == 3
    assert [(x["organisation_category"], x["date"]) for x in draft["reports"]] == [
        ("police", "2026-02-02"), ("housing_provider", "2026-03-03"), ("council", "2026-03-05")]
    assert [x["reference"] for x in draft["reports"]] == ["CAD 5521/02FEB", "CL-40021", "ENV-20441"]
    clarion = draft["reports"][1]
    assert clarion["approximate"] is True and (clarion["date_earliest"], clarion["date_latest"]) == (
        "2026-03-02", "2026-03-08")  # "last week": Monday to Sunday of the week before
    assert draft["applicant"] == {**draft["applicant"], "name": "Jo Bloggs", "phone": "07700 900123",
                                  "email": "jo@example.org", "preferred_contact": "text", "on_behalf": False,
                                  "consent_to_share": True}
    assert draft["asb"]["location"] == "Oak Road, N3 2AB" and "loud music" in draft["asb"]["description"]
    assert draft["problem_continuing"] is True and draft["no_action_taken"] is True


def test_daughter_for_her_father_near_miss_is_told_what_is_still_needed(servers, chat):
    r = chat.say("my dad is 84 and the kids on his estate keep throwing stuff at his window, can I do this for him?")
    assert "as long as they agree" in r
    chat.say("no")
    r = chat.say("yes he wants me to")
    assert "What is their name?" in r
    chat.script("Arthur Price", "no", "he did")
    chat.script("he told the council on 20 January, ref 60021", "and the police on 14 February, CAD 77/14FEB")
    r = chat.say("no that's everything")
    assert "2 reports that count" in r and "needs 3" in r and "101" in r and "020 8359 2000" in r
    assert "their housing office" in r
    assert drafts_for(servers, chat) == []


def test_never_reported_is_signposted_in_the_first_reply(servers, chat):
    r = chat.say("the man upstairs drills at midnight and I haven't told anyone yet, what can I do?")
    assert "101" in r and "housing" in r and "020 8359 2000" in r
    assert r.buttons == ["I have reported it before", "That's all, thanks"]
    r = chat.say("I have reported it before")  # misread, or remembered: the check goes on
    assert "Is anyone in danger right now?" in r


def test_old_reports_and_the_wrong_organisations_are_explained(servers, chat):
    chat.script(*START)
    r = chat.say("I told my MP on 3 February")
    assert "Reports to your MP don't count" in r
    r = chat.say("and the police on 1 June 2025, CAD 100/01JUN")
    assert "more than six months ago" in r
    r = chat.say("no")
    assert "Doesn't count: your MP" in r and "Doesn't count: the police, 1 June 2025" in r


def test_five_individuals_route_records_each_person(servers, chat):
    chat.script(OPENING, "no", "myself", "no")
    r = chat.say("five of us have reported it separately")
    assert "first person who reported it" in r
    people = ["Mr Singh at number 4 rang 101 on 2 February, CAD 1/02FEB",
              "the lady at number 22 emailed the council on 9 February, ref 3021",
              "my husband Tom reported it to Barnet Homes on 12 February, ref BH-2291",
              "Sue next door rang the police on 20 February, CAD 22/20FEB",
              "I told the council myself on 1 March, ref 4410"]
    for n, line in enumerate(people, start=1):
        r = chat.say(line)
        assert f"That's {n} {'person' if n == 1 else 'people'} whose reports count" in r, chat.dump()
    r = chat.say("no that's all")
    assert "What happened after people reported it?" in r
    chat.script("nothing happened", *PROBLEM[1:], *CONTACT)
    chat.say("yes")
    draft = servers.draft_for(chat)
    assert draft, chat.dump()
    assert draft["route"] == "five_individuals" and draft["decision"]["eligible"] is True
    assert [x["reporter"] for x in draft["reports"]][:2] == ["Mr Singh at number 4", "the lady at number 22"]


@pytest.mark.parametrize("opening, words", [
    ("it all stopped back in August but I want them punished", "I'm glad it has stopped"),
    ("I've got a complaint in with Barnet Homes about how they handled it, they're still looking at it",
     "While a complaint about this is still being dealt with"),
])
def test_an_exclusion_in_the_first_message_is_answered_at_once(servers, chat, opening, words):
    r = chat.say(opening)
    assert words in r and "999" in r


def test_ongoing_complaint_asked_means_not_now(servers, chat):
    chat.script(OPENING, "no", "myself")
    r = chat.say("yes I've got a formal complaint in with the council and they're still investigating it")
    assert "can't use the Community Trigger yet" in r and "Ombudsman" in r


def test_action_already_taken_and_outside_the_borough(servers, chat):
    chat.script(*START)
    three_reports(chat)
    chat.say("no that's all")
    r = chat.say("Wembley, HA9")
    assert "looks like it's outside Barnet" in r
    r = chat.say("no, it's in Brent")
    assert "covers problems in Barnet" in r and "101" in r


def test_victim_does_not_agree(servers, chat):
    chat.script(OPENING, "no", "for my neighbour")
    r = chat.say("I'm her friend")
    r = chat.say("not yet, she's scared to")
    assert "You can only apply for someone if they agree" in r


def test_no_consent_to_share_then_changes_mind(servers, chat):
    chat.script(*START)
    three_reports(chat)
    chat.script(*PROBLEM)
    r = chat.say("no")
    assert "Without your agreement" in r and "carry on" in r
    r = chat.say("carry on")
    assert "share your application" in r
    r = chat.say("yes")
    assert "What is your name" in r


def test_danger_at_the_start_then_no_begins_the_questions(servers, chat):
    r = chat.say("he's outside my door with a knife right now")
    assert "Please call 999 now" in r
    r = chat.say("no he's gone now")
    assert "Who are you asking for: yourself, your business or community group, or someone else?" in r


def test_danger_mid_form_pauses_and_keeps_answers(servers, chat):
    chat.script(*START, REPORTS_FIRST)
    r = chat.say("hang on theyre outside banging on the door right now")
    assert "call 999 now" in r and "Your answers so far are saved" in r
    assert r.buttons == ["Carry on", "Stop for now"]
    r = chat.say("Carry on")
    assert "Tell me about the next time" in r
    r = chat.say("emailed Clarion last week, ref CL-40021")
    assert "That's 2 reports" in r


REPORTS_FIRST = "rang 101 on the 2nd of Feb, they gave me CAD 5521/02FEB, nothing happened"


def test_questions_mid_form_are_answered_then_the_question_comes_back(servers, chat):
    chat.script(OPENING, "no")
    r = chat.say("who will see what I write here?")
    assert "not shared with the people you are complaining about" in r
    assert "Back to the question:" in r and "someone else" in r
    r = chat.say("me")  # an answer, never an FAQ
    assert "complaint" in r


def test_stop_and_carry_on_later(servers, chat):
    chat.script(*START)
    r = chat.say("stop")
    assert "OK, I've stopped. Nothing has been sent." in r
    r = chat.say("carry on")
    assert "Tell me about the first time you reported it" in r


def test_start_again_clears_answers_and_makes_a_new_application(servers, chat):
    to_the_summary(chat)
    r = chat.say("start again")
    assert "This clears the answers" in r
    r = chat.say("yes")
    assert "Is anyone in danger right now?" in r
    to_the_summary(chat, opened=True, described=False)  # nothing of the first application is kept
    chat.say("yes")
    assert len(drafts_for(servers, chat)) == 1


def test_corrections_change_exactly_that_item(servers, chat):
    to_the_summary(chat)
    r = chat.say("the second report was on the 4th of March")
    assert "I've changed report 2" in r
    r = chat.say("my phone number is 07700 900456")
    assert "07700 900456" in r
    chat.say("yes")
    draft = servers.draft_for(chat)
    assert draft["reports"][1]["date"] == "2026-03-04" and draft["reports"][0]["date"] == "2026-02-02"
    assert draft["applicant"]["phone"] == "07700 900456" and draft["applicant"]["email"] == "jo@example.org"


def test_removing_a_report_can_make_it_not_eligible(servers, chat):
    to_the_summary(chat)
    r = chat.say("remove report 3")
    assert "I've removed report 3" in r and "can't use it yet" in r
    assert drafts_for(servers, chat) == []


def test_a_crime_is_sent_to_the_police_then_asked_about_asb(servers, chat):
    r = chat.say("someone is selling drugs from the flat opposite")
    assert "101" in r and "999" in r and "0800 555 111" in r
    r = chat.say("no")
    assert "also anti-social behaviour" in r  # the crime is not the end: ASB reported before can go on
    r = chat.say("no")
    assert "isn't the way to deal with a crime" in r and "101" in r and servers.draft_for(chat) is None


def test_a_complaint_about_an_officer_goes_to_the_complaints_procedure(servers, chat):
    chat.script(*START)
    r = chat.say("I want to complain about PC Hughes, he was rude to me")
    assert "complaints procedure" in r and "tell me about" in r.text.lower()
    assert "That's 1 report" not in r


def test_impossible_and_future_dates_are_refused_with_a_reason(servers, chat):
    chat.script(*START)
    r = chat.say("I rang the police on 30/02/2026")
    assert "February has no day 30" in r
    r = chat.say("sorry, 5/4/2026")
    assert "in the future" in r
    chat.say("5 March")
    r = chat.say("no reference")
    assert "Thursday 5 March 2026" in r


def test_anonymous_applications_are_explained(servers, chat):
    chat.script(*START)
    three_reports(chat)
    chat.script(*PROBLEM, "yes")
    r = chat.say("I'd rather not give my name")
    assert "can't be anonymous" in r and "020 8359 2000" in r
    r = chat.say("OK it's Jo Bloggs")
    assert "How can the Community Safety Team contact you?" in r


def test_talk_to_a_person_mid_form(servers, chat):
    chat.script(*START)
    r = chat.say("can I talk to a real person")
    assert "020 8359 2000" in r and "020 8359 6071" in r
    r = chat.say("carry on")
    assert "Tell me about the first time" in r


def test_same_confirmation_twice_makes_one_draft(servers, chat):
    to_the_summary(chat)
    first = chat.say("yes")
    second = chat.say("yes")
    assert "Your application is saved" in first and "already saved" in second
    assert len(drafts_for(servers, chat)) == 1


def test_typos_and_an_ambiguous_landlord(servers, chat):
    chat.script(*START)
    r = chat.say("told my landlord on 3 Feburary")
    assert "Is your landlord the council, a housing association, or a private landlord?" in r
    r = chat.say("private")
    assert "don't count" in r


def test_buttons_work_as_typed_answers(servers, chat):
    chat.say("hello")
    for title in ("No", "For myself", "No", "I reported it"):
        r = chat.press(title)
    assert "Tell me about the first time" in r
