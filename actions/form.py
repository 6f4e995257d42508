"""`validate_application_form`: reads each answer with `bot/` and says what it understood.

Which question comes next is `bot.dialogue.flow.required_slots`; what each answer means
is `bot.dialogue.answers`, `bot.rules.dates` and the report reader; the words are
`bot.dialogue.messages`. A validator returns the slots it could fill, or None for the
asked slot with a specific message, so the form asks again and nothing already
given is lost.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.common import intent_of, log_failure, policy, reader, say, state_of, text_of, today
from bot.dialogue import answers, conversation, flow, messages, safety
from bot.dialogue.corrections import Correction, CorrectionProblem, read_correction
from bot.rules.dates import format_day, read_date
from bot.dialogue.messages import Reply

DomainDict = Dict[Text, Any]
MAX_ANSWER = 2000  # characters kept from one free-text answer

# Intents that interrupt the form (handled by rules in data/rules/interruptions.yml).
INTERRUPTIONS = {"danger_now", "ask_what_is_trigger", "ask_what_is_asb", "ask_privacy", "ask_how_long",
                 "ask_what_next", "ask_on_behalf", "human_handoff", "stop", "start_again", "bot_challenge",
                 "out_of_scope", "goodbye", "thanks"}
# Below this confidence an interruption intent does not override a free-text answer.
INTERRUPTION_CONFIDENCE = 0.7
# Questions answered in the resident's own words. There, feelings ("we feel
# unsafe") are answers: the classifier alone does not pause the form for 999,
# the answer is kept and the 999 line is repeated. Clear present danger is
# still caught by bot.dialogue.safety and always interrupts.
FREE_TEXT_SLOTS = {"asb_description", "asb_location", "asb_since", "asb_impact", "vulnerability", "report_outcome",
                   "contact_notes", "victim_name", "applicant_name", "report_reporter", "report_org_name"}
# Answers that name someone or somewhere: a danger guess on "Sue next door" is the classifier's noise
_NAME_SLOTS = {"victim_name", "applicant_name", "report_reporter", "report_org_name", "asb_location"}

YES_NO_HELP = "Please answer yes or no."
# "no reference", "didn't get a crime number": nothing to ask for
_NO_REFERENCE = re.compile(r"\bno (?:ref(?:erence)?(?: (?:number|no))?|(?:crime|case|incident|log|cad) "
                           r"(?:number|no|ref(?:erence)?))\b|"
                           r"\b(?:didn'?t|did not|never) (?:get|got|give me|gave me) (?:a |any )?"
                           r"(?:(?:crime|case|incident|log|reference) )?(?:number|no|ref(?:erence)?)\b|"
                           r"\bwithout (?:a |any )?ref(?:erence)?\b", re.I)
# The resident telling of a further report ("I also told my MP...", "so we rang the council on..."),
# not what an organisation did ("the police came round again")
_THEY_REPORTED = re.compile(r"(?:^\s*|\b(?:i|we|i've|we've|i have|we have)\s+)(?:also\s+|then\s+)?"
                            r"(?:told|reported|rang|phoned|called|emailed|contacted|wrote to|complained to)\b", re.I)
CATEGORIES = {
    "council": [r"(?:the )?council", r"local authority", r"lbb"],
    "police": [r"(?:the )?police", r"met", r"101", r"999", r"snt", r"pcso"],
    "housing_provider": [r"housing association", r"housing provider", r"housing", r"social landlord",
                         r"registered provider", r"housing trust", r"homes"],
    "other": [r"someone else", r"other", r"private(?: landlord)?", r"neither", r"none of (?:them|those|these)",
              r"letting agent", r"agent", r"mp", r"councillor", r"gp", r"doctor"],
}


def _free_text(value: Any) -> Optional[str]:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or text.startswith("/"):
        return None
    return text[:MAX_ANSWER]


class ValidateApplicationForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_application_form"

    async def run(self, dispatcher, tracker, domain):
        try:
            return await super().run(dispatcher, tracker, domain)
        except Exception as exc:  # noqa: BLE001 - never leave the resident in silence
            log_failure(self.name(), exc)
            dispatcher.messages.clear()
            say(dispatcher, messages.technical_problem(policy()))
            return []  # nothing stored: the question is asked again

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        return flow.required_slots(tracker.slots, policy())

    # -- taking an answer --------------------------------------------------------
    #
    # Every form slot has a custom mapping: the text of a message fills the slot
    # that was asked, unless the message is an interruption. An answer the
    # deterministic readers recognise always counts as an answer, whatever the
    # intent classifier thought ("A person" is not "talk to a person").

    def _answering_now(self, tracker: Tracker) -> bool:
        """Whether the latest user message is a direct answer to the form's question
        (not a re-activation after "carry on" or an interruption)."""
        skipped_form = False
        for event in reversed(tracker.events):
            kind = event.get("event")
            if kind == "action":
                if event.get("name") == self.form_name() and not skipped_form:
                    skipped_form = True
                    continue
                return False
            if kind == "user":
                return True
        return False

    def _recognised(self, slot: str, text: str) -> bool:
        if answers.is_question(text):
            return False  # "what counts as anti-social behaviour?" asks, it doesn't answer
        if answers.recognised(slot, text):
            return True
        if slot in ("report_organisation", "report_date", "another_report", "report_details"):
            reading = reader().read(text, today())
            return bool(reading.organisation or (reading.date and reading.date.ok) or reading.reference)
        return False

    def extract_requested(self, slot: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
        if tracker.get_slot("requested_slot") != slot or not self._answering_now(tracker):
            return {}
        text = text_of(tracker)
        if not text.strip():
            return {}
        if safety.in_danger_now(text):
            return {}  # the DangerNow NLU component made it danger_now: the 999 rule answers
        intent = intent_of(tracker)
        confidence = ((tracker.latest_message or {}).get("intent") or {}).get("confidence") or 0.0
        if intent == "danger_now" and slot in FREE_TEXT_SLOTS:
            if slot not in _NAME_SLOTS:
                dispatcher.utter_message(text=f"If anyone is in danger right now, call "
                                              f"{policy().contacts['emergency'].phone}.")
            return {slot: text}
        if intent in INTERRUPTIONS and not self._recognised(slot, text) and \
                (confidence >= INTERRUPTION_CONFIDENCE or intent == "danger_now"):
            return {}
        return {slot: text}

    async def get_validation_events(self, dispatcher, tracker, domain):
        # Rasa re-validates every filled slot when the form is activated again;
        # only a direct answer is read (earlier answers stay as they were).
        if not self._answering_now(tracker):
            return []
        return await super().get_validation_events(dispatcher, tracker, domain)

    # -- who is applying ------------------------------------------------------

    def _yes_no(self, slot: str, tracker: Tracker, dispatcher: CollectingDispatcher, help_text: str = YES_NO_HELP,
                extra_if_yes: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        value = answers.yes_no(text_of(tracker), intent_of(tracker))
        if value is None:
            dispatcher.utter_message(text=help_text)
            return {slot: None}
        out = {slot: value}
        if value and extra_if_yes:
            out.update(extra_if_yes)
        return out

    def validate_danger_now(self, value, dispatcher, tracker, domain):
        if safety.in_danger_now(text_of(tracker)):
            return {"danger_now": True}
        return self._yes_no("danger_now", tracker, dispatcher,
                            f"Please answer yes or no. If anyone is in danger, call "
                            f"{policy().contacts['emergency'].phone} now.")

    def validate_applying_for(self, value, dispatcher, tracker, domain):
        text = text_of(tracker)
        choice = answers.choose(text, answers.APPLYING_FOR)
        if choice is None:
            dispatcher.utter_message(text="Please tell me whether you're asking for yourself or for someone else.")
            return {"applying_for": None}
        out: Dict[str, Any] = {"applying_for": choice}
        if choice == "someone_else":
            relationship = answers.choose(text, answers.RELATIONSHIPS)
            if relationship and relationship != "other":
                out["relationship"] = relationship
        return out

    def validate_relationship(self, value, dispatcher, tracker, domain):
        text = _free_text(value) or ""
        choice = answers.choose(text, answers.RELATIONSHIPS)
        if not choice and (answers.yes_no(text) is not None or answers.unsure(text) or len(text.split()) > 6):
            dispatcher.utter_message(text="Please tell me how you know them, for example family member, carer, "
                                          "friend, MP or councillor.")
            return {"relationship": None}
        return {"relationship": choice or "other"}

    def validate_victim_consent(self, value, dispatcher, tracker, domain):
        return self._yes_no("victim_consent", tracker, dispatcher,
                            "Please answer yes or no. You can only apply for someone if they agree.")

    def validate_victim_name(self, value, dispatcher, tracker, domain):
        reading = answers.read_name(text_of(tracker))
        if reading.refused:
            dispatcher.utter_message(text="I need their name so the team knows who the application is for. It is "
                                          "only shared with the partners reviewing the case.")
            return {"victim_name": None}
        if not reading.name:
            dispatcher.utter_message(text=reading.problem)
            return {"victim_name": None}
        return {"victim_name": reading.name}

    def validate_victim_type(self, value, dispatcher, tracker, domain):
        choice = answers.choose(text_of(tracker), answers.VICTIM_TYPES)
        if not choice:
            dispatcher.utter_message(text="Please choose one: a person, a business, or a community group.")
        return {"victim_type": choice}

    def validate_ongoing_complaint(self, value, dispatcher, tracker, domain):
        text = text_of(tracker)
        if answers.unsure(text, intent_of(tracker)):
            dispatcher.utter_message(text=f"{messages.COMPLAINT_MEANS} Just reporting the problem is not a "
                                          "complaint.")
            return {"ongoing_complaint": None}
        # "I reported it to the police": people mix up reports and complaints
        return self._yes_no("ongoing_complaint", tracker, dispatcher,
                            f"This question is about complaints, not reports. I'll ask about the reports next. "
                            f"{messages.COMPLAINT_MEANS}")

    def validate_route(self, value, dispatcher, tracker, domain):
        text = text_of(tracker)
        choice = answers.choose(text, answers.ROUTES)
        if choice:
            return {"route": choice}
        # "told the council on 20 October": their own report, told straight away.
        report = self._read_report(text, {}, dispatcher, want_organisation=False)
        if report.get("report_organisation") or report.get("report_date"):
            return {"route": "three_reports", **report}
        dispatcher.utter_message(text="Please choose one: the reports are your own (or theirs, if you're applying "
                                      "for someone), or 5 or more different people have each reported it.")
        return {"route": None}

    # -- each report -------------------------------------------------------------

    def _read_report(self, text: str, state: Dict[str, Any], dispatcher: CollectingDispatcher,
                     want_organisation: bool) -> Dict[str, Any]:
        """Everything one message says about the current report; only what is missing is asked next."""
        reading = reader().read(text, today())
        out: Dict[str, Any] = {}
        org = reading.organisation
        if org is None and want_organisation:
            # A short answer that is not a known name: "Acme Lettings".
            if (reading.date is None and not reading.reference and len(text.split()) <= 5
                    and not re.search(r"\d", text) and answers.yes_no(text) is None
                    and not answers.unsure(text)):
                org = reader().orgs.unknown(text)
        if org is not None and state.get("report_organisation") is None:
            out["report_organisation"] = org.said
            out["report_org_say"] = org.say if org.known else org.said
            out["report_org_category"] = org.category
            out["report_org_needs_category"] = org.category is None
            out["report_org_needs_name"] = bool(org.known and org.category == "housing_provider"
                                                and org.say.lower().startswith("your "))
        if reading.date is not None and state.get("report_date") is None:
            if reading.date.ok:
                out["report_date"] = reading.date.date.isoformat()
                out["report_date_text"] = reading.date.phrase
                out["report_date_approx"] = reading.date.approximate
            else:
                dispatcher.utter_message(text=reading.date.message)
        if reading.reference and not state.get("report_reference"):
            out["report_reference"] = reading.reference
        if not (reading.reference or reading.person) and state.get("report_details") is None and \
                _NO_REFERENCE.search(text):
            out["report_details"] = "none"  # "no reference": don't ask for one
        if reading.person and not state.get("report_person"):
            out["report_person"] = reading.person
        if (reading.reference or reading.person) and state.get("report_details") is None:
            out["report_details"] = "given"
        if reading.several_reports:
            dispatcher.utter_message(text="It sounds like it was reported more than once. Let's take them one at a "
                                          "time, starting with the first.")
        return out

    def validate_report_reporter(self, value, dispatcher, tracker, domain):
        text = text_of(tracker)
        if re.match(r"^\s*(?:me|myself|i did|it was me)\W*$", text, re.I):
            return {"report_reporter": "me (the applicant)"}
        describe = messages.DESCRIBE_REPORTER
        if answers.unsure(text, intent_of(tracker)):
            dispatcher.utter_message(text=f"That's fine. {describe} Each person counts once, so the team needs to "
                                          f"tell them apart.")
            return {"report_reporter": None}
        report = reader().read(text, today())
        if report.organisation or (report.date and report.date.ok):
            # "he rang the police on 1 Nov": keep the report, still ask who
            out = self._read_report(text, state_of(tracker), dispatcher, want_organisation=True)
            dispatcher.utter_message(text=f"Thanks, I've noted that report. Who made it? {describe}")
            return {**out, "report_reporter": None}
        reading = answers.read_name(text)
        if reading.name:
            return {"report_reporter": reading.name}
        # "Dave at number 12", "the lady in flat 3": a description identifies them too
        description = text.strip(" .,!")
        if not reading.refused and 1 <= len(description.split()) <= 8 and re.search(r"[A-Za-z]", description) \
                and answers.yes_no(description) is None and "@" not in description:
            return {"report_reporter": description[:1].upper() + description[1:80]}
        dispatcher.utter_message(text=f"Please tell me who reported it. {describe}")
        return {"report_reporter": None}

    def validate_report_organisation(self, value, dispatcher, tracker, domain):
        text = _free_text(value) or ""
        # tracker.slots holds this answer's raw text as the slot's candidate value
        state = {**state_of(tracker), "report_organisation": None}
        out = self._read_report(text, state, dispatcher, want_organisation=True)
        if "report_organisation" not in out:
            if "report_date" not in out and not (out.get("report_reference") or out.get("report_person")):
                dispatcher.utter_message(text="I didn't catch who it was reported to. For example: the police, "
                                              "the council, or a housing association like Barnet Homes.")
            out["report_organisation"] = None
        return out

    def validate_report_org_category(self, value, dispatcher, tracker, domain):
        text = text_of(tracker)
        match = reader().classify(text)
        category = match.category if match and match.category else answers.choose(text, CATEGORIES)
        if category not in policy().categories:
            dispatcher.utter_message(text="Please choose one: the council, the police, a housing association, or "
                                          "someone else.")
            return {"report_org_category": None}
        return {"report_org_category": category}

    def validate_report_org_name(self, value, dispatcher, tracker, domain):
        text = _free_text(value) or ""
        if not text or answers.unsure(text, intent_of(tracker)) or answers.yes_no(text) is False:
            return {"report_org_name": "unknown"}
        match = reader().classify(text)
        if match and match.known:
            out = {"report_org_name": match.say, "report_organisation": match.say, "report_org_say": match.say,
                   "report_org_category": match.category}
            if match.category == "housing_provider":
                dispatcher.utter_message(text=f"Thanks: {match.say}.")
            return out
        name = text.strip(" .")
        return {"report_org_name": name, "report_organisation": name, "report_org_say": name}

    def validate_report_date(self, value, dispatcher, tracker, domain):
        text = _free_text(value) or ""
        state = state_of(tracker)
        reading = read_date(text, today())
        out: Dict[str, Any] = {}
        # Take anything else the answer says about the report too.
        extra = self._read_report(text, {**state, "report_date": "-"}, dispatcher, want_organisation=False)
        out.update({k: v for k, v in extra.items() if k != "report_date"})
        if reading.ok:
            out["report_date"] = reading.date.isoformat()
            out["report_date_text"] = reading.phrase
            out["report_date_approx"] = reading.approximate
            if reading.approximate:
                dispatcher.utter_message(text=f"I've put around {format_day(reading.date)}.")
        else:
            dispatcher.utter_message(text=reading.message)
            out["report_date"] = None
        return out

    def validate_report_incident_date(self, value, dispatcher, tracker, domain):
        text = _free_text(value) or ""
        state = state_of(tracker)
        if re.search(r"\bsame (?:day|time|date)\b|\bthat day\b|\bstraight away\b|\bat the time\b", text, re.I):
            return {"report_incident_date": state.get("report_date"), "report_incident_date_text": "same day"}
        reading = read_date(text, today())
        if not reading.ok:
            dispatcher.utter_message(text=reading.message)
            return {"report_incident_date": None}
        if state.get("report_date") and reading.date.isoformat() > state["report_date"]:
            dispatcher.utter_message(text="The incident must have happened on or before the day you reported it. "
                                          "When did it happen?")
            return {"report_incident_date": None}
        return {"report_incident_date": reading.date.isoformat(), "report_incident_date_text": reading.phrase}

    def validate_report_details(self, value, dispatcher, tracker, domain):
        text = _free_text(value) or ""
        state = state_of(tracker)
        said_yes = answers.yes_no(text, intent_of(tracker))
        if said_yes is False or answers.unsure(text, intent_of(tracker)) or \
                re.search(r"\b(?:don'?t|do not|didn'?t|never) (?:have|get|got|give)\b", text, re.I) or \
                _NO_REFERENCE.search(text):
            return {"report_details": "none"}
        reading = reader().read(text, today())
        if said_yes and not (reading.reference or reading.person or re.search(r"\d", text)):
            # "yes": not the reference itself
            dispatcher.utter_message(text="Please type it here: the reference number, or the name of the person "
                                          "you dealt with.")
            return {"report_details": None}
        out: Dict[str, Any] = {"report_details": "given"}
        if reading.reference:
            out["report_reference"] = reading.reference
        if reading.person:
            out["report_person"] = reading.person
        if not (reading.reference or reading.person):
            if re.search(r"\d", text):
                out["report_reference"] = text.strip(" .")[:100]  # people type references in many shapes
            elif len(text.split()) <= 4:
                out["report_person"] = answers.read_name(text).name or text.strip(" .")
            else:
                out["report_reference"] = text.strip(" .")[:100]
        if state.get("report_reference") and "report_reference" in out and out["report_reference"] != \
                state.get("report_reference"):
            out["report_reference"] = f"{state['report_reference']}; {out['report_reference']}"
        return out

    def validate_report_outcome(self, value, dispatcher, tracker, domain):
        text = _free_text(value)
        if not text:
            return {"report_outcome": None}
        if _THEY_REPORTED.search(text):
            reading = reader().read(text, today())
            same_day = bool(reading.date and reading.date.ok and
                            reading.date.date.isoformat() == tracker.get_slot("report_date"))
            if reading.organisation and reading.date is not None and not same_day:
                # "I also told my MP last week": the next report, not what happened after this one
                org = tracker.get_slot("report_org_say") or tracker.get_slot("report_organisation") or "them"
                dispatcher.utter_message(text=f"That sounds like another report: I'll ask about it next. First, "
                                              f"the one to {org}.")
                return {"report_outcome": None, "next_report_text": text}
        if answers.unsure(text):
            text = "not known"
        elif answers.yes_no(text) is False or re.match(r"^(?:nothing|nothing happened|none|no response)\W*$",
                                                     text, re.I):
            text = "nothing happened"
        return {"report_outcome": text}

    def validate_another_report(self, value, dispatcher, tracker, domain):
        text = text_of(tracker)
        state = state_of(tracker)
        answer = answers.yes_no(text, intent_of(tracker))
        rest = reader().read(text, today())
        if answer is None and (rest.organisation or (rest.date and rest.date.ok)):
            answer = True  # "emailed my housing association last week": another report, with its details
        if answer is None:
            dispatcher.utter_message(text=YES_NO_HELP)
            return {"another_report": None}
        done = conversation.reports(state)
        out: Dict[str, Any] = {**conversation.cleared_report_slots(), "reports": done, "next_report_text": None}
        if answer:
            # Clear this report's slots so the form asks about the next one, and
            # keep whatever this message (or one they sent earlier) says about it.
            said_before = state.get("next_report_text")
            if said_before and not (rest.organisation or rest.date or rest.reference):
                text = said_before
            out.update(self._read_report(text, {}, dispatcher, want_organisation=False))
            return out
        out["reports_done"] = True
        if not done:
            out["reports_done"] = None
            return out
        # If the reports cannot meet the threshold, say so now rather than after
        # another ten questions.
        decision = conversation.decision({**state, **out}, policy(), today())
        if not decision.routes[decision.route].met:
            out["outcome"] = decision.outcome
        return out

    # -- the problem ---------------------------------------------------------------

    def validate_asb_description(self, value, dispatcher, tracker, domain):
        text = _free_text(value)
        first = tracker.get_slot("first_message")
        if not text:
            return {"asb_description": None}
        if first:
            if answers.yes_no(text, intent_of(tracker)) is False or re.match(r"^no,? that covers it\W*$", text, re.I):
                return {"asb_description": first}
            return {"asb_description": f"{first}\n{text}"}
        if len(text) < 3:
            dispatcher.utter_message(text="Please tell me a little more about what is happening.")
            return {"asb_description": None}
        return {"asb_description": text}

    def _text_slot(self, slot: str, value: Any) -> Dict[str, Any]:
        return {slot: _free_text(value)}

    def validate_asb_location(self, value, dispatcher, tracker, domain):
        return self._text_slot("asb_location", value)

    def validate_in_area(self, value, dispatcher, tracker, domain):
        text = text_of(tracker)
        if answers.unsure(text, intent_of(tracker)):
            dispatcher.utter_message(text="That's fine: the team will check.")
            return {"in_area": True}
        return self._yes_no("in_area", tracker, dispatcher)

    def validate_asb_since(self, value, dispatcher, tracker, domain):
        return self._text_slot("asb_since", value)

    def validate_asb_impact(self, value, dispatcher, tracker, domain):
        return self._text_slot("asb_impact", value)

    def validate_vulnerability(self, value, dispatcher, tracker, domain):
        text = _free_text(value)
        if not text:
            return {"vulnerability": None}
        if re.search(r"\bprefer not\b|\brather not\b", text, re.I):
            return {"vulnerability": "Prefer not to say"}
        if answers.yes_no(text, intent_of(tracker)) is False:
            return {"vulnerability": "No"}
        return {"vulnerability": text}

    def validate_problem_continuing(self, value, dispatcher, tracker, domain):
        return self._yes_no("problem_continuing", tracker, dispatcher)

    def validate_no_action_taken(self, value, dispatcher, tracker, domain):
        out = self._yes_no("no_action_taken", tracker, dispatcher)
        if out["no_action_taken"] is None:
            return out
        state = {**state_of(tracker), **out}
        decision = conversation.decision(state, policy(), today())
        out["outcome"] = decision.outcome
        if decision.eligible:
            say(dispatcher, messages.decision_eligible(decision, state, policy()))
        return out

    # -- consent and contact ---------------------------------------------------------

    def validate_consent_to_share(self, value, dispatcher, tracker, domain):
        return self._yes_no("consent_to_share", tracker, dispatcher)

    def validate_applicant_name(self, value, dispatcher, tracker, domain):
        reading = answers.read_name(text_of(tracker))
        if reading.refused:
            dispatcher.utter_message(text=messages.anonymous(policy()))
            return {"applicant_name": None}
        if not reading.name:
            dispatcher.utter_message(text=reading.problem)
        return {"applicant_name": reading.name}

    def _contact(self, text: str, dispatcher: CollectingDispatcher, want: Optional[str] = None) -> Dict[str, Any]:
        reading = answers.read_contact(text)
        if reading.refused:
            dispatcher.utter_message(text=messages.anonymous(policy()))
            return {}
        for problem in reading.problems:
            dispatcher.utter_message(text=problem)
        out: Dict[str, Any] = {}
        if reading.phone:
            out["contact_phone"] = reading.phone
        if reading.email:
            out["contact_email"] = reading.email
        if reading.address:
            out["contact_address"] = reading.address
            out["contact_postcode"] = reading.postcode
        return out

    def validate_contact(self, value, dispatcher, tracker, domain):
        out = self._contact(text_of(tracker), dispatcher)
        if not out:
            if not dispatcher.messages:
                dispatcher.utter_message(text="Please give a phone number or an email address, like 07700 900123 "
                                              "or name@example.com.")
            return {"contact": None}
        return {**out, "contact": "given"}

    def validate_preferred_contact(self, value, dispatcher, tracker, domain):
        text = text_of(tracker)
        method = answers.choose(text, answers.CONTACT_METHODS)
        out = self._contact(text, dispatcher)
        if not method and out:
            method = "email" if "contact_email" in out else "phone" if "contact_phone" in out else "post"
        if not method:
            dispatcher.utter_message(text="Please choose one: phone call, text message, email, or letter.")
        return {**out, "preferred_contact": method}

    def _specific_contact(self, slot: str, key: str, tracker, dispatcher, example: str):
        out = self._contact(text_of(tracker), dispatcher)
        if key not in out:
            if not dispatcher.messages:
                dispatcher.utter_message(text=f"Please type it like {example}.")
            return {slot: None}
        return {**out, slot: out[key]}

    def validate_contact_phone(self, value, dispatcher, tracker, domain):
        return self._specific_contact("contact_phone", "contact_phone", tracker, dispatcher, "07700 900123")

    def validate_contact_email(self, value, dispatcher, tracker, domain):
        return self._specific_contact("contact_email", "contact_email", tracker, dispatcher, "name@example.com")

    def validate_contact_address(self, value, dispatcher, tracker, domain):
        text = _free_text(value) or ""
        reading = answers.read_contact(text)
        if not reading.postcode:
            dispatcher.utter_message(text="Please include the postcode, like 12 Oak Road, London N11 1NP.")
            return {"contact_address": None}
        return {"contact_address": reading.address or text, "contact_postcode": reading.postcode}

    def validate_contact_notes(self, value, dispatcher, tracker, domain):
        text = _free_text(value)
        if text and answers.yes_no(text, intent_of(tracker)) is False:
            text = "No"
        return {"contact_notes": text}

    # -- summary and corrections -------------------------------------------------------

    def validate_summary_confirmed(self, value, dispatcher, tracker, domain):
        text = text_of(tracker)
        state = state_of(tracker)
        answer = answers.yes_no(text, intent_of(tracker))
        if answer is True:
            return {"summary_confirmed": True}
        result = read_correction(text, state, reader(), today())
        if isinstance(result, Correction):
            updated = {**state, **result.updates}
            decision = conversation.decision(updated, policy(), today())
            dispatcher.utter_message(text=result.said)
            out = {**result.updates, "summary_confirmed": None, "outcome": decision.outcome}
            if not decision.eligible:
                out["summary_confirmed"] = False  # the form ends and the decision is explained
            return out
        if isinstance(result, CorrectionProblem):
            dispatcher.utter_message(text=result.message)
        elif answer is False or re.search(r"\bchange\b|\bwrong\b|\bmistake\b|\bnot right\b", text, re.I):
            dispatcher.utter_message(text="What would you like to change? Tell me in your own words, for example "
                                          "\"the second report was on the 4th\", \"remove report 3\" or \"my phone "
                                          "number is 07700 900123\".")
        else:
            dispatcher.utter_message(text="Sorry, I couldn't tell what to change. You can say, for example, \"the "
                                          "second report was on the 4th\" or \"remove report 3\". If everything is "
                                          "right, say yes.")
        return {"summary_confirmed": None}


def _extractor(slot: str):
    def extract(self, dispatcher, tracker, domain):
        return self.extract_requested(slot, tracker, dispatcher)
    extract.__name__ = f"extract_{slot}"
    return extract


for _slot in flow.all_form_slots(policy()):
    setattr(ValidateApplicationForm, f"extract_{_slot}", _extractor(_slot))
