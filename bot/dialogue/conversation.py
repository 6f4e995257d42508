"""The conversation's answers (the form's slot values) as an application.

Pure functions over a mapping of slot values, so the Rasa actions stay thin and
the same shapes serve the decision, the summary, corrections and the draft.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Dict, List, Mapping, Optional

from bot.rules.application import application_from_dict
from bot.rules.eligibility import Decision, decide
from bot.dialogue.flow import REPORT_FACTS, REPORT_SLOTS
from bot.rules.policy import Policy

# Slots that make up the application (cleared by "start again").
ANSWER_SLOTS = (
    "danger_now", "applying_for", "relationship", "victim_consent", "victim_name", "victim_type",
    "ongoing_complaint", "route", "reports", "reports_done", *REPORT_SLOTS, *REPORT_FACTS, "asb_description", "asb_location", "in_area", "asb_since", "asb_impact",
    "vulnerability", "problem_continuing", "no_action_taken", "outcome", "consent_to_share", "applicant_name",
    "contact", "preferred_contact", "contact_phone", "contact_email", "contact_address", "contact_postcode",
    "contact_notes", "summary_confirmed", "draft_reference", "first_message", "general_crime_only",
    "next_report_text",
)


def current_report(state: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    """The report being collected now, if anything of it has been given."""
    report = {
        "organisation": state.get("report_organisation"),
        "organisation_category": state.get("report_org_category"),
        "date": state.get("report_date"),
        "date_text": state.get("report_date_text"),
        "approximate": bool(state.get("report_date_approx")),
        "reference": state.get("report_reference"),
        "person": state.get("report_person"),
        "reporter": state.get("report_reporter") or _default_reporter(state),
        "outcome": state.get("report_outcome"),
        "incident_date_text": state.get("report_incident_date_text"),
    }
    if not (report["organisation"] or report["date"] or report["date_text"]):
        return None
    if state.get("report_incident_date"):
        report["incident_date"] = state.get("report_incident_date")
    return report


def _default_reporter(state: Mapping[str, Any]) -> Optional[str]:
    if state.get("route") == "five_individuals":
        return None
    return "the applicant" if state.get("applying_for") != "someone_else" else "the applicant or the victim"


def reports(state: Mapping[str, Any], include_current: bool = True) -> List[Dict[str, Any]]:
    done = list(state.get("reports") or [])
    current = current_report(state) if include_current else None
    return done + ([current] if current else [])


def cleared_report_slots() -> Dict[str, Any]:
    """SlotSet values that empty the per-report slots, so the form asks again."""
    return {slot: None for slot in (*REPORT_SLOTS, *REPORT_FACTS)}


def application_record(state: Mapping[str, Any], conversation_id: str = "") -> Dict[str, Any]:
    """The application in the exported draft shape (and the input of `decide`)."""
    on_behalf = state.get("applying_for") == "someone_else"
    applicant_name = state.get("applicant_name")
    return {
        "conversation_id": conversation_id,
        "route": state.get("route") or "three_reports",
        "ongoing_complaint": state.get("ongoing_complaint"),
        "problem_continuing": state.get("problem_continuing"),
        "no_action_taken": state.get("no_action_taken"),
        "general_crime_only": state.get("general_crime_only"),
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
