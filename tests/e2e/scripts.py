"""Whole conversations typed as a resident types them, shared by the end-to-end, failure and
production tests. The test servers' today is Tuesday 10 March 2026 (tests/servers.py), so the
six-month window starts on 10 September 2025."""

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
