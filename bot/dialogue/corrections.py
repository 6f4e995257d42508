"""Corrections in words at the summary: change exactly the item meant, lose nothing else.

    "the second report was on the 4th"        -> report 2's date
    "remove the MP one"                        -> report 3 (the one to the MP) removed
    "the first one was to the council not the police" -> report 1's organisation
    "the reference for report 1 is CAD 123"    -> report 1's reference
    "I also rang the police yesterday"          -> a new report added
    "my phone number is 07700 900123"           -> contact phone
    "it's happening on Oak Road"                -> where

`read_correction` returns the slot updates and a sentence saying what changed,
or a `CorrectionProblem` with a question when it cannot tell what was meant.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Dict, List, Mapping, Optional, Union

from bot.dialogue import answers
from bot.rules.dates import format_day, read_date
from bot.dialogue.language import ReportReader
from bot.dialogue.reports import ToldReport, read_reports, set_date
from bot.rules.organisations import normalise

_ORDINAL_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                  "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
                  "ninth": 9, "9th": 9, "tenth": 10, "10th": 10}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10}
_REMOVE = re.compile(r"\b(?:remove|delete|take out|take off|get rid of|drop|scrap|cross out|forget|"
                     r"ignore|don'?t include|leave out|cancel)\b", re.I)
_ADD = re.compile(r"\b(?:add|forgot|also|another report|one more|missed (?:one|a report))\b", re.I)


@dataclass(frozen=True)
class Correction:
    updates: Dict[str, Any]
    said: str


@dataclass(frozen=True)
class CorrectionProblem:
    message: str


Result = Union[Correction, CorrectionProblem, None]


def _explicit_target(text: str, reports: List[Dict[str, Any]]) -> Union[int, CorrectionProblem, None]:
    """A report named by number or position: "report 2", "the second one", "the last one"."""
    t = text.lower()
    # "no. 2" is a report only said on its own: "the party at no 22" is a house
    m = re.search(r"\b(?:report|number)\s*(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\b|#\s*(\d{1,2})\b", t) or \
        re.fullmatch(r"\W*(?:the\s+)?no\.?\s*()(\d{1,2})\W*", t)
    if m:
        said = m.group(1) or m.group(2)
        n = int(said) if said.isdigit() else _NUMBER_WORDS[said]
        return _index(n, reports)
    m = re.search(r"\b(" + "|".join(_ORDINAL_WORDS) + r")\s+(?:one|report|time|call|complaint)\b", t) or \
        re.search(r"\bthe\s+(" + "|".join(w for w in _ORDINAL_WORDS if w.isalpha()) + r")\b(?!\s+of\b)", t)
    # ("on the 9th" is a date, not report 9; "the second" is a report)
    if m:
        return _index(_ORDINAL_WORDS[m.group(1)], reports)
    if re.search(r"\b(?:last|latest|final|most recent)\s+(?:one|report)\b|\bthe last\b", t):
        return len(reports) - 1 if reports else None
    return None


def _named_target(text: str, reports: List[Dict[str, Any]], reader: ReportReader,
                  today: date) -> Union[int, CorrectionProblem, None]:
    """A report named by who it was made to: "the MP one", "the barnet homes report"; when several were made
    there, the one with the reference said, or the one nearest the date said (a report told again to put its
    date right), else asked, each with its date."""
    for _start, _end, match in reader.orgs.find(text):
        hits = [i for i, r in enumerate(reports) if _same_organisation(r, match)]
        if len(hits) > 1:
            return _one_of(text, hits, reports, reader, today)
        if hits:
            return hits[0]
    return None


def _one_of(text: str, hits: List[int], reports: List[Dict[str, Any]], reader: ReportReader,
            today: date) -> Union[int, CorrectionProblem]:
    reading = reader.read(text, today)
    if reading.reference:
        same = [i for i in hits if normalise(reports[i].get("reference") or "") == normalise(reading.reference)]
        if len(same) == 1:
            return same[0]
    if reading.date is not None and reading.date.ok:
        said = reading.date.date
        near = sorted((abs((date.fromisoformat(reports[i]["date"]) - said).days), i) for i in hits
                      if reports[i].get("date"))
        if near and near[0][0] <= 14 and (len(near) == 1 or near[1][0] > near[0][0]):
            return near[0][1]
    options = " or ".join(f"report {i + 1} ({_described(reports[i])})" for i in hits)
    return CorrectionProblem(f"There is more than one report like that. Which one do you mean: {options}? "
                             f"You can say its number, like \"report {hits[0] + 1}\".")


def _described(report: Mapping[str, Any]) -> str:
    who = report.get("say") or report.get("organisation") or "a report"
    return f"{who}, {format_day(date.fromisoformat(report['date']))}" if report.get("date") else who


def _same_organisation(report: Mapping[str, Any], match) -> bool:
    said, org = normalise(match.said), normalise(report.get("organisation") or "")
    if said and (said == org or f" {said} " in f" {org} "):
        return True
    # "the police one" is any report to the police
    return match.category not in (None, "other") and report.get("category") == match.category


def _index(n: int, reports: List[Dict[str, Any]]) -> Union[int, CorrectionProblem]:
    if 1 <= n <= len(reports):
        return n - 1
    return CorrectionProblem(f"There {'is' if len(reports) == 1 else 'are'} {len(reports)} "
                             f"report{'s' if len(reports) != 1 else ''}, so I can't find report {n}. "
                             "Which one do you mean?")


def read_correction(text: str, state: Mapping[str, Any], reader: ReportReader, today: date) -> Result:
    text = (text or "").strip()
    if not text:
        return None
    # "the second report was on 1 October not 30 September": the wrong one said too, and not to be read
    right = re.sub(r",?\s*\b(?:not|rather than|instead of)\s+(?!right\b|correct\b|sure\b)(?:on\s+)?[^,.;!?]*", "",
                   text, flags=re.I).strip()
    if re.search(r"[A-Za-z0-9]{2}", right):
        text = right
    reports = [dict(r) for r in (state.get("reports") or [])]

    contact = _contact_change(text, state)
    if contact:
        return contact

    target = _explicit_target(text, reports)
    if isinstance(target, CorrectionProblem):
        return target
    adding = target is None and _ADD.search(text) and not _REMOVE.search(text)
    if target is None and not adding:
        target = _named_target(text, reports, reader, today)
        if isinstance(target, CorrectionProblem):
            return target

    if _REMOVE.search(text):
        if target is None:
            return CorrectionProblem("Which report should I remove? You can say, for example, \"remove report 2\".")
        removed = reports.pop(target)
        if not reports:
            return CorrectionProblem("That would leave no reports at all. If you want to start again, say "
                                     "\"start again\".")
        return Correction({"reports": reports},
                          f"I've removed report {target + 1} ({removed.get('organisation')}).")

    if adding:
        # read as any report is ("101 gave me incident number 5563 of 14/10"), every one told
        told = [r for r in read_reports(text, today, reader).reports if r.organisation and r.date]
        if told:
            said = []
            for report in told:
                report.reporter = report.reporter or (reports[-1].get("reporter") if reports else None)
                report.details_asked = True
                record = report.record()
                record.pop("start", None)
                record.pop("date_problem", None)
                reports.append(record)
                said.append(f"report {len(reports)}: {report.say or report.organisation}, "
                            f"{format_day(date.fromisoformat(report.date))}")
            return Correction({"reports": reports}, f"I've added {' and '.join(said)}.")
        reading = reader.read(text, today)
        if reading.date and reading.date.problem:
            return CorrectionProblem(reading.date.message)
        return CorrectionProblem("To add a report, tell me who it was made to and when, for example \"I also "
                                 "rang the police on 3 March\".")

    if target is not None:
        return _report_change(text, target, reports, reader, today)

    problem = _problem_change(text)
    if problem:
        return problem
    # a report told again, or one forgotten ("I also rang the police on 3 March"): added unless it is there
    reading = reader.read(text, today)
    if reading.organisation and reading.organisation.category and reading.date and reading.date.ok:
        day = reading.date.date.isoformat()
        if any(r.get("category") == reading.organisation.category and r.get("date") == day for r in reports):
            return Correction({}, "That report is already on the application.")
        told = ToldReport(organisation=reading.organisation.said, category=reading.organisation.category,
                          say=reading.organisation.say, reference=reading.reference, person=reading.person,
                          reporter=reports[-1].get("reporter") if reports else None, details_asked=True)
        set_date(told, reading.date)
        reports.append(told.record())
        return Correction({"reports": reports}, f"I've added report {len(reports)}: {reading.organisation.say}, "
                                                f"{format_day(reading.date.date)}.")
    return None


def _report_change(text: str, i: int, reports: List[Dict[str, Any]], reader: ReportReader, today: date) -> Result:
    report = reports[i]
    label = f"report {i + 1}"
    reading = reader.read(text, today)
    lower = text.lower()
    changed = []

    # Organisation: one named that is not the one used to pick the report,
    # and not after "not" ("to the council not the police").
    orgs = [o for s, _e, o in reader.orgs.find(text)
            if not re.search(r"\bnot\s+(?:the\s+|my\s+|a\s+)?$", text[:s].lower())]
    new_orgs = [o for o in orgs if not _same_organisation(report, o)]
    if new_orgs and re.search(r"\b(?:to|was|with|it was|not)\b", lower):
        org = new_orgs[0]
        report["organisation"] = org.said
        report["category"] = org.category
        report["say"] = org.say
        report["ambiguous"] = org.ambiguous
        changed.append(f"made to {org.say}")

    if reading.date is not None and re.search(r"\b(?:on|was|date|dated|in|around|at)\b", lower) or \
            (reading.date is not None and not changed and not reading.reference):
        if not reading.date.ok:
            return CorrectionProblem(reading.date.message or "I couldn't read that date.")
        told = ToldReport()
        set_date(told, reading.date)
        for key in ("date", "earliest", "latest", "approximate", "date_text"):
            report[key] = getattr(told, key)
        changed.append(("around " if reading.date.approximate else "on ") + format_day(reading.date.date))

    if re.search(r"\b(?:ref|reference|case number|crime number|cad|incident number)\b", lower):
        ref = reading.reference or _after_is(text)
        if ref:
            report["reference"] = ref
            changed.append(f"reference {ref}")
    if re.search(r"\b(?:spoke to|dealt with|officer|person was|name was|called)\b", lower) and reading.person:
        report["person"] = reading.person
        changed.append(f"dealt with {reading.person}")

    if not changed:
        return CorrectionProblem(f"What should I change about {label}? For example its date (\"{label} was on "
                                 f"the 4th\"), who it was made to, or its reference number.")
    reports[i] = report
    return Correction({"reports": reports}, f"I've changed {label}: {', '.join(changed)}.")


def _after_is(text: str) -> Optional[str]:
    m = re.search(r"\b(?:is|was|should be)\s+([A-Za-z0-9/\- ]{3,40})$", text.strip(" ."))
    return m.group(1).strip() if m else None


def _contact_change(text: str, state: Mapping[str, Any]) -> Optional[Correction]:
    lower = text.lower()
    reading = answers.read_contact(text)
    if re.search(r"\b(?:phone|mobile|number|tel)\b", lower) and reading.phone:
        return Correction({"contact_phone": reading.phone}, f"I've changed your phone number to {reading.phone}.")
    if reading.email and re.search(r"\b(?:my|the|your) e-?mail\b|\be-?mail (?:address )?(?:is|should be|was)\b|"
                                   r"^\W*[\w.+-]+@[\w.-]+\W*$", lower):
        return Correction({"contact_email": reading.email}, f"I've changed your email address to {reading.email}.")
    if re.search(r"\b(?:address|live at)\b", lower) and reading.address:
        return Correction({"contact_address": reading.address, "contact_postcode": reading.postcode},
                          f"I've changed your address to {reading.address}.")
    m = re.search(r"\bmy name(?:'s| is)? (?:wrong|not right|spelt wrong|misspelt)\W+(?:it'?s|it should be|should be|"
                  r"it is)\s+(.+)$|\bmy name(?:'s| is)\s+(?!wrong|not right)(.+)$|\bname should be\s+(.+)$|"
                  r"\bit'?s spelt\s+(.+)$", text, re.I)
    if m:
        name = answers.read_name(next(g for g in m.groups() if g))
        if name.name:
            return Correction({"applicant_name": name.name}, f"I've changed your name to {name.name}.")
    if re.search(r"\b(?:contact|call|reach|prefer|preferred)\b.*\b(?:by|to|as)\b|\bprefer(?:red|ence)?\b|\binstead\b",
                 lower):
        method = answers.choose(text, answers.CONTACT_METHODS)
        if method:
            return Correction({"preferred_contact": method},
                              f"I've changed how they'll contact you to {method if method != 'post' else 'letter'}.")
    if answers.CONTACT_WISH.search(text):
        # "don't ring between 5 and 8": kept with what they said before, unless that was only "no" or "that's fine"
        before = (state.get("contact_notes") or "").strip()
        plain = not before or answers.yes_no_loose(before) is not None and len(before.split()) <= 4
        notes = text.strip() if plain else f"{before.rstrip('. ')}. {text.strip()}"
        return Correction({"contact_notes": notes}, f"I've added that to how to contact you safely: \"{text.strip()}\".")
    return None


def _problem_change(text: str) -> Optional[Correction]:
    m = re.search(r"\b(?:it'?s (?:happening )?(?:at|on|in)|the (?:address|location|place) (?:is|was)|"
                  r"where (?:is|it'?s))\s+(.+)$", text, re.I)
    if m:
        return Correction({"asb_location": m.group(1).strip(" .")}, f"I've changed where it happens to "
                                                                     f"{m.group(1).strip(' .')}.")
    m = re.search(r"\b(?:it )?(?:started|began|has been going on since)\s+(.+)$", text, re.I)
    if m:
        return Correction({"asb_since": m.group(1).strip(" .")}, f"I've changed when it started to "
                                                                 f"{m.group(1).strip(' .')}.")
    return None

