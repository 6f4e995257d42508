"""Which organisation a resident means, and whether it is one that counts.

Driven entirely by the policy's `organisations` lists, so another council's
housing providers and teams are recognised by editing its policy file. Matching
ignores case, punctuation and small typos ("barnet homs"), and keeps the name
as the resident said it.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from bot.rules.policy import OrganisationName, Policy

_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """'L&Q', 'l & q' and 'L and Q' all become 'l and q'."""
    text = _POSSESSIVE.sub(" ", text.casefold()).replace("&", " and ").replace("'", "").replace("’", "")
    return " ".join(_WORD.findall(text))


# "the council's team" names the council: a possessive 's is not part of the name.
_POSSESSIVE = re.compile(r"['’]s\b", re.I)


# A name that is also a word ("Met"), typed in lower case, is still the name where only a name fits:
# "(1) met 5.9.26 cad3318", "rang the met", "told met police"; never "we met with", "I met him".
_NAME_BEFORE = re.compile(r"(?:\bthe|\bto|\brang|\bcalled|\bphoned|\bcontacted|\bemailed|\btold|\binformed|"
                          r"\breported it to|^|[(\[]\d{1,2}[)\]]|\b\d{1,2}[.)]|[:;,-])\s*$", re.I)
_VERB_BEFORE = re.compile(r"\b(?:i|we|they|he|she|you|and|had|have|has|just|finally|never|already|first|then|"
                          r"been|was|were)\s*$", re.I)
_NAME_AFTER = re.compile(r"^\s*[,:-]?\s*(?:\d|online|police|ref\b|reference|cad\b|website|app\b|form\b|101\b)",
                         re.I)
_VERB_AFTER = re.compile(r"^\s+(?:with|up|him|her|them|me|us|a|an|my|his|their|our|some|someone|somebody|"
                         r"everyone|each)\b", re.I)


def _used_as_a_name(before: str, after: str) -> bool:
    if _VERB_BEFORE.search(before) or _VERB_AFTER.match(after):
        return False
    return bool(_NAME_BEFORE.search(before[-40:]) or _NAME_AFTER.match(after))


@dataclass(frozen=True)
class OrganisationMatch:
    said: str                  # the words the resident used
    category: Optional[str]    # a policy category, or None when unknown or ambiguous
    say: str                   # how to mention it in a sentence
    ambiguous: bool = False    # "my landlord": could be more than one kind

    @property
    def known(self) -> bool:
        return self.category is not None


# Misspellings of the everyday words, too short for fuzzy matching to be safe.
_TYPOS = {
    "polise": "police", "pollice": "police", "polcie": "police", "poilce": "police", "plice": "police",
    "polis": "police", "councel": "council", "concil": "council", "counsil": "council", "coucil": "council",
    "councle": "council", "housin": "housing", "assocation": "association", "asociation": "association",
    "assosiation": "association",
}
# Words before "101"/"999" that show it was rung, not a flat or a bus.
_RUNG = {"rang", "ring", "rung", "ringing", "called", "call", "calling", "phoned", "phone", "phoning",
         "dialled", "dialed", "dial", "on", "via", "through", "to", "contacted", "contact", "the", "tried",
         "was", "were"}


# Words before a number that make it a flat, a room or a bus, not the police line
_NOT_A_LINE = {"flat", "room", "bus", "number", "no", "house", "unit", "apartment", "block", "route", "door", "page",
               "level", "floor", "plot", "suite", "box", "ward", "bed", "platform"}


class OrganisationIndex:
    """Looks organisation names up in a policy."""

    def __init__(self, policy: Policy):
        self.policy = policy
        entries: Dict[str, OrganisationName] = {}
        for name in policy.all_names():
            entries.setdefault(normalise(name.name), name)
        # The category keys themselves, as a staff member might type them.
        for key, cat in policy.categories.items():
            for alias in {key, key.replace("_", " "), cat.label} - {"other"}:  # "the other day" is not one
                entries.setdefault(normalise(alias),
                                   OrganisationName(name=alias, category=key, say=cat.label))
        if "housing_provider" in policy.categories:
            entries.setdefault("registered housing provider",
                               OrganisationName("registered housing provider", "housing_provider",
                                                policy.categories["housing_provider"].label))
        self._entries = entries
        self._ambiguous = {normalise(a) for a in policy.ambiguous_names} - set(entries)
        # Longest names first so "metropolitan thames valley" beats "met".
        self._names = sorted(entries, key=lambda n: (-len(n.split()), -len(n)))
        self._pattern = _alternation(self._names)
        self._ambiguous_pattern = _alternation(sorted(self._ambiguous, key=len, reverse=True))

    # -- a whole answer: "Barnet Homes", "the met", "my MP" ------------------

    def classify(self, text: str) -> Optional[OrganisationMatch]:
        """What an answer to "who did you report it to?" names, or None if nothing."""
        if not text or not normalise(text):
            return None
        found = self.find(text)
        if found:
            return self._merge_with_answer(text, found[0][2])
        fuzzy = self.find_fuzzy(text)
        return fuzzy[2] if fuzzy else None

    def _merge_with_answer(self, text: str, match: OrganisationMatch) -> OrganisationMatch:
        # "Acme Housing Association" contains "housing association": keep the
        # resident's full name for it when the answer is short.
        words = normalise(text).split()
        if match.known and len(words) <= 6 and match.said.casefold() != text.strip().casefold() \
                and not _generic_answer(words) and not match.said.isdigit():
            cleaned = _strip_filler(text)
            if cleaned and normalise(cleaned) != normalise(match.said):
                return OrganisationMatch(said=cleaned, category=match.category, say=cleaned)
        return match

    # -- inside a sentence -------------------------------------------------

    def find(self, text: str) -> List[Tuple[int, int, OrganisationMatch]]:
        """Every organisation named in `text`, as (start, end, match) in text order.

        A specific name beats an ambiguous one it overlaps ("the housing
        officer" is a housing provider, not the ambiguous "the housing").
        """
        norm, offsets = _normalise_with_offsets(text)
        found: List[Tuple[int, int, OrganisationMatch]] = []
        for m in self._pattern.finditer(norm) if self._names else ():
            entry = self._entries[m.group()]
            start, end = offsets[m.start()], offsets[m.end() - 1] + 1
            said = text[start:end]
            if entry.match_case and entry.name not in said and norm.strip() != m.group() and \
                    not _used_as_a_name(text[:start], text[end:]):
                continue  # "met with my housing officer"; but an answer of just "met" is the Met
            if entry.name.isdigit() and not _was_rung(norm[:m.start()], norm[m.end():]):
                continue
            found.append((start, end, OrganisationMatch(said=said, category=entry.category, say=entry.say)))
        for m in self._ambiguous_pattern.finditer(norm) if self._ambiguous else ():
            start, end = offsets[m.start()], offsets[m.end() - 1] + 1
            if any(s < end and start < e for s, e, _ in found):
                continue
            said = text[start:end]
            found.append((start, end, OrganisationMatch(said=said, category=None, say=said, ambiguous=True)))
        found.sort(key=lambda f: f[0])
        return found

    def find_fuzzy(self, text: str, cutoff: float = 0.86) -> Optional[Tuple[int, int, OrganisationMatch]]:
        """The name closest to a misspelt one in `text` ("barnet homs", "polise"), if close enough."""
        norm, offsets = _normalise_with_offsets(text[:2000])
        words = list(re.finditer(r"\S+", norm))
        best: Tuple[float, Optional[str], int, int] = (0.0, None, 0, 0)
        for name in self._names:
            if self._entries[name].match_case:
                continue  # also an ordinary word ("Shelter", "took shelter"): only as written, never guessed at
            size = len(name.split())
            for i in range(0, len(words) - size + 1):
                chunk = norm[words[i].start():words[i + size - 1].end()]
                fixed = " ".join(_TYPOS.get(w, w) for w in chunk.split())
                if fixed == name and fixed != chunk:
                    score = 1.0
                elif len(name) < 5 or chunk[0] != name[0]:
                    continue  # too short to guess at; typos rarely change the first letter
                else:
                    matcher = difflib.SequenceMatcher(None, chunk, name)
                    if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
                        continue
                    score = matcher.ratio()
                    # Word by word too: "as anti social behaviour" is not "anti social behaviour team".
                    if score >= cutoff and not _words_align(chunk.split(), name.split()):
                        continue
                if score > best[0]:
                    best = (score, name, words[i].start(), words[i + size - 1].end())
        score, name, start, end = best
        if not name or score < cutoff or self._entries[name].name.isdigit():
            return None
        entry = self._entries[name]
        start, end = offsets[start], offsets[end - 1] + 1
        return start, end, OrganisationMatch(said=text[start:end], category=entry.category, say=entry.say)

    def unknown(self, text: str) -> OrganisationMatch:
        return OrganisationMatch(said=text.strip(), category=None, say=text.strip())


def _words_align(said: List[str], name: List[str]) -> bool:
    """Each word is a near-spelling of the same word of the name."""
    return all(difflib.SequenceMatcher(None, a, b).ratio() >= 0.7 for a, b in zip(said, name))


def _alternation(names: List[str]) -> "re.Pattern[str]":
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def _was_rung(before: str, after: str) -> bool:
    """'rang 101', 'called the 101 line', or an answer that is only '101'."""
    previous = before.split()[-1:]
    if previous and previous[0] in _RUNG:
        return True
    if re.match(r"\s*(?:again\s+)?on\s+(?:the\s+)?(?:\d|mon|tue|wed|thu|fri|sat|sun)", after) and \
            not (previous and previous[0].strip(",.:;") in _NOT_A_LINE):
        return True  # "During August: 101 on the 8th, the council on the 15th"

    if not previous and re.match(r"\s*(?:gave|give|said|told|logged|took|sent|never|didn'?t|did|just|were|was|"
                                 r"operator|call|calls|again|twice|on|last|yesterday|\w+ times)\b", after):
        return True  # "101 gave me incident number 5563": the number at the start, doing something
    return not before.strip() and not after.strip()


_FILLER = re.compile(r"^(?:i\s+)?(?:told|rang|called|phoned|emailed|reported (?:it )?to|it was|to)?\s*"
                     r"(?:the|my|our|a|an)?\s+", re.I)


def _strip_filler(text: str) -> str:
    text = text.strip().strip(".!,")
    return _FILLER.sub("", " " + text).strip() if text else text


def _generic_answer(words: List[str]) -> bool:
    return bool(words) and words[0] in {"i", "we", "rang", "called", "phoned", "emailed", "told", "reported"}


def _normalise_with_offsets(text: str) -> Tuple[str, List[int]]:
    """Like `normalise`, with the original index of every output character."""
    out: List[str] = []
    offsets: List[int] = []
    last_was_space = True
    possessive = {i for m in _POSSESSIVE.finditer(text) for i in range(m.start(), m.end())}
    for i, ch in enumerate(text):
        if i in possessive:
            ch = " "
        elif ch in "'’":
            continue
        if ch == "&":
            piece = " and "
        elif ch.isalnum():
            piece = ch.casefold()
        else:
            piece = " "
        for p in piece:
            if p == " ":
                if last_was_space:
                    continue
                last_was_space = True
            else:
                last_was_space = False
            out.append(p)
            offsets.append(i)
    return "".join(out), offsets
