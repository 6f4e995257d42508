"""Whole conversations scripted by someone who had read only PRODUCT.md and the council's page, run through the
dialogue engine in-process, judged by outcome.

    python -m bench.personas [FILE ...] [--show ID]

Each persona (JSON, see bench/personas/README.md) has an opening, an answer for each kind of question, and
sometimes a detail it volunteers at the wrong question. The script answers whatever the assistant asks next,
so a conversation goes where the assistant takes it. Prints each persona's expected and actual outcome, the
reports that count against the number expected, and the totals.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, Dict, List, Optional

from bot.dialogue.engine import Engine, Message
from bot.dialogue import conversation
from bot.dialogue.language import ReportReader
from bot.rules.policy import load_policy

HERE = Path(__file__).parent
TODAY = date(2026, 12, 7)  # the day the personas were written for

# the question being asked -> the persona's answer for it
ANSWER_FOR = {"danger_now": "danger", "applying_for": "whose_behalf", "relationship": "relationship",
              "victim_consent": "consent", "victim_name": "victim_name", "ongoing_complaint": "complaint",
              "route": "route", "another_report": "more_reports", "reports_outcome": "outcome_of_reports",
              "asb_location": "where_since", "asb_impact": "impact", "vulnerability": "at_risk",
              "no_action_taken": "no_action", "problem_continuing": "still_happening",
              "consent_to_share": "share_consent", "applicant_name": "name_contact", "contact": "name_contact",
              "contact_notes": "contact_safely", "summary_confirmed": "summary",
              "in_area": "where_since"}  # "is it in Barnet?": they say again where it is
# questions a persona has no answer for: what most residents would say
DEFAULT = {"victim_type": "a person", "report_date": "not sure", "report_details": "no",
           "report_organisation": "not sure", "reports_confirm": "yes", "problem_continuing": "yes",
           "in_area": "yes", "asb_too": "yes", "asb_description": "it keeps happening, as I said",
           "preferred_contact": "either is fine", "report_reporter": "me", "asb_since": "not sure"}
# the engine's outcome -> the names the personas use
OUTCOME = {"first_report": "never_reported", "outside_area": "not_in_barnet", "danger": "danger_999"}


def run(persona: Dict[str, Any], engine: Engine, today: date) -> Dict[str, Any]:
    state: Dict[str, Any] = {}
    answers = persona["answers"]
    reports: List[str] = list(answers.get("reports") or [])
    volunteers = {v["at"]: v["says"] for v in persona.get("volunteers", [])}
    asked: Dict[str, int] = {}
    transcript: List[str] = []

    def say(text: str) -> None:
        nonlocal state
        turn = engine.turn(state, Message(text, None, 0.0, None), today, "persona")
        state = {k: v for k, v in {**state, **turn.updates}.items() if v is not None}
        transcript.append(">> " + text)
        transcript.extend("   " + r.text.replace("\n", "\n   ") for r in turn.replies)

    say(persona["opening"])
    summary_seen = False
    for _ in range(50):
        if state.get("outcome") or state.get("draft_reference") or state.get("paused") in ("ended", "danger"):
            break
        slot = state.get("asking")
        if slot is None:
            break
        key = ANSWER_FOR.get(slot)
        if slot == "report" or (slot == "another_report" and reports):
            text = reports.pop(0) if reports else answers.get("more_reports") or "no"
        elif slot == "summary_confirmed":
            text = "yes" if summary_seen else answers.get("summary") or "yes"
            summary_seen = True
        elif key in volunteers:
            text = volunteers.pop(key)
        elif key and answers.get(key) and asked.get(key, 0) < 2:
            text = answers[key]
        elif key and asked.get(key, 0) >= 2:
            text = "i don't know"  # asked twice already: a resident gives up on it
        else:
            text = DEFAULT.get(slot, "i don't know")
        if key:
            asked[key] = asked.get(key, 0) + 1
        say(text)
    if state.get("paused") == "danger":
        got = "danger"
    elif state.get("draft_reference"):
        got = "eligible"
    else:
        got = state.get("outcome") or f"unfinished at {state.get('asking')}"
    decision = conversation.decision(state, engine.policy, today)
    counting = sum(1 for r in decision.reports if r.counts)
    return {"id": persona["id"], "expected": persona["expected_outcome"], "got": OUTCOME.get(got, got),
            "expected_counting": persona.get("expected_qualifying"), "counting": counting,
            "transcript": transcript}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="persona files (default: every bench/personas/*.json)")
    parser.add_argument("--show", action="append", default=[], help="print this persona's whole conversation")
    args = parser.parse_args(argv)
    files = [Path(f) for f in args.files] or sorted(HERE.glob("*.json"))
    policy = load_policy()
    engine = Engine(policy, ReportReader(policy), save=lambda record, decision: ("CT-2026-00001", True))
    right = total = counts_right = 0
    for path in files:
        print(f"# {path.name}")
        for persona in json.loads(path.read_text()):
            result = run(persona, engine, TODAY)
            ok = result["got"] == result["expected"]
            # (an application stopped before its reports, by a complaint or danger, has none counted yet)
            counts_ok = result["expected_counting"] is None or result["got"] not in ("eligible", "not_enough_reports") \
                or result["counting"] == result["expected_counting"]
            right += ok
            counts_right += counts_ok
            total += 1
            print(f"{'ok ' if ok and counts_ok else 'BAD'} {result['id']}: expected {result['expected']} "
                  f"({result['expected_counting']} counting), got {result['got']} ({result['counting']} counting)")
            if persona["id"] in args.show:
                print("\n".join(result["transcript"]))
    print(f"\nright outcome: {right}/{total}; right number of reports counting: {counts_right}/{total}")
    return 0 if right == total else 1


if __name__ == "__main__":
    sys.exit(main())
