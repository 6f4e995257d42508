"""Judging each conversation by its outcome.

- Eligible (by the oracle): a draft exists for this sender with decision.eligible
  true, and its fields are what the resident said: route, number of reports, each
  report's organisation category and date (a date inside the period for a vague
  one), references, applicant name, phone / email, on_behalf and relationship,
  victim type, ongoing_complaint false, problem_continuing true (and a correction
  made at the summary is applied).
- Not eligible: no draft, and the last replies give the expected contacts.
- Everywhere: no loop (the same question three times in a row), an exclusion said
  in the opening answered (its contacts given) within 2 replies, danger mid-form
  answered with 999 in the very next reply, the conversation finished.

Each failure is a (reason, detail) pair; reasons are short and fixed, so they add up.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Dict, List, Optional, Sequence, Tuple

from . import oracle, questions
from .runner import Conversation

TODAY = date(2026, 11, 26)
LOOP_LENGTH = 3
SIGNPOST_NAMES = {"999": "999", "101": "101", "housing": "the housing office", "cst": "the Community Safety Team"}


@dataclass
class Verdict:
    expected: str                          # the oracle's outcome
    outcome_right: bool
    failures: List[Tuple[str, str]] = field(default_factory=list)
    loop: bool = False
    turns: int = 0
    exclusion_answered: Optional[bool] = None
    danger_answered: Optional[bool] = None
    unrecognised: int = 0

    @property
    def right(self) -> bool:
        return not self.failures


def judge(c: Conversation) -> Verdict:
    s = c.scenario
    decision = s.expected(TODAY)
    rules = s.rules
    v = Verdict(decision.outcome, False, turns=c.resident_turns,
                unrecognised=c.resident.unrecognised if c.resident else 0)
    fail = v.failures.append
    replies = [t for t in c.turns if t.reading is not None]

    # Finished?
    if c.end == "error":
        fail(("error", c.turns[-1].error or ""))
    elif c.end in ("turn_cap", "loop", "stuck"):
        fail(("did not finish", f"ended by {c.end} after {c.resident_turns} messages"))

    # Loops: the same question three times in a row (asking again after the resident's own
    # interruption is resuming, not repeating).
    keys = [questions.question_key(t.reading) for t in replies if not t.said.invites_repeat]
    run = 1
    for a, b in zip(keys, keys[1:]):
        run = run + 1 if a and a == b else 1
        if run >= LOOP_LENGTH:
            v.loop = True
            fail(("loop", f"asked {LOOP_LENGTH} times in a row: {a!r}"))
            break

    # Exclusion said in the opening: its contacts within 2 replies.
    # (only what ends the check for this council: "it has stopped" does not, where continuing is not required)
    if s.exclusion_in_opening and s.exclusion_in_opening in rules.exclusions():
        needed = set(oracle.SIGNPOSTS[s.exclusion_in_opening])
        given = set()
        for t in c.turns[:2]:
            given |= questions.signposts_in(_text(t.replies), rules)
        v.exclusion_answered = needed <= given
        if not v.exclusion_answered:
            fail(("exclusion not answered within 2 replies",
                  f"{s.exclusion_in_opening}: missing {', '.join(SIGNPOST_NAMES[k] for k in sorted(needed - given))}"))

    # Danger mid-form: 999 in the very next reply.
    for t in c.turns:
        if t.said.event == "danger":
            ok = "999" in questions.signposts_in(_text(t.replies), rules)
            v.danger_answered = ok if v.danger_answered is None else (v.danger_answered and ok)
            if not ok:
                fail(("danger not answered with 999", t.said.shown))

    # The outcome.
    drafts = c.drafts
    if decision.eligible:
        if not drafts:
            fail(("no draft for an eligible case", f"ended by {c.end}"))
        elif len(drafts) > 1:
            fail(("several drafts", f"{len(drafts)} drafts"))
        else:
            d = drafts[0]
            if (d.get("decision") or {}).get("eligible") is not True:
                fail(("draft not eligible", _short((d.get("decision") or {}).get("reasons"))))
            else:
                v.outcome_right = True
            for f in check_draft(c, d, decision):
                fail(f)
    else:
        if drafts:
            fail(("draft written for an ineligible case", f"expected {decision.outcome}"))
        last = " ".join(_text(t.replies) for t in c.turns[-3:])
        given = questions.signposts_in(last, rules)
        missing = [k for k in decision.signposts if k not in given]
        if missing:
            fail(("contacts missing", f"{decision.outcome}: no {', '.join(SIGNPOST_NAMES[k] for k in missing)}"))
        if not drafts and not missing and c.end == "final":
            v.outcome_right = True
    return v


# -- the draft's fields -----------------------------------------------------------------------
def check_draft(c: Conversation, d: Dict, decision: oracle.Decision) -> List[Tuple[str, str]]:
    s = c.scenario
    r = c.resident
    out: List[Tuple[str, str]] = []
    dec = d.get("decision") or {}
    route = d.get("route") or dec.get("route")
    if route != decision.route:
        out.append(("wrong route", f"{route} (expected {decision.route})"))
    if d.get("ongoing_complaint") is not False:
        out.append(("ongoing_complaint not false", repr(d.get("ongoing_complaint"))))
    if d.get("problem_continuing") is not s.continuing:
        # (always true where the council requires it; recorded as told where it does not)
        out.append(("problem_continuing not as told", f"{d.get('problem_continuing')!r} (told {s.continuing})"))

    # Reports: as many as told (after corrections), each matched by category and date.
    expected = r.conveyed_reports() if r else []
    got = _draft_reports(d)
    if len(got) != len(expected):
        out.append(("wrong number of reports", f"{len(got)} in the draft, {len(expected)} told"))
    unused = list(range(len(got)))
    for t in expected:
        rep = t.report
        match = next((i for i in unused if got[i]["category"] == rep.organisation and _date_fits(got[i]["date"], rep)),
                     None)
        if match is None:
            want = rep.date or f"{rep.date_range[0]}..{rep.date_range[1]}" if rep.date or rep.date_range else "?"
            out.append(("report missing or wrong (organisation/date)", f"{rep.organisation} {want}"))
            continue
        unused.remove(match)
        if t.reference and not _same_reference(t.reference, got[match]["reference"]):
            out.append(("reference missing or wrong", f"{t.reference!r} -> {got[match]['reference']!r}"))
        elif not t.reference and got[match]["reference"]:
            out.append(("reference missing or wrong", f"none given -> {got[match]['reference']!r}"))

    # Applicant and victim.
    a = d.get("applicant") or {}
    name = s.answers["applicant_name"].means
    if not _name_in(name, a.get("name")):
        out.append(("applicant name", f"{a.get('name')!r} (expected {name!r})"))
    for channel, value in (s.contact or {}).items():
        have = a.get(channel)
        if channel == "phone" and _digits(have) not in (_digits(value), _digits(s.contact.get("phone_or"))):
            out.append(("phone/email", f"phone {have!r} (expected {value})"))
        if channel == "email" and (have or "").strip().lower() != value.lower():
            out.append(("phone/email", f"email {have!r} (expected {value})"))
    on_behalf = s.applying_for == "someone_else"
    if bool(a.get("on_behalf")) != on_behalf:
        out.append(("on_behalf", f"{a.get('on_behalf')!r} (expected {on_behalf})"))
    rel = _relationship(a.get("relationship"))
    want_rel = s.relationship if on_behalf else "self"
    if rel != want_rel:
        out.append(("relationship", f"{a.get('relationship')!r} (expected {want_rel})"))
    vtype = _victim_type((d.get("victim") or {}).get("type"))
    if vtype != s.victim_type:
        out.append(("victim type", f"{(d.get('victim') or {}).get('type')!r} (expected {s.victim_type})"))

    # A correction at the summary.
    corr = s.events.get("correction")
    if corr:
        if "correction" not in (r.events_done if r else set()):
            out.append(("correction not made (no summary)", corr["kind"]))
        elif corr["kind"] == "preferred_contact" and "email" not in str(a.get("preferred_contact") or "").lower():
            out.append(("correction not applied", f"preferred contact {a.get('preferred_contact')!r}"))
    return out


def _draft_reports(d: Dict) -> List[Dict]:
    reports = d.get("reports") or []
    decided = (d.get("decision") or {}).get("reports") or []
    out = []
    for i, rep in enumerate(reports):
        dec = decided[i] if i < len(decided) else {}
        category = rep.get("organisation_category") or dec.get("organisation") or rep.get("organisation")
        out.append({"category": category, "date": rep.get("date") or dec.get("date"),
                    "reference": rep.get("reference") or dec.get("reference")})
    return out


def _date_fits(value, rep) -> bool:
    if not value:
        return False
    try:
        got = date.fromisoformat(str(value)[:10])
    except ValueError:
        return False
    if rep.date:
        return got == date.fromisoformat(rep.date)
    if rep.date_range:
        return date.fromisoformat(rep.date_range[0]) <= got <= date.fromisoformat(rep.date_range[1])
    return False


def _norm_ref(x) -> str:
    return re.sub(r"[^A-Z0-9]", "", str(x or "").upper())


def _same_reference(expected: str, got) -> bool:
    e, g = _norm_ref(expected), _norm_ref(got)
    if not g:
        return False
    return e == g or (len(g) >= 4 and (g in e or e in g))


def _fold(text) -> str:
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9' -]", " ", text.lower()).split())


def _name_in(expected: str, got) -> bool:
    """Every word of the name as given, in any order ("O'Sullivan, Bridget" is Bridget O'Sullivan)."""
    if not got:
        return False
    have = set(_fold(got).replace("-", " - ").split())
    return all(w in have for w in _fold(expected).replace("-", " - ").split())


def _digits(x) -> str:
    digits = re.sub(r"\D", "", str(x or ""))
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    if digits.startswith("00"):
        digits = digits[1:]
    return digits


RELATIONSHIPS = [("self", r"^(self|myself|me|victim|applicant|the victim)$"), ("councillor", r"councillor|cllr"),
                 ("mp", r"\bmp\b|member of parliament"), ("carer", r"carer"),
                 ("family", r"family|relative|daughter|son|mother|father|mum|dad|wife|husband|partner|sister|brother|"
                            r"niece|nephew|grand|aunt|uncle|cousin"),
                 ("friend", r"friend"), ("other", r"other|neighbour|support worker|advocate|social worker|landlord|lodger")]


def _relationship(value) -> Optional[str]:
    if value in (None, ""):
        return "self"
    text = str(value).lower().strip()
    for name, pattern in RELATIONSHIPS:
        if re.search(pattern, text):
            return name
    return text


def _victim_type(value) -> Optional[str]:
    text = str(value or "").lower()
    if re.search(r"business|company|shop", text):
        return "business"
    if re.search(r"community|group|organisation", text):
        return "community_group"
    if re.search(r"individual|person|people|resident", text):
        return "individual"
    return text or None


def _text(replies: Sequence[Dict]) -> str:
    return "\n".join((m.get("text") or "") for m in replies)


def _short(x) -> str:
    return (" ".join(x) if isinstance(x, list) else str(x or ""))[:160]
