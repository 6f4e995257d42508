"""Reading a report from one message: who it was made to, when, the reference
number and the person dealt with.

"I rang the police on 3 Oct, ref CAD 4411/03OCT, spoke to PC Ahmed" gives the
police (category `police`), 3 October, `CAD 4411/03OCT` and `PC Ahmed`.

The spaCy pipeline is `spacy.blank("en")` plus an `entity_ruler` whose patterns
are generated here from the policy's organisation names, the shapes of UK
police / council / housing reference numbers, officers' titles and the date
vocabulary of `bot.dates`. No downloaded model is needed. `python -m bot nlp
build` saves it to a folder; Rasa's `SpacyNLP` loads that same folder, so the
assistant's entities and this reader agree. Entity labels: `organisation`
(with the category as the pattern id), `reference`, `person`, `date`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import List, Optional, Tuple

from bot._spacy import spacy
from spacy.language import Language
from spacy.matcher import Matcher

from bot import dates
from bot.organisations import OrganisationIndex, OrganisationMatch
from bot.policy import Policy

MAX_CHARS = 2000
LABELS = ("organisation", "reference", "person", "date")

# Officers' and people's titles that introduce a name.
TITLES = ("pc", "pcso", "dc", "ds", "di", "sgt", "sergeant", "inspector", "constable", "officer",
          "mr", "mrs", "ms", "miss", "mx", "dr", "councillor", "cllr")
_UPPER_TITLES = {"pc", "pcso", "dc", "ds", "di", "sgt"}
# Words that introduce a reference number.
REFERENCE_WORDS = ("ref", "reference", "refs", "case", "crime", "incident", "log", "cad", "cris",
                   "ticket", "complaint", "report", "job", "enquiry", "inquiry", "tracking")
_REFERENCE_FILLER = {"number", "no", "num", "nr", "#", ":", "is", "was", "of", "numbers", "id", "code", "-", "="}
# Code shapes that are reference numbers on their own (matched against the
# lower-cased token). Dates and postcodes do not match these.
REFERENCE_SHAPES = (
    r"^cad\d{2,6}(/\d{1,2}[a-z]{3}\d{0,4})?$",                    # cad4411/03oct
    r"^\d{7}/\d{2}$",                                               # Met crime ref 5201234/26
    r"^\d{2}/\d{5,7}/\d{2}$",                                       # 01/2345678/26
    r"^(?!\d{4}[-/]\d{1,2}[-/]\d{1,2}$)\d{3,6}/\d{1,2}[a-z]{3}\d{0,4}$",  # 4411/03oct
    r"^[a-z]{1,5}[-/]?\d{3,}(?:[-/][a-z0-9]+)*$",                 # bh-12345, asb/2026/0042, env123456
    r"^[a-z]{1,5}[-/]\d{2,4}[-/]\d{2,}$",                          # ct-2026-00042
)
_REFERENCE_RE = [re.compile(p) for p in REFERENCE_SHAPES]
# People's names are not these words.
_NOT_NAMES = {
    "someone", "somebody", "anyone", "nobody", "reception", "receptionist", "operator", "switchboard",
    "police", "council", "them", "him", "her", "they", "the", "a", "an", "my", "their", "his", "hers",
    "about", "it", "again", "twice", "yesterday", "today", "last", "on", "at", "in", "and", "but",
    "because", "who", "when", "this", "that", "back", "later", "someone's", "staff", "team", "lady",
    "man", "woman", "guy", "bloke", "person", "girl", "boy", "chap", "officer", "officers", "no", "one",
    "ref", "reference", "number", "case", "via", "by", "email", "phone", "online", "form", "said",
    "told", "me", "us", "we", "i", "you", "nothing", "call", "called", "rang", "emailed",
}


@dataclass(frozen=True)
class ReportReading:
    """What one message says about a report. Anything not said is None."""

    text: str
    organisation: Optional[OrganisationMatch] = None
    organisations: Tuple[OrganisationMatch, ...] = ()
    reference: Optional[str] = None
    person: Optional[str] = None
    date: Optional[dates.DateReading] = None
    dates: Tuple[dates.DateReading, ...] = ()

    @property
    def found_anything(self) -> bool:
        return bool(self.organisation or self.reference or self.person or self.date)

    @property
    def several_reports(self) -> bool:
        """More than one report in one message ("rang on the 2nd and again on the 10th")."""
        return len([d for d in self.dates if d.ok]) > 1


# -- the pipeline --------------------------------------------------------------


def entity_patterns(policy: Policy) -> List[dict]:
    """Every entity_ruler pattern, generated from the policy and our vocabularies."""
    patterns: List[dict] = []
    for name in policy.all_names():
        if name.name.isdigit():
            # "101" is the police only when rung: [call/rang/ring/phoned] 101.
            patterns.append({"label": "organisation", "id": name.category, "pattern": [
                {"LOWER": {"IN": ["rang", "ring", "called", "call", "phoned", "phone", "dialled", "dialed",
                                  "rung", "calling", "ringing"]}},
                {"LOWER": {"IN": ["the", "on"]}, "OP": "?"},
                {"TEXT": name.name}]})
            continue
        patterns.append({"label": "organisation", "id": name.category, "pattern": name.name})
    for name in policy.ambiguous_names:
        patterns.append({"label": "organisation", "id": "ambiguous", "pattern": name})

    for shape in REFERENCE_SHAPES:
        patterns.append({"label": "reference", "pattern": [{"LOWER": {"REGEX": shape}}]})
    patterns.append({"label": "reference", "pattern": [
        {"LOWER": {"IN": ["cad", "cris"]}}, {"LOWER": {"IN": ["no", "number", "ref"]}, "OP": "?"},
        {"LOWER": {"REGEX": r"^\d{3,7}(/\d{1,2}[a-z]{3}\d{0,4}|/\d{2})?$"}}]})

    patterns.append({"label": "person", "pattern": [
        {"LOWER": {"IN": list(TITLES)}}, {"IS_TITLE": True, "IS_ALPHA": True},
        {"IS_TITLE": True, "IS_ALPHA": True, "OP": "?"}]})

    months = list(dates.MONTHS)
    weekdays = [w for w in dates.WEEKDAYS if len(w) > 3]
    day = {"LOWER": {"REGEX": r"^[0-3]?\d(st|nd|rd|th)?$"}}
    year = {"TEXT": {"REGEX": r"^(19|20)\d\d$"}, "OP": "?"}
    ordinals = list(dates._ORDINAL_WORDS)
    date_patterns = [
        [{"TEXT": {"REGEX": r"^[0-3]?\d/[01]?\d(/(\d\d|\d{4}))?$"}}],
        [{"TEXT": {"REGEX": r"^(19|20)\d\d-\d\d-\d\d$"}}],
        [{"LOWER": "the", "OP": "?"}, day, {"LOWER": "of", "OP": "?"}, {"LOWER": {"IN": months}}, year],
        [{"LOWER": "the", "OP": "?"}, {"LOWER": {"IN": ordinals}}, {"LOWER": "of", "OP": "?"},
         {"LOWER": {"IN": months}}, year],
        [{"LOWER": {"IN": months}}, day, year],
        [{"LOWER": {"IN": ["early", "mid", "late", "beginning", "start", "middle", "end"]}},
         {"LOWER": {"IN": ["of", "-"]}, "OP": "?"}, {"LOWER": {"IN": months}}, year],
        [{"LOWER": {"IN": ["in", "during"]}}, {"LOWER": {"IN": months}}, year],
        [{"LOWER": {"IN": ["last", "on", "this"]}, "OP": "?"}, {"LOWER": {"IN": weekdays}},
         {"LOWER": {"IN": ["just", "before"]}, "OP": "?"}, {"LOWER": {"IN": ["gone", "last"]}, "OP": "?"}],
        [{"LOWER": {"IN": ["yesterday", "today", "tonight"]}}],
        [{"LOWER": "last"}, {"LOWER": {"IN": ["night", "week", "month", "weekend"]}}],
        [{"LOWER": "this"}, {"LOWER": {"IN": ["morning", "afternoon", "evening", "week", "month"]}}],
        [{"LOWER": {"REGEX": r"^(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple)$"}},
         {"LOWER": "of", "OP": "?"},
         {"LOWER": {"REGEX": r"^(days?|weeks?|fortnights?|months?)$"}}, {"LOWER": {"IN": ["ago", "back"]}}],
        [{"LOWER": "the"}, day],
    ]
    for p in date_patterns:
        patterns.append({"label": "date", "pattern": p})
    for holiday in dates.HOLIDAY_NAMES:
        patterns.append({"label": "date", "pattern": holiday})
    return patterns


def build_pipeline(policy: Policy) -> Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(entity_patterns(policy))
    nlp.meta["name"] = "community_trigger_" + re.sub(r"\W", "_", policy.id)
    nlp.meta["description"] = f"Entity patterns for {policy.council.name} (policy {policy.version})"
    return nlp


def save_pipeline(policy: Policy, path: Path) -> Path:
    nlp = build_pipeline(policy)
    path.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    return path


def load_pipeline(path: Path) -> Language:
    return spacy.load(path)


# -- reading a report ----------------------------------------------------------


class ReportReader:
    """Reads reports in words. One per process: building the pipeline takes a moment."""

    def __init__(self, policy: Policy, nlp: Optional[Language] = None):
        self.policy = policy
        self.nlp = nlp or build_pipeline(policy)
        self.orgs = OrganisationIndex(policy)
        self._context = Matcher(self.nlp.vocab)
        self._context.add("REF_AFTER_WORD", [[
            {"LOWER": {"IN": list(REFERENCE_WORDS)}},
            {"LOWER": {"IN": sorted(_REFERENCE_FILLER)}, "OP": "*"},
            {"TEXT": {"REGEX": r"^[A-Za-z]{0,5}[-/]?\d[\w/-]{2,}$"}},
        ]])
        self._context.add("NAME_AFTER_VERB", [[
            {"LOWER": {"IN": ["spoke", "speak", "talked", "spoken", "speaking", "dealt", "dealing", "met"]}},
            {"LOWER": {"IN": ["to", "with"]}},
        ]])
        self._context.add("NAME_AFTER_CALLED", [[
            {"LOWER": {"IN": ["officer", "lady", "man", "woman", "guy", "bloke", "someone", "person", "chap",
                              "girl", "he", "she", "who", "worker", "advisor", "adviser"]}},
            {"LOWER": {"IN": ["called", "named", "name", "was"]}},
        ]])
        self._context.add("NAME_AFTER_TITLE", [[{"LOWER": {"IN": list(TITLES)}}]])

    def read(self, text: str, today: date) -> ReportReading:
        if not isinstance(text, str) or not text.strip():
            return ReportReading(text=text or "")
        text = text[:MAX_CHARS]
        doc = self.nlp(text)
        references = self._references(doc)
        orgs = self._organisations(doc, text)
        person = self._person(doc, {(s, e) for s, e, _ in orgs})

        # Dates are read with the organisation names and reference numbers
        # blanked out, so "CAD 4411/03OCT" is not taken for 3 October.
        masked = list(text)
        for start, end in [(s, e) for s, e, _ in orgs] + [r[:2] for r in references]:
            masked[start:end] = " " * (end - start)
        masked_text = "".join(masked)
        found = tuple(dates.find_dates(masked_text, today))
        best = dates.read_date(masked_text, today) if found else None
        if best is not None:
            best = _rebase(best, text)
            found = tuple(_rebase(d, text) for d in found)
        return ReportReading(
            text=text,
            organisation=orgs[0][2] if orgs else None,
            organisations=tuple(o for _, _, o in orgs),
            reference=references[0][2] if references else None,
            person=person,
            date=best,
            dates=found,
        )

    def classify(self, answer: str) -> Optional[OrganisationMatch]:
        """An answer that is only an organisation: "barnet homs", "my MP"."""
        return self.orgs.classify(answer)

    # -- parts --------------------------------------------------------------

    def _organisations(self, doc, text: str) -> List[Tuple[int, int, OrganisationMatch]]:
        found = []
        for ent in doc.ents:
            if ent.label_ != "organisation":
                continue
            start, end = ent.start_char, ent.end_char
            words = ent.text
            if ent.ent_id_ != "ambiguous" and ent[-1].text.isdigit() and len(ent) > 1:
                start = ent[-1].idx  # "rang 101": the organisation is "101"
                words = ent[-1].text
            match = self.orgs.classify(words)
            if ent.ent_id_ == "ambiguous" or match is None:
                match = OrganisationMatch(said=words, category=None, say=words, ambiguous=True)
            found.append((start, end, OrganisationMatch(said=words, category=match.category, say=match.say,
                                                        ambiguous=match.ambiguous)))
        if not found:
            # Typos the exact patterns miss: "barnet homs", "notting hil genisis".
            for start, end, match in self.orgs.find(text):
                if not match.said.isdigit():
                    found.append((start, end, match))
        if not found:
            fuzzy = self.orgs.find_fuzzy(text)
            if fuzzy:
                found.append(fuzzy)
        return found

    def _references(self, doc) -> List[Tuple[int, int, str]]:
        refs = []
        for ent in doc.ents:
            if ent.label_ == "reference":
                refs.append((ent.start_char, ent.end_char, _clean_reference(ent.text)))
        for match_id, start, end in self._context(doc):
            if self.nlp.vocab.strings[match_id] != "REF_AFTER_WORD":
                continue
            code = doc[end - 1]
            if any(s <= code.idx < e for s, e, _ in refs) or _looks_like_date(code.text):
                continue
            if code.text.isdigit() and len(code.text) < 4:
                continue
            if code.text.isdigit() and code.text.startswith("0") and len(code.text) >= 10:
                continue  # a phone number
            refs.append((code.idx, code.idx + len(code.text), code.text))
        refs.sort()
        return refs

    def _person(self, doc, org_spans) -> Optional[str]:
        for ent in doc.ents:
            if ent.label_ == "person":
                return _tidy_name([t.text for t in ent])
        for match_id, start, end in sorted(self._context(doc), key=lambda m: m[1]):
            rule = self.nlp.vocab.strings[match_id]
            if rule == "REF_AFTER_WORD":
                continue
            words = []
            title = []
            if rule == "NAME_AFTER_TITLE":
                if start > 0 and doc[start - 1].lower_ in ("police", "housing", "tenancy", "estate", "the", "an", "a"):
                    # "the officer", "a housing officer": a role, not a name yet
                    if doc[start].lower_ not in ("officer",):
                        continue
                title = [doc[start].text]
            i = end
            # "spoke to PC Smith": the title belongs to the name
            if i < len(doc) and doc[i].lower_ in TITLES and rule != "NAME_AFTER_TITLE":
                title = [doc[i].text]
                i += 1
            while i < len(doc) and len(words) < 2:
                tok = doc[i]
                if not tok.is_alpha or tok.lower_ in _NOT_NAMES or tok.is_stop \
                        or tok.lower_ in dates.MONTHS or tok.lower_ in dates.WEEKDAYS \
                        or any(s <= tok.idx < e for s, e in org_spans):
                    break
                words.append(tok.text)
                i += 1
            if words:
                return _tidy_name(title + words)
        return None


def _tidy_name(words: List[str]) -> str:
    out = []
    for w in words:
        if w.lower() in _UPPER_TITLES:
            out.append(w.upper())
        elif w.islower():
            out.append(w.capitalize())
        else:
            out.append(w)
    return " ".join(out)


def _clean_reference(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[1].lower() in _REFERENCE_FILLER:
        words.pop(1)
    joined = " ".join(words)
    return joined.upper() if re.match(r"^(cad|cris)\b", joined, re.I) else joined


def _looks_like_date(token: str) -> bool:
    return bool(re.match(r"^[0-3]?\d[/.-][01]?\d([/.-]\d{2,4})?$", token))


def _rebase(reading: dates.DateReading, text: str) -> dates.DateReading:
    """The same reading, pointing at the original (unmasked) text."""
    return dates.DateReading(text=text, date=reading.date, approximate=reading.approximate,
                             earliest=reading.earliest, latest=reading.latest, problem=reading.problem,
                             message=reading.message, span=reading.span)
