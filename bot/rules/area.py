"""Is a place in the council's area? From a postcode or place names in the policy.

    "Oak Road, N3 2AB"            -> yes (N3 is wholly in Barnet)
    "Osidge Lane, N14"            -> yes (N14 is shared; Osidge is in Barnet)
    "Southgate, near the tube, N14" -> no (shared district; Southgate is Enfield)
    "Wembley, HA9"                -> no (a district not in the area)
    "the park near my house"      -> not known: ask

The answer is a guess the resident can correct, so a "no" is confirmed before
it ends an application; an unknown place is asked about.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from bot.rules.organisations import normalise
from bot.rules.policy import Policy

# A full postcode ("N11 1NP") or an outward code on its own ("NW9", "en5").
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.I)
DISTRICT = re.compile(r"\b([A-Z]{1,2}\d{1,2}[A-Z]?)\b", re.I)


@dataclass(frozen=True)
class AreaReading:
    inside: Optional[bool]          # True, False, or None when it can't be told
    district: Optional[str] = None  # "N11"
    place: Optional[str] = None     # the place name that decided it

    @property
    def known(self) -> bool:
        return self.inside is not None


def district_of(text: str) -> Optional[str]:
    m = POSTCODE.search(text or "")
    if m:
        return m.group(1).upper()
    for m in DISTRICT.finditer(text or ""):
        word = m.group(1).upper()
        # an outward code has letters then digits: "HA8", "NW11"; not "A1" (a road) or "M25"
        if re.match(r"^(?:[A-Z]{1,2})\d", word) and word[:2] not in ("A1", "M1", "M2", "M4") and \
                not re.match(r"^[AM]\d+$", word):
            return word
    return None


# A place name that is part of an organisation's name ("Barnet Homes", "Enfield Council") is not where it happens.
_ORGANISATION_WORD = r"(?:homes|council|police|group|borough|housing|partnership|safer|community safety|cst|nhs|ccg)"


def _named(text: str, places) -> Optional[str]:
    norm = f" {normalise(text)} "
    for place in sorted(places, key=len, reverse=True):
        name = normalise(place)
        for m in re.finditer(rf"(?<= ){re.escape(name)}(?= )", norm):
            if not re.match(rf" {_ORGANISATION_WORD}\b", norm[m.end():]) and \
                    not re.search(r"\b(?:london borough of|borough of)\s$", norm[:m.start()]):
                return place
    return None


def _said_to_be_outside(text: str, policy: Policy) -> Optional[str]:
    """ "technically Harrow council not Barnet", "that's Harrow borough": the council area said in so many words
    (a place followed by "council" is otherwise who was told, not where it is)."""
    norm = f" {normalise(text)} "
    area = normalise(policy.council.area)
    negated = re.search(rf"\bnot (?:in |part of |under )?(?:the )?(?:london borough of )?{re.escape(area)}\b(?! (?:council|"
                        rf"homes|police))", norm)
    for place in sorted(policy.geography.places_outside, key=len, reverse=True):
        name = re.escape(normalise(place))
        if negated and re.search(rf"\b{name}\b", norm):
            return place  # "technically Harrow council not Barnet"
        if re.search(rf"\b(?:thats|that s|that|its|it s|is|in|under|technically|actually|part of|comes under)\s+(?:the\s+)?"
                     rf"(?:london borough of\s+)?{name}\s+(?:council|borough)\b(?!\s+(?:asb|team|housing|officer))|"
                     rf"\b(?:london borough of|borough of)\s+{name}\b", norm):
            return place
    return "" if negated else None  # "it's not in Barnet": outside, somewhere not named


def read_area(text: str, policy: Policy) -> AreaReading:
    geo = policy.geography
    if not (geo.postcode_districts or geo.shared_postcode_districts or geo.places):
        return AreaReading(None)
    district = district_of(text)
    outside = _said_to_be_outside(text, policy)
    if outside is not None:
        return AreaReading(False, district, outside or None)
    inside_place = _named(text, geo.places)
    outside_place = _named(text, geo.places_outside)
    # "Muswell Hill Broadway": a place outside beats a word like "Broadway"
    if inside_place and outside_place and len(normalise(outside_place)) > len(normalise(inside_place)):
        inside_place = None
    if district:
        if district in geo.postcode_districts:
            return AreaReading(True, district, inside_place)
        if district in geo.shared_postcode_districts:
            if inside_place and not outside_place:
                return AreaReading(True, district, inside_place)
            if outside_place and not inside_place:
                return AreaReading(False, district, outside_place)
            return AreaReading(None, district)
        if geo.postcode_districts or geo.shared_postcode_districts:
            return AreaReading(False, district, outside_place)
    if inside_place and not outside_place:
        return AreaReading(True, district, inside_place)
    if outside_place and not inside_place:
        return AreaReading(False, district, outside_place)
    return AreaReading(None, district)
