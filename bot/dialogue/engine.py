"""The conversation, one message at a time: (state, message) -> replies and the state's changes.

No Rasa here: the Rasa action passes the slots and the latest message in, and
sends the replies and slot changes back. Every message is read in this order:

1. **Danger now** ("he's at my door right now") always wins: 999, and the answers are kept.
2. **The opening** is read for every fact it holds (whose behalf, never reported, stopped,
   a complaint, a crime, reports, the problem); an exclusion is answered at once.
3. **Plain control words** ("stop", "start again", "talk to a person", "hang on").
4. **An answer to the question just asked**, read by that question's reader
   (`bot.dialogue.questions`): "me" answers "for yourself or someone else?".
5. Only if it is not an answer: **an interruption** (a question about the process, and
   then the intent classifier), after which the question comes back in other words.
6. Otherwise it is unclear: the question is asked again, reworded with an example the
   second time, explained with "I'm not sure" the third; never three times the same.

After an answer, `bot.dialogue.flow` says which question is next; reports are
said back with the progress towards the threshold; the decision is made by
`bot.rules.eligibility` and explained.
"""
from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from bot.dialogue import answers, conversation, facts as facts_module, flow, interruptions, messages, safety
from bot.dialogue.corrections import Correction, CorrectionProblem, read_correction
from bot.dialogue.language import ReportReader
from bot.dialogue.messages import Reply
from bot.dialogue.questions import (_NOTHING, QUESTIONS, SOME_ACTION, Answer, Ctx, Unclear, current, describes_problem, is_question,
                                    says_what_happens, statements)
from bot.dialogue.reports import REPORTING_WORD, ToldReports, after_report, read_reports, set_date
from bot.rules.applicant_details import without_unsafe_characters
from bot.rules.area import POSTCODE, read_area
from bot.rules.dates import format_date
from bot.rules.eligibility import window_start
from bot.rules.policy import Policy

MAX_CHARS = 2000
# A danger guess by the classifier alone (the deterministic check found nothing)
# pauses the questions only when it is this sure and the message is not an answer.
DANGER_CONFIDENCE = 0.8
# Answers that end the application; "carry on" (or "go back") asks their question again.
STOPPING = {"victim_consent": False, "ongoing_complaint": True, "in_area": False, "problem_continuing": False,
            "no_action_taken": False, "consent_to_share": False}
OPENING_EXCLUSIONS = ("never_reported", "stopped", "complaint_open", "crime_only")


# Every key the engine keeps in the conversation state (each is a slot in the Rasa domain).
STATE_SLOTS = (
    "application_id", "opened", "asking", "tries", "shown", "last_questions", "paused", "signposts_given",
    "outcome", "ended_by", "draft_reference", "progress", "first_message", "crime", "crime_noted", "asb_too",
    "general_crime_only", "hate_crime", "danger_now", "applying_for", "relationship", "victim_consent",
    "victim_name", "victim_type", "ongoing_complaint", "answered", "route", "report_hint", "opening_reports",
    "report", "queue", "confirming", "reports", "reports_done", "reports_checked", "reports_outcome",
    "outcome_asked", "asb_description", "asb_location", "outside_hint", "in_area", "asb_since", "asb_impact",
    "vulnerability", "problem_continuing", "no_action_taken", "decision_said", "consent_to_share",
    "applicant_name", "contact", "contact_phone", "contact_email", "contact_address", "contact_postcode",
    "preferred_contact", "contact_notes", "summary_confirmed", "held_opening", "next_report", "count_checked",
    "one_at_a_time", "change_asked", "adding_report", "danger_said",
)


@dataclass(frozen=True)
class Message:
    text: str
    intent: Optional[str] = None
    confidence: float = 0.0
    # A message the assistant never answered (it was down); "try again" reads it now.
    unanswered: Optional[str] = None


@dataclass
class Turn:
    updates: Dict[str, Any]
    replies: List[Reply]
    saved: Optional[str] = None      # a draft's reference, when this turn saved one


class StoreUnavailable(Exception):
    """Raised by a `save` callback when the drafts database can't be reached (try again later)."""


Save = Callable[[Dict[str, Any], Any], Tuple[str, bool]]


def new_application_id() -> str:
    return uuid.uuid4().hex[:12]


class Engine:
    """Plays one turn of a conversation. One per process (it holds the report reader)."""

    def __init__(self, policy: Policy, reader: ReportReader, save: Optional[Save] = None,
                 store_errors: Tuple[type, ...] = (StoreUnavailable,), failed_errors: Tuple[type, ...] = ()):
        self.policy = policy
        self.reader = reader
        self.save = save
        self.store_errors = store_errors
        self.failed_errors = failed_errors

    def turn(self, state: Mapping[str, Any], message: Message, today: date,
             conversation_id: str = "") -> Turn:
        t = _Turn(self, dict(state), message, today, conversation_id)
        t.play()
        changed = {k: v for k, v in t.s.items() if state.get(k) != v}
        changed.update({k: None for k in state if k not in t.s and state.get(k) is not None})
        return Turn(changed, t.replies, t.saved)


class _Turn:
    def __init__(self, engine: Engine, s: Dict[str, Any], message: Message, today: date, conversation_id: str):
        self.e = engine
        self.p = engine.policy.at(today)  # the version in force for an application made today
        self.s = s
        self.m = message
        self.text = _clean(message.text or "")
        self.today = today
        self.conversation_id = conversation_id
        self.replies: List[Reply] = []
        self.saved: Optional[str] = None
        self.window = window_start(self.p, today).isoformat()

    # -- output ------------------------------------------------------------------------

    def say(self, reply) -> None:
        if isinstance(reply, str):
            reply = Reply(reply)
        if reply and reply.text:
            self.replies.append(reply)

    def signposted(self, keys) -> None:
        given = list(self.s.get("signposts_given") or [])
        for key in keys:
            if key not in given:
                given.append(key)
        self.s["signposts_given"] = given

    def ctx(self) -> Ctx:
        return Ctx(state={**self.s, "_today": self.today}, policy=self.p, today=self.today, reader=self.e.reader,
                   intent=self.m.intent, confidence=self.m.confidence or 0.0)

    # -- the turn -----------------------------------------------------------------------

    def play(self) -> None:
        s = self.s
        if not s.get("application_id"):
            s["application_id"] = new_application_id()
        text = self.text
        word = interruptions.control(text)
        if word == interruptions.CARRY_ON and self.m.unanswered and s.get("asking"):
            self.text = text = _clean(self.m.unanswered)  # "try again": read what was lost
            word = interruptions.control(text)

        if s.get("draft_reference"):
            return self.after_saved(word)
        if safety.in_danger_now(text):
            if s.get("danger_said") == _fingerprint(text) and s.get("asking") and not s.get("paused"):
                # They carried on after 999 and said the same again: it is their answer. Keep the 999 line.
                self.say(f"If anyone is in danger right now, call {self.p.contacts['emergency'].phone}.")
            else:
                s["danger_said"] = _fingerprint(text)
                return self.danger()
        if s.get("paused") == "save_failed" and word not in (interruptions.STOP, interruptions.RESTART):
            return self.finish()
        if not s.get("opened"):
            return self.opening()
        if s.get("paused") == "restart":
            return self.confirming_restart(word)
        if s.get("paused") == "ended":
            return self.after_end(word)
        if word and s.get("asking") in QUESTIONS and QUESTIONS[s["asking"]].offers(text, s, self.p):
            word = None
        if word and self.control(word):
            return
        if interruptions.COMPLAINT.search(text) and s.get("asking"):
            # "I want to complain about PC Hughes": the complaints procedure, never a report
            self.say(messages.complaint(self.p, mid_form=True))
            return self.ask(s["asking"], again=True)
        asking = s.get("asking")
        if not asking:
            if s.get("paused") == "danger":
                # 999 came first, before any question: "no" means no danger now; begin, using what the
                # first message said
                s["paused"] = None
                if answers.yes_no(text, self.m.intent) is False or facts_module.SAFE_NOW.search(text):
                    s["danger_now"] = False
                self.say(messages.welcome(self.p))
                held = s.pop("held_opening", None)
                if held and self.absorb_opening(held, facts_module.read_facts(held, self.p)):
                    return
                return self.next()
            return self.next()
        if s.get("paused") in ("danger", "stopped", "human"):
            if self.resume_after_pause():
                return
        if not text:
            # nothing typed: not a wrong answer, just the question again
            return self.ask(asking, again=True, hint="Please type your answer, or choose one of the options.")
        if asking == "summary_confirmed":
            return self.summary_answer()
        worry = asking.startswith(("report", "another_report")) and interruptions.faq_topic(text) == "privacy"
        # "I don't want my name going to the police" while telling reports: a worry to answer, not a report or
        # a name (at the questions where it can be an answer, consent or contact notes, it is read as one)
        reading = None if worry else QUESTIONS[asking].read(text, self.ctx())
        if isinstance(reading, Answer):
            s["paused"] = None
            return self.take(asking, reading)
        if asking == "danger_now" and self.held_story(text):
            return
        if reading is None and self.answer_and_aside(asking):
            return
        if reading is None and not self.said_again(asking) and self.interruption():
            return
        if not isinstance(reading, Answer) and not (isinstance(reading, Unclear) and reading.hint == "refused") and \
                self.kept_aside(asking):
            return
        self.unclear(asking, reading)

    def keep_told_reports(self, text: str) -> None:
        """Reports told before they are asked for: each message is added, so a report told at the complaint
        question is not replaced by the one told at the next."""
        held = self.s.get("opening_reports")
        self.s["opening_reports"] = text if not held or text in held else f"{held}\n{text}"

    def add_to_story(self, text: str) -> None:
        """What is happening, told before it is asked: added to the opening's story, which answers "what is
        happening?" so it is not asked."""
        s = self.s
        first = s.get("first_message")
        base = s.get("asb_description") or (first if first and says_what_happens(first) else None)
        s["asb_description"] = _joined(base, text) if base and text not in base else base or text

    def kept_aside(self, asking: str) -> bool:
        """Told ahead of its question, instead of an answer ("she lives at 14 Cedar Road N3", "most nights they
        bang on the door", "I rang 101 in August, ref 5521"): kept for the question it answers, said so, and this
        question asked again, never "didn't understand" with what they said thrown away."""
        s, text = self.s, self.text
        if asking.startswith(("report", "another_report", "contact", "applicant", "asb_", "vulnerability")) or \
                is_question(text):
            return False
        f = facts_module.read_facts(text, self.p)
        if f.never_reported and not (s.get("reports") or s.get("opening_reports") or s.get("route") or s.get("report")):
            # "no i haven't reported it, i didn't know who to tell", at any question: the seed's three ways to report
            self.end_with("first_report", messages.first_time(self.p, s), "never_reported",
                          self.p.signposts.get("first_report", ()))
            return True
        if s.get("reports") and _PUTS_RIGHT.search(text):
            # "the second report was on 1 October not 30 September", before the summary: put right now
            correction = read_correction(text, s, self.e.reader, self.today)
            if isinstance(correction, Correction) and set(correction.updates) == {"reports"}:
                s.update(correction.updates)
                decision = conversation.decision(s, self.p, self.today)
                if s.get("reports_checked") and not decision.routes[decision.route].met:
                    self.say(correction.said)
                    self.end_decision(decision)
                    return True
                self.ask(asking, again=True, hint=correction.said)
                return True
        kept = []
        told = read_reports(text, self.today, self.e.reader)
        if told.found and any(r.organisation and (r.date or r.reference) for r in told.reports) and \
                REPORTING_WORD.search(text):
            self.keep_told_reports(text)
            kept.append("I'll ask about the reports in a moment, and keep what you said")
        elif describes_problem(text) and len(re.findall(r"[A-Za-z']+", text)) >= 8:
            self.add_to_story(text)
            if f.since and s.get("asb_since") is None:
                s["asb_since"] = f.since
            if f.continuing and s.get("problem_continuing") is None:
                s["problem_continuing"] = True
            kept.append("I've noted what's been happening")
        if not told.found and s.get("asb_location") is None and _ADDRESS.search(text):
            s["asb_location"] = text.strip()
            area = read_area(text, self.p)
            if area.inside is True and s.get("in_area") is None:
                s["in_area"] = True
            kept.append("I've noted where it happens")
        contact = answers.read_contact(text)
        told_one = any(r.organisation and (r.date or r.reference) for r in told.reports)
        if (contact.phone or contact.email) and not contact.problems and not told_one:
            for key, value in (("contact_phone", contact.phone), ("contact_email", contact.email)):
                if value and not s.get(key):
                    s[key] = value
            s["contact"] = "given"
            kept.append("I've noted how to contact you")
        if answers.CONTACT_WISH.search(text) and not told_one:
            s["contact_notes"] = _joined(s.get("contact_notes"), text) if s.get("contact_notes") else text
            kept.append("I've noted how you'd like to be contacted")
        named = _SAYS_OWN_NAME.search(text) or (contact.phone or contact.email) and _NAME_FIRST.match(text)
        if named and not s.get("applicant_name") and not answers.relationship_of(named.group(1)):
            s["applicant_name"] = named.group(1)  # "Anna Webb, caseworker for the MP, anna.webb@example.org"
            kept.append("I've noted your name")
        if not kept:
            return False
        self.ask(asking, again=True, hint="Thank you, " + ", ".join(kept[:-1]) + (" and " if len(kept) > 1 else "")
                 + kept[-1] + ".")
        return True

    def held_story(self, text: str) -> bool:
        """What has been happening, told in answer to "is anyone in danger?" (the page shows that question
        on landing): kept, and read like an opening once the danger question is answered."""
        f = facts_module.read_facts(text, self.p)
        facts = (f.applying_for, f.never_reported, f.stopped, f.ongoing_complaint, f.crime, f.report_count,
                 f.five_people)
        if not (self.described(text, interruptions.faq_topic(text), f) or any(facts) and not is_question(text)):
            return False
        held = self.s.get("held_opening")
        self.s["held_opening"] = f"{held} {text}" if held else text
        self.say("Thank you for telling me. I'll come back to that.")
        self.ask("danger_now", again=True)
        return True

    def answer_and_aside(self, asking: str) -> bool:
        """ "Terrible. Also, is the council tax office open on Saturdays?": the answer is taken and the
        question answered too, so neither is lost."""
        told = statements(self.text)
        if not is_question(self.text) or not told or told == self.text:
            return False
        reading = QUESTIONS[asking].read(told, self.ctx())
        if not isinstance(reading, Answer):
            return False
        asked = " ".join(p for p in re.split(r"(?<=[.!?])\s+", self.text) if p.rstrip().endswith("?"))
        found = interruptions.read_interruption(asked, None, 0.0)
        if found is not None and found.kind == "faq":
            self.say(messages.answer(found.value, self.p))
        elif found is not None and found.kind == "complaint":
            self.say(messages.complaint(self.p, mid_form=True))
        self.s["paused"] = None
        self.take(asking, reading)
        return True

    def said_again(self, asking: str) -> bool:
        """The same words a third time at the same question: not to be answered the same way again."""
        tries = dict(self.s.get("tries") or {})
        key = f"_same:{asking}:{_fingerprint(self.text)}"
        tries = {k: v for k, v in tries.items() if not k.startswith("_same:") or k == key}
        tries[key] = tries.get(key, 0) + 1
        if tries[key] >= 3:
            tries[asking] = max(tries.get(asking, 0), 1)  # so the question is explained now, then settled
        self.s["tries"] = tries
        return tries[key] >= 3

    # -- danger, pauses, control words --------------------------------------------------------

    def danger(self) -> None:
        started = bool(self.s.get("opened"))
        if not started:
            self.s["held_opening"] = self.text  # read for its facts when they come back
        self.say(messages.danger(self.p, mid_form=started))
        self.signposted(["emergency"])
        self.s["paused"] = "danger"
        self.s["opened"] = True

    def resume_after_pause(self) -> bool:
        """After 999, stop or a person: "carry on" (or "no, I'm safe") picks up the question again; an answer
        to it is taken as it is."""
        s = self.s
        paused = s.get("paused")
        if paused == "danger" and (answers.yes_no(self.text, self.m.intent) is False
                                   or facts_module.SAFE_NOW.search(self.text)) and s.get("asking") != "danger_now":
            s["paused"] = None
            self.say(messages.resume())
            self.ask(s["asking"], resume=True)
            return True
        return False

    def control(self, word: str) -> bool:
        s = self.s
        asking = s.get("asking")
        if word == interruptions.STOP:
            self.say(messages.stopped(self.p))
            s["paused"] = "stopped"
            return True
        if word == interruptions.RESTART:
            if not self.started():
                self.restart()
            else:
                self.say(messages.confirm_restart())
                s["paused"] = "restart"
            return True
        if word == interruptions.PERSON:
            self.say(messages.human_handoff(self.p))
            self.signposted(["community_safety_team"])
            s["paused"] = "human"
            return True
        if word == interruptions.CARRY_ON:
            if s.get("paused") or not asking:
                s["paused"] = None
                self.say(messages.resume())
                if asking:
                    self.ask(asking, resume=True)
                else:
                    self.next()
                return True
            return False  # "ok" / "back" at a question: read it as an answer
        if word == interruptions.WAIT:
            self.say(messages.waiting())
            s["paused"] = "stopped"
            return True
        if word in (interruptions.OOPS, interruptions.PING, interruptions.FRUSTRATED, interruptions.BOT) and asking:
            self.say({interruptions.OOPS: messages.oops(), interruptions.PING: messages.still_here(),
                      interruptions.FRUSTRATED: messages.sorry_frustrated(self.p),
                      interruptions.BOT: messages.bot_challenge(self.p)}[word])
            self.ask(asking, again=True)
            return True
        if word in (interruptions.THANKS, interruptions.GOODBYE) and asking:
            reading = QUESTIONS[asking].read(self.text, self.ctx())
            if isinstance(reading, Answer):
                return False
            if word == interruptions.GOODBYE:
                self.say(messages.stopped(self.p))
                s["paused"] = "stopped"
            else:
                self.say(messages.thanks())
                self.ask(asking, again=True)
            return True
        return False

    def confirming_restart(self, word: Optional[str]) -> None:
        s = self.s
        if word == interruptions.RESTART or answers.yes_no(self.text, self.m.intent) is True:
            return self.restart()
        s["paused"] = None
        if word == interruptions.CARRY_ON or answers.yes_no(self.text, self.m.intent) is False:
            self.say(messages.resume())
            return self.ask(s["asking"], again=True) if s.get("asking") else self.next()
        asking = s.get("asking")
        if asking and asking != "summary_confirmed":
            reading = QUESTIONS[asking].read(self.text, self.ctx())
            if isinstance(reading, Answer):
                return self.take(asking, reading)
        self.say(messages.resume())
        self.ask(asking, again=True) if asking else self.next()

    def restart(self) -> None:
        for slot in list(self.s):
            self.s.pop(slot, None)
        self.s["application_id"] = new_application_id()
        self.s["opened"] = True
        self.say(messages.restarted())
        self.say(messages.welcome(self.p))
        self.next()

    def started(self) -> bool:
        s = self.s
        return any(s.get(k) is not None for k in ("applying_for", "reports", "report", "route", "victim_type"))

    def interruption(self) -> bool:
        """A message that is not an answer: a question about the process, or what the classifier hears."""
        s = self.s
        asking = s["asking"]
        found = interruptions.read_interruption(self.text, self.m.intent, self.m.confidence or 0.0)
        if found is None:
            if self.m.intent == "danger_now" and (self.m.confidence or 0) >= DANGER_CONFIDENCE and \
                    not QUESTIONS[asking].free_text:
                self.danger()
                return True
            return False
        if found.kind == "control":
            return self.control(found.value)
        if found.kind == "faq":
            self.say(messages.answer(found.value, self.p))
            self.ask(asking, again=True, lead="Back to the question:\n")
            return True
        if found.kind == "complaint":
            self.say(messages.complaint(self.p, mid_form=True))
            self.ask(asking, again=True)
            return True
        if found.kind == "out_of_scope":
            self.say(messages.out_of_scope(self.p))
            self.ask(asking, again=True)
            return True
        return False

    # -- the opening ------------------------------------------------------------------------------

    def opening(self) -> None:
        s = self.s
        s["opened"] = True
        text = self.text
        f = facts_module.read_facts(text, self.p)
        topic = interruptions.faq_topic(text)
        word = interruptions.control(text)
        excluded = f.never_reported or f.stopped or f.ongoing_complaint or f.crime
        if topic is None and self.m.intent in interruptions.FAQ_INTENTS and (self.m.confidence or 0) >= 0.8 and \
                is_question(text) and not excluded:
            topic = interruptions.FAQ_INTENTS[self.m.intent]  # the classifier's guess, only when nothing else fits
        if word == interruptions.PERSON:
            self.say(messages.human_handoff(self.p))
            self.signposted(["community_safety_team"])
        if topic and topic not in ("human",) and not (f.wants_to_apply and topic == "what_is_trigger"):
            self.say(messages.answer(topic, self.p))
        described = self.described(text, topic, f)
        kind = "apply" if f.wants_to_apply and not described else "question" if topic else None
        if word == interruptions.BOT or self.m.intent == "bot_challenge" and (self.m.confidence or 0) > 0.8:
            self.say(messages.bot_challenge(self.p))
        self.say(messages.welcome(self.p, described_problem=described, kind=kind))
        self.signposted(["emergency"])
        if self.absorb_opening(text, f):
            return
        self.next()

    def absorb_opening(self, text: str, f) -> bool:
        """Takes what the first message says; True when an exclusion in it ended the conversation."""
        s = self.s
        if self.described(text, interruptions.faq_topic(text), f):
            told = statements(text)
            first = re.sub(r"^\s*(?:hi+|hello|hiya|hey|good (?:morning|afternoon|evening)|dear sir(?:/madam)?|"
                           r"to whom it may concern)\b[\s,.!-]*(?:there[\s,.!-]*)?", "", told, flags=re.I) or told
            s["first_message"] = first[:1].upper() + first[1:]
            if f.since:
                s["asb_since"] = f.since
        self.use_facts(f, text, opening=True)
        named = _APPLYING_FOR_NAMED.search(text)
        if named and s.get("applying_for") == "someone_else" and not s.get("victim_name"):
            s["victim_name"] = named.group(1)  # "writing for a constituent, Mr Joseph Mensah": not asked again
            if s.get("victim_type") is None:
                s["victim_type"] = "individual"  # named with a title: a person
        return self.exclusion(f)

    @staticmethod
    def described(text: str, topic: Optional[str], f) -> bool:
        """Whether the first message describes the problem (then it's said back, not asked cold)."""
        told = statements(text)
        if is_question(text) and len(re.findall(r"[A-Za-z']+", told)) < 8:
            return False  # mostly a question ("does my name get passed on? They'd make my life hell")
        return describes_problem(told)

    def use_facts(self, f, text: str, opening: bool = False) -> None:
        """Facts said in any message fill questions not yet answered."""
        s = self.s
        if f.safe_now and s.get("danger_now") is None:
            s["danger_now"] = False
        if f.applying_for and s.get("applying_for") is None and (opening or s.get("asking") != "applying_for"):
            s["applying_for"] = f.applying_for
            if f.relationship and f.relationship != "other":
                s["relationship"] = f.relationship
            if f.applying_for == "someone_else":
                self.say("You can apply for someone else, as long as they agree.")
        if f.victim_type and s.get("victim_type") is None and (f.applying_for or s.get("applying_for")):
            s["victim_type"] = f.victim_type
        if f.five_people and s.get("route") is None and self.p.route("five_individuals"):
            s["route"] = "five_individuals"
        elif (f.report_count or 0) >= 1 and s.get("route") is None and not f.five_people:
            s["route"] = "three_reports"
        if (f.report_count or 0) >= 1 and not f.five_people and not s.get("report_hint") and not s.get("reports") \
                and s.get("route") in (None, "three_reports"):
            # "I've rung the council 4 times since August", first or in answer to the route question: said back
            # when the reports are asked for, with the one place they went
            places = {r.say or r.organisation for r in read_reports(text, self.today, self.e.reader).reports
                      if r.organisation}
            if len(places) <= 1:  # ("the police twice and the council once": not one count to say back)
                s["report_hint"] = _report_hint(f.report_count, places.pop() if places else None)
        if f.continuing and s.get("problem_continuing") is None:
            s["problem_continuing"] = True
        if f.complaint_closed and s.get("ongoing_complaint") is None:
            s["ongoing_complaint"] = False  # "Barnet Homes closed my complaint last month": none still open
            s.update(flow.answered(s, "ongoing_complaint"))
        if opening:
            told = read_reports(text, self.today, self.e.reader)
            summary = (f.report_count or told.times) and any(r.approximate for r in told.reports)
            if any(r.organisation and (r.date or r.date_problem) for r in told.reports) and not summary:
                # ("reported it to the police about 3 times since September" is a count: each is asked for,
                # with the count as a hint, so none is counted twice)
                self.keep_told_reports(text)
        if f.area.inside is True and s.get("in_area") is None and s.get("first_message"):
            s["in_area"] = True
        if f.crime and not opening and not s.get("crime_noted"):
            # a crime mentioned mid-way: say where to report it, once; then ask whether there is also
            # anti-social behaviour (bot.dialogue.flow asks "asb_too" next)
            self.say(messages.crime(self.p, mid_form=False, hate=f.crime == "hate_crime"))
            self.signposted(messages.crime_keys(self.p, f.crime == "hate_crime"))
            s["crime_noted"] = True
            if s.get("asb_too") is None:
                s["crime"] = f.crime

    def exclusion(self, f) -> bool:
        """An exclusion said in the opening is answered at once (with a way back if it was misread)."""
        s = self.s
        if f.never_reported:
            self.end_with("first_report", messages.first_time(self.p, s), "never_reported",
                          self.p.signposts.get("first_report", ()))
            return True
        if f.stopped:
            s["problem_continuing"] = False
            if not self.p.require_problem_continuing:
                return False  # this council reviews a problem that has stopped: noted, and the check goes on
            self.end_with("not_continuing", messages.has_stopped(self.p, s), "stopped",
                          self.p.signposts.get("not_continuing", ()))
            return True
        if f.ongoing_complaint:
            s["ongoing_complaint"] = True
            self.end_with("ongoing_complaint", messages.complaint_open(self.p, s), "complaint_open",
                          self.p.signposts.get("ongoing_complaint", ()))
            return True
        if f.crime:
            hate = f.crime == "hate_crime"
            self.say(messages.crime(self.p, mid_form=False, hate=hate))
            self.signposted(messages.crime_keys(self.p, hate))
            s["crime_noted"] = True
            s["crime"] = f.crime
            if f.report_count or s.get("opening_reports") or s.get("route"):
                s["asb_too"] = True  # crime as well as anti-social behaviour already reported: carry on
        return False

    # -- answers -----------------------------------------------------------------------------------

    def take(self, slot: str, reading: Answer) -> None:
        s = self.s
        values = dict(reading.values)
        s["tries"] = {k: v for k, v in (s.get("tries") or {}).items() if k != slot and not k.startswith("_same:")}
        if reading.say:
            self.say(reading.say)
        told = values.pop("_told", None)
        report_update = values.pop("_report", None)
        correct_last = values.pop("_correct_last", None)
        told_more = values.pop("_told_more", None)
        nothing = values.pop("_nothing", None)
        outside = values.pop("_outside_hint", None)
        if values.pop("_org_unknown", None):
            report_update = {**(report_update or {}), "org_unknown": True}
        opening_reports = values.pop("opening_reports", None)
        also = values.pop("_also", None)
        if values.pop("_never_reported", None):
            # "this is the first time I've told anyone": the seed's three ways to report
            return self.end_with("first_report", messages.first_time(self.p, s), "never_reported",
                                 self.p.signposts.get("first_report", ()))
        for key, value in values.items():
            s[key] = value
        if slot == "danger_now" and s.get("danger_now") is True:
            # "Yes, someone is in danger": 999 first, and nothing else until they are safe; the question is
            # asked again when they carry on
            s["danger_now"] = None
            self.say(messages.danger(self.p, mid_form=False))
            self.signposted(["emergency"])
            s["paused"] = "danger"
            return
        if slot == "danger_now" and s.get("danger_now") is False and s.get("held_opening"):
            held = s.pop("held_opening")
            if self.absorb_opening(held, facts_module.read_facts(held, self.p)):
                return
        if slot in ("ongoing_complaint", "problem_continuing", "no_action_taken"):
            s.update(flow.answered(s, slot))
        if outside and s.get("in_area") is None:
            s["outside_hint"] = outside
        if opening_reports:
            self.keep_told_reports(opening_reports)
        if report_update:
            s["report"] = {**current(s), **report_update}
        if told is not None:
            if report_update and s.get("report") and \
                    flow.report_question(s["report"], s, self.p, self.window) is None:
                self.settle_reports()  # this report is complete: the one just told comes after it
                if s.get("progress"):
                    self.say(s.pop("progress").split("\n")[0])
            self.take_told(told, slot if not report_update else "another_report")
        if correct_last is not None:
            self.correct_last(correct_last)
        if told_more is not None:
            s["outcome_asked"] = False
            self.say("That sounds like another report. I'll add it.")
            s["reports_done"] = False
            self.take_told(told_more, "report")
        if slot == "reports_outcome":
            s["outcome_asked"] = True
            if nothing and s.get("no_action_taken") is None:
                s["no_action_taken"] = True
                s.update(flow.answered(s, "no_action_taken"))
        if "another_report" in s:
            said = s.pop("another_report", None)
            if said is False:
                count = facts_module.read_facts(s.get("first_message") or "", self.p).report_count
                if count and count > len(s.get("reports") or []) and not s.get("count_checked"):
                    # "I've reported it 3 times" but only one told: ask once about the others
                    s["count_checked"] = True
                    n = len(s.get("reports") or [])
                    return self.ask("another_report", again=True,
                                    hint=f"You said it was reported {count} times, and I have {n}. If you can, tell "
                                         "me about another one. If you can't remember them, say no.")
                s["reports_done"] = True
            elif said is True:
                s["next_report"] = True
        if slot == "reports_confirm":
            self.confirmed_reports(s.pop("reports_confirm"))
            if also:
                self.also_reports(read_reports(also, self.today, self.e.reader))
        if slot == "asb_too" and s.get("asb_too") and says_what_happens(self.text) and \
                len(re.findall(r"[A-Za-z']+", self.text)) >= 6:
            self.add_to_story(self.text)  # "yes the shouting and people using the stairs as a toilet": beside the crime
        if slot == "asb_too" and s.get("asb_too") is False:
            s["general_crime_only"] = True
            s["hate_crime"] = s.get("crime") == "hate_crime"
            return self.end_decision(conversation.decision(s, self.p, self.today), ended_by="crime_only")
        if slot == "applying_for" and s.get("applying_for") == "someone_else":
            self.say("You can apply for someone else, as long as they agree.")
        if slot not in ("report", "report_date", "report_organisation", "another_report", "report_reporter",
                        "report_details", "reports_outcome", "asb_description", "asb_impact", "vulnerability",
                        "contact_notes", "asb_location", "asb_since"):
            self.use_facts(facts_module.read_facts(self.text, self.p), self.text)
        elif slot in ("asb_description", "asb_impact"):
            f = facts_module.read_facts(self.text, self.p)
            if f.continuing and s.get("problem_continuing") is None and slot == "asb_description":
                # what they do "every night" is still happening; feeling "on edge all the time" says nothing of it
                s["problem_continuing"] = True
            if f.since and s.get("asb_since") is None and slot == "asb_description":
                s["asb_since"] = f.since
            if f.crime and not s.get("crime_noted"):
                self.use_facts(f, self.text)
        if self.stopping_answer(slot):
            return
        self.next()

    def stopping_answer(self, slot: str) -> bool:
        """An answer that ends the application: explained, with its signposts."""
        s = self.s
        if slot in STOPPING and s.get(slot) is STOPPING[slot]:
            if slot == "consent_to_share":
                self.say(messages.no_share_consent(self.p))
                self.signposted(["community_safety_team"])
                s["paused"] = "ended"
                s["ended_by"] = slot
                s["asking"] = None
                return True
            decision = conversation.decision(s, self.p, self.today)
            if not decision.eligible:
                self.end_decision(decision, ended_by=slot)
                return True
        return False

    # -- reports ------------------------------------------------------------------------------------

    def take_told(self, told: ToldReports, slot: str) -> None:
        s = self.s
        s["next_report"] = None
        before = current(s) if (current(s) or {}).get("date") else (s.get("reports") or [None])[-1]
        for r in told.reports[:1]:
            later = after_report(told.text, before, self.today) if not r.date else None
            if later is not None:
                set_date(r, later)  # "police again 2 weeks later": two weeks after the report told before
        records = [r.record() for r in told.reports]
        before = current(s) or ((s.get("reports") or [None])[-1])
        if before and re.search(r"\b(?:them|they|the same (?:people|team|place|number|ones?)|again)\b", told.text, re.I):
            for r in records:
                if not r.get("organisation") and before.get("organisation"):
                    # "then on the 20th I rang them again": the same organisation as the report before
                    for key in ("organisation", "category", "say", "ambiguous"):
                        r[key] = before.get(key)
        place = re.search(r" to (.+)$", s.get("report_hint") or "")
        if place and any(not r.get("organisation") for r in records):
            # "I've rung the council 4 times" and then only the dates: each to the council
            named = read_reports(f"reported it to {place.group(1)}", self.today, self.e.reader).reports
            for r in records:
                if named and not r.get("organisation"):
                    r.update({k: named[0].record().get(k) for k in ("organisation", "category", "say", "ambiguous")})
        counted = any(r.get("counted") for r in records)
        for r in records:
            if counted and not r.get("counted"):
                r["count_told"] = True  # "3 times, most recently last night": last night is one of the 3
            if told.no_reference and not (r.get("reference") or r.get("person")):
                r["details_asked"] = True
            if r.get("date_problem"):
                self.say(r["date_problem"])
            r.pop("date_problem", None)
            r.pop("start", None)
        if told.no_reference and not records and current(s):
            s["report"] = {**current(s), "details_asked": True}
        if not records:
            return
        cur = current(s)
        if cur and slot != "another_report" and _fits(cur, records[0]):
            if cur.get("reporter") and records[0].get("person") and \
                    set(records[0]["person"].lower().split()) & set(cur["reporter"].lower().split()):
                records[0]["person"] = None  # "Mr Banerjee at no. 6 called 101": he reported it, didn't take it
            cur.update({k: v for k, v in records[0].items() if v not in (None, False) and not cur.get(k)})
            if records[0].get("organisation") and slot in ("report_organisation", "report_reporter",
                                                            "report_org_category"):
                cur.update({k: records[0][k] for k in ("organisation", "category", "say", "ambiguous")})
            s["report"] = cur
            records = records[1:]
        elif cur:
            s["queue"] = list(s.get("queue") or []) + [cur]
            s["report"] = None
        if not records:
            return
        one_at_a_time = s.get("one_at_a_time")
        s["one_at_a_time"] = None
        if len(records) > 1 and not s.get("report") and not one_at_a_time:
            for r in records:
                if not (r.get("reference") or r.get("person")):
                    r["details_asked"] = True  # one question less for each: references can be added at the end
            s["confirming"] = records
            return
        if not s.get("report"):
            s["report"] = records[0]
            records = records[1:]
        s["queue"] = list(s.get("queue") or []) + records

    def confirmed_reports(self, yes: bool) -> None:
        s = self.s
        confirming = list(s.get("confirming") or [])
        s["confirming"] = None
        if yes:
            confirming = [{**r, "grouped": True} for r in confirming]  # said back already: not again one by one
            s["report"] = confirming[0] if confirming else None
            s["queue"] = confirming[1:] + list(s.get("queue") or [])
        else:
            s["one_at_a_time"] = True
            s["next_report"] = True  # the open question again, for the first of them
            self.say("Sorry. Let's take them one at a time.")

    def also_reports(self, told: ToldReports) -> None:
        """One more told when the ones heard were read back: after them, in the order told."""
        records = []
        for r in told.reports:
            record = r.record()
            if record.get("date_problem"):
                self.say(record["date_problem"])
            record.pop("date_problem", None)
            record.pop("start", None)
            records.append(record)
        self.s["queue"] = list(self.s.get("queue") or []) + records

    def correct_last(self, told: ToldReports) -> None:
        s = self.s
        done = list(s.get("reports") or [])
        if not done or not told.reports:
            return
        last = dict(done[-1])
        fix = told.reports[0].record()
        changed = []
        if fix.get("date"):
            for k in ("date", "earliest", "latest", "approximate", "date_text"):
                last[k] = fix.get(k)
            changed.append(messages.when(last))
        if fix.get("organisation"):
            for k in ("organisation", "category", "say", "ambiguous"):
                last[k] = fix.get(k)
            changed.append(fix.get("say") or fix.get("organisation"))
        if fix.get("reference"):
            last["reference"] = fix["reference"]
            changed.append(f"reference {fix['reference']}")
        done[-1] = last
        s["reports"] = done
        if changed:
            self.say(f"I've changed that report: {', '.join(changed)}.")

    def merge_report(self, cur: Dict[str, Any]) -> None:
        """The report told again: one report, with the more exact date and every detail given."""
        s = self.s
        done = list(s.get("reports") or [])
        i = cur.pop("same_as")
        old = dict(done[i])
        span = lambda r: (r.get("latest") or "") > (r.get("earliest") or "") and \
            (date.fromisoformat(r["latest"]) - date.fromisoformat(r["earliest"])).days
        if cur.get("earliest") and (not old.get("earliest") or (span(cur) or 0) < (span(old) or 0)):
            for k in ("date", "earliest", "latest", "approximate", "date_text"):
                old[k] = cur.get(k)
        for k in ("reference", "person", "outcome"):
            if cur.get(k) and not old.get(k):
                old[k] = cur[k]
        done[i] = old
        s["reports"] = done
        s["report"] = None
        say = old.get("say") or old.get("organisation") or "them"
        self.say(f"Thank you. I've kept that as report {i + 1}: {say}, {messages.when(old)}.")

    def fill_count(self, cur: Dict[str, Any], i: int) -> None:
        """One of the times counted earlier, now told: it takes that report's place, with its own details."""
        s = self.s
        done = list(s.get("reports") or [])
        filled = {**done[i], **{k: v for k, v in cur.items() if v not in (None, False)}}
        for k in ("date", "earliest", "latest", "approximate", "date_text"):
            filled[k] = cur.get(k)
        filled.pop("counted", None)
        done[i] = filled
        s["reports"] = done
        s["report"] = None
        say = filled.get("say") or filled.get("organisation") or "them"
        ref = f", reference {filled['reference']}" if filled.get("reference") else ""
        s["progress"] = (f"Thank you. That's one of the times you told me about, so it's report {i + 1}: "
                         f"{say}, {messages.when(filled)}{ref}.")

    def settle_reports(self) -> bool:
        """Moves a complete report to the list and says it back with the progress. True when it asked
        something (the next report's question), or ended the conversation."""
        s = self.s
        while True:
            if s.get("opening_reports") and not s.get("report") and not s.get("confirming") and \
                    not s.get("reports") and flow.next_question(s, self.p, self.window) == "report":
                text = s.pop("opening_reports")
                told = read_reports(text, self.today, self.e.reader)
                if not REPORTING_WORD.search(text):
                    # a story with a date in it ("he smashed my car window on the 14th") is not a report
                    told.reports = [r for r in told.reports if r.organisation]
                if told.found:
                    if text != self.text:
                        self.say(f"You told me: \"{_short(text)}\".")
                    self.take_told(told, "report")
                    if s.get("confirming"):
                        return False
            cur = s.get("report")
            if cur and flow.report_question(cur, s, self.p, self.window) is None and cur.get("same_as") is not None:
                if (s.get("reports") or [])[cur["same_as"]].get("counted"):
                    self.fill_count(cur, cur.pop("same_as"))  # one of the times counted before, now told
                    if s.get("queue"):
                        s["report"] = s["queue"].pop(0)
                        continue
                    return False
                self.merge_report(cur)
                continue
            if cur and flow.report_question(cur, s, self.p, self.window) is None:
                done = list(s.get("reports") or []) + [cur]
                s["reports"] = done
                s["report"] = None
                decision = conversation.decision(s, self.p, self.today)
                decided = decision.reports[len(done) - 1] if len(decision.reports) >= len(done) else None
                say = cur.get("say") or cur.get("organisation") or "them"
                recap = messages.report_recap(cur, say, decided, self.p, by=s.get("route") == "five_individuals")
                if cur.get("grouped") and decided is not None and decided.counts:
                    recap = ""
                queue = list(s.get("queue") or [])
                if queue:
                    s["report"] = queue.pop(0)
                    s["queue"] = queue
                    self.say(recap)
                    continue
                if not recap:
                    recap = "Thank you."
                s["progress"] = f"{recap}\n{messages.progress(decision, len(done), self.p)}"
                if decision.routes[decision.route].met:
                    s["progress"] += " You don't need to add more, but you can."
                return False
            return False

    # -- what next --------------------------------------------------------------------------------------

    def next(self) -> None:
        s = self.s
        for _ in range(50):  # each step fills something; this only guards against a loop
            self.settle_reports()
            slot = flow.next_question(s, self.p, self.window)
            if slot == "another_report" and s.get("reports_done") is None and s.get("queue"):
                s["report"] = s["queue"].pop(0)
                continue
            if s.get("reports_done") and not s.get("reports_checked"):
                s["reports_checked"] = True
                decision = conversation.decision(s, self.p, self.today)
                if not decision.routes[decision.route].met:
                    return self.end_decision(decision)
            if slot == "asb_description" and s.get("first_message") and says_what_happens(s["first_message"]):
                s["asb_description"] = s["first_message"]
                continue
            if slot == "no_action_taken":
                outcomes = [r.get("outcome") or s.get("reports_outcome") for r in s.get("reports") or []]
                if outcomes and all(o and _NOTHING.search(o) and not SOME_ACTION.search(o) for o in outcomes):
                    s["no_action_taken"] = True  # "they never rang back", for every report
                    continue
            if slot == "preferred_contact":
                only = flow.single_contact_method(s)
                if only:
                    s["preferred_contact"] = only
                    continue
                if s.get("contact_phone") and not s.get("contact_email") and not s.get("contact_address"):
                    # only a phone: a call, unless they say "text me instead" at the next question (one less question)
                    s["preferred_contact"] = "phone"
                    s.update(flow.answered(s, "preferred_assumed"))
                    continue
            if slot == "consent_to_share" and not s.get("decision_said"):
                decision = conversation.decision(s, self.p, self.today)
                if not decision.eligible:
                    return self.end_decision(decision)
                s["decision_said"] = True
                self.say(messages.decision_eligible(decision, s, self.p))
            if slot == "in_area" and s.get("asb_location"):
                area = read_area(s["asb_location"], self.p)
                if area.inside is True:
                    s["in_area"] = True
                    continue
            if slot is None:
                return self.finish()
            return self.ask(slot)
        return self.ask("summary_confirmed")

    def ask(self, slot: str, again: bool = False, lead: str = "", hint: Optional[str] = None,
            resume: bool = False) -> None:
        s = self.s
        question = QUESTIONS[slot]
        shown = dict(s.get("shown") or {})
        tries = (s.get("tries") or {}).get(slot, 0)
        view = {**s, "_today": self.today}
        if slot == "summary_confirmed" and not again:
            decision = conversation.decision(s, self.p, self.today)
            self.say(messages.summary(s, decision, self.p))
        if slot == "reports_confirm":
            self.say(_confirm_line(s.get("confirming") or [], self.p))
        attempt = 0 if resume else tries
        if again and attempt == 0:
            attempt = 1 if shown.get(slot) else 0
        text, buttons = question.wording(view, self.p, attempt)
        last = list(s.get("last_questions") or [])
        if last[-2:] == [text, text] or (again and last[-1:] == [text]):
            # never the same words three times in a row, nor twice after an interruption
            for other in (1, 2, 0):
                alt, alt_buttons = question.wording(view, self.p, other)
                if alt != text:
                    text, buttons = alt, alt_buttons
                    break
            else:
                text = "Sorry, once more: " + text
        progress = s.pop("progress", None)
        lead_text = lead
        if hint:
            lead_text = hint + "\n" + lead_text  # the reason on its own line, then the question
        if progress and slot in ("another_report", "report", "reports_outcome", "report_details", "report_date",
                                 "report_organisation", "report_reporter", "report_org_name",
                                 "report_org_category", "report_date_check", "asb_description", "asb_location"):
            lead_text = progress + "\n" + lead_text
        self.say(Reply((lead_text + text).strip(), buttons))
        shown[slot] = shown.get(slot, 0) + 1
        s["shown"] = shown
        s["last_questions"] = (last + [text])[-2:]
        s["asking"] = slot

    def unclear(self, slot: str, reading) -> None:
        s = self.s
        question = QUESTIONS[slot]
        hint = reading.hint if isinstance(reading, Unclear) else None
        unsure = answers.unsure(self.text, self.m.intent) or bool(re.search(r"\bnot sure\b", self.text, re.I))
        tries = dict(s.get("tries") or {})
        count = tries.get(slot, 0) + 1
        if unsure and count < 2 and question.explain is not None:
            count = 2  # "not sure" is an answer: explain the choice at once
        tries[slot] = count
        s["tries"] = tries
        if question.unsure is not None and count >= 3:
            return self.take(slot, question.unsure(self.ctx()))
        if count >= 4:
            # asked and explained, and there is no "not sure" answer to take: stop asking, keep everything
            self.say(messages.cannot_go_on(self.p, about_reports=slot.startswith("report")))
            s["paused"] = "stopped"
            tries[slot] = 2  # "carry on" asks it again in other words, with the explanation next
            return None
        if hint == "refused":
            self.say(messages.anonymous(self.p))
            return self.ask(slot, again=True)
        if hint == "describe":
            hint = messages.DESCRIBE_REPORTER
        elif hint == "changed":
            hint = None
        if count >= 3:
            hint = (hint + " " if hint else "") + (f"If it's easier, you can call the {self.p.council.team} on "
                                                 f"{self.p.contacts['community_safety_team'].phone}.")
        if not hint and not unsure:
            hint = "Sorry, I didn't understand that."
        self.ask(slot, again=True, hint=hint)

    # -- the end --------------------------------------------------------------------------------------

    def end_with(self, outcome: str, reply: Reply, ended_by: str, keys) -> None:
        s = self.s
        self.say(reply)
        self.signposted(keys)
        s["outcome"] = outcome
        s["paused"] = "ended"
        s["ended_by"] = ended_by
        s["asking"] = None

    def end_decision(self, decision, ended_by: Optional[str] = None) -> None:
        s = self.s
        progress = s.pop("progress", None)
        if progress:
            self.say(progress.split("\n")[0])
        self.say(messages.decision_not_eligible(decision, s, self.p))
        self.signposted([x["key"] for x in decision.signposts] + ["emergency"])
        s["outcome"] = decision.outcome
        s["paused"] = "ended"
        s["ended_by"] = ended_by or "reports"
        s["asking"] = None

    def after_end(self, word: Optional[str]) -> None:
        """After an ending: a correction of the answer that ended it reopens the application."""
        s = self.s
        ended_by = s.get("ended_by")
        text = self.text
        if word == interruptions.RESTART:
            return self.restart()
        if word in (interruptions.THANKS, interruptions.GOODBYE) or re.match(r"^\W*(?:that'?s all|no,? thanks?|"
                                                                             r"ok(?:ay)?|no)\W*(?:thanks?)?\W*$",
                                                                             text, re.I):
            self.say(messages.goodbye(self.p))
            return
        if word == interruptions.PERSON:
            self.say(messages.human_handoff(self.p))
            return
        topic = interruptions.faq_topic(text)
        if topic:
            self.say(messages.answer(topic, self.p))
            self.say(messages.anything_else(self.p))
            return
        if ended_by in OPENING_EXCLUSIONS:
            if self.reopen_opening(ended_by):
                return
        elif ended_by in STOPPING and (word == interruptions.CARRY_ON or re.search(
                r"\b(?:go back|wrong|mistake|meant|actually|change)\b", text, re.I)):
            s[ended_by] = None
            s["answered"] = [a for a in (s.get("answered") or []) if a != ended_by]
            s["paused"] = s["outcome"] = s["ended_by"] = None
            s["decision_said"] = None
            self.say(messages.resume(recheck=True))
            return self.ask(ended_by, again=True)
        elif ended_by in STOPPING:
            reading = QUESTIONS[ended_by].read(text, self.ctx())
            if isinstance(reading, Answer) and reading.values.get(ended_by) is not STOPPING[ended_by]:
                s["paused"] = s["outcome"] = s["ended_by"] = None
                s["decision_said"] = None
                return self.take(ended_by, reading)
        elif ended_by == "reports" and _PUTS_RIGHT.search(text) and \
                isinstance(read_correction(text, s, self.e.reader, self.today), Correction):
            correction = read_correction(text, s, self.e.reader, self.today)
            s.update(correction.updates)
            self.say(correction.said)
            decision = conversation.decision(s, self.p, self.today)
            if decision.routes[decision.route].met:
                s["paused"] = s["outcome"] = s["ended_by"] = None
                return self.next()
            return self.end_decision(decision)
        elif ended_by == "reports" and (read_reports(text, self.today, self.e.reader).found or
                                        re.search(r"\b(?:another|more|forgot|also)\b.*\breport", text, re.I)):
            # another report remembered after "not enough": add it
            s["paused"] = s["outcome"] = s["ended_by"] = None
            s["reports_done"] = False
            s["reports_checked"] = None
            told = read_reports(text, self.today, self.e.reader)
            if told.found:
                self.take_told(told, "report")
                return self.next()
            return self.ask("report")
        self.say(messages.anything_else(self.p))

    def reopen_opening(self, ended_by: str) -> bool:
        s = self.s
        text = self.text
        told = read_reports(text, self.today, self.e.reader)
        f = facts_module.read_facts(text, self.p)
        yes_reported = bool(re.search(r"\b(?:i|we|she|he|they)\s+(?:have|'ve|did|had)\b.*\b(?:report|told|rang|"
                                      r"called|contact)|\breported it before\b|\bi have reported\b", text, re.I))
        reopen = {
            "never_reported": told.found or yes_reported or (f.report_count or 0) > 0,
            "stopped": f.continuing or bool(re.search(r"\b(?:still|started again|back again|again|ongoing)\b",
                                                      text, re.I)),
            "complaint_open": bool(re.search(r"\b(?:finished|closed|over|resolved|report|not a complaint|no "
                                             r"complaint)\b", text, re.I)),
            "crime_only": answers.yes_no(text) is True or told.found,
        }.get(ended_by, False)
        if not reopen:
            return False
        s["paused"] = s["outcome"] = s["ended_by"] = None
        if ended_by == "stopped":
            s["problem_continuing"] = True
        if ended_by == "complaint_open":
            s["ongoing_complaint"] = False
            s.update(flow.answered(s, "ongoing_complaint"))
        if told.found:
            self.keep_told_reports(text)
        self.say("Thank you. Let's check.")
        self.next()
        return True

    def after_saved(self, word: Optional[str]) -> None:
        s = self.s
        if word == interruptions.RESTART:
            return self.restart()
        if word in (interruptions.THANKS, interruptions.GOODBYE):
            self.say(messages.goodbye(self.p))
            return
        topic = interruptions.faq_topic(self.text)
        if topic:
            self.say(messages.answer(topic, self.p))
            return
        self.say(messages.saved(s["draft_reference"], self.p, s.get("preferred_contact"), already=True))

    def finish(self) -> None:
        """Everything is in and confirmed: save the draft and give its reference."""
        s = self.s
        decision = conversation.decision(s, self.p, self.today)
        if not decision.eligible:
            return self.end_decision(decision)
        if self.e.save is None:
            raise RuntimeError("no drafts store")
        # conversation_id keeps one draft per application; sender_id is the chat whose transcript staff read.
        record = conversation.application_record(
            s, conversation_id=f"{self.conversation_id}:{s.get('application_id') or '1'}",
            sender_id=self.conversation_id)
        try:
            reference, created = self.e.save(record, decision)
        except self.e.store_errors:
            self.say(messages.save_failed(self.p))
            s["paused"] = "save_failed"
            s["asking"] = None
            return
        s["draft_reference"] = reference
        s["paused"] = None
        s["asking"] = None
        s["outcome"] = "eligible"
        self.saved = reference
        self.signposted([x["key"] for x in decision.signposts])
        self.say(messages.saved(reference, self.p, s.get("preferred_contact"), already=not created))

    # -- the summary ---------------------------------------------------------------------------------------

    def summary_answer(self) -> None:
        s = self.s
        text = self.text
        answer = answers.yes_no(text, self.m.intent)
        if answer is True or re.match(r"^\W*(?:yes|yeah|yep|correct|that'?s (?:all )?(?:right|correct)|all "
                                      r"(?:good|correct|right)|perfect|looks (?:good|right|fine)|spot on|send it|"
                                      r"submit)\b(?!.*\b(?:but|except|change|wrong|should be|actually)\b)", text, re.I):
            s["summary_confirmed"] = True
            return self.next()
        adding = s.pop("adding_report", None)
        result = read_correction(("I also " + text) if adding else text, s, self.e.reader, self.today)
        if isinstance(result, CorrectionProblem) and re.search(r"\b(?:add|another report|one more|forgot)\b", text, re.I) \
                and not adding:
            s["adding_report"] = True  # "add another report": the next message is the report to add
            self.say(Reply("Tell me about the report to add: who it was made to, when, and any reference number, "
                           "for example \"I also rang the police on 3 March\"."))
            return
        if isinstance(result, Correction):
            s.update(result.updates)
            self.say(result.said)
            decision = conversation.decision(s, self.p, self.today)
            if not decision.eligible:
                return self.end_decision(decision)
            return self.ask("summary_confirmed", again=True)
        if isinstance(result, CorrectionProblem):
            last = list(s.get("last_questions") or [])
            if result.message.rstrip().endswith("?") and result.message not in last:
                self.say(result.message)  # "Which one do you mean: report 1 or report 2?" is the one question
                s["last_questions"] = (last + [result.message])[-2:]
                return
            return self.ask("summary_confirmed", again=True, hint=result.message)
        if (answer is False or re.search(r"\bchange\b|\bwrong\b|\bmistake\b|\bnot right\b|\bincorrect\b", text, re.I)) \
                and not s.get("change_asked"):
            s["change_asked"] = True
            self.say(Reply("What would you like to change? Tell me in your own words, for example \"the second "
                           "report was on the 4th\", \"remove report 3\" or \"my phone number is 07700 900123\"."))
            return
        if self.interruption():
            return
        cst = self.p.contacts["community_safety_team"].phone
        self.ask("summary_confirmed", again=True,
                 hint="Sorry, I couldn't tell what to change. You can say, for example, \"the second report was on "
                      "the 4th\", \"remove report 3\" or \"my phone number is 07700 900123\". If it's easier, the "
                      f"{self.p.council.team} can correct it with you on {cst}: say yes to send it as it is.")


def _clean(text: str) -> str:
    """A message as the readers take it: one line, plain apostrophes, and without the control and direction
    characters the drafts store refuses (nobody types them on purpose, and an answer must still save)."""
    return " ".join(without_unsafe_characters(text[:MAX_CHARS]).replace("\u2019", "'").split())


def _fingerprint(text: str) -> str:
    """A short digest of a message (to notice the same words again without keeping them)."""
    return hashlib.sha256(" ".join(text.lower().split()).encode("utf-8", "replace")).hexdigest()[:12]


def _fits(current_report: Mapping[str, Any], told: Mapping[str, Any]) -> bool:
    """Whether what was just told is more of the report being told (not a new one)."""
    for key in ("organisation", "date"):
        if current_report.get(key) and told.get(key) and current_report[key] != told[key]:
            if key == "organisation" and (told.get("category") == current_report.get("category") or
                                          current_report.get("ambiguous") or current_report.get("org_unknown")):
                continue
            return False
    return True


# an address said in passing: a full postcode, or a house number and a street ("14 Cedar Road")
_ADDRESS = re.compile(POSTCODE.pattern + r"|\b\d{1,4}[a-z]?,? [A-Z][a-z]+(?: [A-Z][a-z]+)? (?:Road|Rd|Street|St|Avenue|Ave|"
                      r"Lane|Close|Drive|Way|Gardens|Crescent|Court|Place|Grove|Hill|Park|Terrace|Walk|Mews|Rise)\b",
                      re.I)


# "I'm Sarah Ellis, her daughter": their own name, said as such and written as a name
_SAYS_OWN_NAME = re.compile(r"\b(?:[Mm]y name is|[Mm]y name'?s|I'?m|I am|[Tt]his is|[Ii]t'?s)\s+([A-Z][a-z'-]+(?: [A-Z][a-z'-]+)+)\b")


# a report put right or taken away, said in so many words
_PUTS_RIGHT = re.compile(r"\breport\s*\d|\b(?:first|second|third|fourth|fifth|last) (?:one|report)\b|\b(?:remove|delete|"
                         r"was on|wasn'?t|should be|should have said)\b", re.I)


# a name leading contact details: "Anna Webb, caseworker for the MP, anna.webb@example.org"
_NAME_FIRST = re.compile(r"\W*((?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? )?[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)+)\s*[,;-]")


# "writing for a constituent, Mr Joseph Mensah": the person applied for, named with a title where they are
# introduced (a name elsewhere may be the neighbour causing it)
_APPLYING_FOR_NAMED = re.compile(
    r"\b(?:[Ff]or|[Bb]ehalf of)\s+(?:(?:a|my|our|one of (?:my|our))\s+(?:elderly |vulnerable |older )?(?:constituent|client|"
    r"resident|tenant|neighbour|friend|service user|patient)s?,?\s+)?((?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? [A-Z][a-z'-]+"
    r"(?: [A-Z][a-z'-]+)?)\b")


def _joined(first: str, then: str) -> str:
    """Two things said, as one text: a full stop between them unless the first ends a sentence."""
    return f"{first} {then}" if re.search(r"[.!?]\s*$", first) else f"{first.rstrip()}. {then}"


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."


def _report_hint(count: Optional[int], place: Optional[str] = None) -> Optional[str]:
    if not count:
        return None
    return f"you've reported it {count} time{'s' if count != 1 else ''}" + (f" to {place}" if place else "")


def _confirm_line(reports: List[Mapping[str, Any]], policy: Policy) -> Reply:
    parts = []
    for r in reports:
        who = r.get("say") or r.get("organisation") or "someone"
        by = f"{r['reporter']} to " if r.get("reporter") and r["reporter"] != "the applicant" else ""
        parts.append(f"{by}{who}, {messages.when(r)}" if r.get("date") else f"{by}{who} (no date yet)")
    return Reply(f"I've got {len(reports)} reports: " + "; ".join(parts) + ".")
