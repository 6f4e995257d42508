"""The letters the team sends an applicant, as templates: ours by default, any of them replaced by the
council's own under `letters:` in its policy file. A template names what it needs in braces, {reference};
a name we do not know is a mistake in the policy, found when it is loaded (`python -m bot policy check`).
"""
from __future__ import annotations

import re
from typing import Dict, List

# What each letter is for, as officers see it.
KINDS = {
    "acknowledgement": "Acknowledgement",
    "threshold_met": "Threshold decision: met",
    "threshold_not_met": "Threshold decision: not met",
    "outcome": "Outcome",
    "appeal_decision": "Appeal decision",
}

# Everything a template may use.
FIELDS = {
    "applicant_name": "the applicant's name",
    "reference": "the application's reference, like CT-2026-00012",
    "received": "the day it arrived, like 3 October 2026",
    "today": "today, like 5 October 2026",
    "council": "the council's name",
    "partnership": "the community safety partnership's name",
    "scheme_name": "what the council calls the scheme",
    "team": "the team's name",
    "team_phone": "the team's phone number",
    "team_email": "the team's email address",
    "response_text": "the response target as residents are told it",
    "resolution_working_days": "the working days the partners aim to resolve it in",
    "reason": "the reason for the threshold decision",
    "meeting_date": "the date of the review meeting, if arranged",
    "outcome": "the outcome at closing",
    "summary": "the summary of the outcome",
    "appeal_how": "how to appeal",
    "appeal_reviewer": "who reviews an appeal",
    "appeal_decision": "upheld or not upheld",
    "appeal_reason": "the reason for the appeal decision",
    "officer": "the officer's name",
}

DEFAULTS = {
    "acknowledgement": """Dear {applicant_name}

Your {scheme_name} application, reference {reference}

Thank you for your application, which we received on {received}. We will look at the reports you told us
about and tell you whether your application meets the threshold for a case review {response_text}.

If you need to tell us anything else, or anyone is in danger, please call {team_phone}. In an emergency,
always call 999.

Yours sincerely

{officer}
{team}, {council}""",
    "threshold_met": """Dear {applicant_name}

Your {scheme_name} application, reference {reference}

We have looked at your application and it meets the threshold for a case review. {reason}

The partners in the {partnership} will meet to review how your reports were dealt with and to agree
what should be done. We aim to resolve the problem within {resolution_working_days} working days of
receiving your application, and we will write to you with the outcome.

If you have any questions, please call {team_phone} or email {team_email}.

Yours sincerely

{officer}
{team}, {council}""",
    "threshold_not_met": """Dear {applicant_name}

Your {scheme_name} application, reference {reference}

We have looked at your application and it does not meet the threshold for a case review. {reason}

This does not mean the problem is not serious. You can still report it to the police on 101, to your
housing office if you rent from a social landlord, or to us on {team_phone}. In an emergency, always
call 999.

If you are unhappy with this decision you can appeal. {appeal_how} The appeal will be reviewed by
{appeal_reviewer}.

Yours sincerely

{officer}
{team}, {council}""",
    "outcome": """Dear {applicant_name}

Your {scheme_name} application, reference {reference}

We are writing to tell you the outcome of the case review: {outcome}.

{summary}

If you are unhappy with the response, you can appeal. {appeal_how}

Yours sincerely

{officer}
{team}, {council}""",
    "appeal_decision": """Dear {applicant_name}

Your appeal about {scheme_name} application {reference}

Your appeal has been reviewed by {appeal_reviewer}. The appeal is {appeal_decision}.

{appeal_reason}

This decision is final. If you need to report anything else, please call {team_phone}. In an
emergency, always call 999.

Yours sincerely

{officer}
{team}, {council}""",
}

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def unknown_fields(template: str) -> List[str]:
    """Names in braces that no letter can fill."""
    return sorted({name for name in _PLACEHOLDER.findall(template) if name not in FIELDS})


def fill(template: str, values: Dict[str, str]) -> str:
    """The template with each {name} replaced; a value not known yet is left as a gap to complete by hand."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1)) or f"[{FIELDS.get(m.group(1), m.group(1))}]"),
                            template)


def templates(overrides: Dict[str, str]) -> Dict[str, str]:
    return {kind: overrides.get(kind, text) for kind, text in DEFAULTS.items()}
