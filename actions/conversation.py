"""Actions around the form: starting, resuming, interruptions, and finishing."""
from __future__ import annotations

import logging
import re
import uuid
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.common import SafeAction, intent_of, log_failure, policy, say, state_of, store, text_of, today
from bot.dialogue import answers, conversation, messages
from bot.drafts import DraftError, StoreUnavailable

log = logging.getLogger("actions")

# Answers that end the form early; asked again when the resident carries on
# (they may have pressed the wrong button, or things may have changed).
_STOPPING_ANSWERS = {"danger_now": True, "victim_consent": False, "ongoing_complaint": True, "in_area": False,
                     "problem_continuing": False, "no_action_taken": False, "consent_to_share": False}


def _new_application_id() -> str:
    return uuid.uuid4().hex[:12]


def _started(state: Dict[str, Any]) -> bool:
    return any(state.get(s) is not None for s in ("danger_now", "applying_for", "reports"))


class ActionStartOrResume(SafeAction):
    """Starts the application with a welcome, or picks it up where it stopped."""

    def name(self) -> str:
        return "action_start_or_resume"

    async def act(self, dispatcher, tracker, domain):
        state = state_of(tracker)
        events: List[Dict] = [SlotSet("confirming_restart", None), SlotSet("paused", None)]
        if not state.get("application_id"):
            events.append(SlotSet("application_id", _new_application_id()))
        if state.get("draft_reference"):
            return events  # finished: the form ends at once and says so
        if not _started(state):
            described = intent_of(tracker) in ("describe_problem", "give_report", "report_crime")
            first = re.sub(r"^\s*(?:hi+|hello|hiya|hey|good (?:morning|afternoon|evening))\b[\s,.!-]*", "",
                           text_of(tracker), flags=re.I)
            if described and len(first) > 15:
                events.append(SlotSet("first_message", first[:1].upper() + first[1:2000]))
            say(dispatcher, messages.welcome(policy(), described))
            # "can I do this for my dad?": take it as said, and don't ask again.
            if answers.choose(text_of(tracker), answers.APPLYING_FOR) == "someone_else":
                relationship = answers.choose(text_of(tracker), answers.RELATIONSHIPS)
                events.append(SlotSet("applying_for", "someone_else"))
                if relationship:
                    events.append(SlotSet("relationship", relationship))
                say(dispatcher, messages.Reply("You can apply for someone else, as long as they agree."))
            return events
        if state.get("confirming_restart") and intent_of(tracker) in ("affirm", "start_again"):
            return events + _start_again(dispatcher)
        stopped = [slot for slot, value in _STOPPING_ANSWERS.items() if state.get(slot) is value]
        # after a 999 pause "carry on" is just that; after any other ending, say why the question comes back
        say(dispatcher, messages.resume(recheck=bool(set(stopped) - {"danger_now"})))
        return events + [SlotSet(slot, None) for slot in stopped]


def _start_again(dispatcher: CollectingDispatcher) -> List[Dict]:
    """Clear every answer and begin a new application (a new draft, not the old one)."""
    say(dispatcher, messages.restarted())
    say(dispatcher, messages.welcome(policy(), described_problem=False))
    return [SlotSet(slot, None) for slot in conversation.ANSWER_SLOTS] + [
        SlotSet("confirming_restart", None), SlotSet("application_id", _new_application_id()),
        SlotSet("requested_slot", None)]


class ActionConfirmRestart(SafeAction):
    """Asks before clearing answers; starts again at once when there is nothing to lose or it was confirmed."""

    def name(self) -> str:
        return "action_confirm_restart"

    async def act(self, dispatcher, tracker, domain):
        state = state_of(tracker)
        if state.get("confirming_restart") or not _started(state) or state.get("draft_reference"):
            return _start_again(dispatcher) + [FollowupAction("application_form")]
        say(dispatcher, messages.confirm_restart())
        return [SlotSet("confirming_restart", True)]


class ActionFinish(SafeAction):
    """The form has ended: save the draft, or explain why not and where to go."""

    def name(self) -> str:
        return "action_finish"

    async def act(self, dispatcher, tracker, domain):
        state = state_of(tracker)
        p = policy()
        if state.get("draft_reference"):
            say(dispatcher, messages.saved(state["draft_reference"], p, state.get("preferred_contact"), already=True))
            return []
        if state.get("danger_now"):
            say(dispatcher, messages.danger(p, mid_form=False))
            return []
        decision = conversation.decision(state, p, today())
        if decision.eligible and state.get("consent_to_share") is False:
            say(dispatcher, messages.no_share_consent(p))
            return []
        if decision.eligible and state.get("summary_confirmed"):
            application_id = state.get("application_id") or "1"
            record = conversation.application_record(state, conversation_id=f"{tracker.sender_id}:{application_id}")
            try:
                result = store().save(record, decision)
            except StoreUnavailable as exc:
                log_failure(self.name(), exc)
                say(dispatcher, messages.save_failed(p))
                return []
            except DraftError as exc:
                log_failure(self.name(), exc)
                say(dispatcher, messages.technical_problem(p))
                return []
            say(dispatcher, messages.saved(result.reference, p, state.get("preferred_contact"),
                                           already=not result.created))
            return [SlotSet("draft_reference", result.reference)]
        if not decision.eligible:
            say(dispatcher, messages.decision_not_eligible(decision, state, p))
            return [SlotSet("outcome", decision.outcome)]
        say(dispatcher, messages.resume())
        return []


class ActionDanger(SafeAction):
    def name(self) -> str:
        return "action_danger"

    async def act(self, dispatcher, tracker, domain):
        mid_form = bool((tracker.active_loop or {}).get("name")) or _started(state_of(tracker))
        say(dispatcher, messages.danger(policy(), mid_form=mid_form))
        return [SlotSet("paused", "danger")]


class ActionAnswerQuestion(SafeAction):
    def name(self) -> str:
        return "action_answer_question"

    async def act(self, dispatcher, tracker, domain):
        topic = (intent_of(tracker) or "").replace("ask_", "", 1)
        if topic not in messages.QUESTIONS:
            say(dispatcher, messages.fallback(policy()))
            return []
        reply = messages.answer(topic, policy())
        in_form = bool((tracker.active_loop or {}).get("name"))
        if not in_form and not _started(state_of(tracker)):
            reply = messages.Reply(reply.text + "\nWould you like to check whether you can use it?",
                                   (("Check if I can apply", "/continue"),))
        say(dispatcher, reply)
        return []


class _Simple(SafeAction):
    """An action that only says one thing from `bot.dialogue.messages`."""

    reply = staticmethod(lambda p: messages.Reply(""))

    async def act(self, dispatcher, tracker, domain):
        say(dispatcher, self.reply(policy()))
        return []


class ActionHumanHandoff(_Simple):
    def name(self) -> str:
        return "action_human_handoff"

    reply = staticmethod(messages.human_handoff)


class ActionStop(_Simple):
    def name(self) -> str:
        return "action_stop"

    reply = staticmethod(messages.stopped)


class ActionFallback(SafeAction):
    """When nothing else applies. Like Rasa's default fallback it takes the
    message back (so the assistant listens again instead of looping), and in
    the middle of the questions it asks the pending one again."""

    def name(self) -> str:
        return "action_fallback"

    async def act(self, dispatcher, tracker, domain):
        loop = (tracker.active_loop or {}).get("name")
        if loop and tracker.get_slot("requested_slot"):
            dispatcher.utter_message(text="Sorry, I didn't catch that." if text_of(tracker).strip() else
                                     "Please type your answer, or choose one of the options.")
            return [UserUtteranceReverted(), FollowupAction(loop)]
        say(dispatcher, messages.fallback(policy()))
        return [UserUtteranceReverted()]


class ActionOutOfScope(_Simple):
    def name(self) -> str:
        return "action_out_of_scope"

    reply = staticmethod(messages.out_of_scope)


class ActionBotChallenge(_Simple):
    def name(self) -> str:
        return "action_bot_challenge"

    reply = staticmethod(messages.bot_challenge)


class ActionThanks(_Simple):
    def name(self) -> str:
        return "action_thanks"

    reply = staticmethod(lambda p: messages.thanks())


class ActionGoodbye(SafeAction):
    """Goodbye; but "no" straight after a 999 pause means "no, I'm not in danger": carry on."""

    def name(self) -> str:
        return "action_goodbye"

    async def act(self, dispatcher, tracker, domain):
        if tracker.get_slot("paused") == "danger" and intent_of(tracker) == "deny":
            state = state_of(tracker)
            if _started(state):
                say(dispatcher, messages.resume())
                return [SlotSet("paused", None), FollowupAction("application_form")]
            # 999 came first, before any question: begin, with the safety question asked plainly
            say(dispatcher, messages.welcome(policy(), described_problem=False))
            events = [SlotSet("paused", None), FollowupAction("application_form")]
            if not state.get("application_id"):
                events.insert(0, SlotSet("application_id", _new_application_id()))
            return events
        say(dispatcher, messages.goodbye(policy()))
        return []


class ActionCrime(SafeAction):
    def name(self) -> str:
        return "action_crime"

    async def act(self, dispatcher, tracker, domain):
        say(dispatcher, messages.crime(policy(), mid_form=bool((tracker.active_loop or {}).get("name"))))
        return []


class ActionComplaint(SafeAction):
    def name(self) -> str:
        return "action_complaint"

    async def act(self, dispatcher, tracker, domain):
        say(dispatcher, messages.complaint(policy(), mid_form=bool((tracker.active_loop or {}).get("name"))))
        return []
