"""The application a decision is made on, read from JSON (a file for `check`,
the assistant's slots, a stored draft).

Wrong types get one `ApplicationError` naming the field and what was expected.
Missing optional answers are kept as None (not asked yet), never invented.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Tuple

ROUTE_ALIASES = {
    "three_reports": "three_reports", "3_reports": "three_reports", "a": "three_reports",
    "own_reports": "three_reports", "victim": "three_reports",
    "five_individuals": "five_individuals", "5_individuals": "five_individuals", "b": "five_individuals",
    "five_people": "five_individuals", "community": "five_individuals",
}
_REPORT_TEXT_FIELDS = ("organisation", "organisation_category", "date", "date_earliest", "date_latest", "date_text",
                       "reference", "person", "reporter", "incident", "incident_date", "incident_date_text",
                       "outcome")
_REPORT_FLAGS = ("approximate",)


class ApplicationError(ValueError):
    """An application that cannot be read, with the field that is wrong."""


@dataclass(frozen=True)
class ReportInput:
    organisation: Optional[str] = None
    organisation_category: Optional[str] = None
    date: Optional[str] = None           # YYYY-MM-DD (or words, read like date_text)
    date_text: Optional[str] = None      # as the resident typed it
    # A vague date ("in the summer") is a range: the first and last day it can mean.
    date_earliest: Optional[str] = None  # YYYY-MM-DD
    date_latest: Optional[str] = None    # YYYY-MM-DD
    reference: Optional[str] = None
    person: Optional[str] = None         # who they dealt with
    reporter: Optional[str] = None       # who made the report
    incident: Optional[str] = None       # names the incident, for "same incident counts once"
    incident_date: Optional[str] = None
    incident_date_text: Optional[str] = None
    outcome: Optional[str] = None        # what happened after
    approximate: Optional[bool] = None   # `date` stands for a vague phrase ("last week")

    def to_dict(self) -> Dict[str, Any]:
        return {k: getattr(self, k) for k in _REPORT_TEXT_FIELDS + _REPORT_FLAGS}


@dataclass(frozen=True)
class Application:
    reports: Tuple[ReportInput, ...] = ()
    route: Optional[str] = None
    ongoing_complaint: Optional[bool] = None
    problem_continuing: Optional[bool] = None
    no_action_taken: Optional[bool] = None
    general_crime_only: Optional[bool] = None
    hate_crime: Optional[bool] = None       # the crime reported was a hate crime (its own signposts)
    victim_consent: Optional[bool] = None   # only asked when applying for someone else
    in_area: Optional[bool] = None
    extra: Dict[str, Any] = field(default_factory=dict, compare=False)


def _flag(data: dict, key: str, where: str) -> Optional[bool]:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
        return value.strip().lower() in ("true", "yes")
    raise ApplicationError(f"{where}{key} must be true or false, not {value!r}")


def _text(data: dict, key: str, where: str) -> Optional[str]:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ApplicationError(f"{where}{key} must be text, not {type(value).__name__}")
    value = str(value).strip()
    return value or None


def application_from_dict(data: Any) -> Application:
    if not isinstance(data, dict):
        raise ApplicationError("the application must be a JSON object with a \"reports\" list")
    route = data.get("route")
    if route is not None:
        if not isinstance(route, str) or route.strip().lower() not in ROUTE_ALIASES:
            raise ApplicationError(f"route must be \"three_reports\" or \"five_individuals\", not {route!r}")
        route = ROUTE_ALIASES[route.strip().lower()]
    reports_raw = data.get("reports", [])
    if reports_raw is None:
        reports_raw = []
    if not isinstance(reports_raw, list):
        raise ApplicationError("reports must be a list of reports")
    reports = []
    for i, raw in enumerate(reports_raw, start=1):
        where = f"reports[{i}]."
        if not isinstance(raw, dict):
            raise ApplicationError(f"reports[{i}] must be an object like "
                                   "{\"organisation\": \"police\", \"date\": \"2026-03-02\"}")
        reports.append(ReportInput(**{k: _text(raw, k, where) for k in _REPORT_TEXT_FIELDS},
                                   **{k: _flag(raw, k, where) for k in _REPORT_FLAGS}))
    applicant = data.get("applicant") if isinstance(data.get("applicant"), dict) else {}
    asb = data.get("asb") if isinstance(data.get("asb"), dict) else {}
    # The flags may sit at the top (the documented shape) or inside "asb" /
    # "applicant" (how an exported draft nests them): the top wins.
    merged = {**asb, **applicant, **data}
    return Application(
        reports=tuple(reports),
        route=route,
        ongoing_complaint=_flag(merged, "ongoing_complaint", ""),
        problem_continuing=_flag(merged, "problem_continuing", ""),
        no_action_taken=_flag(merged, "no_action_taken", ""),
        general_crime_only=_flag(merged, "general_crime_only", ""),
        hate_crime=_flag(merged, "hate_crime", ""),
        victim_consent=_flag(merged, "victim_consent", ""),
        in_area=_flag(merged, "in_area", ""),
        extra={k: v for k, v in data.items() if k not in ("reports",)},
    )
