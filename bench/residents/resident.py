"""The resident: given their story and the assistant's latest reply, what they type next.

The resident only ever says what is true in their scenario, in words from the phrase
bank. What the assistant is asking comes from ``questions.read`` (the only place that
knows the assistant's wording). Two modes: ``typed`` never presses a button;
``buttons`` presses an offered button whose title fits what they mean, and types
otherwise.

A real resident asked the same thing again says it differently, then more simply;
asked something they cannot make out, they say so ("sorry I don't understand"),
which is counted.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Dict, List, Optional, Tuple

from . import questions
from .phrases import Phrase, PhraseBank, choose
from .scenarios import ACTION_OUTCOMES as ACTION_MEANINGS, Answer, Report, Scenario, consistent

TODAY = date(2026, 11, 26)
REPORT_KINDS = {"report", "another_report", "report_details", "report_outcome", "report_date", "report_organisation",
                "report_reporter", "confirm_readback", "report_incident"}
YES_NO_KINDS = {"danger_now", "victim_consent", "ongoing_complaint", "problem_continuing", "no_action_taken",
                "consent_to_share", "another_report", "in_barnet", "offer_check", "carry_on", "confirm_readback", "asb_too",
                "summary_confirmation"}


@dataclass
class Say:
    """One resident message."""
    text: str                      # what is sent (a button's payload when one is pressed)
    shown: str                     # what the resident "typed" or the button's title
    kind: Optional[str]            # the question it answers (None: an interruption or nothing recognised)
    meaning: object = None
    button: bool = False
    event: Optional[str] = None    # opening / danger / question / correction / unrecognised / nudge
    note: str = ""

    @property
    def invites_repeat(self) -> bool:
        """After this message the assistant rightly asks its question again (the resident
        interrupted, or changed something at the summary): not a repeat when counting loops."""
        return self.event in ("danger", "question", "correction") or self.note.startswith(
            ("the report to add", "tells the report again", "correction said again"))


@dataclass
class ToldReport:
    report: Report
    index: int                     # position in scenario.reports
    reference: Optional[str] = None
    person: Optional[str] = None
    reporter_named: bool = False
    answered: Counter = field(default_factory=Counter)


def _ranges_shown(text: str):
    """The "between X and Y" ranges a reply shows."""
    out = []
    for line in questions.content_lines(text):
        found = questions.dates_in(line, TODAY)
        if re.search(r"\bbetween\b", line, re.I) and len(found) == 2:
            out.append((min(found), max(found)))
    return out


class Resident:
    def __init__(self, scenario: Scenario, bank: PhraseBank, mode: str = "typed", seed: int = 0):
        assert mode in ("typed", "buttons")
        self.s = scenario
        self.bank = bank
        self.mode = mode
        self.rng = random.Random(f"{scenario.id}/{mode}/{seed}")
        self.story = scenario.draft()
        self.weights = scenario.style_weights
        self.queue: List[int] = [i for i in range(len(scenario.messages)) if i != scenario.held_back]
        self.told: List[int] = []                       # messages told, in order
        self.reports: Dict[int, ToldReport] = {}        # scenario report index -> what was conveyed
        self.focus: Optional[int] = None                # the report being talked about
        self.announced: Optional[int] = None            # route B: a message whose reporter was named first
        self.turn = 0                                   # resident messages sent
        self.asked_in_a_row: Tuple[Optional[str], int] = (None, 0)
        self.pending: Optional[questions.Reading] = None  # the question put aside for an interruption
        self.events_done: set = set()
        self.removed = False
        self.added = False
        self.preferred = None
        self.correcting: Optional[int] = None           # a message to tell again after a correction
        self.summary_seen = 0
        self.summary_fixes = 0
        self.last_told_turn = -1
        self.notes: List[str] = []
        self.unrecognised = 0
        self._named_before_told: set = set()
        self.said: Dict[str, List[str]] = {}
        self.no_more = False              # said there are no more reports (and nothing told since)
        self.change_pressed = False
        self.bot_count: Optional[int] = None   # reports (or people) the assistant says it has
        self.retold: set = set()
        self.taken: set = set()                # told reports the assistant has read back
        self.last_answer: Optional[str] = None

    # -- what the judge needs to know --------------------------------------------------------
    def conveyed_reports(self) -> List[ToldReport]:
        """The reports the resident told and did not take back, in the order told."""
        out = []
        for mi in self.told:
            if self.removed and mi == self.s.removed:
                continue
            out += [t for t in self.reports.values() if t.report.message == mi]
        return out

    # -- the conversation --------------------------------------------------------------------
    def opening(self) -> Say:
        self.turn = 1
        return Say(self.s.opening, self.s.opening, None, event="opening")

    def respond(self, r: questions.Reading) -> Say:
        self.turn += 1
        self._track(r)
        ev = self.s.events
        mid_form = r.asks and r.kind not in (None, "summary_confirmation", "confirm_readback", "carry_on",
                                             "offer_check", "danger_now")
        if "danger_at" in ev and "danger" not in self.events_done and self.turn >= ev["danger_at"] and mid_form:
            self.events_done.add("danger")
            self.pending = r
            return Say(ev["danger_text"], ev["danger_text"], None, event="danger")
        if "question_at" in ev and "question" not in self.events_done and self.turn >= ev["question_at"] and mid_form:
            self.events_done.add("question")
            self.pending = r
            return Say(ev["question_text"], ev["question_text"], None, event="question")
        if r.kind is None and not r.asks:
            if self.pending is not None and self.pending.kind:
                # The interruption was answered without asking again: answer what was put aside.
                pending, self.pending = self.pending, None
                return self._answer(pending, note="answers the question put aside")
            self.notes.append("nothing asked")
            p = self._phrase("nudge", None)
            return Say(p.text, p.text, None, event="nudge")
        self.pending = None
        if r.kind is None:
            return self._unrecognised(r)
        return self._answer(r)

    # -- bookkeeping from what the assistant said ---------------------------------------------
    def _track(self, r: questions.Reading) -> None:
        key = questions.question_key(r)
        kind, n = self.asked_in_a_row
        self.asked_in_a_row = (key, n + 1) if key == kind else (key, 1)
        if self.last_answer in REPORT_KINDS or r.progress is not None:
            self._mark_taken(r)
        if r.progress is not None:
            self.bot_count = r.progress
            told = self._told_reports()
            if r.progress > len(told):
                self.notes.append(f"progress says {r.progress} reports, {len(told)} told")
            if told:
                self.focus = told[min(r.progress, len(told) - 1)].index

    def _told_reports(self) -> List[ToldReport]:
        return [t for mi in self.told for t in sorted(self.reports.values(), key=lambda t: t.index)
                if t.report.message == mi]

    @property
    def attempt(self) -> int:
        return self.asked_in_a_row[1]

    def tries(self, kind: str) -> int:
        """How many times this answer is being given: counted over the whole conversation
        (words that did not work are not tried again), except for questions rightly asked
        again and again (about each report, carry on)."""
        if kind in REPORT_KINDS or kind in ("carry_on", "danger_now", "offer_check", "summary_confirmation"):
            return self.attempt
        return max(self.attempt, len(self.said.get(kind, [])) + 1)

    # -- answering ----------------------------------------------------------------------------
    def _answer(self, r: questions.Reading, note: str = "") -> Say:
        k = r.kind
        handler = getattr(self, "_a_" + k, None)
        if handler is not None:
            say = handler(r)
        else:
            say = self._story_answer(r, k)
        if note and not say.note:
            say.note = note
        if say.kind and not say.button:
            self.said.setdefault(say.kind, []).append(say.text)
        self.last_answer = say.kind
        if k not in REPORT_KINDS:
            self.no_more = False
        return say

    def _story_answer(self, r: questions.Reading, kind: str) -> Say:
        """An answer the scenario has ready (its meaning fixed by the story)."""
        ans = self.s.answers.get(kind)
        if ans is None:
            return self._unrecognised(r)
        return self._reply(r, kind, ans.means, ans)

    def _reply(self, r: questions.Reading, kind: str, means, ready: Optional[Answer] = None,
               button_meaning=None) -> Say:
        """Press a fitting button (buttons mode) or type: the ready answer first; asked
        again, other words with the same meaning; the third time, the plainest."""
        if self.mode == "buttons":
            b = questions.button_for(r, kind, button_meaning if button_meaning is not None else means)
            if b:
                return Say(b[1], b[0], kind, means, button=True)
        tries = self.tries(kind)
        if ready is not None and tries <= 1:
            return Say(ready.text, ready.text, kind, means)
        if kind in PLAIN_FACTS and isinstance(means, str) and ready is not None:
            # A name, number or address asked for again: just that, nothing around it.
            plain = PLAIN_FACTS[kind](means)
            return Say(plain, plain, kind, means, note="said again, plainly")
        if ready is not None and kind in ("asb_location", "asb_description", "asb_since", "asb_impact",
                                          "vulnerability", "contact_notes", "preferred_contact"):
            options = [p for p in self.bank.answers_for(kind, means) if p.text not in self.said.get(kind, [])
                       and consistent(kind, p, self.story) and not p.extra.get("note")]
            if not options:
                return Say(ready.text, ready.text, kind, means, note="said again")
            p = self._plainest(options) if tries >= 3 else self._pick(options)
            return Say(p.text, p.text, kind, means, note="said again")
        p = self._phrase(kind, means, tries)
        return Say(p.text, p.text, kind, means, note="said again" if tries > 1 else "")

    def _phrase(self, kind: str, means, tries: Optional[int] = None) -> Phrase:
        base = self.bank.answers_for(kind, means)
        options = [p for p in base if consistent(kind, p, self.story) and not p.extra.get("note")]
        if not options and means in ("yes", "no"):
            options = self.bank.generic_yes_no(means)
        if not options:
            options = base or [Phrase(str(means), means, "terse", {}, "simulator")]
        fresh = [p for p in options if p.text not in self.said.get(kind, [])] or options
        if (tries or self.attempt) >= 3:   # third time of asking: the plainest words
            return self._plainest(fresh)
        return self._pick(fresh)

    def _plainest(self, options) -> Phrase:
        terse = [p for p in options if p.style == "terse"] or options
        return min(terse, key=lambda p: (len(p.text), p.text))

    def _pick(self, options) -> Phrase:
        return choose(self.rng, options, self.weights)

    def _unrecognised(self, r: questions.Reading) -> Say:
        if self.correcting is not None:
            mi, self.correcting = self.correcting, None
            return Say(self.s.messages[mi], self.s.messages[mi], "report", note="tells the report again to correct it")
        self.unrecognised += 1
        self.notes.append(f"did not understand: {r.question or r.text[-120:]!r}")
        p = self._phrase("confused", "confused")
        return Say(p.text, p.text, None, event="unrecognised")

    # yes / no questions whose answer comes from the story
    def _a_danger_now(self, r):
        return self._reply(r, "danger_now", "no", self.s.answers.get("danger_now"))

    def _a_carry_on(self, r):
        if self.mode == "buttons":
            b = questions.button_for(r, "carry_on", "yes")
            if b:
                return Say(b[1], b[0], "carry_on", "yes", button=True)
        p = self._phrase("carry_on", "yes")
        return Say(p.text, p.text, "carry_on", "yes")

    def _a_offer_check(self, r):
        return self._reply(r, "offer_check", "yes")

    # questions that ask two things at once: both are answered, as people mostly do
    def _a_asb_location_since(self, r):
        loc, since = self.s.answers.get("asb_location"), self.s.answers.get("asb_since")
        if loc is None or since is None or self.tries("asb_location_since") > 1:
            return self._reply(r, "asb_location", loc.means if loc else "in_borough", loc)
        text = f"{loc.text.rstrip(' .')}, {_since_words(since.text)}"
        return Say(text, text, "asb_location", loc.means)

    def _a_asb_description_continuing(self, r):
        # "What is happening, and is it still going on?": what they do, and whether it still does
        desc, cont = self.s.answers.get("asb_description"), self.s.answers.get("problem_continuing")
        if desc is None or cont is None or self.tries("asb_description_continuing") > 1:
            return self._reply(r, "asb_description", desc.means if desc else None, desc)
        if cont.means == "yes":
            tail = cont.text if len(cont.text.split()) >= 4 else "It's still going on."
        else:
            tail = cont.text if len(cont.text.split()) >= 4 else "It has stopped now."
        text = f"{desc.text.rstrip(' .')}. {tail}"
        return Say(text, text, "asb_description", desc.means)

    def _a_name_and_contact(self, r):
        name, contact = self.s.answers.get("applicant_name"), self.s.answers.get("contact")
        if name is None or contact is None or self.tries("name_and_contact") > 1:
            return self._reply(r, "applicant_name", name.means if name else None, name)
        text = f"{name.text.rstrip(' .')}, {contact.text}"
        return Say(text, text, "applicant_name", name.means)

    def _a_asb_too(self, r):
        # "Is there also anti-social behaviour that has been reported before?": yes unless only a crime
        # in a crime story the crime is the whole of it: there is no other anti-social behaviour
        return self._reply(r, "asb_too", "no" if self.s.crime else "yes")

    def _a_report_incident(self, r):
        # The stories' reports are each made the day it happened (no two on one day: scenarios._compatible).
        if self.mode == "buttons":
            b = questions.button_for(r, "report_incident", "same_day")
            if b:
                return Say(b[1], b[0], "report_incident", "same_day", button=True)
        text = self.rng.choice(["same day", "the same day", "it happened that day", "that day, I rang straight away",
                                "same day as I reported it"])
        return Say(text, text, "report_incident", "same_day")

    def _a_in_barnet(self, r):
        return self._reply(r, "in_barnet", "yes" if self.s.in_area else "no")

    def _a_victim_consent(self, r):
        if self.s.applying_for != "someone_else":
            return self._reply(r, "victim_consent", "yes")   # "do you agree?" asked of the victim themself
        return self._story_answer(r, "victim_consent")

    def _a_relationship(self, r):
        if self.s.applying_for != "someone_else":     # "how do you know them?" - "no, it's for me"
            say = self._reply(r, "applying_for", "myself", self.s.answers.get("applying_for"))
            say.kind = "relationship"
            return say
        return self._story_answer(r, "relationship")

    def _a_report_same(self, r):
        # "Is that the same report as report 1?": yes when telling again one already told
        return self._reply(r, "report_same", "yes" if self.focus in self.retold else "no")

    def _a_applying_for(self, r):
        # "Yourself, your business or community group, or someone else?": a shop owner or a group's
        # organiser picks the business or the group (asked only "yourself or someone else?", they say "me").
        vt = self.s.victim_type
        offered = r.text + " " + " ".join(t for t, _ in r.buttons)
        if self.s.applying_for != "someone_else" and vt in ("business", "community_group") and \
                re.search(r"\bbusiness\b|\bgroup\b", offered, re.I):
            if self.mode == "buttons":
                b = questions.button_for(r, "victim_type", vt)
                if b:
                    return Say(b[1], b[0], "applying_for", "myself", button=True)
            options = [p for p in self.bank.answers_for("victim_type", vt) if consistent("victim_type", p, self.story)]
            if options and self.tries("applying_for") <= 2:
                p = self._pick(options)
                return Say(p.text, p.text, "applying_for", "myself")
        return self._story_answer(r, "applying_for")

    def _a_victim_name(self, r):
        ans = self.s.answers.get("victim_name") or self.s.answers.get("applicant_name")
        return self._reply(r, "victim_name", ans.means, ans)

    def _a_contact(self, r):
        typo = self.s.answers.get("contact_typo")
        if typo is not None and "contact_typo" not in self.events_done:
            self.events_done.add("contact_typo")
            return Say(typo.text, typo.text, "contact", typo.means, note="mistyped")
        ans = self.s.answers["contact"]
        if typo is not None and self.said.get("contact") == [typo.text]:
            return Say(ans.text, ans.text, "contact", ans.means, note="the right one after a typo")
        return self._story_answer(r, "contact")

    def _a_preferred_contact(self, r):
        ans = self.s.answers.get("preferred_contact")
        means = self.preferred or (ans.means if ans else "phone")
        if ans is not None and means != ans.means:
            return self._reply(r, "preferred_contact", means)
        return self._reply(r, "preferred_contact", means, ans)

    def _a_route(self, r):
        if not self.s.messages:
            p = self._phrase("never_reported", None)
            return Say(p.text, p.text, "route", "never")
        return self._story_answer(r, "route")

    def _a_vulnerability(self, r):
        ans = self.s.answers["vulnerability"]
        return self._reply(r, "vulnerability", ans.means, ans)

    def _a_contact_notes(self, r):
        ans = self.s.answers.get("contact_notes")
        if ans is None:
            return self._reply(r, "contact_notes", "none")
        return self._reply(r, "contact_notes", ans.means, ans)

    # reports
    def _untold(self) -> List[int]:
        return [mi for mi in self.queue if mi not in self.told]

    def _mark_taken(self, r: questions.Reading) -> None:
        """Told reports the assistant reads back (a line naming a date of one, and no other
        organisation category than its own)."""
        for line in questions.content_lines(r.text):
            named = questions.categories_named(line)
            for d in dict.fromkeys(questions.dates_in(line, TODAY)):
                for t in self._told_reports():
                    if t.index in self.taken or (named and t.report.organisation not in named):
                        continue
                    rep = t.report
                    if (rep.date and date.fromisoformat(rep.date) == d) or (
                            rep.date_range and rep.date_range[0] <= d.isoformat() <= rep.date_range[1]):
                        self.taken.add(t.index)
                        break

    def _not_taken(self) -> List[ToldReport]:
        """Reports told in a message the assistant has not taken: its progress line ("that's
        1 report") says fewer than were told, and it never read these back. Told again, one
        at a time. (Without a progress line nothing is told twice.)"""
        told = [t for t in self._told_reports() if not (self.removed and t.report.message == self.s.removed)]
        if self.bot_count is None or self.bot_count >= len(told):
            return []
        return [t for t in told if t.index not in self.taken and t.index not in self.retold]

    def _tell(self, mi: int, kind: str = "report", note: str = "") -> Say:
        if mi not in self.told:
            self.told.append(mi)
            for i, rep in enumerate(self.s.reports):
                if rep.message == mi:
                    self.reports[i] = ToldReport(rep, i, rep.reference, rep.person,
                                                 reporter_named=i in self._named_before_told)
        firsts = [t for t in self._told_reports() if t.report.message == mi]
        self.focus = firsts[0].index if firsts else self.focus
        self.last_told_turn = self.turn
        self.no_more = False
        text = self.s.messages[mi]
        return Say(text, text, kind, "report", note=note)

    def _retell(self, t: ToldReport, note: str) -> Say:
        """One report of a message told again on its own, in words made from its facts."""
        self.retold.add(t.index)
        self.focus = t.index
        self.no_more = False
        text = say_report(t.report, self.rng)
        return Say(text, text, "report", "report", note=note)

    def _a_report(self, r):
        if self.correcting is not None:
            mi, self.correcting = self.correcting, None
            return self._tell(mi, note="tells the report again to correct it")
        if self.told and self.last_told_turn == self.turn - 1 and self.attempt >= 2:
            return self._tell(self.told[-1], note="says the report again")
        if self.announced is not None:
            target, self.announced = self.announced, None
            t = self.reports.get(target)
            if t is not None:            # part of a message already told: that report on its own
                return self._retell(t, "the report of the person just named")
            return self._tell(self.s.reports[target].message)
        untold = self._untold()
        if untold:
            return self._tell(untold[0])
        rest = self._not_taken()
        if rest:
            return self._retell(rest[0], "a report the assistant did not take from an earlier message")
        if not self.s.messages:
            p = self._phrase("never_reported", None)
            return Say(p.text, p.text, "report", "never")
        self.no_more = True
        return self._no_more(r, "report")

    def _report_instead(self, r, kind: str) -> Say:
        if not self._untold() and not self._not_taken():
            return self._unrecognised(r)
        say = self._a_report(r)
        say.kind = kind
        return say

    def _a_another_report(self, r):
        more = bool(self._untold() or self._not_taken())
        self.no_more = not more
        if more and re.match(r"\s*tell me about", r.question, re.I) and \
                self.rng.random() < 0.7:
            return self._a_report(r)  # asked for the report itself: most people just tell it
        return self._reply(r, "another_report", "yes" if more else "no")

    def _no_more(self, r, kind: str) -> Say:
        """Asked about a report that does not exist (after saying there are no more)."""
        say = self._reply(r, "another_report", "no")
        say.kind, say.note = kind, "there is no other report"
        return say

    def _which(self, r, kind: str) -> Optional[ToldReport]:
        """The report a follow-up question is about: the one it names, else the one in focus."""
        told = self._told_reports()
        if not told:
            return None
        focus = self.reports.get(self.focus) if self.focus is not None else told[-1]
        same = [t for t in told if focus and t.report.message == focus.report.message] or told
        cats = questions.categories_named(r.question)
        named = [t for t in same if t.report.organisation in cats] if cats else []
        dates = questions.dates_in(r.question, TODAY)
        if dates:
            named = [t for t in (named or same) if t.report.date and date.fromisoformat(t.report.date) in dates] or named
        pool = named or ([focus] if focus else same)
        return min(pool, key=lambda t: (t.answered[kind], t.index))

    def _a_report_details(self, r):
        if self.no_more and not self._untold():
            return self._no_more(r, "report_details")
        if self.announced is not None:     # named a person, not yet said what they reported: say it
            say = self._a_report(r)
            say.kind = "report_details"
            return say
        t = self._which(r, "report_details")
        if t is None:                      # asked about a report before any was told: tell one
            return self._report_instead(r, "report_details")
        t.answered["report_details"] += 1
        again = t.answered["report_details"] > 1
        rep = t.report
        if rep.reference or rep.person:
            text = rep.reference or rep.person
            t.reference, t.person = rep.reference, rep.person
            return Say(text, text, "report_details", "reference" if rep.reference else "person")
        ans = rep.details or Answer("no", "none")
        means = ans.means
        if self.mode == "buttons" and means == "none":
            b = questions.button_for(r, "report_details", "none")
            if b:
                return Say(b[1], b[0], "report_details", means, button=True)
        t.reference = ans.extra.get("reference") or t.reference
        t.person = ans.extra.get("person") or t.person
        if again and (t.reference or t.person):
            text = t.reference or t.person    # asked again: just the number (or name)
            return Say(text, text, "report_details", means, note="said again")
        if again:                             # asked again: another way of saying there is none
            options = [p for p in self.bank.answers_for("report_details", "none")
                       if p.text not in self.said.get("report_details", []) and not p.extra.get("note")]
            if options:
                p = self._plainest(options) if t.answered["report_details"] >= 3 else self._pick(options)
                return Say(p.text, p.text, "report_details", "none", note="said again")
        return Say(ans.text, ans.text, "report_details", means)

    def _a_report_outcome(self, r):
        # "What happened after you reported it? If it was different each time...": about all the reports told,
        # not a new one, even after "that's all of them"
        about_all = not questions.categories_named(r.question) and not questions.dates_in(r.question, TODAY)
        if self.no_more and not self._untold() and not about_all:
            return self._no_more(r, "report_outcome")
        if self.announced is not None:     # named a person, not yet said what they reported: say it
            say = self._a_report(r)
            say.kind = "report_outcome"
            return say
        t = self._which(r, "report_outcome")
        if t is None:                      # asked about a report before any was told: tell one
            return self._report_instead(r, "report_outcome")
        if about_all and t.answered["report_outcome"] == 0:
            # asked about all of them: someone who saw action taken says so, not the one report where nothing came
            acted = [x for x in self._told_reports() if x.report.outcome is not None
                     and x.report.outcome.means in ACTION_MEANINGS and x.answered["report_outcome"] == 0]
            t = acted[0] if acted else t
        t.answered["report_outcome"] += 1
        rep = t.report
        ans = rep.outcome or Answer(rep.outcome_said or "nothing", "said" if rep.outcome_said else "nothing")
        meaning = {"unknown": "unknown", "unsure": "unknown", "nothing": "nothing", "still_waiting": "nothing",
                   "promised": "nothing", "acknowledged_only": "nothing"}.get(str(ans.means))
        if self.mode == "buttons" and meaning:
            b = questions.button_for(r, "report_outcome", meaning)
            if b:
                return Say(b[1], b[0], "report_outcome", ans.means, button=True)
        if t.answered["report_outcome"] == 1:
            text = rep.outcome_said or ans.text     # what they said happened, said again if asked
            return Say(text, text, "report_outcome", ans.means)
        # asked again: other words, and when there are none, the plainest "nothing"
        options = [p for p in self.bank.answers_for("report_outcome", ans.means)
                   if p.text not in self.said.get("report_outcome", []) and consistent("report_outcome", p, self.story)]
        if not options or t.answered["report_outcome"] >= 3:
            return self._reply(r, "report_outcome", "nothing")
        p = self._pick(options)
        return Say(p.text, p.text, "report_outcome", ans.means, note="said again")

    def _a_report_date(self, r):
        if self.no_more and not self._untold():
            return self._no_more(r, "report_date")
        if self.announced is not None:     # named a person, not yet said what they reported: say it
            say = self._a_report(r)
            say.kind = "report_date"
            return say
        t = self._which(r, "report_date")
        if t is None:                      # asked about a report before any was told: tell one
            return self._report_instead(r, "report_date")
        t.answered["report_date"] += 1
        rep = t.report
        phrases = [p for p in self.bank.answers_for("report_date") if not p.extra.get("note") and (
            (rep.date and p.extra.get("date") == rep.date) or
            (rep.date_range and p.extra.get("date_range") == rep.date_range))]
        if phrases and t.answered["report_date"] == 1:
            p = self._pick(phrases)
            return Say(p.text, p.text, "report_date", rep.date or rep.date_range)
        text = say_date(rep.date, rep.date_range, self.rng, plain=t.answered["report_date"] > 1)
        return Say(text, text, "report_date", rep.date or rep.date_range)

    def _a_report_organisation(self, r):
        if self.no_more and not self._untold():
            return self._no_more(r, "report_organisation")
        if self.announced is not None:     # named a person, not yet said what they reported: say it
            say = self._a_report(r)
            say.kind = "report_organisation"
            return say
        t = self._which(r, "report_organisation")
        if t is None:                      # asked about a report before any was told: tell one
            return self._report_instead(r, "report_organisation")
        t.answered["report_organisation"] += 1
        rep = t.report
        if questions.offers_categories(r) or t.answered["report_organisation"] > 1:
            # asked to choose: council, police, housing association or someone else
            if self.mode == "buttons":
                b = questions.button_for(r, "report_organisation", rep.organisation)
                if b:
                    return Say(b[1], b[0], "report_organisation", rep.organisation, button=True)
            plain = [p for p in self.bank.answers_for("report_organisation", rep.organisation)
                     if len(p.text.split()) <= 2 and not p.extra.get("note")]
            text = self._pick(plain).text if plain and t.answered["report_organisation"] <= 2 else CATEGORY_WORDS[rep.organisation]
            return Say(text, text, "report_organisation", rep.organisation)
        said = re.sub(r"\s*\(.*?\)", "", rep.organisation_said or "").strip()
        phrases = [p for p in self.bank.answers_for("report_organisation", rep.organisation)
                   if (p.extra.get("organisation_said") or "").lower() == (rep.organisation_said or "").lower()]
        if phrases and t.answered["report_organisation"] == 1:
            p = self._pick(phrases)
            return Say(p.text, p.text, "report_organisation", rep.organisation)
        text = said or {"police": "the police", "council": "the council",
                        "housing_provider": "my housing association"}.get(rep.organisation, "someone else")
        return Say(text, text, "report_organisation", rep.organisation)

    def _a_report_reporter(self, r):
        if self.s.route != "five_individuals" and not any(rep.reporter for rep in self.s.reports):
            text = self._phrase("report_reporter", "the applicant").text if self.bank.answers_for(
                "report_reporter", "the applicant") else "me"
            return Say(text, text, "report_reporter", "the applicant")
        t = self.reports.get(self.focus) if self.focus is not None else None
        if t is not None and self.last_answer in ("report", "report_details", "report_outcome", "report_date",
                                                  "report_organisation"):
            # "who made it?" about the report just told
            again = t.reporter_named
            t.reporter_named = True
            text = say_reporter(t.report.reporter, self.rng, plain=again)
            return Say(text, text, "report_reporter", t.report.reporter or "the applicant")
        if self.announced is not None and self.last_answer == "report_reporter":
            rep = self.s.reports[self.announced]       # asked again for the name just given
            text = say_reporter(rep.reporter, self.rng, plain=True)
            return Say(text, text, "report_reporter", rep.reporter or "the applicant", note="said again")
        # the next person: one the assistant has not taken from a message, else a new message
        rest = self._not_taken()
        if rest:
            target = rest[0].index
        else:
            untold = self._untold()
            if not untold:
                return self._no_more(r, "report_reporter")
            target = next(i for i, rep in enumerate(self.s.reports) if rep.message == untold[0])
        self.announced = target
        self.focus = target
        self._named_before_told.add(target)
        if target in self.reports:
            self.reports[target].reporter_named = True
        rep = self.s.reports[target]
        text = say_reporter(rep.reporter, self.rng)
        return Say(text, text, "report_reporter", rep.reporter or "the applicant")

    # read-backs
    def _mismatch(self, r: questions.Reading, whole: bool) -> Optional[str]:
        """What is wrong in a read-back (None: nothing the resident can see)."""
        told = [t for t in self.conveyed_reports()]
        if not told:
            return None
        ok_dates = {TODAY, date(2026, 5, 26)}
        for t in told:
            rep = t.report
            if rep.date:
                ok_dates.add(date.fromisoformat(rep.date))
            if rep.date_range:
                a, b = (date.fromisoformat(x) for x in rep.date_range)
                ok_dates |= {a + timedelta(days=i) for i in range((b - a).days + 1)}
        since = self.s.answers.get("asb_since")
        spans = []
        for t in told:
            if t.report.date:
                spans.append((date.fromisoformat(t.report.date),) * 2)
            if t.report.date_range:
                spans.append(tuple(date.fromisoformat(x) for x in t.report.date_range))
        # "I've got 3 reports: A, date; B, between X and Y; C, date": each report on its own
        segments = [seg for line in questions.content_lines(r.text) for seg in line.split(";")]
        for line in segments:
            if not questions.categories_named(line):
                continue
            shown_range = questions.dates_in(line, TODAY)
            if re.search(r"\bbetween\b", line, re.I) and len(shown_range) == 2 and any(
                    a <= shown_range[1] and shown_range[0] <= b for a, b in spans):
                continue  # "between 11 October and 10 November" for "a month ago": a range holding what was said
            for d in questions.dates_in(line, TODAY):
                if d not in ok_dates and not (since and str(since.means) == d.isoformat()):
                    return f"a date the resident did not give: {d.isoformat()}"
        if whole:
            shown = {d for line in questions.content_lines(r.text) for d in questions.dates_in(line, TODAY)}
            if shown:
                for t in told:
                    if t.report.date and date.fromisoformat(t.report.date) not in shown and not any(
                            a <= date.fromisoformat(t.report.date) <= b for a, b in _ranges_shown(r.text)):
                        return f"report of {t.report.date} missing"
        return None

    def _a_confirm_readback(self, r):
        wrong = self._mismatch(r, whole=False)
        if wrong:
            self.notes.append("read-back wrong: " + wrong)
            t = self.reports.get(self.focus)
            if t is not None:
                self.correcting = t.report.message
            return self._reply(r, "confirm_readback", "no")
        return self._reply(r, "confirm_readback", "yes")

    def _a_summary_confirmation(self, r):
        self.summary_seen += 1
        corr = self.s.events.get("correction")
        if corr and "correction" not in self.events_done:
            if self.mode == "buttons" and not self.change_pressed:
                b = questions.button_for(r, "summary_confirmation", "correction")
                if b:   # "I need to change something", then say what
                    self.change_pressed = True
                    return Say(b[1], b[0], "summary_confirmation", "correction", button=True)
            return self._make_correction(corr, r)
        if self.added and self.s.held_back is not None and self.s.held_back not in self.told:
            return self._tell(self.s.held_back, kind="summary_confirmation", note="the report to add")
        if self.correcting is not None:        # "you've mixed my reports up" ... then says which
            mi, self.correcting = self.correcting, None
            return self._tell(mi, kind="summary_confirmation", note="tells the report again to correct it")
        wrong = self._mismatch(r, whole=True) or self._correction_not_shown(r) or self._name_not_shown(r)
        if wrong and self.summary_fixes == 0:
            self.summary_fixes += 1
            self.notes.append("summary wrong: " + wrong)
            if wrong.startswith("name"):
                name = self.s.answers["applicant_name"].means
                return Say(f"my name is wrong, it's {name}", f"my name is wrong, it's {name}", "summary_confirmation",
                           "correction", note=wrong)
            if wrong.startswith("correction") and corr:
                # say it again: "I said change my preferred contact to email"
                return Say(corr["text"], corr["text"], "summary_confirmation", "correction", event="correction",
                           note="correction said again: " + wrong)
            bad = None
            m = re.search(r"report of (\S+) missing", wrong)
            for t in self.conveyed_reports():
                if m and t.report.date == m.group(1):
                    bad = t.report.message
            if bad is None and self.focus is not None and self.focus in self.reports:
                bad = self.reports[self.focus].report.message
            self.correcting = bad
            options = [p for p in self.bank.answers_for("summary_confirmation", "correction")
                       if (p.extra.get("correction") or {}).get("action") == "unspecified"]
            if options:
                p = self._pick(options)
                return Say(p.text, p.text, "summary_confirmation", "correction", note=wrong)
            return self._reply(r, "confirm_readback", "no")
        if self.mode == "buttons":
            b = questions.button_for(r, "summary_confirmation", "yes")
            if b:
                return Say(b[1], b[0], "summary_confirmation", "yes", button=True)
        ans = self.s.answers.get("summary_confirmation")
        if ans is not None and self.summary_seen == 1:
            return Say(ans.text, ans.text, "summary_confirmation", "yes")
        p = self._phrase("summary_confirmation", "yes")
        return Say(p.text, p.text, "summary_confirmation", "yes")

    def _make_correction(self, corr, r=None) -> Say:
        self.events_done.add("correction")
        if corr["kind"] == "remove_last" and r is not None and self.s.removed is not None:
            # "the last one" only when the summary shows it last; otherwise the resident says its number
            rep = next((x for x in self.s.reports if x.message == self.s.removed), None)
            shown = [(int(m.group(1)), m.group(2)) for m in re.finditer(r"Report (\d+): ([^\n]*)", r.text)]
            if rep is not None and rep.date and shown:
                day = date.fromisoformat(rep.date)
                hits = [n for n, line in shown if day in questions.dates_in(line, TODAY)]
                if hits and hits[-1] != shown[-1][0]:
                    self.removed = True
                    text = f"please remove report {hits[-1]}, that was my neighbour's report, not mine"
                    return Say(text, text, "summary_confirmation", "correction", event="correction")
        if corr["kind"] == "add_report" and self.s.held_back is not None:
            self.queue.append(self.s.held_back)
            self.added = True
        elif corr["kind"] == "remove_last":
            self.removed = True
        elif corr["kind"] == "preferred_contact":
            self.preferred = "email"
        return Say(corr["text"], corr["text"], "summary_confirmation", "correction", event="correction")

    def _a_change_what(self, r):
        """'What would you like to change?'"""
        corr = self.s.events.get("correction")
        if corr and "correction" not in self.events_done:
            return self._make_correction(corr)
        if self.correcting is not None:
            mi, self.correcting = self.correcting, None
            return self._tell(mi, note="tells the report again to correct it")
        if corr:
            return Say(corr["text"], corr["text"], "change_what", "correction", note="correction said again")
        return self._reply(r, "summary_confirmation", "yes")

    def _name_not_shown(self, r) -> Optional[str]:
        name = self.s.answers["applicant_name"].means
        fold = lambda x: " ".join(re.sub(r"[^a-z0-9' -]", " ", x.lower()).split())
        if "applicant_name" in self.said and fold(name) not in fold(r.text):
            return "name not shown as given"
        return None

    def _correction_not_shown(self, r) -> Optional[str]:
        """A correction made at the summary that the next summary does not show."""
        corr = self.s.events.get("correction")
        if not corr or "correction" not in self.events_done:
            return None
        shown = set(questions.dates_in(r.text, TODAY))
        if corr["kind"] == "preferred_contact":
            now = questions.preferred_in(r.text)
            if now is not None and now != "email":
                return f"correction not shown: preferred contact still {now}"
        elif corr["kind"] == "remove_last" and self.s.removed is not None and shown:
            for rep in self.s.reports:
                if rep.message == self.s.removed and rep.date and date.fromisoformat(rep.date) in shown:
                    others = [x for x in self.s.reports if x.message != self.s.removed and x.date == rep.date]
                    if not others:
                        return "correction not shown: the removed report is still there"
        elif corr["kind"] == "add_report" and self.s.held_back is not None and shown \
                and self.s.held_back in self.told:
            for rep in self.s.reports:
                if rep.message == self.s.held_back and rep.date and date.fromisoformat(rep.date) not in shown:
                    return "correction not shown: the added report is missing"
        return None


# -- saying facts the phrase bank has no phrase for -------------------------------------------
CATEGORY_WORDS = {"police": "the police", "council": "the council", "housing_provider": "housing association",
                  "other": "someone else"}

def _since_words(text: str) -> str:
    """ "March" -> "since March"; "about 2 years" -> "for about 2 years"; "since Christmas" as it is."""
    t = text.strip().rstrip(".")
    if re.match(r"(?i)(since|for|ever|started|from|about a year ago|\w+ (years?|months?|weeks?) ago)\b", t):
        return t
    if re.search(r"(?i)\b(years?|months?|weeks?|days?)\b", t) and "ago" not in t.lower():
        return "for " + t[0].lower() + t[1:]
    return "since " + t[0].lower() + t[1:] if not t[:2].isupper() else "since " + t


def _plain_contact(means: str) -> str:
    from .scenarios import contact_channels
    channels = contact_channels(means)
    phone = channels.get("phone")
    if phone and len(phone) == 11:
        phone = phone[:5] + " " + phone[5:]
    return phone or channels.get("email") or means


PLAIN_FACTS = {"applicant_name": lambda m: m, "victim_name": lambda m: m, "contact": _plain_contact}


MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]


def say_date(iso: Optional[str], rng_range, rng: random.Random, plain: bool = False) -> str:
    """A date as residents write it (UK day-first), or a period for a vague one."""
    if iso:
        d = date.fromisoformat(iso)
        forms = [f"{d.day} {MONTH_NAMES[d.month - 1]}", f"{d.day:02d}/{d.month:02d}/{d.year}",
                 f"the {ordinal(d.day)} of {MONTH_NAMES[d.month - 1]}", f"{d.day}/{d.month}",
                 f"{d.day} {MONTH_NAMES[d.month - 1][:3]}"]
        if d.year != TODAY.year:
            forms = [f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}"]
        return forms[1] if plain else rng.choice(forms)
    if rng_range:
        a, b = (date.fromisoformat(x) for x in rng_range)
        if a.day == 1 and (b + timedelta(days=1)).day == 1 and a.month == b.month:
            return f"sometime in {MONTH_NAMES[a.month - 1]}" + (f" {a.year}" if a.year != TODAY.year else "")
        if a.day == 1 and (b + timedelta(days=1)).day == 1:
            return f"between {MONTH_NAMES[a.month - 1]} and {MONTH_NAMES[b.month - 1]}"
        return f"sometime between {a.day} {MONTH_NAMES[a.month - 1]} and {b.day} {MONTH_NAMES[b.month - 1]}"
    return "I can't remember the date"


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def say_report(rep, rng: random.Random) -> str:
    """One report in a resident's words, from its facts ("Tom at number 16 rang 101 on 5 October")."""
    org = re.sub(r"\s*\(.*?\)", "", rep.organisation_said or "").strip() or CATEGORY_WORDS.get(rep.organisation, "them")
    when = say_date(rep.date, rep.date_range, rng)
    when = when if when.startswith(("sometime", "between", "I can't")) else "on " + when
    who = say_reporter(rep.reporter, rng, plain=False) if rep.reporter else "I"
    verb = rng.choice(["reported it to", "told"]) if org not in ("101", "999") else "rang"
    text = f"{who} {verb} {org} {when}"
    if rep.reference:
        text += f", ref {rep.reference}"
    return text[0].upper() + text[1:] if who != "I" else text


def say_reporter(reporter: Optional[str], rng: random.Random, plain: bool = False) -> str:
    if not reporter:
        return "me" if plain else rng.choice(["me", "I did", "that one was me"])
    if plain:       # asked again: just the name
        return re.sub(r"\s*\(.*?\)", "", reporter).split(",")[0].strip()
    text = re.sub(r"\s*\(no\. (\d+)\)", r" at number \1", reporter)
    text = re.sub(r"^(.*?)\s*\((neighbour)\)", r"my \2 \1", text)
    return re.sub(r"\s*\((.*?)\)", r" (\1)", text).strip()
