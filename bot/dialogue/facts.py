"""Facts a resident states in any message, whatever was asked.

    "my dad is 84 and the kids on his estate keep throwing stuff at his window,
     can I do this for him?"
        -> applying for someone else (family), a person, still happening
    "it all stopped back in August but I want them punished"   -> the problem has stopped
    "I haven't told anyone yet"                                  -> never reported
    "they sprayed a swastika on my door"                         -> a hate crime
    "I've rung the police 4 times since September"               -> 4 reports

Each fact is read only when it is said plainly; anything unsure is left for
the question that asks it. The flow uses a fact instead of asking it cold, and
an exclusion (never reported, stopped, an open complaint, a crime) is answered
at once, with a way back if it was misread.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from bot.dialogue import answers
from bot.rules.area import AreaReading, read_area
from bot.rules.policy import Policy

_NUMBER = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "eleven": 11, "twelve": 12, "twice": 2, "a couple of": 2, "several": 3, "a few": 3}
_COUNT = r"(?P<{}>\d{{1,2}}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|several|a few)"

SAFE_NOW = re.compile(
    r"\b(?:not|no one is|no-one is|nobody is|noone is|none of us are|we'?re not|i'?m not|we are not|i am not)\s+"
    r"(?:in\s+)?(?:any\s+)?(?:immediate\s+)?danger\b|\b(?:we'?re|we are|i'?m|i am|we'?re all|everyone'?s|they'?re|"
    r"she'?s|he'?s)\s+(?:ok|okay|safe|fine|alright|all right)(?:\s+(?:right\s+)?now|\s+at the moment|"
    r"\s+for now)\b|\b(?:safe|ok|okay) (?:right )?now\b|\bno (?:immediate )?danger\b|\bnot an emergency\b|"
    r"^\W*not (?:right |just )?(?:now|(?:at )?(?:this|the) (?:second|minute|moment|instant)|today|tonight|currently)\b",
    re.I)
NEVER_REPORTED = re.compile(
    r"\b(?:haven'?t|have not|havent|never|not yet|didn'?t|did not|not)\s+(?:\w+\s+)?(?:told|reported|contacted|"
    r"rung|rang|called|phoned|emailed|spoken to|spoke to|been to|gone to|informed|complained to)\s+(?:anyone|"
    r"anybody|any ?one|it|them|the police|the council|anyone about it|it to anyone|it yet|yet)\b|"
    r"\bfirst time (?:i'?m |i am |we'?re |we are |i'?ve |ive |i have )?(?:reporting|reported|telling|"
    r"contacting|saying|mentioning)\b|\b(?:this is|it'?s) the first time\b.*\b(?:report|told|tell|contact)|"
    r"\b(?:don'?t|do not|didn'?t) know (?:who|where) to (?:report|tell|go|turn)\b|\bnot (?:yet )?reported\b|"
    r"\b(?:yet )?to report it\b(?!\s+to)", re.I)
_TOLD_SOMEONE = re.compile(r"\b(?:i|we)\s+(?:have |'ve |ve |had )?(?:also )?(?:told|reported|rang|called|phoned|"
                           r"emailed|contacted|complained)\b", re.I)
STOPPED = re.compile(
    r"\b(?:it|this|the (?:noise|problem|trouble|behaviour|harassment|abuse|asb|parties|music)|everything|"
    r"all of it|things?)\s+(?:(?:has|have|had)\s+)?(?:all\s+|now\s+|finally\s+)?(?:stopp?ed|ended|finished)\b|"
    r"\bit'?s (?:all )?(?:stopp?ed|over|ended|finished)\b|\bits (?:all )?(?:stopp?ed|over|ended|finished)\b|"
    r"\bit all stopp?ed\b|"
    r"\b(?:they|he|she|the (?:family|neighbours?|tenants?|lads|kids|youths|people))\s+(?:have |has |'ve |'s )?"
    r"(?:now |since |finally |already )?(?:moved (?:out|away|on)|been evicted|left|gone)\b|"
    r"\bno longer (?:happening|a problem|going on|an issue)\b|\bnot (?:happening|going on) any ?more\b|"
    r"\b(?:hasn'?t|has not) happened (?:since|again|for)\b|\bbeen (?:quiet|fine|peaceful) (?:since|for)\b", re.I)
_NOT_STOPPED = re.compile(r"\b(?:hasn'?t|has not|have not|haven'?t|never|not|won'?t|didn'?t|doesn'?t)\s+"
                          r"(?:\w+\s+)?(?:stopped|ended|finished|moved|left|gone)\b|\bstopped (?:answering|replying|"
                          r"responding|coming|calling|ringing|picking up|bothering|reporting|listening|helping)\b|"
                          r"\b(?:i|we) (?:have |'ve )?(?:stopped|gave up)\b|\bstarted again\b|\bback again\b|"
                          r"\bstopped for a (?:bit|while|week|few)\b|\bbut (?:now|it'?s|they'?re|it has|they have|"
                          r"then)\b(?!.{0,30}\b(?:will|might|could|may|worried|scared|afraid)\b)|\b(?:is|are) (?:now )?doing (?:it|the same|"
                          r"exactly the same)\b|\b(?<!will )(?<!might )(?<!could )(?:started|starting|happening|back|"
                          r"at it|doing it) again\b|\balways (?:starts?|comes?|gets?) (?:up |back )?(?:again)?|"
                          r"(?<!will )\bstarts? (?:up )?again\b", re.I)
CONTINUING = re.compile(
    r"\bstill (?:going on|happening|ongoing|continuing|at it|doing it|going|there|carrying on|a problem|"
    r"playing|shouting|dealing|every)|\b(?:it'?s|it is) (?:still )?(?:ongoing|getting worse|worse than ever)\b|"
    r"\bkeeps? (?:on )?(?:happening|going|\w+ing)\b|\bevery (?:single )?(?:day|night|week|weekend|evening|morning|"
    r"other day)\b|\ball the time\b|\bconstantly\b|\bnon[- ]?stop\b|\b(?:hasn'?t|has not|never) stop(?:ped|s)\b|"
    r"\bwon'?t stop\b|\bdoesn'?t stop\b|\bcarr(?:y|ies) on\b|\bcarried on\b|\bongoing\b|\bnightly\b|\bdaily\b|"
    r"\bagain (?:last night|this week|today|tonight|yesterday)\b|\bworse and worse\b|\bon and on\b|"
    r"\bon and off\b|\boff and on\b|\b(?:at|most|every|some) weekends?\b|\bnow and (?:then|again)\b|"
    r"\bfrom time to time\b|\b(?:most|some) (?:nights|days|evenings)\b|\bevery so often\b|\bstill\b", re.I)
_COMPLAINT = re.compile(
    r"\b(?:formal|official|stage (?:1|2|one|two)) complaint\b|\bcomplaint (?:in|open|lodged|ongoing|pending|"
    r"going) (?:with|against)\b|\b(?:put|got|have|made|lodged|submitted|raised|opened|filed|logged)\s+(?:in\s+)?"
    r"(?:a|an)\s+(?:formal\s+|official\s+)?complaint\b|\bprofessional standards\b|\bcomplain(?:ed|t|ing)?\s+"
    r"(?:to\s+[^.,;]{2,50}?\s+)?about\s+(?:how|the way|their|"
    r"his|her|the (?:officer|service|response|way|handling|housing officer|police officer)|them not)\b|"
    r"\bcomplaint about (?:the|their|how|my)\b|"
    # "my complaint to clarion is at stage 1"
    r"\b(?:my|our|a|the) complaint (?:to|with|against)\b[^.]{0,40}\bstage (?:1|2|one|two)\b", re.I)
# "i havent put a complaint in against genesis, ive just kept ringing them": no complaint
_NO_COMPLAINT = re.compile(r"\b(?:haven'?t|havent|have not|never|didn'?t|didnt|did not|not|don'?t|dont|do not|hasn'?t|"
                           r"hasnt|has not|no one has|nobody has)\s+(?:\w+\s+){0,2}?(?:put|got|made|make|lodged|"
                           r"submitted|raised|opened|filed|logged|complain(?:ed)?)\b(?:\s+(?:in\s+)?(?:a|an|any)\s+"
                           r"(?:formal\s+|official\s+)?complaint|\s+(?:to|about|against))", re.I)
_OPEN = re.compile(r"\b(?:taking (?:forever|ages|a long time|months)|stage (?:1|2|one|two)|(?:got|have|put) (?:a |an )?"
                   r"(?:formal |official )?complaint in|still|ongoing|open|being (?:dealt with|looked (?:at|into)|"
                   r"investigated|handled|reviewed)|"
                   r"not (?:yet )?(?:finished|resolved|closed|heard|had a reply|concluded)|waiting|in progress|"
                   r"pending|under investigation|hasn'?t been (?:resolved|answered|dealt with)|investigating|"
                   r"looking into (?:it|my complaint))\b", re.I)
_COMPLAINT_CLOSED = re.compile(r"\b(?:complaint|it)\b[^.]{0,40}\b(?:closed|finished|resolved|over|concluded|done|"
                               r"dealt with|rejected|upheld|not upheld)\b(?! yet)", re.I)
_CLOSED_COMPLAINT = re.compile(
    r"\b(?:closed|finished|rejected|dismissed|shut)\s+(?:my|our|the)\s+complaint\b|\b(?:my|our|the)\s+complaint\s+"
    r"(?:was|has been|got|is)\s+(?:closed|finished|rejected|dismissed|not upheld|upheld|over)\b", re.I)
_OPEN_TOO = re.compile(r"\b(?:another|second|new|other) complaint\b|\bstage (?:2|two)\b|\bappeal(?:ed|ing)?\b", re.I)
HATE_CRIME = re.compile(
    r"\bhate (?:crime|incident)s?\b|\bracis[tm]\b|\bracial(?:ly)?\b|\bhomophobi[ac]\b|\btransphobi[ac]\b|"
    r"\bislamophobi[ac]\b|\banti-?semiti(?:c|sm)\b|\bswastikas?\b|\bxenophobi[ac]\b|\bdisablist\b|\bbigot|"
    r"\bbecause (?:i'?m|i am|we'?re|we are|she'?s|he'?s|they'?re|of (?:my|our|his|her|their))\s+(?:\w+\s+)?"
    r"(?:black|muslim|jewish|gay|lesbian|disabled|trans|asian|polish|romanian|religion|race|colour|skin|"
    r"disability|sexuality|faith|accent|headscarf|hijab|turban)\b|\bgo back to (?:your|their) (?:own )?country\b|"
    # religious dress pulled at, slurs
    r"\b(?:pull|pulls|pulled|pulling|rip|rips|ripped|ripping|grab|grabs|grabbed|grabbing|tug|tugged|tugging|tear|"
    r"tore|yank|yanked|yanking|knock|knocked)\w*\s+(?:off\s+)?(?:at\s+)?(?:my|her|his|their|our|the)\s+(?:\w+\s+)?"
    r"(?:hijab|headscarf|head scarf|turban|kippah|kippa|yarmulke|niqab|burka|burqa|veil|patka|dastar|scarf)\b|"
    r"\b(?:racial|homophobic|racist|religious)\s+(?:slurs?|abuse|insults?)\b|\bslurs?\b|\b[np]-?word\b|"
    r"\bcall(?:s|ed|ing)? (?:me|us|him|her|them|my \w+) (?:a |an )?(?:\w+ )?(?:paki|terrorist|faggot|tranny|retard|"
    r"spastic|gypo|pikey)s?\b",
    re.I)
CRIME = re.compile(
    r"\b(?:sell(?:s|ing)?|deal(?:s|ing)?|supply(?:ing)?)\s+(?:drugs|crack|weed|cannabis|heroin|cocaine)\b|"
    r"\bdrug[- ]dealing\b|\bdrug dealers?\b|\bstabb(?:ed|ing)\b|\bburgl(?:ed|ary|ars?)\b|\bbroke(?:n)? into\b|"
    r"\bbreak-?in\b|\brobb(?:ed|ery)\b|\bmugged\b|\bstole\b|\bstolen\b|\btheft\b|\bassault(?:ed)?\b|"
    r"\b(?:punched|beat up|beaten up|attacked)\s+(?:me|him|her|us|my)\b|\bsexual(?:ly)? (?:assault|harass)|"
    r"\brape[d]?\b|\bfraud\b|\bscam(?:med)?\b|\barson\b|\bset fire to\b|\bknife crime\b|\bshot at\b|"
    r"\bcriminal damage\b|\bcatalytic converters?\b.{0,30}\b(?:off|gone|stolen|taken|nicked)|"
    r"\b(?:sawed|sawn|cut|ripped)\s+(?:the |my |our )?(?:catalytic converter|cat)\b|"
    r"\b(?:car|van|shed|garage|flat|house)\s+(?:got |was |has been )?broken into\b|\b(?:smashed|keyed|scratched|slashed|damaged|vandalised)\s+(?:my|our|his|her|their)\s+"
    r"(?:\w+\s+)?(?:car|van|tyres?|windscreen|motorbike|bike)\b|"
    r"\b(?:spat|spit|spits|spitting)\s+(?:at|on|in)\s+(?:me|him|her|us|them|my)\b|"
    r"\b(?:snatched|snatch|snatching|nicked|pinched|grabbed|took)\s+(?:my|her|his|our|their)\s+(?:[\w']+\s+)?"
    r"(?:phone|bag|handbag|bike|bicycle|scooter|purse|wallet|car|van|laptop|keys|money|parcel|parcels|tools)\b|"
    # "my son's bike was nicked": the thing first
    # "keeps coming down and taking her food": theft
    r"\b(?:taking|takes|took|stealing|steals|nicking|nicks)\s+(?:my|her|his|our|their)\s+(?:\w+\s+)?(?:food|"
    r"shopping|money|post|parcels?|belongings|medication|medicine|benefits|bank cards?|pension)\b|"
    r"\b(?:phone|bag|handbag|bike|bicycle|scooter|purse|wallet|car|van|laptop|keys|money|parcel|parcels)\s+"
    r"(?:was|were|got|has been|had been|have been)\s+(?:nicked|pinched|stolen|snatched|taken|robbed)\b", re.I)
_FIVE_PEOPLE = re.compile(
    r"\b(?:(?P<n>\d{1,2}|five|six|seven|eight|nine|ten|eleven|twelve|several|lots of|loads of|many|all the|"
    r"other|different|a load of|a lot of|most of the|half the)\s+(?:of us\b|(?:other\s+)?(?:people|neighbours|households|"
    r"residents|families|individuals|tenants|flats|houses|members|of the neighbours))|we'?ve all|we have all|"
    r"we all|everyone (?:on|in) (?:the|our) (?:street|road|block|estate|close)|the whole (?:street|road|block|"
    r"estate|close))\b[^.]{0,60}\b(?:reported|rang|called|complained|told|contacted|phoned|emailed|have too|did too)",
    re.I)
_REPORT_COUNT = re.compile(
    r"\b(?:reported|rang|rung|called|told|contacted|complained|phoned|emailed|been on to|been onto|informed|"
    r"reporting)\b[^.?!]{0,50}?\b" + _COUNT.format("n") + r"\s+(?:times|occasions)\b|\b" + _COUNT.format("m")
    + r"\s+(?:reports|"
    r"complaints|calls|times (?:i|we) (?:have |'ve )?(?:reported|rang|called|complained))\b|"
    r"\b(?:reported|rang|rung|called|told|contacted|complained|phoned|emailed)\b[^.?!]{0,40}?\b(?P<twice>twice)\b",
    re.I)
_WANTS = re.compile(r"\b(?:apply|application|applying|use|using|invoke|start|make|making|trigger|request|"
                    r"submit|do)\b[^.?!]{0,40}\b(?:community trigger|the trigger|a trigger|case review|asb case review)\b|"
                    r"\b(?:community trigger|case review)\b[^.?!]{0,20}\b(?:please|for me|application)\b|"
                    r"^\W*(?:apply|application|community trigger|asb case review)\W*$", re.I)
_SINCE = re.compile(r"\b(?:(?:ever )?since (?!then\b)(?:(?!\band\b|\bbut\b)[^,.;!?]){2,40}|for (?:about |around |over |nearly |almost |the "
                    r"(?:last|past) )?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|"
                    r"a few|a couple of|couple of)\s+(?:days?|weeks?|months?|years?)|started (?:in|around|about|"
                    r"last|at|when|back in|over|during) [^,.;!?]{2,30})", re.I)
# A person someone applies for: a relative, a friend, a neighbour, a client (with "elderly", "84-year-old"...)
_KIN = (r"(?:elderly |disabled |vulnerable |old |poor |\d\d[- ]year[- ]old )?(?:mum|mom|mam|mother|dad|father|"
        r"parents|nan|nana|nanna|gran|granny|grandma|grandad|granddad|grandfather|grandmother|son|daughter|sister|"
        r"brother|aunt|auntie|aunty|uncle|friend|neighbour|client|niece|nephew|cousin|mother-in-law|father-in-law)")
_SOMEONE_ELSE = re.compile(
    r"\bon (?:his|her|their|behalf of)\b|\bfor (?:him|her|them)\b(?! to\b)|\b(?:i'?m|i am) (?:his|her|their) "
    r"(?:carer|son|daughter|mum|dad|mother|father|sister|brother|friend|neighbour|grandson|granddaughter|niece|"
    r"nephew|partner|support worker|advocate|social worker|key worker|mp|councillor)\b|"
    r"\b(?:i'?m|i am) (?:a|the)\s+(?:local |ward )?(?:councillor|mp|carer|support worker|caseworker)\b|"
    r"\b(?:constituent|my client|a resident of mine|on behalf of)\b|\b(?:my|our) (?:elderly |disabled |"
    r"vulnerable |old |\d\d[- ]year[- ]old )?(?:mum|mom|mother|dad|father|nan|nana|gran|granny|grandma|grandad|"
    r"grandfather|grandmother|son|daughter|sister|brother|aunt|auntie|uncle|friend|client)(?: is| "
    r"has| keeps| can'?t| gets| who is| who has)\b(?! (?:at work|out|away|staying|here|with me|fine|ok|okay))|"
    # a neighbour is most often who causes it ("my neighbour keeps parking in my bay"): someone else's trouble only
    # when it happens to them ("my neighbour is being harassed", "my elderly neighbour is terrified")
    r"\b(?:my|our) (?:elderly |disabled |vulnerable |old |\d\d[- ]year[- ]old )?neighbour (?:is|has been|keeps|gets|"
    r"who is) (?:being |getting )?(?:harass|target|bulli|threaten|abus|intimidat|attack|victimi|scared|terrified|"
    r"frightened|afraid|elderly|disabled|vulnerable|housebound)\w*|"
    # "I look after my dad", "asking for my nan", "my mum's 84": someone else's trouble, told by who helps them
    r"\b(?:i|we) (?:look after|care for|help (?:look )?after|support|visit|(?:am|'m|are|'re) (?:looking after|"
    r"caring for|asking for|applying for|writing for|doing this for|here for))\s+(?:my|our) " + _KIN + r"\b|"
    r"\b(?:get|getting|find|finding|seek|seeking|want|need|looking for|trying to get)\s+(?:some\s+)?(?:help|support|"
    r"advice)\s+(?:for|with)\s+(?:my|our) " + _KIN + r"\b|"  # "I'm trying to get help for my dad"
    r"\b(?:asking|applying|writing|typing|messaging|enquiring|doing this|doing it|filling this in|getting in touch)"
    r"(?: this| in)? (?:for|on behalf of) (?:my|our) " + _KIN + r"\b|"
    r"\b(?:my|our) " + _KIN + r"'s (?:\d\d|in (?:her|his) (?:\d|eighties|nineties|seventies)|elderly|disabled|"
    r"blind|deaf|housebound|disabled|vulnerable|autistic|registered|terrified|frightened|scared|too (?:scared|frightened))\b",
    re.I)
_SELF = re.compile(r"\b(?:for )?my ?self\b|\bit'?s (?:happening to )?(?:me|us)\b|\b(?:i'?m|i am) the (?:victim|one)\b|"
                   r"\bhappening to (?:me|us)\b|\bmy own behalf\b|\b(?:they|he|she) (?:target|targets|pick on|"
                   r"picks on|harass|harasses|abuse|abuses|threaten|threatens) (?:me|us|my (?:shop|business|family))\b|"
                   r"\b(?:my|our) (?:shop|business|restaurant|cafe|café|pub|salon|takeaway|store|office)\b|"
                   r"\bwe(?:'re| are| run| own) (?:the|a)\b", re.I)


@dataclass(frozen=True)
class Facts:
    applying_for: Optional[str] = None     # "self" or "someone_else"
    relationship: Optional[str] = None     # answers.RELATIONSHIPS keys
    victim_type: Optional[str] = None      # individual, business, community_group
    safe_now: bool = False
    never_reported: bool = False
    stopped: bool = False
    continuing: bool = False
    ongoing_complaint: bool = False
    complaint_about_handling: bool = False
    complaint_closed: bool = False         # "they closed my complaint last month"
    crime: Optional[str] = None            # "hate_crime" or "crime"
    report_count: Optional[int] = None
    five_people: bool = False
    wants_to_apply: bool = False
    area: AreaReading = AreaReading(None)
    since: Optional[str] = None


def read_facts(text: str, policy: Policy) -> Facts:
    text = " ".join((text or "").replace("\u2019", "'").split())[:2000]
    if not text:
        return Facts()
    lower = text.lower()
    applying_for, relationship, victim_type = _who(text)
    count = _count(text)
    told = bool(_TOLD_SOMEONE.search(text)) or count is not None
    never = bool(NEVER_REPORTED.search(text)) and not told
    stopped = bool(STOPPED.search(text)) and not _NOT_STOPPED.search(text)
    continuing = bool(CONTINUING.search(text)) and not stopped
    complaint = bool(_COMPLAINT.search(text)) and not _NO_COMPLAINT.search(text)
    ongoing = complaint and bool(_OPEN.search(text)) and not _COMPLAINT_CLOSED.search(text)
    crime = "hate_crime" if HATE_CRIME.search(text) else "crime" if CRIME.search(text) else None
    since = _SINCE.search(text)
    return Facts(
        applying_for=applying_for, relationship=relationship, victim_type=victim_type,
        safe_now=bool(SAFE_NOW.search(text)), never_reported=never, stopped=stopped, continuing=continuing,
        ongoing_complaint=ongoing, complaint_about_handling=complaint and not ongoing, crime=crime,
        complaint_closed=bool(_CLOSED_COMPLAINT.search(text)) and not ongoing and not _OPEN_TOO.search(text),
        report_count=count, five_people=bool(_FIVE_PEOPLE.search(text)) and _five_or_more(text),
        wants_to_apply=bool(_WANTS.search(lower)), area=read_area(text, policy),
        since=since.group().strip() if since else None,
    )


def _who(text: str):
    """Whose behalf and who the victim is, when said plainly."""
    relationship = None
    victim_type = answers.choose(text, _BUSINESS_OR_GROUP)
    if _SOMEONE_ELSE.search(text):
        relationship = answers.relationship_of(text)
        if relationship in ("family", "friend", "carer") and victim_type is None:
            victim_type = "individual"
        return "someone_else", relationship, victim_type
    if _SELF.search(text) or victim_type in ("business", "community_group"):
        return "self", None, victim_type  # "i run the corner shop ...": their own business
    return None, None, victim_type


_BUSINESS_OR_GROUP = {
    "business": [r"my (?:shop|business|restaurant|cafe|café|pub|salon|takeaway|store|office|company|firm)",
                 r"our (?:shop|business|restaurant|cafe|café|pub|salon|takeaway|store|office|company|staff|customers)",
                 # "i run the corner shop", "we own a little cafe"
                 r"(?:i|we) (?:run|own|have|manage) (?:a|an|the) (?:[\w'-]+ ){0,2}?(?:shop|business|restaurant|cafe|café|"
                 r"pub|salon|takeaway|store|newsagents?|launderette)"],
    "community_group": [r"(?:tenants|residents)'? ?association", r"community (?:centre|center|group|garden|hall)",
                        r"(?:our|my) (?:[\w'-]+ ){0,3}(?:church|mosque|synagogue|temple|gurdwara|club|charity|group|society|"
                        r"allotments?|association|hall|centre|center)\b",
                        r"(?:i'?m|i am) (?:the|a) (?:organiser|organizer|chair|chairman|chairwoman|chairperson|"
                        r"secretary|treasurer|coordinator|co-ordinator|leader|trustee|vicar|imam|rabbi) (?:of|for|at)\b",
                        r"we (?:run|are|'re) (?:a|the) (?:community|youth|sports|football|scout|residents)"],
}


def _count(text: str) -> Optional[int]:
    m = _REPORT_COUNT.search(text)
    if not m:
        return None
    if m.group("twice"):
        return 2
    n = (m.group("n") or m.group("m") or "").lower()
    return int(n) if n.isdigit() else _NUMBER.get(n)


def _five_or_more(text: str) -> bool:
    m = _FIVE_PEOPLE.search(text)
    n = (m.group("n") or "").lower() if m else ""
    if n.isdigit():
        return int(n) >= 5
    return n not in ("other", "a few", "different") or bool(re.search(r"\b(?:5|five|6|six|7|seven|8|eight|9|nine|"
                                                                     r"\d\d)\b", text))
