"""Whole conversations typed as a resident types them, shared by the end-to-end, failure and
production tests. The test servers' today is Tuesday 10 March 2026 (tests/servers.py), so the
six-month window starts on 10 September 2025."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Tuple

from bot.rules.dates import format_date
from bot.rules.eligibility import window_start
from bot.rules.policy import Policy, load_policy

OPENING = "the family next door play loud music every night and shout abuse at us"
START = (OPENING, "no", "myself", "no", "I reported it")
REPORTS = (
    "rang 101 on the 2nd of Feb, they gave me CAD 5521/02FEB, nothing happened",
    "emailed Clarion last week, ref CL-40021, no reply",
    "told environmental health on 5 March, ref ENV-20441, they never came",
)
PROBLEM = ("no that's all", "Oak Road, N3 2AB", "since last summer", "we can't sleep and the kids are scared", "no")
CONTACT = ("yes", "Jo Bloggs", "07700 900123 or jo@example.org", "text message", "no")


def three_reports(chat):
    """From "Tell me about the first time..." to "Is there any other report to add?" after three."""
    reply = None
    for line in REPORTS:
        reply = chat.say(line)
    assert "That's 3 reports. That's enough" in reply, chat.dump()
    return reply


def to_the_summary(chat, opened: bool = False, described: bool = True):
    """A whole eligible application, up to the summary and "Is everything correct?". `opened`: the
    conversation has begun (the danger question is next); `described`: the problem was described
    in the first message (otherwise it is asked after the reports)."""
    chat.script(*(START[1:] if opened else START))
    three_reports(chat)
    reply = chat.script(*(PROBLEM if described else PROBLEM[:1] + (OPENING,) + PROBLEM[1:]))
    assert "you can use the Community Trigger" in reply and "Do you agree to this?" in reply, chat.dump()
    reply = chat.script(*CONTACT)
    assert "Here is everything I have" in reply and "Is everything correct?" in reply, chat.dump()
    return reply


# -- each council's conversations --------------------------------------------------------------------------------
# The same conversations for every council the suite serves: what differs is only what belongs to the council (its
# landlords and places, a report's incident where its policy counts from it) and what its policy decides.


ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 3, 10)


@dataclass
class Council:
    key: str
    policy: Policy
    reports: Tuple[str, str, str]   # three reports, one per message, as in REPORTS
    landlord: str                   # a housing provider residents there name
    inside: str                     # a place with its postcode, in the area
    outside: Tuple[str, str]        # a place outside, and the resident saying where it is
    near_miss: Tuple[str, str]      # two reports for someone else
    people: Tuple[str, ...] = field(default=())  # five people who each reported it
    servers: object = None          # the running servers serving this council (tests/e2e/conftest.py)

    @property
    def problem(self) -> Tuple[str, ...]:
        return ("no that's all", self.inside) + PROBLEM[2:]

    def phone(self, contact: str = "community_safety_team") -> str:
        return self.policy.contact(contact).phone

    @property
    def old_date(self) -> str:
        """A date a month before the window starts: too old to count for this council."""
        return format_date(window_start(self.policy, TODAY) - timedelta(days=30))

    def to_the_summary(self, chat, opened: bool = False, described: bool = True):
        chat.script(*(START[1:] if opened else START))
        self.three_reports(chat)
        reply = chat.script(*(self.problem if described else self.problem[:1] + (OPENING,) + self.problem[1:]))
        assert f"you can use the {self.policy.council.scheme_name}" in reply and "Do you agree to this?" in reply, \
            chat.dump()
        reply = chat.script(*CONTACT)
        assert "Here is everything I have" in reply and "Is everything correct?" in reply, chat.dump()
        return reply

    def three_reports(self, chat):
        reply = None
        for line in self.reports:
            reply = chat.say(line)
        assert "That's 3 reports. That's enough" in reply, chat.dump()
        return reply


BARNET = Council(
    "barnet", load_policy(ROOT / "policies" / "barnet.yml"), REPORTS, "Clarion", "Oak Road, N3 2AB",
    ("Wembley, HA9", "no, it's in Brent"),
    ("he told the council on 20 January, ref 60021", "and the police on 14 February, CAD 77/14FEB"),
    ("Mr Singh at number 4 rang 101 on 2 February, CAD 1/02FEB",
     "the lady at number 22 emailed the council on 9 February, ref 3021",
     "my husband Tom reported it to Barnet Homes on 12 February, ref BH-2291",
     "Sue next door rang the police on 20 February, CAD 22/20FEB",
     "I told the council myself on 1 March, ref 4410"))

# Thameside counts a report made within 30 days of the incident it is about, so each report says when that was.
THAMESIDE = Council(
    "thameside", load_policy(ROOT / "policies" / "examples" / "thameside.yml"),
    ("rang 101 on the 2nd of Feb about the party the night before, they gave me CAD 5521/02FEB, nothing happened",
     "emailed Thameside Homes on 3 March about the music that night, ref CL-40021, no reply",
     "told environmental health on 5 March about the noise that night, ref ENV-20441, they never came"),
    "Thameside Homes", "Wharf Street, TX1 2AB", ("Eastmere Park", "no, it's in Eastmere"),
    ("he told the council on 20 January about the noise that night, ref 60021",
     "and the police on 14 February about the party that night, CAD 77/14FEB"),
    ("Mr Singh at number 4 rang 101 on 2 February about the party that night, CAD 1/02FEB",
     "the lady at number 22 emailed the council on 9 February about the noise that night, ref 3021",
     "my husband Tom reported it to Thameside Homes on 12 February about the music that night, ref TH-2291",
     "Sue next door rang the police on 20 February about the fight that night, CAD 22/20FEB",
     "I told the council myself on 1 March about the noise that night, ref 4410"))
