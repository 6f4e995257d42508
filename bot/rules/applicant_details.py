"""What a stored applicant detail may be: a name, an email address, a phone number, a postcode, any text.

One set of rules for both sides (issue 12, item 5): the conversation checks what a
resident typed against them (bot/dialogue/answers.py), and the drafts store refuses
anything else whoever sends it (bot/drafts/repository.py), so nothing can be written
that the conversation itself would have refused.

Each `*_problem` function returns None for a good value, or what is wrong in words a
resident can act on (the conversation says them; the store puts them in its error).
"""
from __future__ import annotations

import re
from typing import Optional, Tuple

# -- any stored text -------------------------------------------------------------

# Control characters (all but tab and newline) are never typed, and can hide or break
# text in logs, CSV files and terminals. Bidirectional embeddings, overrides and
# isolates can turn the rest of a line around on a staff page.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def text_problem(value: str) -> Optional[str]:
    if _UNSAFE.search(value):
        return "has a control character or a text-direction character in it"
    return None


def without_unsafe_characters(text: str) -> str:
    """What a resident typed, with the characters `text_problem` refuses taken out."""
    return _UNSAFE.sub("", text)


# -- names -----------------------------------------------------------------------

NOT_A_NAME = "That doesn't look like a name. Please type just the name, like Jo Bloggs."
LONGER_THAN_A_NAME = "That's longer than a name. Please type just the name, like Jo Bloggs."
NAME_WITHOUT_LETTERS = "Please type the name using letters."
NAME_MAX_CHARS = 80
NAME_MAX_WORDS = 6

# An email address, a web address or markup is never a name.
_NOT_IN_A_NAME = re.compile(r"@|https?:|://|\bwww\.|[<>{}\\=]", re.I)
# Digits belong in an organisation's name ("Over-60s Club", "No 12 Shop"), not a person's.
_ORGANISATION = re.compile(
    r"\b(?:club|group|association|society|ltd|limited|church|centre|center|school|trust|charity|shop|cafe|"
    r"store|residents|tenants)\b|over-?\d+s?\b|\bno\.?\s*\d+|\bnumber \d+", re.I)
# a letter of any script: names are written in Arabic, Chinese, Greek, Cyrillic, Bengali and more
_LETTER = re.compile(r"[^\W\d_]")


def name_problem(name: str) -> Optional[str]:
    """A person's, business's or group's name as stored (the applicant's, the victim's)."""
    if text_problem(name) or _NOT_IN_A_NAME.search(name) or re.search(r"\d", name) and not _ORGANISATION.search(name):
        return NOT_A_NAME
    if len(name) > NAME_MAX_CHARS or len(name.split()) > NAME_MAX_WORDS:
        return LONGER_THAN_A_NAME
    if not _LETTER.search(name):
        return NAME_WITHOUT_LETTERS
    return None


# -- email addresses ---------------------------------------------------------------

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
EMAIL_MAX_CHARS = 254  # the longest address mail can be sent to (RFC 5321)
EMAIL_INCOMPLETE = "That email address doesn't look complete. Please type it like name@example.com."


def email_problem(email: str) -> Optional[str]:
    if not EMAIL.fullmatch(email):
        return EMAIL_INCOMPLETE
    if len(email) > EMAIL_MAX_CHARS:
        return "That email address is longer than an email address can be. Please check it and type it again."
    return None


# -- phone numbers -------------------------------------------------------------------

def normalise_phone(text: str) -> Tuple[Optional[str], Optional[str]]:
    """A UK phone number in a standard layout, or a reason it isn't one."""
    # "+44 (0) 7700 900246": the 0 in brackets is the one dialled from inside the UK, not a digit of the number
    digits = re.sub(r"\D", "", re.sub(r"^(\s*(?:\+|00)\s*44\s*)\(\s*0\s*\)", r"\1", text))
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    if not digits.startswith("0"):
        return None, "UK phone numbers start with 0 (or +44), like 07700 900123."
    if len(digits) < 10:
        return None, f"That phone number has {len(digits)} digits; UK numbers have 10 or 11, like 07700 900123."
    if len(digits) > 11:
        return None, f"That phone number has {len(digits)} digits; UK numbers have 10 or 11, like 07700 900123."
    if digits.startswith(("07", "02", "03")) and len(digits) != 11:
        return None, f"That phone number has {len(digits)} digits; it should have 11, like 07700 900123."
    if digits.startswith("07"):
        return f"{digits[:5]} {digits[5:]}", None
    if digits.startswith("02"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}", None
    return f"{digits[:5]} {digits[5:]}", None


# -- postcodes -------------------------------------------------------------------------

POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.I)


def postcode_problem(postcode: str) -> Optional[str]:
    if not POSTCODE.fullmatch(postcode):
        return "That doesn't look like a UK postcode. Please type it like SW1A 1AA."
    return None
