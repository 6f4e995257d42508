"""The Community Trigger decision: (application, policy, today) -> decision.

Pure and deterministic: no clock, no database, no Rasa. The assistant, `python
-m bot check` and the staff "re-check" all call `decide`, so they always agree.

What it implements (seed, "What are the criteria for the Community Trigger?"):
  - three reports to the council, police or a registered housing provider
    about the same issue in the last six months, and no action taken; or
  - five individuals separately reporting the same issue in the last six
    months, and no action taken.
and the exclusions ("You cannot use the Community Trigger to ..."): general
crime including hate crime; an ongoing complaint being dealt with. The seed's
"the problem is still continuing" is a condition too.

Interpretations (each a policy setting where councils differ):
  - "in the last six months" = on or after today minus six calendar months
    (dateutil `relativedelta`), and not after today.
  - Route B counts the same organisations as route A (the seed names them only
    for route A; a report "about the same issue" is a report to an agency).
  - "Same incident counts once" applies to route A; in route B each person
    counts once anyway.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Dict, List, Optional, Tuple

from dateutil.relativedelta import relativedelta

from bot.rules.application import Application, ReportInput
from bot.rules.dates import DateReading, format_date, read_date
from bot.rules.organisations import OrganisationIndex, OrganisationMatch, normalise
from bot.rules.policy import Policy, join_or

# Codes for why a report does or does not count (the assistant phrases its
# replies by code; staff statistics count them).
COUNTS = "counts"
DATE_MISSING = "date_missing"
DATE_UNREADABLE = "date_unreadable"
DATE_FUTURE = "date_future"
DATE_IMPOSSIBLE = "date_impossible"
DATE_TOO_VAGUE = "date_too_vague"
ORG_MISSING = "organisation_missing"
ORG_UNKNOWN = "organisation_unknown"
ORG_AMBIGUOUS = "organisation_ambiguous"
ORG_NOT_COUNTED = "organisation_not_counted"
TOO_OLD = "too_old"
# A vague date whose range begins before the window and ends inside it: it may
# or may not be recent enough, so it is not counted until the resident says.
DATE_UNCERTAIN = "date_uncertain"
LATE_REPORT = "late_report"
INCIDENT_AFTER_REPORT = "incident_after_report"
SAME_INCIDENT = "same_incident"
SAME_PERSON = "same_person"
NO_REPORTER = "no_reporter"
# Route A counts the victim's own reports (or reports made for them); a neighbour's report counts on route B.
OTHER_REPORTER = "other_reporter"

_DATE_CODES = {"unreadable": DATE_UNREADABLE, "future": DATE_FUTURE, "impossible": DATE_IMPOSSIBLE,
               "too_vague": DATE_TOO_VAGUE}


@dataclass(frozen=True)
class ReportDecision:
    index: int
    organisation: Optional[str]          # category, or None if unknown
    organisation_name: Optional[str]     # as the resident said it
    organisation_say: Optional[str]      # how the assistant mentions it
    date: Optional[date]
    date_text: Optional[str]
    approximate: bool
    reference: Optional[str]
    person: Optional[str]
    reporter: Optional[str]
    counts: bool
    code: str
    reason: str
    earliest: Optional[date] = None      # the range of a vague date
    latest: Optional[date] = None
    rule: str = ""                       # the policy rule that decided it (a key of `policy.sources`)
    source: str = ""                     # where that rule comes from, as the policy cites it

    def to_dict(self) -> dict:
        return {
            "index": self.index,
            "organisation": self.organisation,
            "organisation_name": self.organisation_name,
            "date": self.date.isoformat() if self.date else None,
            "date_earliest": self.earliest.isoformat() if self.earliest else None,
            "date_latest": self.latest.isoformat() if self.latest else None,
            "date_text": self.date_text,
            "approximate": self.approximate,
            "reference": self.reference,
            "person": self.person,
            "reporter": self.reporter,
            "counts": self.counts,
            "code": self.code,
            "reason": self.reason,
            "rule": self.rule,
            "source": self.source,
        }


@dataclass(frozen=True)
class RouteResult:
    route: str
    needed: int
    qualifying: int
    reports: Tuple[ReportDecision, ...]

    @property
    def met(self) -> bool:
        return self.qualifying >= self.needed

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.qualifying)


@dataclass(frozen=True)
class Decision:
    eligible: bool
    outcome: str                     # a key of the policy's `signposts`
    route: Optional[str]
    qualifying_reports: int
    needed: int
    reports: Tuple[ReportDecision, ...]
    reasons: Tuple[str, ...]
    signposts: Tuple[dict, ...]
    routes: Dict[str, RouteResult]
    window_start: date
    today: date
    policy: dict
    exclusions: Tuple[str, ...] = field(default=())
    reason_rules: Tuple[str, ...] = field(default=())   # the rule behind each reason, in the same order
    sources: Dict[str, str] = field(default_factory=dict)  # rule -> where it comes from

    @property
    def near_miss(self) -> bool:
        return not self.eligible and not self.exclusions and self.needed - self.qualifying_reports == 1

    def to_dict(self) -> dict:
        return {
            "eligible": self.eligible,
            "outcome": self.outcome,
            "route": self.route,
            "qualifying_reports": self.qualifying_reports,
            "needed": self.needed,
            "near_miss": self.near_miss,
            "reports": [r.to_dict() for r in self.reports],
            "reasons": list(self.reasons),
            "cited_reasons": [{"reason": r, "rule": k, "source": self.sources.get(k, "")}
                              for r, k in zip(self.reasons, self.reason_rules)],
            "exclusions": list(self.exclusions),
            "signposts": list(self.signposts),
            "routes": {k: {"needed": r.needed, "qualifying": r.qualifying, "met": r.met}
                       for k, r in self.routes.items()},
            "window": {"start": self.window_start.isoformat(), "end": self.today.isoformat()},
            "today": self.today.isoformat(),
            "policy": self.policy,
        }


def window_start(policy: Policy, today: date) -> date:
    """The earliest report date that counts: today minus the window, in calendar months."""
    return today - relativedelta(months=policy.window_months)


def resolve_date(iso: Optional[str], text: Optional[str], today: date, approximate: bool = False,
                 earliest: Optional[str] = None, latest: Optional[str] = None) -> Optional[DateReading]:
    """A report's date from "YYYY-MM-DD" (with the range of a vague date, when it
    has one) or, failing that, from the words the resident typed. The assistant
    stores the date and its range when it reads the words, so a decision never
    reads them again; `check` accepts the words alone and reads them here, once."""
    if iso:
        try:
            value = date.fromisoformat(iso)
        except ValueError:
            return read_date(iso, today)  # "3 Oct", or an impossible 2026-02-30
        if value > today:
            return DateReading(text=iso, problem="future",
                               message=f"{format_date(value)} is in the future")
        lo, hi = _iso_or(earliest, value), _iso_or(latest, value)
        if lo > hi:
            lo, hi = hi, lo
        lo, hi = min(lo, value), min(max(hi, value), today)
        return DateReading(text=iso, date=value, approximate=approximate or lo != hi, earliest=lo, latest=hi,
                           span=(0, len(iso)))
    if text:
        return read_date(text, today)
    return None


def _iso_or(text: Optional[str], default: date) -> date:
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        return default


def classify_organisation(report: ReportInput, index: OrganisationIndex) -> Optional[OrganisationMatch]:
    if report.organisation_category:
        category = report.organisation_category.strip()
        if category in index.policy.categories:
            said = report.organisation or index.policy.categories[category].label
            match = index.classify(said) if report.organisation else None
            say = match.say if match and match.category == category else said
            return OrganisationMatch(said=said, category=category, say=say)
    if not report.organisation:
        return None
    return index.classify(report.organisation) or index.unknown(report.organisation)


class _Checker:
    def __init__(self, policy: Policy, today: date):
        self.policy = policy
        self.today = today
        self.start = window_start(policy, today)
        self.index = OrganisationIndex(policy)

    def base(self, i: int, report: ReportInput) -> Tuple[ReportDecision, Optional[str]]:
        """Checks every route shares; returns the decision and an incident key."""
        org = classify_organisation(report, self.index)
        reading = resolve_date(report.date, report.date_text, self.today, bool(report.approximate),
                               report.date_earliest, report.date_latest)
        day = reading.date if reading and reading.ok else None

        def result(counts: bool, code: str, reason: str) -> ReportDecision:
            rule = _RULE_OF_CODE.get(code, "window")
            return ReportDecision(
                rule=rule, source=self.policy.source(rule).cite,
                index=i, organisation=org.category if org else None,
                organisation_name=(org.said if org else report.organisation),
                organisation_say=org.say if org else None,
                date=day, date_text=report.date_text or (report.date if not day else None),
                approximate=bool(reading and reading.ok and reading.approximate),
                reference=report.reference, person=report.person, reporter=report.reporter,
                counts=counts, code=code, reason=reason,
                earliest=reading.earliest if day else None, latest=reading.latest if day else None)

        # The date first: without one nothing else can be judged.
        if reading is None:
            return result(False, DATE_MISSING, "No date was given for this report."), None
        if not reading.ok:
            said = report.date_text or report.date
            if reading.problem == "future":
                return result(False, DATE_FUTURE, _future_reason(reading, said)), None
            if reading.problem == "impossible":
                return result(False, DATE_IMPOSSIBLE, f"The date \"{said}\" is not a real date."), None
            if reading.problem == "too_vague":
                return result(False, DATE_TOO_VAGUE,
                              f"\"{said}\" is too vague to tell whether it was in the last "
                              f"{self.policy.window_text}."), None
            return result(False, DATE_UNREADABLE, f"We could not read \"{said}\" as a date."), None

        labels = self.policy.counting_labels()
        if org is None:
            return result(False, ORG_MISSING, "We do not know who this report was made to."), None
        if org.category is None:
            code = ORG_AMBIGUOUS if org.ambiguous else ORG_UNKNOWN
            return result(False, code, f"We could not tell whether \"{org.said}\" is {labels}."), None
        if not self.policy.counts(org.category):
            return result(False, ORG_NOT_COUNTED,
                          f"Made to {org.say}, who is not one of {labels}."), None

        when = _when(reading)
        earliest = reading.earliest or day
        latest = reading.latest or day
        if latest < self.start:
            said = f"around {format_date(day)}" if reading.approximate else format_date(day)
            reason = (f"Dated {said}, more than {self.policy.window_text} ago "
                      f"(reports from {format_date(self.start)} onwards count).")
            return result(False, TOO_OLD, reason), None
        if earliest < self.start:
            # The whole range must be inside the window (PRODUCT.md: "within the last six months").
            return result(False, DATE_UNCERTAIN,
                          f"Dated between {format_date(earliest)} and {format_date(latest)}, so it may be more "
                          f"than {self.policy.window_text} ago. It counts if it was on or after "
                          f"{format_date(self.start)}."), None

        incident_key = None
        note = ""
        if self.policy.report_within_days_of_incident or self.policy.same_incident_counts_once:
            incident = resolve_date(report.incident_date, report.incident_date_text, self.today)
            incident_day = incident.date if incident and incident.ok else None
            if incident_day and incident_day > day:
                return result(False, INCIDENT_AFTER_REPORT,
                              f"The incident date ({format_date(incident_day)}) is after the date of "
                              f"the report ({format_date(day)})."), None
            limit = self.policy.report_within_days_of_incident
            if limit and incident_day and (day - incident_day).days > limit:
                return result(False, LATE_REPORT,
                              f"Made {(day - incident_day).days} days after the incident on "
                              f"{format_date(incident_day)}; reports must be made within {limit} days "
                              f"of the incident."), None
            if limit and not incident_day:
                note = " We have taken the incident to be on the day it was reported."
            # Two reports are one incident only when it is known to be the same: the same incident named, or the
            # same exact day. "Sometime in September", three times, is three incidents as far as anyone can tell.
            vague = reading.approximate if (not incident_day or (report.incident_date_text or "").strip().lower()
                                            == "same day") else bool(incident and incident.approximate)
            if report.incident:
                incident_key = "id:" + normalise(report.incident)
            elif not vague:
                incident_key = "day:" + (incident_day or day).isoformat()

        reason = f"Made to {org.say} {when}, within the last {self.policy.window_text}."
        return result(True, COUNTS, reason + note), incident_key


def _when(reading: DateReading) -> str:
    if reading.approximate and reading.earliest and reading.latest and reading.earliest != reading.latest:
        return f"between {format_date(reading.earliest)} and {format_date(reading.latest)}"
    if reading.approximate:
        return f"around {format_date(reading.date)} (approximate)"
    return f"on {format_date(reading.date)}"


def _future_reason(reading: DateReading, said: Optional[str]) -> str:
    msg = reading.message or ""
    if msg and msg[0].isdigit():  # "5 December 2026 is in the future..."
        return "The date " + msg.split(" is in the future")[0] + " is in the future."
    return f"The date \"{said}\" is in the future."


# The rule each code applies: a report's decision cites it
_RULE_OF_CODE = {
    COUNTS: "window", DATE_MISSING: "window", DATE_UNREADABLE: "window", DATE_FUTURE: "window",
    DATE_IMPOSSIBLE: "window", DATE_TOO_VAGUE: "window", TOO_OLD: "window", DATE_UNCERTAIN: "window",
    ORG_MISSING: "organisations", ORG_UNKNOWN: "organisations", ORG_AMBIGUOUS: "organisations",
    ORG_NOT_COUNTED: "organisations", LATE_REPORT: "incident", INCIDENT_AFTER_REPORT: "incident",
    SAME_INCIDENT: "incident", SAME_PERSON: "five_individuals", NO_REPORTER: "five_individuals",
    OTHER_REPORTER: "three_reports",
}


def _replace(decision: ReportDecision, counts: bool, code: str, reason: str, policy: Policy) -> ReportDecision:
    rule = _RULE_OF_CODE.get(code, decision.rule)
    return ReportDecision(**{**decision.__dict__, "counts": counts, "code": code, "reason": reason, "rule": rule,
                             "source": policy.source(rule).cite})


_OWN_REPORTER = re.compile(
    r"^(?:the applicant|applicant|the victim|victim|the resident)\b(?!['\u2019])|"
    r"^(?:me|i|myself|us|we|ourselves|they|them|he|she|him|her|you)\s*$|"
    # someone acting for the victim or living with them: "on their behalf" (PRODUCT.md, route A)
    r"^(?:my|our|his|her|their|the)\s+(?:\w+\s+)?(?:husband|wife|partner|son|daughter|kids?|children|boy|girl|"
    r"mum|mother|mom|dad|father|parents?|brother|sister|family|grandson|granddaughter|grandad|grandma|nan|"
    r"carer|support worker|social worker|key worker|advocate|case worker|caseworker|mp|councillor|solicitor|"
    r"manager|staff|son-in-law|daughter-in-law|fianc[eé]e?|boyfriend|girlfriend|household)\b", re.I)


def own_report(reporter: Optional[str], unknown_is_own: bool = True) -> bool:
    """A report made by the victim, the applicant, or someone acting for them or living with them."""
    who = " ".join((reporter or "").split())
    return unknown_is_own if not who else bool(_OWN_REPORTER.match(who))


def _route_three_reports(base: List[Tuple[ReportDecision, Optional[str]]], policy: Policy,
                         unknown_is_own: bool = True) -> RouteResult:
    route = policy.routes["three_reports"]
    other = policy.route("five_individuals")
    seen: Dict[str, int] = {}
    out = []
    for decision, key in base:
        if decision.counts and not own_report(decision.reporter, unknown_is_own):
            also = (f" It counts towards the other way to qualify: reports from {other.threshold} different people."
                    if other is not None else "")
            decision = _replace(decision, False, OTHER_REPORTER,
                                f"Made by {decision.reporter}, not by the victim or for them.{also}", policy)
        if decision.counts and policy.same_incident_counts_once and key is not None:
            if key in seen:
                decision = _replace(decision, False, SAME_INCIDENT,
                                    f"About the same incident as report {seen[key]}, which already counts. "
                                    "Each incident counts once.", policy)
            else:
                seen[key] = decision.index
        out.append(decision)
    return RouteResult("three_reports", route.threshold, sum(d.counts for d in out), tuple(out))


def _route_five_individuals(base: List[Tuple[ReportDecision, Optional[str]]], policy: Policy) -> RouteResult:
    route = policy.routes["five_individuals"]
    seen: Dict[str, int] = {}
    out = []
    for decision, _key in base:
        if decision.counts:
            who = normalise(decision.reporter or "")
            if not who:
                decision = _replace(decision, False, NO_REPORTER,
                                    "We need to know who made this report: each person counts once.", policy)
            elif who in seen:
                decision = _replace(decision, False, SAME_PERSON,
                                    f"{decision.reporter} has already been counted (report {seen[who]}). "
                                    "Each person counts once.", policy)
            else:
                seen[who] = decision.index
        out.append(decision)
    return RouteResult("five_individuals", route.threshold, sum(d.counts for d in out), tuple(out))


_ROUTE_FUNCTIONS = {"three_reports": _route_three_reports, "five_individuals": _route_five_individuals}


def _exclusions(app: Application, policy: Policy) -> List[Tuple[str, str]]:
    """(outcome, reason) for every condition that rules the application out, most serious first."""
    found = []
    scheme = f"The {policy.council.scheme_name}"  # "The Community Trigger", "The ASB Case Review"
    if app.general_crime_only:
        found.append(("hate_crime" if app.hate_crime else "general_crime",
                      f"{scheme} is not for reporting crime, including hate crime. "
                      "Crime should be reported to the police."))
    if app.ongoing_complaint:
        found.append(("ongoing_complaint",
                      "There is a complaint about this that is still being dealt with by the council, "
                      f"the police or the housing provider. {scheme} cannot be used until "
                      "that complaint has finished."))
    if policy.require_problem_continuing and app.problem_continuing is False:
        found.append(("not_continuing",
                      f"The problem has stopped. {scheme} is for anti-social behaviour "
                      "that is still happening."))
    if policy.require_no_action and app.no_action_taken is False:
        found.append(("action_taken",
                      f"Action has been taken on the reports. {scheme} is for when reports "
                      "have not led to action."))
    if app.victim_consent is False:
        found.append(("no_consent",
                      "The person affected has not agreed to the application. Someone can only apply "
                      "for them with their agreement."))
    if app.in_area is False:
        found.append(("outside_area",
                      f"The problem is not in {policy.council.area}, so {policy.council.name}'s "
                      f"{policy.council.scheme_name} cannot review it."))
    return found


def _signposts(policy: Policy, outcome: str) -> Tuple[dict, ...]:
    out = []
    for key in policy.signposts.get(outcome, ()):
        c = policy.contacts[key]
        out.append({"key": key, "name": c.name, "phone": c.phone, "email": c.email,
                    "address": list(c.address), "purpose": c.purpose})
    return tuple(out)


def _route_reason(result: RouteResult, policy: Policy) -> str:
    window = policy.window_text
    scheme = f"The {policy.council.scheme_name}"
    if result.route == "five_individuals":
        have = f"{result.qualifying} {'person' if result.qualifying == 1 else 'different people'}"
        need = f"reports from {result.needed} different people in the last {window}"
        if result.met:
            return f"Reports from {have} count. {scheme} needs {need}."
        return f"Reports from {have} count. {scheme} needs {need}, so {result.missing} more " \
               f"{'person is' if result.missing == 1 else 'people are'} needed."
    labels = policy.counting_labels()
    have = f"{result.qualifying} of the reports {'counts' if result.qualifying == 1 else 'count'}"
    need = f"{result.needed} reports to {labels} in the last {window}"
    if result.met:
        return f"{have[0].upper()}{have[1:]}. {scheme} needs {need}."
    return f"{have[0].upper()}{have[1:]}. {scheme} needs {need}, so " \
           f"{result.missing} more {'is' if result.missing == 1 else 'are'} needed."


# The rule behind each way an application is ruled out
_EXCLUSION_RULE = {"hate_crime": "crime", "general_crime": "crime", "ongoing_complaint": "complaint",
                   "not_continuing": "continuing", "action_taken": "no_action", "no_consent": "consent",
                   "outside_area": "area"}


def decide(app: Application, policy: Policy, today: date) -> Decision:
    """The decision for an application received on `today`, under the policy version in force that day."""
    policy = policy.at(today)
    checker = _Checker(policy, today)
    base = [checker.base(i, r) for i, r in enumerate(app.reports, start=1)]

    routes = {r.key: _ROUTE_FUNCTIONS[r.key](base, policy) for r in policy.enabled_routes}
    if app.route == "five_individuals" and "three_reports" in routes:
        # told as other people's reports: one with no reporter given is not assumed to be the victim's
        routes["three_reports"] = _route_three_reports(base, policy, unknown_is_own=False)
    if app.route and app.route in routes and (routes[app.route].met or not any(r.met for r in routes.values())):
        chosen = routes[app.route]
    else:
        met = [r for r in routes.values() if r.met]
        # Without a stated route: the one that is met, else the victim's own reports.
        chosen = met[0] if met else routes.get("three_reports") or next(iter(routes.values()))
    exclusions = _exclusions(app, policy)

    reasons: List[str] = []
    rules: List[str] = []
    if app.route and app.route not in routes:
        reasons.append(f"{policy.council.name} does not use the "
                       f"{'five individuals' if app.route == 'five_individuals' else 'three reports'} "
                       "route, so the application was checked against its other route.")
        rules.append(chosen.route)
    reasons.extend(reason for _, reason in exclusions)
    rules.extend(_EXCLUSION_RULE[outcome] for outcome, _ in exclusions)
    reasons.append(_route_reason(chosen, policy))
    rules.append(chosen.route)

    if exclusions:
        outcome = exclusions[0][0]
    elif chosen.met:
        outcome = "eligible"
    elif len(app.reports) <= 1:
        # Seed: "If this is the first time you are reporting an issue ..."
        outcome = "first_report"
    else:
        outcome = "not_enough_reports"

    return Decision(
        eligible=outcome == "eligible",
        outcome=outcome,
        route=chosen.route,
        qualifying_reports=chosen.qualifying,
        needed=chosen.needed,
        reports=chosen.reports,
        reasons=tuple(reasons),
        signposts=_signposts(policy, outcome),
        routes=routes,
        window_start=checker.start,
        today=today,
        policy=policy.summary(),
        exclusions=tuple(o for o, _ in exclusions),
        reason_rules=tuple(rules),
        sources={rule: policy.source(rule).cite for rule in set(rules) | {r.rule for r in chosen.reports}},
    )


def describe_counting(policy: Policy) -> str:
    """'3 reports to the council, the police or a registered housing provider in the last 6 months'."""
    parts = []
    a = policy.route("three_reports")
    if a:
        parts.append(f"{a.threshold} reports to {policy.counting_labels()} in the last {policy.window_text}")
    b = policy.route("five_individuals")
    if b:
        parts.append(f"reports from {b.threshold} different people in the last {policy.window_text}")
    return join_or(parts)
