"""The judge's rules: Barnet's Community Trigger criteria, written for the simulator
from PRODUCT.md and the council's page (shared/seed/barnet-community-trigger.txt),
independently of the assistant's own eligibility code.

Seed lines implemented:
- "You have made three reports to either the council, police or registered housing
  provider about the same issue in the last six months and no action has been taken"
  (route A, ``three_reports``);
- "Five individuals have separately reported about the same issue in the last six
  months and no action has been taken" (route B, ``five_individuals``);
- "You cannot use the Community Trigger to: report general acts of crime, including
  hate crime; ... if you have an ongoing complaint that is being dealt with by the
  Council, police or registered housing provider";
- "... but the problem is still continuing, you can apply";
- "The victim or another person acting on their behalf" (PRODUCT: with the victim's consent);
- Barnet's Community Trigger is for Barnet (the borough's partnership reviews it);
- "If this is the first time you are reporting ... or you don't meet the criteria for
  another reason ... contact Barnet Police on 101; report the issue directly to your
  housing office or housing association if you are a tenant of a social landlord;
  contact London Borough of Barnet Community Safety Team on 020 8359 2000";
- "In an emergency, always call 999. If the problem is less urgent, please call the police on 101".

"Within the last six months" (PRODUCT): on or after today minus six calendar months
and not after today; a date range counts only when it lies entirely inside.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, List, Optional, Sequence, Tuple

COUNTING_ORGANISATIONS = ("council", "police", "housing_provider")
REPORTS_NEEDED = 3
INDIVIDUALS_NEEDED = 5
WINDOW_MONTHS = 6


@dataclass(frozen=True)
class Rules:
    """One council's criteria as the simulator judges them. ``BARNET`` is written from the seed
    (the lines above); another council's come from its published process, which for a council
    deployed with this project is its policy file (read as plain YAML here, never through the
    assistant's code)."""
    council: str = "barnet"
    area: str = "Barnet"
    window_months: int = WINDOW_MONTHS
    reports_needed: int = REPORTS_NEEDED
    individuals_needed: int = INDIVIDUALS_NEEDED
    require_continuing: bool = True          # seed: "but the problem is still continuing"
    require_no_action: bool = True           # seed: "and no action has been taken"
    cst_phone: str = "020 8359 2000"         # seed: the Community Safety Team
    housing_names: Tuple[str, ...] = ()      # registered housing providers residents there name
    # Barnet's names in the phrase files, said as a resident of this council would ((pattern, words))
    renames: Tuple[Tuple[str, str], ...] = ()

    def exclusions(self) -> Tuple[str, ...]:
        """Outcomes that end the check before the reports are counted."""
        return tuple(o for o in ("outside_area", "general_crime", "ongoing_complaint", "no_consent", "first_report",
                                 "not_continuing", "action_taken")
                     if (o != "not_continuing" or self.require_continuing) and
                     (o != "action_taken" or self.require_no_action))


BARNET = Rules()
_KNOWN = {"barnet": BARNET}


def rules_from_policy(path) -> Rules:
    """A council's rules from its policy file: the window, the two thresholds, which conditions
    apply, the Community Safety Team's number, its area and housing providers."""
    import yaml  # the policy is YAML; read its values, not the assistant's reading of them

    with open(path, encoding="utf-8") as f:
        p = yaml.safe_load(f)
    crit, council = p.get("criteria") or {}, p.get("council") or {}
    routes = crit.get("routes") or {}
    names = []
    for n in ((p.get("organisations") or {}).get("housing_provider") or {}).get("names") or []:
        names.append(n["name"] if isinstance(n, dict) else str(n))
    area = council.get("area") or council.get("short_name") or ""
    short = council.get("short_name") or area
    rules = Rules(
        council=str(p.get("id") or short).lower(), area=area,
        window_months=int(crit.get("window_months", WINDOW_MONTHS)),
        reports_needed=int((routes.get("three_reports") or {}).get("min_reports", REPORTS_NEEDED)),
        individuals_needed=int((routes.get("five_individuals") or {}).get("min_individuals", INDIVIDUALS_NEEDED)),
        require_continuing=bool(crit.get("require_problem_continuing", True)),
        require_no_action=bool(crit.get("require_no_action", True)),
        cst_phone=str(((p.get("contacts") or {}).get("community_safety_team") or {}).get("phone") or ""),
        housing_names=tuple(names),
        renames=((r"\bBarnet Homes\b", f"{short} Homes" if any(f"{short} Homes" == n for n in names) else names[0]
                  if names else "the housing association"),
                 (r"\bLondon Borough of Barnet\b|\bBarnet Council\b", council.get("name") or f"{short} Council"),
                 (r"\bBarnet\b", short)) if short and short != "Barnet" else ())
    _KNOWN[rules.council] = rules
    return rules


def in_council_words(text: str, rules: Rules) -> str:
    """A phrase written for Barnet, said by a resident of ``rules``' council ("Barnet Homes" ->
    "Thameside Homes"); Barnet's postcodes and streets stay, so the assistant asks where they are."""
    import re

    for pattern, words in rules.renames:
        text = re.sub(pattern, words, text)
    return text


def known_rules() -> Tuple[Rules, ...]:
    return tuple(_KNOWN.values())

OUTCOMES = ("eligible", "first_report", "not_enough_reports", "general_crime", "ongoing_complaint",
            "not_continuing", "no_consent", "outside_area", "action_taken")

# What a resident who cannot use the Community Trigger must be told (keys are read in
# replies by questions.signposts_in): 999 emergency, 101 police, "housing" the housing
# office / association, "cst" the Community Safety Team on 020 8359 2000.
SIGNPOSTS = {
    "eligible": (),
    "first_report": ("101", "housing", "cst"),        # seed: "I don't meet the criteria"
    "not_enough_reports": ("101", "housing", "cst"),  # seed: idem
    "general_crime": ("101",),                         # seed: crime goes to the police
    "ongoing_complaint": ("cst",),                     # seed: "for another reason" -> the CST
    "not_continuing": ("cst",),
    "no_consent": ("cst",),
    "action_taken": ("cst",),
    "outside_area": ("101",),                          # not Barnet's to review; the police still are
}


def months_before(day: date, months: int) -> date:
    """``day`` minus calendar months, the day clamped to the month's end
    (as dateutil's relativedelta does: 31 August - 6 months = 28/29 February)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def window(today: date, rules: Rules = BARNET) -> Tuple[date, date]:
    return months_before(today, rules.window_months), today


def _as_date(value) -> Optional[date]:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass
class Report:
    organisation: str                      # council / police / housing_provider / other
    date: Optional[date] = None
    date_range: Optional[Tuple[date, date]] = None
    reporter: Optional[str] = None         # None: the applicant (or the victim)

    @classmethod
    def of(cls, fact) -> "Report":
        """From anything with organisation / date / date_range / reporter (a phrase-bank report)."""
        get = (lambda k: fact.get(k)) if isinstance(fact, dict) else (lambda k: getattr(fact, k, None))
        rng = get("date_range")
        return cls(get("organisation") or "other", _as_date(get("date")),
                   (_as_date(rng[0]), _as_date(rng[1])) if rng else None, get("reporter"))


def report_counts(report: Report, today: date, rules: Rules = BARNET) -> Tuple[bool, str]:
    """Whether one report counts, and why (or why not)."""
    start, end = window(today, rules)
    months = f"{rules.window_months} months"
    if report.organisation not in COUNTING_ORGANISATIONS:
        return False, f"made to {report.organisation}, not the council, the police or a registered housing provider"
    if report.date is not None:
        if report.date > end:
            return False, "dated in the future"
        if report.date < start:
            return False, f"older than {months} (before {start.isoformat()})"
        return True, f"within the last {months}"
    if report.date_range is not None:
        first, last = report.date_range
        if first >= start and last <= end:
            return True, f"its whole period lies within the last {months}"
        if last < start:
            return False, f"older than {months}"
        return False, f"its period is not entirely within the last {months}"
    return False, "no date"


def date_certain(report: Report, today: date, rules: Rules = BARNET) -> bool:
    """True when whether the report counts does not depend on how a vague date is read."""
    if report.date is not None:
        return report.date <= today
    if report.date_range is None:
        return False
    start, end = window(today, rules)
    first, last = report.date_range
    return (first >= start and last <= end) or last < start


@dataclass
class Case:
    """The facts the rules need (all as the resident would truthfully give them)."""
    reports: Sequence[Report] = ()
    applying_for: str = "myself"           # myself / someone_else
    victim_consent: Optional[bool] = None  # for someone else: does the victim agree?
    in_area: bool = True                   # is the problem in Barnet?
    general_crime: bool = False            # is it general crime (incl. hate crime) rather than ASB?
    ongoing_complaint: bool = False
    continuing: bool = True
    no_action_taken: bool = True


@dataclass
class Decision:
    outcome: str
    eligible: bool
    route: Optional[str]
    qualifying_reports: int
    qualifying_individuals: int
    signposts: Tuple[str, ...]
    reasons: List[str] = field(default_factory=list)


def _reporter_key(reporter: Optional[str]) -> str:
    return " ".join((reporter or "the applicant").lower().split())


def decide(case: Case, today: date, rules: Rules = BARNET) -> Decision:
    """The expected outcome for a case. Exclusions first (seed: "You cannot use the
    Community Trigger to ..."), then the two routes."""
    reports = [r if isinstance(r, Report) else Report.of(r) for r in case.reports]
    counted = [(r, report_counts(r, today, rules)) for r in reports]
    own = [r for r, (ok, _) in counted if ok and r.reporter is None]
    individuals = {_reporter_key(r.reporter) for r, (ok, _) in counted if ok}
    reasons = [f"report {i}: {'counts' if ok else 'does not count'} ({why})"
               for i, (_, (ok, why)) in enumerate(counted, 1)]

    def result(outcome: str, route: Optional[str] = None) -> Decision:
        return Decision(outcome, outcome == "eligible", route, len(own), len(individuals),
                        SIGNPOSTS[outcome], reasons)

    if not case.in_area:
        return result("outside_area")
    if case.general_crime:
        return result("general_crime")
    if case.ongoing_complaint:
        return result("ongoing_complaint")
    if case.applying_for == "someone_else" and case.victim_consent is False:
        return result("no_consent")
    if not case.continuing and rules.require_continuing:
        return result("not_continuing")
    if not case.no_action_taken and rules.require_no_action:
        return result("action_taken")
    if len(own) >= rules.reports_needed:
        return result("eligible", "three_reports")
    if len(individuals) >= rules.individuals_needed:
        return result("eligible", "five_individuals")
    if not reports:
        return result("first_report")
    return result("not_enough_reports")
