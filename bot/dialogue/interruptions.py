"""Messages that are not answers: a question about the process, stop, start again,
a person, carry on. Read in the resident's words first; the intent classifier
is only asked when these can't tell, and only about messages that are not an
answer to the question just asked (the engine reads the answer first).

Control words are matched whole and short, so "it stopped" is an answer and
"I just want it all to stop" is not "stop".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

STOP = "stop"
RESTART = "start_again"
PERSON = "human_handoff"
CARRY_ON = "continue"
THANKS = "thanks"
GOODBYE = "goodbye"
BOT = "bot_challenge"
WAIT = "wait"           # "hang on", "brb": the answers are kept
OOPS = "oops"           # "sent that by accident": the question again
PING = "ping"           # "are you still there?"
FRUSTRATED = "frustrated"  # "you keep asking the same thing"

_CONTROL = {
    STOP: re.compile(
        r"^(?:please |can we |can i |i (?:want|would like|'d like|need) to |let'?s |i'?m going to |just )?"
        r"(?:stop|quit|exit|cancel|end|pause|leave)(?: (?:it|this|now|here|please|for now|for today|the (?:chat|"
        r"conversation|application|form|questions))){0,3}(?: please)?[\s.!]*$|"
        r"^(?:i )?(?:don'?t|do not) want to (?:do this|carry on|continue|go on|answer (?:any )?more)\b.*$|"
        r"^(?:forget it|never ?mind|leave it|no more questions)\b.*$|\bi'?ve changed my mind\b|\bi'?m done\b|"
        r"\b(?:i )?(?:have|need|got) to go\b|\b(?:can i|i'?ll|i will|let me) (?:just )?(?:leave|stop|come back to) "
        r"(?:this|it)\b|\bi'?ll (?:finish|do) (?:this|it|the rest) later\b|"
        r"^(?:i )?(?:need|have|got) to (?:stop|go)\b", re.I),
    RESTART: re.compile(
        r"^(?:please |can we |can i |i (?:want|would like|'d like|need) to |let'?s |i'?d like to )?(?:start|begin|"
        r"do (?:it|this)) (?:again|over|afresh|from (?:the )?(?:start|beginning|scratch))(?: please)?[\s.!]*$|"
        r"^(?:restart|reset|start over|new application|start a new (?:one|application))(?: please)?[\s.!]*$|"
        r"\b(?:start|begin) (?:again|over) from the (?:start|beginning)\b|\b(?:can|could) (?:we|i) (?:start|begin) "
        r"(?:again|over|afresh)\b|\bgo back to the (?:beginning|start)\b|\b(?:redo|re-do) (?:this|it|the whole)\b|"
        r"\bfrom scratch\b|\bstart (?:it |this )?(?:all )?over\b", re.I),
    PERSON: re.compile(
        r"\b(?:talk|speak|chat|get through) (?:to|with) (?:a |an |some ?one|some ?body|a real|real|actual|a human|"
        r"human|a person|person|an? (?:officer|adviser|advisor|member of staff|council officer))|"
        r"\b(?:real|actual|live) (?:person|human|people)\b|\bhuman being\b|\b(?:can|could) (?:someone|somebody|"
        r"you|an officer) (?:call|ring|phone) me\b|\b(?:a|the|your|their|any) (?:phone|telephone) number\b|"
        r"\b(?:phone|telephone) number (?:for|of|to)\b|\bnumber (?:to|i can) "
        r"(?:call|ring)\b|\b(?:anyone|someone|somebody) (?:i|we) can (?:ring|call|phone|talk to|speak to)\b|"
        r"\bput me through\b|\bover the phone\b|\b(?:call|ring|phone) me back\b|\bby phone instead\b|\bring (?:you|someone|the council) "
        r"instead\b|^\W*(?:human|agent|operator|person)(?: please)?\W*$", re.I),
    CARRY_ON: re.compile(
        r"^(?:ok(?:ay)?[, ]+|yes[, ]+|right[, ]+|sure[, ]+|yeah[, ]+)?(?:let'?s )?(?:carry on|continue|go on|resume|"
        r"keep going|try again|again|go back to (?:it|the questions|where we were)|back to (?:it|the questions)|"
        r"(?:i'?m|we'?re) (?:safe|ok|okay|fine|back)(?: now)?|where was i|where were we|i'?m back|back)"
        r"(?: please| now)?[\s.!]*$", re.I),
    THANKS: re.compile(r"^(?:(?:ok(?:ay)?|great|lovely|brilliant|right)[, ]+)?(?:thanks?|thank you|thankyou|cheers|ta|many thanks|thanks a lot|thank you so much|"
                       r"great,? thanks?)(?: (?:very much|so much|a lot|for (?:your|the) help))?[\s.!]*$", re.I),
    GOODBYE: re.compile(r"^(?:bye|goodbye|good bye|see you|cya|ta-ra|tara|that'?s all(?: thanks)?|bye for now)"
                        r"[\s.!]*$", re.I),
    WAIT: re.compile(r"^(?:hang on|hold on|one (?:sec|second|moment|min(?:ute)?)|just a (?:sec|second|moment|"
                      r"min(?:ute)?)|give me a (?:sec|second|moment|min(?:ute)?)|brb|be right back|wait|bear with me|"
                      r"sorry,? (?:my|someone|the)\b[^?]{0,60}|someone(?:'s| is) at the door)\b[^?]{0,60}$|"
                      r"\b(?:battery|signal|phone)(?:'s| is)? (?:about to |going to |nearly )?(?:die|dying|dead|low|"
                      r"flat|going)\b", re.I),
    OOPS: re.compile(r"\b(?:by (?:accident|mistake)|wrong (?:box|button|key|chat)|ignore (?:that|this|my last)|"
                      r"(?:pressed|hit|sent) (?:send|enter|that) too (?:soon|early)|didn'?t mean to (?:send|press))\b",
                      re.I),
    PING: re.compile(r"\b(?:are|r) (?:you|u) (?:still )?(?:there|here|awake|working)\b|^\W*(?:hello|hi|hey)\W*\?+\W*$",
                     re.I),
    FRUSTRATED: re.compile(r"\basked (?:me )?(?:that|this|the same)\b.{0,20}\b(?:times|before|already|again)\b|"
                           r"\b(?:can'?t|don'?t) you understand\b|\b(?:you keep asking|keep asking me|already (?:told|said|answered)|(?:this|you)(?:'re| are|"
                           r" is) (?:useless|rubbish|pointless|not listening)|(?:it|this|the (?:bot|thing|system|computer|chat))\s+"
                           r"doesn'?t understand|doesn'?t understand (?:me|a word|what i)|don'?t understand "
                           r"(?:me|a word|what i)|not listening|going round in circles|ridiculous|waste of (?:my )?"
                           r"time)\b", re.I),
    BOT: re.compile(r"\b(?:are|r) (?:you|u) (?:a |an )?(?:real|human|robot|bot|computer|person|machine|ai)\b|"
                    r"\bis (?:this|it) (?:a |an )?(?:bot|robot|real person|computer|human|machine|ai|automated)\b|"
                    r"\bam i (?:talking|speaking|chatting) to (?:a |an )?(?:bot|robot|person|human|computer|machine)",
                    re.I),
}

# Questions about the process, by topic (answered from bot.dialogue.messages).
_TOPICS = (
    ("what_is_asb", r"\b(?:what|which) (?:counts|is|are|does|do|kind|kinds|sort|type|types)\b.{0,30}\b(?:anti.?social|"
                    r"asb)\b|\b(?:count|counts|classed|class(?:ed)?) as (?:asb|anti.?social)|\bis (?:it|that|this|"
                    r"parking|noise|[a-z' ]{3,70}) (?:asb|anti.?social)\b|\bwhat does asb (?:mean|stand for)"),
    ("which_reports", r"\b(?:do|does|would|will|did) (?:reports?|reporting|telling|complaints?) (?:to )?(?:my |the |a )?"
                      r"[a-z ]{0,20}\bcount\b|\bcount(?:s)? (?:as a report|towards)|\bhow many (?:reports|times)\b|"
                      r"\b(?:have|need) to be recent\b|\bhow recent\b|\bwhat if i(?:'ve)? only (?:got|have|made|"
                      r"reported)\b|\bonly (?:got|have) (?:one|two|1|2) reports?\b|\bdoes (?:it|that) count\b|"
                      r"\bsame (?:night|incident|thing)\b.{0,40}\bcount|\bcounts? if\b|"
                      r"\b(?:have|has|need|needs) to be (?:about )?the same (?:thing|issue|problem|person|people)\b|"
                      r"\bdifferent (?:things|problems|issues)\b.{0,30}\bcount"),
    ("reference", r"\bwhat(?:'?s| is| are) (?:a |an |the )?(?:cad|crime|cris|reference|incident|log)\b|"
                  r"\b(?:do i|will i|must i) need (?:a |the |any )?(?:crime |reference |cad |incident )?"
                  r"(?:numbers?|refs?|references?)\b|\bwhere (?:do i|can i) find (?:the|my|a) (?:reference|crime|"
                  r"cad)"),
    ("dates", r"\b(?:can'?t|cannot|don'?t|do not) remember (?:the )?(?:exact )?(?:dates?|when)\b.*\?|"
              r"\bexact dates?\b|\bdoes it matter (?:if|that) .{0,30}dates?"),
    ("save_later", r"\bsave (?:this|it|my|and)\b|\bfinish (?:it |this )?later\b|\bcome back (?:to (?:it|this) )?"
                   r"later\b|\bcontinue later\b|\bsave button\b|\bcarry on later\b"),
    ("appeal", r"\bappeal\b|\b(?:not|un)happy with (?:the )?(?:outcome|decision|result)\b|\bif (?:they|you) "
               r"(?:say|decide) no\b|\bturned down\b"),
    ("evidence", r"\bevidence\b|\b(?:videos?|photos?|pictures?|recordings?|footage|diary|diaries|proof|"
                 r"documents?|screenshots?)\b"),
    ("who_decides", r"\bwho (?:actually )?(?:decides|makes the decision|checks|looks at|reads|reviews)\b(?!.*\b(?:data|"
                    r"details|information)\b)"),
    ("area", r"\bonly for\b.{0,20}\b(?:borough|area|council|residents)\b|\bon the border\b|\boutside (?:the )?"
             r"(?:borough|area)\b|\b(?:another|different|other) (?:borough|council)\b|\bis this only for\b"),
    ("complaint_vs_trigger", r"\bsame as (?:a |making a )?complaint\b|\bdifferen(?:ce|t) (?:between|from)\b|"
                             r"\binstead of (?:complaining|a complaint|reporting)\b|\bisn'?t this (?:just )?a "
                             r"complaint\b|\bvs\.? (?:a )?complaint\b"),
    ("privacy", r"\bwho (?:will |can |gets to |would )?(?:see|sees|read|reads|know|knows|has access)\b|"
                r"\b(?:do|will|would) (?:you|they) (?:share|pass|send|give) (?:this|it|my|these)\b|"
                r"\b(?:don'?t|do not) want (?:my|our) (?:name|details)\b|\b(?:don'?t|do not) want (?:the |my |our )?"
                r"(?:neighbours?|him|her|them|anyone|landlord)\b.{0,20}\bto (?:know|find out)\b|"
                r"\bwill (?:they|you|the \w+) (?:tell|say to) (?:him|her|them|the neighbours?)\b|\bkeep (?:it|this|my name) (?:private|"
                r"secret|confidential)\b|\bdelete (?:what|my|this|everything|all)\b|\b(?:does|will|would) (?:this|it|"
                r"my \w+) (?:go|be sent|be passed|be shared) to\b|"
                r"\b(?:my|our) (?:data|details|information|info|name)\b.{0,40}\b(?:shared|see|kept|stored|safe|used|"
                r"private|confidential)|\bconfidential\b|\banonymous(?:ly)?\b|\bfind out (?:it was|that i|who)\b|"
                r"\bwill (?:they|he|she|my neighbours?|the neighbours?) (?:know|find out|see|be told)\b|"
                r"\b(?:data protection|gdpr|privacy)\b|\bdelete my (?:data|details)\b"),
    ("how_long", r"\bhow long\b|\bwhen (?:will|would|do|can) (?:i|we) (?:hear|get|know)\b|\bhow (?:soon|quick(?:ly)?)"
                 r"\b|\btimescales?\b|\bhow many days\b"),
    ("what_next", r"\bwhat happens (?:next|after|now|then|once)\b|\bwhat will happen\b|\b(?:will|does|would) "
                  r"(?:someone|somebody|anyone|an officer|they) (?:come|visit|contact|call)\b|\bwhat do (?:they|you) "
                  r"do (?:next|with)\b|\bwhat'?s next\b"),
    ("on_behalf", r"\bdo one (?:of these )?for\b|\b(?:apply|do (?:this|it)|fill (?:this|it) in|use (?:this|it)|do the application) (?:for|on behalf "
                  r"of) (?:my|someone|somebody|a |an |him|her|them|another)\b|\bon (?:someone|somebody)(?:'s| else'?s) "
                  r"behalf\b|\bfor someone else\b\?|\bcan (?:my|a) [a-z ]{2,20} apply for\b"),
    ("what_is_trigger", r"\bwhat(?:'?s| is| does)? (?:the |a |this )?(?:community )?trigger\b|\bwhat is (?:this|it|an? "
                        r"asb case review|the case review)\b|\bexplain (?:the|this|it|what)\b|\bwhat (?:is|does) "
                        r"(?:this|it) (?:do|for|mean)\b|\bhow does (?:this|it|the trigger) work\b|\bwhat'?s this\b|"
                        r"\bwhat can (?:you|this) do\b|\bin plain english\b"),
    ("glossary", r"\bwhat (?:do you mean by|does .{1,40} mean|is meant by)\b|\bwhat(?:'?s| is| are) (?:a |an )?"
                 r"(?:registered )?(?:housing provider|housing association|social landlord|partnership|partners)\b"),
    ("human", r"\b(?:(?:a|the|your|their|any) phone number|number to call|(?:your|their|the) contact "
              r"(?:details|number))\b"),
)
_TOPIC_RES = [(topic, re.compile(pattern, re.I)) for topic, pattern in _TOPICS]
# Complaints about a service or an officer: the organisation's own procedure, not the trigger.
COMPLAINT = re.compile(r"\b(?:make|making|put in|lodge|file|raise) a (?:formal )?complaint (?:about|against)\b|"
                       r"\b(?:want|like|need) to complain about (?:how|the way|pc|the police|the council|an? officer|"
                       r"my (?:housing|case)|the (?:officer|service|housing))|\bcomplain about (?:pc|dc|sgt|officer)\b",
                       re.I)
_DELETE = re.compile(r"\b(?:delete|remove|wipe|erase) (?:what i'?ve|my|this|everything|all|the)\b", re.I)
_QUESTION_LIKE = re.compile(r"\?|^(?:what|how|who|when|why|where|which|can|could|will|would|does|do|is|are|should|"
                            r"shall|am i|is it|what'?s|whats|hows|if|sorry what|wait,? what|so what|and what|but what|"
                            r"tell me|explain|please explain)\b", re.I)

# Intents the classifier may give for interruptions, and how sure it must be.
FAQ_INTENTS = {"ask_what_is_trigger": "what_is_trigger", "ask_what_is_asb": "what_is_asb", "ask_privacy": "privacy",
               "ask_how_long": "how_long", "ask_what_next": "what_next", "ask_on_behalf": "on_behalf"}
CONTROL_INTENTS = {"stop": STOP, "start_again": RESTART, "human_handoff": PERSON, "continue": CARRY_ON,
                   "thanks": THANKS, "goodbye": GOODBYE, "bot_challenge": BOT}
FAQ_CONFIDENCE = 0.6
CONTROL_CONFIDENCE = 0.85


@dataclass(frozen=True)
class Interruption:
    kind: str                     # "faq", "control", "crime", "complaint", "out_of_scope"
    value: str                    # the topic or control word


def control(text: str) -> Optional[str]:
    """A control word said plainly ("stop", "start again", "talk to a person", "carry on")."""
    t = " ".join((text or "").replace("\u2019", "'").split()).strip()
    if not t or len(t) > 160:
        return None
    for kind in (BOT, PERSON, RESTART, STOP, CARRY_ON, THANKS, GOODBYE, WAIT, OOPS, PING, FRUSTRATED):
        if _CONTROL[kind].search(t):
            return kind
    if len(t.split()) <= 14 and not re.search(r"\d", t) and _BACK_AND_GO_ON.search(t):
        return CARRY_ON
    return None


# Back after an emergency, in more words: "Sorry about that. I'm ok, we can continue", "ok I'm safe now, carry on",
# "its ok now hes gone. carry on"
_BACK_AND_GO_ON = re.compile(
    r"(?:^|[,.!;]\s*|\b(?:so|and|but)\s+)(?:(?:we|you) can |let'?s |please |ok(?:ay)?,? |lets )?(?:carry on|continue|"
    r"go on|keep going|get back to it|go back to (?:it|the questions))(?: now| please| then)?[\s.!]*$|"
    r"^(?:(?:sorry|ok(?:ay)?|right|yes|yeah)\b[^.!?]{0,30}[.,!]\s*)?(?:i'?m|im|we'?re|were) (?:all )?"
    r"(?:safe|ok|okay|fine|back|alright|all right)(?: now)?(?:,? (?:(?:he|she|they)(?:'s|s|'ve|ve| has| have)? "
    r"(?:gone|left)))?[\s.!]*$", re.I)


_PRIVACY_WORRY = re.compile(r"\b(?:don'?t|do not|dont) want (?:my|our) (?:name|details)\b|\b(?:don'?t|do not|dont) "
                            r"want (?:the |my |our )?(?:neighbours?|him|her|them|anyone|landlord)\b.{0,20}\bto "
                            r"(?:know|find out)\b|"
                            # "keep my address away from the police please", "don't give my number to them"
                            r"\bkeep (?:my|our) (?:address|name|details|number|phone number|email)\b.{0,20}\b(?:away|"
                            r"from|private|secret|confidential|out of)\b|\b(?:don'?t|do not|dont|please don'?t) "
                            r"(?:give|share|pass|send|tell)\s+(?:\w+\s+)?(?:my|our) (?:address|name|details|number|"
                            r"phone number|email)\b", re.I)


def faq_topic(text: str) -> Optional[str]:
    """The topic of a question about the process, when the message asks one."""
    t = " ".join((text or "").replace("\u2019", "'").split())
    if t and _PRIVACY_WORRY.search(t):
        return "privacy"  # a worry said, not asked: "I don't want my name going to the police"
    if not t or not _QUESTION_LIKE.search(t):
        return None
    for topic, pattern in _TOPIC_RES:
        if pattern.search(t):
            return topic
    return None


def read_interruption(text: str, intent: Optional[str], confidence: float) -> Optional[Interruption]:
    word = control(text)
    if word:
        return Interruption("control", word)
    if COMPLAINT.search(text or ""):
        return Interruption("complaint", "")
    topic = faq_topic(text) or ("privacy" if _DELETE.search(text or "") else None)
    if topic:
        return Interruption("faq", topic) if topic != "human" else Interruption("control", PERSON)
    short = len((text or "").split()) <= 8
    if intent in FAQ_INTENTS and confidence >= FAQ_CONFIDENCE and _QUESTION_LIKE.search(text or ""):
        return Interruption("faq", FAQ_INTENTS[intent])
    if intent in CONTROL_INTENTS and confidence >= CONTROL_CONFIDENCE and short and \
            intent not in ("continue", "thanks", "goodbye"):
        return Interruption("control", CONTROL_INTENTS[intent])
    if intent == "out_of_scope" and confidence >= CONTROL_CONFIDENCE:
        return Interruption("out_of_scope", "")
    if intent == "complain_service" and confidence >= FAQ_CONFIDENCE:
        return Interruption("complaint", "")
    if _QUESTION_LIKE.search(text or "") and (text or "").strip().endswith("?"):
        return Interruption("faq", "unknown")
    return None
