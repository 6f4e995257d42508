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

from bot.policy import OrganisationName, Policy

_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """'L&Q', 'l & q' and 'L and Q' all become 'l and q'."""
    text = text.casefold().replace("&", " and ").replace("'", "").replace("’", "")
    return " ".join(_WORD.findall(text))


@dataclass(frozen=True)
class OrganisationMatch:
    said: str                  # the words the resident used
    category: Optional[str]    # a policy category, or None when unknown or ambiguous
    say: str                   # how to mention it in a sentence
    ambiguous: bool = False    # "my landlord": could be more than one kind

    @property
    def known(self) -> bool:
        return self.category is not None


class OrganisationIndex:
    """Looks organisation names up in a policy."""

    def __init__(self, policy: Policy):
        self.policy = policy
        entries: Dict[str, OrganisationName] = {}
        for name in policy.all_names():
            entries.setdefault(normalise(name.name), name)
        # The category keys themselves, as a staff member might type them.
        for key, cat in policy.categories.items():
            for alias in {key, key.replace("_", " "), cat.label}:
                entries.setdefault(normalise(alias),
                                   OrganisationName(name=alias, category=key, say=cat.label))
        if "housing_provider" in policy.categories:
            entries.setdefault("registered housing provider",
                               OrganisationName("registered housing provider", "housing_provider",
                                                policy.categories["housing_provider"].label))
        self._entries = entries
        self._ambiguous = {normalise(a) for a in policy.ambiguous_names}
        # Longest names first so "metropolitan thames valley" beats "met".
        self._names = sorted(entries, key=lambda n: (-len(n.split()), -len(n)))
        self._pattern = re.compile(
            r"\b(?:" + "|".join(re.escape(n) for n in self._names + sorted(self._ambiguous, key=len, reverse=True))
            + r")\b")

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
                and not _generic_answer(words):
            cleaned = _strip_filler(text)
            if cleaned and normalise(cleaned) != normalise(match.said):
                return OrganisationMatch(said=cleaned, category=match.category, say=cleaned)
        return match

    # -- inside a sentence -------------------------------------------------

    def find(self, text: str) -> List[Tuple[int, int, OrganisationMatch]]:
        """Every organisation named in `text`, as (start, end, match) in text order."""
        norm, offsets = _normalise_with_offsets(text)
        out = []
        for m in self._pattern.finditer(norm):
            start, end = offsets[m.start()], offsets[m.end() - 1] + 1
            said = text[start:end]
            key = m.group()
            if key in self._ambiguous and key not in self._entries:
                out.append((start, end, OrganisationMatch(said=said, category=None, say=said, ambiguous=True)))
                continue
            entry = self._entries[key]
            out.append((start, end, OrganisationMatch(said=said, category=entry.category, say=entry.say)))
        return out

    def find_fuzzy(self, text: str, cutoff: float = 0.86) -> Optional[Tuple[int, int, OrganisationMatch]]:
        """The name closest to a misspelt one in `text` ("barnet homs"), if close enough."""
        if len(text) > 300:
            return None  # a long message: only exact names are looked for
        norm, offsets = _normalise_with_offsets(text)
        words = list(re.finditer(r"\S+", norm))
        best: Tuple[float, Optional[str], int, int] = (0.0, None, 0, 0)
        for name in self._names:
            size = len(name.split())
            if len(name) < 5:
                continue  # "MP", "SNT": too short to guess at
            for i in range(0, len(words) - size + 1):
                chunk = norm[words[i].start():words[i + size - 1].end()]
                matcher = difflib.SequenceMatcher(None, chunk, name)
                if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
                    continue
                score = matcher.ratio()
                if score > best[0]:
                    best = (score, name, words[i].start(), words[i + size - 1].end())
        score, name, start, end = best
        if not name or score < cutoff:
            return None
        entry = self._entries[name]
        start, end = offsets[start], offsets[end - 1] + 1
        return start, end, OrganisationMatch(said=text[start:end], category=entry.category, say=entry.say)

    def unknown(self, text: str) -> OrganisationMatch:
        return OrganisationMatch(said=text.strip(), category=None, say=text.strip())


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
    for i, ch in enumerate(text):
        if ch in "'’":
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
