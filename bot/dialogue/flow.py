"""Which question comes next: the whole guided conversation as one pure function.

`next_question(state, policy)` returns the slot of the first question still to
ask, given the answers so far, or None when everything is in. A fact the
resident already gave (in the opening, or with another answer) fills its slot,
so its question is never asked cold. Answers that end the application early
(an ongoing complaint, no consent, the problem has stopped, not enough
reports...) are not here: the engine ends the conversation when it takes them.

Order (PRODUCT.md "The conversation"): safety, who is applying, victim type,
exclusions, route, each report in a loop, what happened after, the problem,
the decision, consent, contact details, the summary with corrections.
"""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from bot.rules.policy import Policy


def needs_incident_date(policy: Policy) -> bool:
    return bool(policy.report_within_days_of_incident or policy.same_incident_counts_once)


def uncertain_date(report: Mapping[str, Any], window_start_iso: str) -> bool:
    """A vague date that may or may not be inside the window (it straddles its start)."""
    lo, hi = report.get("earliest"), report.get("latest")
    return bool(report.get("date") and lo and hi and lo < window_start_iso <= hi)


def report_question(report: Mapping[str, Any], state: Mapping[str, Any], policy: Policy,
                    window_start_iso: str) -> Optional[str]:
    """What is still to ask about the report being told, or None when it is complete."""
    if state.get("route") == "five_individuals" and not report.get("reporter"):
        return "report_reporter"
    if not report.get("organisation") and not report.get("org_unknown"):
        return "report_organisation"
    if report.get("ambiguous") and report.get("category") is None and not report.get("org_unknown"):
        return "report_org_category"
    if report.get("category") == "housing_provider" and _generic_housing(report) and \
            not report.get("org_name_asked"):
        return "report_org_name"
    if not report.get("date") and not report.get("date_unknown"):
        return "report_date"
    if uncertain_date(report, window_start_iso) and not report.get("date_checked"):
        return "report_date_check"
    if needs_incident_date(policy) and not (report.get("incident_date") or report.get("incident_date_text")) and \
            _could_count(report, policy, window_start_iso):
        return "report_incident_date"  # never for a report that can't count anyway (to an MP, or too old)
    if not report.get("same_checked") and (same_as(report, state) is not None or
                                           fills_count(report, state) is not None):
        return "report_same"  # told again, or one of "the 3 times" counted before: asked, never assumed
    if not (report.get("reference") or report.get("person") or report.get("details_asked")) and \
            _could_count(report, policy, window_start_iso) and not state.get("reports"):
        # asked once, for the first report: the question for each report already asks for a reference
        return "report_details"
    return None


def same_as(report: Mapping[str, Any], state: Mapping[str, Any]) -> Optional[int]:
    """The earlier report this one may be telling again ("the police, about 3 months ago", then "I told the
    police sometime between 19 August and 2 September"): the same kind of organisation, dates that overlap,
    one of them vague, and no two different reference numbers. Reports told together in one message are
    different reports."""
    if report.get("grouped") or not report.get("category") or not report.get("earliest"):
        return None
    for i, old in enumerate(state.get("reports") or []):
        if old.get("category") != report["category"] or not old.get("earliest") or old.get("counted"):
            continue
        if old.get("reference") and report.get("reference") and old["reference"] != report["reference"]:
            continue
        if state.get("route") == "five_individuals" and (old.get("reporter") or "") != (report.get("reporter") or ""):
            continue
        if old.get("date") and old.get("date") == report.get("date") and \
                not old.get("approximate") and not report.get("approximate"):
            return i  # the same organisation on the same day: most likely told twice, so asked
        if not (old.get("approximate") and report.get("approximate")):
            continue  # an exact date is a report of its own, even on a day inside a vague one
        if old["earliest"] <= report["latest"] and report["earliest"] <= old["latest"]:
            return i
    return None


def fills_count(report: Mapping[str, Any], state: Mapping[str, Any]) -> Optional[int]:
    """The placeholder a report fills: "I've called the police three times since September", then "I rang them
    on 3 October" is one of the three, not a fourth. The first placeholder to the same kind of organisation
    whose dates take in this one's; never one told in the same message."""
    if report.get("counted") or report.get("count_told") or not report.get("category") or \
            not report.get("earliest"):
        return None
    for i, old in enumerate(state.get("reports") or []):
        if not old.get("counted") or old.get("category") != report["category"] or not old.get("earliest"):
            continue
        if state.get("route") == "five_individuals" and (old.get("reporter") or "") != (report.get("reporter") or ""):
            continue
        if old["earliest"] <= report["earliest"] and report["latest"] <= old["latest"]:
            return i
    return None


def _could_count(report: Mapping[str, Any], policy: Policy, window_start_iso: str) -> bool:
    """No reference is asked for a report that can't count (to an MP, or too long ago)."""
    if report.get("category") and not policy.counts(report["category"]):
        return False
    return not (report.get("latest") and report["latest"] < window_start_iso)


def _generic_housing(report: Mapping[str, Any]) -> bool:
    """ "my housing association": which one? A name the resident gave is kept as it is."""
    said = (report.get("organisation") or "").lower()
    return said.strip() in ("housing association", "the housing association", "my housing association",
                            "a housing association", "housing provider", "my housing provider",
                            "social landlord", "my social landlord", "housing office", "my housing office",
                            "the housing office", "housing officer", "my housing officer")


def next_question(state: Mapping[str, Any], policy: Policy, window_start_iso: str) -> Optional[str]:
    s = state
    if s.get("danger_now") is None:
        return "danger_now"
    if s.get("crime") and s.get("asb_too") is None:
        return "asb_too"
    if s.get("applying_for") is None:
        return "applying_for"
    if s["applying_for"] == "someone_else":
        for slot in ("relationship", "victim_consent", "victim_name"):
            if s.get(slot) is None:
                return slot
    if s.get("victim_type") is None:
        return "victim_type"
    if "ongoing_complaint" not in s.get("answered", ()) and s.get("ongoing_complaint") is None:
        return "ongoing_complaint"
    if policy.route("three_reports") and policy.route("five_individuals") and s.get("route") is None:
        return "route"

    if not s.get("reports_done"):
        if s.get("confirming"):
            return "reports_confirm"
        report = s.get("report")
        if report:
            missing = report_question(report, s, policy, window_start_iso)
            if missing:
                return missing
        if not report and (not s.get("reports") or s.get("next_report")):
            return "report"
        return "another_report"

    if not s.get("reports_outcome") and not any(r.get("outcome") for r in s.get("reports") or []) \
            and not s.get("outcome_asked"):
        return "reports_outcome"
    for slot in ("asb_description", "asb_location"):
        if s.get(slot) is None:
            return slot
    if s.get("in_area") is None:
        return "in_area"
    for slot in ("asb_since", "asb_impact", "vulnerability"):
        if s.get(slot) is None:
            return slot
    if "problem_continuing" not in s.get("answered", ()) and s.get("problem_continuing") is None:
        return "problem_continuing"
    if "no_action_taken" not in s.get("answered", ()) and s.get("no_action_taken") is None and \
            policy.require_no_action:
        return "no_action_taken"  # not asked where it is no condition: what happened after each report is kept
    if s.get("consent_to_share") is None:
        return "consent_to_share"
    for slot in ("applicant_name", "contact"):
        if s.get(slot) is None:
            return slot
    if s.get("preferred_contact") is None:
        return "preferred_contact"
    method = s["preferred_contact"]
    if method in ("phone", "text") and not s.get("contact_phone"):
        return "contact_phone"
    if method == "email" and not s.get("contact_email"):
        return "contact_email"
    if method == "post" and not s.get("contact_address"):
        return "contact_address"
    if s.get("contact_notes") is None:
        return "contact_notes"
    if not s.get("summary_confirmed"):
        return "summary_confirmed"
    return None


def single_contact_method(state: Mapping[str, Any]) -> Optional[str]:
    """The only way of contact the resident gave, when there is just one (an email, or a letter)."""
    given = [m for m, key in (("email", "contact_email"), ("post", "contact_address")) if state.get(key)]
    if state.get("contact_phone"):
        return None  # a phone could be a call or a text: ask
    return given[0] if len(given) == 1 else None


def answered(state: Mapping[str, Any], slot: str) -> Dict[str, Any]:
    """The `answered` marker for a question whose answer may be "not known" (None)."""
    return {"answered": sorted(set(state.get("answered") or ()) | {slot})}
