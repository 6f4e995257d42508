"""What `python -m bot policy check FILE` adds to loading a policy: the line of a wrong key, warnings about values
that load but look wrong (contacts, postcodes), and the outcomes a resident can be told, to read before going live.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, List, Optional, Tuple

import yaml

from bot.rules.application import Application, ReportInput
from bot.rules.eligibility import decide
from bot.rules.policy import RULES, Policy, PolicyError, parse_policy

_UK_PHONE = re.compile(r"^(?:0\d{2,4} ?\d{3,4} ?\d{3,4}|0\d{3} \d{3} \d{3,4}|\d{3}|0800 ?\d{3} ?\d{3,4})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
_WEBSITE = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$")


def line_of(path: Path, key: str) -> Optional[int]:
    """The line (1-based) of a dotted key ("contacts.police.phone", "organisations.council.names[3]") in a YAML
    file, or of the nearest part of it that exists (a missing key is reported at its parent)."""
    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        if node is None:
            break
        if part.startswith("[") and isinstance(node, yaml.SequenceNode):
            index = int(part[1:-1]) - 1
            node = node.value[index] if 0 <= index < len(node.value) else None
        elif isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if getattr(k, "value", None) == part), None)
            node = pair[1] if pair else None
            if pair:
                line = pair[0].start_mark.line + 1  # the key's own line
                continue
        else:
            node = None
        if node is not None:
            line = node.start_mark.line + 1
    return line


def problems(path: Path) -> List[str]:
    """Every missing or wrong key in a policy file, not only the first: each error the loader finds is noted, the
    key is set aside (an unknown key removed, a missing or wrong one given a stand-in) and the file is read again.
    The loader stays the one place that knows what a policy must hold."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # load_policy says what is wrong with the file itself
    found: List[str] = []
    for _ in range(60):
        try:
            parse_policy(raw, str(path))
            return found
        except PolicyError as exc:
            message = str(exc)
            found.append(message)
            if not _set_aside(raw, message.partition(": ")[2], str(path)):
                return found
    return found


# Stand-ins for a missing or wrong value, tried in turn until the loader moves on to another key
_STAND_INS = ("placeholder", 1, True, ["placeholder"], {}, None)


def _set_aside(raw: Any, error: str, file: str) -> bool:
    key, _sep, message = error.partition(": ")
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", key)
    if not parts or " " in key:
        return False
    parent, last = raw, parts[-1]
    for part in parts[:-1]:
        parent = parent[int(part[1:-1]) - 1] if part.startswith("[") and isinstance(parent, list) else \
            parent.get(part) if isinstance(parent, dict) else None
        if parent is None:
            return False
    if last.startswith("["):
        return False
    if not isinstance(parent, dict):
        return False
    if message.startswith("unknown key"):
        parent.pop(last, None)
        return True
    had, old = last in parent, parent.get(last)
    for stand_in in _STAND_INS:
        parent[last] = stand_in
        try:
            parse_policy(raw, file)
            return True
        except PolicyError as exc:
            if not str(exc).partition(": ")[2].startswith(key + ":"):
                return True  # this key is now read; the next problem is somewhere else
    if had:
        parent[last] = old
    else:
        parent.pop(last, None)
    return False


def warnings(policy: Policy) -> List[str]:
    """Values that load but a resident would be let down by: a phone number or email in a strange format, an
    address without a postcode."""
    out = []
    for key, contact in policy.contacts.items():
        if contact.phone and not _UK_PHONE.match(contact.phone):
            out.append(f"contacts.{key}.phone: {contact.phone!r} doesn't look like a UK phone number "
                       "(like 020 7946 0000, 0800 123 456 or 101)")
        if contact.email and not _EMAIL.match(contact.email):
            out.append(f"contacts.{key}.email: {contact.email!r} doesn't look like an email address")
        if contact.website and not _WEBSITE.match(contact.website):
            out.append(f"contacts.{key}.website: {contact.website!r} doesn't look like a web address")
        if contact.address and not _POSTCODE.search(" ".join(contact.address).upper()):
            out.append(f"contacts.{key}.address: no postcode that parses in {', '.join(contact.address)!r}")
        if not (contact.phone or contact.email or contact.website or contact.address) and key != "housing":
            out.append(f"contacts.{key}: no phone, email, website or address: a resident can't reach it")
    for outcome, keys in policy.signposts.items():
        if not keys:
            out.append(f"signposts.{outcome}: no contacts: a resident told this gets nowhere to go")
    unused = {r.key for r in policy.routes.values() if not r.enabled}
    missing = [rule for rule in RULES if rule not in policy.sources and rule not in unused]
    if missing:
        out.append(f"sources: no source for {', '.join(missing)}: decisions will say those rules are not cited "
                   "(give each the clause of your published process, or the Act or guidance)")
    return out


def versions(policy: Policy) -> List[str]:
    """One line per version in the file: what it is, from when, and what it changes."""
    lines = [f"{policy.version}: the file's own values"]
    previous = policy.at(date.min)
    for change in policy.changes:
        now = policy.at(change.starts)
        changed = "; ".join(f"{key} {old!r} -> {new!r}" for key, old, new in previous.differences(now))
        lines.append(f"{change.version}: from {change.starts.isoformat()} ({change.why}): {changed}")
        previous = now
    return lines


def preview(policy: Policy, today: date) -> List[Tuple[str, str, List[str]]]:
    """(outcome, the reason a resident is given, the contacts given) for every way an application can end."""
    category = policy.organisations_that_count[0]
    route = policy.route("three_reports") or (policy.enabled_routes[0] if policy.enabled_routes else None)
    need = route.threshold if route else 3
    # separate incidents, each reported the day it happened: a policy counting incidents or deadlines is met too
    recent = [ReportInput(organisation=category, date=today.isoformat(), reporter="me", incident=f"incident {i}",
                          incident_date=today.isoformat()) for i in range(need)]
    cases = [
        ("eligible", Application(reports=tuple(recent))),
        ("first_report", Application(reports=())),
        ("not_enough_reports", Application(reports=tuple(recent[:max(need - 1, 1)]))),
        ("ongoing_complaint", Application(reports=tuple(recent), ongoing_complaint=True)),
        ("general_crime", Application(reports=tuple(recent), general_crime_only=True)),
        ("hate_crime", Application(reports=tuple(recent), general_crime_only=True, hate_crime=True)),
        ("not_continuing", Application(reports=tuple(recent), problem_continuing=False)),
        ("action_taken", Application(reports=tuple(recent), no_action_taken=False)),
        ("no_consent", Application(reports=tuple(recent), victim_consent=False)),
        ("outside_area", Application(reports=tuple(recent), in_area=False)),
    ]
    out = []
    for _name, app in cases:
        d = decide(app, policy, today)
        if any(o == d.outcome for o, _r, _c in out):
            continue
        contacts = [_contact_text(s, policy) for s in d.signposts]
        out.append((d.outcome, " ".join(d.reasons), contacts))
    return out


def _contact_text(s: dict, policy: Policy) -> str:
    website = policy.contacts[s["key"]].website
    how = [v for v in (s.get("phone"), s.get("email"), website) if v] + \
        ([", ".join(s["address"])] if s.get("address") else [])
    text = f"{s['name']}" + (f": {' / '.join(how)}" if how else "")
    return text + (f" ({s['purpose']})" if s.get("purpose") else "")
