"""Scenarios: one resident's whole story, as facts, built from the phrase bank.

A scenario says who applies and for whom, which earlier reports they made (each
taken from a phrase-bank report message, whose facts are known), what the
problem is, and the events of the conversation (an exclusion said in the
opening, danger mid-form, a question mid-form, a correction at the summary).
Every answer the resident will give is chosen here, from the phrase bank, so
that it agrees with the story; the oracle then says what the outcome must be.

``generate(n, seed, bank)`` is deterministic for a given seed and phrase bank.
"""
from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Dict, List, Optional, Sequence, Tuple

from . import oracle
from .phrases import ELDER_RE, HOUSEHOLD_RE, Phrase, PhraseBank, ReportFact, ReportMessage, choose, phrase_facts, topics

# How often each kind of story appears (about half eligible).
CATEGORIES: List[Tuple[str, float]] = [
    ("eligible_three", 0.27),     # exactly three reports, route A
    ("eligible_more", 0.13),      # four to six reports (some may not count)
    ("eligible_five", 0.10),      # route B: five or more different people
    ("near_miss", 0.09),          # two reports that count
    ("near_miss_five", 0.02),     # four different people
    ("first_report", 0.05),       # never reported before
    ("old_reports", 0.05),        # reports too old to count
    ("non_counting", 0.05),       # reports to an MP / GP / private landlord...
    ("general_crime", 0.05),
    ("ongoing_complaint", 0.04),
    ("not_continuing", 0.04),
    ("no_consent", 0.04),
    ("outside_area", 0.04),
    ("action_taken", 0.03),
]
ELIGIBLE = {"eligible_three", "eligible_more", "eligible_five"}
# Words that say the problem is still going on
GOING_ON = re.compile(r"\bevery (?:single )?(?:night|day|week|weekend|evening)\b|\bstill\b|\bconstant|\bongoing\b|"
                      r"\bnightly\b|\bat it again\b|\bkeeps?\b|\bmost (?:nights|days)\b|\bright now\b|"
                      r"\bcan'?t cope anymore\b", re.I)
EXCLUSION_CATEGORIES = {"general_crime": "general_crime", "ongoing_complaint": "ongoing_complaint",
                        "not_continuing": "not_continuing", "outside_area": "outside_area",
                        "no_consent": "no_consent", "action_taken": "action_taken"}

PERSONAS = {
    "terse": {"terse": 6, "chatty": 1, "typo": 1, "lowercase_no_punctuation": 2, "not_sure": 0.3,
              "several_facts": 0.5, "off_topic": 0.2, "emotional": 0.3, "formal": 0.5, "limited_english": 0.3},
    "chatty": {"terse": 2, "chatty": 5, "typo": 0.5, "lowercase_no_punctuation": 0.5, "not_sure": 1,
               "several_facts": 2, "off_topic": 1, "emotional": 1, "formal": 1, "limited_english": 0.2},
    "sloppy": {"terse": 2, "chatty": 1, "typo": 4, "lowercase_no_punctuation": 4, "not_sure": 0.5,
               "several_facts": 0.5, "off_topic": 0.5, "emotional": 0.5, "formal": 0.1, "limited_english": 1},
    "worried": {"terse": 1.5, "chatty": 2, "typo": 1, "lowercase_no_punctuation": 1, "not_sure": 3,
                "several_facts": 1, "off_topic": 0.5, "emotional": 3, "formal": 0.3, "limited_english": 0.3},
}

ASB_MEANINGS = ["noise", "parking", "vehicle_nuisance", "fly_tipping", "street_drinking", "harassment", "fireworks",
                "youths_nuisance", "animal_nuisance", "neighbour_nuisance", "intimidation", "begging"]
CRIME_MEANINGS = ["hate_crime"]   # general crime, clearly (the seed names hate crime; an assault with threats,
                                  # drugs or damage can read as ASB too, so they are not used)
ACTION_OUTCOME = re.compile(r"warning|moved them on|words of advice|sent a letter|visited|visit|arrest|cctv|evict|"
                            r"recorder|patrols|took my statement|photocopied|passed|referred|logged|came out|came round|"
                            r"spoke to (them|him|her|the family|the neighbours?)|had a word|witnessed", re.I)
UNCERTAIN_NOTE = re.compile(r"future|invalid|same incident|no dates|none dated|straddl|worth confirming", re.I)
ON_BEHALF = re.compile(r"for me|behalf|support worker|for all|chair", re.I)
QUIET_OUTCOMES = ["nothing", "still_waiting", "unknown", "promised", "told_not_their_matter", "acknowledged_only",
                  "advice_only", "monitoring", "other"]
ACTION_OUTCOMES = ["visited", "letter_sent", "warning_given", "action_taken", "action"]


@dataclass
class Answer:
    """One reply the resident has ready (from the phrase bank, or made from its facts)."""
    text: str
    means: object = None
    style: str = "terse"
    kind: str = ""
    extra: Dict = field(default_factory=dict)

    @classmethod
    def of(cls, p: Phrase, kind: str) -> "Answer":
        return cls(p.text, p.means, p.style, kind, dict(p.extra))


@dataclass
class Report:
    """One earlier report, as the resident knows it, and how they answer about it."""
    organisation: str
    organisation_said: str
    date: Optional[str]
    date_range: Optional[List[str]]
    reference: Optional[str]
    person: Optional[str]
    outcome_said: Optional[str]
    reporter: Optional[str]
    message: int                              # index in Scenario.messages
    details: Optional[Answer] = None          # reply to "reference or who you dealt with?"
    outcome: Optional[Answer] = None          # reply to "what happened after?"

    def oracle_report(self) -> oracle.Report:
        return oracle.Report.of({"organisation": self.organisation, "date": self.date,
                                 "date_range": self.date_range, "reporter": self.reporter})


@dataclass
class Scenario:
    id: str
    category: str
    persona: str
    style_weights: Dict[str, float]
    opening: str
    opening_facts: Dict
    exclusion_in_opening: Optional[str]       # the outcome the opening already decides
    applying_for: str                         # myself / someone_else
    relationship: Optional[str]
    victim_type: str
    victim_consent: Optional[bool]
    route: Optional[str]                      # own_reports / five_individuals / None (never reported)
    messages: List[str]                       # report messages, in the order the resident tells them
    reports: List[Report]
    held_back: Optional[int] = None           # a message told only after "add another report" at the summary
    removed: Optional[int] = None             # a message told, then removed at the summary
    crime: Optional[str] = None               # general crime (incl. hate crime) rather than ASB
    asb_type: Optional[str] = None            # what the anti-social behaviour is (noise, parking, ...)
    in_area: bool = True
    continuing: bool = True
    no_action_taken: bool = True
    ongoing_complaint: bool = False
    answers: Dict[str, Answer] = field(default_factory=dict)
    contact: Dict[str, str] = field(default_factory=dict)       # phone / email the resident gives
    preferred_contact: Optional[str] = None
    events: Dict = field(default_factory=dict)
    rules: oracle.Rules = oracle.BARNET       # whose criteria judge the story (a council's)

    # -- facts for the oracle and the judge ---------------------------------------------------
    def final_reports(self) -> List[Report]:
        """The reports the application should end with (after any correction)."""
        return [r for r in self.reports if r.message != self.removed]

    def case(self) -> oracle.Case:
        return oracle.Case(reports=[r.oracle_report() for r in self.final_reports()],
                           applying_for=self.applying_for,
                           victim_consent=self.victim_consent,
                           in_area=self.in_area, general_crime=self.crime is not None,
                           ongoing_complaint=self.ongoing_complaint, continuing=self.continuing,
                           no_action_taken=self.no_action_taken)

    def expected(self, today: date = oracle.date(2026, 11, 26)) -> oracle.Decision:
        return oracle.decide(self.case(), today, self.rules)

    def to_dict(self) -> Dict:
        return asdict(self)

    def draft(self) -> "Draft":
        """The story's facts as the phrase consistency checks read them."""
        d = Draft()
        for key in ("applying_for", "relationship", "victim_type", "victim_consent", "crime", "route", "continuing",
                    "ongoing_complaint", "in_area", "no_action_taken", "asb_type"):
            setattr(d, key, getattr(self, key))
        d.reports = [ReportFact(r.organisation, r.organisation_said, r.date, r.date_range, r.reference, r.person,
                                r.outcome_said, r.reporter) for r in self.final_reports()]
        return d


# -- consistency: a phrase must not contradict the story --------------------------------------
def consistent(kind: str, phrase: Phrase, s: "Draft") -> bool:
    f = phrase_facts(phrase.text, phrase.also)
    text = phrase.text
    if f.get("crime") and s.crime is None:
        return False
    if kind not in ("asb_description", "asb_location") and f.get("victim_type") and f["victim_type"] != s.victim_type:
        return False
    if ELDER_RE.search(text) and kind not in ("asb_description", "asb_location") and not (
            s.applying_for == "someone_else" and s.relationship == "family"):
        return False
    if s.applying_for == "someone_else" and kind in ("victim_type", "vulnerability", "asb_impact") and (
            f.get("first_person") or HOUSEHOLD_RE.search(text)):
        return False
    if s.applying_for == "someone_else" and kind in ("victim_type", "vulnerability") and f.get("speaks_of_self"):
        return False
    if s.applying_for == "someone_else" and kind == "asb_impact" and re.search(
            r"\b(I|I'm|I've|I'd|im|ive|me|myself)\b", text, re.I):
        return False          # the victim's life, not the applicant's
    if s.applying_for == "myself" and kind in ("victim_type", "vulnerability", "asb_impact", "consent_to_share") \
            and re.search(r"\b(he|she|he's|she's|his|her|they're|him)\b", text, re.I) and not f.get("speaks_of_self"):
        return False          # speaks of the victim as someone else
    if kind == "asb_description" and s.asb_type and any(t != s.asb_type for t in f.get("topics", [])):
        return False
    if kind == "route" and re.search(r"\bat \d+\b|\bnumber \d+", text, re.I):
        return False          # names the people who reported (the story has its own)
    if kind in ("applying_for", "victim_consent", "applicant_name", "victim_type", "consent_to_share"):
        rel = f.get("relationship")
        if rel in ("councillor", "mp", "carer", "other") or (kind == "applying_for" and rel):
            if s.applying_for != "someone_else" or rel != s.relationship:
                return False
        if f.get("family") and kind in ("applying_for", "applicant_name") and s.applying_for == "someone_else" \
                and s.relationship != "family":
            return False
    if kind in ("route", "another_report", "applying_for", "danger_now") and f.get("mentions_report"):
        return False
    if kind in ("another_report", "danger_now") and f.get("mentions_org"):
        return False
    if kind == "another_report" and re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d|"
                                              r"week|yesterday|ago|monday|tuesday|wednesday|thursday|friday|"
                                              r"saturday|sunday|councillor|landlord|agent|\bgp\b|neighbour",
                                              text, re.I):
        return False          # tells something of the next report ("one more - the one in September")
    if f.get("report_count") is not None and kind in ("route", "applying_for", "another_report", "ongoing_complaint"):
        if f["report_count"] != s.count_for_route():
            return False
    if kind in ("route",) and re.search(r"wife|husband|neighbours have too|half the street", text, re.I) \
            and s.route != "five_individuals":
        return False
    if re.search(r"evict|moved out|in prison", text, re.I) and s.continuing:
        return False
    if not s.continuing and kind in ("asb_location", "asb_since", "asb_description", "asb_impact") and \
            GOING_ON.search(text):
        return False          # a story that has stopped is not told as going on
    x = phrase.extra
    if x.get("relationship") and kind != "relationship":
        if s.applying_for != "someone_else" or x["relationship"] != s.relationship:
            return False
    if x.get("victim_type") and x["victim_type"] != s.victim_type:
        return False
    if x.get("reports_count") is not None and x["reports_count"] != s.count_for_route():
        return False
    if x.get("report") and kind not in ("report",):
        return False          # a reply that also tells a report the story does not have
    if x.get("note") and kind in ("contact", "report_date", "report_details", "applicant_name", "victim_name"):
        return False          # malformed or doubtful on purpose (used only where the story wants it)
    for key, value in phrase.also.items():   # facts a phrase file says it also states
        if not s.agrees(key, value):
            return False
    return True


class Draft:
    """A scenario while it is being built (the facts consistency checks read)."""

    def __init__(self):
        self.applying_for = "myself"
        self.relationship: Optional[str] = None
        self.victim_type = "individual"
        self.victim_consent: Optional[bool] = None
        self.crime: Optional[str] = None
        self.route: Optional[str] = None
        self.continuing = True
        self.ongoing_complaint = False
        self.in_area = True
        self.no_action_taken = True
        self.reports: List[ReportFact] = []
        self.messages: List[ReportMessage] = []
        self.asb_type: Optional[str] = None

    def count_for_route(self) -> int:
        if self.route == "five_individuals":
            return len({(r.reporter or "me").lower() for r in self.reports})
        return len(self.reports)

    def agrees(self, key: str, value) -> bool:
        known = {"applying_for": self.applying_for, "relationship": self.relationship,
                 "victim_type": self.victim_type, "victim_consent": self.victim_consent,
                 "route": self.route, "ongoing_complaint": self.ongoing_complaint,
                 "problem_continuing": self.continuing, "continuing": self.continuing,
                 "crime": self.crime, "in_area": self.in_area, "reports_count": self.count_for_route()}
        if key not in known:
            return False
        mine = known[key]
        if isinstance(mine, bool) and isinstance(value, str):
            value = value.lower() in ("yes", "true")
        return mine == value


# -- report pools -----------------------------------------------------------------------------
TODAY = date(2026, 11, 26)


def _certain(m: ReportMessage, rules: oracle.Rules = oracle.BARNET) -> bool:
    for r in m.reports:
        if r.note and UNCERTAIN_NOTE.search(r.note):
            return False
        if not oracle.date_certain(oracle.Report.of(r), TODAY, rules):
            return False
    return True


def _counts_for(r: ReportFact, rules: oracle.Rules = oracle.BARNET) -> bool:
    return oracle.report_counts(oracle.Report.of(r), TODAY, rules)[0]


def _quiet(m: ReportMessage) -> bool:
    return not any(r.outcome_said and ACTION_OUTCOME.search(r.outcome_said) for r in m.reports)


def _plain(m: ReportMessage) -> bool:
    """About anti-social behaviour, not a crime, and nothing done in response."""
    f = phrase_facts(m.text)
    return not f.get("crime") and "violence" not in f.get("topics", []) and "drugs" not in f.get("topics", []) \
        and not ACTION_OUTCOME.search(m.text)


class Pools:
    def __init__(self, bank: PhraseBank, rules: oracle.Rules = oracle.BARNET):
        self.rules = rules
        certain = [m for m in bank.reports if _certain(m, rules) and _plain(m)]
        _counts = self.counts
        own = [m for m in certain if all(r.reporter is None for r in m.reports)]
        self.counting = [m for m in own if all(_counts(r) for r in m.reports) and _quiet(m)]
        self.old = [m for m in own if all(r.organisation in oracle.COUNTING_ORGANISATIONS and not _counts(r)
                                          for r in m.reports)]
        self.other = [m for m in own if all(r.organisation not in oracle.COUNTING_ORGANISATIONS for r in m.reports)]
        self.mixed = [m for m in own if any(_counts(r) for r in m.reports) and not all(_counts(r) for r in m.reports)
                      and _quiet(m)]
        self.people = [m for m in certain if any(r.reporter for r in m.reports) and all(_counts(r) for r in m.reports)
                       and not any(r.reporter and ON_BEHALF.search(r.reporter) for r in m.reports)
                       and not ON_BEHALF.search(m.text) and _quiet(m)]
        if not self.counting:
            raise ValueError("the phrase files have no report message that certainly counts")

    def counts(self, r: ReportFact) -> bool:
        return _counts_for(r, self.rules)


def _dates(messages: Sequence[ReportMessage]) -> List[str]:
    return [r.date for m in messages for r in m.reports if r.date]


def _compatible(m: ReportMessage, chosen: Sequence[ReportMessage]) -> bool:
    """No two reports on the same day (the same incident told to two places may count once),
    and no message twice."""
    if any(m.text == c.text for c in chosen):
        return False
    if len(set(topics(m.text)) | {t for c in chosen for t in topics(c.text)}) > 1:
        return False
    taken = set(_dates(chosen))
    mine = _dates([m])
    return len(set(mine)) == len(mine) and not (set(mine) & taken)


def _fill(rng: random.Random, pool: Sequence[ReportMessage], need: int, chosen: List[ReportMessage],
          size=lambda m: len(m.reports), single_bias: float = 0.6) -> bool:
    """Add messages from pool until their sizes add up to exactly ``need``."""
    for _ in range(200):
        if need == 0:
            return True
        options = [m for m in pool if 0 < size(m) <= need and _compatible(m, chosen)]
        if not options:
            return False
        singles = [m for m in options if size(m) == 1]
        pick_from = singles if singles and rng.random() < single_bias else options
        m = rng.choice(pick_from)
        chosen.append(m)
        need -= size(m)
    return need == 0


def _start(r: ReportFact) -> str:
    return r.date or (r.date_range[0] if r.date_range else "9999")


# -- the generator ----------------------------------------------------------------------------
def generate(n: int, seed: int, bank: PhraseBank, rules: oracle.Rules = oracle.BARNET) -> List[Scenario]:
    """``n`` stories; ``rules`` are the council's criteria that judge them (the stories are the same
    kinds for every council: what changes is the outcome they should reach)."""
    rng = random.Random(seed)
    pools = Pools(bank, rules)
    names = [c for c, _ in CATEGORIES]
    weights = [w for _, w in CATEGORIES]
    # A fixed share of every category (rounded), then shuffled: small runs still mix outcomes.
    plan: List[str] = []
    for name, w in CATEGORIES:
        plan += [name] * int(round(w * n))
    while len(plan) < n:
        plan.append(rng.choices(names, weights)[0])
    plan = plan[:n]
    rng.shuffle(plan)
    scenarios = []
    for i, category in enumerate(plan):
        for attempt in range(50):
            s = _build(random.Random(f"{seed}/{i}/{attempt}"), f"s{seed}-{i:03d}", category, bank, pools)
            if s is not None:
                s.rules = rules
                scenarios.append(s)
                break
        else:
            if rules is oracle.BARNET:
                raise RuntimeError(f"could not build a {category} scenario from the phrase files")
            # another council's window may leave no report old enough: a three-report story instead
            s = _build(random.Random(f"{seed}/{i}/x"), f"s{seed}-{i:03d}", "eligible_three", bank, pools)
            s.rules = rules
            scenarios.append(s)
    return scenarios


def _pick(rng, bank: PhraseBank, kind: str, means, d: Draft, weights, extra_ok=lambda p: True) -> Optional[Answer]:
    phrases = [p for p in bank.answers_for(kind, means) if consistent(kind, p, d) and extra_ok(p)]
    p = choose(rng, phrases, weights)
    return Answer.of(p, kind) if p else None


def _build(rng: random.Random, sid: str, category: str, bank: PhraseBank, pools: Pools) -> Optional[Scenario]:
    d = Draft()
    persona = rng.choice(sorted(PERSONAS))
    weights = PERSONAS[persona]

    # Who applies, for whom.
    if category == "no_consent" or rng.random() < 0.3:
        d.applying_for = "someone_else"
        d.relationship = rng.choice(["family", "family", "family", "carer", "friend", "councillor", "mp", "other"])
        d.victim_consent = category != "no_consent"
    roll = rng.random()
    d.victim_type = "business" if roll < 0.08 else "community_group" if roll < 0.14 else "individual"
    if d.relationship in ("family", "carer", "friend"):
        d.victim_type = "individual"

    # The problem.
    if category == "general_crime":
        d.crime = rng.choice(CRIME_MEANINGS)
    d.in_area = category != "outside_area"
    d.continuing = category != "not_continuing"
    d.ongoing_complaint = category == "ongoing_complaint"
    d.no_action_taken = category != "action_taken"

    # The reports.
    chosen: List[ReportMessage] = []
    held_back = removed = None
    correction_kind = None
    d.route = "own_reports"
    if category in ("eligible_three", "general_crime", "ongoing_complaint", "not_continuing", "no_consent",
                    "outside_area", "action_taken"):
        if not _fill(rng, pools.counting, 3, chosen):
            return None
    elif category == "eligible_more":
        if not _fill(rng, pools.counting, rng.choice([4, 4, 5, 6]), chosen, single_bias=0.4):
            return None
        if rng.random() < 0.35:
            extra = [m for m in pools.other + pools.old + pools.mixed if _compatible(m, chosen)]
            if extra:
                chosen.append(rng.choice(extra))
    elif category in ("eligible_five", "near_miss_five"):
        d.route = "five_individuals"
        target = rng.choice([5, 5, 6]) if category == "eligible_five" else 4
        people = lambda m: len({(r.reporter or "me").lower() for r in m.reports})
        pool = list(pools.people)
        mine = [m for m in pools.counting if len(m.reports) == 1]
        if rng.random() < 0.6 and mine:
            chosen.append(rng.choice(mine))
            target -= 1
        if not _fill(rng, [m for m in pool if not any(r.reporter is None for r in m.reports) or not chosen],
                     target, chosen, size=people, single_bias=0.0):
            return None
        counted = {(r.reporter or "me").lower() for m in chosen for r in m.reports}
        if len(counted) != (5 if category == "eligible_five" else 4) and not (
                category == "eligible_five" and len(counted) >= 5):
            return None
    elif category == "near_miss":
        if not _fill(rng, pools.counting, 2, chosen):
            return None
        if rng.random() < 0.5:
            extra = [m for m in pools.other + pools.old if _compatible(m, chosen)]
            if extra:
                chosen.append(rng.choice(extra))
    elif category == "first_report":
        d.route = None
    elif category == "old_reports":
        good = rng.choice([0, 1, 2])
        if good and not _fill(rng, pools.counting, good, chosen):
            return None
        if not _fill(rng, pools.old, 3 - good, chosen, single_bias=0.8):
            return None
    elif category == "non_counting":
        good = rng.choice([1, 2])
        if rng.random() < 0.5 and pools.mixed:
            m = rng.choice(pools.mixed)
            chosen.append(m)
            good -= sum(1 for r in m.reports if pools.counts(r))
        if good > 0 and not _fill(rng, pools.counting, good, chosen):
            return None
        if good < 0:
            return None
        if not any(r.organisation == "other" for m in chosen for r in m.reports):
            others = [m for m in pools.other if _compatible(m, chosen)]
            if not others:
                return None
            chosen.append(rng.choice(others))
        if sum(1 for m in chosen for r in m.reports if pools.counts(r)) >= 3:
            return None

    # The order they are told in: mostly oldest first, as asked ("the first time you reported it").
    if rng.random() < 0.75:
        chosen.sort(key=lambda m: min(_start(r) for r in m.reports))
    else:
        rng.shuffle(chosen)

    # A correction at the summary (route A applications that will be eligible).
    if category in ("eligible_three", "eligible_more") and rng.random() < 0.25:
        correction_kind = rng.choice(["add_report", "remove_last", "preferred_contact"])
        if correction_kind in ("add_report", "remove_last"):
            singles = [m for m in pools.counting if len(m.reports) == 1 and _compatible(m, chosen)]
            if not singles:
                correction_kind = "preferred_contact"
            else:
                extra = rng.choice(singles)
                if correction_kind == "add_report":
                    chosen.append(extra)
                    held_back = len(chosen) - 1
                else:
                    chosen.append(extra)
                    removed = len(chosen) - 1

    d.messages = chosen
    d.reports = [r for m in chosen for r in m.reports]
    told_topics = {t for m in chosen for t in topics(m.text)}
    if told_topics:
        d.asb_type = told_topics.pop()
        if d.asb_type not in ASB_MEANINGS:
            return None

    # The opening (an exclusion in it, half the time when the story has one and a phrase exists).
    opening, exclusion_in_opening = _opening(rng, bank, d, category, held_back, removed)
    if opening is None:
        return None
    if opening.facts.get("asb_type") in ASB_MEANINGS:
        if d.asb_type and d.asb_type != opening.facts["asb_type"]:
            return None
        d.asb_type = opening.facts["asb_type"]
    if d.asb_type is None and not d.crime:
        d.asb_type = rng.choice([m for m in ASB_MEANINGS if bank.answers_for("asb_description", m)])

    a: Dict[str, Answer] = {}

    def need(kind, means, extra_ok=lambda p: True, required=True):
        ans = _pick(rng, bank, kind, means, d, weights, extra_ok)
        if ans is None and required:
            raise _Retry(kind, means)
        if ans is not None:
            a[kind] = ans
        return ans

    try:
        need("danger_now", "no")
        need("applying_for", d.applying_for)
        if d.applying_for == "someone_else":
            need("relationship", d.relationship)
            need("victim_consent", "yes" if d.victim_consent else "no")
        need("victim_type", d.victim_type)
        need("ongoing_complaint", "yes" if d.ongoing_complaint else "no")
        if d.route:
            need("route", d.route)
        if d.crime:
            if bank.answers_for("asb_description", d.crime):
                need("asb_description", d.crime)
            elif opening.facts.get("crime") == d.crime:
                a["asb_description"] = Answer(opening.text, d.crime, "chatty", "asb_description",
                                              {"made_from": "opening"})
            else:
                return None
        else:
            need("asb_description", d.asb_type)
        need("asb_location", "in_borough" if d.in_area else "outside",
             extra_ok=lambda p: "?" not in p.text and p.style != "not_sure")
        first = min((r.date or (r.date_range or ["9999"])[0]) for r in d.reports) if d.reports else "9999"
        need("asb_since", None, extra_ok=lambda p: p.means == "unknown" or (
            isinstance(p.means, str) and re.match(r"\d{4}-\d\d-\d\d$", p.means) and p.means <= first) or (
            p.means == "date_range" and p.extra.get("date_range") and p.extra["date_range"][0] <= first))
        need("asb_impact", None, extra_ok=lambda p: p.means not in ("minor", "none_stated"))
        need("vulnerability", None, extra_ok=lambda p: p.means in ("no", "yes", "prefer_not_to_say"))
        need("problem_continuing", "yes" if d.continuing else "no")
        need("no_action_taken", "yes" if d.no_action_taken else "no")
        need("consent_to_share", "yes")
        need("applicant_name", None, extra_ok=lambda p: isinstance(p.means, str)
             and p.means not in ("refused", "unsure", "unknown"))
        need("summary_confirmation", "yes")
        need("another_report", "yes")
        need("contact_notes", None, required=False)
        # Contact details, and a preferred way consistent with them.
        want_both = correction_kind == "preferred_contact"
        contact = need("contact", None, extra_ok=lambda p: isinstance(p.means, str) and (
            ("phone:" in p.means and "email:" in p.means) if want_both else
            re.match(r"(both:)?(phone|email):", p.means) is not None)
            and not re.search(r"better|prefer|rather", p.text, re.I))
        channels = contact_channels(contact.means)
        allowed = {"phone": ["phone", "text"] if not channels.get("phone", "").startswith("02") else ["phone"],
                   "email": ["email"]}
        prefs = sorted({p for c in channels if c in allowed for p in allowed[c]})
        if want_both:
            prefs = ["phone"]
        pref = need("preferred_contact", None, extra_ok=lambda p: p.means in prefs)
        if rng.random() < 0.08 and not want_both:   # a mistyped number or address first
            bad = "invalid_phone" if "phone" in channels else "invalid_email"
            typo = _pick_typo(rng, bank, bad, channels, weights)
            if typo:
                a["contact_typo"] = typo
        victim_name = None
        if d.applying_for == "someone_else":
            victim_name = _victim_name(rng, bank, d, a["applicant_name"].means, weights)
            if victim_name:
                a["victim_name"] = victim_name
    except _Retry:
        return None

    # Events.
    events: Dict = {}
    if rng.random() < 0.12:
        danger = bank.interruptions_of("danger")
        if danger:
            events["danger_at"] = rng.randint(3, 9)
            events["danger_text"] = rng.choice(danger).text
    if rng.random() < 0.15:
        questions = [i for i in bank.interruptions_of("question", "privacy") if _safe_question(i.text)]
        if questions:
            at = rng.randint(3, 12)
            if at == events.get("danger_at"):
                at += 1
            events["question_at"] = at
            events["question_text"] = rng.choice(questions).text
    if correction_kind:
        phrase = _correction_phrase(rng, bank, correction_kind, weights)
        if phrase is None:
            held_back = removed = None
            if correction_kind in ("add_report", "remove_last"):
                chosen.pop()
                d.reports = [r for m in chosen for r in m.reports]
        else:
            events["correction"] = {"kind": correction_kind, "text": phrase.text}

    # Each report's own answers.
    reports: List[Report] = []
    for mi, m in enumerate(chosen):
        for r in m.reports:
            rep = Report(r.organisation, r.organisation_said, r.date, r.date_range, r.reference, r.person,
                         r.outcome_said, r.reporter, mi)
            if not r.reference and not r.person:
                rep.details = _details(rng, bank, r, d, weights)
            if not r.outcome_said:
                quiet = lambda p: not ACTION_OUTCOME.search(p.text)
                means = rng.choice(QUIET_OUTCOMES) if d.no_action_taken else rng.choice(ACTION_OUTCOMES + QUIET_OUTCOMES)
                rep.outcome = _pick(rng, bank, "report_outcome", means, d, weights,
                                    quiet if means in QUIET_OUTCOMES else (lambda p: True)) or _pick(
                    rng, bank, "report_outcome", "nothing", d, weights, quiet)
            reports.append(rep)
    if not d.no_action_taken and reports and not any(
            r.outcome is not None and r.outcome.means in ACTION_OUTCOMES for r in reports):
        # the story is that action was taken: at least one report's outcome says so (or the resident
        # would be telling "nothing happened" every time and "they gave him a warning" when asked)
        rep = next((r for r in reports if r.outcome is not None), None)
        picks = [a for a in (_pick(rng, bank, "report_outcome", m, d, weights) for m in ACTION_OUTCOMES) if a]
        if rep is not None and picks:
            rep.outcome = rng.choice(picks)

    preferred = pref.means if pref else None
    if correction_kind == "preferred_contact" and "correction" in events:
        preferred = "email"
    s = Scenario(
        id=sid, category=category, persona=persona, style_weights=weights,
        opening=opening.text, opening_facts=opening.facts, exclusion_in_opening=exclusion_in_opening,
        applying_for=d.applying_for, relationship=d.relationship, victim_type=d.victim_type,
        victim_consent=d.victim_consent, route=d.route if chosen else None,
        messages=[m.text for m in chosen], reports=reports, held_back=held_back, removed=removed,
        crime=d.crime, asb_type=d.asb_type, in_area=d.in_area, continuing=d.continuing, no_action_taken=d.no_action_taken,
        ongoing_complaint=d.ongoing_complaint, answers=a,
        contact={k: v for k, v in channels.items()}, preferred_contact=preferred, events=events)
    # The story must decide what its category says (a safety net for the pools above).
    outcome = s.expected().outcome
    wanted = {"eligible_three": "eligible", "eligible_more": "eligible", "eligible_five": "eligible",
              "near_miss": "not_enough_reports", "near_miss_five": "not_enough_reports",
              "first_report": "first_report", "old_reports": "not_enough_reports",
              "non_counting": "not_enough_reports"}.get(category, category)
    if outcome != wanted:
        return None
    if category == "eligible_five" and s.expected().route != "five_individuals":
        return None
    return s


class _Retry(Exception):
    pass


def contact_channels(means: str) -> Dict[str, str]:
    """'phone:0770...;email:a@b' (or 'both:phone:...;email:...') -> {'phone': ..., 'email': ...}."""
    means = means[5:] if means.startswith("both:") else means
    out = {}
    for part in means.split(";"):
        if ":" in part:
            key, value = part.split(":", 1)
            key = key.strip()
            # "Home 020 ... or mobile 07700 ...": either number is right; the other is kept as "phone_or"
            out[key if key not in out else f"{key}_or"] = value.strip()
    return out


def _pick_typo(rng, bank: PhraseBank, bad: str, channels, weights) -> Optional[Answer]:
    """A mistyped number or address the resident sends first (then the right one)."""
    channel = "phone" if bad == "invalid_phone" else "email"
    options = [p for p in bank.answers_for("contact") if p.means == bad or (
        re.search(r"ask again", str(p.extra.get("note") or "")) and isinstance(p.means, str)
        and p.means.startswith(channel + ":"))]
    p = choose(rng, options, weights)
    return Answer.of(p, "contact") if p else None


def _safe_question(text: str) -> bool:
    """Questions that do not change the story (not 'can I apply for my mum instead?')."""
    return not re.search(r"my mum|instead|enfield|border|delete|barnet homes|save this|finish it later|"
                         r"only got 2|last year|neighbour|as well|for my|on behalf|someone else|stop|cancel|"
                         r"start again|my (dad|son|daughter|nan|gran|wife|husband|partner)", text, re.I)


_SEASONS = {"spring": ("2026-03-01", "2026-05-31"), "summer": ("2026-06-01", "2026-08-31"),
            "autumn": ("2026-09-01", "2026-11-30"), "this year": ("2026-01-01", "2026-12-31"),
            "winter": ("2025-12-01", "2026-02-28")}


def _season(text: str):
    m = re.search(r"\b(spring|summer|autumn|winter|this year)\b", text, re.I)
    return _SEASONS[m.group(1).lower()] if m else None


def _within(r, season) -> bool:
    lo, hi = (r.date_range or [r.date, r.date]) if (r.date or r.date_range) else (None, None)
    return lo is not None and season[0] <= lo and hi <= season[1]


def _opening(rng, bank: PhraseBank, d: Draft, category: str, held_back, removed):
    told = [r for i, m in enumerate(d.messages) if i not in (held_back,) for r in m.reports]
    count = (len({(r.reporter or "me").lower() for r in told}) if d.route == "five_individuals" else len(told))
    cats = {r.organisation for r in told}

    def ok(o) -> bool:
        f = o.facts
        if any(f.get(k) for k in ("danger_now", "past_danger", "wants_human", "previous_trigger",
                                  "reported_to_non_counting", "complaint_about_handling", "reports")):
            return False
        if f.get("unhappy_with_officer") and not d.ongoing_complaint:
            return False
        if f.get("crime"):
            if d.crime is None:
                return False
            if not (f["crime"] == "hate_crime" or (f["crime"] == "theft" and not f.get("asb_type"))):
                return False
        if d.crime and f.get("crime") is None and f.get("asb_type"):
            return False
        if f.get("ongoing_complaint") and not d.ongoing_complaint:
            return False
        if f.get("problem_stopped") and d.continuing:
            return False
        if not d.continuing and GOING_ON.search(o.text):
            return False  # "screaming through the wall every single night" opens a story that has not stopped
        if f.get("outside_borough") and d.in_area:
            return False
        if f.get("location") and not d.in_area:
            return False
        if f.get("never_reported") and told:
            return False
        if f.get("reported_before") and not told:
            return False
        if "reports_count" in f and f["reports_count"] != count:
            return False
        if f.get("applying_for") and f["applying_for"] != d.applying_for:
            return False
        if f.get("relationship") and f["relationship"] != d.relationship:
            return False
        if f.get("victim_type") and f["victim_type"] != d.victim_type:
            return False
        if "victim_consent" in f and f["victim_consent"] != d.victim_consent:
            return False
        if f.get("route") and f["route"] != d.route:
            return False
        if f.get("asb_type") and d.crime is None and f["asb_type"] not in ASB_MEANINGS:
            return False
        text = o.text
        if d.applying_for != "myself" and re.search(r"\b(?:we|i) (?:run|own|manage)\b|\b(?:my|our) (?:shop|business|"
                                                     r"cafe|café|salon|takeaway|restaurant|pub)\b", text, re.I):
            return False      # "we run a cafe ...": their own business, not someone else's
        if re.search(r"barnet side", text, re.I):
            return False      # lives outside, the problem is in Barnet: not clear-cut
        if d.asb_type and any(t != d.asb_type for t in topics(text)):
            return False
        if re.search(r"\b(jan|feb|march|april|may|june|july|aug|sep|oct|nov|dec)[a-z]*\b|\b20\d\d\b|last year",
                     text, re.I):
            return False
        if f.get("reported_before") or "reports_count" in f:
            said = set()
            if re.search(r"police|\b101\b", text, re.I):
                said.add("police")
            if re.search(r"council|environmental health", text, re.I):
                said.add("council")
            if re.search(r"barnet homes|housing|clarion", text, re.I):
                said.add("housing_provider")
            if not said <= cats or ("reports_count" in f and said and said != cats):
                return False  # "I've had the police out three times": all three were to the police
            season = _season(text)
            if season and not all(_within(r, season) for r in told):
                return False  # "three times this autumn": the reports told later are in the autumn
        fake = Phrase(o.text, None, "chatty")
        return consistent("opening", fake, d)

    candidates = [o for o in bank.openings if ok(o)]
    exclusion_key = {"general_crime": "crime", "ongoing_complaint": "ongoing_complaint",
                     "not_continuing": "problem_stopped", "outside_area": "outside_borough"}.get(category)
    with_exclusion = [o for o in candidates if exclusion_key and o.facts.get(exclusion_key)]
    without = [o for o in candidates if not (exclusion_key and o.facts.get(exclusion_key))]
    if category == "general_crime" and not bank.answers_for("asb_description", d.crime):
        without = []  # the crime has to be said somewhere: in the opening
    if with_exclusion and (rng.random() < 0.5 or not without):
        o = rng.choice(with_exclusion)
        if category == "general_crime":
            d.crime = o.facts["crime"]
        return o, category
    if not without:
        return None, None
    return rng.choice(without), None


def _details(rng, bank: PhraseBank, r: ReportFact, d: Draft, weights) -> Optional[Answer]:
    """What the resident says when asked for a reference or who they dealt with."""
    means = rng.choices(["none", "reference", "person", "both"], [0.5, 0.28, 0.15, 0.07])[0]

    def fits(p: Phrase) -> bool:
        implied = _category_of(p.text)
        if implied is not None and implied != r.organisation:
            return False
        said = (r.organisation_said or "").lower()
        for name in ORG_NAMES.findall(p.text):     # a named organisation must be this report's
            if name.lower() not in said:
                return False
        code = CAD_DATE.search(p.text)             # "CAD 0331/22AUG" dates the call
        if code:
            day, mon = int(code.group(1)), code.group(2).upper()
            if not r.date or (int(r.date[8:10]), r.date[5:7]) != (day, MONTH_NUMBERS[mon]):
                return False
        if re.search(r"on the phone|rang|called", p.text, re.I) and re.search(r"email|online|website|letter|form",
                                                                               said + " " + (r.note or ""), re.I):
            return False
        return True

    for m in (means, "none"):
        ans = _pick(rng, bank, "report_details", m, d, weights, fits)
        if ans:
            return ans
    return None


ORG_NAMES = re.compile(r"barnet homes|notting hill genesis|\bNHG\b|clarion|peabody|one housing|environmental health|"
                       r"ASB team|noise team|\bSNT\b|the Met\b", re.I)
CAD_DATE = re.compile(r"\b\d{3,5}/(\d{2})(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\b", re.I)
MONTH_NUMBERS = {m: f"{i:02d}" for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}


def _category_of(text: str) -> Optional[str]:
    if re.search(r"\bPC\b|PCSO|\bsgt\b|sergeant|\bDC\b|\bCAD\b|CRIS|crime reference|101|\bSNT\b|officer from the",
                 text, re.I):
        return "police"
    if re.search(r"barnet homes|housing officer|NHG|notting hill|\bBH-|clarion", text, re.I):
        return "housing_provider"
    if re.search(r"environmental health|ENV/|ASB team|council|noise", text, re.I):
        return "council"
    return None


def _victim_name(rng, bank: PhraseBank, d: Draft, applicant: str, weights) -> Optional[Answer]:
    """The victim's name, of the right kind (a person, a business, a group)."""
    if bank.has("victim_name"):
        ans = _pick(rng, bank, "victim_name", None, d, weights,
                    lambda p: isinstance(p.means, str) and p.means not in ("refused", "unknown", "unsure")
                    and name_kind(p.means) == d.victim_type and " and " not in p.means)
        if ans:
            return ans
    if d.victim_type != "individual":
        return None
    names = sorted({p.means for p in bank.answers_for("applicant_name") if isinstance(p.means, str)
                    and p.means not in ("refused", applicant) and " " in p.means and name_kind(p.means) == "individual"})
    if not names:
        return None
    name = rng.choice(names)
    return Answer(name, name, "terse", "victim_name", {"made_from": "applicant_name"})


def name_kind(name: str) -> str:
    if re.search(r"\bltd\b|limited|\bplc\b|cuts|shop|cafe|salon|stores?\b|restaurant|launderette", name, re.I):
        return "business"
    if re.search(r"friends of|club|association|society|group|church|mosque|synagogue|gurdwara|committee|"
                 r"lunch|charity|trust|scouts?\b|\bpark\b", name, re.I):
        return "community_group"
    return "individual"


def _correction_phrase(rng, bank: PhraseBank, kind: str, weights) -> Optional[Phrase]:
    def fits(p: Phrase) -> bool:
        c = p.extra.get("correction") or {}
        if kind == "add_report":
            return c.get("action") == "add_report"
        if kind == "remove_last":
            return c.get("action") == "remove" and "last" in str(c.get("target", "")).lower()
        return c.get("action") == "change" and c.get("field") == "preferred_contact" and c.get("new") == "email"
    return choose(rng, [p for p in bank.answers_for("summary_confirmation", "correction") if fits(p)], weights)
