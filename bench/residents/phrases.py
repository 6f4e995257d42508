"""The residents' own words: the phrase files, loaded and looked up.

A phrase file (``phrases/phrasebank.json``, ``phrases/extra.json``,
``phrases/holdout.json``) has ``openings`` (first messages with the facts they
state), ``answers`` (kind -> replies, each with ``means`` and ``style``),
``reports`` (messages describing earlier reports, one entry per report) and
``interruptions`` (mid-form messages that are not answers, by ``kind``).

Nothing here knows how the assistant talks. What it knows is how residents
talk: ``phrase_facts`` reads the facts a phrase states by the way (a relative,
a shop, a number of reports, a crime), so that a resident never says something
that contradicts their own story.

``FALLBACK`` holds the simulator's own few phrasings for things no phrase file
covers (saying "carry on" after danger, saying "sorry I don't understand"). They
are used only when the loaded files have nothing of that kind.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

HERE = Path(__file__).resolve().parent
PHRASE_DIR = HERE / "phrases"
TODAY = date(2026, 11, 26)

# Which files a --phrases choice loads.
PHRASE_SETS = {
    "default": ["phrasebank.json", "extra.json"],
    "holdout": ["holdout.json"],
    "holdout2": ["holdout2.json"],  # written 2026-12-06, unseen until its first run
    "holdout3": ["holdout3.json"],  # written 2026-12-06 (third session), unseen until its first run
    "all": ["phrasebank.json", "extra.json", "holdout.json"],
}

STYLES = ["terse", "chatty", "typo", "lowercase_no_punctuation", "not_sure", "several_facts",
          "off_topic", "emotional", "formal", "limited_english"]
# PRODUCT.md's relationships: carer, family, friend, MP, councillor, other ("a neighbour is other").
RELATIONSHIPS = ("carer", "family", "friend", "mp", "councillor", "other")

# The simulator's own phrasings, for kinds no phrase file has (used only then).
FALLBACK: Dict[str, List[Dict]] = {
    "carry_on": [
        {"text": "ok I'm safe now, carry on", "means": "yes", "style": "chatty"},
        {"text": "carry on", "means": "yes", "style": "terse"},
        {"text": "its ok now hes gone. carry on", "means": "yes", "style": "lowercase_no_punctuation"},
        {"text": "Sorry about that. I'm ok, we can continue", "means": "yes", "style": "chatty"},
    ],
    "confused": [
        {"text": "sorry I don't understand", "means": "confused", "style": "terse"},
        {"text": "Sorry, what do you mean?", "means": "confused", "style": "chatty"},
        {"text": "i dont understand what you want me to say", "means": "confused", "style": "lowercase_no_punctuation"},
    ],
    "never_reported": [
        {"text": "I haven't reported it to anyone yet", "means": "never", "style": "chatty"},
        {"text": "no i havent reported it before", "means": "never", "style": "lowercase_no_punctuation"},
        {"text": "Not yet, this is the first time I've told anyone", "means": "never", "style": "chatty"},
    ],
    "nudge": [
        {"text": "Hello? Are you still there?", "means": "nudge", "style": "chatty"},
        {"text": "ok", "means": "nudge", "style": "terse"},
    ],
    "thanks_bye": [
        {"text": "no thanks", "means": "no", "style": "terse"},
    ],
}


@dataclass
class Phrase:
    text: str
    means: object = None
    style: str = "terse"
    extra: Dict = field(default_factory=dict)  # reference/person/detail/correction/also...
    source: str = ""

    @property
    def also(self) -> Dict:
        value = self.extra.get("also")
        return value if isinstance(value, dict) else {}


@dataclass
class ReportFact:
    organisation: str
    organisation_said: str = ""
    date: Optional[str] = None
    date_range: Optional[List[str]] = None
    reference: Optional[str] = None
    person: Optional[str] = None
    outcome_said: Optional[str] = None
    reporter: Optional[str] = None
    note: Optional[str] = None

    @classmethod
    def from_json(cls, d: Dict) -> "ReportFact":
        return cls(organisation=d.get("organisation") or "other",
                   organisation_said=d.get("organisation_said") or "",
                   date=d.get("date"), date_range=d.get("date_range"),
                   reference=d.get("reference"), person=d.get("person"),
                   outcome_said=d.get("outcome_said"), reporter=d.get("reporter"), note=d.get("note"))


@dataclass
class ReportMessage:
    text: str
    reports: List[ReportFact]
    source: str = ""


@dataclass
class Opening:
    text: str
    facts: Dict


@dataclass
class Interruption:
    text: str
    kind: str


class PhraseBank:
    """Every loaded phrase file, merged."""

    def __init__(self, files: Sequence[Path]):
        self.files = [Path(f) for f in files]
        self.today = TODAY
        self.openings: List[Opening] = []
        self.answers: Dict[str, List[Phrase]] = {}
        self.reports: List[ReportMessage] = []
        self.interruptions: List[Interruption] = []
        for path in self.files:
            self._load(path)
        seen = set()
        for kind, phrases in self.answers.items():  # drop exact duplicates across files
            unique = []
            for p in phrases:
                key = (kind, p.text, str(p.means))
                if key not in seen:
                    seen.add(key)
                    unique.append(p)
            self.answers[kind] = unique

    def _load(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("today") and data["today"] != TODAY.isoformat():
            raise ValueError(f"{path.name}: its 'today' is {data['today']}, the simulator's is {TODAY}")
        for o in data.get("openings") or []:
            if o.get("text"):
                self.openings.append(Opening(o["text"], dict(o.get("facts") or {})))
        for kind, phrases in (data.get("answers") or {}).items():
            for p in phrases or []:
                if not isinstance(p, dict) or not p.get("text"):
                    continue
                extra = {k: v for k, v in p.items() if k not in ("text", "means", "style")}
                means = p.get("means")
                if kind == "relationship" and means == "neighbour":
                    means = "other"
                if kind == "applying_for" and extra.get("relationship") == "neighbour":
                    extra["relationship"] = "other"
                p = dict(p, means=means)
                self.answers.setdefault(kind, []).append(
                    Phrase(p["text"], p.get("means"), p.get("style") or "terse", extra, path.name))
        for r in data.get("reports") or []:
            if r.get("text") and r.get("reports"):
                self.reports.append(ReportMessage(r["text"], [ReportFact.from_json(x) for x in r["reports"]],
                                                  path.name))
        for i in data.get("interruptions") or []:
            if i.get("text"):
                self.interruptions.append(Interruption(i["text"], i.get("kind") or "other"))

    # -- look-ups ---------------------------------------------------------------------------
    def kinds(self) -> List[str]:
        return sorted(self.answers)

    def has(self, kind: str) -> bool:
        return bool(self.answers.get(kind))

    def answers_for(self, kind: str, means=None) -> List[Phrase]:
        """Answers of a kind (with that meaning, if given); the simulator's fallback
        phrasings only when no file has the kind at all."""
        phrases = self.answers.get(kind)
        if not phrases:
            phrases = [Phrase(p["text"], p["means"], p["style"], {}, "fallback") for p in FALLBACK.get(kind, [])]
        if means is None:
            return list(phrases)
        return [p for p in phrases if _same_meaning(p.means, means)]

    def generic_yes_no(self, means: str) -> List[Phrase]:
        """Plain yes / no replies that answer any yes-or-no question ("yes", "nope", "of course")."""
        pattern = _YES if means == "yes" else _NO
        out, seen = [], set()
        for kind, phrases in self.answers.items():
            for p in phrases:
                if p.means == means and pattern.match(p.text.strip()) and p.text.lower() not in seen:
                    seen.add(p.text.lower())
                    out.append(Phrase(p.text, means, p.style, {}, p.source))
        if not out:
            out = [Phrase("yes" if means == "yes" else "no", means, "terse", {}, "fallback")]
        return out

    def openings_with(self, **facts) -> List[Opening]:
        """Openings stating exactly these facts' values (other facts are checked by the caller)."""
        return [o for o in self.openings if all(o.facts.get(k) == v for k, v in facts.items())]

    def reports_matching(self, predicate) -> List[ReportMessage]:
        return [m for m in self.reports if predicate(m)]

    def interruptions_of(self, *kinds: str) -> List[Interruption]:
        return [i for i in self.interruptions if i.kind in kinds]


_YES = re.compile(r"^(yes|yeah|yep|yeh|yse|ys|of course|sure|ok yes|correct)[.!]*$", re.I)
_NO = re.compile(r"^(no|nope|nah)[.!]*$", re.I)


def _same_meaning(a, b) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().lower() == b.strip().lower()
    return a == b


def phrase_files(choice: str = "default", directory: Path = PHRASE_DIR) -> List[Path]:
    """The phrase files a --phrases choice selects that exist (a comma-separated list
    of file names or paths is also accepted)."""
    names = PHRASE_SETS.get(choice) or [c.strip() for c in choice.split(",") if c.strip()]
    paths = []
    for name in names:
        path = Path(name) if ("/" in name) else directory / name
        if path.exists():
            paths.append(path)
        elif choice not in ("default", "all"):
            raise FileNotFoundError(f"phrase file {path} does not exist")
    if not paths:
        raise FileNotFoundError(f"no phrase file found for --phrases {choice} in {directory}")
    return paths


def load(choice: str = "default", directory: Path = PHRASE_DIR) -> PhraseBank:
    return PhraseBank(phrase_files(choice, directory))


# -- what a resident's phrase states by the way ---------------------------------------------
_FAMILY = (r"mum|mother|mom|dad|father|brother|sister|daughter|son|nan|nana|gran|granny|grandson|granddaughter|"
           r"grandaughter|grandmother|grandfather|aunt|auntie|uncle|niece|nephew|husband|wife|partner|step ?dad|"
           r"step ?mum|cousin|cuzz?in|father-in-law|mother-in-law|grandad|grandma|little boy|little girl|ex-husband|"
           r"ex-wife|neice|hubby")
# Relatives who usually live apart from the applicant (the victim, when named), and household members.
ELDER_RE = re.compile(r"\b(mum|mother|mom|dad|father|nan|nana|nans|gran|granny|grandmother|grandfather|grandad|aunt|"
                      r"auntie|uncle|brother|sister|niece|nephew|step ?dad|step ?mum)('s|s)?\b", re.I)
HOUSEHOLD_RE = re.compile(r"\b(son|daughter|husband|wife|partner|kids|children|little ones)\b", re.I)
_RELATIONSHIP_WORDS = [
    ("councillor", r"\bcouncillor\b|\bcllr\b"),
    ("mp", r"\bMP\b|\bMP's\b|constituen"),
    ("carer", r"\bcarer\b"),
    ("other", r"support worker|key worker|social worker|\bclient\b|befriending|landlady|landlord|\btenant\b|lodger|"
              r"volunteer"),
    ("friend", r"\bfriend\b|\bfrend\b|\bfreind\b|\bmates?\b"),
    ("neighbour", r"\bneighbour\b|\bnieghbour\b"),
]
_BUSINESS = r"\bshop\b|business|buisness|launderette|restaurant|\bcafe\b|newsagent|nursery|pharmacy|\bstaff\b|customers|trade\b"
_GROUP = (r"association|committee|\bchurch\b|mosque|synagogue|gurdwara|\bclub\b|charity|congregation|\bmembers\b|"
          r"volunteers|food bank|scout|community group|comunity group|\bgroup\b")
_CRIME = (r"racist|racial|\bgay\b|hijab|swastika|punch|knife|stab|\bhit\b|assault|attack|arrest|stole|steal|theft|smash|"
          r"snatch|\bdrug|dealing|dealer|\bweed\b|crack|set fire|\bprison\b|bail\b")
_NUMBER_WORDS = {"one": 1, "two": 2, "twice": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "once": 1}
_COUNT = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(times|households|members|"
                    r"neighbours|different neighbours|induviduals|individuals|people|reports)\b|\b(twice|once)\b",
                    re.I)
_ORG_WORDS = re.compile(r"police|\b101\b|\bmet\b|pcso|\bsnt\b|council|environmental health|noise team|asb team|"
                        r"barnet homes|housing|clarion|peabody|genesis|councillor|\bmp\b|\bgp\b|landlord", re.I)
_MONTHS = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,2}(st|nd|rd|th)\b|"
                     r"\b\d{1,2}/\d{1,2}\b|\bweek\b|yesterday|\bago\b", re.I)


def phrase_facts(text: str, also: Optional[Dict] = None) -> Dict:
    """Facts a phrase states besides its meaning, read from its words (plus any 'also'
    fields its file gives). Keys: relationship, family, victim_type, first_person,
    crime, report_count, mentions_report, mentions_org."""
    t = text
    facts: Dict = {}
    if re.search(r"\b(" + _FAMILY + r")('s)?\b", t, re.I):
        facts["family"] = True
    for rel, pattern in _RELATIONSHIP_WORDS:
        if re.search(pattern, t, re.I if rel != "mp" else 0):
            facts.setdefault("relationship", rel)
    if re.search(_BUSINESS, t, re.I):
        facts["victim_type"] = "business"
    elif re.search(_GROUP, t, re.I):
        facts["victim_type"] = "community_group"
    if re.search(r"\b(me|my ?self|I'm the one|I own|I run|mine)\b", t, re.I):
        facts["first_person"] = True
    if re.search(r"\b(I|I'm|I've|I'd|im|ive|me|my|mine|myself)\b", t, re.I):
        facts["speaks_of_self"] = True
    found = topics(t)
    if found:
        facts["topics"] = found
    if re.search(_CRIME, t, re.I):
        facts["crime"] = True
    m = _COUNT.search(t)
    if m:
        word = (m.group(1) or m.group(3) or "").lower()
        facts["report_count"] = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
    if _ORG_WORDS.search(t):
        facts["mentions_org"] = True
    if _ORG_WORDS.search(t) and _MONTHS.search(t) or re.search(r"\bref\b|reference|CAD \d", t, re.I):
        facts["mentions_report"] = True
    for key, value in (also or {}).items():
        facts["also:" + key] = value
    return facts


# What a problem or a report is about, from the resident's words (reports about another
# problem are not "about the same issue").
TOPICS = {
    "noise": r"noise|music|\bpart(y|ies)\b|\bloud\b|bass\b",
    "fly_tipping": r"fly-?tip|rubbish|dumped|mattress",
    "animal_nuisance": r"\bdogs?\b|animal|rspca|barks",
    "fireworks": r"firework|rockets",
    "drugs": r"dealing|\bdrugs?\b|\bweed\b|crack",
    "violence": r"\bfight|threat|assault|punch|knife|charge him",
    "vehicle_nuisance": r"motorbike|moped|scooter|racing|car repair",
    "street_drinking": r"drinking|drinkers|drunk",
    "parking": r"parking|parked|driveway",
    "begging": r"begging",
}


def topics(text: str) -> List[str]:
    return sorted(t for t, pattern in TOPICS.items() if re.search(pattern, text, re.I))


def choose(rng: random.Random, phrases: Sequence[Phrase], style_weights: Dict[str, float]) -> Optional[Phrase]:
    """One phrase at random, each weighted by how likely this resident is to write in its style."""
    if not phrases:
        return None
    weights = [max(style_weights.get(p.style, 0.05), 0.001) for p in phrases]
    return rng.choices(list(phrases), weights=weights, k=1)[0]
