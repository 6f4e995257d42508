"""`action_ask_<slot>`: the form's questions, worded by `bot.dialogue.messages` for where the conversation is."""
from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import SafeAction, policy, say, state_of, today
from bot.dialogue import conversation, flow, messages


class AskAction(SafeAction):
    """Asks for `slot`; concrete subclasses are made below, one per form slot."""

    slot = ""

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[Dict]:
        state = state_of(tracker)
        say(dispatcher, messages.ask(self.slot, state, policy()))
        return []


class AskAnotherReport(AskAction):
    """Says back the report just given, where that leaves them, and asks for another."""

    slot = "another_report"

    def name(self) -> str:
        return "action_ask_another_report"

    async def act(self, dispatcher, tracker, domain):
        state = state_of(tracker)
        p = policy()
        decision = conversation.decision(state, p, today())
        current = conversation.current_report(state) or {}
        total = len(conversation.reports(state))
        decided = decision.reports[total - 1] if total and len(decision.reports) >= total else None
        say_org = state.get("report_org_say") or current.get("organisation") or "them"
        recap = messages.report_recap(current, say_org, decided, p)
        progress = messages.progress(decision, total, p)
        say(dispatcher, messages.ask(self.slot, state, p, progress=f"{recap}\n{progress}"))
        return []


class AskSummaryConfirmed(AskAction):
    slot = "summary_confirmed"

    def name(self) -> str:
        return "action_ask_summary_confirmed"

    async def act(self, dispatcher, tracker, domain):
        state = state_of(tracker)
        p = policy()
        decision = conversation.decision(state, p, today())
        dispatcher.utter_message(text=messages.summary(state, decision, p))
        say(dispatcher, messages.ask(self.slot, state, p))
        return []


_SPECIAL = {"another_report", "summary_confirmed"}
for _slot in flow.all_form_slots(policy()):
    if _slot not in _SPECIAL:
        _name = "Ask" + "".join(part.title() for part in _slot.split("_"))
        globals()[_name] = type(_name, (AskAction,), {"slot": _slot, "__module__": __name__,
                                                      "name": lambda self: f"action_ask_{self.slot}"})
