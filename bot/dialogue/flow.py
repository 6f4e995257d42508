"""Which question comes next: the whole guided conversation as one pure function.

`required_slots(state, policy)` returns the questions asked so far plus the
next one, given the answers in `state` (the form's slot values). Rasa's form
asks the first one that is still empty; when none is, the form ends and the
assistant finishes (signposts, or saving the draft). Answers that end the
application early (danger now, no consent, an ongoing complaint, the problem
has stopped, not eligible) stop the list there.

Order (PRODUCT.md "The conversation"): safety, who is applying, victim type,
exclusions, route, each report in a loop, the problem, the decision, consent,
contact details, the summary with corrections.
"""
from __future__ import annotations

from typing import Any, List, Mapping

from bot.rules.policy import Policy

# The slots of one report; they are cleared after each report is added to `reports`.
REPORT_SLOTS = (
    "report_reporter", "report_organisation", "report_org_category", "report_org_name", "report_date",
    "report_incident_date", "report_details", "report_outcome", "another_report",
)
# Extra facts about the current report, set alongside the slots above.
REPORT_FACTS = ("report_date_text", "report_date_approx", "report_reference", "report_person",
                "report_incident_date_text", "report_org_say", "report_org_needs_category", "report_org_needs_name")

# Outcomes known as soon as the reports are in.
REPORTS_FALL_SHORT = ("first_report", "not_enough_reports")

# Why the form stopped before the end (besides a decision outcome).
STOPPED_DANGER = "danger"
STOPPED_NO_SHARE_CONSENT = "no_share_consent"


def needs_incident_date(policy: Policy) -> bool:
    return bool(policy.report_within_days_of_incident or policy.same_incident_counts_once)


def report_slots(state: Mapping[str, Any], policy: Policy) -> List[str]:
    # Whether a slot is in the list must never depend on that slot's own value:
    # rasa_sdk recomputes the list after taking an answer, before reading it.
    slots = []
    if state.get("route") == "five_individuals":
        slots.append("report_reporter")
    slots.append("report_organisation")
    if state.get("report_org_needs_category"):
        slots.append("report_org_category")
    if state.get("report_org_needs_name"):
        slots.append("report_org_name")
    slots.append("report_date")
    if needs_incident_date(policy):
        slots.append("report_incident_date")
    slots += ["report_details", "report_outcome", "another_report"]
    return slots


def required_slots(state: Mapping[str, Any], policy: Policy) -> List[str]:
    steps: List[str] = []

    def missing(slot: str) -> bool:
        steps.append(slot)
        return state.get(slot) is None

    if missing("danger_now") or state["danger_now"] is True:
        return steps
    if missing("applying_for"):
        return steps
    if state["applying_for"] == "someone_else":
        if missing("relationship"):
            return steps
        if missing("victim_consent") or state["victim_consent"] is False:
            return steps
        if missing("victim_name"):
            return steps
    if missing("victim_type"):
        return steps
    if missing("ongoing_complaint") or state["ongoing_complaint"] is True:
        return steps
    if policy.route("three_reports") and policy.route("five_individuals"):
        if missing("route"):
            return steps

    if not state.get("reports_done"):
        for slot in report_slots(state, policy):
            if missing(slot):
                return steps
        return steps
    if state.get("outcome") in REPORTS_FALL_SHORT:
        return steps  # the reports cannot meet the threshold: no need to ask more

    for slot in ("asb_description", "asb_location"):
        if missing(slot):
            return steps
    if missing("in_area") or state["in_area"] is False:
        return steps
    for slot in ("asb_since", "asb_impact", "vulnerability"):
        if missing(slot):
            return steps
    if missing("problem_continuing") or (policy.require_problem_continuing and state["problem_continuing"] is False):
        return steps
    if missing("no_action_taken") or (policy.require_no_action and state["no_action_taken"] is False):
        return steps
    if state.get("outcome") != "eligible":
        return steps

    if missing("consent_to_share") or state["consent_to_share"] is False:
        return steps
    if missing("applicant_name") or missing("contact") or missing("preferred_contact"):
        return steps
    method = state["preferred_contact"]
    # Already given with the first contact details? Then it is filled and not asked.
    if method in ("phone", "text") and missing("contact_phone"):
        return steps
    if method == "email" and missing("contact_email"):
        return steps
    if method == "post" and missing("contact_address"):
        return steps
    if missing("contact_notes"):
        return steps
    missing("summary_confirmed")
    return steps


def all_form_slots(policy: Policy) -> List[str]:
    """Every slot the form can ask for (the domain's `required_slots`)."""
    return [
        "danger_now", "applying_for", "relationship", "victim_consent", "victim_name", "victim_type",
        "ongoing_complaint", "route", *REPORT_SLOTS, "asb_description", "asb_location", "in_area", "asb_since",
        "asb_impact", "vulnerability", "problem_continuing", "no_action_taken", "consent_to_share",
        "applicant_name", "contact", "preferred_contact", "contact_phone", "contact_email", "contact_address",
        "contact_notes", "summary_confirmed",
    ]
