"""The conversation's answers (the form's slot values) as an application.

Pure functions over a mapping of slot values, so the Rasa actions stay thin and
the same shapes serve the decision, the summary, corrections and the draft.
"""
from __future__ import annotations

import re

from datetime import date
from typing import Any, Dict, List, Mapping, Optional

from bot.rules.application import application_from_dict
from bot.rules.eligibility import Decision, decide
from bot.rules.policy import Policy

# The answers that make up an application (cleared by "start again").
ANSWER_SLOTS = (
    "danger_now", "applying_for", "relationship", "victim_consent", "victim_name", "victim_type",
    "ongoing_complaint", "route", "reports", "report", "queue", "confirming", "reports_done", "reports_outcome",
    "asb_description", "asb_location", "in_area", "asb_since", "asb_impact", "vulnerability", "problem_continuing",
    "no_action_taken", "outcome", "consent_to_share", "applicant_name", "contact", "preferred_contact",
    "contact_phone", "contact_email", "contact_address", "contact_postcode", "contact_notes", "summary_confirmed",
    "draft_reference", "first_message", "general_crime_only", "hate_crime", "crime", "asb_too", "report_hint",
    "opening_reports", "outside_hint", "ended_by", "opened", "paused", "asking", "tries", "shown",
    "crime_noted", "decision_said",
)


def report_record(report: Mapping[str, Any], state: Mapping[str, Any]) -> Dict[str, Any]:
    """One report in the application shape (PRODUCT.md), from a report as the conversation keeps it."""
    return {
        "organisation": report.get("organisation"),
        "organisation_category": report.get("category"),
        "date": report.get("date"),
        "date_earliest": report.get("earliest"),
        "date_latest": report.get("latest"),
        "date_text": report.get("date_text"),
        "approximate": bool(report.get("approximate")),
        "reference": report.get("reference"),
        "person": report.get("person"),
        "reporter": _reporter(report.get("reporter"), state) or _default_reporter(state),
        "outcome": report.get("outcome") or state.get("reports_outcome"),
        "incident_date": report.get("incident_date"),
        "incident_date_text": report.get("incident_date_text"),
    }


def current_report(state: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    """The report being told now, if anything of it has been given."""
    report = state.get("report") or None
    if not report or not (report.get("organisation") or report.get("date") or report.get("date_text")):
        return None
    return dict(report)


def _reporter(said: Optional[str], state: Mapping[str, Any]) -> Optional[str]:
    """Who made a report. Applying for someone else, "my daughter" is the applicant's daughter, not
    someone reporting for the person affected."""
    if said and state.get("applying_for") == "someone_else" and re.match(r"(?:my|our)\s+\S", said, re.I):
        return "the applicant's " + re.sub(r"^(?:my|our)\s+", "", said, flags=re.I)
    return said


def _default_reporter(state: Mapping[str, Any]) -> Optional[str]:
    if state.get("route") == "five_individuals":
        return None
    return "the applicant" if state.get("applying_for") != "someone_else" else "the applicant or the victim"


def reports(state: Mapping[str, Any], include_current: bool = True) -> List[Dict[str, Any]]:
    """Every report told so far, in the application shape."""
    told = list(state.get("reports") or [])
    current = current_report(state) if include_current else None
    return [report_record(r, state) for r in told + ([current] if current else [])]


def application_record(state: Mapping[str, Any], conversation_id: str = "", sender_id: str = "") -> Dict[str, Any]:
    """The application in the exported draft shape (and the input of `decide`). `sender_id` is the chat
    conversation (the channel's sender id), `conversation_id` this application within it."""
    on_behalf = state.get("applying_for") == "someone_else"
    applicant_name = state.get("applicant_name")
    return {
        "conversation_id": conversation_id,
        "sender_id": sender_id,
        "route": state.get("route") or "three_reports",
        "ongoing_complaint": state.get("ongoing_complaint"),
        "problem_continuing": state.get("problem_continuing"),
        "no_action_taken": state.get("no_action_taken"),
        "general_crime_only": state.get("general_crime_only"),
        "hate_crime": state.get("hate_crime"),
        "in_area": state.get("in_area"),
        "victim_consent": state.get("victim_consent") if on_behalf else None,
        "applicant": {
            "name": applicant_name,
            "email": state.get("contact_email"),
            "phone": state.get("contact_phone"),
            "address": state.get("contact_address"),
            "postcode": state.get("contact_postcode"),
            "on_behalf": on_behalf,
            "relationship": state.get("relationship") if on_behalf else "self",
            "preferred_contact": state.get("preferred_contact"),
            "contact_notes": state.get("contact_notes"),
            "consent_to_share": state.get("consent_to_share"),
        },
        "victim": {
            "name": state.get("victim_name") if on_behalf else applicant_name,
            "type": state.get("victim_type"),
            "consent": state.get("victim_consent") if on_behalf else None,
        },
        "asb": {
            "description": state.get("asb_description"),
            "location": state.get("asb_location"),
            "since": state.get("asb_since"),
            "impact": state.get("asb_impact"),
            "vulnerability": state.get("vulnerability"),
        },
        "reports": reports(state),
    }


def decision(state: Mapping[str, Any], policy: Policy, today: date, include_current: bool = True) -> Decision:
    record = application_record(state)
    if not include_current:
        record["reports"] = reports(state, include_current=False)
    return decide(application_from_dict(record), policy, today)
