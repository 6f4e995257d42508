"""Every question the assistant asks, in one table: its wording, its buttons,
how an answer to it is read, and what "not sure" means for it.

A reader takes the message as an answer to its own question first. It returns
an `Answer` (the values to store, and anything to say back), an `Unclear`
(it is about this question but can't be used: say why), or None (it isn't an
answer at all, so the engine looks for an interruption: a question, stop, a
person...). A question is never asked three times in the same words: the
second time it is reworded with an example and buttons, the third it explains
each choice and offers "I'm not sure", with what that means for the
application and the council team's number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from bot.dialogue import answers, facts as facts_module, safety
from bot.dialogue.language import ReportReader
from bot.dialogue.reports import NO_REFERENCE, REPORTING_WORD, ToldReport, ToldReports, after_report, read_reports, set_date
from bot.rules.area import read_area
from bot.rules.dates import format_date, format_day, read_date
from bot.rules.eligibility import window_start
from bot.rules.policy import Policy

Buttons = Tuple[Tuple[str, str], ...]
NOT_SURE = ("I'm not sure", "I'm not sure")


@dataclass
class Answer:
    values: Dict[str, Any]
    say: Optional[str] = None      # said back before the next question


@dataclass
class Unclear:
    hint: Optional[str] = None     # why it can't be used, and what would do


Reading = Optional[Any]  # Answer | Unclear | None


@dataclass
class Ctx:
    """What a reader may use besides the message."""

    state: Mapping[str, Any]
    policy: Policy
    today: date
    reader: ReportReader
    intent: Optional[str] = None
    confidence: float = 0.0

    @property
    def they(self) -> Dict[str, str]:
        return they(self.state)


def they(state: Mapping[str, Any]) -> Dict[str, str]:
    """Words for the person affected: 'you' or 'they'."""
    if state.get("applying_for") == "someone_else":
        name = state.get("victim_name") or "they"
        return {"who": name, "you": "they", "your": "their", "you_have": "they have", "have_you": "have they",
                "did_you": "did they", "you_are": "they are", "affect": "them", "you_feel": "they feel",
                "do_you": "do they"}
    return {"who": "you", "you": "you", "your": "your", "you_have": "you have", "have_you": "have you",
            "did_you": "did you", "you_are": "you are", "affect": "you", "you_feel": "you feel", "do_you": "do you"}


def _bare(text: str) -> str:
    t = re.sub(r"[^a-z0-9' ]+", " ", (text or "").lower().replace("\u2019", "'"))
    return re.sub(r"^(?:an?|the) ", "", " ".join(t.split()))


def _b(*titles: str) -> Buttons:
    return tuple((t, t) for t in titles)


def _cst(policy: Policy) -> str:
    return policy.contacts["community_safety_team"].phone or ""


@dataclass(frozen=True)
class Question:
    slot: str
    text: Callable[[Mapping[str, Any], Policy], str]
    read: Callable[[str, Ctx], Reading]
    buttons: Callable[[Mapping[str, Any], Policy], Buttons] = lambda s, p: ()
    # second time: reworded, with an example
    again: Optional[Callable[[Mapping[str, Any], Policy], str]] = None
    # third time: what each choice means, and what "not sure" means for the application
    explain: Optional[Callable[[Mapping[str, Any], Policy], str]] = None
    # what "not sure" fills (after the explanation), or None when it can't be left unsure
    unsure: Optional[Callable[[Ctx], Answer]] = None
    free_text: bool = False        # answered in the resident's own words (names, descriptions)

    def wording(self, state: Mapping[str, Any], policy: Policy, attempt: int) -> Tuple[str, Buttons]:
        """The question for its `attempt`th asking (0 = first)."""
        buttons = self.buttons(state, policy)
        if attempt <= 0 or (self.again is None and self.explain is None):
            return self.text(state, policy), buttons
        if attempt == 1 or self.explain is None:
            return (self.again or self.text)(state, policy), buttons
        extra = (NOT_SURE,) if self.unsure is not None and not any("not sure" in b[0].lower() for b in buttons) \
            else ()
        return self.explain(state, policy), buttons + extra

    def offers(self, text: str, state: Mapping[str, Any], policy: Policy) -> bool:
        """The message is one of this question's buttons in words ("person" when "A person" is offered): an
        answer, even when the same word alone would be a control word elsewhere ("person" = talk to one)."""
        said = _bare(text)
        return bool(said) and any(said in (_bare(title), _bare(value)) for title, value in self.buttons(state, policy))


# -- shared readers ------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join((text or "").replace("\u2019", "'").split())


def is_question(text: str) -> bool:
    """A question back ("what counts as ASB?", "does telling my MP count?"), not an answer."""
    t = _clean(text).lower()
    if not t:
        return False
    if t.endswith("?") and len(t.split()) >= 3:
        return True
    # "sorry what does ASB case review mean", "hang on, does telling my GP count": a lead-in, then the question
    t = re.sub(r"^(?:(?:sorry|ok(?:ay)?|um+|erm+|so|and|but|hang on|wait|oh|hi|hello|quick question|just wondering)"
               r"[,.!]?\s+)+", "", t)
    return bool(re.match(r"^(?:what|how|who|when|why|where|which|can|could|will|would|does|do|is|are|should|"
                         r"shall|am i|is it|what'?s|whats|hows)\b(?!')", t)) and len(t.split()) >= 4 and \
        not re.match(r"^(?:is|are|do|does|can|will) (?:it|he|she|they|we|i)\b(?!.*\?)", t)


def yes_no_reader(no_hint: str = "", *, yes: Dict[str, Any] = None, slot: str = "") -> Callable[[str, Ctx], Reading]:
    def read(text: str, ctx: Ctx) -> Reading:
        value = answers.yes_no(text, ctx.intent)
        if value is not None:
            return Answer({slot: value})
        if answers.unsure(text, ctx.intent):
            return Unclear()
        return None
    return read


def _unsure_answer(values: Dict[str, Any], say: Optional[str] = None) -> Callable[[Ctx], Answer]:
    return lambda ctx: Answer(dict(values), say)


# -- safety ---------------------------------------------------------------------------


# Asked "is anyone in danger right now?": "all good at the mo", "we're fine", "safe atm".
_SAFE_ANSWER = re.compile(
    r"^\W*(?:(?:yeah|yes|no|nah)\W+)?(?:all|we'?re|were|i'?m|im|everyone'?s|we are|i am|it'?s|its)\s+(?:all\s+)?"
    r"(?:good|fine|ok|okay|safe|calm|quiet|grand|alright|all right)\b|"
    r"\b(?:safe|fine|ok|okay|good|calm|quiet|alright)\s+(?:atm|at the mo|at the moment|for now|right now|now|today|"
    r"tonight|for the moment)\b", re.I)


def _read_danger(text: str, ctx: Ctx) -> Reading:
    if safety.in_danger_now(text):
        return Answer({"danger_now": True})
    if facts_module.SAFE_NOW.search(text) or _SAFE_ANSWER.search(text):
        return Answer({"danger_now": False})
    # "ok. my neighbour keeps parking across my drive": "ok" takes in what was said, it is not "yes, someone is
    # in danger"; the rest is read, and "ok" alone is asked again plainly
    rest = re.sub(r"^\W*(?:ok(?:ay)?|o\.k\.?|k|right|alright|all right|fine|i see|got it|thanks?|thank you|cheers)\b"
                  r"[\s,.;:!-]*", "", text, flags=re.I)
    if rest != text:
        if not rest.strip():
            return Unclear()
        text = rest
    value = answers.yes_no_loose(text)
    if value is not None:
        return Answer({"danger_now": value})
    if answers.unsure(text, ctx.intent):
        return Unclear()
    return None


DANGER = Question(
    "danger_now",
    text=lambda s, p: "Is anyone in danger right now?",
    buttons=lambda s, p: (("Yes, someone is in danger", "Yes"), ("No", "No")),
    again=lambda s, p: f"I need to check first: is anyone in danger right now, for example someone being "
                       f"threatened or hurt at this moment? If so, call {p.contacts['emergency'].phone}.",
    explain=lambda s, p: f"If someone could be hurt right now, please call {p.contacts['emergency'].phone}. If "
                         f"nobody is in danger at the moment, say no and we'll carry on. Is anyone in danger right "
                         f"now?",
    read=_read_danger,
    unsure=lambda ctx: Answer({"danger_now": False},
                              f"If anyone might be in danger, call {ctx.policy.contacts['emergency'].phone} now. "
                              "Let's carry on."),
)


# -- who is applying ----------------------------------------------------------------------

_ME = re.compile(r"^(?:it'?s |its |just |only |for |about |that'?s )?(?:me|myself|my ?self|mysef|myslef|mself|mysel|myslf|us|ourselves|me and my "
                 r"(?:family|partner|husband|wife|kids|children)|my family and (?:i|me)|my household|i am|i'?m|we are|"
                 r"we'?re|own behalf|my own|mine|i do|it'?s about me)\b(?! (?:a|the|their|his|her) (?:carer|"
                 r"councillor|mp|support worker|friend|neighbour))", re.I)
_RELATIVE = (r"mum|mom|mother|mam|dad|father|parents?|nan|nana|nanna|gran|granny|grandma|grandad|granddad|grandpa|"
             r"grandfather|grandmother|son|daughter|brother|sister|aunt|auntie|aunty|uncle|husband|wife|partner|"
             r"cousin|niece|nephew|in-law|grandson|granddaughter|child|kid|friend|neighbour|client|constituent|"
             r"resident|tenant|service user|patient|step-?(?:son|daughter|mum|mother|dad|father|brother|sister|"
             r"child|kid)|foster (?:son|daughter|child|kid|mum|dad)|godson|goddaughter|godmother|godfather|"
             r"ex-?(?:wife|husband|partner)|fianc[eé]e?|boyfriend|girlfriend|flatmate|housemate|landlady|lodger|"
             r"colleague|carer|mother-in-law|father-in-law|boy|girl|lad|lass|little one|baby|toddler|teenager|"
             r"cuzzin|couzin|cousin")


# "my little sister", "my elderly mum", "our disabled son"
_KIN_ADJ = (r"(?:little|big|baby|younger|older|elder|eldest|youngest|teenage|elderly|disabled|old|vulnerable|poor|"
            r"sick|autistic|frail|housebound|late|dear)(?: (?:little|old|elderly|disabled))?")


def _read_applying_for(text: str, ctx: Ctx) -> Reading:
    t = _clean(text).lower()
    if not t:
        return None
    # "Not sure - I'm the landlord, it's my tenant getting the grief": the words after "not sure" answer it
    rest = re.sub(r"^(?:not sure|unsure|dunno|don'?t know|i don'?t know|no idea)\b[\s,.;:!-]*", "", t)
    if rest != t and len(rest.split()) >= 3:
        t = text = rest
    who, relationship, victim_type = facts_module._who(text)
    for_relative = re.search(rf"\bfor (?:my|our) (?:{_KIN_ADJ} )?(?:{_RELATIVE})\b", t)
    if for_relative and is_question(text):
        pass  # "is it ok if it's for my brother?": the question is the answer; "you can, if they agree" follows
    elif is_question(text) or re.match(r"(?:will|would|can|could|does|do|did|is|are|should|how|what|why|when|who)\s+"
                                     r"(?:he|she|they|it|i|you|we|anyone|this|that)\b.*\s\w+", t):
        return None  # "will he know it was me": a question back, not "me"
    group = answers.victim_type_of(text)
    if re.search(r"\b(?:someone|somebody) else\b|\banother person\b|\bon (?:their|his|her) behalf\b|\bbehalf of\b",
                 t) or re.search(r"\b(?:filling (?:it|this|the form|this form) (?:in|out)|doing (?:it|this)|applying|"
                                 r"asking|typing|writing|messaging|here|helping)\s+(?:for|on behalf of)\s+(?!me\b|myself\b|"
                                 r"us\b|our ?selves\b|my (?:self|own)\b)", t):
        who = "someone_else"  # "I'm filling it in for Mr Ferreira downstairs"
    elif group in ("business", "community_group") and not for_relative and victim_type is None:
        who, victim_type = "self", group  # "a parent and toddler group": the group, not a parent
    elif victim_type in ("business", "community_group") and not re.search(r"\b(?:someone|somebody) else\b|behalf", t):
        who = "self"  # "residents association": the group they belong to, not a resident they help
    elif (re.search(rf"^(?:for |it'?s |its |on behalf of |about )?(?:my |our |a |an )?(?:{_KIN_ADJ} )?"
                    rf"(?:{_RELATIVE})s?\b", t) or
          re.search(rf"\b(?:it'?s|its) (?:my|our) (?:{_KIN_ADJ} )?(?:{_RELATIVE})\b(?!'?s\b)", t) and not re.search(
              r"\bi live\b|\bwe live\b|\bboth of us\b|\bus both\b", t) or
          re.search(rf"\b(?:victim|person affected|person it'?s happening to)\b.{{0,20}}\b(?:is|was) (?:my|our) "
                    rf"(?:{_RELATIVE})\b", t) or for_relative) and \
            not re.search(r"\bme and\b|\band (?:i|me)\b", t):
        who = "someone_else"
    elif re.search(r"\b(?:i'?m|i am|as)\s+(?:a|an|the|their|his|her)\s+(?:local |ward )?(?:carer|councillor|mp|"
                   r"support worker|social worker|advocate|key worker|caseworker)\b|^(?:a |the |their |his |her )?"
                   r"(?:carer|councillor|cllr|mp|support worker)\b", t):
        who = "someone_else"
    elif re.match(r"\W*(?:he|she)\b", t) and not re.search(r"\b(?:me|us|my|our|mine|i'?ve|we)\b", t):
        who = "someone_else"  # "He can't really say, he has dementia": about him, not the writer
    elif _ME.search(t) or victim_type in ("business", "community_group"):
        who = "self"
    if who in (None, "self") and victim_type is None:
        # asked "yourself, your business or community group, or someone else?": "a shop", "the bowls club"
        found = answers.victim_type_of(text)
        if found in ("business", "community_group"):
            who, victim_type = "self", found
    if who is None:
        choice = answers.choose(text, answers.APPLYING_FOR)
        who = choice
    if who is None:
        return Unclear() if answers.unsure(text, ctx.intent) else None
    values: Dict[str, Any] = {"applying_for": who}
    if who == "someone_else":
        rel = relationship or answers.relationship_of(text)
        if CONSENT_GIVEN.search(text):
            values["victim_consent"] = True
        if rel and (rel != "other" or not re.search(r"\b(?:other|someone else|somebody else|something else|none of "
                                                   r"those|not related)\b", t)):
            values["relationship"] = rel  # "I'm her support worker" says it; "someone else" doesn't
        if rel in ("family", "friend", "carer"):
            values.setdefault("victim_type", "individual")
    if victim_type and victim_type != "individual":
        values["victim_type"] = victim_type
    elif who == "self" and victim_type is None and not re.search(r"\b(?:business|shop|group|company|organisation|"
                                                                 r"charity|club|association)\b", t):
        values["victim_type"] = "individual"  # a person applying for themselves; the summary shows it
    return Answer(values)


APPLYING_FOR = Question(
    "applying_for",
    # The victim can be a person, a business or a community group: one question finds out both.
    text=lambda s, p: "Who are you asking for: yourself, your business or community group, or someone else?",
    buttons=lambda s, p: _b("For myself", "For my business", "For my community group", "For someone else"),
    again=lambda s, p: "Is the anti-social behaviour aimed at you or your household, at a business or community "
                       "group you run, or are you helping someone else, for example a parent, a neighbour or someone "
                       "you care for?",
    explain=lambda s, p: "Choose \"For myself\" if it's happening to you or your household. Choose your business or "
                         "community group if it's aimed at that. Choose \"For someone else\" if you're applying for "
                         "another person, as a carer, family member, friend, MP or councillor. If you're not sure, "
                         "I'll take it that it's for you, and the team can check this with you (or "
                         f"call them on {_cst(p)}). Who are you asking for?",
    read=_read_applying_for,
    unsure=lambda ctx: Answer({"applying_for": "self", "victim_type": "individual"},
                              "I'll put that you're applying for yourself. You can change this at the end."),
)


def _read_relationship(text: str, ctx: Ctx) -> Reading:
    if re.fullmatch(r"\W*(?:it'?s |its |just |only |for |it'?s for )?(?:me|myself|my ?self|mysef|us|ourselves)"
                    r"(?: obviously| really| actually)?\W*", _clean(text).lower()) or re.fullmatch(
            r"\W*(?:it'?s |its |for )?(?:me|myself|us) (?:and|&) (?:my|the) (?:wife|husband|partner|kids|children|"
            r"family|son|daughter|mum|dad|mother|father)\W*", _clean(text).lower()):
        # "me": it is their own problem after all
        return Answer({"applying_for": "self", "victim_type": "individual"},
                      "Thank you. I'll put that you're applying for yourself.")
    t = _clean(text).lower()
    group = answers.victim_type_of(text)
    if group in ("community_group", "business") and answers.relationship_of(text) in (None, "other") and re.search(
            r"\b(?:my|our)\b|\b(?:i|we) (?:run|own|manage)\b|\bwe(?: are|'re| re)\b|\bi(?:'m| am| m) (?:the |a |one of the )?"
            r"(?:chair\w*|secretary|treasurer|members?|trustee|owner|manager|organi[sz]er|co-?ordinator|founder)\b", t):
        # "I'm chair of the residents association": applying for their own group, not for someone they know
        return Answer({"applying_for": "self", "victim_type": group},
                      f"Thank you. I'll put that you're applying for your "
                      f"{'community group' if group == 'community_group' else 'business'}.")
    if re.search(r"\bi live (?:there|here|in (?:the|that|this) (?:block|building|street|road|estate|close))"
                 r"(?: too| as well)?\b|\bi'?m one of them\b|\bincluding me\b|\bmyself included\b|\bme too\b", t):
        # "I live there too": it is happening to them as well
        return Answer({"applying_for": "self", "victim_type": "individual"},
                      "Thank you. I'll put that you're applying for yourself, as it affects you too.")
    choice = answers.relationship_of(text)
    said = re.search(r"\b(?:" + _RELATIVE + r")\b", text, re.I)
    if choice is None and said:
        # someone they live with or look after for work is not family: "I'm her lodger", "my client"
        choice = "friend" if "friend" in said.group().lower() else "carer" if said.group().lower() == "carer" else \
            "other" if re.fullmatch(r"neighbour|client|constituent|resident|tenant|service user|patient|flatmate|"
                                    r"housemate|landlady|lodger|colleague", said.group(), re.I) else "family"
    if choice:
        return Answer({"relationship": choice})
    if answers.unsure(text, ctx.intent):
        return Unclear()
    if 0 < len(_clean(text).split()) <= 6 and not is_question(text):
        return Answer({"relationship": "other"}, None)  # "her social worker", "I'm the landlord's agent"
    return None


RELATIONSHIP = Question(
    "relationship",
    text=lambda s, p: "How do you know the person you're applying for?",
    buttons=lambda s, p: _b("I'm their carer", "Family member", "Friend", "MP", "Councillor", "Other"),
    again=lambda s, p: "How are you connected to the person affected? For example: their daughter, their carer, a "
                       "friend, or their councillor.",
    explain=lambda s, p: "I ask so the team knows who they're talking to. Choose the nearest: carer, family member, "
                         "friend, MP, councillor, or \"Other\". How do you know them?",
    read=_read_relationship,
    unsure=_unsure_answer({"relationship": "other"}),
)


# The person affected agrees, in the applicant's words.
CONSENT_GIVEN = re.compile(
    r"\b(?:asked me to|wants me to|want me to|(?:she|he|they) (?:agrees?|consents?|has consented|have consented|"
    r"said (?:yes|ok|okay|go ahead|to go ahead|it'?s fine|that'?s fine|fine|just do|do whatever|do it|i (?:can|should)))|"
    r"happy for me|(?:her|his|their) idea|knows and agrees|fully aware|gave (?:me )?(?:permission|consent)|"
    r"(?:she|he|they) (?:agreed|consented|okayed|ok'?d|approved)|agreed (?:verbally|to it|to this|on the phone)|"
    r"given (?:me )?(?:permission|consent)|has agreed|have agreed|with (?:her|his|their) (?:consent|permission|"
    r"agreement)|on (?:her|his|their) behalf with|(?<!no )(?<!without )(?:written|signed|verbal) consent|consent "
    r"(?:is|has been|was) (?:on file|obtained|given|held|signed|recorded|in place)|(?:got|have|obtained|hold|holding) "
    r"(?:their|his|her|written|signed|verbal) (?:consent|permission))\b", re.I)


# Someone who decides for the person in law: "I have lasting power of attorney for health and welfare"
_DECIDES_FOR_THEM = re.compile(r"\b(?:lasting )?power of attorney\b|\blpa\b|\b(?:i'?m|i am) (?:his|her|their) (?:deputy|"
                               r"attorney|appointee)\b|\bcourt of protection\b|\bcourt[- ]appointed deputy\b", re.I)
def _read_consent(text: str, ctx: Ctx) -> Reading:
    t = _clean(text).lower()
    if _DECIDES_FOR_THEM.search(t) and not re.search(r"\b(?:no|don'?t have|haven'?t got|not)\b[^.]{0,20}"
                                                      r"power of attorney", t):
        # kept word for word where staff read about who is at risk, so the record says how they agreed
        values: Dict[str, Any] = {"victim_consent": True}
        if not ctx.state.get("vulnerability"):
            values["vulnerability"] = _clean(text)
        return Answer(values, "Thank you. As you have power of attorney for them, you can apply on their behalf. The "
                              "team may ask to see it.")
    if answers.CANNOT_AGREE.search(t) and not answers.CANNOT_AGREE.search(ctx.state.get("vulnerability") or ""):
        # not "didn't understand", and not "talk to them first": kept where staff read who is at risk, and the
        # question becomes whether someone can decide for them
        return Answer({"vulnerability": _clean(text)},
                      "Thank you for explaining. If they can't agree themselves, you can still apply for them if you "
                      "have power of attorney for them, or a court has made you their deputy.")
    if re.search(r"\bnot yet\b|\bnot (?:been )?asked\b|\bdidn'?t ask\b|\bhaven'?t (?:asked|told|discussed|talked|spoken|"
                 r"mentioned)\b|\b(?:don'?t|doesn'?t|dont|doesnt) know (?:about it|yet)\b|\bwithout (?:them|her|him)\b|"
                 r"\bhaven'?t had (?:a |the )?chance to (?:ask|tell|talk|speak)\b", t):
        return Answer({"victim_consent": False})
    if CONSENT_GIVEN.search(t):
        return Answer({"victim_consent": True})
    value = answers.yes_no_loose(text)
    if value is not None:
        return Answer({"victim_consent": value})
    if answers.unsure(text, ctx.intent):
        return Unclear()
    if answers.relationship_of(text) or re.search(r"\b(?:look(?:s|ing)? after|car(?:e|es|ing) for|support(?:s|ing)?)"
                                                   r" (?:her|him|them)\b", t):
        # "I'm her carer": who they are, not whether she agrees, and the role alone is not her say-so
        return Unclear("Thank you, that helps. Even when you look after someone or are close to them, they need to "
                       "agree to you applying for them.")
    return None


VICTIM_CONSENT = Question(
    "victim_consent",
    text=lambda s, p: ("Do you have power of attorney for them, or has a court made you their deputy?"
                       if answers.CANNOT_AGREE.search(s.get("vulnerability") or "") else
                       "Do they know about this and agree to you applying for them?"),
    buttons=lambda s, p: _b("Yes", "No"),
    again=lambda s, p: ("Do you have power of attorney for them, or has a court made you their deputy?"
                        if answers.CANNOT_AGREE.search(s.get("vulnerability") or "") else
                        "Has the person affected said it's OK for you to apply for them?"),
    explain=lambda s, p: "Someone can only apply for another person if that person agrees. If they haven't agreed "
                         "yet, please ask them first and come back. Have they agreed?",
    read=_read_consent,
    unsure=_unsure_answer({"victim_consent": False}),
)


def _read_person_name(slot: str) -> Callable[[str, Ctx], Reading]:
    def read(text: str, ctx: Ctx) -> Reading:
        if is_question(text):
            return None
        reading = answers.read_name(text)
        if reading.refused:
            return Unclear("refused")
        if reading.name:
            values: Dict[str, Any] = {slot: reading.name}
            if slot == "victim_name" and ctx.state.get("victim_type") is None:
                kind = _victim_type_from_name(reading.name, ctx.state)
                if kind:
                    values["victim_type"] = kind  # "Mrs Ioannou": a person, so not asked
            return Answer(values)
        return Unclear(reading.problem)
    return read


def _victim_type_from_name(name: str, state: Mapping[str, Any]) -> Optional[str]:
    """A person, a business or a group, when the name (or how the applicant knows them) makes it plain."""
    kind = answers.victim_type_of(name)
    if kind in ("business", "community_group"):
        return kind
    if state.get("relationship") in ("family", "carer", "friend"):
        return "individual"
    # a title says a person; a bare name ("Oak Lodge", "Tesco Express") could be either, so it is asked
    if re.match(r"(?:mr|mrs|ms|miss|mx|dr|master)\.?$", name.split()[0], re.I) and len(name.split()) >= 2:
        return "individual"
    if state.get("applying_for") == "someone_else" and re.search(r"\b(?:she|he|her|his|him|herself|himself)\b",
                                                                  state.get("first_message") or "", re.I):
        return "individual"  # "my neighbour, youths throw stones at her windows": a person
    return None


VICTIM_NAME = Question(
    "victim_name",
    text=lambda s, p: "What is their name?",
    again=lambda s, p: "Please type the name of the person affected, like Jo Bloggs. For a business or group, its name.",
    read=_read_person_name("victim_name"),
    free_text=True,
)


def _read_victim_type(text: str, ctx: Ctx) -> Reading:
    _who, _rel, found = facts_module._who(text)
    choice = found or answers.victim_type_of(text)
    if choice is None and re.search(r"\b(?:just |only )?(?:me|him|her|them|my ?self|a (?:person|resident|man|woman|"
                                    r"lady|pensioner)|individual|private (?:person|individual)|household|family)\b",
                                    text, re.I):
        choice = "individual"
    if choice:
        return Answer({"victim_type": choice})
    return Unclear() if answers.unsure(text, ctx.intent) else None


VICTIM_TYPE = Question(
    "victim_type",
    text=lambda s, p: (f"Is {they(s)['who']} a person, a business or a community group?"
                       if s.get("applying_for") == "someone_else" else
                       "Are you applying as a person, or for a business or a community group?"),
    buttons=lambda s, p: _b("A person", "A business", "A community group"),
    again=lambda s, p: "Who is the anti-social behaviour aimed at: a person or household, a business such as a "
                       "shop, or a community group such as a residents' association?",
    explain=lambda s, p: "Choose \"A person\" for someone and their household, \"A business\" for a shop, pub or "
                         "company, and \"A community group\" for a club, charity or association. If you're not sure, "
                         "I'll put a person, and you can change it at the end.",
    read=_read_victim_type,
    unsure=_unsure_answer({"victim_type": "individual"}, "I'll put a person. You can change this at the end."),
)


# -- exclusions ------------------------------------------------------------------------

COMPLAINT_MEANS = ("A complaint means someone formally complained about how the council, the police or a housing "
                   "provider handled this, and they haven't finished looking into it. Reporting the problem itself "
                   "is not a complaint.")


def _read_ongoing_complaint(text: str, ctx: Ctx) -> Reading:
    t = _clean(text).lower()
    f = facts_module.read_facts(text, ctx.policy)
    if f.ongoing_complaint:
        return Answer({"ongoing_complaint": True})
    if re.search(r"\b(?:only|just) (?:reported|reports|rang|called|told)\b|\bno,? (?:just|only) (?:reports?|"
                 r"reported)|\bnot a (?:formal )?complaint\b|\bno (?:formal )?complaints?\b|\bnever (?:made a |put in a )?"
                 r"(?:formal )?complain", t):
        return Answer({"ongoing_complaint": False})
    if re.search(r"\b(?:it'?s|that'?s|it was|that was|which (?:is|was)|complaint (?:is|was|has been)|they) (?:all )?"
                 r"(?:closed|finished|over|resolved|dealt with|done)\b|"
                 r"\b(?:was|has been) (?:closed|resolved|finished|rejected)\b|\bnothing (?:open|ongoing)\b|"
                 r"\b(?:it|that|the complaint|complaint) (?:finished|closed|ended|concluded|was upheld)\b|\bupheld\b|"
                 r"\bclosed (?:it|the complaint)\b", t) and not re.search(r"\bnot (?:yet )?(?:closed|finished|over|"
                                                                      r"resolved)\b", t):
        return Answer({"ongoing_complaint": False}, "Thank you. As the complaint has finished, you can still apply.")
    value = answers.yes_no(text, ctx.intent)
    if value is not None and not (value and (f.report_count or re.search(r"\breport", t))):
        return Answer({"ongoing_complaint": value})
    if re.search(r"\bstage (?:1|2|3|one|two|three)\b", t) or re.match(r"(?:yes|yeah|yh|yep|yup|yea|ya|y)\b", t) and \
            not re.search(r"\breport|\b(?:rang|rung|called|phoned|told|emailed)\b", t):
        return Answer({"ongoing_complaint": True})  # "yh stage 1 with barnet homes": a complaint, said briefly
    told = read_reports(text, ctx.today, ctx.reader)
    # a report is told: an organisation with a date, a reference or a reporting verb ("I don't want my name going to
    # the police" names the police, and tells nothing)
    told_one = told.found and (any(r.date or r.reference for r in told.reports) or re.search(
        r"\b(?:report(?:ed)?|rang|rung|called|phoned|told|emailed|contacted|logged|spoke|went to|wrote)\b", t))
    if is_question(text):
        return None  # "Does it count if I told my MP about it?": a question to answer, then this one again
    if (told_one and not re.search(r"\bcomplain|\bclosed\b", t)) or f.report_count or re.search(
            r"\b(?:reported|complained to|rang|called|told)\b.*\b(?:times|loads|lots|again and again|so many)\b", t):
        # "I've reported it loads": reports, which is what's needed, not a complaint
        return Answer({"ongoing_complaint": False, "opening_reports": text},
                      "Thank you. Those sound like reports, which I'll ask about in a moment. "
                      + COMPLAINT_MEANS.split(". Reporting")[0] + ", and as far as I can tell there isn't one.")
    return Unclear() if answers.unsure(text, ctx.intent) else None


ONGOING_COMPLAINT = Question(
    "ongoing_complaint",
    text=lambda s, p: "Is there a complaint about this that the council, the police or a housing provider is still "
                      "dealing with?",
    buttons=lambda s, p: _b("Yes", "No", "Not sure"),
    again=lambda s, p: "Have you made a formal complaint about how the council, police or a housing provider handled "
                       "this, that they are still looking into? Reporting the problem doesn't count as a complaint.",
    explain=lambda s, p: f"{COMPLAINT_MEANS} If there is one, the {p.council.scheme_name} has to wait until it's "
                         "finished. If you're not sure, we can carry on and the team will check. "
                         "Is there a complaint like that?",
    read=_read_ongoing_complaint,
    unsure=_unsure_answer({"ongoing_complaint": None}, "That's fine: the team will check."),
)


def _read_asb_too(text: str, ctx: Ctx) -> Reading:
    told = read_reports(text, ctx.today, ctx.reader)
    f = facts_module.read_facts(text, ctx.policy)
    if told.found or f.report_count or f.continuing:
        return Answer({"asb_too": True, "opening_reports": text if told.found else None})
    value = answers.yes_no(text, ctx.intent)
    if value is not None:
        return Answer({"asb_too": value})
    return Unclear() if answers.unsure(text, ctx.intent) else None


ASB_TOO = Question(
    "asb_too",
    text=lambda s, p: ("Apart from this crime, is there also anti-social behaviour that keeps happening, like noise, "
                       "threats or damage, that has been reported before? If so, I can check whether you can use the "
                       f"{p.council.scheme_name} for that."),
    buttons=lambda s, p: _b("Yes", "No"),
    again=lambda s, p: ("Apart from the crime, is there a problem that keeps happening, like noise, threats or damage, "
                        "that you or others have reported before?"),
    explain=lambda s, p: (f"The {p.council.scheme_name} is for anti-social behaviour that carries on after it has "
                          "been reported. A crime on its own should go to the police. If you're not sure, we can "
                          "carry on and check. Is there also anti-social behaviour that has been reported before?"),
    read=_read_asb_too,
    unsure=_unsure_answer({"asb_too": True}, "OK, let's check."),
)

# Words that show a first message describes anti-social behaviour (so it needn't be asked again).
ASB_WORDS = re.compile(
    r"\b(?:nois[ey]|music|loud|party|parties|shout\w*|scream\w*|yell\w*|threat\w*|abus\w*|intimidat\w*|harass\w*|"
    r"drug\w*|dealing|fight\w*|vandal\w*|damag\w*|smash\w*|graffiti|litter|fly.?tip\w*|rubbish|dog\w*|bark\w*|"
    r"youths?|kids|teenagers|gangs?|lads|cars?|parking|parked|mopeds?|bikes?|smok\w*|smell\w*|bang\w*|"
    r"throw\w*|stones?|eggs?|attack\w*|bull(?:y|ying|ied)|racis\w*|swear\w*|drunk\w*|urinat\w*|stalk\w*|"
    r"spit\w*|fireworks?|bins?|drinking|begging|trespass\w*|anti.?social|asb|nuisance|neighbours?|upstairs|"
    r"downstairs|next door|window|door|car park|stairwell|estate|block)\b", re.I)


def statements(text: str) -> str:
    """The text without the questions asked in it: what the resident told."""
    parts = re.split(r"(?<=[.!?])\s+", (text or "").strip())
    told = " ".join(p for p in parts if not p.rstrip().endswith("?"))
    return told or (text or "")


# Words that say where, or that there is a problem, but not what is happening
_ONLY_WHERE_OR_THAT = re.compile(r"anti.?social|asb|nuisance|neighbours?|upstairs|downstairs|next door|window|door|"
                                 r"car park|stairwell|estate|block", re.I)


def describes_problem(text: str) -> bool:
    """The message is about the problem (kept as the first message, read for facts)."""
    return len(re.findall(r"[A-Za-z']+", text or "")) >= 6 and bool(ASB_WORDS.search(text or ""))


def says_what_happens(text: str) -> bool:
    """The opening says what is happening ("kids kicking footballs at my windows"), not only that there is
    anti-social behaviour somewhere ("persistent anti-social behaviour at the property next door"): only then
    is it the answer to "what is happening?"."""
    return describes_problem(text) and any(not _ONLY_WHERE_OR_THAT.fullmatch(m.group())
                                           for m in ASB_WORDS.finditer(text or ""))


# -- the route ---------------------------------------------------------------------------

_ROUTE_B = re.compile(r"\b(?:five|5|six|6|seven|7|eight|8|nine|9|ten|1\d|\d\d)\s+(?:or more\s+)?(?:of us\b|"
                      r"(?:other\s+|different\s+|diff\s+|separate\s+|seperate\s+)?(?:people|ppl|peeps|persons|folk|"
                      r"neighbours|households|residents|individuals|"
                      r"families|induviduals|individual|flats|houses|members|tenants)\b)|\b(?:5|five) or more\b|"
                      r"\b(?:(?:over|more than|at least)\s+(?:five|5|six|6|seven|7|eight|8|nine|9|ten|1\d)\b|(?:five|5|six|6|"
                      r"seven|7|eight|8|nine|9|ten|1\d)\s*(?:\+|plus\b))(?!\s*(?:times|reports|calls|occasions|"
                      r"emails|months|weeks))|"
                      r"\b(?:option |route )?b\b|\bsecond (?:one|option)\b|\bthe second\b|\bwhole (?:street|road|"
                      r"block|estate)\b|\b(?:all|lots|loads|many|most) of (?:us|the (?:street|neighbours|residents))\b|"
                      r"\bdifferent people\b|\b(?:we|they) all\b|\beveryone\b|\bneighbours (?:have|did|all)\b|"
                      r"\b(?:the )?(?:neighbours|people|five people|5 people)'? (?:one|option|route)\b", re.I)
_ROUTE_A = re.compile(r"\b(?:my|our|his|her|their) (?:own )?reports?\b|\b(?:i|we|he|she|they)(?:'ve| have| has)?\s+"
                      r"(?:did|do|reported|rang|called|told|emailed|phoned|contacted|complained|done)\b|"
                      r"^\W*(?:me|myself|i(?!['’]m\b| am\b)|us|we|him|her|them|just me|only me|i did|me only)\b|\b(?:option |route )?a\b|"
                      r"\bfirst (?:one|option)\b|\bthe first\b|\bown\b|\bmyself\b|"
                      r"\b(?:mostly|mainly|nearly all|almost all|usually|always) (?:me|us|him|her|them|myself)\b|"
                      r"^\W*(?:mine|my own|ours|our own)\b|\bi'?m the only one\b|"
                      r"\b(?:me|us|him|her|them) (?:mostly|mainly|usually)\b", re.I)


def _read_route(text: str, ctx: Ctx) -> Reading:
    t = answers._clean(text)  # with typos of answer words mended: "5 neigbours"
    if not t:
        return None
    if facts_module.NEVER_REPORTED.search(t):
        return Answer({"_never_reported": True})
    b, a = bool(_ROUTE_B.search(t)), bool(_ROUTE_A.search(t))
    f = facts_module.read_facts(text, ctx.policy)
    if f.five_people:
        b = True
    if re.search(r"\bboth\b|\bnot sure which\b|\bdifference\b", t, re.I) or (a and b and not re.search(
            r"^\W*(?:the first|option a|a\b|my own|own|b\b|option b|the second)", t, re.I)):
        return Unclear()
    told = read_reports(text, ctx.today, ctx.reader)
    # reports told straight away ("she rang the police on the 4th ..."): kept, never asked for again
    # (a summary with counts, "3 times to the police and twice to Barnet Homes", is not itemised here: each
    # report is asked for, with the count as a hint)
    # "5 neighbours" names who reported, not where: only a report with a date, a reference or a place it
    # could count is kept
    said = [r for r in told.reports if r.date or r.date_problem or r.reference or
            (r.category and ctx.policy.counts(r.category) and not b)]  # "everyone has rung the council": the route
    kept = {"opening_reports": text} if said and not f.report_count and (
        not told.times or len(told.reports) > told.times) else {}
    if b:
        return Answer({"route": "five_individuals", **kept})
    if a or f.report_count or said:
        return Answer({"route": "three_reports", **kept})
    return Unclear() if answers.unsure(text, ctx.intent) else None


def _route_text(s, p) -> str:
    a, b = p.route("three_reports"), p.route("five_individuals")
    own = "Have you reported it yourself" if they(s)["you"] == "you" else \
        f"Has {they(s)['who']} reported it (or have you, for them)"
    return (f"{own}, or have {b.threshold} or more different people each reported it? The "
            f"{p.council.scheme_name} needs {a.threshold} reports, or reports from {b.threshold} different people.")


ROUTE = Question(
    "route",
    text=_route_text,
    buttons=lambda s, p: (("I reported it" if they(s)["you"] == "you" else "They reported it", "I reported it"),
                          (f"{p.route('five_individuals').threshold} or more people did",
                           f"{p.route('five_individuals').threshold} or more people did")),
    again=lambda s, p: (f"Are the reports mostly {'your' if they(s)['you'] == 'you' else 'their'} own, or have "
                        f"{p.route('five_individuals').threshold} or more different people (for example neighbours) "
                        "each reported it themselves?"),
    explain=lambda s, p: (f"There are two ways to qualify. One: {p.route('three_reports').threshold} reports about "
                          f"the problem in the last {p.window_text}, made by {they(s)['affect']} or for "
                          f"{they(s)['affect']}. Two: {p.route('five_individuals').threshold} or more different "
                          f"people have each reported it. If you're not sure, we'll start with {they(s)['your']} own "
                          "reports, and you can tell me about other people's too. Which is it: "
                          f"{they(s)['your']} own reports, or 5 or more people?"),
    read=_read_route,
    unsure=_unsure_answer({"route": "three_reports"}, "Let's start with the reports you know about."),
)


# -- reports ---------------------------------------------------------------------------------


def current(state: Mapping[str, Any]) -> Dict[str, Any]:
    return dict(state.get("report") or {})


def _read_report_open(text: str, ctx: Ctx) -> Reading:
    """The open question about a report: any part of it, or several reports."""
    if is_question(text):
        return None
    told = _since_not_a_report(read_reports(text, ctx.today, ctx.reader), text)
    if ctx.state.get("route") == "five_individuals" and _only_who(text, told):
        return Answer({"_report": {"reporter": _clean(text).strip(" .")}})  # "the school": who reported it
    if told.found or told.no_reference and current(ctx.state):
        return Answer({"_told": told})
    if not ctx.state.get("reports") and not current(ctx.state) and facts_module.NEVER_REPORTED.search(text):
        return Answer({"_never_reported": True})
    if ctx.state.get("reports") and (_NO_MORE.search(_clean(text)) or answers.yes_no(text) is False):
        return Answer({"another_report": False})  # "no, just that one": no more reports
    if ctx.state.get("route") == "five_individuals" and 0 < len(_clean(text).split()) <= 8 and \
            answers.yes_no(text) is None and not answers.unsure(text):
        # "my son", "Mr Singh at number 4": who made it; the rest is asked next
        who = _clean(text).strip(" .")
        if re.fullmatch(r"(?:i|me|myself|i did|it was me|that was me|that one was me|me myself|i reported it)", who, re.I):
            who = "the applicant"
        return Answer({"_report": {"reporter": who}})
    if answers.unsure(text, ctx.intent) or re.search(r"\b(?:can'?t|cannot|don'?t) remember\b", text, re.I):
        return Unclear()
    return None


def _report_text(s, p) -> str:
    n_done = len(s.get("reports") or [])
    w = they(s)
    if s.get("route") == "five_individuals":
        which = "the first person" if n_done == 0 else "the next person"
        return (f"Tell me about {which} who reported it: their name (or a description, like \"the man at number "
                f"12\"), who they told, when, and any reference number.")
    which = "the first time" if n_done == 0 else "the next time"
    hint = s.get("report_hint")
    if hint and n_done == 0:
        return (f"You said {hint}.\nTell me about {which}: who {w['you']} told, when, and any reference number.")
    return f"Tell me about {which} {w['you']} reported it: who {w['you']} told, when, and any reference number."


REPORT = Question(
    "report",
    text=_report_text,
    again=lambda s, p: ("Please tell me about one report: who it was made to and when, for example \"I rang the "
                        f"police on 3 March\" or \"emailed {p.example_landlord} two weeks ago, ref 1234\"."),
    explain=lambda s, p: (f"The {p.council.scheme_name} counts reports to {p.counting_labels()} in the last "
                          f"{p.window_text}. A rough date is fine, like \"early October\". If you can't remember any "
                          f"of the details, you can call the {p.council.team} on {_cst(p)} to talk it through. "
                          "Who was it reported to, and when?"),
    read=_read_report_open,
    free_text=True,
)


def _read_report_organisation(text: str, ctx: Ctx) -> Reading:
    if is_question(text):
        return None
    told = read_reports(text, ctx.today, ctx.reader)
    if any(r.organisation for r in told.reports):
        return Answer({"_told": told})
    match = ctx.reader.classify(text)
    if match is not None:
        return Answer({"_told": _told_org(text, match)})
    if answers.unsure(text, ctx.intent):
        return Unclear()
    if answers.yes_no(text, ctx.intent) is not None:
        return Unclear()  # "yes" or "no" is not who it was reported to
    if told.found:
        return Answer({"_told": told})  # a date or a reference: kept, and the question asked again
    t = _clean(text)
    if 0 < len(t.split()) <= 5:
        # a name we don't know ("Acme Lettings"): kept, and its kind asked
        return Answer({"_told": _told_org(text, ctx.reader.orgs.unknown(t.strip(" ."))),})
    return None


def _told_org(text: str, match) -> Any:
    from bot.dialogue.reports import ToldReports
    report = ToldReport(organisation=match.said, category=match.category, say=match.say,
                        ambiguous=match.ambiguous or match.category is None)
    return ToldReports(text=text, reports=[report])


REPORT_ORGANISATION = Question(
    "report_organisation",
    text=lambda s, p: ("Who did they report it to? For example the police, the council or a housing association."
                       if s.get("route") == "five_individuals" else
                       "Who was it reported to? For example the police, the council or a housing association."),
    buttons=lambda s, p: _b("The police", "The council", "A housing association", "Someone else"),
    again=lambda s, p: "Which organisation was told? For example \"101\", \"the council's noise team\", or the name of "
                       "a housing association.",
    explain=lambda s, p: (f"Reports to {p.counting_labels()} count. Reports to anyone else, such as an MP or a "
                          "private landlord, are kept on the application but don't count. Who was it reported to?"),
    read=_read_report_organisation,
    unsure=_unsure_answer({"_org_unknown": True}, "That's fine, I'll note that we don't know who it was made to."),
)


_CATEGORY_WORDS = {
    "council": [r"(?:the )?council", r"local authority", r"council housing", r"council tenant"],
    "police": [r"(?:the )?police", r"101", r"999", r"pcso"],
    "housing_provider": [r"housing association", r"housing provider", r"housing trust", r"social landlord",
                         r"registered provider", r"housing co-?op(?:erative)?", r"association"],
    "other": [r"private(?: landlord)?", r"someone else", r"other", r"neither", r"none of (?:them|those|these)",
              r"letting agent", r"(?:estate|managing) agent", r"freeholder", r"mp", r"councillor", r"gp", r"doctor"],
}


def _read_org_category(text: str, ctx: Ctx) -> Reading:
    told = read_reports(text, ctx.today, ctx.reader)
    if len(told.reports) == 1 and told.reports[0].organisation and told.reports[0].category and \
            (told.reports[0].date or told.reports[0].reference):
        # "emailed Clarion last week, ref CL-40021": the kind, the name, the date and the reference in one answer
        return Answer({"_told": told})
    category = answers.choose(text, _CATEGORY_WORDS)
    if category is None:
        match = ctx.reader.classify(text)
        if match is not None and match.category:
            category = match.category
    if category:
        return Answer({"_report": {"category": category, "ambiguous": False,
                                   "say": ctx.policy.categories[category].label if category in ctx.policy.categories
                                   else None}})
    return Unclear() if answers.unsure(text, ctx.intent) else None


def _org_category_text(s, p) -> str:
    said = current(s).get("organisation") or "that"
    if "landlord" in said.lower():
        return f"Is {they(s)['your']} landlord the council, a housing association, or a private landlord?"
    return f"Is \"{said}\" the council, the police, a housing association, or someone else?"


REPORT_ORG_CATEGORY = Question(
    "report_org_category",
    text=_org_category_text,
    buttons=lambda s, p: (_b("The council", "A housing association", "A private landlord")
                          if "landlord" in (current(s).get("organisation") or "").lower() else
                          _b("The council", "The police", "A housing association", "Someone else")),
    again=lambda s, p: "Which kind of organisation is it? Choose one of the options, or type its name.",
    explain=lambda s, p: (f"I ask because only reports to {p.counting_labels()} count. If you're not sure, I'll "
                          "keep the report and the team will check whether it counts. Which kind of "
                          "organisation is it?"),
    read=_read_org_category,
    unsure=_unsure_answer({"_report": {"ambiguous": False, "category": None}},
                          "OK, I'll keep it and the team will check whether it counts."),
)


def _read_org_name(text: str, ctx: Ctx) -> Reading:
    if answers.unsure(text, ctx.intent) or answers.yes_no(text) is False:
        return Answer({"_report": {"org_name_asked": True}})
    if is_question(text):
        return None
    match = ctx.reader.classify(text)
    name = (match.said if match is not None else _clean(text).strip(" .")) or None
    if name and len(name) <= 80:
        say = match.say if match is not None and match.category == "housing_provider" else name
        return Answer({"_report": {"organisation": name, "say": say, "org_name_asked": True}})
    return Unclear()


REPORT_ORG_NAME = Question(
    "report_org_name",
    text=lambda s, p: "Which housing association is that?",
    buttons=lambda s, p: _b("I don't know"),
    read=_read_org_name,
    free_text=True,
)


def _read_report_date(text: str, ctx: Ctx) -> Reading:
    if is_question(text) and not read_date(text, ctx.today).ok:
        return None  # "maybe in the spring?" is a date said unsure, not a question
    if re.search(r"\b(?:can'?t|cannot|can not|don'?t|do not) (?:remember|recall|know)\b|\bno idea\b|^\W*(?:not sure|"
                 r"dunno|unsure|idk)\W*$", text, re.I) and not read_date(text, ctx.today).ok:
        return Unclear()
    told = read_reports(text, ctx.today, ctx.reader)
    if told.found:
        return Answer({"_told": told})
    reading = read_date(text, ctx.today)
    if not reading.ok:
        # "2 weeks later": after the report told before this one
        done = ctx.state.get("reports") or []
        later = after_report(text, done[-1] if done else None, ctx.today)
        if later is not None:
            dated = ToldReport()
            set_date(dated, later)
            return Answer({"_report": {k: v for k, v in dated.record().items()
                                       if k in ("date", "earliest", "latest", "approximate", "date_text")}})
    if reading.problem and reading.problem != "unreadable":
        return Unclear(reading.message)
    return None


def _report_date_text(s, p) -> str:
    said = current(s).get("say") or current(s).get("organisation") or "them"
    w = they(s)
    if s.get("route") == "five_individuals":
        return f"When did they report it to {said}? A rough date is fine, like \"3 March\" or \"two weeks ago\"."
    return f"When {w['did_you']} report it to {said}? A rough date is fine, like \"3 March\" or \"two weeks ago\"."


REPORT_DATE = Question(
    "report_date",
    text=_report_date_text,
    again=lambda s, p: ("Roughly when was that? For example \"3 October\", \"last Tuesday\", \"early September\" or "
                        "\"about a month ago\"."),
    explain=lambda s, p: (f"Only reports made since {format_date(window_start(p, s['_today']))} (the last "
                          f"{p.window_text}) count, so I need roughly when it was. Even the month helps. If you "
                          "really can't remember, say so: I'll keep the report, but it won't count. Roughly when was "
                          "it reported?"),
    read=_read_report_date,
    unsure=_unsure_answer({"_report": {"date_unknown": True}},
                          "OK. I'll keep the report without a date, but without one it can't count."),
)


def _read_date_check(text: str, ctx: Ctx) -> Reading:
    start = window_start(ctx.policy, ctx.today)
    t = _clean(text).lower()
    report = current(ctx.state)
    if re.search(r"\bafter\b|\blater\b|\bsince\b|\bmore recent|\brecently\b|\bwithin\b|\bless than\b", t) and \
            not re.search(r"\bbefore\b|\bearlier\b|\bmore than\b|\bover\b", t):
        return Answer({"_report": {"earliest": start.isoformat(), "date": max(report.get("date") or "",
                                                                             start.isoformat()),
                                   "date_checked": True}})
    if re.search(r"\bbefore\b|\bearlier\b|\bmore than\b|\bover\b|\blonger\b", t):
        latest = (start.fromordinal(start.toordinal() - 1)).isoformat()
        return Answer({"_report": {"latest": latest, "date": min(report.get("date") or latest, latest),
                                   "date_checked": True}})
    reading = read_date(text, ctx.today)
    if reading.ok:
        told = ToldReport()
        set_date(told, reading)
        return Answer({"_report": {"date": told.date, "earliest": told.earliest, "latest": told.latest,
                                   "approximate": told.approximate, "date_text": told.date_text,
                                   "date_checked": True}})
    if answers.unsure(text, ctx.intent):
        return Answer({"_report": {"date_checked": True}},
                      "OK. I'll keep it, and the team can check the date with you.")
    return None


def _date_check_text(s, p) -> str:
    start = window_start(p, s["_today"])
    r = current(s)
    return (f"You said {r.get('date_text') or 'that date'}. Reports count if they were made on or after "
            f"{format_date(start)}. Was it before or after {format_date(start)}?")


def _same_index(state) -> Optional[int]:
    from bot.dialogue import flow
    same = flow.same_as(current(state), state)
    return same if same is not None else flow.fills_count(current(state), state)


def _same_text(s, p) -> str:
    from bot.dialogue import messages
    i = _same_index(s)
    old = (s.get("reports") or [])[i] if i is not None else {}
    said = old.get("say") or old.get("organisation") or "them"
    if old.get("counted"):
        return f"Is that one of the times you told me about ({said}, {messages.when(old)}), or another time?"
    return f"Is that the same report as report {(i or 0) + 1} ({said}, {messages.when(old)})?"


def _read_same(text: str, ctx: Ctx) -> Reading:
    value = answers.yes_no_loose(text)
    if re.search(r"\b(?:same|that one|that'?s it|already told|already said|told you|one of (?:those|them|the))\b",
                 text, re.I) and \
            not re.search(r"\bnot (?:the )?same\b|\bdifferent\b|\banother\b|\bseparate\b|\bnot one of\b", text, re.I):
        value = True
    elif re.search(r"\bdifferent\b|\banother\b|\bseparate\b|\bnot (?:the )?same\b|\bsecond time\b", text, re.I):
        value = False
    if value is None:
        return Unclear() if answers.unsure(text, ctx.intent) else None
    return Answer({"_report": {"same_checked": True, "same_as": _same_index(ctx.state) if value else None}})


def _same_is_a_count(s) -> bool:
    i = _same_index(s)
    return i is not None and bool((s.get("reports") or [])[i].get("counted"))


REPORT_SAME = Question(
    "report_same",
    text=_same_text,
    buttons=lambda s, p: (("Yes, one of those", "Yes"), ("No, another time", "No")) if _same_is_a_count(s) else
    (("Yes, the same one", "Yes"), ("No, a different time", "No")),
    again=lambda s, p: ("If you've told me about this report already, say yes and I'll keep it once. If it was "
                        "another time, say no. " + _same_text(s, p)),
    read=_read_same,
    # not knowing: counted once, so a report is never counted twice; the team can check
    unsure=lambda ctx: Answer({"_report": {"same_checked": True, "same_as": _same_index(ctx.state)}},
                              "I'll count it once. The team can check it with you."),
)


REPORT_DATE_CHECK = Question(
    "report_date_check",
    text=_date_check_text,
    buttons=lambda s, p: _b("After", "Before", "I'm not sure"),
    again=lambda s, p: f"Was it after {format_date(window_start(p, s['_today']))}? You can also give the date.",
    read=_read_date_check,
)


_DAY_BEFORE = re.compile(r"\b(?:the|that) (?:night|day|evening|afternoon) before\b|\bthe previous (?:night|day|"
                         r"evening)\b|\bthe night prior\b", re.I)
_SAME_DAY = re.compile(r"\bsame (?:day|time|date|night|evening)\b|\bthat (?:day|night|morning|evening|afternoon)\b|"
                       r"\bstraight away\b|\bat the time\b|\bwhile it was (?:happening|going on)\b|"
                       r"\bas it (?:was )?happen(?:ed|ing)\b|\bright away\b", re.I)


def _read_incident_date(text: str, ctx: Ctx) -> Reading:
    if is_question(text):
        return None
    said = current(ctx.state).get("date")
    if said and _DAY_BEFORE.search(text):
        # "the night before": the day before the report
        before = (date.fromisoformat(said) - timedelta(days=1)).isoformat()
        return Answer({"_report": {"incident_date": before, "incident_date_text": _DAY_BEFORE.search(text).group()}})
    if _SAME_DAY.search(text):
        return Answer({"_report": {"incident_date": said, "incident_date_text": "same day"}})
    told = read_reports(text, ctx.today, ctx.reader)
    if told.found and any(r.organisation and r.date for r in told.reports) and re.search(
            r"\b(?:rang|rung|called|phoned|emailed|told|reported|contacted|wrote|texted|messaged)\b", text, re.I):
        return Answer({"_told": told})  # the next report, told here: kept, and this question comes back
    reading = read_date(text, ctx.today)
    if reading.ok:
        if current(ctx.state).get("date") and reading.date.isoformat() > current(ctx.state)["date"]:
            return Unclear("The incident must have happened on or before the day it was reported. When did it happen?")
        return Answer({"_report": {"incident_date": reading.date.isoformat(), "incident_date_text": reading.phrase}})
    if reading.problem and reading.problem != "unreadable":
        return Unclear(reading.message)
    return Unclear() if answers.unsure(text, ctx.intent) else None


_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth"}


def _incident_text(s: Mapping[str, Any]) -> str:
    """Which report it is about, so that asking for each of several reports never reads as the same question."""
    from bot.dialogue import messages

    report = current(s)
    said = report.get("say") or report.get("organisation")
    about = f" to {said}" if said else ""
    if report.get("date"):
        about += f" ({messages.when(report)})"
    same = [r for r in list(s.get("reports") or []) + list(s.get("queue") or [])
            if (r.get("say") or r.get("organisation")) == said and r.get("date") == report.get("date")]
    if same:  # "3 times in September": which of them
        about = f" the {_ORDINAL.get(len(s.get('reports') or []) + 1, 'next')} time{about}"
    return (f"When did the incident you reported{about} happen? If it was the same day you reported it, say "
            "\"same day\".")


REPORT_INCIDENT_DATE = Question(
    "report_incident_date",
    text=lambda s, p: _incident_text(s),
    buttons=lambda s, p: _b("Same day"),
    read=_read_incident_date,
    unsure=_unsure_answer({"_report": {"incident_date_text": "not known"}}),
)


def _only_who(text: str, told) -> bool:
    """A short answer with no date and no verb of reporting names who reported, even "the school"."""
    return bool(told.found) and len(_clean(text).split()) <= 6 and not any(r.date or r.date_problem for r in told.reports) \
        and not re.search(r"\b(?:rang|rung|called|phoned|emailed|told|reported|contacted|wrote|texted|messaged)\b",
                          text, re.I)


def _read_reporter(text: str, ctx: Ctx) -> Reading:
    if is_question(text):
        return None
    t = _clean(text)
    told = read_reports(text, ctx.today, ctx.reader)
    if told.found and not _only_who(text, told) and (told.reports[0].organisation or told.reports[0].date):
        # "Mr Singh at number 4 rang 101 on 2 May": the person and the report together
        return Answer({"_told": told})
    if re.search(r"^\W*(?:me|myself|i did|it was me|i)\W*$", t, re.I):
        return Answer({"_report": {"reporter": "the applicant"}})
    if answers.unsure(text, ctx.intent) or answers.yes_no(text) is not None or _NO_MORE.search(t) or re.search(
            r"\b(?:any ?more|full list|that'?s (?:it|all)|thats (?:it|all)|no (?:one|body) else|nobody else|"
            r"don'?t (?:think|know)|dont (?:think|know))\b", t, re.I):
        return Unclear("describe")  # "dont think theres any more" is not a person's name
    name = answers.read_name(t)
    who = re.sub(r"^(?:it was|that was|that'?s|it'?s|the person was|they'?re called|called)\s+", "", t, flags=re.I)
    who = who.strip(" .") if not name.name or len(who.split()) > len(name.name.split()) else name.name
    if 0 < len(who) <= 80 and len(who.split()) <= 10:
        return Answer({"_report": {"reporter": who}})
    return None


REPORT_REPORTER = Question(
    "report_reporter",
    text=lambda s, p: ("Who made this report? A name, or a description like \"the man at number 12\", is fine."),
    again=lambda s, p: ("Each person counts once, so I need to know who made this report. If you don't know their "
                        "name, describe them, for example \"the lady at number 22\". Who made this report?"),
    read=_read_reporter,
    free_text=True,
)


def _read_details(text: str, ctx: Ctx) -> Reading:
    t = _clean(text)
    if is_question(text):
        asked = ctx.reader.read(t, ctx.today)
        if not (asked.reference or asked.person):
            return None  # "whats the difference between this and ringing 101": a question, not a reference
    told = read_reports(t, ctx.today, ctx.reader)
    cur = current(ctx.state)
    new = [r for r in told.reports if r.organisation and (r.date or r.date_problem) and
           (r.category != cur.get("category") or (r.date and r.date != cur.get("date")))]
    if new:
        # another report told instead of a reference: this one has none, and the new one is kept
        return Answer({"_report": {"details_asked": True}, "_told": told})
    if NO_REFERENCE.search(t) or answers.yes_no(t, ctx.intent) is False or answers.unsure(t, ctx.intent) or \
            re.search(r"\b(?:don'?t|do not|didn'?t|never|dont)\s+(?:\w+\s+)?(?:have|get|got|give|know)\b|"
                      r"\b(?:lost|can'?t find|no idea|not sure)\b|\bwhoever\b|\bdidn'?t (?:give|get) (?:a|their) "
                      r"name\b|\bcan i add it later\b", t, re.I):
        reading = ctx.reader.read(t, ctx.today)
        values = {"details_asked": True}
        if reading.person:
            values["person"] = reading.person
        if reading.reference:
            values["reference"] = reading.reference
        return Answer({"_report": values})
    reading = ctx.reader.read(t, ctx.today)
    if answers.yes_no(t, ctx.intent) and not (reading.reference or reading.person or re.search(r"\d", t)):
        return Unclear("Please type it here: the reference number, or the name of the person you dealt with.")
    values: Dict[str, Any] = {"details_asked": True}
    if reading.reference:
        values["reference"] = reading.reference
    if reading.person:
        values["person"] = reading.person
    if not (reading.reference or reading.person) and (
            re.fullmatch(r"\W*(?:the )?same(?: day| time| night)?|that (?:day|night)|straight away|right away\W*", t, re.I)
            or any(r.date and not r.organisation for r in told.reports) and len(t.split()) <= 5):
        # "same day", "on the 12th": when, not a reference or a name
        return Unclear("That sounds like a date. Here I need the reference number, or the name of the person you "
                       "spoke to.")
    if not (reading.reference or reading.person):
        if re.search(r"\d", t):
            values["reference"] = t.strip(" .")[:100]  # references come in many shapes
        elif len(t.split()) <= 5:
            values["person"] = answers.read_name(t).name or t.strip(" .")
        else:
            values["person"] = t.strip(" .")[:100]
    return Answer({"_report": values})


REPORT_DETAILS = Question(
    "report_details",
    text=lambda s, p: "Do you have a reference number, or the name of the person you dealt with?",
    buttons=lambda s, p: (("I don't have one", "No"),),
    again=lambda s, p: ("If you were given a reference, crime or case number, type it here, or the name of the "
                        "person you spoke to. If you don't have either, say no. Do you have a reference number?"),
    unsure=_unsure_answer({"_report": {"details_asked": True}}),
    read=_read_details,
    free_text=True,
)


_NO_MORE = re.compile(r"^\W*(?:no+\b|nope|nah|none)?[\s,.!-]*(?:that'?s (?:it|all|everything|the lot)|all of them|"
                      r"no more|done|finished|nothing else|i think that'?s all|can'?t think of any|just (?:that|those|"
                      r"the) (?:one|ones|two|three)|only (?:that|those) (?:one|ones)|that was (?:it|all|the only one)|"
                      r"none|no others?|no other times?|not that i (?:can )?remember)\b", re.I)


def _since_not_a_report(told: ToldReports, text: str) -> ToldReports:
    """ "Brent Street NW4, since he moved in last year": when the problem began, not a report (no one told, no
    reference, no reporting word)."""
    if told.found and re.search(r"\bsince\b", text, re.I) and not REPORTING_WORD.search(text) and not any(
            r.organisation or r.reference or r.person or r.reporter for r in told.reports):
        return ToldReports(text=told.text)
    return told


def _read_another(text: str, ctx: Ctx) -> Reading:
    t = _clean(text)
    told = _since_not_a_report(read_reports(text, ctx.today, ctx.reader), text)
    if is_question(text) and not any(r.date for r in told.reports):
        return None  # "who at the council reads this?": a question, not a report
    if _NO_MORE.search(t) and not told.found:
        return Answer({"another_report": False})
    if not told.found and NO_REFERENCE.search(t) and len(t.split()) <= 6 and not re.search(
            r"\b(?:more|else|other|others|all|another|that'?s it)\b", t, re.I):
        # "no ref": about the report just told, not "no more reports"
        return Unclear("OK, no reference for that one.")
    value = answers.yes_no(t, ctx.intent)
    lead = re.match(r"^\W*(?:no|nope|nah|sorry|actually|oops|i meant|wait)\b[\s,.!-]*", t, re.I)
    if told.found and lead and value is not True and _is_correction(told, ctx):
        return Answer({"_correct_last": told})       # "no, it was the 4th": about the last report
    if told.found and value is not False:
        return Answer({"_told": told})               # "yes, emailed Barnet Homes last week"
    if value is True and re.search(r"\b(?:couple|few|more|several|lots|loads|many|\d)\b", t, re.I):
        return Answer({"another_report": True})
    if value is not None:
        return Answer({"another_report": value})
    if re.search(r"\b(?:that'?s (?:it|all|everything|the lot)|all of them|no more|done|finished|nothing else|"
                 r"i think that'?s all|can'?t think of any)\b", t, re.I):
        return Answer({"another_report": False})
    if re.search(r"\b(?:(?:one|a few|a couple|some|lots|loads|many|several) (?:more|other|others)|more times|"
                 r"loads more|another (?:one|time|report))\b", t, re.I):
        return Answer({"another_report": True})
    if told.found:
        return Answer({"_told": told})
    return Unclear() if answers.unsure(t, ctx.intent) else None


def _is_correction(told, ctx: Ctx) -> bool:
    last = (ctx.state.get("reports") or [{}])[-1]
    r = told.reports[0]
    return len(told.reports) == 1 and (not r.organisation or r.category == last.get("category")) or \
        (not r.date and not r.date_problem)


def _another_text(s, p) -> str:
    """Asks for the next report itself (one message), with "no" for when that's all."""
    w = they(s)
    n = len(s.get("reports") or [])
    if s.get("route") == "five_individuals":
        nth = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")[min(n - 1, 8)]
        return (f"Has a {nth} person reported it? If so, tell me who, who they told, when, and any reference "
                "number. If not, say no.")
    if n <= 1:
        return (f"Tell me about the next time {w['you']} reported it: who {w['you']} told, when, and any reference "
                "number. If that was the only time, say no.")
    # each asks for the report itself, so the answer is the report, not "yes" and then the report
    if n == 2:
        return (f"Tell me about the time after that: who {w['you']} told, when, and any reference number. If there "
                "were no more, say no.")
    if n % 2:
        return (f"Tell me about any other report: who {w['you']} told, when, and any reference number. If there are "
                "no more, say no.")
    return (f"Any more reports? Tell me about the next one: who {w['you']} told, when, and any reference number, or "
            "say no if that's all.")


ANOTHER_REPORT = Question(
    "another_report",
    text=_another_text,
    buttons=lambda s, p: (("That's all of them", "No"),),
    again=lambda s, p: ("Is there another report to add? Say no if that's all of them, or tell me about the next "
                        "one, like \"I rang 101 on 5 March\"."),
    explain=lambda s, p: ("Each report to the council, the police or a housing provider in the last "
                          f"{p.window_text} helps. If that's all of them, say no and we'll move on. Is there another "
                          "report?"),
    read=_read_another,
    unsure=_unsure_answer({"another_report": False}, "OK, let's go on with the ones you've told me."),
)


def _read_reports_confirm(text: str, ctx: Ctx) -> Reading:
    value = answers.yes_no(text, ctx.intent)
    if value is not None:
        return Answer({"reports_confirm": value})
    if re.search(r"\b(?:that'?s right|correct|spot on|yes|yep|that'?s it)\b", text, re.I):
        return Answer({"reports_confirm": True})
    if re.search(r"\b(?:wrong|not right|mistake|incorrect)\b", text, re.I):
        return Answer({"reports_confirm": False})
    told = read_reports(text, ctx.today, ctx.reader)
    if any(r.organisation and (r.date or r.reference) for r in told.reports) and not is_question(text):
        # "and the council asb team last month, ref ASB-20931": those, and one more
        return Answer({"reports_confirm": True, "_also": text}, "Thank you, I've added that one too.")
    return Unclear() if answers.unsure(text, ctx.intent) else None


REPORTS_CONFIRM = Question(
    "reports_confirm",
    text=lambda s, p: "Is that right?",
    buttons=lambda s, p: _b("Yes", "No"),
    again=lambda s, p: "Have I got those reports right? Say yes, or no and I'll ask about them one at a time.",
    read=_read_reports_confirm,
    unsure=_unsure_answer({"reports_confirm": True}, "OK, I'll keep them. You can change them at the end."),
)


# What was done that did not deal with the problem: advice, an acknowledgement, "not our problem".
_NO_REAL_ACTION = (
    r"\bkeep(?:ing)? a diary\b|\bdiary sheets?\b|\bcivil matter\b|\bnot (?:asb|anti-?social|a police matter|"
    r"their (?:problem|job)|our (?:problem|job))\b|\bnormal (?:living )?noise\b|"
    r"\bmonitor(?:ing)? (?:it|the situation)\b|\b(?:download|use) (?:the |their )?(?:noise )?app\b|"
    r"\bautomated (?:email|reply|response|message)\b|\bauto-?reply\b|\backnowledg\w*|\band that was (?:it|that)\b|"
    r"\bleaflet\b|\bkeep (?:on )?reporting\b|\bspeak to a solicitor\b|\bjust (?:logged|noted|gave me a)\b|"
    r"\bnever (?:did|came|turned up|happened|followed)\b|\bno further action\b|\bnfa\b|\bclosed (?:it|the case)\b")
_NOTHING = re.compile(
    _NO_REAL_ACTION + r"|\bnothing\b|\bno (?:reply|response|answer|action|one|feedback|follow[- ]?up|change|difference|help)\b|"
    r"\b(?:never|didn'?t|did not|haven'?t|hasn'?t|have not|has not|not)\s+(?:\w+\s+)?(?:heard|rang|rung|called|got|"
    r"get|came|come|replied|reply|respond|responded|done|do|did|bothered|acted|helped|turned up|followed up|"
    r"changed)\b|\bignored\b|\bwaste of time\b|\bfobbed\b|\bstill waiting\b|\bheard nothing\b|\bzilch\b|\bnada\b|"
    r"\bsame as (?:always|before|usual)\b|\bnot interested\b|\bno ?one (?:came|called|rang|cares)\b|"
    r"\b(?:nobody|no-? ?one|nobdy|noone)(?:'s|s|\s+has|\s+have|\s+'s)?\s+(?:ever\s+|actually\s+|really\s+)?"
    r"(?:done|did|came|come|bothered|helped|acted|lifted a finger)\b|"
    r"\bzero\b|\bnothing that'?s (?:made|helped|worked|changed)|\b(?:nohting|nothign|nuthin|nuffin|nothin|nothng)\b", re.I)


def _read_outcome(text: str, ctx: Ctx) -> Reading:
    t = _clean(text)
    if not t or is_question(t):
        return None
    if answers.unsure(t, ctx.intent):
        return Answer({"reports_outcome": "not known"})
    if re.search(r"\bthat'?s (?:all|it|everything)\b|\b(?:no|none) (?:more|other)\b", t, re.I) and \
            not _NOTHING.search(re.sub(r"^\W*no+\b", "", t, flags=re.I)):
        return Unclear()  # "no, that's all": the list of reports is done, but what happened is not told
    if answers.yes_no(t) is False or _NOTHING.search(t) and not SOME_ACTION.search(t):
        return Answer({"reports_outcome": t if len(t.split()) > 2 else "nothing happened", "_nothing": True})
    told = read_reports(t, ctx.today, ctx.reader)
    if told.found and told.reports[0].organisation and told.reports[0].date and \
            re.search(r"\b(?:i|we)\s+(?:also|then)?\s*(?:told|reported|rang|called|emailed|contacted)", t, re.I):
        return Answer({"_told_more": told})  # another report told here: kept, then the outcome asked again
    return Answer({"reports_outcome": t[:500]})


def _outcome_text(s, p) -> str:
    n = len(s.get("reports") or [])
    w = they(s)
    if s.get("route") == "five_individuals":
        return "What happened after people reported it? If it was different each time, tell me about each."
    if n > 1:
        return (f"What happened after {w['you']} reported it? If it was different each time, tell me about each.")
    return f"What happened after {w['you']} reported it?"


REPORTS_OUTCOME = Question(
    "reports_outcome",
    text=_outcome_text,
    buttons=lambda s, p: _b("Nothing happened", "I don't know"),
    again=lambda s, p: (f"Did anything happen after {they(s)['you']} reported it? For example a visit, a warning "
                        "letter, or nothing at all."),
    explain=lambda s, p: ("This helps the team see what has been tried, for example \"the police came round\", "
                          "\"they sent a letter\" or \"nothing happened\". " + _outcome_text(s, p).split("?")[0] + "?"),
    unsure=_unsure_answer({"reports_outcome": "not known"}, "I'll leave that for now. You can add it when I show you everything at the end."),
    read=_read_outcome,
    free_text=True,
)


# -- the problem -----------------------------------------------------------------------------


def _free(slot: str, minimum: int = 1) -> Callable[[str, Ctx], Reading]:
    def read(text: str, ctx: Ctx) -> Reading:
        t = _clean(text)
        if not t or t.startswith("/"):
            return None
        if is_question(t):
            return None
        if len(t) < minimum:
            return Unclear()
        return Answer({slot: t[:2000]})
    return read


def _read_description(text: str, ctx: Ctx) -> Reading:
    t = _clean(text)
    first = ctx.state.get("first_message")
    if first and (answers.yes_no(t, ctx.intent) is False or re.match(r"^no,? that covers it\W*$", t, re.I)
                  or re.match(r"^\W*(?:nothing|nope|no more|that'?s (?:it|all))\W*$", t, re.I)):
        return Answer({"asb_description": first})
    if answers.unsure(t, ctx.intent) and not first:
        return Unclear()
    reading = _free("asb_description", 3)(text, ctx)
    if isinstance(reading, Answer) and first:
        reading.values["asb_description"] = f"{first}\n{reading.values['asb_description']}"
    if isinstance(reading, Answer):
        # the question asks whether it is still going on: this answer is newer than anything inferred before
        if facts_module.STOPPED.search(t) and not facts_module._NOT_STOPPED.search(t):
            reading.values["problem_continuing"] = False
        elif facts_module.CONTINUING.search(t):
            reading.values["problem_continuing"] = True
    return reading


ASB_DESCRIPTION = Question(
    "asb_description",
    text=lambda s, p: (f"Now tell me about the problem. You said: \"{_quote(s['first_message'])}\". Is there anything "
                       "you'd like to add about what is happening?" if s.get("first_message") else
                       "Now tell me about the problem. What is happening, and is it still going on?"),
    buttons=lambda s, p: (("No, that covers it", "No"),) if s.get("first_message") else (),
    again=lambda s, p: ("In a sentence or two, what are they doing? For example loud music at night, shouting and "
                        "threats, or damage to cars."),
    unsure=_unsure_answer({"asb_description": "Not given"}, "I'll leave that for now. You can add it when I show you everything at the end."),
    read=_read_description,
    free_text=True,
)


# "..., since last summer", "... - started in March", "... for about two years": when it began, said
# after the place.
_SINCE_IN_ANSWER = re.compile(
    r"(?:^|[,.;]\s*|\s-\s|\s)(?:and\s+)?(?:it'?s\s+been\s+(?:going\s+on|happening|like\s+this)\s+)?"
    r"((?:(?:ever\s+)?since|it\s+started|started|began|it\s+began)\s+\S.*|for\s+(?:about\s+|around\s+|over\s+|"
    r"roughly\s+|nearly\s+|almost\s+|the\s+(?:last|past)\s+)?(?:(?:\d+|a|an|one|two|three|four|five|six|several|"
    r"many|a\s+few|a\s+couple\s+of)\s+(?:and\s+a\s+half\s+)?)?(?:days?|weeks?|months?|years?)\b.*|"
    # "..., a year and a half roughly", "..., 18 months now": how long, said without "for"
    r"(?:about\s+|around\s+|roughly\s+|nearly\s+|over\s+)?(?:\d+|a|an|one|two|three|four|five|six)\s+"
    r"(?:and\s+a\s+half\s+)?(?:weeks?|months?|years?)(?:\s+and\s+a\s+half)?(?:\s+(?:now|roughly|or\s+so|"
    r"ish|on\s+and\s+off|at\s+least))*[\s.!]*)$", re.I)


def _read_location(text: str, ctx: Ctx) -> Reading:
    """Where it happens, and, when said with it, since when ("Oak Road N3, since last summer")."""
    since = _SINCE_IN_ANSWER.search(_clean(text))
    place = _clean(text)[:since.start()].strip(" ,.;-") if since and since.start() > 2 else _clean(text)
    reading = _free("asb_location", 2)(place, ctx)
    if isinstance(reading, Answer) and since and since.start() > 2:
        reading.values["asb_since"] = since.group(1).strip(" ,.;-")
    if isinstance(reading, Answer):
        area = read_area(text, ctx.policy)
        if area.inside is True:
            reading.values["in_area"] = True
        elif area.inside is False:
            reading.values["_outside_hint"] = area.place or area.district
    elif reading is None and answers.unsure(text, ctx.intent):
        return Unclear()
    return reading


ASB_LOCATION = Question(
    "asb_location",
    text=lambda s, p: ("Where is it happening? A street name or postcode is enough."
                       if s.get("asb_since") else
                       f"Where is it happening, and roughly when did it start? For example \"Oak Road, "
                       f"{p.example_district}, since last summer\"."),
    again=lambda s, p: f"Please tell me the street, estate or postcode where it happens, like \"Oak Road, "
                       f"{p.example_district}\".",
    unsure=_unsure_answer({"asb_location": "Not given", "in_area": True}, "I'll leave that for now. You can add it when I show you everything at the end."),
    read=_read_location,
    free_text=True,
)


def _read_in_area(text: str, ctx: Ctx) -> Reading:
    if answers.unsure(text, ctx.intent):
        return Answer({"in_area": True}, "That's fine: the team will check.")
    value = answers.yes_no(text, ctx.intent)
    if value is not None:
        return Answer({"in_area": value})
    area = read_area(text, ctx.policy)
    if area.known:
        return Answer({"in_area": area.inside})
    return None


def _in_area_text(s, p) -> str:
    hint = s.get("outside_hint")
    if hint:
        return f"{hint} looks like it's outside {p.council.area}. Is the problem happening in {p.council.area}?"
    return f"Is that in {p.council.area}?"


IN_AREA = Question(
    "in_area",
    text=_in_area_text,
    buttons=lambda s, p: _b("Yes", "No", "Not sure"),
    again=lambda s, p: f"Is the place where it happens in {p.council.area}? If you're not sure, say so and the team "
                       "will check.",
    unsure=_unsure_answer({"in_area": True}, "That's fine: the team will check."),
    read=_read_in_area,
)


def _read_since(text: str, ctx: Ctx) -> Reading:
    if answers.unsure(text, ctx.intent):
        return Answer({"asb_since": "not sure"})
    return _free("asb_since")(text, ctx)


ASB_SINCE = Question(
    "asb_since",
    text=lambda s, p: "When did it start? A rough idea is fine, like \"last summer\" or \"about a year ago\".",
    unsure=_unsure_answer({"asb_since": "not sure"}),
    read=_read_since,
    free_text=True,
)

ASB_IMPACT = Question(
    "asb_impact",
    text=lambda s, p: (f"How is it affecting {they(s)['affect']}? For example sleep, health, work, or feeling safe at "
                       "home."),
    unsure=_unsure_answer({"asb_impact": "not said"}, "I'll leave that for now. You can add it when I show you everything at the end."),
    read=lambda text, ctx: (Answer({"asb_impact": "not said"}) if answers.unsure(text, ctx.intent)
                            else _free("asb_impact")(text, ctx)),
    free_text=True,
)


def _read_vulnerability(text: str, ctx: Ctx) -> Reading:
    t = _clean(text)
    if not t or is_question(t) and not re.search(r"\b(?:i'?m|i am|i have|my|he|she|they)\b", t, re.I):
        return None
    if re.search(r"\bprefer not\b|\brather not\b|\bdon'?t want to (?:say|go into)\b|\bnot saying\b", t, re.I):
        return Answer({"vulnerability": "Prefer not to say"})
    if answers.yes_no(t, ctx.intent) is False or re.match(r"^\W*(?:no(?:ne)?|nobody|no one|none of us|not really|"
                                                          r"nah)\b[^,]*$", t, re.I):
        return Answer({"vulnerability": "No"})
    if answers.unsure(t, ctx.intent):
        return Answer({"vulnerability": "Not sure"})
    return Answer({"vulnerability": t[:1000]})


VULNERABILITY = Question(
    "vulnerability",
    text=lambda s, p: ("Is anyone affected especially at risk, for example because of their age, a disability, a "
                       "health condition, or children in the home? This helps the team respond."),
    buttons=lambda s, p: (("Yes", "Yes"), ("No", "No"), ("Prefer not to say", "Prefer not to say")),
    unsure=_unsure_answer({"vulnerability": "Not sure"}),
    read=_read_vulnerability,
    free_text=True,
)


def _read_continuing(text: str, ctx: Ctx) -> Reading:
    t = _clean(text)
    if re.search(r"\b(?:not|never|hasn'?t|has not|haven'?t|won'?t|doesn'?t)\s+(?:\w+\s+)?(?:stopped|stop|ended|"
                 r"gone away|let up|finished|over|done)\b|\bnot (?:yet )?(?:finished|over)\b", t, re.I):
        return Answer({"problem_continuing": True})  # "not stopped, no": still happening
    # what they fear will happen ("I bet it starts again at Christmas") is not what is happening
    said = re.sub(r"\b(?:i bet|bet|probably|might|may|could|will|'ll|worried|scared|afraid|expect)\b.*", "", t,
                  flags=re.I)
    again = re.search(r"\bbut\b(.{0,60}?)\b(?:(?:is|are|'s|'re|s|re) (?!not\b)\w+ing|started|starting|back|again)\b",
                      said, re.I)
    if again and not re.search(r"\b(?:nothing|no ?one|nobody|quiet|worried|scared|afraid|fear)\b", again.group(1), re.I):
        return Answer({"problem_continuing": True})  # "it stopped in the summer, but now the new family are doing it"
    if (facts_module.STOPPED.search(said) or re.match(r"\W*(?:it\s+|they\s+)?(?:stopped|ended|finished|went quiet)\b",
                                                      said, re.I)) and not facts_module._NOT_STOPPED.search(said):
        return Answer({"problem_continuing": False})
    if facts_module.CONTINUING.search(said) or re.search(r"\b(?:worse|again|still|yesterday|last night|this week|"
                                                         r"every|daily|ongoing|hasn'?t stopped)\b", said, re.I):
        return Answer({"problem_continuing": True})
    value = answers.yes_no_loose(t)
    if value is not None:
        return Answer({"problem_continuing": value})
    return Unclear() if answers.unsure(t, ctx.intent) else None


PROBLEM_CONTINUING = Question(
    "problem_continuing",
    text=lambda s, p: "Is it still happening?",
    buttons=lambda s, p: (("Yes", "Yes"), ("No, it has stopped", "No")),
    again=lambda s, p: "Is the anti-social behaviour still going on, even if not every day?",
    explain=lambda s, p: (f"The {p.council.scheme_name} is for problems that are still going on. If it happens now "
                          "and then, that counts as still happening. If you're not sure, we'll carry on and the team "
                          "will check. Is it still happening?"),
    read=_read_continuing,
    unsure=_unsure_answer({"problem_continuing": None}, "OK, the team will check that with you."),
)


# Something was done after a report, whatever came of it: the resident is asked whether they feel no action
# was taken, never told ("they did a joint visit but nothing changed")
SOME_ACTION = re.compile(
    r"\b(?:visit(?:ed|s)?|came (?:round|out|over)|had a word|spoke to (?:him|her|them|the (?:family|tenants?|"
    r"neighbours?))|warning|warned|(?:wrote|sent|send) (?:a |him |her |them )?(?:a )?letters?|letter was sent|"
    r"acceptable behaviour|abc|injunction|cpn|cpw|community protection|closure order|cctv|cameras?|evicted|"
    r"moved (?:him|her|them|the \w+)|rehoused|arrested|charged|cleared|removed|door entry|new locks?|lights?|"
    r"mediation|patrols?)\b", re.I)


def _read_no_action(text: str, ctx: Ctx) -> Reading:
    t = _clean(text)
    if re.search(r"\b(?:evicted|moved (?:him|her|them) out|injunction|court order|cpn|community protection|abc|"
                 r"acceptable behaviour|closure order|arrested|charged|prosecuted|they (?:did|have done|'ve done) "
                 r"(?:stuff|things|something|a lot|plenty)|some action|action (?:was|has been) taken|they did do|"
                 r"been helpful|sorted it|dealt with it|not nothing|(?:did|have|'ve|has) (?:put|fitted|installed) "
                 r"(?:up )?(?:cameras?|cctv|lights?|a camera))\b", t, re.I) and not re.search(r"\bno action\b", t, re.I):
        return Answer({"no_action_taken": False})  # "they did put cameras up so not nothing"
    lead = answers.yes_no(re.split(r"[,.;!-]", t, maxsplit=1)[0])
    rest = re.split(r"[,.;!-]", t, maxsplit=1)[-1]
    if lead is not None and re.search(r"\b(?:did|have|has|they'?ve)\s+(?:send|sent|give|gave|issue|issued|visit|"
                                      r"visited|come|came|speak|spoke)\b|\b(?:letter|warning|visited|came round|"
                                      r"spoke to (?:him|her|them))\b", rest, re.I) and \
            not re.search(r"\b(?:nobody|no one|no-one|nothing|never|not|no)\b|n'?t\b", rest.split(" but ")[0], re.I):
        # "no, they did send a letter but it didn't help": the answer said first, about what was done
        return Answer({"no_action_taken": lead})
    if _NOTHING.search(t) or re.search(r"^\W*none\b|\bwhatsoever\b|\bnot a (?:single )?thing\b|\b(?:no action|none at all|nothing|nohting|nothign|didn'?t (?:help|work|make "
                                       r"any difference)|made no difference|no difference|not worked|no use|useless|"
                                       r"keep giving me (?:reference|ref)|just (?:logged|noted))\b", t, re.I):
        return Answer({"no_action_taken": True})
    value = answers.yes_no(t, ctx.intent)
    if value is not None:
        return Answer({"no_action_taken": value})
    if re.search(r"\bfeels? like it\b|\bpassed (?:a|a)?round\b|\bfobbed off\b", t, re.I) or \
            answers.yes_no_loose(t) is True and not re.search(r"\b(?:warning|letter|visited|came round)\b", t, re.I):
        return Answer({"no_action_taken": True})  # "Feels like it, yes. I just keep getting passed around"
    if re.search(r"\b(?:warning|letter|came round|visited|spoke to (?:him|her|them)|said they would)\b", t, re.I):
        # something was done but the resident says nothing came of it: their view is what's asked
        return Unclear("changed")
    return Unclear() if answers.unsure(t, ctx.intent) else None


NO_ACTION = Question(
    "no_action_taken",
    text=lambda s, p: f"Do {they(s)['you']} feel that no action has been taken about the reports?",
    buttons=lambda s, p: (("Yes, nothing has been done", "Yes"), ("No, action has been taken", "No")),
    again=lambda s, p: (f"Has anything been done that dealt with the problem? Say \"nothing has been done\" if "
                        f"{they(s)['you_feel']} the reports haven't led to action, even if someone came round once."),
    explain=lambda s, p: (f"The {p.council.scheme_name} is for when reports haven't led to action that dealt with "
                          "the problem. If something was tried but it didn't help, that's worth saying, and the "
                          "partners will look at it. If you're not sure, we'll carry on. Do you feel no action has "
                          "been taken?"),
    read=_read_no_action,
    unsure=_unsure_answer({"no_action_taken": True}, "OK. The partners will look at what has been done."),
)


# -- consent and contact -------------------------------------------------------------------


def _read_share(text: str, ctx: Ctx) -> Reading:
    t = _clean(text)
    if re.search(r"\b(?:i )?(?:agree|consent|happy (?:for|with|to)|fine with|go ahead|ok with|okay with|that'?s fine|"
                 r"no problem|of course)\b", t, re.I) and not re.search(r"\b(?:don'?t|do not|not|never)\s+(?:\w+\s+)?"
                                                                     r"(?:agree|consent|happy)\b", t, re.I):
        return Answer({"consent_to_share": True})
    value = answers.yes_no_loose(t)
    if value is not None:
        return Answer({"consent_to_share": value})
    return Unclear() if answers.unsure(t, ctx.intent) else None


def _share_text(s, p) -> str:
    return (f"To review the case, the {p.council.team} shares the application with the partners in the "
            f"{p.council.partnership}: the council, the police and housing providers. Do you agree to this?")


CONSENT_TO_SHARE = Question(
    "consent_to_share",
    text=_share_text,
    buttons=lambda s, p: (("Yes, I agree", "Yes"), ("No", "No")),
    again=lambda s, p: (f"Is it OK for the {p.council.team} to share your application with the council, the police "
                        "and housing providers, so they can review the case together?"),
    explain=lambda s, p: ("Your details are only shared with the partners reviewing the case, never with the people "
                          "causing the problem. Without your agreement the case can't be reviewed. If you'd like to "
                          f"talk it through first, call the {p.council.team} on {_cst(p)}. Do you agree?"),
    read=_read_share,
)

# Words about the contact details or a question, never part of a name: "stephen farrow, email me, its ...",
# "its Ifeoma, Ifeoma Nwachukwu, umm can i give my sons number instead?"
_CONTACT_TALK = re.compile(r"\b(?:e-?mail|phone|number|mob|mobile|call|calls|text|ring|contact|address|reach|landline|"
                           r"instead|council|shut|open|fine|best|prefer|can|could|does|do|is|are|will|umm?|erm|"
                           r"thanks|thank|please|me|mine|his|hers|theirs|or|office|team|line|ask|don'?t|dont|not|have|haven'?t|"
                           r"use)\b|\?", re.I)
_SELF_NAMED = re.compile(r"^\W*(?:i'?m|im|i am|my name(?:'s| is)|this is|it'?s|its)\s+", re.I)


def _name_among_the_chat(rest: str) -> Optional[answers.NameReading]:
    """The name in a reply that also talks about how to be contacted: the fullest part that is only a name."""
    for said in re.finditer(r"\b(?:my name(?:'s| is)|i'?m called|i'?m|i am|this is)\s+([^,.;!?]+)", rest, re.I):
        own = answers.read_name(said.group(1))
        if own.name and not _CONTACT_TALK.search(own.name):
            return own  # "my name is jamal ahmed, use my daughter's number ..."
    parts = [p.strip() for p in re.split(r"[,;!?]+|(?<=[a-z]{2})\.\s*|\s+-\s+", rest) if p and p.strip()]
    # "he's Winston", "my mum is Mary Smith": someone else's name, not theirs
    # "try my work email": words about it, not a name
    parts = [p for p in parts if not _CONTACT_TALK.search(p) and
             not re.search(r"\b(?:my|your|our|the|try|work|giving|using|comfortable)\b", p, re.I) and
             not re.match(r"(?:he|she|they)(?:'s|s| is| are)?\b|(?:my|her|his|their|our) (?!name)\w+", p, re.I)]
    # the fullest name; one said as theirs ("I'm Leon Baptiste") first when as full
    read = [(answers.read_name(p), bool(_SELF_NAMED.match(p))) for p in parts]
    names = [(len(r.name.split()), own, r) for r, own in read if r.name]
    return max(names, key=lambda n: (n[0], n[1]))[2] if names else None


def _read_name_and_contact(text: str, ctx: Ctx) -> Reading:
    """ "Jo Bloggs, 07700 900123": the name, and a phone number or email address when given with it."""
    if is_question(text):
        return None
    text = answers.spelt_out_email(text)
    contact = answers.read_contact(text)
    rest = text
    values: Dict[str, Any] = {}
    if contact.refused:
        return Unclear("refused")
    if contact.phone or contact.email:
        rest = answers.without_contact(text)
        if re.fullmatch(r"(?:\W*\b(?:home|work|landline|mob|mobile|office|daytime|evenings?|either|or|and|my|"
                        r"personal|number|on)\b)*\W*", rest, re.I):
            rest = ""  # "Home 020 7946 0587 or mobile 07700 900495": the labels, no name
        if contact.phone:
            values["contact_phone"] = contact.phone
        if contact.email:
            values["contact_email"] = contact.email
        values["contact"] = "given"
    if not re.search(r"[A-Za-z]{2}", rest):
        return Answer(values) if values else Unclear()
    reading = answers.read_name(rest)
    first = re.split(r"(?<=[a-z])[.!?;]\s+", rest.strip(), maxsplit=1)[0]
    if (reading.refused or not reading.name) and first != rest.strip():
        reading = answers.read_name(first)  # "Martin Hale. I don't want anything coming to the house."
    if not reading.refused and (not reading.name or _CONTACT_TALK.search(reading.name)):
        reading = _name_among_the_chat(rest) or reading
    if reading.refused and not values:
        return Unclear("refused")
    if reading.name:
        first = re.split(r"\s*[,(;]\s*", reading.name, maxsplit=1)[0].strip()
        # "Sarah Ellis, her daughter", "Anna Webb, caseworker for the MP": the name, then who they are ("Smith, John"
        # keeps its comma: one word before it is not a whole name)
        values["applicant_name"] = first if first != reading.name and len(first.split()) >= 2 else reading.name
        return Answer(values)
    if values:
        return Answer(values)  # the contact details: the name is asked next
    return Unclear(reading.problem)


APPLICANT_NAME = Question(
    "applicant_name",
    text=lambda s, p: (("What is your own name, as the person applying" if s.get("applying_for") == "someone_else"
                        else "What is your name") + (", and a phone number or email address the Community Safety "
                                                     "Team can use?" if not s.get("contact") else "?")),
    again=lambda s, p: "Please type your full name, like Jo Bloggs.",
    read=_read_name_and_contact,
    free_text=True,
)


def _read_contact(text: str, ctx: Ctx) -> Reading:
    reading = answers.read_contact(text)
    if reading.refused:
        return Unclear("refused")
    values: Dict[str, Any] = {}
    if reading.phone:
        values["contact_phone"] = reading.phone
    if reading.email:
        values["contact_email"] = reading.email
    if reading.address:
        values["contact_address"] = reading.address
        values["contact_postcode"] = reading.postcode
    if reading.problems:
        return Unclear(" ".join(reading.problems))
    if values:
        values["contact"] = "given"
        return Answer(values)
    if is_question(text):
        return None
    return Unclear("Please give a phone number or an email address, like 07700 900123 or name@example.com.")


CONTACT = Question(
    "contact",
    text=lambda s, p: (f"How can the {p.council.team} contact you? Please give a phone number or an email "
                       "address."),
    again=lambda s, p: "Please type a phone number, like 07700 900123, or an email address, like name@example.com.",
    read=_read_contact,
    free_text=True,
)

_METHOD_WORDS = dict(answers.CONTACT_METHODS)


def contact_methods(state: Mapping[str, Any]) -> List[Tuple[str, str]]:
    """The ways of contact the resident gave: (method, button title)."""
    out = []
    if state.get("contact_phone"):
        out += [("phone", "Phone call"), ("text", "Text message")]
    if state.get("contact_email"):
        out.append(("email", "Email"))
    if state.get("contact_address"):
        out.append(("post", "Letter"))
    return out


_NOT_BY = re.compile(r"\b(?:don'?t|do not|dont|never|please don'?t|no|not by|not|rather not|not (?:great|good|keen) "
                     r"(?:at|with|on))\s+(?:\w+\s+){0,2}?"
                     r"(?:ring|call|phone|text|e-?mail|write|letters?|post|calls?|texts?|e-?mails?)\w*", re.I)


def _read_preferred(text: str, ctx: Ctx) -> Reading:
    # "email only - please don't ring, he'll hear": the way ruled out is not a choice
    ruled_out = {answers.choose(m.group(), answers.CONTACT_METHODS) for m in _NOT_BY.finditer(text)} - {None}
    method = answers.choose(_NOT_BY.sub(" ", text), answers.CONTACT_METHODS)
    if method is None and ruled_out:
        left = [m for m, _t in contact_methods(ctx.state) if m not in ruled_out]
        method = left[0] if len(left) == 1 else None  # "not by phone", with a phone and an email given
    elif method is None:
        method = answers.choose(text, answers.CONTACT_METHODS)
    extra = _read_contact(text, ctx) if re.search(r"\d{5,}|@", text) else None
    values: Dict[str, Any] = dict(extra.values) if isinstance(extra, Answer) else {}
    values.pop("contact", None)
    if method is None and values:
        method = "email" if "contact_email" in values else "phone" if "contact_phone" in values else "post"
    if method is None and re.search(r"\b(?:either|any|whichever|don'?t mind|doesn'?t matter|both)\b", text, re.I):
        method = contact_methods({**ctx.state, **values})[0][0] if contact_methods({**ctx.state, **values}) else None
    if method is None:
        return Unclear() if answers.unsure(text, ctx.intent) else None
    values["preferred_contact"] = method
    return Answer(values)


PREFERRED_CONTACT = Question(
    "preferred_contact",
    text=lambda s, p: "How would you like them to contact you?",
    buttons=lambda s, p: tuple((title, title) for _m, title in contact_methods(s)) or
    _b("Phone call", "Text message", "Email", "Letter"),
    again=lambda s, p: "Which would you prefer: " + ", ".join(t.lower() for _m, t in contact_methods(s)) + "?",
    read=_read_preferred,
    unsure=lambda ctx: Answer({"preferred_contact": (contact_methods(ctx.state) or [("phone", "")])[0][0]}),
)


def _specific(slot: str, key: str, example: str) -> Callable[[str, Ctx], Reading]:
    def read(text: str, ctx: Ctx) -> Reading:
        reading = _read_contact(text, ctx)
        if isinstance(reading, Answer) and key in reading.values:
            values = dict(reading.values)
            values.pop("contact", None)
            values[slot] = values[key]
            return Answer(values)
        if isinstance(reading, Unclear) and reading.hint == "refused":
            return reading
        if reading is None:
            return None
        return Unclear(reading.hint if isinstance(reading, Unclear) and reading.hint and "look" in reading.hint
                       else f"Please type it like {example}.")
    return read


CONTACT_PHONE = Question("contact_phone", text=lambda s, p: "What phone number should they use?",
                         read=_specific("contact_phone", "contact_phone", "07700 900123"), free_text=True)
CONTACT_EMAIL = Question("contact_email", text=lambda s, p: "What email address should they use?",
                         read=_specific("contact_email", "contact_email", "name@example.com"), free_text=True)


def _read_address(text: str, ctx: Ctx) -> Reading:
    reading = answers.read_contact(text)
    if reading.postcode:
        return Answer({"contact_address": reading.address or _clean(text), "contact_postcode": reading.postcode})
    if is_question(text):
        return None
    return Unclear(f"Please include the postcode, like 12 Oak Road, {ctx.policy.example_postcode}.")


CONTACT_ADDRESS = Question("contact_address",
                           text=lambda s, p: "What postal address should they write to? Please include the postcode.",
                           read=_read_address, free_text=True)


_NO_NOTES = re.compile(
    r"^\W*(?:no+|nah|nope|not really|no thanks?|no,? thank you|no,? (?:that'?s|it'?s|all) (?:fine|ok|okay|good)|"
    r"none|nothing|no(?:thing)? else)?[\s,.!]*(?:(?:not|nothing) (?:that )?i can think of|can'?t think of (?:anything|"
    r"any)|nothing (?:really|to add|springs to mind|comes to mind)|no+(?:thing)?(?: else)?|none|nope|that'?s (?:all|it|"
    r"fine)|all good|n/?a|not really|any ?time(?: is)? (?:fine|ok|okay|good)?|(?:i'?m |it'?s )?(?:fine|ok|okay)(?: either "
    r"way)?)?\W*$", re.I)


# "no voicemails please" starts with no but is the note itself.
_A_NOTE = re.compile(r"\b(?:voicemails?|messages?|calls?|call|calling|ring|text|texts|letters?|post|emails?|before|after|"
                     r"between|weekends?|mornings?|evenings?|nights?|work|home|husband|wife|partner|neighbours?|door|"
                     r"knock|visit|visits|name|withheld|private)\b", re.I)


def _phone_assumed(s: Mapping[str, Any]) -> bool:
    """Only a phone number was given, so a call is assumed and the notes question offers a text instead."""
    return "preferred_assumed" in (s.get("answered") or ()) and s.get("preferred_contact") == "phone"


_TEXT_INSTEAD = re.compile(r"\b(?:text|texts|txt|sms|whats ?app|message me|messages)\b", re.I)


def _read_notes(text: str, ctx: Ctx) -> Reading:
    t = _clean(text)
    if not t:
        return None
    if _phone_assumed(ctx.state) and _TEXT_INSTEAD.search(t) and not re.search(
            r"\b(?:don'?t|do not|no|never|not)\s+(?:\w+\s+)?(?:text|txt|sms|whats ?app|message)", t, re.I):
        # "text me instead", "text is better, not after 8pm": a text, and any note with it
        rest = re.sub(r"^\W*(?:(?:yes|yeah|please|pls|just|only|can you|could you|i'?d prefer|prefer|rather)\W+)*"
                      r"(?:a )?(?:text|txt|sms|whats ?app|message)(?: me| message| messages)?(?: instead| only| please| "
                      r"is (?:better|best|easier)| rather than (?:a )?calls?| not calls?)*\W*", "", t, flags=re.I)
        note = rest if rest and not _NO_NOTES.match(rest) and len(rest.split()) >= 2 else "No"
        return Answer({"preferred_contact": "text", "contact_notes": t[:500] if note != "No" else "No"})
    if re.search(r"\b(?:don'?t|do not|not sure) (?:know |understand )?what you mean\b|\bwhat do you mean\b|"
                 r"\bdon'?t understand\b", t, re.I):
        return Unclear()
    if _NO_NOTES.match(t) or answers.yes_no(t, ctx.intent) is False and not _A_NOTE.search(t):
        return Answer({"contact_notes": "No"})
    if is_question(t) and not re.search(r"\b(?:maybe|perhaps|probably)\b.{0,12}\b(?:that|say|put)\b|\bi'?m (?:away|out|at "
                                          r"work|on holiday)\b|\bdon'?t (?:call|ring|text|email|phone)\b", t, re.I):
        return None
    # "not sure what to put, maybe that I'm away from 10 to 20 December?": a note, said unsurely
    return Answer({"contact_notes": t[:500]})


def _notes_text(s: Mapping[str, Any], p: Policy) -> str:
    if _phone_assumed(s):
        return (f"They'll phone you on {s.get('contact_phone')}. Is there anything they should know to contact you "
                "safely? For example to text you instead, times to avoid, or not to leave voicemails.")
    return ("Is there anything they should know to contact you safely? For example times to avoid, or not to leave "
            "voicemails.")


CONTACT_NOTES = Question(
    "contact_notes",
    text=_notes_text,
    buttons=lambda s, p: _b("No", "Text me instead") if _phone_assumed(s) else _b("No"),
    again=lambda s, p: ("Some people don't want a call at certain times, or a voicemail or letter someone else might "
                        "see. Is there anything like that the team should know? If not, say no."),
    explain=lambda s, p: ("For example: \"don't call before 6pm\", \"don't leave a voicemail\" or \"text first, my "
                          "neighbour can hear my phone\". Is there anything like that they should know? If not, say "
                          "no."),
    unsure=_unsure_answer({"contact_notes": "No"}),
    read=_read_notes,
    free_text=True,
)

SUMMARY_CONFIRMED = Question(
    "summary_confirmed",
    text=lambda s, p: ("Is everything correct? You can tell me what to change, for example \"the second report was on "
                       "the 4th\" or \"remove report 3\"."),
    buttons=lambda s, p: (("Yes, it's all correct", "Yes"), ("I need to change something", "I need to change something")),
    # after a change, or when a change could not be read: other words, never "Sorry, once more"
    again=lambda s, p: "Is everything correct now? Say yes to send it, or tell me what to change.",
    read=lambda text, ctx: None,  # read by the engine: a yes, or a correction
)

QUESTIONS: Dict[str, Question] = {q.slot: q for q in (
    DANGER, ASB_TOO, APPLYING_FOR, RELATIONSHIP, VICTIM_CONSENT, VICTIM_NAME, VICTIM_TYPE, ONGOING_COMPLAINT, ROUTE,
    REPORT, REPORT_REPORTER, REPORT_ORGANISATION, REPORT_ORG_CATEGORY, REPORT_ORG_NAME, REPORT_DATE,
    REPORT_DATE_CHECK, REPORT_SAME, REPORT_INCIDENT_DATE, REPORT_DETAILS, REPORTS_CONFIRM, ANOTHER_REPORT, REPORTS_OUTCOME,
    ASB_DESCRIPTION, ASB_LOCATION, IN_AREA, ASB_SINCE, ASB_IMPACT, VULNERABILITY, PROBLEM_CONTINUING, NO_ACTION,
    CONSENT_TO_SHARE, APPLICANT_NAME, CONTACT, PREFERRED_CONTACT, CONTACT_PHONE, CONTACT_EMAIL, CONTACT_ADDRESS,
    CONTACT_NOTES, SUMMARY_CONFIRMED,
)}


def _quote(text: str, limit: int = 200) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."
