"""Reading the assistant: what it is asking, which buttons mean what, and what it said.

ALL the simulator's knowledge of the assistant's wording lives in this module, in
the tables below, so that when the dialogue is reworded only this file changes.
Questions are recognised by meaning with generous keywords, never by exact
sentences. Everything else (the resident, the judge) works on a ``Reading``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Dict, List, Optional, Sequence, Set, Tuple

# -- 1. What is being asked ------------------------------------------------------------------
# (kind, pattern) in order: the first kind whose pattern matches the question line wins,
# so the more specific come first. Kinds are the resident's answer kinds (phrase bank
# 'answers' keys) plus: report (tell me about a report), report_organisation,
# report_date, report_reporter, victim_name, in_barnet, confirm_readback (is that right?),
# carry_on (after danger), offer_check (shall we check if you can apply?).
QUESTIONS: List[Tuple[str, str]] = [
    ("change_what", r"what (would|do) you (like|want|need) to (change|correct)|what (should|shall) i change|"
                    r"which (part|bit|detail) (is wrong|to change)|tell me what to change\.?$"),
    ("summary_confirmation", r"everything (correct|right)|(is|are) (all )?(these|the) details (correct|right)|"
                             r"check (it|this|these|everything|the details|your answers)|anything (to|you'd like to) change"),
    ("confirm_readback", r"got (those|these) reports right|\bis (that|this|it) (all )?(right|correct)\b|did i get (that|this|it) right|"
                         r"have i got (that|this|it) right|^(is )?(that|this) (right|correct)\?"),
    ("asb_description_continuing", r"what is happening,? and is it still (going on|happening)"),
    ("carry_on", r"carry on|when you('re| are) safe|continue (from|where)|pick up where"),
    ("danger_now", r"\bin danger\b|\bsafe (right )?now\b|are you safe|anyone (hurt|at risk) right now"),
    ("asb_too", r"also anti-social behaviour|apart from the crime|problem that keeps happening"),
    ("offer_check", r"would you like to (check|apply|start|see if)|check (whether|if) you can|shall (we|i) (start|begin|check)|"
                    r"want to (check|apply|see if)|ready to (start|begin)"),
    ("report_same", r"same report as report \d|told me about this report already|one of the times you told me about"),
    ("report_organisation", r"landlord the council|which kind of organisation|(council|police|housing (association|provider)),? (or )?(someone|somebody|anyone) else\?"),
    ("applying_for", r"happening to you, or are you helping|is it for yourself|for yourself|\byou(rself)?\b,? or (for )?someone|(applying|asking|doing this|apply) for someone else|"
                     r"(who|whom) is (this|the) application for|who are you asking for|or are you helping someone|"
                     r"on behalf of (someone|another)|who (is|are) (this|you applying|the application) for"),
    ("relationship", r"how do you know (the person|them)|how are you connected|who they'?re talking to|how do you know (them|him|her)|relationship|who are you to|your connection|"
                     r"(are you|you are) (their|his|her) "),
    ("victim_consent", r"said it'?s ok for you to apply|only apply for another person if|have they agreed|(know|agree|consent|permission|ok with|happy for).{0,60}(apply|applying|application).{0,20}"
                       r"(for|on behalf of) (them|him|her)|(do|does|did) (they|he|she) (know|agree|consent)|"
                       r"their (consent|permission|agreement)|victim('s)? (consent|agree)|agree to (you )?(applying|this application)"),
    ("consent_to_share", r"^do you agree\?|\bshare\b|\bsharing\b|partnership|agree to (this|that)\?"),
    ("report_reporter", r"who made this report|who (made|reported) (it|this|that|the report)|who was it (that|who) reported|"
                        r"name of the (first|next|other|second|third|fourth|fifth) (person|people|individual|neighbour)|"
                        r"(person|people|individual|neighbour)s? who reported|describe them"),
    ("route", r"your own reports, or (5|five)|two ways to qualify|(5|five) or more|(5|five) (different )?(people|individuals)|own reports|reported it yourself|"
              r"(you|they) reported it,? or"),
    ("another_report", r"has a \w+ person reported|is there another report|if there.s another report|another time|any other (time|report)|reported it again|any more reports|more reports|"
                       r"(has|have|did) (anyone|anybody|someone) else report|anyone else (who )?reported|"
                       r"other reports?\b.*\?|another report|report(ed)? it (any|some) other"),
    ("report", r"tell me about one report|who was it reported to, and when|tell me about the (first|next|other|second|third|last)|(first|next|other) time (you|they|he|she|it was) "
               r"report|tell me about (the|each|your|their|his|her) report|tell me about .{0,60}'s report|"
               r"describe (the|your) (first|next)? ?report|what (did|was) (they|he|she|the) report|"
               r"who (you|they|he|she) told,? when"),
    ("report_details", r"reference|crime number|incident number|\bref\b|\bcad\b|name of (the )?(person|officer) (you|who) "
                       r"(dealt|spoke|talked)|who you (dealt|spoke|talked) (with|to)|officer'?s name|type it here"),
    ("victim_name", r"type the name of the person affected|(what is|what's) (their|his|her|the (person|victim|business|group|organisation)'?s?) name|"
                    r"name of the (person|victim|business|group|organisation)|who is affected|(their|his|her) (full )?name"),
    ("victim_type", r"choose \"a person\"|\bbusiness\b|community group|\bindividual\b|a person or"),
    ("ongoing_complaint", r"complaint"),
    ("report_outcome", r"what happened (after|next|then|when)|did anything happen after|what has been tried|(did|have) (they|anyone) (do|done)|what did they do|"
                       r"respon(d|se)|outcome"),
    ("report_organisation", r"which (housing association|housing provider|organisation|team|council|department|"
                            r"police|landlord|one)|who did (you|they) (report|tell|contact)|who was (it|that|this) "
                            r"(made )?to|who (did|was) .{0,30}report(ed)? (it )?to|report(ed)? it to\?|(which|what) "
                            r"organisation"),
    ("asb_location_since", r"where is it happening,? and (roughly )?when did it (start|begin)"),
    ("name_and_contact", r"your (own )?name.{0,40}(phone|email|number)"),
    ("asb_since", r"when did (it|this|the problem|the behaviour|the trouble) (start|begin)|how long has|since when|"
                  r"started when"),
    # a council that counts a report only if made soon after the incident asks when it happened
    ("report_incident", r"when did the incident (you|they|he|she) reported\b|same day (you|they|he|she) reported"),
    ("report_date", r"before or after \d|roughly when was it|when did the incident|when (did|was|were) (you|it|that|this|they|he|she)|what date|which (day|date|year|month)|"
                    r"roughly when|the date"),
    ("in_barnet", r"in (barnet|the borough)\b|barnet\?|inside barnet|^is (that|this|it|the place where it happens|"
                  r"the problem)( happening)? in [a-z]+\?|^(is|are) .{0,40}\bin [a-z]+\? if you'?re not sure"),
    ("vulnerability", r"at risk|vulnerab|disabilit|health condition|extra (help|support) because"),
    ("problem_continuing", r"still (happening|going on|continuing|ongoing)|has it stopped|(is|does) it (still )?carr(y|ies) on|"
                           r"happening now"),
    ("no_action_taken", r"no action|action (has|have|had) been taken|action was taken|nothing (has|had) been done|"
                        r"has anything been done|been done about"),
    ("applicant_name", r"your (own |full )*name|(what is|what's|may i have) your name|who am i (talking|speaking) to|"
                       r"name of the person applying"),
    ("contact_notes", r"anything (they|we|the team) should know|don.t call before|nothing like that, say no|contact you safely|times to avoid|voicemail|"
                      r"anything else about contacting"),
    ("preferred_contact", r"how would you (like|prefer)|prefer(red)?|best way|which way"),
    ("contact", r"postal address|phone number|email address|contact details|how (can|should|could) (they|we|the (team|community safety team)) "
                r"(contact|reach|get in touch)|number or (an )?email"),
    ("asb_impact", r"affect|impact"),
    ("asb_location", r"\bwhere\b|address|postcode|street|location"),
    ("asb_description", r"what is happening|what('s| is) (the problem|going on|been happening)|describe (the|what)|"
                        r"tell me (about|more about) (the|what)|what kind of (behaviour|problem|thing)|what (is|are) they doing"),
]

# A line that asks without a question mark ("Tell me about the first time ...").
PROMPT = re.compile(r"^(now,? )?(please,? )?(tell me|type|give|describe|enter|choose|say|let me know|write|pick)\b", re.I)

# Buttons by what pressing them means, per question kind (checked against the title).
BUTTONS: Dict[str, Dict[str, str]] = {
    "_yes_no": {"yes": r"^(yes|yeah|i agree|correct)\b", "no": r"^no\b", "unsure": r"not sure|don't know"},
    "danger_now": {"yes": r"^yes", "no": r"^no\b|i'?m safe|nobody"},
    "offer_check": {"yes": r"check|apply|start|^yes|continue|carry on"},
    "carry_on": {"yes": r"carry on|continue|i'?m safe"},
    "applying_for": {"myself": r"myself|for me\b|^me$", "someone_else": r"someone else|on (their|somebody's) behalf"},
    "relationship": {"carer": r"carer", "family": r"family|relative", "friend": r"friend", "mp": r"\bmp\b",
                     "councillor": r"councillor", "neighbour": r"neighbour", "other": r"^other"},
    "victim_type": {"individual": r"person|individual|myself|^me$", "business": r"business",
                    "community_group": r"community|group"},
    "victim_consent": {"yes": r"^yes", "no": r"^no\b"},
    "route": {"own_reports": r"i reported|they reported|(my|their) own|reported it (myself|themselves)",
              "five_individuals": r"\b5\b|five|people|individuals"},
    "report_details": {"none": r"don't have|do not have|no reference|^no\b|none"},
    "report_outcome": {"nothing": r"nothing", "unknown": r"don't know|not sure", "still_waiting": r"waiting"},
    "report_organisation": {"police": r"police", "council": r"council", "housing_provider": r"housing",
                            "other": r"someone else|^other"},
    "in_barnet": {"yes": r"^yes", "no": r"^no\b", "unsure": r"not sure|don't know"},
    "vulnerability": {"no": r"^no\b", "prefer_not_to_say": r"prefer not"},
    "problem_continuing": {"yes": r"^yes|still", "no": r"^no\b|stopped"},
    "no_action_taken": {"yes": r"^yes|nothing (has been|was) done", "no": r"^no\b|action has been"},
    "consent_to_share": {"yes": r"^yes|i agree", "no": r"^no\b"},
    "preferred_contact": {"phone": r"phone|call", "text": r"text|sms", "email": r"e-?mail", "letter": r"letter|post"},
    "contact_notes": {"none": r"^no\b|nothing"},
    "summary_confirmation": {"yes": r"^yes|correct|looks right", "correction": r"change|wrong|not right|^no\b"},
    "confirm_readback": {"yes": r"^yes|correct|right", "no": r"^no\b|wrong|not right|change"},
    "ongoing_complaint": {"yes": r"^yes", "no": r"^no\b", "unsure": r"not sure"},
    "another_report": {"yes": r"^yes", "no": r"^no\b|that's all|that's everything"},
    "asb_too": {"yes": r"^yes", "no": r"^no\b"},
    "report_same": {"yes": r"^yes|same", "no": r"^no\b|different"},
    "report_incident": {"same_day": r"same day"},
}
# Buttons that end or leave rather than answer (a reply offering only these has asked nothing).
EXIT_BUTTONS = re.compile(r"start again|restart|stop|leave|exit|talk to (a|someone)|person|goodbye|no thanks|quit", re.I)
# A reply's buttons that say which kind is being asked when no line does.
BUTTON_KINDS = [("carry_on", r"^carry on$|^continue$"), ("offer_check", r"check if i can apply|start the check|^start$")]

# A question that offers the organisation categories to choose from ("the council, the police,
# a housing association, or someone else?").
CATEGORY_CHOICE = re.compile(r"council.{0,20}police.{0,40}(housing|someone else)|police.{0,20}council", re.I)
# The preferred way of contact in a summary line ("Preferred: phone call").
PREFERRED_LINE = re.compile(r"prefer[a-z]*\W+([^.\n]*)", re.I)
PREFERRED_WORDS = {"email": r"e-?mail", "text": r"\btext|sms", "phone": r"phone|call", "letter": r"letter|post"}

# -- 2. What the assistant said --------------------------------------------------------------
DRAFT_REFERENCE = [re.compile(r"\b(CT-\d{4}-\d+)\b"),
                   re.compile(r"(?:your|the application'?s?) reference (?:number )?is:?\s*\**([A-Z]{2,}[-/ ]?[0-9][0-9A-Z/-]+)", re.I)]
PROGRESS = re.compile(r"that'?s (\d+) (?:reports?|people|persons?|individuals?)\b|you have (\d+) reports?\b|"
                      r"(\d+) reports? so far", re.I)
# Contacts the judge looks for (keys as in oracle.SIGNPOSTS).
SIGNPOSTS = {
    "999": re.compile(r"\b999\b"),
    # 101 as advice ("call the police on 101", "report it to Barnet Police on 101, for police matters
    # that are not an emergency"), not a report read back ("Counts: the police on 101, 2 October").
    "101": re.compile(r"(call|ring|phone|contact|dial|tel\.?|telephone|report (it|this|them) to)\b[^.\n]{0,50}\b101\b|"
                      r"\b101\b[^.\n]{0,40}(non[- ]emergenc|not an emergency|less urgent)|"
                      r"(non[- ]emergenc|less urgent)[^.\n]{0,40}\b101\b", re.I),
    "housing": re.compile(r"housing (office|association|officer|provider)|social landlord|your landlord", re.I),
    "cst": re.compile(r"020\s?8359\s?2000|0208\s?359\s?2000"),
}
MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:,?\s+(\d{4}))?", re.I)
ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
# In a read-back, the words that name each organisation category.
CATEGORY_WORDS = {
    "police": r"police|\b101\b|\b999\b|\bmet\b|pcso|\bsnt\b|safer neighbourhood|officer",
    "council": r"council|environmental health|noise|asb team|community safety|\blbb\b",
    "housing_provider": r"housing|barnet homes|clarion|peabody|genesis|one housing|l&q|sanctuary|opendoor|home group|"
                        r"metropolitan thames|landlord",
}


@dataclass
class Reading:
    """What one reply of the assistant says and asks."""
    text: str
    buttons: List[Tuple[str, str]]        # (title, payload)
    kind: Optional[str]                   # what is asked (None: nothing recognised)
    question: str                         # the line that asks ('' if none)
    asks: bool                            # asks something (a question, a prompt or a choice)
    reference: Optional[str]              # a draft reference given
    signposts: Set[str]
    progress: Optional[int]
    dates: List[date] = field(default_factory=list)

    @property
    def final(self) -> bool:
        """The final answer: contacts given and nothing more asked (or only something the
        resident cannot place, like "anything else?", after the contacts)."""
        if self.signposts and not self.asks:
            return True
        return bool(self.signposts & {"101", "cst", "housing"}) and self.kind is None


def read(messages: Sequence[Dict], today: date, rules=None) -> Reading:
    texts = [m.get("text") or "" for m in messages]
    text = "\n".join(t for t in texts if t)
    buttons = [(b.get("title") or "", b.get("payload") or b.get("title") or "")
               for m in messages for b in (m.get("buttons") or [])]
    lines = [l.strip() for l in text.split("\n") if l.strip()]
    question = next((l for l in reversed(lines) if "?" in l), "")
    if not question:
        question = next((l for l in reversed(lines) if PROMPT.match(l)), "")
    kind = None
    if question:
        sentences = [s for s in re.split(r"(?<=[.?!])\s+", question) if s.strip()]
        asked = [s for s in sentences if "?" in s]
        kind = classify(asked[-1]) if asked else None
        if kind is None:
            kind = classify(question)
    if kind is None:
        for k, pattern in BUTTON_KINDS:
            if any(re.search(pattern, t, re.I) for t, _ in buttons):
                kind = k
                break
    if kind is None and question and buttons:
        kind = classify(question + " " + " ".join(t for t, _ in buttons))
    real_buttons = [b for b in buttons if not EXIT_BUTTONS.search(b[0])]
    asks = bool(question) or bool(real_buttons)
    reference = None
    for pattern in DRAFT_REFERENCE:
        m = pattern.search(text)
        if m:
            reference = m.group(1)
            break
    progress = None
    m = PROGRESS.search(text)
    if m:
        progress = int(next(g for g in m.groups() if g))
    return Reading(text, buttons, kind, question, asks, reference, signposts_in(text, rules), progress,
                   dates_in(text, today))


def classify(line: str) -> Optional[str]:
    low = line.lower()
    for kind, pattern in QUESTIONS:
        if re.search(pattern, low, re.I):
            return kind
    return None


def signposts_in(text: str, rules=None) -> Set[str]:
    """The contacts a reply gives; the Community Safety Team by the number of the council judged
    (``rules``, Barnet's when not said)."""
    found = {key for key, pattern in SIGNPOSTS.items() if pattern.search(text) and key != "cst"}
    phone = rules.cst_phone if rules is not None else None
    if (SIGNPOSTS["cst"] if phone is None else re.compile(r"\s?".join(re.sub(r"\D", "", phone)))).search(text):
        found.add("cst")
    return found


def dates_in(text: str, today: date) -> List[date]:
    """Dates written in a reply ("Friday 2 October 2026", "2 Oct", "2026-10-02"); no year:
    the most recent such date not after today."""
    found = []
    for m in DATE.finditer(text):
        day, month = int(m.group(1)), MONTHS[m.group(2).lower()[:3]]
        year = int(m.group(3)) if m.group(3) else today.year
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if not m.group(3) and d > today:
            try:
                d = date(year - 1, month, day)
            except ValueError:
                continue
        found.append(d)
    for m in ISO.finditer(text):
        try:
            found.append(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            pass
    return found


def button_for(reading: Reading, kind: str, meaning: str) -> Optional[Tuple[str, str]]:
    """The offered button whose title means ``meaning`` for this kind of question."""
    table = BUTTONS.get(kind) or BUTTONS["_yes_no"]
    pattern = table.get(str(meaning))
    if pattern is None and kind not in BUTTONS:
        return None
    if pattern is None:
        return None
    for title, payload in reading.buttons:
        if re.search(pattern, title.strip(), re.I):
            return title, payload
    return None


def preferred_in(text: str) -> Optional[str]:
    """The preferred way of contact a summary shows (None: not shown)."""
    m = PREFERRED_LINE.search(text)
    if not m:
        return None
    for key, pattern in PREFERRED_WORDS.items():
        if re.search(pattern, m.group(1), re.I):
            return key
    return None


def offers_categories(reading: "Reading") -> bool:
    return bool(CATEGORY_CHOICE.search(reading.question))


QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|\bfor example\b[^.\n]*|\be\.g\.[^.\n]*|\blike \"[^\"]*\"", re.I)


def content_lines(text: str) -> List[str]:
    """The reply's lines without the examples it gives ("for example \"I rang the police on 3 March\"")."""
    return [QUOTED.sub(" ", line) for line in text.split("\n")]


def categories_named(text: str) -> Set[str]:
    """Organisation categories a read-back names (with any council's housing providers by name)."""
    found = {cat for cat, pattern in CATEGORY_WORDS.items() if re.search(pattern, text, re.I)}
    from .oracle import known_rules

    if any(re.search(r"\b" + re.escape(name) + r"\b", text, re.I) for rules in known_rules()
           for name in rules.housing_names):
        found.add("housing_provider")
    return found


def question_key(reading: Reading) -> str:
    """The question a reply asks, normalised, to spot the same question asked again."""
    q = reading.question or (reading.text.strip().split("\n")[-1] if reading.text.strip() else "")
    return re.sub(r"[^a-z0-9 ]", "", q.lower()).strip()
