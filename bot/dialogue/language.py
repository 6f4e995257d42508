"""Reading a report from one message: who it was made to, when, the reference
number and the person dealt with.

"I rang the police on 3 Oct, ref CAD 4411/03OCT, spoke to PC Ahmed" gives the
police (category `police`), 3 October, `CAD 4411/03OCT` and `PC Ahmed`.

The spaCy pipeline is `spacy.blank("en")` plus an `entity_ruler` whose patterns
are generated here from the policy's organisation names, the shapes of UK
police / council / housing reference numbers, officers' titles and the date
vocabulary of `bot.rules.dates`. No downloaded model is needed. `python -m bot nlp
build` saves it to a folder; Rasa's `SpacyNLP` loads that same folder, so the
assistant's entities and this reader agree. Entity labels: `organisation`
(with the category as the pattern id), `reference`, `person`, `date`.

On top of the pipeline's entities the reader uses context the ruler cannot:
which organisation the report was *made to* ("my neighbour ... so I rang the
police"), a plain number after "ref"/"case number" (but not a phone number),
and a name after "spoke to" / "a lady called". Organisations are matched by
`OrganisationIndex` from the same policy names as the ruler's patterns, with
its guards and typo tolerance; dates by `bot.rules.dates`, with organisation names
and reference numbers blanked out first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import List, Optional, Tuple

from bot.dialogue._spacy import spacy
from spacy.language import Language
from spacy.matcher import Matcher

from bot.rules import dates
from bot.rules.organisations import OrganisationIndex, OrganisationMatch
from bot.rules.policy import Policy

MAX_CHARS = 2000
LABELS = ("organisation", "reference", "person", "date")

# Officers' and people's titles that introduce a name.
TITLES = ("pc", "pcso", "dc", "ds", "di", "sgt", "sergeant", "inspector", "constable", "officer",
          "mr", "mrs", "ms", "miss", "mx", "dr", "councillor", "cllr")
_UPPER_TITLES = {"pc", "pcso", "dc", "ds", "di", "sgt"}
# Titles that are also ordinary nouns ("the councillor came round"): in a
# message typed in lower case they do not introduce a name.
_NOUN_TITLES = {"officer", "councillor", "cllr", "inspector", "sergeant", "constable"}
POLICE_TITLES = {"pc", "pcso", "dc", "ds", "di", "sgt", "sergeant", "inspector", "constable"}
# "my neighbour Mrs Kaur": not the person who dealt with the report.
_NOT_STAFF = {"neighbour", "neighbours", "friend", "sister", "brother", "mum", "dad", "mother", "father", "wife",
              "husband", "partner", "son", "daughter", "nan", "gran", "aunt", "uncle", "cousin", "tenant"}
# Words that introduce a reference number.
REFERENCE_WORDS = ("ref", "reference", "refs", "case", "crime", "incident", "log", "cad", "cris",
                   "ticket", "complaint", "report", "job", "enquiry", "inquiry", "tracking")
_REFERENCE_FILLER = {"number", "no", "num", "nr", "#", ":", "is", "was", "of", "numbers", "id", "code", "-", "="}
# Code shapes that are reference numbers on their own (matched against the
# lower-cased token). Dates and postcodes do not match these.
# Not a reference: a date (03/04/2026, 2026-03-04) or a phone number (0208-359-6071).
_NOT_A_CODE = r"(?!\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$)(?!\d{4}-\d{1,2}-\d{1,2}$)(?![0-9()+ -]*$(?<=\d)(?:(?<=^0\d{9})|(?<=^0\d{10})))"
REFERENCE_SHAPES = (
    r"^cad\d{2,6}(/\d{1,2}[a-z]{3}\d{0,4})?$",                    # cad4411/03oct
    # codes of letters and digits joined by / or -, with a run of 3+ digits:
    # 5201234/26, 01/2345678/26, 4411/03oct, bh-12345, asb/2026/0042,
    # sh/asb/44190, cst-2026-0187, 1104-5573-22, 26/00419/noise
    r"^" + _NOT_A_CODE + r"(?=[a-z0-9/-]*\d{3})[a-z0-9]+(?:[-/][a-z0-9]+)+$",
    r"^[a-z]{1,5}\d{3,}[a-z0-9]*$",                                 # env123456, bh12345
)
# Kept as one token by the tokenizer (which otherwise splits "SH/ASB/44190" and
# "1104-5573-22"): letters and digits joined by / or -, containing a digit.
CODE_TOKEN = r"^(?=[A-Za-z0-9/-]*\d)[A-Za-z0-9]+(?:[/-][A-Za-z0-9]+)+$"
_REFERENCE_RE = [re.compile(p) for p in REFERENCE_SHAPES]
# Words just before the organisation a report was made to.
_REPORT_VERBS = {
    "rang", "ring", "rung", "called", "call", "phoned", "phone", "emailed", "email", "mailed", "told", "tell",
    "reported", "report", "contacted", "contact", "wrote", "written", "went", "spoke", "speak", "spoken",
    "complained", "complain", "messaged", "texted", "visited", "informed", "notified", "alerted", "logged",
    "dialled", "dialed", "asked", "to",
}
# Words that may follow a name typed in lower case: "spoke to dave at the council".
_AFTER_NAME = {"at", "from", "in", "on", "who", "and", "about", "but", "he", "she", "they", "said", "then",
               "there", "for", "when", "last", "yesterday", "today", "this", "again", "twice", "over", "by",
               "via", "after", "before", "because", "so", "ref", "reference", "i", "we"}
# People's names are not these words.
_NOT_NAMES = {
    "customer", "customers", "services", "service", "manager", "supervisor", "helpline", "advisor", "adviser",
    "desk", "department", "line", "loads", "lots", "everyone", "everybody", "people", "handler", "centre",
    "center", "duty", "control", "room", "housing", "neighbourhood", "environmental", "health", "noise",
    "asb", "antisocial", "anti", "social", "team", "landlord", "caretaker", "concierge", "security", "guard",
    "warden", "tenancy", "estate", "community", "safety", "local", "police", "council", "office", "agent",
    "switchboard", "several", "various", "different", "another", "other", "same", "new", "senior", "head",
    "someone", "somebody", "anyone", "nobody", "reception", "receptionist", "operator", "switchboard",
    "police", "council", "them", "him", "her", "they", "the", "a", "an", "my", "their", "his", "hers",
    "about", "it", "again", "twice", "yesterday", "today", "last", "on", "at", "in", "and", "but",
    "because", "who", "when", "this", "that", "back", "later", "someone's", "staff", "team", "lady",
    "man", "woman", "guy", "bloke", "person", "girl", "boy", "chap", "officer", "officers", "no", "one",
    "ref", "reference", "number", "case", "via", "by", "email", "phone", "online", "form", "said",
    "told", "me", "us", "we", "i", "you", "nothing", "call", "called", "rang", "emailed",
}


# what a person named in lower case did next ("a lady called sharon said ..."): not their surname
_VERB_AFTER_NAME = {"said", "says", "came", "rang", "rings", "told", "tells", "wrote", "writes", "sent", "took",
                    "gave", "was", "is", "has", "had", "went", "got", "gets", "never", "just", "then", "who", "from",
                    "at", "on", "in", "and", "but"}


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


@dataclass(frozen=True)
class MessageParts:
    """What a message names, with positions (start, end) in `text`."""

    text: str
    organisations: Tuple[Tuple[int, int, OrganisationMatch], ...] = ()
    references: Tuple[Tuple[int, int, str], ...] = ()
    person: Optional[str] = None
    dates: Tuple[dates.DateReading, ...] = ()
    best_date: Optional[dates.DateReading] = None
    today: Optional[date] = None


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
        if name.match_case:
            patterns.append({"label": "organisation", "id": name.category,
                             "pattern": [{"TEXT": w} for w in name.name.split()]})
            continue
        patterns.append({"label": "organisation", "id": name.category, "pattern": name.name})
    for name in policy.ambiguous_names:
        patterns.append({"label": "organisation", "id": "ambiguous", "pattern": name})

    for shape in REFERENCE_SHAPES:
        patterns.append({"label": "reference", "pattern": [{"LOWER": {"REGEX": shape}}]})
    patterns.append({"label": "reference", "pattern": [
        {"LOWER": {"IN": ["cad", "cris"]}}, {"LOWER": {"IN": ["no", "number", "ref"]}, "OP": "?"},
        {"LOWER": {"REGEX": r"^[0-9a-z/-]*\d{3}[0-9a-z/-]*$"}}]})

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
        # a month on its own ("back in November"); "may" and "march" are words too
        [{"LOWER": {"IN": [m for m in dates._FULL_MONTHS if m not in ("may", "march")]}}, year],
        [{"LOWER": {"IN": ["may", "march"]}}, {"TEXT": {"REGEX": r"^(19|20)\d\d$"}}],
        [{"LOWER": {"IN": ["last", "this"]}, "OP": "?"}, {"LOWER": {"IN": weekdays}},
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
    # Saved with the pipeline, so Rasa's SpacyTokenizer splits the same way.
    nlp.tokenizer.token_match = re.compile(CODE_TOKEN).match
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
            {"TEXT": {"REGEX": r"^[A-Z]{1,4}$"}, "OP": "?"},  # "ref BH 20931"
            {"TEXT": {"REGEX": r"^[A-Za-z]{0,5}[-/]?\d[\w/-]{2,}$"}},
        ], [
            # "they gave me a number, 4417", "the number they gave me was 5520"
            {"LOWER": {"IN": ["gave", "give", "given", "got", "get", "with", "quoted", "issued"]}},
            {"LOWER": {"IN": ["me", "us", "him", "her", "them"]}, "OP": "?"},
            {"LOWER": {"IN": ["a", "the", "an"]}}, {"LOWER": {"IN": ["number", "no"]}},
            {"IS_PUNCT": True, "OP": "?"}, {"LOWER": {"IN": ["it", "which", "that"]}, "OP": "?"},
            {"LOWER": {"IN": ["is", "was", "of", "'s"]}, "OP": "?"},
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

    def parts(self, text: str, today: date) -> "MessageParts":
        """Everything the message names, each with where it is: the organisations,
        reference numbers, the person dealt with and every date. `read` picks the
        one report from these; `bot.dialogue.reports` splits several reports."""
        if not isinstance(text, str) or not text.strip():
            return MessageParts(text=text or "")
        # a lone surrogate ("\ud800", from broken JSON) is not text spaCy can hold
        text = text[:MAX_CHARS].encode("utf-8", "replace").decode("utf-8")
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
        found = tuple(_rebase(d, text) for d in dates.find_dates(masked_text, today))
        best = _rebase(dates.read_date(masked_text, today), text) if found else None
        return MessageParts(text=text, organisations=tuple(orgs), references=tuple(references), person=person,
                            dates=found, best_date=best, today=today)

    def read(self, text: str, today: date) -> ReportReading:
        parts = self.parts(text, today)
        if not parts.text.strip():
            return ReportReading(text=parts.text)
        orgs = list(parts.organisations)
        organisation = self._made_to(orgs, parts.text)
        person = parts.person
        if organisation is None and person and person.split()[0].lower() in POLICE_TITLES:
            # "reported it to PC O'Neill": a police officer means the police
            organisation = OrganisationMatch(said=person, category="police", say="the police")
        return ReportReading(
            text=parts.text,
            organisation=organisation,
            organisations=tuple(o for _, _, o in orgs),
            reference=parts.references[0][2] if parts.references else None,
            person=person,
            date=parts.best_date,
            dates=parts.dates,
        )

    def classify(self, answer: str) -> Optional[OrganisationMatch]:
        """An answer that is only an organisation: "barnet homs", "my MP"."""
        return self.orgs.classify(answer)

    # -- parts --------------------------------------------------------------

    def _organisations(self, doc, text: str) -> List[Tuple[int, int, OrganisationMatch]]:
        # The policy index matches the same names as the ruler's organisation
        # patterns, with its guards ("rang 101" not "flat 101", "the Met" not
        # "met with") and overlaps resolved; it also tolerates typos.
        found = self.orgs.find(text)
        if not found:
            fuzzy = self.orgs.find_fuzzy(text)
            if fuzzy:
                found = [fuzzy]
        return found

    @staticmethod
    def _made_to(found: List[Tuple[int, int, OrganisationMatch]], text: str) -> Optional[OrganisationMatch]:
        """The organisation the report was made to. Best: one the resident
        reported to themselves ("my sister told L&Q but I rang the council");
        then one after "rang", "told", "emailed"... ("my neighbour ... so I rang
        the police"); else the first mentioned."""
        best, best_score = None, -1
        for start, _end, match in found:
            clause = re.split(r"[.,;!?]|\bbut\b|\band\b|\bso\b|\bthen\b", text[:start].lower())[-1]
            words = re.findall(r"[a-z']+", clause)
            score = 0
            if any(w in _REPORT_VERBS for w in words[-4:]):
                score = 1
                if any(w in ("i", "we", "i've", "ive", "me", "myself", "us") for w in words):
                    score = 2
            if score > best_score:
                best, best_score = match, score
        return best

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
            if _phone_number_at(doc, end - 1):
                continue
            # Keep a prefix that is part of the reference: "CAD 1/02NOV", "ref BH 20931".
            first = end - 1
            while first - 1 >= start and (doc[first - 1].lower_ in ("cad", "cris")
                                          or re.fullmatch(r"[A-Z]{1,4}", doc[first - 1].text)):
                first -= 1
            span_start = doc[first].idx
            refs.append((span_start, code.idx + len(code.text), _clean_reference(doc.text[span_start:code.idx + len(code.text)])))
        # "maybe CAD 19-something?": half remembered is not a reference to record
        refs = [r for r in refs if not re.search(r"(?i)some(?:thing|thin)|\bsth\b|\?|x{3,}", r[2])]
        refs.sort(key=lambda r: (r[0], -(r[1] - r[0])))
        kept: List[Tuple[int, int, str]] = []
        for ref in refs:
            if not any(s <= ref[0] < e for s, e, _ in kept):
                kept.append(ref)
        return kept

    def _person(self, doc, org_spans) -> Optional[str]:
        for ent in doc.ents:
            if ent.label_ == "person" and ent[0].lower_ != "officer" and not _after_relative(doc, ent.start):
                return _tidy_name([t.text for t in ent])
        # In a message typed in lower case a name can only be told by where it
        # is ("spoke to dave at the council"); otherwise it must be capitalised.
        lower_case = not _capitalises_words(doc)
        for match_id, start, end in sorted(self._context(doc), key=lambda m: m[1]):
            rule = self.nlp.vocab.strings[match_id]
            if rule == "REF_AFTER_WORD":
                continue
            title: List[str] = []
            i = end
            if rule == "NAME_AFTER_TITLE":
                word = doc[start].lower_
                if word in _NOUN_TITLES and (lower_case or (start > 0 and doc[start - 1].lower_ in (
                        "police", "housing", "a", "an", "the", "our", "my", "local", "tenancy", "estate",
                        "neighbourhood", "ward"))):
                    continue  # "a police officer came round", "our local councillor": a role, not a name
                if _after_relative(doc, start):
                    continue
                title = [doc[start].text]
            elif i < len(doc) and doc[i].lower_ in TITLES and doc[i].lower_ != "officer":
                title = [doc[i].text]  # "spoke to PC Smith"
                i += 1
            words: List[str] = []
            # "a lady called sharon": "called" is a strong enough sign on its own
            needs_capital = not lower_case and rule != "NAME_AFTER_CALLED"
            while i < len(doc) and len(words) < 2:
                tok = doc[i]
                if not _could_be_name(tok, org_spans) or (needs_capital and not tok.is_title):
                    break
                if words and not tok.is_title and (tok.lower_.endswith("ed") or tok.lower_ in _VERB_AFTER_NAME):
                    break  # "a man called Dean replied the next week": Dean, and what he did
                words.append(tok.text)
                i += 1
            if not words:
                continue
            if lower_case and not title and rule == "NAME_AFTER_VERB" and i < len(doc) \
                    and doc[i].is_alpha and doc[i].lower_ not in _AFTER_NAME:
                continue  # "spoke to loads of people"
            return _tidy_name(title + words)
        return None


def _capitalises_words(doc) -> bool:
    """Whether the writer capitalises words mid-sentence (so an uncapitalised
    word is not a name). Codes in capitals ("CAD", "BH-12345") and "I" do not count."""
    for i, tok in enumerate(doc):
        if i == 0 or doc[i - 1].text in (".", "!", "?") or tok.text == "I":
            continue
        if tok.is_alpha and tok.is_title and len(tok.text) > 1:
            return True
    return False


def _after_relative(doc, start: int) -> bool:
    return any(doc[j].lower_ in _NOT_STAFF for j in range(max(0, start - 2), start))


def _could_be_name(tok, org_spans) -> bool:
    return (re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", tok.text) is not None and not tok.is_stop and tok.lower_ not in _NOT_NAMES
            and tok.lower_ not in dates.MONTHS and tok.lower_ not in dates.WEEKDAYS
            and not any(s <= tok.idx < e for s, e in org_spans))


def _phone_number_at(doc, i: int) -> bool:
    """Whether the digits at token i start a UK phone number ("07700 900123", "0208 359 6071")."""
    digits = ""
    j = i
    while j < len(doc) and re.fullmatch(r"\+?\d+", doc[j].text) and len(digits) < 14:
        digits += doc[j].text.lstrip("+")
        j += 1
    return bool(re.fullmatch(r"(?:0|44)\d{9,10}", digits)) or (digits.startswith("0") and j - i > 1)


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
