"""The dialogue engine, played as whole conversations in plain Python (no Rasa).

Each test is a failure class of issue 10: an answer taken for a question, the
same question forever, what was already said ignored, exclusions said at once,
reports told the way people tell them, starting, and length. Today is Thursday
26 November 2026, so the six-month window starts on 26 May 2026.
"""
from __future__ import annotations

from datetime import date
from typing import Dict, List, Optional

import pytest

from bot.dialogue.engine import STATE_SLOTS, Engine, Message, StoreUnavailable
from bot.dialogue.language import ReportReader
from bot.rules.policy import load_policy

TODAY = date(2026, 11, 26)
POLICY = load_policy()
READER = ReportReader(POLICY)


class Chat:
    """One resident's conversation with the engine."""

    def __init__(self, save_fails: int = 0):
        self.state: Dict = {}
        self.saved: List = []
        self.save_fails = save_fails
        self.turns = 0
        self.questions: List[str] = []
        self.engine = Engine(POLICY, READER, save=self._save)

    def _save(self, record, decision):
        if self.save_fails:
            self.save_fails -= 1
            raise StoreUnavailable("down")
        self.saved.append((record, decision))
        return f"CT-2026-{len(self.saved):05d}", len(self.saved) == 1

    def say(self, text: str, intent: Optional[str] = None, confidence: float = 0.0,
            unanswered: Optional[str] = None) -> str:
        turn = self.engine.turn(self.state, Message(text, intent, confidence, unanswered), TODAY, "chat")
        assert set(turn.updates) <= set(STATE_SLOTS), set(turn.updates) - set(STATE_SLOTS)
        self.state.update(turn.updates)
        self.state = {k: v for k, v in self.state.items() if v is not None}
        self.turns += 1
        reply = "\n".join(r.text for r in turn.replies)
        if turn.replies:
            self.questions.append(turn.replies[-1].text.split("\n")[-1])
        self.last_buttons = [b[0] for r in turn.replies for b in r.buttons]
        return reply

    def script(self, *lines: str) -> str:
        reply = ""
        for line in lines:
            reply = self.say(line)
        return reply

    @property
    def asking(self) -> Optional[str]:
        return self.state.get("asking")


def _ctx():
    """What a reader is given, for reading one answer on its own."""
    from bot.dialogue.questions import Ctx
    return Ctx(state={}, policy=POLICY, today=TODAY, reader=READER)


def started(*facts: str) -> Chat:
    chat = Chat()
    chat.say("hello")
    chat.say("no")  # not in danger
    for line in facts:
        chat.say(line)
    return chat


# -- 1. an answer is never taken for a question ----------------------------------------------------------

@pytest.mark.parametrize("answer, who, victim_type", [
    ("me", "self", "individual"),
    ("it's me it's happening to", "self", "individual"),
    ("it's my shop they target", "self", "business"),
    ("we're the tenants' association", "self", "community_group"),
    ("my mum", "someone_else", "individual"),
    ("on behalf of my dad", "someone_else", "individual"),
    ("I'm her carer", "someone_else", "individual"),
])
def test_short_answers_in_own_words_answer_the_question(answer, who, victim_type):
    chat = started()
    assert chat.asking == "applying_for"
    reply = chat.say(answer, intent="ask_on_behalf", confidence=0.95)  # whatever the classifier thinks
    assert chat.state["applying_for"] == who and chat.state.get("victim_type") == victim_type
    assert "A carer, family member" not in reply  # no FAQ answer instead of taking the answer
    assert chat.asking != "applying_for"


@pytest.mark.parametrize("answer", ["person", "a person", "Person.", "A Person"])
def test_a_button_typed_is_an_answer_even_when_the_word_alone_asks_for_a_person(answer):
    chat = started("for someone else", "my neighbour", "yes", "Hannah Bruce-Lockhart")
    assert chat.asking == "victim_type"
    reply = chat.say(answer)
    assert chat.state.get("victim_type") == "individual" and "020 8359 2000" not in reply
    assert chat.asking != "victim_type"


def test_person_alone_still_asks_for_a_person_where_no_button_says_it():
    chat = started("for myself")
    asking = chat.asking
    reply = chat.say("person")
    assert "020 8359 2000" in reply and chat.asking == asking


def test_a_real_question_is_answered_and_the_question_comes_back_in_other_words():
    chat = started()
    first = chat.questions[-1]
    reply = chat.say("what counts as anti-social behaviour?")
    assert "harassment, alarm or distress" in reply
    assert chat.asking == "applying_for" and chat.questions[-1] != first


# -- 2. never the same question three times -------------------------------------------------------------

def test_a_question_is_never_asked_three_times_in_the_same_words():
    chat = started()
    for _ in range(6):
        chat.say("blue")
        if chat.asking != "applying_for":
            break
    asked = chat.questions
    assert all(not (a == b == c) for a, b, c in zip(asked, asked[1:], asked[2:])), asked
    assert chat.asking != "applying_for", "after the explanation it moves on with a stated assumption"


def test_second_time_reworded_with_buttons_third_time_explained_with_not_sure_and_the_phone_number():
    chat = started()
    second = chat.say("purple")
    assert "Sorry, I didn't understand that." in second and chat.last_buttons
    third = chat.say("purple")
    assert "I'm not sure" in chat.last_buttons and "020 8359 2000" in third


@pytest.mark.parametrize("prefix, slot", [
    ((), "applying_for"),
    (("myself",), "ongoing_complaint"),
    (("myself", "no"), "route"),
])
def test_not_sure_is_an_answer(prefix, slot):
    chat = started(*prefix)
    assert chat.asking == slot
    explained = chat.say("not sure")
    assert chat.asking == slot and len(explained) > 80   # what each choice means
    chat.say("I don't know")
    assert chat.asking != slot                            # and then taken as an answer


def test_not_sure_at_the_route_explains_both_ways_to_qualify():
    chat = started("myself", "no")
    reply = chat.say("what's the difference? not sure")
    assert "3 reports" in reply and "5 or more different people" in reply


# -- 3. what the resident already said is used ----------------------------------------------------------

def test_the_opening_says_whose_behalf_and_it_is_not_asked_again():
    chat = Chat()
    reply = chat.say("my dad is 84 and the kids on his estate keep throwing stuff at his window, can I do this for "
                     "him?")
    assert "as long as they agree" in reply
    chat.say("no")
    assert chat.state["applying_for"] == "someone_else" and chat.state["relationship"] == "family"
    assert chat.asking == "victim_consent"
    assert not any("for yourself, or for someone else" in q for q in chat.questions)


@pytest.mark.parametrize("opening, relationship", [
    ("I look after my dad, the lads next door throw stuff at his windows", "family"),
    ("I'm her carer, the lads next door throw stuff at her windows", "carer"),
    ("asking for my nan, shes being harassed by the people downstairs", "family"),
    ("my mum's 84 and the youths keep kicking her door at night", "family"),
    ("writing this for my brother he has learning difficulties and the gang on the estate pick on him", "family"),
])
def test_a_helper_telling_someone_elses_story_is_not_asked_whose_behalf(opening, relationship):
    chat = Chat()
    chat.say(opening)
    chat.say("no")
    assert chat.state["applying_for"] == "someone_else" and chat.state["relationship"] == relationship
    assert chat.asking == "victim_consent"


@pytest.mark.parametrize("opening", [
    "me and my mum live together and next door play music all night",
    "it's scary for my son and me, the lads outside shout every night",
])
def test_a_household_story_is_not_taken_as_someone_else(opening):
    chat = Chat()
    chat.say(opening)
    chat.say("no")
    assert chat.state.get("applying_for") != "someone_else"


def test_safe_now_in_the_opening_skips_the_danger_question():
    chat = Chat()
    chat.say("not in danger, just fed up with the noise from upstairs every night")
    assert chat.state["danger_now"] is False and chat.asking == "applying_for"


# -- 4. exclusions, as soon as they are said --------------------------------------------------------------

@pytest.mark.parametrize("opening, must_say, outcome", [
    ("it all stopped back in August but I want them punished", ["glad it has stopped", "still happening"],
     "not_continuing"),
    ("I haven't told anyone yet, the man upstairs is so loud", ["101", "housing", "020 8359 2000"], "first_report"),
    ("this is the first time I'm reporting it", ["101", "housing", "020 8359 2000"], "first_report"),
    ("I've got a complaint in with Barnet Homes about how they handled it and they're still looking at it",
     ["complaint", "Ombudsman"], "ongoing_complaint"),
])
def test_an_exclusion_in_the_first_message_is_answered_in_the_first_reply(opening, must_say, outcome):
    chat = Chat()
    reply = chat.say(opening)
    for words in must_say:
        assert words in reply
    assert chat.state["outcome"] == outcome


def test_a_misread_exclusion_can_be_put_right():
    chat = Chat()
    chat.say("it all stopped back in August")
    reply = chat.say("it's still happening actually")
    assert chat.state.get("outcome") is None and chat.asking == "danger_now", reply


@pytest.mark.parametrize("opening, must_say", [
    ("someone is selling drugs from the flat opposite", ["101", "999", "0800 555 111"]),
    ("they sprayed a swastika on my door", ["101", "999", "www.report-it.org.uk"]),
])
def test_crime_is_signposted_at_once_then_the_resident_can_go_on(opening, must_say):
    chat = Chat()
    reply = chat.say(opening)
    for words in must_say:
        assert words in reply
    chat.say("no")  # not in danger
    assert chat.asking == "asb_too"
    reply = chat.say("no")
    assert chat.state["outcome"] in ("general_crime", "hate_crime") and "101" in reply


def test_crime_and_long_running_asb_reported_before_carries_on():
    chat = Chat()
    chat.say("the lads sell drugs on the stairs and I've rung the police 4 times since September")
    chat.say("no")
    assert chat.asking == "applying_for" and chat.state["route"] == "three_reports"


# -- 5. reports told the way people tell them -----------------------------------------------------------

def test_several_reports_in_one_message_are_said_back_and_confirmed():
    chat = started("myself", "no", "I reported it")
    reply = chat.say("I rang the police three times in October, on the 3rd, 10th and 17th")
    assert "I've got 3 reports" in reply and chat.asking == "reports_confirm"
    chat.say("yes")
    dates = [r["date"] for r in chat.state["reports"]]
    assert dates == ["2026-10-03", "2026-10-10", "2026-10-17"]
    assert all(r["category"] == "police" for r in chat.state["reports"])


def test_a_month_said_anywhere_applies_to_a_bare_day():
    chat = started("myself", "no", "I reported it")
    chat.say("back in June, on the 14th, I rang the council, ref 55021")
    assert chat.state["reports"][0]["date"] == "2026-06-14"


def test_an_outcome_in_the_report_is_not_asked_again():
    chat = started("myself", "no", "I reported it")
    chat.script("rang 101 on 3 Oct, ref CAD 4411/03OCT, they never rang back",
                "yes, emailed the council on 10 October, ref 66121, no reply",
                "and told Barnet Homes on 1 November ref BH-12345, nothing happened")
    chat.say("no")
    assert chat.asking != "reports_outcome"
    assert [r["outcome"] for r in chat.state["reports"]] == ["they never rang back", "no reply", "nothing happened"]


def test_five_people_route_takes_the_name_and_the_report_together():
    chat = started("myself", "no", "five of us on the street have reported it")
    assert chat.state["route"] == "five_individuals"
    chat.say("Mr Singh at number 4 rang 101 on 2 October")
    report = chat.state["report"]
    assert report["reporter"] == "Mr Singh at number 4" and report["date"] == "2026-10-02"
    assert chat.asking == "report_details"  # not "who made it?" again
    chat.say("no")
    assert chat.asking == "another_report" and chat.state["reports"][0]["reporter"] == "Mr Singh at number 4"


def test_a_vague_date_straddling_the_window_is_asked_about():
    chat = started("myself", "no", "I reported it")
    reply = chat.say("told the council in May, ref 55112")
    assert chat.asking == "report_date_check" and "26 May 2026" in reply
    chat.say("after")
    assert chat.state["reports"][0]["earliest"] == "2026-05-26"


def test_a_vague_date_wholly_inside_the_window_counts_without_asking():
    chat = started("myself", "no", "I reported it")
    chat.say("Told my SNT in the summer, ref 4410")
    assert chat.state["reports"][0]["earliest"] == "2026-06-01" and chat.asking == "another_report"


def test_a_future_date_is_refused_with_the_reason_and_asked_again():
    chat = started("myself", "no", "I reported it")
    reply = chat.say("I rang the police on 5 December 2026, ref 1234")
    assert "in the future" in reply and chat.asking == "report_date"
    chat.say("sorry, 5 November")
    assert chat.state["reports"][0]["date"] == "2026-11-05"


# -- 6. starting -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("opening", ["Can I apply for the trigger?", "I want to use the community trigger",
                                     "apply community trigger"])
def test_asking_to_apply_starts_the_check_at_once(opening):
    chat = Chat()
    reply = chat.say(opening)
    assert reply.startswith("Yes, let's check") and chat.asking == "danger_now"
    assert reply.count(".") <= 4


@pytest.mark.parametrize("answer", ["Yes", "yes", "yes someone is"])
def test_yes_at_the_danger_question_gives_999_and_goes_no_further_until_they_are_safe(answer):
    # found by hand on the web page: "Yes, someone is in danger" went straight on to "who are you asking for"
    chat = Chat()
    chat.say("greet")
    reply = chat.say(answer)
    assert "call 999" in reply and "press 55" in reply and "Who are you asking for" not in reply
    assert chat.state["paused"] == "danger" and chat.state.get("danger_now") is None
    assert "Is anyone in danger right now?" in chat.say("carry on")
    assert "Who are you asking for" in chat.say("No")


def test_the_story_told_at_the_danger_question_on_landing_is_kept_and_used():
    # the web page asks for the greeting on landing, so the resident's first words answer "is anyone in danger?"
    chat = Chat()
    assert "Is anyone in danger right now?" in chat.say("greet")
    reply = chat.say("the lads on the corner smash bottles every night, I've rung 101 three times since September")
    assert chat.asking == "danger_now" and "Thank you for telling me" in reply
    chat.say("no")
    assert chat.state["first_message"].startswith("The lads on the corner")
    assert chat.state["route"] == "three_reports" and chat.state["danger_now"] is False


def test_an_exclusion_told_at_the_danger_question_is_answered_as_soon_as_it_is_answered():
    chat = Chat()
    chat.say("greet")
    chat.say("it all stopped back in August when they moved out")
    reply = chat.say("no")
    assert chat.state["outcome"] == "not_continuing" and "020 8359 2000" in reply


def test_a_question_at_the_danger_question_is_not_taken_for_a_story():
    chat = Chat()
    chat.say("greet")
    chat.say("what is the community trigger?")
    assert not chat.state.get("held_opening")


# -- 7. length, and the whole way to a reference -------------------------------------------------------------

THREE_REPORTS = [
    "the family next door play loud music every night and shout abuse at us",
    "no",
    "myself",
    "no",
    "I reported it",
    "rang 101 on the 2nd of October, CAD 5521/02OCT, nothing happened",
    "emailed Barnet Homes on 19 October, ref BH-2231, no reply",
    "told environmental health on 5 November, ref ENV-20441, they never came",
    "no that's all",
    "Oak Road, N3 2AB",
    "about a year ago",
    "we can't sleep and the kids are scared",
    "no",
    "yes",
    "Jo Bloggs",
    "jo@example.org",
    "no",
    "yes",
]


def test_a_three_report_application_in_twenty_turns_or_fewer_reaches_a_reference():
    chat = Chat()
    reply = chat.script(*THREE_REPORTS)
    assert "Your reference is CT-2026-00001" in reply, "\n".join(chat.questions)
    assert chat.turns <= 20
    record, decision = chat.saved[0]
    assert decision.eligible and decision.qualifying_reports == 3
    assert [r["organisation_category"] for r in record["reports"]] == ["police", "housing_provider", "council"]
    assert record["applicant"]["email"] == "jo@example.org" and record["applicant"]["preferred_contact"] == "email"


def test_questions_already_answered_by_the_opening_are_not_asked():
    chat = Chat()
    chat.script(*THREE_REPORTS)
    asked = "\n".join(chat.questions)
    assert "Is it still happening?" not in asked          # "every night"
    assert "no action has been taken" not in asked         # every report: nothing happened
    assert "Is that in Barnet?" not in asked               # N3 is in Barnet
    assert "How would you like them to contact you?" not in asked  # only an email was given


# -- safety, stopping, starting again, corrections, saving ------------------------------------------------------

def test_danger_mid_form_gets_999_then_carry_on_asks_the_same_question():
    chat = started("myself", "no", "I reported it")
    reply = chat.say("hang on theyre outside banging on the door right now")
    assert "call 999 now" in reply and chat.asking == "report"
    reply = chat.say("carry on")
    assert "Tell me about the first time" in reply


def test_danger_in_the_first_message_then_no_begins_the_questions():
    chat = Chat()
    assert "call 999" in chat.say("help he has a knife")
    chat.say("no")
    assert chat.state["danger_now"] is False and chat.asking == "applying_for"


def test_stop_then_carry_on_keeps_every_answer():
    chat = started("my mum")
    assert chat.asking == "victim_consent"  # "my mum" says how they know them
    assert "stopped" in chat.say("stop")
    chat.say("carry on")
    assert chat.asking == "victim_consent" and chat.state["applying_for"] == "someone_else"


def test_start_again_asks_first_and_then_clears_everything():
    chat = started("myself", "no")
    assert "clears the answers" in chat.say("start again")
    chat.say("yes")
    assert chat.state.get("applying_for") is None and chat.asking == "danger_now"


def test_capitals_and_stop_words_inside_answers_are_answers():
    chat = started("myself", "no", "I reported it")
    chat.say("Rang the POLICE on 3 Oct, they said STOP calling us")
    assert chat.state.get("paused") != "stopped" and chat.state["report"]["category"] == "police"


def test_a_correction_at_the_summary_changes_only_that():
    chat = Chat()
    chat.script(*THREE_REPORTS[:-1])
    assert chat.asking == "summary_confirmed"
    reply = chat.say("the second report was on the 20th of October")
    assert "I've changed report 2" in reply
    assert chat.state["reports"][1]["date"] == "2026-10-20" and chat.state["reports"][0]["date"] == "2026-10-02"


def test_a_save_that_fails_is_tried_again_and_saved_once():
    chat = Chat(save_fails=1)
    reply = chat.script(*THREE_REPORTS)
    assert "couldn't save your application" in reply and not chat.saved
    reply = chat.say("try again")
    assert "Your reference is CT-2026-00001" in reply and len(chat.saved) == 1
    assert "already saved" in chat.say("hello?")


def test_not_enough_reports_says_what_is_still_needed():
    chat = started("myself", "no", "I reported it")
    chat.script("rang 101 on 2 October, ref 40021", "yes emailed the council on 3 November, ref 60112")
    reply = chat.say("no")
    assert chat.state["outcome"] == "not_enough_reports"
    assert "2 reports" in reply and "101" in reply and "020 8359 2000" in reply


def test_a_report_typed_at_the_reference_question_is_the_next_report_in_order():
    chat = started("myself", "no", "I reported it")
    chat.say("rang the police on 2 October")
    assert chat.asking == "report_details"
    chat.say("I also emailed the council on 3 November, ref 60112")
    assert [r["category"] for r in chat.state["reports"]] == ["police", "council"]
    assert chat.state["reports"][0].get("reference") is None and chat.asking == "another_report"


def test_what_the_first_message_said_survives_a_999_reply():
    chat = Chat()
    reply = chat.say("they're outside my door right now, I've reported it to the council 3 times since September")
    assert "call 999" in reply
    chat.say("no, they've gone now")
    assert chat.state["danger_now"] is False and chat.state["route"] == "three_reports"
    assert chat.state.get("first_message")


def test_them_again_means_the_same_organisation():
    chat = started("myself", "no", "I reported it")
    chat.script("told the council's ASB team on 12 September, ref ASB/26/0912")
    chat.say("then on the 20th of October I rang them again, no ref")
    assert [r["category"] for r in chat.state["reports"]] == ["council", "council"]


def test_yes_to_another_report_asks_for_it():
    chat = started("myself", "no", "I reported it")
    chat.say("rang the police on 2 October, ref 55021")
    reply = chat.say("yes")
    assert chat.asking == "report" and "Tell me about the next time" in reply


def test_fewer_reports_than_said_in_the_opening_are_asked_about_once():
    chat = Chat()
    chat.script("the neighbours are so loud every night, I've rung the police 3 times", "no", "myself", "no")
    chat.say("rang the police on 2 October, ref 55021")
    reply = chat.say("no")
    assert "You said it was reported 3 times" in reply and chat.asking == "another_report"
    chat.say("no, I can't remember them")
    assert chat.state["outcome"] == "first_report"


def test_a_yes_or_no_is_never_an_organisation():
    chat = started("myself", "no", "I reported it")
    chat.say("on the 3rd of October")
    assert chat.asking == "report_organisation"
    chat.say("no")
    assert chat.asking == "report_organisation" and not (chat.state.get("report") or {}).get("organisation")


def test_a_whole_report_told_when_asked_what_kind_of_organisation_is_kept_whole():
    # found by CI's fuzz test: "HOUSING" alone, then the real report in answer to "Is HOUSING the council...?"
    chat = started("myself", "no", "I reported it", "rang 101 on 2 October, ref CAD 4411")
    chat.say("HOUSING")
    assert chat.asking == "report_org_category"
    reply = chat.say("emailed Clarion last week, ref CL-40021, no reply")
    assert "That's 2 reports" in reply and chat.asking == "another_report"
    told = chat.state["reports"][-1]
    assert (told["organisation"], told["category"], told["reference"]) == ("Clarion", "housing_provider", "CL-40021")
    assert told["date"] is not None


def test_reports_confirmed_together_are_not_said_back_one_by_one():
    chat = started("myself", "no", "I reported it")
    chat.say("rang 101 three times in October, on the 3rd, 10th and 17th")
    reply = chat.say("yes")
    assert reply.count("Got it") == 0 and "That's 3 reports" in reply


def test_an_empty_message_is_not_a_wrong_answer():
    chat = started()
    for _ in range(5):
        reply = chat.say("   ")
        assert "Please type your answer" in reply and chat.asking == "applying_for"
    assert not chat.state.get("tries")


def test_one_day_named_twice_is_one_report():
    chat = started("myself", "no", "I reported it")
    chat.say("Reported to 101 this morning, 26/11, CAD 88/26NOV")
    assert chat.asking == "another_report" and len(chat.state["reports"]) == 1


def test_not_stopped_means_still_happening():
    chat = Chat()
    chat.script("the neighbours shout abuse at me", "no", "myself", "no")
    chat.script("rang the police on 2 October, CAD 1/02OCT, nothing happened",
                "emailed Barnet Homes on 19 October, ref BH-2231, no reply",
                "told environmental health on 5 November, ref ENV-20441, they never came", "no",
                "Oak Road, N3 2AB", "a year ago", "I can't sleep", "no")
    assert chat.asking == "problem_continuing"
    chat.say("Not stopped, no", intent="deny", confidence=0.9)
    assert chat.state["problem_continuing"] is True and chat.state.get("outcome") is None


def test_staying_at_my_mums_is_not_applying_for_her():
    chat = Chat()
    chat.say("My car was broken into on Tuesday night outside my house")
    chat.say("No, I'm staying at my mum's this week")
    assert chat.state.get("applying_for") is None


@pytest.mark.parametrize("answer", ["she said just do whatever you think is best", "it was her idea",
                                    "he has given me permission", "yes she wants me to"])
def test_consent_in_the_applicants_words(answer):
    chat = started("for my mum")
    assert chat.asking == "victim_consent"
    chat.say(answer)
    assert chat.state["victim_consent"] is True


@pytest.mark.parametrize("answer", ["i look after her, i'm her carer", "I'm his son", "i support him every day"])
def test_saying_who_they_are_at_the_consent_question_is_heard_and_asked_plainly(answer):
    # a relationship is not consent: the resident is told so and asked again, never "didn't understand"
    chat = Chat()
    chat.say("I'm her carer, the lads next door throw stuff at her windows")
    chat.say("no")
    assert chat.asking == "victim_consent"
    reply = chat.say(answer)
    assert "didn't understand" not in reply and "need to agree" in reply
    assert chat.asking == "victim_consent" and chat.state.get("victim_consent") is None
    chat.say("yes she's happy for me to do it")
    assert chat.state["victim_consent"] is True


def test_what_a_carer_tells_ahead_of_its_question_is_kept_not_lost():
    # typed by hand on 7 December: the police report told at the complaint question was replaced by the one
    # told at the next question, so 3 reports became 2 and she was wrongly told she could not apply
    chat = Chat()
    chat.say("hi i need some help for my mum, the teenagers on her street keep knocking on her door at night and "
             "running off she is 79 and terrified")
    chat.say("no not right now they've gone")
    chat.say("yes she knows and wants me to do it")
    chat.say("Margaret Ellis")
    assert chat.asking == "ongoing_complaint"
    reply = chat.say("she lives at 14 Cedar Road, Finchley N3 2PL")
    assert "didn't understand" not in reply and chat.asking == "ongoing_complaint"
    reply = chat.say("its been going on since about june, most nights they bang the door and shout through the "
                     "letterbox, once they threw eggs at the window")
    assert "didn't understand" not in reply and chat.asking == "ongoing_complaint"
    chat.say("i rang the police on the 101 number in august, they gave me a reference 5521/08/2026")
    chat.say("then i reported it to barnet homes on 3rd september, no reference i dont think")
    chat.say("and the council asb team last month, ref ASB-20931")
    chat.say("thats all")
    reports = chat.state["reports"]
    assert len(reports) == 3, reports
    assert {r.get("reference") for r in reports} >= {"5521/08/2026", "ASB-20931"}
    assert chat.state.get("outcome") is None  # still applying: 3 reports in six months
    assert "Cedar Road" in chat.state["asb_location"] and chat.state.get("in_area") is True
    assert "letterbox" in chat.state["asb_description"] and "knocking" in chat.state["asb_description"]
    assert not any(q.startswith("Where is it happening") for q in chat.questions)


def test_contact_details_given_before_they_are_asked_are_kept():
    chat = started("myself", "no")
    assert chat.asking == "route"
    asking = chat.asking
    reply = chat.say("I'm Sarah Ellis, 07700 900123, text is best")
    assert "didn't understand" not in reply and chat.asking == asking
    assert chat.state["applicant_name"] == "Sarah Ellis" and chat.state["contact_phone"] == "07700 900123"
    assert "text is best" in chat.state["contact_notes"]


@pytest.mark.parametrize("answer", ["I'm her daughter", "I'm not sure what that means", "what do you mean?"])
def test_what_is_not_a_detail_is_not_kept_aside(answer):
    chat = started("myself", "no")
    chat.say(answer)
    assert not chat.state.get("applicant_name") and not chat.state.get("contact_notes")


def test_never_having_reported_it_said_at_another_question_is_heard():
    # typed by hand on 7 December: at "Who are you asking for?" this got "Sorry, I didn't understand that"
    chat = Chat()
    chat.say("the people upstairs are playing loud music till 3am every weekend and i cant take it anymore")
    chat.say("no")
    assert chat.asking == "applying_for"
    chat.say("no i haven't reported it, i didn't know who to tell")
    assert chat.state["outcome"] == "first_report"


def test_eight_of_us_reported_it_is_the_five_people_route():
    # typed by hand on 7 December: said at the "is there also anti-social behaviour?" question, the 8 were lost
    chat = Chat()
    chat.say("There's drug dealing in the stairwell of our block nearly every day")
    chat.say("no one is in danger right now")
    assert chat.asking == "asb_too"
    chat.say("yes, about 8 of us have reported it to the police and the housing association since august")
    assert chat.state["asb_too"] is True and chat.state["route"] == "five_individuals"


def test_the_anti_social_behaviour_told_beside_a_crime_is_kept_and_the_summary_says_whose_application():
    chat = Chat()
    chat.say("Hi, I'm writing on behalf of residents of Elm Court. There's drug dealing in the stairwell nearly "
             "every day")
    chat.say("no one is in danger right now")
    chat.say("yes the dealing and the shouting and people using the stairs as a toilet, it's been reported loads")
    assert "toilet" in chat.state["asb_description"]
    chat.say("I live there too, I'm chair of the residents association")
    assert chat.state["victim_type"] == "community_group"


@pytest.mark.parametrize("answer, month", [("dont know when, maybe in the spring?", "2026-03"),
                                           ("was it august?", "2026-08"), ("last month?", "2026-10")])
def test_a_date_said_as_a_question_is_the_date(answer, month):
    # typed by hand on 7 December: "maybe in the spring?" got "I'm not sure I can answer that here"
    chat = started("me", "no", "not sure, i think i rang the council once")
    assert chat.asking == "report_date"
    reply = chat.say(answer)
    assert "answer that here" not in reply
    assert (chat.state.get("report") or chat.state["reports"][-1])["earliest"].startswith(month)


@pytest.mark.parametrize("answer, victim_type", [
    ("I live there too, I'm chair of the residents association", "community_group"),
    ("I live there as well", "individual"), ("i'm one of them, we all get it", "individual")])
def test_writing_for_residents_one_lives_among_is_applying_for_themselves(answer, victim_type):
    # typed by hand on 7 December: "I live there too, I'm chair of the residents association" was not understood
    chat = Chat()
    chat.say("Hi, I'm writing on behalf of residents of Elm Court. People shout and fight in the stairwell nearly "
             "every night")
    chat.say("no")
    assert chat.asking == "relationship"
    reply = chat.say(answer)
    assert "didn't understand" not in reply
    assert chat.state["applying_for"] == "self" and chat.state["victim_type"] == victim_type
    assert chat.asking != "victim_consent"


def test_whose_behalf_role_and_consent_in_one_answer():
    chat = started()
    chat.say("A client of mine - I'm her support worker and she's asked me to do it")
    # a support worker is a professional acting for her: "other" (PRODUCT.md names carers, family, MPs, councillors)
    assert chat.state["relationship"] == "other" and chat.state["victim_consent"] is True
    assert chat.asking == "victim_name"


@pytest.mark.parametrize("typo, who", [("myslef", "self"), ("someone esle", "someone_else")])
def test_typos_of_answer_words(typo, who):
    chat = started()
    chat.say(typo)
    assert chat.state["applying_for"] == who


def test_a_name_spelt_out_is_the_name():
    chat = started("for my mum", "yes she agrees")
    chat.say("Rivka Goldblatt, spelt G-O-L-D-B-L-A-T-T")
    assert chat.state["victim_name"] == "Rivka Goldblatt"


def test_a_no_said_in_passing_answers_a_yes_no_question():
    chat = Chat()
    chat.say("hello")
    chat.say("Not right now, no. They've gone out. It's usually worse at night.")
    assert chat.state["danger_now"] is False


def test_done_means_no_more_reports_whatever_the_classifier_says():
    chat = started("myself", "no", "I reported it")
    chat.say("rang the police on 2 October, ref 55021")
    chat.say("done", intent="affirm", confidence=0.99)
    assert chat.state.get("reports_done") is True or chat.state.get("count_checked")


def test_no_at_the_open_report_question_means_no_more():
    chat = started("myself", "no", "I reported it")
    chat.script("rang the police on 2 October, ref 55021", "yes")
    assert chat.asking == "report"
    chat.say("no, just that one")
    assert chat.state.get("outcome") == "first_report"


def test_one_month_or_another_is_one_report_with_both_months():
    chat = started("myself", "no", "I reported it")
    chat.say("I rang someone at the council, I think it was September but it might have been October")
    report = chat.state["report"]
    assert (report["earliest"], report["latest"]) == ("2026-09-01", "2026-10-31")


def test_the_victim_is_my_brother():
    chat = started()
    chat.say("the victim is my brother")
    assert chat.state["applying_for"] == "someone_else" and chat.state["relationship"] == "family"


def test_a_complaint_to_professional_standards_in_the_opening():
    chat = Chat()
    reply = chat.say("I complained to police professional standards about how they handled my case and they're "
                     "still looking into it")
    assert chat.state["outcome"] == "ongoing_complaint" and "020 8359 2000" in reply


def test_what_do_you_mean_explains_the_question():
    chat = started("someone else")
    reply = chat.say("Sorry, what do you mean?")
    assert "housing provider" not in reply and chat.asking == "relationship"


def test_five_people_a_name_alone_is_who_reported_it():
    chat = started("myself", "no", "five of us have reported it")
    chat.say("my son")
    assert chat.state["report"]["reporter"] == "my son" and chat.asking == "report_organisation"


def test_what_was_reported_is_not_who_was_told():
    chat = started("myself", "no", "I reported it")
    chat.say("I reported my neighbour to Barnet Homes in the second week of October")
    report = chat.state["report"]
    assert report["category"] == "housing_provider" and (report["earliest"], report["latest"]) == (
        "2026-10-08", "2026-10-14")


def test_a_reading_of_several_reports_said_to_be_wrong_is_not_read_the_same_way_again():
    chat = started("myself", "no", "I reported it")
    chat.say("I told the council on 3 October and the police on 10 October")
    assert chat.asking == "reports_confirm"
    chat.say("no")
    chat.say("I told the council on 3 October and the police on 10 October")
    assert chat.asking != "reports_confirm"


@pytest.mark.parametrize("where", [("myself", "no"), ("myself", "no", "I reported it")])
def test_never_reported_said_later_gets_the_first_report_signposts(where):
    chat = started(*where)
    reply = chat.say("Not yet, this is the first time I've told anyone")
    assert chat.state["outcome"] == "first_report" and "101" in reply and "020 8359 2000" in reply


def test_a_hate_crime_in_the_description_is_signposted_and_asks_about_asb():
    chat = Chat()
    chat.script("hello", "no", "myself", "no", "I reported it", "rang the police on 2 October, CAD 1/02OCT",
                "emailed the council on 9 October, ref 3021", "told Barnet Homes on 12 October, ref BH-2291", "no",
                "nothing happened")
    assert chat.asking == "asb_description"
    reply = chat.say("they shout racist things at me and my children")
    assert "www.report-it.org.uk" in reply and chat.asking == "asb_too"
    reply = chat.say("no")
    assert chat.state["outcome"] == "hate_crime" and not chat.saved


def test_five_people_an_organisation_named_alone_is_who_reported_it():
    chat = started("myself", "no", "five of us have reported it")
    chat.say("the school")
    assert chat.state["report"]["reporter"] == "the school" and chat.asking == "report_organisation"


@pytest.mark.parametrize("said, earliest, latest", [
    ("I called the council between January and December 2025, ref 55021", "2025-01-01", "2025-12-31"),
    ("from August to October I rang the police, ref 55021", "2026-08-01", "2026-10-31"),
])
def test_between_two_dates_is_one_report_over_the_range(said, earliest, latest):
    chat = started("myself", "no", "I reported it")
    chat.say(said)
    report = (chat.state.get("reports") or [chat.state.get("report")])[0]
    assert (report["earliest"], report["latest"]) == (earliest, latest)


def test_last_month_applies_to_bare_days():
    chat = started("myself", "no", "I reported it")
    chat.say("last month on the 9th and the 23rd I reported it to the police")
    chat.say("yes")
    assert [r["date"] for r in chat.state["reports"]] == ["2026-10-09", "2026-10-23"]


def test_a_named_neighbour_who_reported_is_not_who_was_told():
    chat = started("myself", "no", "five of us have reported it")
    chat.say("my neighbour Lorraine emailed the council last week about it as well")
    report = chat.state.get("report") or chat.state["reports"][0]
    assert report["category"] == "council" and report["reporter"] == "my neighbour Lorraine"


def test_several_people_in_one_sentence_are_a_report_each():
    chat = started("myself", "no", "five of us have reported it")
    chat.say("Mrs Ibrahim, Mr and Mrs Lowe, and young Callum at 2a all rang the council in October")
    chat.say("yes")
    # "Mr and Mrs Lowe" rang together: one household, one report
    assert [r["reporter"] for r in chat.state["reports"]] == ["Mrs Ibrahim", "Mr and Mrs Lowe", "young Callum at 2a"]


def test_a_date_after_two_organisations_is_for_both():
    chat = started("myself", "no", "I reported it")
    chat.say("I rang the police and the council in October")
    chat.say("yes")
    assert [r["earliest"] for r in chat.state["reports"]] == ["2026-10-01", "2026-10-01"]


@pytest.mark.parametrize("said, check", [
    ("my name is wrong, it's Elizabeth Barker", lambda s: s["applicant_name"] == "Elizabeth Barker"),
    ("change my preferred contact to email", lambda s: s["preferred_contact"] == "email"),
    ("I also rang the police on 20 November, CAD 77/20NOV", lambda s: len(s["reports"]) == 4),
])
def test_corrections_at_the_summary(said, check):
    chat = Chat()
    chat.script(*THREE_REPORTS[:-1])
    assert chat.asking == "summary_confirmed"
    chat.say(said)
    assert check(chat.state), chat.state


def test_what_to_change_is_never_asked_three_times():
    chat = Chat()
    chat.script(*THREE_REPORTS[:-1])
    for _ in range(4):
        chat.say("change it please")
    asked = chat.questions
    assert all(not (a == b == c) for a, b, c in zip(asked, asked[1:], asked[2:])), asked


def test_where_and_since_when_in_one_answer():
    chat = Chat()
    chat.script(*THREE_REPORTS[:9])
    assert chat.asking == "asb_location"
    chat.say("Granville Road estate, Childs Hill, NW2, since 12/06/2026")
    assert chat.state["asb_location"] == "Granville Road estate, Childs Hill, NW2"
    assert chat.state["asb_since"] == "since 12/06/2026"


@pytest.mark.parametrize("answer, place, since", [
    ("Temple Fortune, the parade on Finchley Road, NW11, for year and a half roughly",
     "Temple Fortune, the parade on Finchley Road, NW11", "for year and a half roughly"),
    ("Oak Road EN5, a year and a half roughly", "Oak Road EN5", "a year and a half roughly"),
    ("Cat Hill EN4 for 2 and a half years", "Cat Hill EN4", "for 2 and a half years"),
    ("Flat 2, 12 Years Court, N3", "Flat 2, 12 Years Court, N3", None),
])
def test_how_long_said_after_the_place_is_since_when(answer, place, since):
    chat = Chat()
    chat.script(*THREE_REPORTS[:9])
    assert chat.asking == "asb_location"
    chat.say(answer)
    assert chat.state["asb_location"] == place and chat.state.get("asb_since") == since
    assert chat.asking != "asb_location"


def test_quiet_now_but_worried_it_will_start_again_is_stopped():
    chat = Chat()
    reply = chat.say("It's been quiet for the last couple of months but I'm worried it will start again, can I still "
                     "apply?", intent="ask_how_long", confidence=0.9)
    assert chat.state["outcome"] == "not_continuing" and "020 8359 2000" in reply
    assert "working days" not in reply  # not the classifier's guess at a question


def test_add_another_report_then_the_report_adds_it():
    chat = Chat()
    chat.script(*THREE_REPORTS[:-1])
    chat.say("add another report")
    chat.say("The Met - 3 Sept - CAD 778/03SEP - no one came")
    assert len(chat.state["reports"]) == 4 and chat.state["reports"][0]["reference"] == "CAD 5521/02OCT"


def test_a_weekday_in_a_week_said_relatively_is_one_report():
    chat = started("myself", "no", "I reported it")
    chat.say("I went to see my housing officer at the office three weeks ago on the Monday, ref 55021")
    report = chat.state.get("report") or chat.state["reports"][0]
    assert report["date"] == "2026-11-02"


def test_the_same_words_after_carry_on_are_an_answer_with_the_999_line():
    chat = started("myself", "no", "I reported it")
    text = "he's outside my door right now shouting"
    assert "call 999 now" in chat.say(text)
    chat.say("carry on")
    reply = chat.say(text)
    assert "call 999" in reply and chat.state.get("paused") is None
    assert "call 999 now" not in reply  # not the pause again


def test_a_blocked_driveway_is_not_being_trapped():
    chat = started("myself", "no")
    chat.say("My neighbour keeps parking his van across my driveway so I can't get out")
    assert chat.state.get("paused") != "danger"


def test_a_complaint_closed_in_the_past_is_not_an_open_complaint_nor_reports():
    chat = started("myself")
    chat.say("I complained to the council in March but they closed it in April, so nothing open now")
    assert chat.state["ongoing_complaint"] is False and not chat.state.get("opening_reports")


def test_a_question_at_the_next_report_question_is_answered():
    chat = started("myself", "no", "I reported it")
    chat.say("rang the police on 2 October, ref 55021")
    reply = chat.say("Sorry - who at the council actually gets to read what I'm typing?")
    assert "I've changed" not in reply and "Community Safety Team" in reply
    assert chat.state["reports"][0]["category"] == "police"


def test_an_open_stage_two_complaint_in_the_opening():
    chat = Chat()
    chat.say("I've got a formal complaint in with Barnet Homes about this already, stage 2, but it's taking forever. "
             "Can I do the trigger as well?")
    assert chat.state["outcome"] == "ongoing_complaint"


def test_quiet_but_it_always_starts_up_again_is_still_happening():
    from bot.dialogue.questions import QUESTIONS, Ctx
    reading = QUESTIONS["problem_continuing"].read(
        "It's been quiet for a couple of weeks but it always starts up again", Ctx({}, POLICY, TODAY, READER))
    assert reading.values == {"problem_continuing": True}


def test_a_group_name_with_a_number_is_a_name():
    from bot.dialogue import answers
    assert answers.read_name("St Mary's Over-60s Lunch Club").name == "St Mary's Over-60s Lunch Club"
    assert answers.read_name("07700 900123").name is None  # a phone number is not a name


def test_the_organiser_of_our_lunch_club_applies_for_a_community_group():
    chat = started("for our lunch club, I'm the organiser")
    assert chat.state["applying_for"] == "self"
    assert chat.state["victim_type"] == "community_group"


@pytest.mark.parametrize("text, notes", [
    ("not that I can think of", "No"), ("nothing really", "No"), ("no, any time is fine", "No"),
    ("no voicemails please", "no voicemails please"), ("only text me after 6", "only text me after 6"),
])
def test_nothing_to_add_about_contacting_safely_is_no(text, notes):
    from bot.dialogue.questions import QUESTIONS, Ctx
    assert QUESTIONS["contact_notes"].read(text, Ctx({}, POLICY, TODAY, READER)).values == {"contact_notes": notes}


@pytest.mark.parametrize("answer, victim_type", [
    ("For my business", "business"), ("For my community group", "community_group"),
    ("It's a shop, a small family-run newsagent on Watling Avenue", "business"),
    ("Business. I own the launderette on Ballards Lane, there are 3 of us working there", "business"),
    ("the bowls club", "community_group"), ("the gurdwara", "community_group"),
    ("It's my family - me, my husband and the kids", "individual"), ("For myself", "individual"),
])
def test_the_first_question_finds_out_a_business_or_a_group_too(answer, victim_type):
    chat = started(answer)
    assert (chat.state["applying_for"], chat.state["victim_type"]) == ("self", victim_type)
    assert chat.state["asking"] == "ongoing_complaint"


def test_a_question_about_which_kind_counts_is_not_taken_for_the_answer():
    chat = started("the food bank we run out of the church - is that a business?")
    assert chat.state.get("victim_type") is None


@pytest.mark.parametrize("answer", ["Not this second. But I never feel safe, not ever.", "not right now",
                                    "not at the moment, they've gone out"])
def test_not_at_this_moment_is_no_one_in_danger_now(answer):
    chat = Chat()
    chat.say("hello")
    chat.say(answer)
    assert chat.state["danger_now"] is False and chat.state["asking"] == "applying_for"


def test_not_knowing_what_contacting_safely_means_is_explained_not_saved():
    from bot.dialogue.questions import QUESTIONS, Ctx
    reading = QUESTIONS["contact_notes"].read("don't know what you mean by that", Ctx({}, POLICY, TODAY, READER))
    assert not getattr(reading, "values", None)


def test_a_question_in_the_opening_is_not_the_description_of_the_problem():
    chat = Chat()
    chat.say("If I fill this in does my name get passed on to the people next door? They would make my life hell")
    assert not chat.state.get("first_message")
    chat = Chat()
    chat.say("Is there a time limit? The family upstairs have been stamping and blasting music every night since "
             "June and I can't sleep.")
    assert chat.state["first_message"].startswith("The family upstairs")


def test_a_hate_crime_that_keeps_happening_asks_whether_there_is_anti_social_behaviour_too():
    chat = Chat()
    reply = chat.say("people keep pulling my hijab and spitting at me near the bus stop in Colindale, twice this month")
    assert "hate crime" in reply and "101" in reply
    for line in ("no", "for myself"):
        chat.say(line)
    assert chat.asking == "asb_too"
    reply = chat.say("no")
    assert chat.state["outcome"] == "hate_crime"
    assert "isn't the way to deal with a hate crime" in reply and "0 reports" not in reply
    assert "www.report-it.org.uk" in reply and "101" in reply


@pytest.mark.parametrize("text, nothing", [("no that's all", None), ("nothing happened", True), ("no", True),
                                           ("no, they never rang back, that's all", True)])
def test_no_thats_all_is_not_taken_for_nothing_happened(text, nothing):
    from bot.dialogue.questions import QUESTIONS, Ctx
    reading = QUESTIONS["reports_outcome"].read(text, Ctx({}, POLICY, TODAY, READER))
    assert (getattr(reading, "values", None) or {}).get("_nothing") is nothing


def _at_impact() -> Chat:
    chat = started("for myself", "no", "I reported it", "rang the police on 3 November, ref 1234567",
                   "rang the council on 10 November, ref ASB/123", "rang Barnet Homes on 20 November", "no",
                   "nothing happened", "loud music every night from the flat upstairs", "Oak Road, Burnt Oak HA8, since June")
    assert chat.asking == "asb_impact", chat.asking
    return chat


def test_an_answer_with_a_question_after_it_is_taken_and_the_question_answered():
    chat = _at_impact()
    reply = chat.say("Terrible. I can't sleep. Also, do you know if the council tax office is open on Saturdays?")
    assert chat.state["asb_impact"].startswith("Terrible")
    assert "020 8359 2000" in reply and chat.asking != "asb_impact"


def test_the_same_question_typed_again_and_again_does_not_loop():
    chat = _at_impact()
    for _ in range(6):
        chat.say("Is the council tax office open on Saturdays?")
        if chat.asking != "asb_impact":
            break
    assert chat.asking != "asb_impact"


def test_on_the_9th_at_the_summary_is_a_date_not_report_9():
    from bot.dialogue.corrections import _explicit_target
    reports = [{}, {}, {}]
    assert _explicit_target("last month on the 9th and the 23rd I reported it to the police", reports) is None
    assert _explicit_target("the second one was on the 4th", reports) == 1


def test_which_report_is_meant_is_not_asked_again_and_again():
    chat = Chat()
    chat.script(*THREE_REPORTS[:-1])
    chat.say("I also rang the police on 20 November, CAD 77/20NOV")
    replies = [chat.say("the police one is wrong") for _ in range(3)]
    assert "Which one do you mean" in replies[0]
    assert replies[1] != replies[0] and chat.asking == "summary_confirmed"


def _two_vague_police_reports(answer: str) -> Chat:
    chat = started("for myself", "no", "my own reports",
                   "I phoned the police that night, don't know the date, about 3 months ago", "No reference",
                   "rang the council on 9/9/26", "yes")
    reply = chat.say("I told the police sometime between 19 August and 2 September")
    assert "Is that the same report as report 1" in reply
    chat.say(answer)
    return chat


def test_a_report_told_again_is_kept_once_with_the_more_exact_dates():
    chat = _two_vague_police_reports("yes the same one")
    assert len(chat.state["reports"]) == 2
    assert (chat.state["reports"][0]["earliest"], chat.state["reports"][0]["latest"]) == ("2026-08-19", "2026-09-02")


def test_a_different_report_with_overlapping_vague_dates_is_kept_as_another():
    chat = _two_vague_police_reports("no, that was a different time")
    assert len(chat.state["reports"]) == 3


def test_an_exact_date_inside_a_vague_report_is_not_asked_about():
    chat = started("for myself", "no", "my own reports",
                   "I phoned the police that night, don't know the date, about 3 months ago", "No reference")
    reply = chat.say("rang metropolitan police on 9/9/26")
    assert "same report" not in reply and len(chat.state["reports"]) == 2


def test_agreed_verbally_is_consent():
    from bot.dialogue.questions import QUESTIONS, Ctx
    reading = QUESTIONS["victim_consent"].read("She agreed verbally, there's nothing in writing",
                                               Ctx({}, POLICY, TODAY, READER))
    assert reading.values == {"victim_consent": True}


@pytest.mark.parametrize("opening, crime", [
    ("Two boys on bikes snatched my phone outside Brent Cross last week, can you do something?", True),
    ("they nicked my bike from the shed", True),
    ("My son's bike was nicked from our front garden yesterday", True),
    ("someone nicked my son's scooter", True),
    ("someone sawed the catalytic converter off my car outside the flats on Gervase Road last night", True),
    ("my van got broken into again on Tuesday", True),
    ("the neighbours took my parking space again", False),
])
def test_a_theft_in_the_opening_is_a_crime(opening, crime):
    chat = Chat()
    reply = chat.say(opening)
    assert ("sounds like a crime" in reply) is crime


@pytest.mark.parametrize("text, value", [("ys fine", True), ("yse correct", True), ("sadly yes", True)])
def test_yes_typed_quickly_or_sadly_is_yes(text, value):
    from bot.dialogue import answers
    assert answers.yes_no_loose(text) is value


@pytest.mark.parametrize("text, relationship", [
    ("neighbour", "other"), ("im her key worker at the hostel", "other"),
    ("I'm not related, I'm a volunteer from the befriending service", "other"), ("her grandaughter", "family"),
])
def test_how_the_applicant_knows_them(text, relationship):
    from bot.dialogue import answers
    assert answers.relationship_of(text) == relationship


def test_the_same_report_said_twice_is_asked_about_not_counted_twice():
    chat = started("for myself", "no", "my own reports", "rang the council on 2 October, no reference")
    line = "I reported it to the police and they gave me a number, 4417, I think the call was on the 9th of November"
    chat.say(line)
    reply = chat.say(line)
    assert "Is that the same report as report 2" in reply
    chat.say("yes")
    assert len(chat.state["reports"]) == 2


@pytest.mark.parametrize("text, value", [
    ("no, they did send a letter but it didn't help", False),
    ("yes, they sent a letter once but nothing changed", True),
    ("nothing has been done", True),
])
def test_no_action_taken_reads_the_answer_said_first(text, value):
    from bot.dialogue.questions import QUESTIONS, Ctx
    assert QUESTIONS["no_action_taken"].read(text, Ctx({}, POLICY, TODAY, READER)).values == {"no_action_taken": value}


@pytest.mark.parametrize("text", ["No, nobody has done a thing", "no they haven't done anything", "No, nothing at all",
                                  "none whatsoever", "None", "not a single thing"])
def test_no_nobody_has_done_anything_is_no_action(text):
    from bot.dialogue.questions import QUESTIONS, Ctx
    assert QUESTIONS["no_action_taken"].read(text, Ctx({}, POLICY, TODAY, READER)).values == {"no_action_taken": True}


@pytest.mark.parametrize("answer, route", [("5+ people", "five_individuals"), ("five+", "five_individuals"),
                                           ("at least six of us", "five_individuals"),
                                           ("I've reported it over 5 times", "three_reports"),
                                           ("me, 10+ times", "three_reports"),
                                           ("mostly me, my daughter did one of them for me", "three_reports"),
                                           ("mainly us", "three_reports")])
def test_route_read_from_numbers_with_a_plus(answer, route):
    chat = started("myself", "no", answer)
    assert chat.state["route"] == route


def test_several_reports_told_again_after_a_wrong_read_back_are_all_kept():
    chat = started("myself", "no", "I reported it")
    three = ("First time was 6 weeks ago to environmental health, then the police on 26 October, then "
             "environmental health again last Friday")
    chat.say(three)
    assert chat.asking == "reports_confirm"
    chat.say("no")  # "Let's take them one at a time" ... and they tell all three again
    reply = chat.say(three)
    if chat.asking == "report_details":  # a reference is asked for the first report
        reply = chat.say("no")
    assert "That's 3 reports" in reply
    assert [r["date"] for r in chat.state["reports"]] == ["2026-10-15", "2026-10-26", "2026-11-20"]


@pytest.mark.parametrize("text, value", [("not finished, no", True), ("it's not over", True),
                                         ("no, it's finished now", False), ("it has stopped", False)])
def test_still_happening_read_from_not_finished(text, value):
    from bot.dialogue.questions import QUESTIONS, Ctx
    assert QUESTIONS["problem_continuing"].read(text, Ctx({}, POLICY, TODAY, READER)).values == {
        "problem_continuing": value}


def test_a_finished_complaint_is_not_kept_as_a_report():
    chat = started("myself", "I did complain to Barnet Homes last year but that's finished")
    assert chat.state["ongoing_complaint"] is False and not chat.state.get("opening_reports")
    chat.say("just me")
    chat.say("rang the council ASB line on 9 Sept, Mr Mensah called back and said he'd write to them")
    assert [r["category"] for r in chat.state.get("reports") or [chat.state["report"]]] == ["council"]


def test_stopped_in_the_description_is_newer_than_still_happening_in_the_opening():
    from bot.dialogue.questions import QUESTIONS, Ctx
    reading = QUESTIONS["asb_description"].read("quad bikes on the playing fields. It has stopped now.",
                                                Ctx({"problem_continuing": True}, POLICY, TODAY, READER))
    assert reading.values["problem_continuing"] is False


@pytest.mark.parametrize("slot, text, values", [
    ("danger_now", "nio", {"danger_now": False}),
    ("ongoing_complaint", "Don't think so", {"ongoing_complaint": False}),
    ("consent_to_share", "do it", {"consent_to_share": True}),
    ("preferred_contact", "texts", {"preferred_contact": "text"}),
    ("victim_consent", "not asked", {"victim_consent": False}),
    ("asb_impact", "can't relax at all. sorry my tea's gone cold lol",
     {"asb_impact": "can't relax at all. sorry my tea's gone cold lol"}),
    ("victim_name", "Zoltán Horváth - with accents on the a's", {"victim_name": "Zoltán Horváth"}),
    ("contact", "fergus dot mcbride at example dot com",
     {"contact_email": "fergus.mcbride@example.com", "contact": "given"}),
])
def test_answers_residents_gave_that_were_asked_again(slot, text, values):
    """Each was asked a second time in a simulator run on held-out phrasings."""
    from bot.dialogue.questions import QUESTIONS, Ctx
    assert QUESTIONS[slot].read(text, Ctx({"applying_for": "self"}, POLICY, TODAY, READER)).values == values


def test_for_my_stepson_is_someone_else():
    from bot.dialogue.questions import QUESTIONS, Ctx
    values = QUESTIONS["applying_for"].read("for my stepson", Ctx({}, POLICY, TODAY, READER)).values
    assert values["applying_for"] == "someone_else" and values["relationship"] == "family"


def test_a_private_let_is_a_private_landlord():
    from bot.dialogue.reports import read_reports
    told = read_reports("the landlord - it's a private let", TODAY, READER)
    assert [(r.category, r.say) for r in told.reports] == [("other", "your private landlord")]


@pytest.mark.parametrize("outcome", ["They told me to keep a diary", "Told me it was a civil matter",
                                     "Got an automated email and that was it", "no further action",
                                     "They said it's not ASB because it's 'normal living noise'"])
def test_advice_or_an_acknowledgement_is_no_action_so_it_is_not_asked(outcome):
    chat = started("myself", "no", "I reported it")
    chat.script("rang 101 on 3 Oct, ref CAD 4411/03OCT", "emailed the council on 10 October, ref 66121",
                "told Barnet Homes on 1 November ref BH-12345", "no")
    assert chat.asking == "reports_outcome"
    chat.say(outcome)
    assert chat.state.get("no_action_taken") is True


@pytest.mark.parametrize("name, kind", [("Mrs Kyriaki Ioannou", "individual"), ("Friends of Oak Hill Park", "community_group"),
                                        ("Tesco Express", None), ("Agata Nowicka", None)])
def test_the_victims_type_is_taken_from_their_name_only_when_plain(name, kind):
    from bot.dialogue.questions import QUESTIONS, Ctx
    values = QUESTIONS["victim_name"].read(name, Ctx({"applying_for": "someone_else"}, POLICY, TODAY, READER)).values
    assert values.get("victim_type") == kind


def test_applying_for_someone_else_my_daughter_is_the_applicants_daughter():
    from bot.dialogue.conversation import report_record
    record = report_record({"organisation": "the police", "reporter": "my daughter"}, {"applying_for": "someone_else"})
    assert record["reporter"] == "the applicant's daughter"
    assert report_record({"reporter": "my daughter"}, {"applying_for": "self"})["reporter"] == "my daughter"


def test_reports_told_as_the_answer_to_the_route_question_are_kept():
    chat = started("myself", "no")
    assert chat.asking == "route"
    chat.say("I rang the police on the 4th of October and again on 1 November, and emailed Barnet Homes last week")
    assert chat.state["route"] == "three_reports"
    assert chat.asking == "reports_confirm"  # the three are said back, not asked for again


def test_a_resident_who_cannot_remember_any_report_is_not_asked_forever():
    chat = started("myself", "no", "I reported it")
    replies = [chat.say(text) for text in ("not sure, I can't remember", "I don't know", "no idea sorry")]
    assert "say \"carry on\"" in replies[-1] and "020 8359 2000" in replies[-1]
    assert "Tell me about" not in replies[-1]  # it stops asking, and keeps the answers
    assert chat.state["applying_for"] == "self"
    chat.say("carry on")
    chat.say("rang the police on 3 November")
    assert chat.state["report"]["date"] == "2026-11-03"


def test_a_summary_with_counts_at_the_route_question_is_not_itemised_wrongly():
    chat = started("myself", "no", "Me - 3 times to the police and twice to Barnet Homes since the summer")
    assert chat.state["route"] == "three_reports" and chat.asking == "report"  # each asked for, none invented


# -- held-out phrasings (holdout2): answers as residents type them -------------------------------------------

@pytest.mark.parametrize("answer", ["all good at the mo", "we're fine", "safe atm thanks",
                                    "I am not in any immediate danger, thank you."])
def test_safe_said_in_other_words_answers_the_danger_question(answer):
    chat = Chat()
    chat.say("the kids upstairs are so loud")
    chat.say(answer)
    assert chat.state.get("danger_now") is False and chat.asking == "applying_for"


def test_a_window_put_through_now_is_danger_and_gets_999():
    chat = Chat()
    chat.say("noise from next door")
    reply = chat.say("omg glass everywhere theyve put the window through")
    assert "call 999 now" in reply and chat.asking == "danger_now"


def test_a_stage_one_complaint_said_briefly_is_an_open_complaint():
    chat = started("me")
    reply = chat.say("yh stage 1 with barnet homes")
    assert chat.state.get("ongoing_complaint") is True and "020 8359 2000" in reply


def test_a_question_asked_instead_of_a_reference_is_not_the_reference():
    chat = started("me", "no", "I reported it", "Sent an email to Habinteg, who manage my flat, on 2 Oct")
    chat.say("whats the difference between this and ringing 101")
    assert not (chat.state.get("report") or {}).get("reference")
    assert not any(r.get("reference") for r in chat.state.get("reports") or [])


def test_five_neighbours_with_a_typo_is_the_five_people_route_and_no_report():
    chat = started("me", "no")
    chat.say("5 neigbours")
    assert chat.state.get("route") == "five_individuals"
    assert not chat.state.get("reports") and not (chat.state.get("report") or {}).get("organisation")


@pytest.mark.parametrize("answer, name", [
    ("stephen farrow, email me, its ifeoma dot n at example dot org", "Stephen Farrow"),
    ("its Ifeoma, Ifeoma Nwachukwu, umm can i give my sons number instead? 07700 900552", "Ifeoma Nwachukwu"),
    ("Naomi Feld. does the council shut at 5?, +44 7700 900 640", "Naomi Feld"),
])
def test_the_name_among_talk_about_contact(answer, name):
    from bot.dialogue.questions import _read_name_and_contact
    reading = _read_name_and_contact(answer, _ctx())
    assert reading.values["applicant_name"] == name and reading.values["contact"] == "given"


def test_a_residents_association_is_their_own_group_not_a_resident_they_help():
    chat = started()
    chat.say("residents association")
    assert chat.state["applying_for"] == "self" and chat.state["victim_type"] == "community_group"


def test_a_question_back_at_whose_behalf_is_not_an_answer():
    chat = started()
    chat.say("will he know it was me")
    assert chat.state.get("applying_for") is None and chat.asking == "applying_for"


def test_me_at_how_do_you_know_them_means_it_is_for_themselves():
    chat = started("someone else")
    assert chat.asking == "relationship"
    chat.say("me")
    assert chat.state["applying_for"] == "self" and chat.asking == "ongoing_complaint"


def test_a_smashed_car_window_is_a_crime_signposted_to_the_police():
    chat = Chat()
    reply = chat.say("he smashed my car window on the 14th, he's been remanded")
    assert "101" in reply


def test_a_finished_complaint_with_its_month_is_not_a_report():
    chat = started("me")
    reply = chat.say("There was one but it finished in September, they upheld part of it, so no")
    assert chat.state["ongoing_complaint"] is False and "you can still apply" in reply
    chat.say("I reported it")
    assert chat.asking == "report" and not chat.state.get("report")


@pytest.mark.parametrize("back", ["Sorry about that. I'm ok, we can continue", "ok I'm safe now, carry on",
                                  "its ok now hes gone. carry on"])
def test_back_after_999_in_more_words_carries_on_and_is_not_an_answer(back):
    chat = started("me", "no", "the 5 people one")
    chat.say("theyre banging on my door now")
    reply = chat.say(back)
    assert "carry on" in reply.lower() and chat.asking == "report" and not chat.state.get("report")


def test_no_more_is_not_the_name_of_who_reported():
    chat = started("me", "no", "the 5 people one", "the council on 2 Nov", "no")
    assert chat.asking == "report_reporter"
    chat.say("dont think theres any more")
    assert chat.asking == "report_reporter" and not (chat.state.get("report") or {}).get("reporter")


@pytest.mark.parametrize("answer, continuing", [
    ("Stopped in September when the lads went off to college, but I bet it starts again at Christmas", False),
    ("it's still going on and I bet it gets worse", True),
    ("yes, again last night", True),
])
def test_still_happening_read_from_what_is_happening_not_what_is_feared(answer, continuing):
    from bot.dialogue.questions import _read_continuing
    reading = _read_continuing(answer, _ctx())
    assert reading.values["problem_continuing"] is continuing


def test_a_question_after_sorry_is_not_who_reported():
    chat = started("me", "no", "the 5 people one", "the council on 2 Nov", "no")
    assert chat.asking == "report_reporter"
    chat.say("sorry what does ASB case review mean")
    assert not (chat.state.get("report") or {}).get("reporter")


def test_stopped_typed_with_one_p_has_stopped():
    from bot.dialogue.facts import read_facts
    assert read_facts("harrasing my daughter on her way home. its stoped for now", POLICY).stopped


def test_myself_with_a_typo_answers_whose_behalf():
    chat = started()
    chat.say("mysef")
    assert chat.state["applying_for"] == "self"


def _to_contact_notes(chat: Chat) -> str:
    chat.script("the kids upstairs are loud every night", "no", "me", "no", "I reported it", "rang 101 on 3 November", "no", "rang the council on 10 November",
                "emailed barnet homes on 14 November", "no", "nothing happened", "Mays Lane, EN5, since June",
                "can't sleep", "no", "yes")
    return chat.say("Jo Bloggs 07700 900123")


@pytest.mark.parametrize("answer, method, notes", [
    ("No", "phone", "No"),
    ("Text me instead", "text", "No"),
    ("text me instead, not after 8pm", "text", "text me instead, not after 8pm"),
    ("don't text, he reads my messages", "phone", "don't text, he reads my messages"),
])
def test_only_a_phone_given_a_call_is_assumed_and_a_text_offered_with_the_notes(answer, method, notes):
    chat = Chat()
    reply = _to_contact_notes(chat)
    assert "They'll phone you on 07700 900123" in reply and "text you instead" in reply
    assert "Text me instead" in chat.last_buttons
    assert not any("How would you like them to contact you" in q for q in chat.questions)
    chat.say(answer)
    assert chat.state["preferred_contact"] == method and chat.state["contact_notes"] == notes
    assert chat.asking == "summary_confirmed"


@pytest.mark.parametrize("answer, no_action", [
    ("they did put cameras up so not nothing", False),
    ("Feels like it, yes. I just keep getting passed around", True),
])
def test_no_action_read_as_said(answer, no_action):
    from bot.dialogue.questions import _read_no_action
    reading = _read_no_action(answer, _ctx())
    assert reading.values["no_action_taken"] is no_action


def test_a_complaint_at_stage_one_in_the_opening_is_answered_at_once():
    chat = Chat()
    reply = chat.say("my complaint to clarion is at stage 1, they said 10 working days and its been 5 weeks")
    assert "complaint about this is still being dealt with" in reply and "020 8359 2000" in reply


def test_taking_a_vulnerable_persons_food_is_theft():
    from bot.dialogue.facts import read_facts
    assert read_facts("the man upstairs keeps coming down and taking her food", POLICY).crime == "crime"


def test_one_of_the_ward_councillors_is_a_councillor_not_themselves():
    chat = started("its on behalf of somebody")
    chat.say("I'm one of the ward councillors for Colindale South, he raised it at my surgery")
    assert chat.state["applying_for"] == "someone_else" and chat.state["relationship"] == "councillor"


def test_their_own_name_among_other_peoples_names():
    from bot.dialogue.questions import _read_name_and_contact
    ctx = _ctx()
    reading = _read_name_and_contact("Mine or his? I'm Leon Baptiste, he's Winston, Office line 020 7946 0558, it's "
                                     "the constituency office, ask for the casework team", ctx)
    assert reading.values["applicant_name"] == "Leon Baptiste"
    assert _read_name_and_contact("I'm Jo Bloggs, my mum is Mary Ann Smith, 07700 900123",
                                  ctx).values["applicant_name"] == "Jo Bloggs"


def test_my_name_is_among_talk_about_someone_elses_number():
    from bot.dialogue.questions import _read_name_and_contact
    reading = _read_name_and_contact("my name is jamal ahmed, Use my daughter's number, 07700 900345, I don't have a "
                                     "mobile", _ctx())
    assert reading.values["applicant_name"] == "Jamal Ahmed"


def test_everyone_has_rung_the_council_at_the_route_question_is_the_route_not_a_report():
    chat = started("me", "no")
    chat.say("The second one - our whole block is sick of it and everyone has rung the council")
    assert chat.state["route"] == "five_individuals" and chat.asking == "report" and not chat.state.get("report")


def test_a_count_in_the_opening_is_a_hint_and_each_report_is_asked_once():
    chat = Chat()
    chat.say("the neighbours are so loud, I've reported it to the police about 3 times since september")
    chat.script("no", "me", "no")
    assert chat.asking == "report" and not chat.state.get("reports") and not chat.state.get("report")


def test_my_friend_whose_kids_are_shouted_at_is_a_friend():
    from bot.dialogue.answers import relationship_of
    assert relationship_of("my friend hodan doesnt speak much english so im doing this with her, the men in the flat "
                           "next to hers shout at her kids") == "friend"


def test_the_police_out_three_times_this_autumn_is_a_count_not_three_reports():
    chat = Chat()
    chat.say("Am I allowed to use the Community Trigger? I've had the police out three times this autumn.")
    chat.script("no", "myself", "no", "Only me as far as I know")
    assert chat.asking == "report" and not chat.state.get("reports") and not chat.state.get("confirming")


def test_a_shop_owner_in_the_opening_is_not_asked_whose_behalf():
    chat = Chat()
    chat.say("i run the corner shop on station road and kids keep coming in and threatening my staff")
    chat.say("no")
    assert chat.state["applying_for"] == "self" and chat.state["victim_type"] == "business"
    assert chat.asking == "ongoing_complaint"


def _count_then(*details):
    chat = Chat()
    chat.say("I want to apply for the community trigger")
    chat.script("no", "me", "no", "just me", "I've rung the police about 3 times since September", "yes")
    for d in details:
        chat.say(d)
    return chat


def test_a_report_told_after_a_count_is_asked_about_and_fills_one_of_the_times_not_a_fourth():
    chat = _count_then("the first was 101 on 3 October, ref 4455")
    assert chat.asking == "report_same" and "one of the times you told me about" in chat.questions[-1]
    chat.script("yes", "and on 2 November I rang them again", "yes, one of those")
    reports = chat.state["reports"]
    assert len(reports) == 3
    assert [r["date"] for r in reports[:2]] == ["2026-10-03", "2026-11-02"]
    assert reports[0]["reference"] == "4455" and not reports[0].get("approximate")
    assert reports[2].get("counted") and reports[2]["approximate"]


def test_another_time_after_a_count_is_a_report_of_its_own():
    chat = _count_then("I also emailed the police on 3 October", "no, another time")
    assert len(chat.state["reports"]) == 4 and sum(1 for r in chat.state["reports"] if r.get("counted")) == 3


def test_a_report_outside_the_counted_dates_is_a_report_of_its_own():
    chat = _count_then("I also emailed the council on 3 October", "and I rang 101 back in July")
    reports = chat.state["reports"]
    assert len(reports) == 5
    assert sum(1 for r in reports if r.get("counted")) == 3


def test_the_last_of_a_count_told_in_the_same_message_is_not_taken_for_one_of_the_others():
    chat = Chat()
    chat.say("I want to apply for the community trigger")
    chat.script("no", "me", "no", "just me", "I've rung the police about 3 times since September, most recently "
                "last night", "yes")
    assert len(chat.state["reports"]) == 3
    chat.script("the first was 101 on 3 October", "yes")
    assert len(chat.state["reports"]) == 3
    assert chat.state["reports"][0]["date"] == "2026-10-03"


def test_reports_in_a_year_long_ago_are_kept_as_that_year_and_said_back_plainly():
    chat = Chat()
    chat.say("I want to apply for the community trigger")
    chat.script("no", "me", "no", "just me")
    reply = chat.say("reported it to the police and the council in about 2023")
    reply += chat.say("yes")
    assert [(r["earliest"], r["latest"]) for r in chat.state["reports"]] == [("2023-01-01", "2023-12-31")] * 2
    assert "sometime in 2023" in reply and "doesn't count" in reply


@pytest.mark.parametrize("opening, described", [
    ("Dear Sir/Madam, I wish to invoke the Community Trigger in respect of persistent anti-social behaviour at the "
     "property adjoining mine.", False),
    ("the neighbours upstairs are a nightmare, asb all the time", False),
    ("kids keep kicking footballs at my windows every night", True),
    ("loud music from next door every night until 4am", True),
])
def test_an_opening_that_only_says_there_is_asb_does_not_answer_what_is_happening(opening, described):
    from bot.dialogue.questions import says_what_happens
    assert says_what_happens(opening) is described


@pytest.mark.parametrize("answer, relationship", [("Not sure what you'd call it - I'm her lodger", "other"),
                                                  ("she's my flatmate", "other"), ("my godmother", "family"),
                                                  ("he's a client of mine", "other")])
def test_someone_they_live_or_work_with_is_not_family(answer, relationship):
    chat = Chat()
    chat.script("hello", "no", "someone else")
    chat.say(answer)
    assert chat.state["relationship"] == relationship


@pytest.mark.parametrize("outcome, asked", [
    ("he got an acceptable behaviour contract", True),
    ("they did a joint visit with the police but nothing changed", True),
    ("They put CCTV up in the stairwell in September, but it's still happening", True),
    ("nothing, they never rang back", False),
    ("zilch", False),
])
def test_when_something_was_done_the_resident_is_asked_whether_they_feel_no_action_was_taken(outcome, asked):
    chat = Chat()
    chat.script("I want to apply for the community trigger", "no", "me", "no", "just me",
                "Reported to the police: 03/09/2026 CAD 0412/03SEP; 17/09/2026 CAD 3390/17SEP; 01/10/2026 no ref",
                "yes", "no", outcome, "kids on bikes harassing people outside my flat every night, still going on",
                "Oak Road EN5, since last summer", "can't sleep", "no")
    assert (chat.asking == "no_action_taken") is asked
    assert chat.state.get("no_action_taken") is (None if asked else True)


@pytest.mark.parametrize("worry", ["I don't want my name going to the police",
                                   "I don't want the neighbours to know it was me"])
def test_a_privacy_worry_at_the_complaint_question_is_answered_not_taken_for_reports(worry):
    chat = Chat()
    chat.script("We're safe, nobody's hurt, I just want some advice", "no", "myself")
    assert chat.asking == "ongoing_complaint"
    reply = chat.say(worry)
    assert "not shared with the people you are complaining about" in reply
    assert chat.asking == "ongoing_complaint" and chat.state.get("ongoing_complaint") is None
    assert not chat.state.get("opening_reports") and not chat.state.get("report")


def test_a_complaint_closed_in_the_opening_is_not_asked_about_and_its_closing_date_is_not_a_report():
    chat = Chat()
    chat.script("Barnet Homes closed my complaint last month saying it was resolved, but it's still happening. So "
                "now I'd like to try the trigger.", "no", "me")
    assert chat.state["ongoing_complaint"] is False and chat.asking == "route"
    chat.say("just me")
    assert chat.asking == "report" and not chat.state.get("reports") and not chat.state.get("report")


@pytest.mark.parametrize("text", ["they closed my complaint but I've appealed it", "my complaint was rejected so "
                                  "I've put in a stage 2 complaint"])
def test_a_closed_complaint_taken_further_is_not_closed(text):
    from bot.dialogue.facts import read_facts
    assert not read_facts(text, POLICY).complaint_closed


def test_a_question_about_reports_at_the_complaint_question_is_answered_not_taken_for_a_report():
    chat = Chat()
    chat.script("What counts as anti-social behaviour? Is someone parking across my drive ASB?", "no", "myself")
    reply = chat.say("Does it count if I told my MP about it?")
    assert "don't count" in reply and chat.asking == "ongoing_complaint"
    assert not chat.state.get("opening_reports") and chat.state.get("ongoing_complaint") is None


@pytest.mark.parametrize("answer", ["me and my wife", "us and the kids", "me & my husband"])
def test_me_and_my_family_at_the_relationship_question_is_applying_for_themselves(answer):
    chat = Chat()
    chat.script("someone keeps parking in the bay and gets aggressive", "no", "someone else")
    assert chat.asking == "relationship"
    chat.say(answer)
    assert chat.state["applying_for"] == "self"


def test_a_privacy_worry_while_telling_reports_is_answered_not_taken_for_a_report():
    chat = started("myself", "no", "I reported it")
    chat.say("I emailed Catalyst (now Peabody) on 22 Sept")
    reply = chat.say("I don't want my name going to the police")
    assert "not shared with the people you are complaining about" in reply
    told = (chat.state.get("reports") or []) + ([chat.state["report"]] if chat.state.get("report") else [])
    assert [(r["organisation"], r.get("person")) for r in told] == [("Peabody", None)]


@pytest.mark.parametrize("opening, applying_for", [
    ("my neighbour keeps parking in my bay and gets aggressive when I ask him to move", None),
    ("my neighbour keeps playing loud music till 3am", None),
    ("my neighbour is being harassed by kids on the estate", "someone_else"),
    ("my elderly neighbour is terrified of the lads outside", "someone_else"),
])
def test_a_neighbour_in_the_opening_is_whose_behalf_only_when_it_happens_to_them(opening, applying_for):
    from bot.dialogue.facts import read_facts
    assert read_facts(opening, POLICY).applying_for == applying_for


def test_add_another_report_at_the_summary_asks_for_it_and_adds_it_however_it_is_told():
    chat = Chat()
    chat.script("loud music every night from next door", "no", "me", "no", "just me",
                "rang the police on 8 November, ref 4455", "emailed the council on 12/10", "told Barnet Homes on 3 November",
                "no", "nothing happened", "Oak Road N3, since last summer", "can't sleep", "no", "yes",
                "Jo Bloggs 07700900123", "no")
    assert chat.asking == "summary_confirmed"
    reply = chat.say("add another report")
    assert "Tell me about the report to add" in reply and "Is everything correct?" not in reply
    reply = chat.say("101 gave me incident number 5563 of 14/10")
    assert "I've added report 4: the police, Wednesday 14 October 2026" in reply
    assert chat.state["reports"][3]["reference"] == "5563"


def test_not_sure_at_the_route_for_someone_else_speaks_of_them():
    chat = Chat()
    chat.script("my mum is being harassed by the lads upstairs", "no", "yes she asked me to", "Margaret Oduya", "no")
    assert chat.asking == "route"
    reply = chat.say("not sure")
    assert "made by them or for them" in reply and "start with their own reports" in reply


# -- answers in people's own words, read the first time (each was asked again in the simulator) -----------

def _read(slot: str, text: str, **state):
    from bot.dialogue.questions import QUESTIONS, Answer, Ctx
    reading = QUESTIONS[slot].read(text, Ctx(state, POLICY, TODAY, READER))
    return reading.values if isinstance(reading, Answer) else reading


@pytest.mark.parametrize("slot, text, key, value", [
    ("victim_consent", "we havent discussed it", "victim_consent", False),
    ("victim_consent", "he doesn't know yet", "victim_consent", False),
    ("victim_consent", "havent had chance to ask him", "victim_consent", False),
    ("victim_consent", "no written consent yet", "victim_consent", False),
    ("victim_consent", "Written consent has been obtained and is held on file.", "victim_consent", True),
    ("victim_consent", "Consent is on file, signed 12 November.", "victim_consent", True),
    ("another_report", "hmm no I don't think so", "another_report", False),
    ("another_report", "dont think theres any more", "another_report", False),
    ("problem_continuing", "yh evry weekend", "problem_continuing", True),
    ("problem_continuing", "It stopped in the summer, but now a different family in the same flat is doing exactly "
                           "the same thing", "problem_continuing", True),
    ("problem_continuing", "erm, no it stopped in August", "problem_continuing", False),
    ("no_action_taken", "too right", "no_action_taken", True),
    ("route", "5 diffrent people", "route", "five_individuals"),
    ("victim_type", "persn", "victim_type", "individual"),
    ("applying_for", "my little sister, shes 17 and too scared to do it", "applying_for", "someone_else"),
    ("applying_for", "is it ok if its for my brother? he's in hospital at the moment", "applying_for", "someone_else"),
    ("applying_for", "I'm filling it in for Mr Ferreira downstairs, he's 88 and hasn't got a computer", "applying_for",
     "someone_else"),
    ("applying_for", "for my cuzzin", "applying_for", "someone_else"),
    ("applying_for", "a parent and toddler group that meets in the church hall on Wednesdays", "victim_type",
     "community_group"),
    ("applying_for", "Not sure - I'm the landlord of the flat, it's my tenant getting the grief", "applying_for",
     "someone_else"),
    ("applying_for", "My little boy. He's 9 and they pick on him every day on the way home.", "relationship", "family"),
    ("applying_for", "um both? its my mums house but i live there too and they go for both of us", "applying_for",
     "self"),
    ("applying_for", "mysel", "applying_for", "self"),
    ("applying_for", "I'm doing this for myself", "applying_for", "self"),
    ("relationship", "her neighbour, the lad next door", "relationship", "other"),
    ("danger_now", "noo im ok", "danger_now", False),
    ("consent_to_share", "fine, share it", "consent_to_share", True),
    ("route", "Mine. I'm the only one brave enough to ring them.", "route", "three_reports"),
    ("route", "5 ppl", "route", "five_individuals"),
    ("route", "the neighbours one", "route", "five_individuals"),
    ("route", "5 seperate people", "route", "five_individuals"),
    ("contact_notes", "not sure what to put, maybe that I'm away from 10 to 20 December?", "contact_notes",
     "not sure what to put, maybe that I'm away from 10 to 20 December?"),
])
def test_answers_in_own_words_are_read_first_time(slot, text, key, value):
    values = _read(slot, text)
    assert isinstance(values, dict) and values.get(key) == value, values


@pytest.mark.parametrize("text, method", [("emal", "email"), ("emaill pls", "email"),
                                          ("email only - please don't ring, he'll hear", "email"),
                                          ("text, no calls please", "text"), ("no emails, phone is best", "phone"),
                                          ("A phone call, I'm not great at reading long emails", "phone"),
                                          ("not by phone", None)])  # a mobile and an email: text or email is left
def test_preferred_contact_with_typos_and_a_way_ruled_out(text, method):
    values = _read("preferred_contact", text, contact_phone="07700 900123", contact_email="jo@example.com")
    assert (values or {}).get("preferred_contact") == method, values


@pytest.mark.parametrize("word", ["ever", "mail", "sill", "still"])
def test_real_words_are_not_mended_into_answer_words(word):
    from bot.dialogue.answers import _clean
    assert _clean(word) == word


@pytest.mark.parametrize("text, name, phone, email", [
    ("Mrs H. Campbell, email me at kelechi dot nwosu at example dot net", "Mrs H. Campbell", None,
     "kelechi.nwosu@example.net"),
    ("fine, it's Colm, not comfortable giving my mobile, try my work email: "
     "e.zielinska@example.org", "Colm", None, "e.zielinska@example.org"),
    ("I'm Yetunde, surname Balogun, 07700 900187", "Yetunde Balogun", "07700 900187", None),
    ("Levi Rosenthall, sorry, one l - Rosenthal, tariq_m_77@example.com", "Levi Rosenthal", None,
     "tariq_m_77@example.com"),
    ("Home 020 7946 0587 or mobile 07700 900495", None, "020 7946 0587", None),
])
def test_name_and_contact_in_one_message_as_people_type_them(text, name, phone, email):
    values = _read("applicant_name", text)
    assert (values.get("applicant_name"), values.get("contact_phone"), values.get("contact_email")) == \
        (name, phone, email)


@pytest.mark.parametrize("text, kind", [("a mandir", "community_group"), ("its a florist", "business"),
                                        ("It's a dental practice, I'm the practice manager", "business"),
                                        ("just our house", "individual"), ("my dad hes a person lol", "individual"),
                                        ("not sure if a book club counts, we meet in the library", "community_group")])
def test_a_person_a_business_or_a_group_in_the_words_people_use(text, kind):
    assert _read("victim_type", text) == {"victim_type": kind}


@pytest.mark.parametrize("text", ["keep my address away from the police please",
                                  "please don't give my name to the council"])
def test_a_privacy_worry_while_telling_reports_is_answered_not_taken_for_a_report(text):
    chat = started("myself", "no", "I reported it", "emailed the council on the 16th of Oct, no ref")
    assert chat.asking in ("report", "another_report")
    before = len(chat.state.get("reports") or [])
    reply = chat.say(text)
    assert "not shared with the people" in reply and len(chat.state.get("reports") or []) == before


def test_after_a_change_at_the_summary_the_question_comes_back_in_other_words():
    chat = Chat()
    chat.script(*THREE_REPORTS[:-1])
    assert chat.asking == "summary_confirmed", chat.asking
    reply = chat.say("my name is wrong, it's Yetunde Balogun")
    assert chat.state["applicant_name"] == "Yetunde Balogun"
    assert "Sorry, once more" not in reply and "Is everything correct now?" in reply


def test_same_day_at_the_reference_question_is_not_a_name_and_no_ref_after_it_is_not_no_more_reports():
    chat = started("myself", "no", "I reported it", "rang 101 on the 3rd of October")
    assert chat.asking == "report_details"
    reply = chat.say("same day")
    assert chat.asking == "report_details" and "That sounds like a date" in reply
    chat.say("no")
    assert chat.asking == "another_report"
    reply = chat.say("no ref")
    assert chat.asking == "another_report" and "no reference for that one" in reply
    assert not any(r.get("person") for r in chat.state.get("reports") or [])


@pytest.mark.parametrize("victim_type, line", [("community_group", "1. Applying for: your community group."),
                                              ("business", "1. Applying for: your business."),
                                              ("individual", "1. Applying for: yourself.")])
def test_the_summary_says_whose_application_it_is(victim_type, line):
    from bot.dialogue import conversation, messages
    state = {"applying_for": "self", "victim_type": victim_type, "route": "three_reports", "reports": []}
    text = messages.summary(state, conversation.decision(state, POLICY, TODAY), POLICY)
    assert line in text.splitlines()


def test_reports_counted_to_one_place_then_told_by_date_are_to_that_place():
    # typed by hand on 7 December: "I HAVE RUNG THE COUNCIL 4 TIMES SINCE AUGUST", then the dates, and each report
    # was "someone", with "Who was it reported to?" asked four times
    chat = Chat()
    chat.say("I AM SO FED UP WITH THE NOISE FROM NEXT DOOR")
    chat.say("NO")
    chat.say("ME")
    chat.say("NO")
    reply = chat.say("I HAVE RUNG THE COUNCIL 4 TIMES SINCE AUGUST")
    assert "4 times to the council" in reply
    reply = chat.say("the first time was 12 august, then 3 september, 1 october and last week. no refs")
    assert "someone" not in reply
    chat.say("yes")
    chat.say("that's all")
    assert [r["category"] for r in chat.state["reports"]] == ["council"] * 4
    assert not any("Who was it reported to" in q for q in chat.questions)


@pytest.mark.parametrize("answer, danger", [
    ("ok. my neighbour keeps parking across my drive and swearing at me when i ask him to move", None),
    ("ok", None), ("okay no", False), ("ok yes", True), ("right, no one is in danger", False),
    ("OK YES HE IS HERE NOW", True)])
def test_ok_at_the_danger_question_is_not_yes(answer, danger):
    # typed by hand on 7 December: "ok. my neighbour keeps parking across my drive ..." got "Please call 999 now"
    chat = Chat()
    chat.say("hello? is this the council")
    chat.say("what is this")
    assert chat.asking == "danger_now"
    reply = chat.say(answer)
    assert ("call 999 now" in reply) is (danger is True)
    assert chat.state.get("danger_now") is (False if danger is False else None)


def test_counts_to_several_places_are_not_said_back_as_one_count():
    # typed by hand on 7 December: "the police twice and the council once" was said back as "2 times"
    chat = started("myself", "no")
    reply = chat.say("i reported it to the police twice and the council once")
    assert "2 times" not in reply


@pytest.mark.parametrize("second", ["second time police again 2 weeks later, ref 6610/OCT",
                                    "police again, ref 6610/OCT|2 weeks later"])
def test_a_report_two_weeks_later_is_dated_from_the_one_before(second):
    # typed by hand on 7 December: "2 weeks later" in the message after the first report was not a date
    chat = started("myself", "no", "i reported it to the police twice and the council once")
    chat.say("police first, on 25 september")
    chat.say("dont have one")
    for line in second.split("|"):
        chat.say(line)
    dated = [r for r in chat.state.get("reports") or []] + [chat.state.get("report") or {}]
    assert any(r.get("reference") == "6610/OCT" and r.get("date") == "2026-10-09" for r in dated), dated


def test_where_and_since_when_at_the_more_reports_question_is_not_a_report():
    # typed by hand on 7 December: "Brent Street NW4, since he moved in last year" was read as a report
    chat = started("myself", "no")
    chat.say("I rang the council on 1 October, 20 October and 10 November")
    chat.say("yes")
    assert chat.asking == "another_report"
    reply = chat.say("Brent Street NW4, since he moved in last year")
    assert "Who was it reported to" not in reply
    assert len(chat.state.get("reports") or []) == 3 and not chat.state.get("report")


def test_the_person_named_in_the_opening_and_reports_given_at_the_name_question_are_kept():
    # typed by hand on 7 December: "Mr Joseph Mensah" in the opening was asked for again, and three reports given
    # at "What is their name?" got "That doesn't look like a name" and were lost
    chat = Chat()
    chat.say("hi there, I'm an MP's caseworker writing for a constituent, Mr Joseph Mensah of Colindale. He's had "
             "youths throwing stones at his windows for months")
    chat.say("No immediate danger")
    chat.say("yes he's signed our consent form")
    assert chat.state["victim_name"] == "Mr Joseph Mensah" and chat.state["victim_type"] == "individual"
    assert not any("What is their name" in q or "a person, a business" in q for q in chat.questions)


def test_reports_given_at_the_name_question_are_kept():
    chat = Chat()
    chat.say("I'm asking for my neighbour, youths throw stones at her windows every night")
    chat.say("no")
    chat.say("my neighbour")
    chat.say("yes she agrees")
    assert chat.asking == "victim_name"
    reply = chat.say("Reported to police 12/09/2026 ref 2291, to Barnet Homes 30/09/2026 and to police again "
                     "21/10/2026 ref 3310")
    assert "look like a name" not in reply and chat.asking == "victim_name"
    chat.say("Edna Price")
    assert chat.state["victim_name"] == "Edna Price"
    assert chat.state["victim_type"] == "individual"  # "her windows": a person, not asked
    chat.say("no")  # no complaint
    chat.say("she did")
    told = chat.state.get("confirming") or chat.state.get("reports") or []
    assert {r.get("reference") for r in told} >= {"2291", "3310"}, chat.state


def test_a_name_and_contact_details_naming_an_mp_are_kept_not_a_report():
    # typed by hand on 7 December: "the MP" in the details was read as a report, and the details were lost
    chat = started("myself", "no")
    asking = chat.asking
    reply = chat.say("Anna Webb, caseworker for the MP, anna.webb@example.org, 020 7946 0011")
    assert "didn't understand" not in reply and chat.asking == asking
    assert chat.state["applicant_name"] == "Anna Webb" and chat.state["contact_email"] == "anna.webb@example.org"


def test_a_report_put_right_before_the_summary_is_put_right():
    # typed by hand on 7 December: at the sharing question, "the second report was on 1 October not 30 September"
    # got "Sorry, I didn't understand that"
    chat = started("myself", "no")
    chat.say("Reported to police 12/09/2026 ref 2291, to Barnet Homes 30/09/2026 and to police again 21/10/2026")
    chat.say("yes")
    chat.say("no that's all")
    answers = {"reports_outcome": "police came once, nothing changed", "asb_location": "Oak Road NW9, since the summer",
               "asb_description": "they shout and play loud music every night", "asb_impact": "I can't sleep", "vulnerability": "no",
               "problem_continuing": "yes still going on", "no_action_taken": "yes", "in_area": "yes"}
    for _ in range(10):
        if chat.asking == "consent_to_share":
            break
        chat.say(answers[chat.asking])
    assert chat.asking == "consent_to_share"
    reply = chat.say("the second report was on 1 October not 30 September")
    assert "didn't understand" not in reply and chat.asking == "consent_to_share"
    assert chat.state["reports"][1]["date"] == "2026-10-01"


@pytest.mark.parametrize("answer", ["no i havent put a complaint in against genesis if thats what u mean, ive just "
                                    "kept ringing them", "we never made a formal complaint, just reported it"])
def test_not_having_complained_is_no_complaint(answer):
    # from a persona written without the code: "i havent put a complaint in" ended the application as a complaint
    chat = started("myself")
    assert chat.asking == "ongoing_complaint"
    chat.say(answer)
    assert chat.state.get("ongoing_complaint") is False and not chat.state.get("outcome")


def test_a_daughter_with_power_of_attorney_for_a_father_with_dementia_can_apply():
    # from a persona written without the code: "He can't really say, he has dementia ... I have lasting power of
    # attorney" got "Sorry, I didn't understand that" twice, then "Please talk to them first"
    chat = Chat()
    chat.say("Hello, I'm trying to get help for my dad. He's 84 with dementia and kids from round his way are "
             "tormenting him")
    chat.say("No, not right now")
    chat.say("My father")
    assert chat.asking == "victim_consent"
    reply = chat.say("He can't really say, he has dementia. I have lasting power of attorney for health and welfare")
    assert "power of attorney" in reply and chat.state["victim_consent"] is True
    assert "power of attorney" in chat.state["vulnerability"]  # where staff read it


def test_someone_who_cannot_agree_is_asked_about_power_of_attorney_not_told_to_ask_them():
    chat = Chat()
    chat.say("my mum has alzheimers and the lads next door knock on her door every night")
    chat.say("no")
    reply = chat.say("she doesn't understand whats going on, she has dementia")
    assert "didn't understand" not in reply and "Do you have power of attorney for them" in reply
    assert "dementia" in chat.state["vulnerability"]  # kept for staff
    reply = chat.say("no")
    assert chat.state["outcome"] == "no_consent" and "020 8359 2000" in reply
    assert "talk to them first" not in reply  # she can't: no advice to ask her


def test_power_of_attorney_said_after_being_asked_is_consent():
    chat = Chat()
    chat.say("my mum has alzheimers and the lads next door knock on her door every night")
    chat.say("no")
    chat.say("she can't really say, she has dementia")
    chat.say("yes I do")
    assert chat.state["victim_consent"] is True and chat.asking == "victim_name"


@pytest.mark.parametrize("answer, name", [("I'm Sarah Ellis, her daughter, 07700 900123", "Sarah Ellis"),
                                          ("Sarah Ellis (daughter) 07700 900123", "Sarah Ellis"),
                                          ("Anna Webb, caseworker for the MP, anna.webb@example.org", "Anna Webb"),
                                          ("Smith, John 07700 900123", "Smith, John")])
def test_the_applicants_name_without_who_they_are(answer, name):
    # typed by hand on 7 December: the summary said "Your name: Sarah Ellis, her daughter"
    from bot.dialogue.questions import _read_name_and_contact
    assert _read_name_and_contact(answer, _ctx()).values["applicant_name"] == name


def test_getting_help_for_dad_is_applying_for_someone_else():
    # typed by hand on 7 December: "I'm trying to get help for my dad" was asked whose behalf, and "He can't really
    # say, he has dementia" was then taken as applying for herself
    chat = Chat()
    chat.say("Hello, I'm trying to get help for my dad. He's 84 with dementia and kids from round his way are "
             "tormenting him")
    chat.say("No, not right now, his carer is with him this morning")
    assert chat.state["applying_for"] == "someone_else" and chat.asking == "victim_consent"
    chat2 = started()
    chat2.say("He can't really say, he has dementia. Some days he doesn't know who I am")
    assert chat2.state.get("applying_for") != "self"
