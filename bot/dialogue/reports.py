"""Reports as residents tell them: several in one message, each with what it says.

    "rang 101 three times in October, on the 3rd, 10th and 17th"
        -> three reports to the police: 3, 10 and 17 October
    "Reported to LBB on 1st September, ref 55021, then Notting Hill Genesis on
     8 Sept and the police on the 15th"
        -> the council (1 Sep, ref 55021), Notting Hill Genesis (8 Sep), the police (15 Sep)
    "Mr Singh at number 4 rang 101 on 2 May, nothing happened"
        -> the police, 2 May, reported by Mr Singh at number 4, outcome "nothing happened"

Each date is a report. It belongs to the organisation right after it when they
are joined by "to" or "I rang" ("30/09 to the council"), otherwise to the
organisation named before it ("rang the police on the 3rd"). An organisation
with no date is a report only when it was told ("I also told the council"),
not when it is advice or a subject ("they said to contact the council").
References go with the report before them; "what happened after" is the clause
that says so ("they never rang back"). "N times" with one vague date ("three
times in October") is N reports in that period.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.dialogue.language import MessageParts, ReportReader
from dateutil.relativedelta import relativedelta

from bot.rules import dates
from bot.rules.dates import MONTHS, DateReading, _day_month
from bot.rules.organisations import OrganisationMatch

# A date joined to the organisation after it: "30/09 to the council", "Boxing Day I rang 999".
_LINK_AFTER = re.compile(
    r"^\s*(?:[-\u2013,:]\s*)?(?:(?:and|then|so)\s+)?(?:i\s+|we\s+|i'?ve\s+|we'?ve\s+|i\s+have\s+|i\s+had\s+)?"
    r"(?:also\s+|then\s+|finally\s+)?"
    r"(?:(?:reported|complained|spoke|spoken|wrote|written|talked|went|go|gone|sent|made a report)\s+"
    r"(?:it\s+|this\s+|them\s+|a\s+report\s+)?(?:to|with|in to|into|round to)|to|with|told|tell|rang|rung|ring|"
    r"called|call|phoned|emailed|e-mailed|contacted|messaged|texted|reported|informed|visited|got onto|got on to)"
    r"\s+(?:it\s+to\s+|to\s+)?(?:the\s+|my\s+|our\s+|a\s+|an\s+)?$", re.I)
# Between two names of one organisation: "my housing officer at One Housing", "the council's ASB team".
_SAME_ORG_GAP = re.compile(r"^\s*(?:'s|\u2019s|at|from|of|in|with|,|-|\(|called|named|i\.e\.?)?\s*(?:the\s+|my\s+)?$|"
                           # "the landlord - it's a private let"
                           r"^\s*[-,(]?\s*(?:it'?s|it is|which is|that'?s|they'?re|they are)\s+(?:a|an|the|my|our)?\s*$",
                           re.I)
_REPORT_VERB_BEFORE = re.compile(
    r"\b(?:rang|rung|ring|called|phoned|emailed|e-mailed|told|tell|reported|report|contacted|wrote|written|"
    r"complained|messaged|texted|informed|notified|visited|went|spoke|spoken|mentioned|raised|logged|alerted|"
    r"got onto|got on to|dialled|dialed|online to)\b[^.;!?]{0,30}$", re.I)
# Advice or what someone else said: not a report the resident made.
_ADVICE_BEFORE = re.compile(r"\b(?:said|says|told me|advised|suggested|should|go to|try|sent me to|referred me to|"
                            r"to contact|to call|to ring|to report it to|passed it to|forwarded)\b[^.;!?]{0,30}$",
                            re.I)
# Words before "since June" that make it when the problem began.
_PROBLEM_START = re.compile(r"\b(?:going on|happening|been like this|been bad|been|started|begun|had this|"
                            r"putting up with|suffering|dealing with it|it'?s|this has)\b[^,.;]*$", re.I)
# Dates that say when the problem started, not when it was reported.
_START_BEFORE = re.compile(r"\b(?:since|started|starting|began|begun|going on (?:for|since)|been happening|"
                           r"ever since)\s*(?:about\s+|around\s+|in\s+|at\s+|the\s+)*$", re.I)
_TIMES = re.compile(r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|several)\s+"
                    r"(?:times?|occasions)\b|\b(?P<twice>twice)\b|"
                    r"\b(?:made|done|put in|logged|filed|sent|reported)\s+(?P<n2>\d{1,2}|two|three|four|five|six|seven|"
                    r"eight|nine|ten|several)\s+(?:separate\s+|different\s+)?(?:reports|complaints|calls|emails)\b", re.I)
_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "a couple of": 2, "several": 3}
# "What happened after": the clause that says it.
_OUTCOME = re.compile(
    r"\bnothing(?: (?:happened|was done|has been done|came of it|changed|at all|since|else happened|ever happens|"
    r"ever happened|was ever done))?\b|\bno (?:reply|replies|response|answer|action|follow[- ]?up|feedback|"
    r"one (?:came|called|rang|got back)|news|outcome|change)\b|"
    r"\b(?:never|didn'?t|did not|haven'?t|hasn'?t|have not|has not|havent|didnt|never even)\s+(?:\w+\s+)?"
    r"(?:heard|rang|rung|called|got|get|come|came|replied|respond|responded|reply|do|did|done|bother|bothered|"
    r"turned up|turn up|showed up|show up|answered|acted|followed)\b|"
    r"\b(?:heard|got) nothing\b|\b(?:they|he|she|someone|somebody|an officer|the officer)\s+(?:just\s+)?(?:said|says|"
    r"promised|told me (?:to|they|he|she|it)|would|will|were going to|was going to|came (?:round|out)|"
    r"sent (?:a|him|her|them|someone|an officer|a letter|a warning)|gave (?:him|her|them) a|closed|"
    r"spoke to (?:him|her|them)|took (?:my|a) statement|logged it|put (?:a|up)|did nothing|do nothing|"
    r"never)\b|\bstill waiting\b|\bignored\b|\bnot interested\b|"
    r"\bcame (?:round|out|over)\b|\btook (?:my|a|our) statement\b|\bgave (?:him|her|them) a warning\b|"
    r"\bcase (?:was )?closed\b|\bclosed (?:it|the case)\b|\bjust (?:logged|noted) it\b|"
    r"\bwaste of time\b|\bfobbed (?:me )?off\b", re.I)
_ALL_OF_THEM = re.compile(r"\b(?:either|both|any of them|all of them|each time|every time|none of them|any time|"
                          r"every single time|each of them|all three|all 3)\b", re.I)
_CLAUSE_END = re.compile(r"[.;!?]|,\s+|\s+-\s+|\s+(?:and|but|then|so|which|although)\s+", re.I)
# "no reference", "didn't get a crime number": nothing to ask for.
NO_REFERENCE = re.compile(
    r"\bno (?:ref(?:erence)?s?(?: (?:number|no|numbers))?|(?:crime|case|incident|log|cad|cris) "
    r"(?:number|no|ref(?:erence)?)s?)\b|\bno ref\b|"
    r"\b(?:didn'?t|did not|never|dont|don'?t|do not|haven'?t|have not)\s+(?:\w+\s+)?(?:get|got|give me|gave me|"
    r"have|keep|kept|give|gave|receive|received)\s+(?:me\s+)?(?:a |any |one|an )?"
    r"(?:(?:crime|case|incident|log|reference|ref|cad)\s+)?(?:number|no|ref(?:erence)?|one)\b|"
    r"\bwithout (?:a |any )?ref(?:erence)?\b|\b(?:lost|can'?t find) (?:the |my |it)", re.I)
# Who made a report, said before its verb: "Mr Singh at number 4 rang 101".
_REPORTER = re.compile(
    r"(?:^|(?<!\bno)(?<!\bNo)(?<!\bNO)[.;!?,]\s*|\b(?:and|then|also|plus)\s+)(?P<who>"
    r"[A-Za-z][\w'\u2019. ()]{0,60}?)(?:\s*[-\u2013\u2014:])?\s+(?:has\s+|have\s+|had\s+|also\s+|then\s+|did\s+)*"
    r"(?:rang|rung|called|phoned|emailed|e-mailed|told|reported|contacted|wrote|went|complained|messaged|texted|"
    r"spoke|made a report|logged|got onto|filled in|filled out|submitted|sent|used|did(?=\s))"
    r"\b", re.I)
_SELF = re.compile(r"^(?:i|me|myself|we|us|i myself|me myself|i'?ve|we'?ve|i have|we have|i had|i also|"
                   r"we also|i then|i did|we did|i just|i even|i first|i last|i only|(?:that|this|it) (?:one )?was "
                   r"me|it'?s me)$", re.I)
# A CAD number carries its day: "CAD 2290/17NOV" was logged on 17 November.
_CAD_DAY = re.compile(r"^(?P<cad>CAD\s*)?\d{1,6}\s*/\s*(?P<day>\d{1,2})\s*(?P<month>[A-Za-z]{3})\w*$", re.I)
_GENERIC_SAY = ("your ", "a ", "the council", "the police", "the council's", "a councillor")


@dataclass
class ToldReport:
    """One report as told; anything not said is None."""

    organisation: Optional[str] = None      # as the resident said it
    category: Optional[str] = None          # the policy category; None when unknown or ambiguous
    say: Optional[str] = None               # how to mention it
    ambiguous: bool = False                 # "my landlord": ask which kind
    date: Optional[str] = None              # YYYY-MM-DD
    earliest: Optional[str] = None
    latest: Optional[str] = None
    approximate: bool = False
    date_text: Optional[str] = None
    date_problem: Optional[str] = None      # why the date said can't be used
    reference: Optional[str] = None
    person: Optional[str] = None
    outcome: Optional[str] = None
    reporter: Optional[str] = None
    details_asked: bool = False             # no reference to ask for ("no ref", or told with others)
    incident_date: Optional[str] = None     # "rang the police on the 3rd about the fire on the 2nd": the 2nd
    incident_date_text: Optional[str] = None
    counted: bool = False                   # one of "three times this autumn": a later report in its dates fills it
    start: int = 0                          # where it is told in the message

    def record(self) -> Dict[str, Any]:
        """The report as the application stores it."""
        data = asdict(self)
        data.pop("start")
        for key in ("incident_date", "incident_date_text"):
            if data[key] is None:
                data.pop(key)  # only when one was said: asking for it (when a policy needs it) reads its absence
        if not data["counted"]:
            data.pop("counted")
        return data


# Words that say a report was made ("rang", "emailed", "went to"): without one, a date in a story is not a report
REPORTING_WORD = re.compile(r"\b(?:report|reported|reporting|rang|rung|ring|called|phoned|told|emailed|e-mailed|"
                            r"contacted|complained|wrote|logged|spoke|messaged|texted|went to)\b", re.I)


@dataclass
class ToldReports:
    text: str
    reports: List[ToldReport] = field(default_factory=list)
    times: Optional[int] = None             # "three times"
    no_reference: bool = False
    started: Optional[DateReading] = None   # "since June": when the problem began

    @property
    def found(self) -> bool:
        return bool(self.reports)


def read_reports(text: str, today: date, reader: ReportReader) -> ToldReports:
    parts = reader.parts(text, today)
    text = parts.text
    if not text.strip():
        return ToldReports(text=text)
    orgs = _merge_names([o for o in parts.organisations if not _only_a_time_or_place(o, text)], text)
    orgs = _renamed(sorted(orgs + _named_elsewhere(text, orgs, parts.person), key=lambda o: o[0]), text)
    if len(orgs) > 1:
        # "put it on the Facebook group and tagged Barnet Council": a post they were tagged in, not a report to them
        orgs = [o for o in orgs if not re.search(r"\b(?:tagged|tagging|tag|cc'?d|copied in|@)\s*(?:in\s+)?(?:the\s+)?$",
                                                 text[max(0, o[0] - 20):o[0]], re.I)]
    if len(orgs) > 1:
        # "Messaged Barnet Council on Facebook": how it was sent, not who it was sent to
        orgs = [o for o in orgs if not (re.search(r"\b(?:on|via|through|over|using|by)\s+(?:their\s+|its\s+)?$",
                                                  text[max(0, o[0] - 20):o[0]], re.I) and
                                        re.fullmatch(r"(?i)(?:a |the )?(?:facebook|twitter|instagram|whats ?app|"
                                                     r"nextdoor|social media|x)(?: group| page| app)?",
                                                     text[o[0]:o[1]].strip()))]
    if len(orgs) > 1:
        # "told the police officer at school": where they were told, not a second organisation told
        orgs = [o for i, o in enumerate(orgs) if not (
            i > 0 and o[2].category not in ("council", "police", "housing_provider") and
            re.fullmatch(r"\s*(?:officers?|team|man|woman|lady|bloke|people)?\s*(?:at|in|outside|by)\s+(?:the\s+|my\s+|"
                         r"our\s+|his\s+|her\s+)?", text[orgs[i - 1][1]:o[0]], re.I))]
    if len(orgs) > 1:
        # "the 101 one i said, then barnet homes end of sept": the one told already, pointed back to, not told again
        orgs = [o for o in orgs if not re.match(
            r"\s*(?:one|report|call|thing)?\s*(?:(?:that|which)\s+)?(?:i|i'?ve|we)\s+(?:already\s+)?(?:said|told you|"
            r"mentioned|gave you|put)\b|\s*(?:one|report)?\s*(?:from (?:before|earlier)|above|i already (?:said|"
            r"mentioned))\b", text[o[1]:o[1] + 40], re.I)]
    if len(orgs) > 1:
        # "rang the police on the 101 number": one report, told with the way it was made (the later match says it)
        orgs = [o for i, o in enumerate(orgs) if not (
            i + 1 < len(orgs) and o[2].category == orgs[i + 1][2].category and
            re.fullmatch(r"\s*(?:on|via|through|using|by calling|by ringing|by phoning)\s+(?:the\s+|their\s+)?",
                         text[o[1]:orgs[i + 1][0]], re.I))]
    police_ref = re.search(r"\b(?:crime (?:ref(?:erence)?|number|no)|cad (?:no|number|ref)|incident number|police "
                           r"ref(?:erence)?)\b", text, re.I)
    if not orgs and police_ref:
        # "crime ref 5209934/26 - that's from when they slashed my tyres, end of June": a crime number is the police's
        orgs = [(police_ref.start(), police_ref.start(),
                 OrganisationMatch(said="the police", category="police", say="the police"))]
    incidents = _incident_dates(parts, text)
    report_dates, started = _report_dates(parts, text, incidents)
    anchors: List[Tuple[Optional[DateReading], Optional[Tuple[int, int, OrganisationMatch]]]] = []
    bound = set()
    if len(report_dates) > 1:
        # "a man called Dean replied the next week": when they answered, not a report of the resident's
        report_dates = [r for r in report_dates if not (r.span and re.search(
            r"\b(?:replied|rang (?:me |us )?back|called (?:me |us )?back|got back to (?:me|us)|wrote back|responded|"
            r"came back to (?:me|us)|answered)\b[^.,;]{0,12}$", text[max(0, r.span[0] - 40):r.span[0]], re.I))]
    for reading in report_dates:
        org = _organisation_for(reading.span, orgs, text)
        anchors.append((reading, org))
        if org is not None:
            bound.add(org[0])
    for org in orgs:
        if org[0] in bound:
            continue
        if _was_told(org, text) or not anchors and len(orgs) == 1:
            anchors.append((None, org))
    if not anchors and parts.person and parts.person.split()[0].lower() in ("pc", "pcso", "dc", "ds", "sgt",
                                                                             "sergeant", "inspector", "constable"):
        police = OrganisationMatch(said=parts.person, category="police", say="the police")
        anchors.append((None, (text.find(parts.person.split()[0]), 0, police)))
    anchors.sort(key=lambda a: _position(a, text))
    if any(reading is not None and reading.ok for reading, _org in anchors):
        # "3 times this year: in February, in June and last week": "this year" frames the dates
        anchors = [(reading, org) for reading, org in anchors
                   if not (reading is not None and reading.problem == "too_vague")]
    reports = _refined(reports=[_report(reading, org, text) for reading, org in anchors], text=text)

    times = _times(text)
    latest = _most_recently(reports, text)
    if times and latest is not None and len(reports) == 2 and 2 < times <= 10:
        # "about 3 times since September, most recently last night": 2 in the range, and the one last night
        first = reports[0] if reports[1] is latest else reports[1]
        reports = [ToldReport(**{**asdict(first), "counted": first.approximate}) for _ in range(times - 1)] + [latest]
    elif times and len(reports) == 1 and 1 < times <= 10 and (not reports[0].date or reports[0].approximate):
        reports = [ToldReport(**{**asdict(reports[0]), "counted": True}) for _ in range(times)]
    elif len(reports) > 1:
        reports = _times_each(reports, text)

    _parts_of_month(reports, text)
    counted = [r for r in reports if r.counted]
    if len({(r.earliest, r.latest) for r in counted}) > 1:
        for r in counted:  # "twice last month, once at the start and once at the end": each told, not a count
            r.counted = False
    _attach_incidents(reports, incidents, text)
    _attach_references(reports, parts.references, text)
    _attach_person(reports, parts.person, text)
    for report in reports:
        if not report.organisation and report.person and re.match(
                r"(?:pc|pcso|dc|ds|sgt|sergeant|inspector|constable)\b", report.person, re.I):
            # "told PC Murray at the ward panel meeting on 8 Oct": a police officer, so the police
            report.organisation, report.category, report.say = report.person, "police", "the police"
    _attach_outcomes(reports, text, parts)
    _attach_reporters(reports, text, anchors)
    reports = _one_per_person(reports, text)
    _shared_dates(reports, text)
    reports = _again_later(reports, text, today)
    reports = _someone_else_too(reports, text, today)
    _later_dates(reports, text, today)
    _cad_days(reports, today)
    return ToldReports(text=text, reports=reports, times=times, no_reference=bool(NO_REFERENCE.search(text)),
                       started=started)


# -- parts ------------------------------------------------------------------------


# A place told that is not in the policy ("4 weeks ago to Opendoor"): kept as the resident named it, and its kind asked
_TO_A_NAME = re.compile(r"\b(?:reported (?:it |this )?to|complained to|wrote to|emailed|e-mailed|rang|phoned|called|"
                        r"contacted|(?:ago|last \w+|on the \w+) to)\s+(?P<name>[A-Z][A-Za-z&'-]{2,}(?:\s+[A-Z][A-Za-z&'-]+)"
                        r"{0,3})")
_NOT_A_PLACE = re.compile(r"^(?:I|I'm|Im|Mr|Mrs|Ms|Miss|Dr|PC|PCSO|Sgt|DC|DS|Inspector|Officer|The|Them|Him|Her|My|"
                          r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
                          r"June|July|August|September|October|November|December|Christmas|Easter)\b")


def _named_elsewhere(text: str, orgs, person: Optional[str]) -> List[Tuple[int, int, OrganisationMatch]]:
    found = []
    for m in _TO_A_NAME.finditer(text):
        name = m.group("name").strip()
        start, end = m.start("name"), m.end("name")
        if _NOT_A_PLACE.match(name) or any(s < end and start < e for s, e, _o in orgs) or \
                (person and set(name.lower().split()) & set(person.lower().split())) or \
                re.match(r"\s*(?:at|from|in) (?:the |my )?(?:council|police|housing|[A-Z])", text[end:end + 20]):
            continue  # a person ("rang Lorraine at Barnet Homes"), a date, or a name already known
        found.append((start, end, OrganisationMatch(said=name, category=None, say=name, ambiguous=True)))
    return found


def _renamed(orgs, text: str):
    """ "Catalyst (now Peabody)": one landlord under its name today; "Peabody (was Catalyst)" too."""
    drop = set()
    for a, b in zip(orgs, orgs[1:]):
        between = text[a[1]:b[0]]
        if re.fullmatch(r"\s*\(\s*(?:now|now called|now part of|which is now|renamed)\s*", between, re.I):
            drop.add(a[0])
        elif re.fullmatch(r"\s*\(\s*(?:formerly|was|used to be|previously)\s*", between, re.I):
            drop.add(b[0])
    return [o for o in orgs if o[0] not in drop]


def _most_recently(reports: List[ToldReport], text: str) -> Optional[ToldReport]:
    """The report said to be the latest of a count ("most recently last night", "the last one on the 3rd")."""
    for report in reports:
        before = text[:text.find(report.date_text)] if report.date_text else ""
        if report.date_text and re.search(r"\b(?:most recently|the (?:last|latest|most recent)(?: (?:one|time))?(?: was| being)?|"
                                          r"latest|last of (?:them|which)(?: was)?)\s*(?:on\s+|was\s+)?$",
                                          before, re.I):
            return report
        # "3 times since the summer, only the last one got a ref, that was 2 weeks ago"
        if report.date_text and re.search(r"\bthe (?:last|latest|most recent) (?:one|time|call|report)\b[^.;!?]{0,50}?"
                                          r"\b(?:that|it|this) (?:was|were)\s*(?:on\s+)?$", before, re.I):
            return report
    return None


def _merge_names(orgs: List[Tuple[int, int, OrganisationMatch]], text: str):
    """Two names of one organisation next to each other are one: keep the specific one."""
    out: List[Tuple[int, int, OrganisationMatch]] = []
    for org in sorted(orgs, key=lambda o: o[0]):
        if out:
            prev = out[-1]
            same = prev[2].category == org[2].category or prev[2].ambiguous or org[2].ambiguous
            gap = text[prev[1]:org[0]]
            # "Barnet Homes last Tuesday, spoke to my housing officer Sandra": someone at the same place
            person_there = same and _specific(org[2]) < _specific(prev[2]) and len(gap) < 60 and re.search(
                r"\b(?:spoke|speaking|talked|talking|dealt|dealing)\s+(?:to|with)\s+(?:my|our|the|a|their)?\s*$", gap,
                re.I) and not re.search(r"[.;!?]|\b(?:and then|then|later|again|also)\b", gap, re.I)
            if person_there:
                out[-1] = (prev[0], org[1], prev[2])
                continue
            if same and _specific(prev[2]) < _specific(org[2]) and re.fullmatch(
                    r"\s*,?\s*(?:(?:mr|mrs|ms|miss|dr)\.?\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?\s*,?\s*(?:at|from|of|with)"
                    r"\s+(?:the\s+)?", gap):
                # "my housing officer, Mrs Achterberg, at One Housing": one organisation, by its name
                out[-1] = (prev[0], org[1], org[2])
                continue
            if re.fullmatch(r"\s*(?:['’]s\s+)?", gap) and \
                    re.search(r"\b(?:team|line|unit|department|dept|officers?)\s*$", text[org[0]:org[1]], re.I):
                # "L&Q ASB team", "Barnet Homes' ASB line": that organisation's team, not the council's
                out[-1] = (prev[0], org[1], prev[2])
                continue
            if same and (_SAME_ORG_GAP.match(gap) or prev[2].say == org[2].say and len(gap) < 40 and
                         re.fullmatch(r"[^0-9]*?(?:,|\bwell\b|\bi mean\b|\bsorry\b|\bor rather\b|\bnow\b|\bi\.e\.|"
                                      r"\bcalled\b|\bthat'?s\b)[^0-9]*", gap, re.I)):
                keep = org if _specific(org[2]) >= _specific(prev[2]) else prev
                out[-1] = (prev[0], org[1], keep[2])
                continue
        out.append(org)
    return out


# "after the kids went back to school", "on the school run": a time or a place, not who was told
_TIME_OR_PLACE_BEFORE = re.compile(
    r"\b(?:(?:kids|children|son|daughter|boys|girls|they|he|she|we)\s+(?:went|go|goes|going|gone|got)|back|"
    r"walk(?:ing|ed)?(?:\s+\w+)?|drop(?:ping|ped)?(?:\s+\w+)?(?:\s+off)?|pick(?:ing|ed)?(?:\s+\w+)?(?:\s+up)?|"
    r"way)\s+(?:back\s+)?(?:to|from|at)\s+(?:the\s+|my\s+|our\s+)?$|\b(?:outside|near|opposite|behind|by)\s+"
    r"(?:the\s+|my\s+|our\s+)?$", re.I)
_TIME_OR_PLACE_AFTER = re.compile(r"\s*(?:run|holidays?|hols|gates?|term|pick-?ups?|drop-?offs?|started|"
                                  r"broke up|finished)\b", re.I)


def _only_a_time_or_place(org, text: str) -> bool:
    if org[2].category not in (None, "other"):
        return False  # "outside the police station" is rare; the council or police named is a report
    return bool(_TIME_OR_PLACE_BEFORE.search(text[max(0, org[0] - 40):org[0]]) or
                _TIME_OR_PLACE_AFTER.match(text[org[1]:org[1] + 20]))


def _specific(match: OrganisationMatch) -> int:
    if match.ambiguous or match.category is None:
        return 0
    return 1 if match.say.lower().startswith(_GENERIC_SAY) else 2


# A date that says when what was reported happened: "about the fire on the 2nd", "which happened on the 9th"
_INCIDENT_BEFORE = re.compile(r"(?:\babout|\bregarding|\bover|\bre)\s+(?:the|what happened|an?|their|his|her|that|it)\s+"
                              r"(?:[\w'-]+\s+){0,3}?(?:(?:on|from|of|at)\s+(?:the\s+)?)?$|"
                              r"\b(?:which|that|it|the (?:incident|fire|attack|party|fight))\s+(?:had\s+)?happened\s+"
                              r"(?:on\s+)?(?:the\s+)?$|\bit happened\s+(?:on\s+)?(?:the\s+)?$", re.I)


def _incident_dates(parts: MessageParts, text: str) -> List[DateReading]:
    """Only after a date the report was made on, in the same sentence ("told the council about it on the 4th" is
    when it was told)."""
    dated = [r for r in parts.dates if r.ok and r.span]
    return [r for r in dated if _INCIDENT_BEFORE.search(text[max(0, r.span[0] - 60):r.span[0]]) and any(
        o.span[1] <= r.span[0] and o.span[0] >= _sentence_start(text, r.span[0]) for o in dated if o is not r)]


def _attach_incidents(reports: List[ToldReport], incidents: List[DateReading], text: str) -> None:
    for reading in incidents:
        target = _nearest_before(reports, reading.span[0]) or (reports[0] if reports else None)
        if target is not None and not target.incident_date:
            target.incident_date, target.incident_date_text = reading.date.isoformat(), reading.phrase
    for m in _INCIDENT_NEXT_TO.finditer(text):
        # "rang 101 on 2 March about the party the night before": counted from the report's own date
        target = _nearest_before(reports, m.start())
        if target is None or target.incident_date or not target.date or target.approximate:
            continue
        before = m.group("when").lower().split()[-1] in ("before", "previous", "prior") or "previous" in m.group("when")
        day = date.fromisoformat(target.date) - timedelta(days=1 if before else 0)
        target.incident_date, target.incident_date_text = day.isoformat(), m.group("when")


_INCIDENT_NEXT_TO = re.compile(
    r"\b(?:about|regarding|over|re)\s+(?:the|what happened|an?|their|his|her|that|it)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?P<when>(?:the|that) (?:night|day|evening|afternoon) before|the previous (?:night|day|evening)|"
    r"(?:that|the same) (?:day|night|morning|evening|afternoon)|earlier that day)\b", re.I)


def _report_dates(parts: MessageParts, text: str,
                  incidents: List[DateReading]) -> Tuple[List[DateReading], Optional[DateReading]]:
    """The dates that are reports (not `incidents`), and the one that says when the problem began."""
    out, started = [], None
    incidents = {r.span for r in incidents}
    for reading in _one_per_day(parts.dates, text):
        if reading.span in incidents:
            continue  # when it happened, not when it was reported
        before = text[:reading.span[0]]
        phrase = (reading.phrase or "").lower()
        sentence = text[_sentence_start(text, reading.span[0]):]
        counted = bool(_TIMES.search(sentence)) and not re.search(
            r"\b(?:going on|happening|started|starting|began|begun|been like)\b", sentence, re.I)
        since = bool(re.search(r"\bsince\s+(?:the\s+)?$", before[-20:], re.I))
        if not (counted and (since or phrase.startswith("since"))) and (
                _START_BEFORE.search(before[-40:]) or phrase.startswith("since") and _PROBLEM_START.search(before[-60:])):
            started = started or reading
            continue
        if (phrase.startswith(("since", "ever since")) or since) and reading.ok:
            # "twice since August": any time from then until today
            reading = DateReading(text=reading.text, date=reading.date, approximate=True,
                                  earliest=reading.earliest or reading.date, latest=parts.today or reading.latest,
                                  span=reading.span)
        clause = before[_clause_start(text, reading.span[0]):]
        if re.search(r"\b(?:closed|shut|resolved|signed off|finished with|ended)\s+(?:(?:my|our|the|his|her|their|it"
                     r"|this)\s+)?(?:complaint|case|ticket|report|it)?\s*(?:saying[^,.;]*)?(?:\b(?:on|in|at|back in|around)\s*)?$", clause, re.I) and \
                not re.search(r"\b(?:reported|rang|rung|called|phoned|emailed|told|contacted)\b", clause, re.I):
            continue  # "Barnet Homes closed my complaint last month": when it was closed, not when it was reported
        if re.search(r"\b(?:he|she|they|someone|somebody|an officer|the officer|a pcso|the pcso|police|an? \w+ "
                     r"officer|(?:pc|pcso|sgt|officer|mr|mrs|ms) [a-z]+)\s+(?:came (?:round|out|over|back)|visited|"
                     r"rang (?:me |us )?back|called (?:me |us )?back|phoned (?:me |us )?back|replied|wrote back|"
                     r"emailed (?:me |us )?back|got back to (?:me|us)|turned up|knocked|attended|"
                     r"(?:cleared|removed|cleaned|collected|took away|fixed|boarded up)\s+(?:[\w']+\s+){0,4}?)"
                     r"\s*(?:on|in|at|by)?\s*(?:the\s+)?$", clause, re.I) or re.search(
                         # "..., PC Vaughan, rang me back on the 10th": the one who rang back said just before
                         r"^\s*(?:rang|called|phoned|emailed) (?:me|us) back\s*(?:on|in|at)?\s*(?:the\s+)?$", clause,
                         re.I) or re.search(
                         r"\b(?:it|they|he|she)\s*(?:was|were|'s|'re|is|are)\s+back\s*(?:by|on|at|within|in)?\s*(?:the\s+)?$",
                         clause, re.I):
            # "he came round on the Friday", "PC Vaughan rang me back on the 10th", "they cleared the mattresses on
            # the 5th and it was back by the weekend": what happened after, not a report
            continue
        if reading.problem == "future" and re.search(r"\b(?:said|will|would|'ll|going to|promised)\b", clause, re.I):
            continue  # "they said they'd come back next week": not a report date
        out.append(reading)
    return _shared_month(_day_then_month(out, text), text), started


def _shared_month(readings: List[DateReading], text: str) -> List[DateReading]:
    """ "on the 2nd and then again on the 16th, both in September": the month said once for every bare day."""
    for i, reading in enumerate(readings):
        if not (i and reading.ok and reading.earliest and reading.latest and reading.earliest.day == 1 and
                (reading.latest - reading.earliest).days >= 27):
            continue
        if not re.search(r"\b(?:both|all|each|all of them|both of them|all three|all 3|each time|every time)\s+"
                         r"(?:were\s+|was\s+)?(?:in|of|during)?\s*$", text[readings[i - 1].span[1]:reading.span[0]], re.I):
            continue
        days = []
        for prev in readings[:i]:
            day = re.fullmatch(r"\s*(?:on\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s*", prev.phrase or "", re.I)
            if not day:
                break
            try:
                when = reading.earliest.replace(day=int(day.group(1)))
            except ValueError:
                break
            days.append(DateReading(text=prev.text, date=when, earliest=when, latest=when, span=prev.span))
        else:
            return days + readings[i + 1:]
    return readings


def _day_then_month(readings: List[DateReading], text: str) -> List[DateReading]:
    """ "on the 12th, that was in October": one date, the 12th of October."""
    out: List[DateReading] = []
    for reading in readings:
        prev = out[-1] if out else None
        if prev is not None and prev.ok and reading.ok and reading.earliest and reading.latest and \
                reading.earliest.day == 1 and (reading.latest - reading.earliest).days >= 27 and \
                re.fullmatch(r"\s*(?:on\s+)?(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s*", prev.phrase or "", re.I) and \
                re.fullmatch(r"[\s,;-]*(?:(?:that|this|it)\s*(?:was|'s|is)\s*|i think\s*)?(?:in|of)?\s*",
                             text[prev.span[1]:reading.span[0]], re.I):
            day = re.search(r"\d{1,2}", prev.phrase).group()
            try:
                when = reading.earliest.replace(day=int(day))
            except ValueError:
                out.append(reading)
                continue
            out[-1] = DateReading(text=reading.text, date=when, earliest=when, latest=when,
                                  span=(prev.span[0], reading.span[1]))
            continue
        out.append(reading)
    return out


def _one_per_day(readings, text: str):
    """ "this morning, 26/11" names one day twice: one report, not two."""
    out: List[DateReading] = []
    for reading in readings:
        prev = out[-1] if out else None
        if prev is not None and prev.ok and reading.ok and re.search(
                r"^[\s,?.]*(?:or (?:(?:it|that) )?(?:might|may|could) (?:have been|be)|or maybe|or|maybe|but (?:it )?"
                r"(?:might|may|could) (?:have been|be)|(?:it )?(?:might|may|could) (?:have been|be)|or was it|possibly|"
                r"not sure if)\b[\s\w,']{0,12}$",
                text[prev.span[1]:reading.span[0]], re.I) or prev is not None and prev.ok and reading.ok and \
                (re.search(r"\b(?:between|from)\s*$", text[max(0, prev.span[0] - 12):prev.span[0]], re.I) or
                 re.match(r"(?:between|from)\b", prev.phrase or "", re.I)) and \
                re.fullmatch(r"\s*(?:and|to|until|till|-)\s*", text[prev.span[1]:reading.span[0]], re.I):
            # "September but it might have been October", "between January and December 2025": one report,
            # some time in that range (the first end a year earlier if it would come after the second)
            if (prev.earliest or prev.date) > (reading.latest or reading.date):
                prev = DateReading(text=prev.text, date=prev.date - relativedelta(years=1), approximate=True,
                                   earliest=(prev.earliest or prev.date) - relativedelta(years=1),
                                   latest=(prev.latest or prev.date) - relativedelta(years=1), span=prev.span)
            lo = min(prev.earliest or prev.date, reading.earliest or reading.date)
            hi = max(prev.latest or prev.date, reading.latest or reading.date)
            out[-1] = DateReading(text=prev.text, date=lo + (hi - lo) / 2, approximate=True, earliest=lo,
                                  latest=hi, span=(prev.span[0], reading.span[1]))
            continue
        if prev is not None and prev.ok and reading.ok and \
                ((reading.latest or reading.date) - (reading.earliest or reading.date)).days < 27 and re.fullmatch(
                r"[\s,;.?!-]*(?:(?:i think|i'?m sure|yeah|so)\s*,?\s*)?(?:(?:it|that|this|which|they) (?:was|'s|is|were|would "
                r"have been|must have been)|all|both)\s+(?:of them\s+)?(?:the |on |a |an |around |at |over |during )?",
                text[prev.span[1]:reading.span[0]], re.I):
            continue  # "on 31 October, it was Halloween weekend": the same day said again, in other words
        if prev is not None and prev.ok and reading.ok and (prev.date == reading.date or prev.approximate and not
                                                             reading.approximate and prev.earliest and prev.latest and
                                                             prev.earliest <= reading.date <= prev.latest) and \
                re.fullmatch(r"[\s,(-]*(?:on|the|i\.e\.?|that'?s|so)?[\s,(-]*", text[prev.span[1]:reading.span[0]], re.I):
            if reading.approximate and not prev.approximate:
                continue
            out[-1] = reading if prev.approximate and not reading.approximate else prev
            continue
        out.append(reading)
    return out


def _clause_start(text: str, at: int) -> int:
    starts = [m.end() for m in _CLAUSE_END.finditer(text[:at])]
    return starts[-1] if starts else 0


def _organisation_for(span, orgs, text):
    start, end = span
    told = [o for o in orgs if not _promised(o, text)]
    orgs = told or orgs  # "I told my councillor and she said she'd email Barnet Homes, 3 weeks ago": the councillor
    preceding = [o for o in orgs if o[1] <= start]
    following = next((o for o in orgs if o[0] >= end), None)
    if preceding and (_DIRECT.match(text[preceding[-1][1]:start]) or
                      re.search(r"\bagain\s+(?:on\s+|in\s+|at\s+)?(?:the\s+)?$", text[preceding[-1][1]:start], re.I)):
        # "called 101 last Friday", "rang the police on the 3rd"; "... and again on 1 November": the same place
        return preceding[-1]
    if preceding and _ANOTHER_DATE_OF.match(text[preceding[-1][1]:start]) and not (
            following is not None and _LINK_AFTER.match(text[end:following[0]]) and
            not re.search(r"\band\b|,", text[end:following[0]])):
        # "the council website on the 8th and the 15th, and rang 101 on the 20th" (but "the police on the 3rd
        # and on the 9th I rang the council": the 9th is the council's)
        return preceding[-1]
    if following is not None and _LINK_AFTER.match(text[end:following[0]]):
        return following      # "30/09 to the council", "Boxing Day I rang 999"
    if preceding:
        return preceding[-1]
    inside = [o for o in orgs if o[0] < end and start < o[1]]
    if inside:
        return inside[0]
    return following


# Between an organisation and a date: its own date, then "and" ("on the 8th and "): a second date for it.
_ANOTHER_DATE_OF = re.compile(r"^\s*(?:(?!(?:rang|rung|called|phoned|emailed|told|reported|and|then)\b)[a-z']+\s+){0,3}?"
                              r"(?:on\s+)?(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?[a-z]+)?\s*(?:,|and|&|"
                              r"then)\s*(?:again\s+)?(?:on\s+)?(?:the\s+)?$", re.I)
# An organisation and its date in one breath: "101 last Friday", "the police on the 3rd, ref 123".
_DIRECT = re.compile(r"^(?:(?![.;!?]|\band\b|\bthen\b|\bbut\b|\bso\b)[^,])*?$|^\s*,\s*(?:on|in|at|around|about)\b[^,]*$",
                     re.I)


# An organisation someone else promised to contact: "she said she'd email Barnet Homes", "he'll pass it to the police"
_PROMISED = re.compile(r"\b(?:said|says|promised|offered|going to|gonna|would|will|'d|'ll)\s+(?:\w+\s+){0,2}?"
                       r"(?:email|e-mail|contact|tell|pass (?:it|this) (?:on )?to|refer (?:it|me|us)? ?to|write to|ring|"
                       r"call|phone|speak to|mention it to|raise it with|chase|forward it to|send it to|report it to)\s+"
                       r"(?:it\s+)?(?:to\s+|with\s+)?(?:the\s+|my\s+|our\s+|a\s+)?$", re.I)


def _promised(org, text: str) -> bool:
    return bool(_PROMISED.search(text[max(0, org[0] - 60):org[0]]))


def _was_told(org, text: str) -> bool:
    before = text[max(0, org[0] - 60):org[0]]
    if _promised(org, text):
        return False
    if re.match(r"\s+(?:to|with|at)\s+(?:the\s+|my\s+|our\s+)?\S", text[org[1]:org[1] + 20]) and \
            re.search(r"\b(?:reported|report|complained about|told on)\s+(?:my\s+|the\s+|our\s+|a\s+)?$", before, re.I):
        return False  # "I reported my neighbour to Barnet Homes": what was reported, not who was told
    if _ADVICE_BEFORE.search(before):
        return False
    if _REPORT_VERB_BEFORE.search(before):
        return True
    sentence = text[_sentence_start(text, org[0]):org[0]]
    if re.search(r"(?:,|\band)\s*(?:then\s+|also\s+|later\s+)?(?:to\s+)?(?:the\s+|my\s+|our\s+)?$", sentence, re.I) and \
            re.search(_REPORT_VERB_BEFORE.pattern.replace("{0,30}$", "*"), sentence, re.I) and \
            dates.LATER.search(text, org[1], org[1] + 60):
        return True  # "wrote to the RSPCA in October, and the council the week after"
    # the organisation is all the answer says ("the council", "Barnet Homes", "to my housing officer")
    after_short = len(re.findall(r"[A-Za-z]+", text[org[1]:])) <= 3 and not re.search(
        r"\b(?:rang|rung|called|phoned|emailed|told|reported|contacted|wrote|texted)\b", text[org[1]:], re.I)
    return not re.sub(r"[\W_]+", "", text[:org[0]] + text[org[1]:]).strip() or after_short and \
        bool(re.fullmatch(r"\W*(?:to|it was|was|the|my|our|and|also|then|i|we|,|\s)*\W*", text[:org[0]], re.I))


def _position(anchor, text: Optional[str] = None) -> int:
    """Where a report is told: its organisation and date together, or its date when the organisation
    was named in an earlier clause ("police, ref 1, and this month on the 4th, same again")."""
    reading, org = anchor
    if reading is not None and reading.span:
        if org is None:
            return reading.span[0]
        if text is not None and org[1] <= reading.span[0] and not _DIRECT.match(text[org[1]:reading.span[0]]):
            return reading.span[0]
        return min(reading.span[0], org[0])
    return org[0] if org else 0


def _report(reading: Optional[DateReading], org, text: Optional[str] = None) -> ToldReport:
    report = ToldReport(start=_position((reading, org), text))
    if org is not None:
        match = org[2]
        report.organisation, report.category, report.say, report.ambiguous = (
            match.said, match.category, match.say, match.ambiguous)
    if reading is not None:
        set_date(report, reading)
    return report


def set_date(report: ToldReport, reading: DateReading) -> None:
    """Puts what a date reading says on a report: the day and its range, or why it can't be used."""
    report.date_text = reading.phrase or reading.text
    if reading.ok:
        report.date = reading.date.isoformat()
        report.earliest = (reading.earliest or reading.date).isoformat()
        report.latest = (reading.latest or reading.date).isoformat()
        report.approximate = bool(reading.approximate)
        report.date_problem = None
    else:
        report.date = report.earliest = report.latest = None
        report.date_problem = reading.message


def _times(text: str) -> Optional[int]:
    m = _TIMES.search(text)
    if not m:
        return None
    if m.group("twice"):
        return 2
    n = (m.group("n") or m.group("n2")).lower()
    return int(n) if n.isdigit() else _NUMBER.get(n)


_COUNT = r"(?:(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|a couple of|several)\s+(?:times?|occasions)|(?P<twice>twice))"
_COUNT_BEFORE = re.compile(_COUNT + r"\s+(?:to|with)\s+(?:the\s+|my\s+)?$", re.I)
_COUNT_AFTER = re.compile(r"^\s+(?:about\s+|around\s+)?" + _COUNT + r"\b", re.I)


def _times_each(reports: List[ToldReport], text: str) -> List[ToldReport]:
    """ "the police 3 times last month and twice to Barnet Homes this month": each report that many times."""
    out: List[ToldReport] = []
    lowered = text.lower()
    for report in reports:
        n = 1
        if sum(1 for r in reports if r.organisation == report.organisation) > 1:
            # one organisation, several dates: a count belongs to the date it is said with ("twice in
            # October and once in November"); "3 times: in February, in June and last week" told each
            m = re.search(_COUNT + r"\s+(?:\w+\s+){0,2}?" + re.escape(report.date_text or "\x00"), text, re.I) \
                if report.date_text else None
            if m:
                n = 2 if m.group("twice") else (int(m.group("n")) if m.group("n").isdigit() else
                                                _NUMBER.get(m.group("n").lower(), 1))
                if n > 1 and _dates_listed_after(report, reports, text) >= n:
                    n = 1  # "twice last week, Tuesday and Saturday": the count is the days that follow it
            out += [ToldReport(**{**asdict(report)}) for _ in range(n if 1 < n <= 10 else 1)]
            continue
        said = (report.organisation or "").lower()
        at = lowered.find(said, max(0, report.start - 40)) if said else -1
        if at >= 0 and (not report.date or report.approximate):
            m = _COUNT_BEFORE.search(text[max(0, at - 30):at]) or _COUNT_AFTER.match(text[at + len(said):])
            if m:
                n = 2 if m.group("twice") else (int(m.group("n")) if m.group("n").isdigit() else
                                                _NUMBER.get(m.group("n").lower(), 1))
        out += [ToldReport(**{**asdict(report)}) for _ in range(n if 1 < n <= 10 else 1)]
    return out


_LISTED = re.compile(r"^(?:[\s,;:&-]|\band\b|\bthen\b|\bon\b|\bthe\b|\bagain\b)*$", re.I)


def _dates_listed_after(report: ToldReport, reports: Sequence[ToldReport], text: str) -> int:
    """How many dates of this organisation are said as one list starting with this report's date."""
    same = sorted((r for r in reports if r.organisation == report.organisation and r.date_text),
                  key=lambda r: text.find(r.date_text))
    if report not in same:
        return 1
    count, at = 1, text.find(report.date_text) + len(report.date_text)
    for other in same[same.index(report) + 1:]:
        begins = text.find(other.date_text, at)
        if begins < 0 or not _LISTED.match(text[at:begins]):
            break
        count, at = count + 1, begins + len(other.date_text)
    return count


def _nearest_before(reports: Sequence[ToldReport], at: int) -> Optional[ToldReport]:
    before = [r for r in reports if r.start <= at]
    return before[-1] if before else (reports[0] if reports else None)


def _attach_references(reports: List[ToldReport], references, text: str = "") -> None:
    # "on 20/11 and 21/11, refs NS-4401 and NS-4419": a list of references after as many reports, in order
    refs = list(references)
    if len(refs) >= 2 and len(refs) == len(reports) and all(r.start < refs[0][0] for r in reports) and \
            not any(r.reference for r in reports) and all(
                re.fullmatch(r"[\s,;&]*(?:and|&)?[\s,;]*(?:ref(?:erence)?s?\.?\s*(?:no\.?|number)?)?[\s:]*",
                             text[a[1]:b[0]], re.I) for a, b in zip(refs, refs[1:])):
        for report, (_s, _e, ref) in zip(reports, refs):
            report.reference = ref
        return
    ordinals = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "last": -1}
    for start, end, ref in refs:
        # "crime number for the first one 6024417/26", "6024417/26 for the second call"
        near = text[max(0, start - 40):start] + " " + text[end:end + 30]
        said = re.search(r"\bfor the (first|1st|second|2nd|third|3rd|fourth|4th|last)(?: one| report| call| time)?\b",
                         near, re.I)
        if said and len(reports) > 1 and abs(ordinals[said.group(1).lower()]) < len(reports):
            target = reports[ordinals[said.group(1).lower()]]
            if not target.reference:
                target.reference = ref
                continue
        target = _nearest_before([r for r in reports if not r.reference], start) if reports else None
        if target is None and reports:
            continue
        if target is not None:
            target.reference = ref
    one_case = len(refs) == 1 and len({r.organisation for r in reports}) == 1 and \
        all(r.start < refs[0][0] for r in reports) and (
            re.search(r"\bcase (?:ref|reference|number|no)\b", text, re.I) or
            re.search(r"\bcase(?:\s+(?:ref(?:erence)?|number|no))?\.?[\s:#]*$", text[:refs[0][0]], re.I))
    if len(refs) == 1 and len(reports) > 1 and (one_case or re.search(
            r"\b(?:for (?:all|each|both|every one)(?: of (?:them|those|these))?|same (?:ref(?:erence)?|number|"
            r"case(?: number)?)|all (?:under|on|with) (?:the same|one) (?:ref(?:erence)?|number|case))\b", text, re.I)):
        # "Phoned Southern Housing on the 4th, 11th and 18th of November, case ref SHG-0091": one case
        for report in reports:  # "ref SH/11094 for all of them"
            report.reference = report.reference or refs[0][2]


def _attach_person(reports: List[ToldReport], person: Optional[str], text: str) -> None:
    if not person or not reports:
        return
    at = text.lower().find(person.split()[-1].lower())
    target = _nearest_before(reports, at if at >= 0 else 0)
    if target is not None and not target.person:
        target.person = person


def _outcome_clauses(text: str, parts: MessageParts) -> List[Tuple[int, str]]:
    """(position, clause) for every clause that says what happened after."""
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    clauses = []
    for a, b in zip(bounds, bounds[1:]):
        clause = text[a:b].strip(" ,.;!?-")
        if not clause or not _OUTCOME.search(clause):
            continue
        # the clause that is the report itself ("rang the police on the 3rd") is not its outcome
        if any(a <= d.span[0] < b for d in parts.dates if d.ok) and not re.search(
                r"\b(?:said|never|nothing|no reply|no response|didn'?t|ignored|waiting)\b", clause, re.I):
            continue
        clauses.append((a, clause))
    return clauses


def _attach_outcomes(reports: List[ToldReport], text: str, parts: MessageParts) -> None:
    if not reports:
        return
    for at, clause in _outcome_clauses(text, parts):
        targets = reports if _ALL_OF_THEM.search(clause) else [_nearest_before(reports, at)]
        for report in targets:
            if report is not None:
                report.outcome = f"{report.outcome}; {clause}" if report.outcome and clause not in report.outcome \
                    else clause


def _attach_reporters(reports: List[ToldReport], text: str, anchors) -> None:
    """Who made each report, when it was someone other than the writer."""
    for report in reports:
        window = text[_sentence_start(text, report.start):report.start + 1]
        if re.match(r"\W*(?:me|myself)\s*[,(-]", window, re.I):
            report.reporter = "the applicant"  # "Me, Sandra Okafor, rang 101 on 30 September"
            continue
        found = list(_REPORTER.finditer(window))
        if not found:
            continue
        who = found[-1].group("who").strip(" ,.'")
        who = re.sub(r"^(?:(?:and|then|also|plus|so|but|yes|yeah|yep|yup|no|nope|ok|okay|well|um|erm|oh|right|"
                     r"actually|oh yes|and then)[\s,]+)+", "", who, flags=re.I)
        if who and (_SELF.match(who) or re.search(r"\s(?:i|we)$", who, re.I) or
                    re.match(r"(?:i|we)\s+(?:went|go|then|just|also|finally|eventually)\b", who, re.I)):
            # "over the Carnival weekend I rang ...": the words before "I" are when, not who
            report.reporter = "the applicant"  # "I told the council myself": one of the people who reported it
            continue
        if not who or len(who.split()) > 8 or \
                re.match(r"(?:they|it|he|she|yes|yeah|yep|no|ok|okay|also|then|and|so)\b", who, re.I) or \
                re.search(r"\b(?:rang|rung|called|phoned|emailed|told|reported|contacted|wrote|texted|messaged)\b|"
                          r"\b(?:and|or|then)$", who, re.I):
            continue  # "rang 101 twice in october and told the council": a report, not who made the next one
        report.reporter = who
        if report.person and set(report.person.lower().split()) & set(who.lower().split()):
            report.person = None  # "Mrs Patel from number 9 rang the council": she reported it
    reporters = [set(r.reporter.lower().split()) for r in reports if r.reporter]
    for report in reports:
        if report.person and any(set(report.person.lower().split()) <= words for words in reporters):
            report.person = None  # "..., Mr Gill at 16 emailed Barnet Homes": he made the next report


def _shared_dates(reports: List[ToldReport], text: str) -> None:
    """ "I rang the police and the council in October": the date is for both."""
    for report, after in zip(reports, reports[1:]):
        if report.date is None and report.date_problem is None and after.date and \
                re.fullmatch(r"[\w' ]{1,40}?\s*(?:,|and|&|,\s*and)\s+(?:the\s+|my\s+|our\s+)?",
                             text[report.start:after.start], re.I):
            for key in ("date", "earliest", "latest", "approximate", "date_text"):
                setattr(report, key, getattr(after, key))


_MONTH_PART = re.compile(r"\b(?:(?:at|in|near|towards|around) (?:the )?(?P<a>start|beginning|middle|end)|"
                         r"(?P<b>early|mid|late)(?: on| in the month)?)\b", re.I)
_PART_DAYS = {"start": (1, 10), "beginning": (1, 10), "early": (1, 10), "middle": (11, 20), "mid": (11, 20),
              "end": (21, 31), "late": (21, 31)}


def _parts_of_month(reports: List[ToldReport], text: str) -> None:
    """ "last month I rang the council twice, once at the start and once at the end": two parts of one month."""
    said = [(m.group("a") or m.group("b")).lower() for m in _MONTH_PART.finditer(text)]
    if len(reports) < 2 or len(said) != len(reports) or len({r.earliest for r in reports}) != 1:
        return
    first = reports[0]
    if not first.earliest or not first.latest:
        return
    lo, hi = date.fromisoformat(first.earliest), date.fromisoformat(first.latest)
    if lo.day != 1 or (hi + relativedelta(days=1)).day != 1 or lo.month != hi.month:
        return  # not a whole month
    for report, part in zip(reports, said):
        a, b = _PART_DAYS[part]
        start, end = lo.replace(day=a), min(hi, lo.replace(day=min(b, hi.day)))
        report.earliest, report.latest = start.isoformat(), end.isoformat()
        report.date = (start + (end - start) / 2).isoformat()


_DAY_EITHER_SIDE = re.compile(r"\b(?:and|&|then|also)\s+(?:again\s+)?(?:on\s+)?(?:the\s+)?(?:day|night|evening|morning)\s+"
                              r"(?P<dir>before|after)(?:\s+that)?\b(?!\s+(?:yesterday|last|that\s+too))", re.I)


def _again_later(reports: List[ToldReport], text: str, today: date) -> List[ToldReport]:
    """ "Rang the police on Sunday 8th November and again the next night": the same organisation again."""
    if not reports or not reports[-1].date:
        return reports
    side = _DAY_EITHER_SIDE.search(text, reports[-1].start)
    said = text.lower().find((reports[-1].date_text or "\0").lower(), reports[-1].start)
    if side and said >= 0 and re.fullmatch(r"[\s,]*", text[said + len(reports[-1].date_text):side.start()]) and \
            not reports[-1].approximate:
        # "emailed the ASB team yesterday and the day before": the same organisation on the day next to it
        last = reports[-1]
        copy = ToldReport(**{**asdict(last)})
        copy.reference = copy.person = copy.outcome = None
        copy.start = side.start()
        day = date.fromisoformat(last.date) + timedelta(days=-1 if side.group("dir").lower() == "before" else 1)
        if day > today:
            return reports
        set_date(copy, DateReading(text=side.group(0), date=day, span=side.span()))
        return reports + [copy]
    m = re.search(r"\b(?:and\s+)?again\s+(?:on\s+)?", text[reports[-1].start:], re.I)
    if not m:
        return reports
    at = reports[-1].start + m.end()
    later = dates.LATER.match(text, at)
    if later is None:
        return reports
    last = reports[-1]
    before = DateReading(text=last.date_text or "", date=date.fromisoformat(last.date), approximate=last.approximate,
                         earliest=date.fromisoformat(last.earliest), latest=date.fromisoformat(last.latest))
    reading = dates.later_than(before, later, today)
    if reading is None:
        return reports
    copy = ToldReport(**{**asdict(last)})
    copy.reference = copy.person = copy.outcome = None
    copy.start = at
    set_date(copy, reading)
    return reports + [copy]


def _refined(reports: List[ToldReport], text: str) -> List[ToldReport]:
    """ "rang the housing in the summer hols, mid august": one report, its date said and then narrowed, not two."""
    out: List[ToldReport] = []
    for report in reports:
        before = out[-1] if out else None
        if before is not None and before.approximate and before.date and report.date and \
                report.organisation == before.organisation and before.date_text and report.date_text and \
                before.earliest <= report.earliest and report.latest <= before.latest and \
                (before.earliest, before.latest) != (report.earliest, report.latest):
            at = text.lower().find(before.date_text.lower())
            then = text.lower().find(report.date_text.lower(), at + len(before.date_text)) if at >= 0 else -1
            if then >= 0 and re.fullmatch(r"[\s,;:(-]*(?:(?:around|about|roughly|like|maybe|i think|so|well|"
                                          r"or so|specifically|exactly)[\s,]*)*(?:in |on |at )?",
                                          text[at + len(before.date_text):then], re.I):
                for key in ("reference", "person", "outcome", "reporter", "incident_date", "incident_date_text"):
                    if getattr(report, key) is None:
                        setattr(report, key, getattr(before, key))
                report.start = before.start
                out[-1] = report
                continue
        out.append(report)
    return out


def after_report(text: str, before: Optional[Mapping[str, Any]], today: date) -> Optional[DateReading]:
    """ "2 weeks later", told in the message after the report it counts from: the date it means, or None."""
    m = dates.LATER.search(text or "")
    if m is None or not before or not before.get("date"):
        return None
    reading = DateReading(text=before.get("date_text") or "", date=date.fromisoformat(before["date"]),
                          approximate=bool(before.get("approximate")),
                          earliest=date.fromisoformat(before.get("earliest") or before["date"]),
                          latest=date.fromisoformat(before.get("latest") or before["date"]))
    return dates.later_than(reading, m, today)


_ALSO_TOLD_THEM = re.compile(
    r"(?:\band\b|,|\bthen\b|\bplus\b)\s+(?P<who>[A-Za-z][\w'\u2019. ]{0,40}?)\s+(?:also\s+|separately\s+|too\s+|then\s+|"
    r"has\s+|had\s+)*(?:rang|rung|called|phoned|emailed|e-mailed|reported|contacted|told)\s+(?:them|it|in|the same "
    r"(?:people|number|team|place|ones?))\b(?P<rest>[^.;]*)", re.I)


def _someone_else_too(reports: List[ToldReport], text: str, today: date) -> List[ToldReport]:
    """ "dave at 31 rang the police a fortnight ago and his wife lisa rang them separately the same night": a
    second person's report to the same place, on the same night unless a day of its own is said."""
    if not reports or not reports[-1].organisation:
        return reports
    last = reports[-1]
    m = _ALSO_TOLD_THEM.search(text, last.start)
    if m is None:
        return reports
    who = m.group("who").strip(" ,.")
    if _SELF.match(who) or re.match(r"(?:i|we|me|my|our)\b", who, re.I) or re.fullmatch(r"(?:they|he|she|it|we|i|you|them|then|also|so|but|who|which|that)", who,
                                        re.I) or (last.reporter and who.lower() == last.reporter.lower()):
        return reports  # "and they rang it in": the same report; "and I rang them again": told by _again_later
    copy = ToldReport(**{**asdict(last)})
    copy.reference = copy.person = copy.outcome = None
    copy.reporter = who
    copy.start = m.start("who")
    rest = m.group("rest")
    later = dates.LATER.search(rest)
    own = dates.read_date(rest, today) if rest.strip() and not re.search(r"\bsame (?:night|day|evening|time|"
                                                                          r"morning|week)\b|\bthat (?:night|day)\b",
                                                                          rest, re.I) else None
    if later is not None and last.date:
        reading = dates.later_than(DateReading(text=last.date_text or "", date=date.fromisoformat(last.date),
                                               approximate=last.approximate,
                                               earliest=date.fromisoformat(last.earliest),
                                               latest=date.fromisoformat(last.latest)), later, today)
        if reading is not None:
            set_date(copy, reading)
    elif own is not None and own.ok:
        set_date(copy, own)
    return reports + [copy]


def _later_dates(reports: List[ToldReport], text: str, today: date) -> None:
    """ "the RSPCA in October, and the council the week after": a date counted from the report before."""
    for prev, report in zip(reports, reports[1:]):
        if not prev.date:
            continue
        nxt = next((r.start for r in reports if r.start > report.start), len(text))
        m = dates.LATER.search(text, prev.start, nxt)
        if m is None or m.start() < _clause_start(text, report.start) - 40:
            continue
        # no date of its own, or only the weekday of "the following Tuesday"
        if (report.date or report.date_problem) and not (report.date_text and
                                                         report.date_text.lower() in m.group(0).lower()):
            continue
        before = DateReading(text=prev.date_text or "", date=date.fromisoformat(prev.date),
                             approximate=prev.approximate, earliest=date.fromisoformat(prev.earliest),
                             latest=date.fromisoformat(prev.latest))
        reading = dates.later_than(before, m, today)
        if reading is not None:
            set_date(report, reading)


_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr"}


def _one_per_person(reports: List[ToldReport], text: str) -> List[ToldReport]:
    """ "Mrs Ibrahim, Mr and Mrs Lowe and Callum at 2a all rang the council": one report each."""
    out: List[ToldReport] = []
    group = re.search(r"^(?P<who>[^.;!?]{3,150}?)\s+(?:have\s+|had\s+)?(?:all|both|each)\s+(?:\w+\s+)?"
                      r"(?:rang|rung|called|phoned|emailed|told|reported|contacted|wrote|complained|made)\b",
                      text[_sentence_start(text, reports[0].start):] if reports else "", re.I)
    if group and re.search(r"\b(?:rang|rung|called|phoned|emailed|told|reported|contacted|wrote|that'?s|thats|that "
                           r"is|it'?s|its|cad|ref)\b|\d{4,}|\d/\d", group.group("who"), re.I):
        group = None  # "rang the police, CAD 0117/21NOV, thats all i wrote down": not a list of people
    for report in reports:
        who = group.group("who") if group else (report.reporter or "")
        if not re.search(r",|\band\b|&", who) or not re.search(r"\b(?:all|both|each|separately|as well)\b", text, re.I):
            out.append(report)
            continue
        who = re.sub(r"\s+(?:all|both|each|each of them|separately)$", "", who, flags=re.I)
        parts = [p.strip(" ,.") for p in re.split(r",\s*(?:and\s+)?|\s+(?:and|&)\s+", who) if p.strip(" ,.")]
        people: List[str] = []
        skip = False
        for i, part in enumerate(parts):
            if skip:
                skip = False
                continue
            if part.lower() in _TITLES and i + 1 < len(parts) and len(parts[i + 1].split()) >= 2:
                people.append(f"{part} and {parts[i + 1]}")  # "Mr and Mrs Lowe": one household, one report
                skip = True
            else:
                people.append(part)
        if len(people) < 2:
            out.append(report)
            continue
        for person in people:
            copy = ToldReport(**{**asdict(report)})
            copy.reporter = "the applicant" if _SELF.match(person) else person
            if copy.person and set(copy.person.lower().split()) & set(who.lower().split()):
                copy.person = None  # a name from the list of people, not someone they dealt with
            out.append(copy)
    return out


def _sentence_start(text: str, at: int) -> int:
    # "Mrs Rahimi at no. 12 rang ...", "Mr. Singh": an abbreviation's dot does not end the sentence
    ends = [m.end() for m in re.finditer(r"(?<!\bno)(?<!\bNo)(?<!\bNO)(?<!\bMr)(?<!\bDr)(?<!\bMrs)(?<!\bSt)[.;!?]\s*",
                                         text[:at])]
    return ends[-1] if ends else 0


def _cad_days(reports: List[ToldReport], today: date) -> None:
    """ "Last week I rang 101 and got CAD 2290/17NOV": the CAD number says the day."""
    for report in reports:
        m = _CAD_DAY.match(report.reference or "")
        if not m or m.group("month").lower()[:3] not in MONTHS:
            continue
        if not m.group("cad") and report.category != "police":
            continue  # "6631/11NOV" without "CAD" is a police log number only when told to the police
        result = _day_month(int(m.group("day")), MONTHS[m.group("month").lower()[:3]], None, today)
        if result.problem or result.day is None:
            continue
        day = result.day.isoformat()
        if report.date is None and report.date_problem is None or \
                report.approximate and report.earliest and report.latest and report.earliest <= day <= report.latest:
            report.date = report.earliest = report.latest = day
            report.approximate = False
            report.date_text = report.date_text or report.reference
