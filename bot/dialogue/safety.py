"""Is someone in danger right now? A deterministic check on top of the intent classifier.

The assistant must send a person in danger to 999 at any point, even mid-form.
The trained classifier does most of the work; this catches the plain cases it
might miss, by wording: something happening now or about to ("they're outside
banging on the door", "he's got a knife", "help me"). Past events ("they
threatened us last week") are not danger now: those are what the Community
Trigger is for.
"""
from __future__ import annotations

import re

_NOW = (r"(?:right now|now|at the moment|atm|as we speak|as i (?:type|write|speak)|currently|tonight|"
        r"this minute|outside (?:my|the|our)|at (?:my|the|our) (?:door|window)|in (?:my|our|the) "
        r"(?:house|flat|home|garden|hallway|stairwell))")
_PATTERNS = [
    # violence or a weapon, with a sign it is happening now
    r"\b(?:(?:is|are|'s|'re|s|re)\s+)?(?:attacking|hitting|beating|stabbing|punching|kicking|strangling|"
    r"hurting|assaulting|chasing|breaking in|kicking (?:the |my |our )?door (?:in|down)|setting fire|"
    r"(?:booting|kicking|boot|kick)(?:ing)? (?:it|the door|my door|our door|the front door)(?: in| down)?(?= *(?:$|[,.!]|now|in))|"
    r"trying to (?:get in|break in|hurt|kill|attack|stab))\b"
    # "kicking a football against my wall", "hitting the bins": a nuisance, not someone being hurt
    r"(?!\s+(?:a |an |the |their |his |her |my |our )?(?:foot)?balls?\b|\s+(?:a |the |our |my )?(?:bins?|cans?|bottles?|"
    r"walls?|fences?|cars?)\b)",
    r"\b(?:got|has|have|with|holding|waving|carrying|pulled out)\s+(?:a |an )?(?:knife|knives|gun|machete|"
    r"blade|weapon|bat|hammer|axe)\b",
    r"\b(?:going to|gonna|about to|threatening to|says? (?:he|she|they)'?(?:ll| will))\s+(?:kill|stab|hurt|"
    r"attack|shoot|burn|get) (?:me|us|my|our|him|her|them)\b.*\b" + _NOW,
    r"\b(?:fire|smoke|flames)\b.*\b(?:door|flat|house|building|stairs|letterbox)\b.*\b" + _NOW,
    r"\b(?:set|setting|put|putting)\s+(?:fire|something alight|.{0,20}(?:through|in) (?:my|our|the) letterbox)",
    r"\b(?:banging|hammering|kicking|smashing|attacking|fighting|threatening|screaming at|breaking)\b.*\b"
    r"(?:right now|as we speak|at the moment)\b",
    r"^\s*(?:help|help me|help us|please help|somebody help|call the police|call 999|sos)\s*[!.]*\s*$",
    r"\b(?:i'?m|i am|we'?re|we are)\s+(?:scared|terrified|frightened|afraid)\s+(?:for my life|they'?(?:ll| will) "
    r"(?:hurt|kill))",
    r"\b(?:i'?m|i am|we'?re|we are)\s+(?:not safe|in danger|trapped|hiding)\b",
    r"\b(?:someone|somebody|they|he|she)\s+(?:is|are|'s|'re)\s+(?:in|inside)\s+(?:my|our|the)\s+(?:house|flat|"
    r"home)\b",
    # violence a moment ago: "they've just smashed my window", "he's just punched my son"
    r"\b(?:has|have|'s|'ve|s|ve)\s+just\s+(?:smashed|broken|broke|punched|hit|attacked|stabbed|kicked|thrown|threw|"
    r"set fire|threatened|assaulted|pulled|grabbed|pushed|shot)\b|"
    r"\b(?:someone|somebody|he|she|they|a man|a woman|a gang|kids|youths)\s+(?:has\s+|have\s+)?just\s+(?:threw|thrown|"
    r"smashed|broke|punched|hit|attacked|stabbed|kicked|set fire|assaulted|pushed|grabbed|shot)\b|"
    r"\bjust now\b.*\b(?:smashed|punched|hit|attacked|"
    r"stabbed|kicked|threatened|assaulted)\b",
    # the home attacked a moment ago: "omg glass everywhere theyve put the window through"
    r"\b(?:they|he|she|someone|somebody|kids|youths|the lads|the boys)\s*(?:'ve|ve|have|has|'s|s)\s+(?:just\s+)?"
    r"(?:put|smashed|broken|broke|kicked|bricked|put a brick through|thrown a brick through|shot)\s+(?:in\s+)?"
    r"(?:my|our|the)\s+(?:front\s+|back\s+|kitchen\s+|bedroom\s+|car\s+)?(?:window|windows|door|windscreen)\b|"
    r"\bglass (?:everywhere|all over)\b(?! (?:(?:on|in|across|over|outside|along|down) )?(?:the |our |my )?(?:pavement|street|road|car ?park|park|path|pathway|"
    r"stairs|stairwell|bus stop|playground|estate|walkway|alley|green|pitch|grass))",  # (the mess left in the street)
    # someone hurt a moment ago: "my son's been stabbed outside"
    r"\b(?:has|have|'s|'ve|s|ve)\s+(?:just\s+)?been\s+(?:stabbed|attacked|assaulted|beaten(?: up)?|hurt|injured|shot|"
    r"punched|glassed|knocked out|run over)\b",
    # someone hurt now
    r"\b(?:someone|somebody|he|she|they|a man|a woman|a boy|a girl|my \w+)\s*(?:'s|'re|is|are)\s+(?:bleeding|hurt|"
    r"injured|unconscious|not breathing|on the (?:floor|ground)|being (?:attacked|beaten|hit|stabbed|chased))\b",
    r"\bthere'?s (?:a |an )?(?:fight|fighting|brawl|stabbing|shooting|gun|knife|man with a|riot)\b",
    # fire or smoke sensed now: "I can smell smoke", "there's smoke coming under the door"
    r"\b(?:i|we)?\s*can\s+(?:smell|see)\s+(?:smoke|fire|flames|burning|gas)\b|\bthere'?s\s+(?:smoke|a fire|fire|"
    r"flames)\b|\b(?:is|are|'s|'re)\s+on fire\b",
    # a threat being made as they speak: "they're shouting they'll burn us out"
    r"\b(?:is|are|'s|'re)\s+(?:shouting|screaming|yelling|saying|threatening|texting|messaging)\s+(?:that\s+)?(?:they|he|"
    r"she)'?(?:ll| will| are going to| is going to|'re going to|'s going to|re gonna|s gonna)\s+(?:kill|stab|hurt|"
    r"burn|shoot|get|attack|smash)\b",
    # trapped, or being waited for
    r"\bwaiting for me\b|\bi can hear (?:him|her|them|someone|somebody)\b"
    r".{0,40}\b(?:coming|outside|at|on|in|breaking|banging|kicking|shouting)\b",
    # heard now: "I can hear glass smashing downstairs"
    r"\b(?:i|we) can hear\b.{0,30}\b(?:glass|smashing|breaking|screaming|screams|fighting|gunshots?|shots)\b",
    # someone held where they can't get away: "he's got my daughter cornered on the stairs"
    r"\b(?:'s|s|is|has|have|'ve|ve|are|'re)\s+(?:got\s+)?(?:me|us|him|her|my \w+|our \w+)\s+(?:cornered|pinned|"
    r"trapped|surrounded|up against)\b|\b(?:is|are|'s|'re|has|have|'ve)\s+(?:just\s+)?(?:cornered|cornering|pinned|"
    r"pinning|surrounded|surrounding)\s+(?:me|us|him|her|my|our)\b",
    # someone getting in or up to the home now: "someone's trying to climb onto my balcony"
    r"\b(?:trying to|is|are|'s|'re)\s+(?:climb|climbing|get|getting|break|breaking|force|forcing)\s+(?:in\s+)?"
    r"(?:onto|on to|into|in through|through|over|up|open)\s+(?:my|our|the)\s+(?:\w+\s+)?(?:balcony|window|"
    r"windows|fence|wall|gate|garden|roof|door|flat|house|home|shed|letterbox)\b",
]
# Someone at the home now: "he's at my door", "they're outside my house now" (a habit is not an emergency).
_PRESENT_AT_HOME = re.compile(
    r"\b(?:he|she|they|someone|somebody|a man|a woman|a group|people|the (?:man|woman|neighbours?|lads|youths|gang|"
    r"boys|men))\s*(?:'s|'re|is|are|s|re)\s+(?:(?:back|still|here|standing|waiting|shouting|hanging around)\s+)?"
    r"(?:at|outside|in|inside|on|by|near|banging on|hammering on|kicking|trying)\s+(?:my|our|the|his|her|their)\s+"
    r"(?:\w+'s\s+)?(?:front\s+|back\s+)?"
    r"(?:door|window|windows|house|flat|home|garden|stairs|landing|hallway|gate|building|car)\b|"
    r"\b(?:he|she|they|someone|somebody)\s*(?:'s|'re|is|are)\s+(?:outside|here|downstairs|upstairs)\s+(?:again|now|"
    r"right now)\b|\b(?:is|are|'s|'re)\s+(?:banging|hammering|kicking|smashing|pounding)\s+(?:on\s+|at\s+)?"
    r"(?:my|our|the)\s+(?:front\s+)?(?:door|window|windows|wall)\b", re.I)
# Disorder near the home, "now" read from where it is ("outside the flats",
# "in the garden"): also how people describe what keeps happening, so a
# habit ("they keep smashing bottles outside the flats") without a plain
# "now" is not an emergency.
_NEARBY = [
    r"\b(?:banging|hammering|kicking|smashing|pounding)\s+(?:on|at)?\s*(?:my|our|the)\s+(?:door|window)s?\b.*"
    + _NOW,
    r"\b" + _NOW + r"\b.*\b(?:banging|hammering|kicking|smashing|attacking|fighting|threatening|screaming|"
    r"shouting at|breaking)\b",
]
_HABIT = re.compile(r"\b(?:keeps?|kept|always|every (?:day|night|week|weekend|evening|morning)|each (?:day|night)|"
                    r"constantly|all the time|regularly|often|most (?:days|nights)|for (?:weeks|months|years)|"
                    r"every other|twice|(?:\d+|two|three|four|five|several|many|a few|a couple of) times|"
                    r"this (?:year|month|summer)|in the past|previously)\b", re.I)
# "not now" and "not right now" say the opposite.
_PLAIN_NOW = re.compile(r"(?<!not )(?<!not right )(?<!not just )\b(?:right now|as we speak|at the moment|now|this minute|"
                        r"as i (?:type|write|speak))\b", re.I)
_COMPILED = [re.compile(p, re.I) for p in _PATTERNS]
_TRAPPED = re.compile(r"\b(?:can'?t|cannot|can not) get (?:out|away)\b", re.I)
_VEHICLE = re.compile(r"\b(?:drive|driveway|car|cars|van|parking|parks|parked|space|garage|road|street)\b", re.I)
# Danger however it is put: a cry for help, being trapped or hiding, someone inside the home.
_ALWAYS = re.compile(r"^\s*(?:help|help me|help us|please help|somebody help|call the police|call 999|sos)\b|"
                     r"\b(?:i'?m|i am|we'?re|we are)\s+(?:trapped|hiding)\b|"
                     r"\b(?:someone|somebody|they|he|she)\s+(?:is|are|'s|'re)\s+(?:in|inside)\s+(?:my|our|the)\s+"
                     r"(?:house|flat|home)\b", re.I)
_COMPILED_NEARBY = [re.compile(p, re.I) for p in _NEARBY]
# Said of the past: "they were banging on the door last night".
_PAST = re.compile(r"\b(?:last (?:night|week|month|year|time)|yesterday|ago|used to|was|were|had|(?:in|on|since) "
                   r"(?:the )?(?:\d{1,2}(?:st|nd|rd|th)? (?:of )?)?(?:january|february|march|april|may|june|july|august|"
                   r"september|october|november|december)|on (?:the )?\d{1,2}(?:st|nd|rd|th)?\b|on \d{1,2}/\d{1,2}|"
                   r"arrested|on bail)\b", re.I)
_PRESENT = re.compile(r"\b(?:right now|as we speak|at the moment|now|currently|is|are|'s|'re)\b", re.I)


def in_danger_now(text: str) -> bool:
    if not text:
        return False
    t = text.lower().replace("’", "'")[:1000]
    trapped = bool(_TRAPPED.search(t)) and not _VEHICLE.search(t)  # "can't get out" of a blocked driveway is not
    if not trapped and not any(p.search(t) for p in _COMPILED):
        nearby = any(p.search(t) for p in _COMPILED_NEARBY) or bool(_PRESENT_AT_HOME.search(t))
        if not nearby:
            return False
    # What keeps happening ("they keep kicking footballs at my windows") is what the Community
    # Trigger is for, not an emergency, unless it is said to be happening now.
    if _HABIT.search(t) and not _PLAIN_NOW.search(t) and not _ALWAYS.search(t):
        return False
    # "they were kicking the door last night" is a report, not an emergency;
    # "they were here yesterday and they're back now" is an emergency.
    if _PAST.search(t) and not _PLAIN_NOW.search(t) \
            and not re.search(r"^\s*(?:help|please help)", t):
        return False
    return True
