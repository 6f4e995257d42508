"""The resident, on scripted replies (no servers): it answers by meaning, presses buttons only
in buttons mode, checks read-backs against its story, says when it does not understand."""
from datetime import date

import pytest

from bench.residents import phrases, questions, scenarios
from bench.residents.resident import Resident

TODAY = date(2026, 11, 26)
BANK = phrases.load("default")
STORIES = scenarios.generate(60, 3, BANK)


def reply(text, buttons=()):
    return questions.read([{"text": text, "buttons": [{"title": b, "payload": "/" + b.lower()} for b in buttons]}],
                          TODAY)


def plain(category):
    return next(s for s in STORIES if s.category == category and not s.events and s.applying_for == "myself")


def test_buttons_mode_presses_the_button_that_means_the_answer_and_typed_mode_types():
    s = plain("eligible_three")
    ask = reply("Is anyone in danger right now?", ["Yes, someone is in danger", "No"])
    pressed = Resident(s, BANK, "buttons").respond(ask)
    assert pressed.button and pressed.text == "/no" and pressed.meaning == "no"
    typed = Resident(s, BANK, "typed").respond(ask)
    assert not typed.button and typed.kind == "danger_now" and typed.text == s.answers["danger_now"].text


def test_reports_are_told_in_turn_and_another_report_follows_the_story():
    s = plain("eligible_three")
    r = Resident(s, BANK, "typed")
    r.opening()
    told = []
    for _ in range(len(s.messages)):
        say = r.respond(reply("Tell me about the next time you reported it: who you told, when, and any reference."))
        told.append(say.text)
        last = r.respond(reply("Have you reported it another time?", ["Yes", "No"]))
    assert told == [m for i, m in enumerate(s.messages) if i != s.held_back]
    assert last.meaning == "no"


def test_a_read_back_is_checked_against_what_was_said():
    s = next(x for x in STORIES if x.category == "eligible_three" and x.reports[0].date and not x.events)
    d = date.fromisoformat(s.reports[0].date)
    r = Resident(s, BANK, "typed")
    r.opening()
    r.respond(reply("Tell me about the first time you reported it."))
    cat = {"police": "the police", "council": "the council", "housing_provider": "Barnet Homes"}.get(
        s.reports[0].organisation, "the council")
    right = r.respond(reply(f"Got it: {cat}, {d.day} {d.strftime('%B')} {d.year}. Is that right?", ["Yes", "No"]))
    assert right.meaning == "yes"
    wrong = r.respond(reply(f"Got it: {cat}, 1 January 2026. Is that right?", ["Yes", "No"]))
    assert wrong.meaning == "no"


def test_a_question_it_cannot_place_gets_sorry_i_dont_understand_and_is_counted():
    r = Resident(plain("eligible_three"), BANK, "typed")
    say = r.respond(reply("Quelle est la couleur de votre voiture ?"))
    assert say.event == "unrecognised" and r.unrecognised == 1


def test_danger_mid_form_then_carry_on():
    s = next(x for x in STORIES if "danger_at" in x.events)
    r = Resident(s, BANK, "typed")
    r.opening()
    ask = reply("Is there a complaint about this that the council, the police or a housing provider is still "
                "dealing with?", ["Yes", "No"])
    says = [r.respond(ask) for _ in range(12)]
    danger = [x for x in says if x.event == "danger"]
    assert len(danger) == 1 and danger[0].text == s.events["danger_text"]
    assert says.index(danger[0]) + 2 >= s.events["danger_at"]      # mid-form, not before its turn
    after = r.respond(reply("If you are in danger, call 999 now.\nWhen you're safe, we can carry on.", ["Carry on"]))
    assert after.kind == "carry_on"


def test_the_same_question_again_gets_other_words_then_the_plainest():
    s = plain("eligible_three")
    r = Resident(s, BANK, "typed")
    ask = reply("Is it still happening?", ["Yes", "No, it has stopped"])
    first, second, third = (r.respond(ask) for _ in range(3))
    assert first.meaning == second.meaning == third.meaning == "yes"
    assert second.text != first.text
    assert len(third.text) <= len(second.text) or third.text.lower() in ("yes", "yeah", "yep")


@pytest.mark.parametrize("category", ["near_miss", "ongoing_complaint", "no_consent", "outside_area", "first_report"])
def test_stories_agree_with_their_category(category):
    for s in STORIES:
        if s.category == category:
            assert s.expected().outcome == {"near_miss": "not_enough_reports"}.get(category, category)
