"""Reading short answers as residents type them: yes/no, choices, names, contact details.

Deterministic, so a question is never answered by a guess of the intent
classifier alone: "yep", "nah", "i think so", "not really", "she agrees" all
read the same way every time. Each reader returns None when it cannot tell,
and the caller asks again with a specific message.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Dict, Iterable, Optional, Tuple

from bot.rules.applicant_details import EMAIL as _EMAIL
from bot.rules.applicant_details import POSTCODE as _POSTCODE
from bot.rules.applicant_details import (EMAIL_INCOMPLETE, LONGER_THAN_A_NAME, email_problem, name_problem,
                                         normalise_phone)

_YES = re.compile(
    r"^(?:y|ya|yah|yes+|yess|yeah+|yea|yeh|yeh\b.*|ys|yse|yas|yws|ues|(?:ys|yse|yas|yws|ues)\b.*|yep+|yup|ye|aye|ok|okay|k|sure|of course|course|definitely|absolutely|"
    r"correct|that'?s (?:right|correct|it|fine)|right|true|affirmative|please|yes please|go on|go ahead|"
    r"i do|i have|i am|we do|we have|we are|he does|she does|they do|he has|she has|they have|he is|she is|"
    r"they are|i think so|think so|i believe so|probably|pretty sure|it is|it does|it has|there is|"
    r"(?:yes|yeah|yep)\b.*|(?:he|she|they)(?: (?:does|do))? agrees?|(?:he|she|they) (?:said|says) yes.*|"
    r"(?:(?:it|it'?s|its|it is|they|they'?re|they are|theyre)\s+)?still\b.*|all (?:good|correct|fine)|looks (?:good|right|fine)|spot on|"
    r"it(?:'s| is) (?:still )?(?:ongoing|happening|continuing)|happy (?:to|for you to).*|agree|i agree|"
    r"consent|i consent|fine|that'?s fine|alright|all right|yes it is|yes they have|yse|yea+h?\b.*|yup\b.*|"
    r"yep\b.*|ye+s+\b.*|aye\b.*|sure\b.*|ok(?:ay)?\b.*|agreed|perfect|great|lovely|brill|brilliant|"
    r"exactly|indeed|certainly|for sure|(?:i do|i have|i am|we do|we have|we are)\b(?!\s+not\b|n'?t).*|"
    r"correct\b.*|right\b.*|(?:that'?s|thats|that is|it'?s|it is|all) (?:right|correct|it|fine|ok|okay|true|all|"
    r"accurate)\b.*|accurate|do it|go for it|please go ahead|fine by me|"
    r"go ahead\b.*|please do\b.*|y|yh\b.*|ya+|(?:too|dead|damn|bloody) right\b.*|you bet\b.*|totally|100%|"
    # "fine, share it", "ok send it"
    r"(?:(?:fine|ok(?:ay)?|sure|go on|alright)[,.! ]+)?(?:share it|send it|do it|you can share(?: it)?|happy to share)\b.*)"
    r"[\s.!]*$")
_NO = re.compile(
    r"^(?:n|no+|nah+|na|nope|nop|no way|nio|noi|nno|nao|(?:i )?(?:don'?t|do not|dont) (?:think|believe) so\b.*|"
    r"(?:i )?(?:don'?t|do not|dont) think there(?:'s| is| are|s|re|'re| were| was)? (?:any|anything|more|others?)\b.*|"
    r"no+\b.*|"
    r"not that i can think of|not really|not at all|never|none|nothing|negative|"
    r"i don'?t|i do not|i haven'?t|i have not|i'?m not|i am not\b.*|we are not\b.*|we'?re not\b.*|we don'?t|we haven'?t|"
    r"he doesn'?t|she doesn'?t|"
    r"they don'?t|he hasn'?t|she hasn'?t|they haven'?t|it isn'?t|it'?s not|it has(?:n'?t| not)|"
    r"there isn'?t|there'?s not|not any ?more|no more|(?:no|nah|nope)\b.*|not that i know of|"
    r"i'?d rather not|rather not|don'?t want to|do not want to|no thanks|no thank you|"
    r"(?:he|she|they) (?:doesn'?t|don'?t|does not|do not) agree|(?:it )?stopped|it'?s stopped|"
    r"(?:it|they) (?:have|has) stopped|not now|disagree|i disagree|false|wrong|that'?s wrong|incorrect|"
    r"none\b.*|not (?:currently|at the moment|at present|as far as i know|that i(?:'m| am)? aware of|yet|really|"
    r"any more|anymore|as such)\b.*|no+pe?\b.*|nah+\b.*|naw|neither|negative\b.*|definitely not|of course not|"
    r"certainly not|absolutely not|not at all\b.*)[\s.!]*$")
_UNSURE = re.compile(
    r"^(?:(?:sorry|um+|erm+|er|hmm+|oh|well)[,.!]?\s+)?(?:(?:i'?m |i am |im )?not (?:really |too |100% |entirely |totally |quite )?sure\b.*|unsure\b.*|"
    r"dunno\b.*|(?:i )?(?:really )?(?:don'?t|do not|dont) (?:really )?know\b.*|no idea\b.*|idk\b.*|"
    r"not certain\b.*|maybe\b.*|possibly\b.*|perhaps\b.*|(?:i )?(?:can'?t|cannot|cant) (?:remember|recall|say)\b.*|"
    r"no clue\b.*|hard to say\b.*|it depends\b.*|not a clue\b.*|haven'?t a clue\b.*|"
    r"(?:i'?m )?(?:confused|lost)\b.*|what do you mean\b.*|(?:i )?(?:don'?t|dont) understand\b.*|"
    r"(?:i'?m )?not sure what (?:you mean|that means)\b.*|pass|\?+|hmm+|erm+|umm+)[\s.!?]*$")


# Words answers are made of, so a typo of one ("myslef", "someone esle") still reads.
_ANSWER_WORDS = ("myself", "someone", "somebody", "else", "behalf", "business", "community", "group", "person",
                 "individual", "reported", "council", "police", "housing", "association", "nothing", "happened",
                 "agree", "agreed", "consent", "email", "phone", "text", "letter", "definitely", "absolutely",
                 "correct", "everything", "neighbours", "people", "yourself", "councillor", "carer", "friend",
                 "family", "daughter", "mother", "father", "still", "happening", "stopped", "anyone", "danger",
                 "neighbour", "different", "every", "weekend")
_TYPO_CACHE: Dict[str, str] = {}
_NEAR_WORDS = {"sill", "fiend", "emil"}  # real words one letter short of an answer word


def _fix_typo(word: str) -> str:
    if len(word) < 4 or not word.isalpha() or word in _ANSWER_WORDS:
        return word
    if word not in _TYPO_CACHE:
        fixed = word
        for close in () if word in _NEAR_WORDS else _ANSWER_WORDS:
            # one letter left out inside the word ("persn", "emal", "diffrent"; never the first or last letter:
            # "mail" and "ever" are words), or one letter doubled ("emaill")
            if len(close) == len(word) + 1 and any(close[:i] + close[i + 1:] == word for i in range(1, len(close) - 1)) \
                    or len(word) == len(close) + 1 and any(word[i] == word[i - 1] and word[:i] + word[i + 1:] == close
                                                           for i in range(1, len(word))):
                _TYPO_CACHE[word] = close
                return close
        for close in difflib.get_close_matches(word, _ANSWER_WORDS, n=3, cutoff=0.75):
            if close.startswith(word) or word.startswith(close):
                break  # "neighbour" and "neighbours", "agree" and "agreed": a real word, not a typo
            swapped = sorted(close) == sorted(word) and len(close) == len(word)  # "esle", "myslef"
            if swapped or len(word) >= 6 and difflib.SequenceMatcher(None, word, close).ratio() >= 0.84:
                fixed = close
                break
        _TYPO_CACHE[word] = fixed
    return _TYPO_CACHE[word]


def _clean(text: str) -> str:
    text = (text or "").strip().lower().replace("’", "'")
    text = re.sub(r"^[/]", "", text)  # a button payload typed as "/affirm"
    text = re.sub(r"^(?:(?:hmm+|hm+|um+|erm+|uh+|ah+|well)\b[,.!]*\s*)+(?=\S)", "", text)  # "hmm no I don't think so"
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"[a-z]+", lambda m: _fix_typo(m.group()), text) if len(text) < 200 else text


def yes_no(text: str, intent: Optional[str] = None) -> Optional[bool]:
    """True, False, or None when the answer is neither (or unsure)."""
    t = _clean(text)
    if t in ("affirm",):
        return True
    if t in ("deny",):
        return False
    if _UNSURE.match(t):
        return None
    if _NO.match(t):
        return False
    if _YES.match(t):
        return True
    # Read in words only: the classifier's affirm/deny took "done" for a yes. (`intent` is ignored.)
    return None


_LOOSE_NO = re.compile(r"\b(?:no|nope|nah|not really|not at the moment|not right now|not now|not at present|"
                       r"not currently|no one|nobody|none)\b", re.I)
_LOOSE_YES = re.compile(r"\b(?:yes|yeah|yep|yup|yea|correct|definitely|absolutely|of course)\b", re.I)


def yes_no_loose(text: str) -> Optional[bool]:
    """A yes or a no said anywhere in a longer answer ("Not right now, no. They've gone out."),
    when only one of them is said."""
    strict = yes_no(text)
    if strict is not None:
        return strict
    t = _clean(text)
    no, yes = bool(_LOOSE_NO.search(t)), bool(_LOOSE_YES.search(t))
    if no != yes and len(t.split()) <= 25:
        return yes
    return None


def unsure(text: str, intent: Optional[str] = None) -> bool:
    """ "not sure", "dunno", "can't remember". Read in words only: the classifier's `dont_know` guess
    took "nothing happened" for not knowing. (`intent` is accepted and ignored.)"""
    return bool(_UNSURE.match(_clean(text)))


def choose(text: str, options: Dict[str, Iterable[str]]) -> Optional[str]:
    """The option whose keywords appear in the answer, if exactly one does.

    `options` maps a value to regex fragments matched as whole words.
    """
    t = _clean(text)
    hits = []
    for value, words in options.items():
        for word in words:
            if re.search(r"(?<![\w])" + word + r"(?![\w])", t):
                hits.append(value)
                break
    return hits[0] if len(set(hits)) == 1 else None


APPLYING_FOR = {
    "self": [r"(?:for )?(?:my ?self|me|myself|i am|i'?m the victim|it'?s me|it'?s about me|my own|own behalf|"
             r"us|our ?selves|our family|we are|it'?s us|my family and i|me and my)"],
    "someone_else": [r"(?:for )?someone else", r"somebody else", r"on (?:their|his|her) behalf", r"for (?:my )?"
                     r"(?:mum|mom|mother|dad|father|parent|nan|nana|gran|grandma|grandad|grandfather|grandmother|"
                     r"son|daughter|brother|sister|aunt|uncle|friend|neighbour|client|constituent|resident|"
                     r"husband|wife|partner|cousin|niece|nephew|tenant)", r"(?:i'?m|i am) (?:a|their|his|her) "
                     r"(?:carer|councillor|mp)", r"another person", r"(?:a )?(?:carer|councillor|mp)\b",
                     r"(?:do|apply|this|it|one|application) for (?:him|her|them)", r"on behalf of"],
}
RELATIONSHIPS = {
    # a support worker is a professional, "other" (PRODUCT.md names carers, family, MPs and councillors)
    "carer": [r"carer", r"care worker", r"caring for", r"look after", r"personal assistant"],
    "family": [r"mum", r"mom", r"mother", r"dad", r"father", r"parent", r"son", r"daughter", r"brother", r"sister",
               r"nan", r"nana", r"gran", r"grandma", r"grandad", r"granddad", r"grandfather", r"grandmother",
               r"aunt", r"auntie", r"uncle", r"husband", r"wife", r"partner", r"cousin", r"niece", r"nephew",
               r"family", r"relative", r"in-law", r"grandson", r"grand-?d?aughter", r"child", r"kid", r"step-?\w+",
               r"cuz", r"cuzz?in", r"bro", r"bruv", r"sis", r"hubby", r"missus", r"fianc[eé]e?", r"other half",
               r"boyfriend", r"girlfriend", r"granny", r"grandkids?", r"grandchild(?:ren)?", r"mam", r"mummy", r"daddy",
               # "my little boy" is a child of theirs; "the lad next door" is not
               r"(?:my|our) (?:little |baby |eldest |youngest )?(?:boy|girl|lad|lass)", r"(?:my|our) little one",
               r"(?:my|our) (?:toddler|teenager)"],
    "friend": [r"friend", r"mate", r"pal"],
    "mp": [r"mp", r"member of parliament", r"mp'?s office", r"caseworker for (?:the|my) mp"],
    "councillor": [r"councillor", r"cllr", r"ward councillor", r"local councillor"],
    "other": [r"other", r"neighbour", r"social worker", r"support worker", r"advocate", r"solicitor", r"support", r"landlord",
              r"someone else", r"none of those", r"something else", r"client", r"teacher", r"key ?worker",
              r"volunteer", r"befriend(?:er|ing)", r"caseworker", r"case worker", r"housing officer", r"not related",
              r"mentor", r"keyworker", r"outreach", r"chaplain", r"vicar", r"imam", r"rabbi", r"warden"],
}
def relationship_of(text: str) -> Optional[str]:
    """How the applicant knows the person affected. When several fit ("a client of mine, I'm her support
    worker"), the role says most: carer, then MP and councillor, family, friend, other."""
    t = _clean(text)
    if re.search(r"\b(?:look(?:s|ing)? after|car(?:e|es|ing) for)\b", t) and not re.search(r"\bcarer\b|\bcare worker\b", t) \
            and any(re.search(r"(?<![\w])" + w + r"(?![\w])", t) for w in RELATIONSHIPS["family"]):
        return "family"  # "I look after my dad": his son or daughter, who also cares for him
    order = ("carer", "mp", "councillor", "family", "friend", "other")
    # who they are to the person, said as such ("my friend hodan ... her kids"): before any word said about others
    for value in order:
        for word in RELATIONSHIPS[value]:
            if re.search(r"\b(?:my|our|i'?m (?:her|his|their)|i am (?:her|his|their))\s+(?:\w+\s+)?" + word +
                         r"(?![\w])", t):
                return value
    for value in order:
        for word in RELATIONSHIPS[value]:
            if re.search(r"(?<![\w])" + word + r"(?:s|es)?(?![\w])", t):  # "one of the ward councillors"
                return value
    return None


VICTIM_TYPES = {
    "individual": [r"individual", r"person", r"a person", r"me", r"myself", r"him", r"her", r"them", r"just me",
                   r"my family", r"family", r"household", r"resident", r"personal", r"private person",
                   r"just us", r"us", r"people", r"(?:just )?(?:our|my) (?:house|home|flat)"],
    "business": [r"business", r"buisness", r"busines", r"shop", r"company", r"firm", r"restaurant", r"cafe", r"café",
                 r"pub", r"store", r"my shop", r"work ?place", r"office", r"salon", r"takeaway", r"launderette",
                 r"newsagents?", r"nursery", r"garage", r"nail bar", r"hairdressers?", r"barbers?", r"builders'?",
                 r"merchants?", r"limited company", r"ltd", r"printers?", r"bakery", r"butchers?", r"pharmacy",
                 r"chemist", r"off[- ]licence", r"corner shop", r"hotel", r"bar", r"gym", r"surgery", r"workshop",
                 r"florists?", r"dental practice", r"dentists?", r"(?:gp |vets?'? |dental |law |accountancy )?practice",
                 r"clinic", r"minicab office", r"cab office", r"car wash", r"petrol station", r"supermarket",
                 r"market stall", r"stall", r"studio", r"warehouse", r"factory", r"dry cleaners?", r"tailors?",
                 r"opticians?", r"estate agents?", r"cafe", r"kebab shop", r"chip shop", r"bookmakers?", r"bookies"],
    "community_group": [r"community group", r"comm?unity group", r"group", r"community", r"club", r"charity",
                        r"church", r"mosque", r"synagogue", r"temple", r"gurdwara", r"residents'? association",
                        r"tenants'? association", r"association", r"organisation", r"school", r"society", r"scouts?",
                        r"guides", r"brownies", r"food ?bank", r"allotments?", r"youth centre", r"community centre",
                        r"friends of", r"congregation", r"parish", r"committee", r"trust", r"collective", r"network",
                        r"mandir", r"chapel", r"cathedral", r"kingdom hall", r"meeting house", r"choir", r"league", r"forum", r"men'?s shed", r"lunch club", r"day centre", r"playgroup",
                        r"toddler group", r"book club", r"bowls club", r"tenants'? group", r"neighbourhood watch"],
}


def victim_type_of(text: str) -> Optional[str]:
    """A person, a business or a community group, as said ("it's a shop, a small family-run newsagent").
    Words of a business or a group beat the words a person uses of themselves ("family-run"); a
    question asked on the way ("does a charity count as a business?") is not the answer."""
    told = " ".join(part for part in re.split(r"(?<=[.!?])\s+", text or "") if not part.rstrip().endswith("?"))
    if not told.strip():
        return None  # only a question ("is a food bank a business?"): the answer is still to come
    kinds = {k: v for k, v in VICTIM_TYPES.items() if k != "individual"}
    found = choose(told, kinds)
    if found:
        return found
    first = re.match(r"\W*(?:it'?s |its |we'?re |we are |a |an |the )*(\w+(?: \w+)?)", _clean(told))
    if first:
        lead = choose(first.group(1), kinds)
        if lead:
            return lead  # "Business. I own the launderette...": the word said first
    return choose(told, VICTIM_TYPES)
ROUTES = {
    "three_reports": [r"(?:i|we|he|she|they|you)(?:'ve| have| has)? (?:did|do|reported|rang|called|told|emailed|"
                      r"phoned|contacted|complained|done)", r"(?:i|we|he|she|they) did", r"me", r"myself", r"himself",
                      r"herself", r"themselves", r"him", r"her", r"us", r"my (?:own )?reports?", r"(?:his|her|their) "
                      r"(?:own )?reports?", r"just (?:me|him|her|them|us)", r"only (?:me|him|her|them|us)", r"own",
                      r"my (?:mum|dad|mother|father|nan|gran|son|daughter|husband|wife|partner)",
                      r"on (?:their|his|her) behalf", r"(?:i|he|she|they) reported it", r"me reporting"],
    "five_individuals": [r"(?:five|5|six|6|seven|7|several|lots of|many|loads of|other|different|more) "
                         r"(?:people|neighbours|residents|of us|households|individuals)", r"(?:5|five) or more",
                         r"people (?:have|each|all|did)", r"neighbours",
                         r"whole (?:street|road|estate|block)", r"everyone", r"we all", r"all of us", r"residents",
                         r"community", r"group of"],
}
CONTACT_METHODS = {
    "phone": [r"phone", r"call", r"calls", r"ring", r"telephone", r"mobile", r"by phone", r"phone calls?", r"voice"],
    "email": [r"e-?mails?", r"mail me", r"inbox"],
    "text": [r"texts?", r"texting", r"sms", r"messages?", r"whatsapp", r"txts?"],
    "post": [r"post", r"letter", r"write to me", r"by mail", r"in writing", r"posted"],
}


# -- names ---------------------------------------------------------------------

_NAME_LEAD = re.compile(
    r"^(?:(?:hi|hello|ok|okay|sure|yes|yeah)[,!. ]+)?(?:my name(?:'s| is)|name(?:'s| is)?|i'?m|i am|it'?s|it is|"
    r"this is|call me|(?:her|his|their) name(?:'s| is)|(?:she|he)(?:'s| is) called|they'?re called|"
    r"(?:he|she|it)'?s|(?:the )?name)[:\s]+", re.I)
_REFUSALS = re.compile(r"\b(?:rather not|prefer not|don'?t want|do not want|anonymous|anon|no name|not saying|"
                       r"why do you need|none of your|won'?t say|not giving)\b", re.I)


@dataclass(frozen=True)
class NameReading:
    name: Optional[str]
    refused: bool = False
    problem: Optional[str] = None


def read_name(text: str) -> NameReading:
    raw = (text or "").strip()
    if _REFUSALS.search(raw) or yes_no(raw) is False:
        return NameReading(None, refused=True)
    if unsure(raw):
        return NameReading(None, problem="Please type the name as best you can. The spelling doesn't need to be "
                                         "perfect.")
    name = _NAME_LEAD.sub("", raw).strip(" .,!")
    name = re.sub(r"^(?:ok(?:ay)?|sure|yes|yeah|yep|right|fine|of course)(?:[,!. ]+|$)", "", name, flags=re.I)
    # "my mum, Grace Adeyemi", "she's called Pat": the name after who they are
    name = re.sub(r"^(?:(?:my|our|his|her|their) [a-z -]{2,25}?(?:,|\s+is|\s+-|:)\s*|(?:she|he|they)(?:'s| is| are)? "
                  r"(?:called|named)\s+)", "", name, flags=re.I).strip(" .,!")
    name = _NAME_LEAD.sub("", name).strip(" .,!")
    if not name or yes_no(name):
        return NameReading(None, problem="Please type the name, like Jo Bloggs.")
    name = re.sub(r"\s+(?:thanks|thank you|cheers|ta)$", "", name, flags=re.I).strip(" .,!")
    name = re.sub(r"[,(]?\s*(?:spelt|spelled|that'?s spelt|as in)\b.*$", "", name, flags=re.I).strip(" .,!(")
    # "Siddharth Menon, but everyone calls me Sid": the name given first
    name = re.sub(r"(?:\s*[,(;-]\s*|\s+)(?:(?:but|though|although|and|or)\s+)?(?:(?:everyone|everybody|people|"
                  r"friends|most people|they)\s+)?(?:calls? me|call me|known as|goes by|i go by|please call me|"
                  r"prefer)\b.*$", "", name, flags=re.I).strip(" .,!(")
    if not name:
        return NameReading(None, problem="Please tell me the name.")
    # "Yetunde, surname Balogun", "first name Jo, last name Bloggs"
    parts = re.fullmatch(r"(?:first name\s+)?([^\W\d_][\w'-]*)\s*,?\s+(?:and\s+)?(?:my\s+)?(?:surname|last name|"
                         r"second name|family name)(?:'s|\s+is)?\s*:?\s+([^\W\d_][\w' -]*)", name, re.I)
    if parts:
        name = f"{parts.group(1)} {parts.group(2).strip()}"
    # "robert grenwood sorry greenwood", "Levi Rosenthall, sorry, one l - Rosenthal": a word put right as typed
    fix = re.fullmatch(r"(.+?)\s*,?\s+(?:sorry|i mean|oops|no|correction)\s*,?\s+([^\W\d_][\w'-]*)", name, re.I) or \
        re.fullmatch(r"(.+?)\s*,?\s+(?:sorry|i mean|oops|correction)\b[^-\u2013:]{0,24}[-\u2013:]\s*"
                     r"([^\W\d_][\w'-]*)", name, re.I)
    if fix and len(fix.group(1).split()) >= 2:
        name = " ".join(fix.group(1).split()[:-1] + [fix.group(2)])
    # "Priya, Priya Shah", "Jo - Joanne Bloggs": the fuller name said again
    repeat = re.fullmatch(r"([^\W\d_][\w'-]*)\s*[,;:.-]+\s*(.+)", name)
    if repeat and repeat.group(2).lower().startswith(repeat.group(1).lower()[:2]) and len(repeat.group(2).split()) >= 2:
        name = repeat.group(2).strip()
    # The last word is the store's own rule (bot/rules/applicant_details.py), so a name read here is one it keeps.
    problem = name_problem(name)
    if problem == LONGER_THAN_A_NAME:
        # "Zoltán Horváth - with accents on the a's": the name, then a note about it
        head = re.split(r"\s+[-–(]\s*|\s*[;:]\s+|,\s+(?=(?:with|it'?s|its|that'?s|spelt|spelled|and|but|she|he|"
                        r"they|who)\b)", name, maxsplit=1, flags=re.I)[0].strip(" .,!(")
        if head != name and 2 <= len(head.split()) <= 5 and not re.search(r"\d|@", head):
            return read_name(head)
    if problem:
        return NameReading(None, problem=problem)
    if name.islower() or name.isupper():
        name = _title_name(name)
    return NameReading(name)


def _title_name(name: str) -> str:
    """'jo o'neil-smith' -> "Jo O'Neil-Smith"."""
    return " ".join("".join(p.capitalize() for p in re.split(r"([-'])", w)) for w in name.split())


# -- contact details -------------------------------------------------------------

_EMAIL_ALMOST = re.compile(r"\b[\w.+-]+\s?(?:@|at)\s?[\w-]+\s?(?:\.|dot)\s?(?:com|co\.uk|org|net|uk|gov\.uk)\b", re.I)
_PHONE_CHUNK = re.compile(r"(?:\+|\(|\b)[\d()+\- ]{6,}\d")
# "fergus dot mcbride at example dot com": an email address spelt out in words
_SPOKEN_EMAIL = re.compile(r"\b[\w+-]+(?:\s*(?:\.|\bdot\b)\s*[\w+-]+)*\s+(?:at|@)\s+[\w-]+"
                           r"(?:\s*(?:\.|\bdot\b)\s*[\w-]+)+(?!\s+(?:at|@)\s)", re.I)


def spelt_out_email(text: str) -> str:
    def join(m):
        found = re.sub(r"\s*\bdot\b\s*|\s*\.\s*", ".", m.group(), flags=re.I)
        return re.sub(r"\s+(?:at|@)\s+", "@", found, flags=re.I)
    if _EMAIL.search(text or "") or not re.search(r"\bdot\b", text or "", re.I):
        return text or ""
    # "email me at kelechi dot nwosu at example dot net": "me at" is not the address
    text = re.sub(r"\b((?:e-?mail|mail|contact|reach|write to|message)\s+(?:me|us))\s+(?:at|on)\s+", r"\1: ", text,
                  flags=re.I)
    return _SPOKEN_EMAIL.sub(join, text)


@dataclass(frozen=True)
class ContactReading:
    phone: Optional[str] = None
    email: Optional[str] = None
    address: Optional[str] = None
    postcode: Optional[str] = None
    problems: Tuple[str, ...] = ()
    refused: bool = False

    @property
    def found(self) -> bool:
        return bool(self.phone or self.email or self.address)


def without_contact(text: str) -> str:
    """The text with phone numbers, email addresses and the words around them taken out ("Jo Bloggs")."""
    rest = _EMAIL.sub(" ", text or "")
    rest = _PHONE_CHUNK.sub(" ", rest)
    rest = re.sub(r"(?i)\b(?:and\s+)?(?:my\s+|the\s+)?(?:mobile|phone|number|tel|e-?mail|email address)(?:\s+(?:number|is|'s))*"
                  r"\b|\b(?:or|and|on|at|call me|text me|email me)\s*$", " ", rest)
    return re.sub(r"\s+", " ", rest).strip(" ,.;:-")


def read_contact(text: str) -> ContactReading:
    raw = spelt_out_email((text or "").strip())
    if _REFUSALS.search(raw) and not (_EMAIL.search(raw) or re.search(r"\d{6,}", re.sub(r"[\s-]", "", raw))):
        return ContactReading(refused=True)  # "I don't want anything coming to the house" beside an email isn't
    problems = []
    email = None
    m = _EMAIL.search(raw)
    if m:
        email = m.group().strip(".")
        problem = email_problem(email)
        if problem:
            problems.append(problem)
            email = None
    elif _EMAIL_ALMOST.search(raw) or "@" in raw:
        problems.append(EMAIL_INCOMPLETE)
    rest = _EMAIL.sub(" ", raw)
    phone = None
    postcode_match = _POSTCODE.search(rest)
    scan = _POSTCODE.sub(" ", rest)
    for chunk in _PHONE_CHUNK.findall(scan):
        if len(re.sub(r"\D", "", chunk)) >= 6:
            phone, problem = normalise_phone(chunk)
            if problem:
                problems.append(problem)
            break
    address = None
    postcode = None
    if postcode_match:
        postcode = f"{postcode_match.group(1).upper()} {postcode_match.group(2).upper()}"
        # The address is what is left once phone and email are taken out.
        leftover = _PHONE_CHUNK.sub(" ", rest)
        leftover = re.sub(r"(?i)\b(?:my )?(?:address|number|phone|email)(?: is)?\b[:]?", " ", leftover)
        address = re.sub(r"\s+", " ", leftover).strip(" ,.;")
    return ContactReading(phone=phone, email=email, address=address, postcode=postcode,
                          problems=tuple(problems))


# -- is this an answer to the question asked? ------------------------------------

YES_NO_SLOTS = {"danger_now", "victim_consent", "ongoing_complaint", "in_area", "problem_continuing",
                "no_action_taken", "consent_to_share", "another_report", "summary_confirmed"}
CHOICE_SLOTS = {"applying_for": APPLYING_FOR, "relationship": RELATIONSHIPS, "victim_type": VICTIM_TYPES,
                "route": ROUTES, "preferred_contact": CONTACT_METHODS}


_QUESTION = re.compile(r"^(?:what|how|who|when|why|where|which|can|could|will|would|does|do|is|are|should|"
                       r"am i|is it|what'?s)\b(?!').*|.*\?\s*$")


def is_question(text: str) -> bool:
    """'how long does this take?', 'what counts as ASB'."""
    t = _clean(text)
    return bool(_QUESTION.match(t)) and len(t.split()) >= 3


def recognised(slot: str, text: str) -> bool:
    """Whether `text` reads as an answer to the question for `slot` (used to
    tell an answer from an interruption when the intent classifier disagrees)."""
    if slot in YES_NO_SLOTS:
        return yes_no(text) is not None or unsure(text)
    if slot in CHOICE_SLOTS:
        return choose(text, CHOICE_SLOTS[slot]) is not None
    if slot in ("contact", "contact_phone", "contact_email", "contact_address"):
        return read_contact(text).found
    return False


# How to contact them safely, said in passing ("text is best", "don't ring between 5 and 8", "no voicemails")
CONTACT_WISH = re.compile(
    r"\b(?:text|call|ring|phone|email|e-mail|contact|write to|message)\s+(?:me|is (?:best|better|easier))\b|"
    r"\bdon'?t (?:call|ring|phone|text|email|write|visit|come round|leave)\b|\b(?:only|just) (?:text|call|ring|email)\b|"
    r"\b(?:call|ring|phone|text)(?: me)? (?:after|before|between|only)\b|\bno (?:voicemails?|calls|letters|visits)\b|"
    r"\bnot (?:before|after|between) \d", re.I)


# The person can't agree themselves: "he can't really say, he has dementia"
CANNOT_AGREE = re.compile(r"\b(?:dementia|alzheimer'?s|lacks? (?:the )?(?:mental )?capacity|(?:no|doesn'?t have) (?:the )?"
                           r"(?:mental )?capacity|can'?t (?:really )?(?:say|understand|decide|agree|consent|tell)|"
                           r"(?:doesn'?t|does not|don'?t|won'?t) (?:really )?(?:understand|know what'?s (?:going on|"
                           r"happening))|not able to (?:understand|decide|agree|consent|say)|too (?:ill|unwell|confused))\b",
                           re.I)
