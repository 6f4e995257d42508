"""Everything the assistant says, in plain British English, built from the policy.

No Rasa here: the actions call these functions and send what they return. A
council's own numbers, names and timescales come from its policy file, so
another council's deployment says its own.

Style (CONVERSATIONS.md): short sentences, one question at a time, what was
understood said back, the threshold made visible, buttons offered but free text
always read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.dialogue import answers
from bot.rules.dates import format_date, format_day
from bot.rules.eligibility import (COUNTS, DATE_FUTURE, DATE_IMPOSSIBLE, DATE_MISSING, DATE_TOO_VAGUE,
                                   DATE_UNCERTAIN, DATE_UNREADABLE, LATE_REPORT, ORG_AMBIGUOUS, ORG_MISSING,
                                   ORG_NOT_COUNTED, ORG_UNKNOWN, OTHER_REPORTER, SAME_INCIDENT, SAME_PERSON, TOO_OLD,
                                   Decision, ReportDecision)
from bot.rules.policy import Contact, Policy, join_or, number_words

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: Tuple[Tuple[str, str], ...] = ()  # (title, payload): the payload is what a typed answer would be

    def button_dicts(self) -> List[Dict[str, str]]:
        return [{"title": t, "payload": p} for t, p in self.buttons]


START_OR_NOT = (("Check if I can apply", "/continue"), ("No thanks", "/goodbye"))


def _b(*titles: str) -> Tuple[Tuple[str, str], ...]:
    return tuple((t, t) for t in titles)


def ordinal(n: int) -> str:
    return ORDINALS[n - 1] if 1 <= n <= len(ORDINALS) else f"number {n}"


def _they(state: Mapping[str, Any]) -> Dict[str, str]:
    """Words for the person affected: 'you' or 'they'."""
    if state.get("applying_for") == "someone_else":
        name = state.get("victim_name") or "they"
        return {"who": name, "you": "they", "your": "their", "you_have": "they have", "have_you": "have they",
                "did_you": "did they", "you_are": "they are", "affect": "them"}
    return {"who": "you", "you": "you", "your": "your", "you_have": "you have", "have_you": "have you",
            "did_you": "did you", "you_are": "you are", "affect": "you"}


# -- contacts and signposts ----------------------------------------------------------


def contact_line(c: Contact) -> str:
    """'Barnet Police on 101, for police matters that are not an emergency'."""
    how = []
    if c.phone:
        how.append(f"on {c.phone}")
    if c.email:
        how.append(f"at {c.email}")
    if c.website:
        how.append(f"at {c.website}")
    text = f"{c.name} {' or '.join(how)}".strip()
    if c.purpose:
        text += f", {c.purpose}"
    return text


def signpost_lines(policy: Policy, keys: Sequence[str]) -> List[str]:
    lines = []
    for key in keys:
        c = policy.contacts[key]
        if key == "emergency":
            lines.append(f"If anyone is in danger, call {c.phone}.")
        elif key == "police":
            lines.append(f"Report it to {c.name} on {c.phone}" + (f", {c.purpose}." if c.purpose else "."))
        elif key == "housing" and not c.phone:
            lines.append(f"Report it to {c.name}" + (f" {c.purpose}." if c.purpose else "."))
        elif c.website and not c.phone:
            lines.append(f"Use {c.name} at {c.website}" + (f", {c.purpose}." if c.purpose else "."))
        elif key == "applications" and c.address:
            lines.append(f"Write to {', '.join(c.address)}" + (f", or email {c.email}." if c.email else "."))
        else:
            lines.append(f"Contact {contact_line(c)}.")
    return lines


def technical_problem(policy: Policy) -> Reply:
    cst = policy.contacts["community_safety_team"]
    return Reply(f"Sorry, something went wrong on our side. Your answers so far are saved. Please try again in a "
                 f"minute, or call the {policy.council.team} on {cst.phone}. If anyone is in danger, call "
                 f"{policy.contacts['emergency'].phone}.")


# -- opening, safety, interruptions ----------------------------------------------------


def welcome(policy: Policy, described_problem: bool = False, kind: Optional[str] = None) -> Reply:
    """The first reply. `kind`: "apply" (asked to apply: start at once, one sentence), "question" (a
    question was answered just before), or None (a greeting, or a problem described)."""
    scheme = policy.council.scheme_name
    e = policy.contacts["emergency"].phone
    if kind == "apply":
        return Reply(f"Yes, let's check whether you can use the {scheme}: it asks the council, the police and "
                     f"housing providers to review your case together. If anyone is in danger right now, call {e}.")
    if kind == "question":
        return Reply(f"I can check now whether you can use the {scheme}. It takes about 10 minutes, and you can ask "
                     f"me questions as we go. If anyone is in danger right now, call {e}.")
    opening = "I'm sorry you're going through this. " if described_problem else "Hello. "
    return Reply(
        f"{opening}If anyone is in danger right now, call {e}.\n"
        f"I can check whether you can use the {scheme}, which asks the council, the police and housing "
        f"providers to review your case together. It takes about 10 minutes. You can stop, start again or ask "
        f"me a question at any time.")


COMPLAINT_MEANS = ("A complaint means someone formally complained about how the council, the police or a housing "
                   "provider handled this, and they haven't finished looking into it.")
DESCRIBE_REPORTER = "If you don't know their name, describe them, for example \"the man at number 12\"."


def resume(recheck: bool = False) -> Reply:
    if recheck:  # an answer that ended the form is asked again
        return Reply("Let's go back to that last question, in case the answer has changed or you meant "
                     "something else.")
    return Reply("Let's carry on from where we were.")


def danger(policy: Policy, mid_form: bool) -> Reply:
    phone = policy.contacts["emergency"].phone
    if mid_form:
        return Reply(f"If you are in danger, call {phone} now. Your answers so far are saved.\n"
                     "When you're safe, we can carry on from where we were.", (("Carry on", "/continue"),
                                                                      ("Stop for now", "/stop")))
    return Reply(f"Please call {phone} now. If you can't speak, call {phone} and then press 55 when asked, so "
                 f"they know it's an emergency.\nWhen you're safe, come back and we can carry on. Your answers "
                 f"are saved.", (("Carry on", "/continue"),))


def human_handoff(policy: Policy) -> Reply:
    cst = policy.contacts["community_safety_team"]
    lines = [f"You can talk to a person at the {policy.council.team} on {cst.phone}."]
    partner = policy.contacts.get("partnership")
    if partner and (partner.phone or partner.email):
        how = " or ".join(x for x in (partner.phone, partner.email) if x)
        lines.append(f"For questions about the {policy.council.scheme_name} you can also contact {partner.name} "
                     f"on {how}.")
    lines.append(f"If anyone is in danger, call {policy.contacts['emergency'].phone}. Your answers here are saved "
                 "if you want to carry on.")
    return Reply("\n".join(lines), (("Carry on", "/continue"),))


def stopped(policy: Policy) -> Reply:
    cst = policy.contacts["community_safety_team"]
    return Reply(f"OK, I've stopped. Nothing has been sent. If you want to carry on later, say \"carry on\".\n"
                 f"You can also call the {policy.council.team} on {cst.phone}. If anyone is in danger, call "
                 f"{policy.contacts['emergency'].phone}.", (("Carry on", "/continue"), ("Start again", "/start_again")))


def cannot_go_on(policy: Policy, about_reports: bool) -> Reply:
    """After a question has been asked, reworded and explained, and still can't be answered."""
    cst = policy.contacts["community_safety_team"]
    need = ("I need at least who a report was made to and roughly when. A letter, email or text from the council, "
            "the police or your housing provider often has the date and a reference number."
            if about_reports else "I need an answer to that question to go on.")
    return Reply(f"That's all right. {need} Your answers so far are kept: when you're ready, say \"carry on\". "
                 f"You can also call the {policy.council.team} on {cst.phone}, who can help.",
                 (("Carry on", "/continue"), ("Talk to a person", "/human_handoff")))


def confirm_restart() -> Reply:
    return Reply("Start again from the beginning? This clears the answers you've given.",
                 (("Yes, start again", "/affirm"), ("No, carry on", "/continue")))


def restarted() -> Reply:
    return Reply("OK, let's start again.")


def fallback(policy: Policy) -> Reply:
    cst = policy.contacts["community_safety_team"]
    return Reply(f"Sorry, I didn't understand that. I can check whether you can use the "
                 f"{policy.council.scheme_name} and help you apply. You can also ask things like \"what counts as "
                 f"anti-social behaviour?\" or \"who sees my details?\". To talk to a person, call {cst.phone}.",
                 (("Check if I can apply", "/continue"), ("Talk to a person", "/human_handoff")))


def out_of_scope(policy: Policy) -> Reply:
    return Reply(f"I can only help with the {policy.council.scheme_name} for anti-social behaviour. For other "
                 f"services, please contact {policy.council.name} directly.", (("Check if I can apply", "/continue"),))


def bot_challenge(policy: Policy) -> Reply:
    cst = policy.contacts["community_safety_team"]
    return Reply(f"I'm a computer assistant, not a person. To talk to a person, call the {policy.council.team} on "
                 f"{cst.phone}.")


def thanks() -> Reply:
    return Reply("You're welcome.")


def goodbye(policy: Policy) -> Reply:
    return Reply(f"Goodbye. Take care. If anyone is ever in danger, call {policy.contacts['emergency'].phone}.")


def crime(policy: Policy, mid_form: bool, hate: bool = False) -> Reply:
    e, p = policy.contacts["emergency"].phone, policy.contacts["police"].phone
    kind = "a hate crime" if hate else "a crime"
    lines = [f"That sounds like {kind}. Please report it to the police: call {p} to report it, or {e} if it's "
             f"happening now or someone is in danger."]
    extra = [k for k in policy.signposts.get("hate_crime" if hate else "general_crime", ())
             if k not in ("emergency", "police")]
    for line in signpost_lines(policy, extra):
        lines.append(line)
    lines.append(f"The {policy.council.scheme_name} can't be used to report a crime.")
    if mid_form:
        lines.append("If there is also anti-social behaviour that keeps happening, we can carry on.")
    return Reply(" ".join(lines))


def crime_keys(policy: Policy, hate: bool) -> List[str]:
    return list(policy.signposts.get("hate_crime" if hate else "general_crime", ()))


def complaint(policy: Policy, mid_form: bool) -> Reply:
    bodies = join_or([f"{b.name} (about {b.about})" for b in policy.complaints])
    text = ("If you're unhappy with how an organisation or an officer dealt with your reports, please use that "
            "organisation's own complaints procedure first.")
    if bodies:
        text += f" If you're still unhappy after that, you can go to {bodies}."
    text += (f" The {policy.council.scheme_name} doesn't replace these: it asks the partners to review a problem "
             "that carries on.")
    return Reply(text, () if mid_form else START_OR_NOT)


def first_time(policy: Policy, state: Mapping[str, Any]) -> Reply:
    """The seed: "If this is the first time you are reporting an issue ... you can report your concerns in the
    following ways"."""
    keys = list(policy.signposts.get("first_report", ()))
    lines = [f"As this is the first time it's being reported, the {policy.council.scheme_name} can't be used yet: "
             f"it's for problems that have been reported and carry on. {needed_sentence(policy)} You can report it "
             "now:"]
    lines += [f"- {s}" for s in _their(signpost_lines(policy, keys), state)]
    lines.append("Keep the reference numbers you're given. If it carries on, come back and I'll check again. If "
                 f"anyone is ever in danger, call {policy.contacts['emergency'].phone}.")
    lines.append("If you have reported it before, tell me and I'll check now.")
    return Reply("\n".join(lines), (("I have reported it before", "I have reported it before"),
                                    ("That's all, thanks", "That's all, thanks")))


def has_stopped(policy: Policy, state: Mapping[str, Any]) -> Reply:
    w = "they" if state.get("applying_for") == "someone_else" else "you"
    keys = [k for k in policy.signposts.get("not_continuing", ()) if k != "emergency"]
    lines = [f"I'm glad it has stopped. The {policy.council.scheme_name} is for problems that are still happening, "
             f"so {w} don't need it now. If it starts again, report it each time and keep the reference numbers."]
    lines += [f"- {s}" for s in signpost_lines(policy, keys)]
    lines.append(f"If anyone is ever in danger, call {policy.contacts['emergency'].phone}.")
    lines.append("If it is still happening, tell me and I'll check now.")
    return Reply("\n".join(lines), (("It's still happening", "It's still happening"),
                                    ("That's all, thanks", "That's all, thanks")))


def complaint_open(policy: Policy, state: Mapping[str, Any]) -> Reply:
    w = "they" if state.get("applying_for") == "someone_else" else "you"
    bodies = join_or([b.name for b in policy.complaints])
    keys = [k for k in policy.signposts.get("ongoing_complaint", ()) if k != "emergency"]
    lines = [f"While a complaint about this is still being dealt with, the {policy.council.scheme_name} can't be "
             f"used. Please wait until the complaint has finished. If {w}'re unhappy with the result, {w} can go to "
             f"{bodies}. If the problem carries on after that, come back and apply."]
    lines += [f"- {s}" for s in signpost_lines(policy, keys)]
    lines.append(f"If anyone is ever in danger, call {policy.contacts['emergency'].phone}.")
    lines.append("If the complaint has finished, or it was a report rather than a complaint, tell me and I'll "
                 "check now.")
    return Reply("\n".join(lines), (("The complaint has finished", "The complaint has finished"),
                                    ("It was a report, not a complaint", "It was a report, not a complaint")))


def waiting() -> Reply:
    return Reply("No problem, take your time. Your answers are kept. Say \"carry on\" when you're ready.")


def oops() -> Reply:
    return Reply("No problem.")


def still_here() -> Reply:
    return Reply("Yes, I'm here.")


def sorry_frustrated(policy: Policy) -> Reply:
    cst = policy.contacts["community_safety_team"]
    return Reply(f"I'm sorry, I know this is frustrating. If it's easier, you can talk to the {policy.council.team} "
                 f"on {cst.phone}. Otherwise, let's try that question again.")


def anything_else(policy: Policy) -> Reply:
    cst = policy.contacts["community_safety_team"]
    return Reply(f"If anything has changed, say \"start again\". To talk to a person, call the {policy.council.team} "
                 f"on {cst.phone}. If anyone is in danger, call {policy.contacts['emergency'].phone}.",
                 (("Start again", "start again"),))


def _their(lines: List[str], state: Mapping[str, Any]) -> List[str]:
    if state.get("applying_for") == "someone_else":
        return [s.replace(" your ", " their ").replace(" if you rent ", " if they rent ") for s in lines]
    return lines


# -- answers to common questions ---------------------------------------------------------

QUESTIONS = ("what_is_trigger", "what_is_asb", "privacy", "how_long", "what_next", "on_behalf", "which_reports",
             "reference", "dates", "save_later", "appeal", "evidence", "who_decides", "area",
             "complaint_vs_trigger", "glossary", "unknown")


def answer(topic: str, policy: Policy) -> Reply:
    scheme = policy.council.scheme_name
    t = policy.timescales
    if topic == "what_is_trigger":
        return Reply(
            f"The {scheme} (also called the ASB Case Review) is for when you've reported anti-social behaviour "
            f"and the problem carries on. It asks the council, the police and housing providers in "
            f"{policy.council.area} to review your case together, look at what has been done, and agree a plan "
            f"to sort it out. You can use it if {criteria_sentence(policy)}.")
    if topic == "what_is_asb":
        return Reply(
            "Anti-social behaviour is behaviour that causes, or is likely to cause, harassment, alarm or distress. "
            "For example: noise nuisance, intimidation or threats, verbal abuse, vandalism, drug dealing, or groups "
            "causing trouble. If a crime such as a theft, an assault or a hate crime has happened, report it to "
            f"the police on {policy.contacts['police'].phone}, or {policy.contacts['emergency'].phone} in an "
            "emergency.")
    if topic == "privacy":
        years = t.retention_days / 365
        keep = (f"about {number_words(round(years), 'year')}" if years >= 1 else
                f"{number_words(round(t.retention_days / 30), 'month')}")
        return Reply(
            f"Your answers are only used for your {scheme} application. The {policy.council.team} at "
            f"{policy.council.name} reads them and, if you agree, shares them with the partners who review your "
            f"case: the council, the police and housing providers. They are not shared with the people you are "
            f"complaining about. Closed applications are deleted after {keep}. If you stop before the end, nothing "
            f"is sent.")
    if topic == "how_long":
        return Reply(
            f"The {policy.council.team} will reply {t.response_text}. If the criteria are met, the partners aim to "
            f"resolve the problem within {t.resolution_working_days} working days.")
    if topic == "what_next":
        return Reply(next_steps(policy))
    if topic == "on_behalf":
        return Reply(
            "Yes. A carer, family member, friend, MP or councillor can apply for someone, as long as that person "
            "agrees. The person affected can be an individual, a business or a community group.")
    cst = policy.contacts["community_safety_team"]
    if topic == "which_reports":
        return Reply(
            f"Reports count if they were made to {policy.counting_labels()} in the last {policy.window_text}. "
            f"{needed_sentence(policy)} Reports to anyone else, such as an MP, a councillor, a GP or a private "
            "landlord, are kept on your application but don't count. Reports about the same problem count even if "
            "they were about different days.")
    if topic == "reference":
        return Reply(
            "A reference is the number an organisation gives you when you report something: a CAD number or "
            "crime number from the police (like CAD 1234/05OCT), or a case number from the council or a housing "
            "provider. They help the team find your reports, but you can apply without them: the date and who you "
            "told are enough.")
    if topic == "dates":
        return Reply(
            "A rough date is fine, like \"early October\" or \"about two weeks ago\". I need to know roughly "
            f"when, because only reports from the last {policy.window_text} count.")
    if topic == "save_later":
        return Reply(
            "Your answers are kept while you're on this page, for about two hours. If you stop, nothing is sent. "
            f"You can come back and say \"carry on\", or call the {policy.council.team} on {cst.phone}.")
    if topic == "appeal":
        return Reply(next_steps(policy).split("\n")[-1].lstrip("- "))
    if topic == "evidence":
        return Reply(
            "You don't need to send anything now. If you have photos, videos, recordings or a diary, keep them: "
            f"the {policy.council.team} will tell you if they'd like to see them.")
    if topic == "who_decides":
        return Reply(
            f"The {policy.council.team} at {policy.council.name} checks whether the application meets the "
            f"criteria. If it does, the partners in the {policy.council.partnership} review the case together. "
            "I only check what you tell me against the published criteria.")
    if topic == "area":
        return Reply(
            f"This is for problems in {policy.council.area}. If the problem is somewhere else, that area's council "
            "has its own process. If you're not sure, carry on and the team will check.")
    if topic == "complaint_vs_trigger":
        return Reply(
            f"No. A complaint is about how an organisation or an officer dealt with you. The "
            f"{policy.council.scheme_name} asks the partners to review a problem that carries on after you've "
            f"reported it. Reporting something to the police is not the same either: the {policy.council.scheme_name} "
            "is for when reports haven't led to action.")
    if topic == "glossary":
        return Reply(
            "A housing provider (or housing association, or social landlord) is an organisation that rents out "
            "homes, such as a housing association or the council. A private landlord is a person or company "
            "renting out their own property: reports to them don't count. The partners are the council, the "
            "police and housing providers.")
    if topic == "unknown":
        return Reply(
            f"I'm not sure I can answer that here. The {policy.council.team} can, on {cst.phone}.")
    raise ValueError(f"unknown topic {topic!r}")


def needed_sentence(policy: Policy) -> str:
    """'You need 3 reports, or reports from 5 different people.'"""
    a, b = policy.route("three_reports"), policy.route("five_individuals")
    parts = []
    if a:
        parts.append(f"{a.threshold} reports")
    if b:
        parts.append(f"reports from {b.threshold} different people")
    return "You need " + ", or ".join(parts) + "."


def criteria_sentence(policy: Policy) -> str:
    parts = []
    a = policy.route("three_reports")
    if a:
        parts.append(f"you've made {a.threshold} reports about the same problem to {policy.counting_labels()} "
                     f"in the last {policy.window_text}")
    b = policy.route("five_individuals")
    if b:
        parts.append(f"{b.threshold} or more different people have each reported it in that time")
    return " or ".join(parts) + (", and no action has been taken" if policy.require_no_action else "")


def next_steps(policy: Policy, preferred: Optional[str] = None) -> str:
    t = policy.timescales
    by = {"phone": " by phone", "text": " by text message", "email": " by email", "post": " by letter"}.get(preferred or "", "")
    appeal_contact = policy.contacts.get(policy.appeal.contact)
    where = ""
    if appeal_contact:
        bits = []
        if appeal_contact.address:
            bits.append(", ".join(appeal_contact.address))
        if appeal_contact.email:
            bits.append(appeal_contact.email)
        where = " to " + " or ".join(bits) if bits else ""
    final = " Their decision is final." if policy.appeal.final else ""
    return (f"What happens next:\n"
            f"- The {policy.council.team} will reply {t.response_text}{by}.\n"
            f"- If your application meets the criteria, the partners meet to look at what each of them has done and "
            f"recommend how to solve the problem. They aim to resolve it within {t.resolution_working_days} "
            f"working days.\n"
            f"- If you're unhappy with the outcome, you can appeal {policy.appeal.how}{where}. "
            f"{policy.appeal.reviewer[0].upper()}{policy.appeal.reviewer[1:]} will review it.{final}")


# -- reports: saying back what was understood -----------------------------------------------


def when(report: Mapping[str, Any], approximate: bool = False) -> str:
    """A report's date as said back: "Monday 2 February 2026", "around 3 March 2026", or a range."""
    iso = report.get("date")
    if not iso:
        return report.get("date_text") or "no date"
    day = date.fromisoformat(iso)
    lo, hi = report.get("earliest"), report.get("latest")
    if (approximate or report.get("approximate")) and lo and hi and lo != hi:
        first, last = date.fromisoformat(lo), date.fromisoformat(hi)
        if first.year == last.year and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
            return f"sometime in {first.year}"
        if first.day == 1 and first.month == last.month and first.year == last.year and \
                (last + timedelta(days=1)).month != last.month:
            return f"sometime in {first.strftime('%B %Y')}"
        if (last - first).days > 10:
            return f"between {format_date(first)} and {format_date(last)}"
        return f"around {format_date(day)}"
    return f"around {format_date(day)}" if approximate or report.get("approximate") else format_day(day)


def report_recap(report: Mapping[str, Any], say: str, decided: Optional[ReportDecision], policy: Policy,
                 by: bool = False) -> str:
    who = report.get("reporter")
    parts = [f"{'you' if who == 'the applicant' else who} to {say}" if by and who else say]
    approx = bool(decided and decided.approximate)
    parts.append(when(report, approx))
    if report.get("reference"):
        parts.append(f"reference {report['reference']}")
    if report.get("person"):
        parts.append(f"dealt with {report['person']}")
    text = "Got it: " + ", ".join(parts) + "."
    if decided is not None and not decided.counts:
        text += " " + short_reason(decided, policy) + " I've kept it on the application."
    return text


def short_reason(d: ReportDecision, policy: Policy) -> str:
    """Why a report does not count, in one short sentence."""
    if d.code == ORG_NOT_COUNTED:
        return (f"Reports to {d.organisation_say or d.organisation_name} don't count, because only reports to "
                f"{policy.counting_labels()} do.")
    if d.code == TOO_OLD:
        return f"That's more than {policy.window_text} ago, so it doesn't count."
    if d.code == DATE_UNCERTAIN:
        return (f"It may be more than {policy.window_text} ago, so it doesn't count unless the team finds it was "
                "recent enough.")
    if d.code in (ORG_UNKNOWN, ORG_AMBIGUOUS, ORG_MISSING):
        return "I couldn't tell who it was made to, so staff will check whether it counts."
    if d.code in (DATE_MISSING, DATE_UNREADABLE, DATE_TOO_VAGUE):
        return "Without a date I can't count it."
    if d.code in (DATE_FUTURE, DATE_IMPOSSIBLE):
        return "That date can't be right, so it doesn't count."
    if d.code == SAME_INCIDENT:
        return "It's about the same incident as an earlier report, so it counts once."
    if d.code == SAME_PERSON:
        return "That person is already counted: each person counts once."
    if d.code == OTHER_REPORTER:
        other = policy.route("five_individuals")
        if other:
            return (f"It was made by {d.reporter}, not by you or for you, so it counts only if {other.threshold} "
                    "or more different people have each reported it.")
        return f"It was made by {d.reporter}, not by you or for you, so it doesn't count."
    if d.code == LATE_REPORT:
        return f"It was made more than {policy.report_within_days_of_incident} days after the incident, so it doesn't count."
    return d.reason


def progress(decision: Decision, total: int, policy: Policy) -> str:
    """'That's 2 reports. You need 3 reports in the last six months.'"""
    window = policy.window_text
    if decision.route == "five_individuals":
        people = decision.qualifying_reports
        head = f"That's {people} {'person' if people == 1 else 'people'} whose reports count."
        if decision.routes[decision.route].met:
            return head + f" That's enough: you need reports from {decision.needed} different people."
        return head + f" You need reports from {decision.needed} different people in the last {window}."
    count = decision.qualifying_reports
    if count == total:
        head = f"That's {count} report{'s' if count != 1 else ''}."
    elif total == 1:
        head = "That's 1 report, and it doesn't count."
    elif count == 0:
        head = f"That's {total} reports, and none of them count."
    else:
        head = f"That's {total} reports, and {count} of them count{'s' if count == 1 else ''}."
    if decision.routes[decision.route].met:
        return head + f" That's enough: you need {decision.needed} in the last {window}."
    return head + f" You need {decision.needed} reports in the last {window}."


# -- the decision -----------------------------------------------------------------------------


def decided_when(d: ReportDecision) -> str:
    """A decided report's date as said back, a vague one as its range."""
    if not d.date:
        return d.date_text or "no date"
    return when({"date": d.date.isoformat(), "approximate": d.approximate,
                 "earliest": d.earliest.isoformat() if d.earliest else None,
                 "latest": d.latest.isoformat() if d.latest else None}).replace(format_day(d.date), format_date(d.date))


def _report_line(d: ReportDecision, policy: Policy) -> str:
    who = d.organisation_say or d.organisation_name or "someone"
    day = decided_when(d)
    by = f" by {d.reporter}" if d.code in (SAME_PERSON, COUNTS) and d.reporter and not d.reporter.startswith("the applicant") else ""
    if d.counts:
        return f"- Counts: {who}, {day}{by}."
    return f"- Doesn't count: {who}, {day}. {short_reason(d, policy)}"


def decision_eligible(decision: Decision, state: Mapping[str, Any], policy: Policy) -> Reply:
    w = _they(state)
    lines = [f"Thank you. From what you've told me, {w['you']} can use the {policy.council.scheme_name}. "
             f"{decision.qualifying_reports} of the reports count, and {decision.needed} are needed:"]
    lines += [_report_line(r, policy) for r in decision.reports]
    lines.append("Next I need your agreement to share the application, and your contact details.")
    return Reply("\n".join(lines))


def decision_not_eligible(decision: Decision, state: Mapping[str, Any], policy: Policy) -> Reply:
    w = _they(state)
    scheme = policy.council.scheme_name
    outcome = decision.outcome
    signposts = signpost_lines(policy, [s["key"] for s in decision.signposts])
    e = policy.contacts["emergency"].phone
    if outcome == "ongoing_complaint":
        bodies = join_or([b.name for b in policy.complaints])
        text = (f"Because a complaint about this is still being dealt with, {w['you']} can't use the {scheme} yet. "
                f"Please wait until the complaint has finished. If {w['you']}'re unhappy with the result, "
                f"{w['you']} can go to {bodies}. If the problem carries on after that, come back and apply.")
    elif outcome == "not_continuing":
        text = (f"I'm glad it has stopped. The {scheme} is for problems that are still happening, so {w['you']} "
                "don't need it now. If it starts again, report it each time and keep the reference numbers.")
    elif outcome == "action_taken":
        text = (f"The {scheme} is for when reports haven't led to action. As action has been taken, {w['you']} "
                f"can't use it now. If the problem carries on, keep reporting it, and if {w['you']}'re unhappy with "
                "how it was handled, each organisation has a complaints procedure.")
    elif outcome == "no_consent" and answers.CANNOT_AGREE.search(state.get("vulnerability") or ""):
        # they can't agree, and no one can decide for them in law: no "talk to them first"
        text = (f"As they can't agree themselves, I can't send an application for them here. The "
                f"{policy.council.team} can talk through what to do, and how to help them: call them on "
                f"{policy.contacts['community_safety_team'].phone}.")
    elif outcome == "no_consent":
        text = (f"You can only apply for someone if they agree. Please talk to them first. They can also use this "
                f"service themselves. If they can't agree, for example because of dementia or another illness, the "
                f"{policy.council.team} can talk through what to do: call them on "
                f"{policy.contacts['community_safety_team'].phone}.")
    elif outcome == "outside_area":
        text = (f"The {scheme} here covers problems in {policy.council.area}. For somewhere else, please contact "
                f"that area's council, or the police on {policy.contacts['police'].phone}.")
    elif outcome in ("general_crime", "hate_crime"):
        kind = "a hate crime" if outcome == "hate_crime" else "a crime"
        text = (f"Thank you. The {scheme} is for anti-social behaviour that keeps happening, so it isn't the way to "
                f"deal with {kind}. Please report it to the police, and keep the reference number. If there is "
                "anti-social behaviour that carries on as well, report it each time and keep the reference numbers. "
                f"{needed_sentence(policy)} Then come back and apply.")
    else:
        text = _not_enough(decision, state, policy)
    lines = [text]
    if signposts:
        lines.append("What you can do now:")
        if state.get("applying_for") == "someone_else":
            signposts = [s.replace(" your ", " their ").replace(" if you rent ", " if they rent ") for s in signposts]
        lines += [f"- {s}" for s in signposts]
    if not any(s["key"] == "emergency" for s in decision.signposts):
        lines.append(f"If anyone is ever in danger, call {e}.")
    return Reply("\n".join(lines))


def _not_enough(decision: Decision, state: Mapping[str, Any], policy: Policy) -> str:
    w = _they(state)
    scheme = policy.council.scheme_name
    window = policy.window_text
    have, need = decision.qualifying_reports, decision.needed
    route_b = decision.route == "five_individuals"
    unit = "people whose reports count" if route_b else ("report that counts" if have == 1 else "reports that count")
    if decision.outcome == "first_report" and not route_b:
        head = (f"Thank you. The {scheme} is for problems that have been reported several times: it needs {need} "
                f"reports in the last {window}. So {w['you']} can't use it yet.")
    else:
        head = (f"Thank you. Right now {w['you_have']} {have} {unit} in the last {window}, and the {scheme} "
                f"needs {need}, so {w['you']} can't use it yet.")
    lines = [head]
    not_counting = [r for r in decision.reports if not r.counts]
    if not_counting and decision.reports:
        lines.append("The reports:")
        lines += [_report_line(r, policy) for r in decision.reports]
    missing = need - have
    if decision.near_miss:
        lines.append(f"If it happens again, report it and keep the reference number. Once there "
                     f"{'are' if need != 1 else 'is'} {need} {'reports from different people' if route_b else 'reports'} "
                     f"in {window}, come back and apply.")
    else:
        lines.append(f"{missing} more {'people need to report it' if route_b else 'reports are needed'}. Keep "
                     "reporting it each time it happens and keep the reference numbers.")
    return "\n".join(lines)


# -- summary and saving -----------------------------------------------------------------------------


def summary(state: Mapping[str, Any], decision: Decision, policy: Policy) -> str:
    on_behalf = state.get("applying_for") == "someone_else"
    lines = ["Here is everything I have. Please check it:"]
    n = 0

    def add(text: str) -> None:
        nonlocal n
        n += 1
        lines.append(f"{n}. {text}")

    if on_behalf:
        rel = {"carer": "you are their carer", "family": "you are family", "friend": "you are a friend",
               "mp": "you are their MP", "councillor": "you are a councillor"}.get(state.get("relationship") or "",
                                                                                    "you know them")
        add(f"Applying for: {state.get('victim_name')} ({rel}; they agree).")
    else:
        add({"business": "Applying for: your business.", "community_group": "Applying for: your community group."}.get(
            state.get("victim_type") or "", "Applying for: yourself."))
    add(f"Affected: {_victim_type(state.get('victim_type'))}.")
    for i, r in enumerate(decision.reports, start=1):
        report = (state.get("reports") or [])[i - 1] if i <= len(state.get("reports") or []) else {}
        bits = [r.organisation_say or r.organisation_name or "someone", decided_when(r)]
        if r.reporter and state.get("route") == "five_individuals":
            bits.insert(0, f"reported by {r.reporter}")
        if r.reference:
            bits.append(f"reference {r.reference}")
        if r.person:
            bits.append(f"dealt with {r.person}")
        if report.get("outcome"):
            bits.append(f"afterwards: {report['outcome']}")
        add(f"Report {i}: " + ", ".join(bits) + (". Counts." if r.counts else ". Doesn't count."))
    add(f"The problem: {' '.join((state.get('asb_description') or '').split())}")
    add(f"Where: {state.get('asb_location')}. Started: {state.get('asb_since')}.")
    add(f"How it affects {'them' if on_behalf else 'you'}: {state.get('asb_impact')}")
    if state.get("vulnerability"):
        add(f"At risk: {state.get('vulnerability')}")
    add(f"Your name: {state.get('applicant_name')}")
    contact = [x for x in (state.get("contact_phone"), state.get("contact_email"), state.get("contact_address")) if x]
    method = {"phone": "phone call", "text": "text message", "email": "email", "post": "letter"}.get(
        state.get("preferred_contact") or "", state.get("preferred_contact") or "")
    add(f"Contact: {', '.join(contact) or 'none given'}. Preferred: {method}.")
    if state.get("contact_notes") and state.get("contact_notes", "").lower() not in ("no", "none"):
        add(f"Contacting you safely: {state.get('contact_notes')}")
    return "\n".join(lines)


def _victim_type(value: Optional[str]) -> str:
    return {"individual": "a person", "business": "a business", "community_group": "a community group"}.get(
        value or "", value or "not given")


def saved(reference: str, policy: Policy, preferred: Optional[str], already: bool = False) -> Reply:
    head = (f"Your application was already saved. Your reference is {reference}." if already else
            f"Your application is saved. Your reference is {reference}. Please keep it.")
    return Reply(f"{head}\n{next_steps(policy, preferred)}\nIf anyone is in danger, call "
                 f"{policy.contacts['emergency'].phone}.")


def save_failed(policy: Policy) -> Reply:
    cst = policy.contacts["community_safety_team"]
    return Reply(f"Sorry, I couldn't save your application just now. Nothing is lost: your answers are still here. "
                 f"Please say \"try again\" in a minute, or call the {policy.council.team} on {cst.phone}.",
                 (("Try again", "/continue"),))


def no_share_consent(policy: Policy) -> Reply:
    cst = policy.contacts["community_safety_team"]
    return Reply(f"I understand. Without your agreement the partners can't review the case, so I can't send the "
                 f"application. If you'd like to talk it through, call the {policy.council.team} on {cst.phone}. "
                 f"If you change your mind, say \"carry on\".", (("Carry on", "/continue"),))


def anonymous(policy: Policy) -> str:
    cst = policy.contacts["community_safety_team"]
    return (f"I'm sorry, the application can't be anonymous: the {policy.council.team} needs to be able to reply to "
            f"you about it. Your details are only shared with the partners reviewing the case, not with the people "
            f"causing the problem. If you'd rather not give them here, you can call the {policy.council.team} on "
            f"{cst.phone}.")
