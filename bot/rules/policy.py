"""A council's Community Trigger policy: its rules and contacts, from one YAML file.

Loading validates the whole file. Anything wrong gives one `PolicyError` whose
message names the file, the key and what was expected, so a council's IT team
can fix it without reading code. The returned `Policy` is immutable.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import yaml

from bot.ops import config

ROUTES = ("three_reports", "five_individuals")
ROUTE_THRESHOLD_KEY = {"three_reports": "min_reports", "five_individuals": "min_individuals"}
# Ways an application can end; each can have its own signposts.
OUTCOMES = (
    "eligible",
    "first_report",
    "not_enough_reports",
    "ongoing_complaint",
    "general_crime",
    "not_continuing",
    "action_taken",
    "no_consent",
    "outside_area",
    "hate_crime",
)
_CATEGORY_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# The rules a decision applies; each is cited from the policy's `sources`.
RULES = {
    "window": "reports must be in the time window",
    "organisations": "which organisations' reports count",
    "three_reports": "the number of reports needed",
    "five_individuals": "the number of people reporting needed",
    "no_action": "no action has been taken",
    "continuing": "the problem is still happening",
    "crime": "not for reporting crime",
    "complaint": "not while a complaint is open",
    "consent": "the person affected agrees",
    "area": "the problem is in the council's area",
    "first_report": "a first report goes to the agencies first",
    "incident": "reports made in time after an incident",
}


class PolicyError(ValueError):
    """A policy file that cannot be used, with a message a person can act on."""


@dataclass(frozen=True)
class OrganisationName:
    name: str
    category: str
    say: str  # how to mention it in a sentence: "your MP", "Barnet Homes"
    # Only as written: for names that are also ordinary words ("Met" / "met").
    match_case: bool = False


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    names: Tuple[OrganisationName, ...]


@dataclass(frozen=True)
class Route:
    key: str
    enabled: bool
    threshold: int
    source: str


@dataclass(frozen=True)
class Contact:
    key: str
    name: str
    phone: Optional[str] = None
    email: Optional[str] = None
    address: Tuple[str, ...] = ()
    purpose: Optional[str] = None
    website: Optional[str] = None


@dataclass(frozen=True)
class Geography:
    """Where the council's area is, so "is that in the area?" is asked only when
    the answer doesn't already say. Postcode districts are upper case ("N11")."""

    postcode_districts: Tuple[str, ...] = ()         # wholly in the area
    shared_postcode_districts: Tuple[str, ...] = ()  # partly in the area: the place decides
    places: Tuple[str, ...] = ()                     # places in the area
    places_outside: Tuple[str, ...] = ()             # nearby places that are not


@dataclass(frozen=True)
class ComplaintsBody:
    name: str
    about: str


@dataclass(frozen=True)
class Council:
    name: str
    short_name: str
    area: str
    partnership: str
    scheme_name: str
    website: Optional[str] = None  # the council's own site: the header links to it
    # the team residents deal with, as the assistant names it ("the Community Safety Team will reply ...")
    team: str = "Community Safety Team"


@dataclass(frozen=True)
class Timescales:
    response_working_days: int
    response_text: str
    resolution_working_days: int
    retention_days: int


@dataclass(frozen=True)
class Appeal:
    how: str
    contact: str
    reviewer: str
    final: bool


@dataclass(frozen=True)
class Source:
    """Where a rule comes from: the clause of the council's published process, or the Act or guidance."""
    rule: str
    cite: str
    quote: str = ""


@dataclass(frozen=True)
class Change:
    """Values that change on a date: applications received on or after `starts` are decided with them."""
    starts: date
    version: str
    why: str
    values: Tuple[Tuple[str, Any], ...]  # (dotted key, new value)


@dataclass(frozen=True)
class Policy:
    path: str
    id: str
    version: str
    council: Council
    window_months: int
    criteria_source: str
    organisations_that_count: Tuple[str, ...]
    report_within_days_of_incident: Optional[int]
    same_incident_counts_once: bool
    require_problem_continuing: bool
    require_no_action: bool
    routes: Dict[str, Route]
    categories: Dict[str, Category]
    ambiguous_names: Tuple[str, ...]
    geography: Geography
    contacts: Dict[str, Contact]
    complaints: Tuple[ComplaintsBody, ...]
    signposts: Dict[str, Tuple[str, ...]]
    timescales: Timescales
    appeal: Appeal
    sources: Dict[str, Source] = field(default_factory=dict)
    letters: Dict[str, str] = field(default_factory=dict)   # the council's own letter templates, by kind
    changes: Tuple[Change, ...] = ()
    effective_from: Optional[date] = None   # the change in force, when one is
    raw: Any = field(default=None, compare=False, hash=False, repr=False)  # the file as written, for `at`

    # -- versions ------------------------------------------------------------------

    def at(self, day: date) -> "Policy":
        """The policy in force for an application received on `day`: the file's values, with every change
        that starts on or before that day applied in order."""
        applied = tuple(ch for ch in self.changes if ch.starts <= day)
        if not applied or self.raw is None:
            return self._base()
        return _versioned(self._base(), len(applied))

    def _base(self) -> "Policy":
        return self if self.effective_from is None else _versioned(self, 0)

    def differences(self, other: "Policy") -> Tuple[Tuple[str, Any, Any], ...]:
        """What differs between this version's values and `other`'s: (key, here, there)."""
        mine, theirs = _flatten(_applied_raw(self)), _flatten(_applied_raw(other))
        return tuple((k, mine.get(k), theirs.get(k)) for k in sorted(set(mine) | set(theirs))
                     if mine.get(k) != theirs.get(k) and k != "version")

    def version_named(self, name: str) -> Optional["Policy"]:
        """The version a draft was decided under, by its name; None when the file no longer has it."""
        base = self._base()
        if name == base.version:
            return base
        for i, change in enumerate(self.changes, start=1):
            if change.version == name:
                return _versioned(base, i)
        return None

    def source(self, rule: str) -> Source:
        return self.sources.get(rule) or Source(rule, "not cited in the policy file")

    # -- conveniences used by the conversation and the decision --------------

    def route(self, key: str) -> Optional[Route]:
        route = self.routes.get(key)
        return route if route and route.enabled else None

    @property
    def enabled_routes(self) -> Tuple[Route, ...]:
        return tuple(r for r in self.routes.values() if r.enabled)

    def contact(self, key: str) -> Contact:
        return self.contacts[key]

    def counts(self, category: Optional[str]) -> bool:
        return category in self.organisations_that_count

    def counting_labels(self) -> str:
        """'the council, the police or a registered housing provider'."""
        labels = [self.categories[c].label for c in self.organisations_that_count]
        return join_or(labels)

    @property
    def window_text(self) -> str:
        """'six months', as the seed says it."""
        return number_words(self.window_months, "month")

    def all_names(self) -> Tuple[OrganisationName, ...]:
        return tuple(n for c in self.categories.values() for n in c.names)

    # -- examples in questions, from the council's own file (never another council's names) --------

    @property
    def example_district(self) -> str:
        """A postcode district in the area, for examples like "Oak Road, N11"."""
        districts = self.geography.postcode_districts + self.geography.shared_postcode_districts
        return districts[0] if districts else self.council.short_name

    @property
    def example_postcode(self) -> str:
        districts = self.geography.postcode_districts + self.geography.shared_postcode_districts
        return f"{districts[0]} 1AB" if districts else "AB1 2CD"

    @property
    def example_landlord(self) -> str:
        """A housing provider residents here would name, for examples ("emailed Barnet Homes ...")."""
        names = [n.name for n in (self.categories["housing_provider"].names if "housing_provider" in self.categories
                                  else ()) if n.name[:1].isupper() and not n.name.isupper()]
        return names[0] if names else "your housing association"

    def summary(self) -> dict:
        """What a decision records about the policy it was made under."""
        out = {"id": self.id, "version": self.version, "council": self.council.name}
        if self.effective_from:
            out["effective_from"] = self.effective_from.isoformat()  # a dated change is in force
        return out


_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve")


def number_words(n: int, unit: str) -> str:
    """number_words(6, 'month') -> 'six months'; digits above twelve."""
    count = _SMALL[n] if 0 <= n < len(_SMALL) else str(n)
    return f"{count} {unit}" + ("" if n == 1 else "s")


def join_or(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


# -- loading -----------------------------------------------------------------

_MISSING = object()


class _Checker:
    """Reads values out of the parsed YAML, failing with the file and key."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, key: str, message: str) -> None:
        raise PolicyError(f"{self.file}: {key}: {message}")

    @staticmethod
    def _found(value: Any) -> str:
        if value is None:
            return "nothing"
        if isinstance(value, bool):
            return f"{str(value).lower()} (true/false)"
        if isinstance(value, (dict, list)):
            return "a list" if isinstance(value, list) else "a set of keys"
        return repr(value)

    def mapping(self, value: Any, key: str, allowed: Optional[Tuple[str, ...]] = None) -> dict:
        if not isinstance(value, dict):
            self.fail(key, f"expected a set of keys, found {self._found(value)}")
        if allowed is not None:
            for name in value:
                if name not in allowed:
                    self.fail(f"{key}.{name}" if key else str(name),
                              f"unknown key (expected one of: {', '.join(allowed)})")
        return value

    def get(self, data: dict, key: str, parent: str, default: Any = _MISSING) -> Any:
        path = f"{parent}.{key}" if parent else key
        if key not in data:
            if default is _MISSING:
                self.fail(path, "is missing")
            return default
        return data[key]

    def text(self, data: dict, key: str, parent: str = "", default: Any = _MISSING) -> Optional[str]:
        path = f"{parent}.{key}" if parent else key
        value = self.get(data, key, parent, default)
        if value is None and default is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"expected some text, found {self._found(value)}")
        return value.strip()

    def whole(self, data: dict, key: str, parent: str = "", minimum: int = 0,
              default: Any = _MISSING, allow_null: bool = False) -> Optional[int]:
        path = f"{parent}.{key}" if parent else key
        value = self.get(data, key, parent, default)
        if value is None and allow_null:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, f"expected a whole number of {minimum} or more"
                      + (" (or null for none)" if allow_null else "") + f", found {self._found(value)}")
        if value < minimum:
            self.fail(path, f"expected a whole number of {minimum} or more, found {value}")
        return value

    def flag(self, data: dict, key: str, parent: str = "", default: Any = _MISSING) -> bool:
        path = f"{parent}.{key}" if parent else key
        value = self.get(data, key, parent, default)
        if not isinstance(value, bool):
            self.fail(path, f"expected true or false, found {self._found(value)}")
        return value

    def texts(self, data: dict, key: str, parent: str = "", default: Any = _MISSING) -> Tuple[str, ...]:
        path = f"{parent}.{key}" if parent else key
        value = self.get(data, key, parent, default)
        if not isinstance(value, list):
            self.fail(path, f"expected a list, found {self._found(value)}")
        out = []
        for i, item in enumerate(value):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{path}[{i + 1}]", f"expected some text, found {self._found(item)}")
            out.append(item.strip())
        return tuple(out)


def load_policy(path: Optional[Path] = None) -> Policy:
    """Load and validate a policy file (the configured one by default)."""
    path = Path(path) if path else config.policy_path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise PolicyError(f"{path}: cannot read the policy file (does it exist?)") from None
    return _load_cached(str(path), mtime)


@functools.lru_cache(maxsize=16)
def _load_cached(path: str, _mtime: int) -> Policy:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise PolicyError(f"{path}: not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path}: cannot read the policy file ({exc})") from None
    return parse_policy(raw, path)


def parse_policy(raw: Any, file: str = "<policy>") -> Policy:
    policy = _parse(raw, file)
    changes = _changes(_Checker(file), raw, policy.version)
    policy = dataclasses.replace(policy, changes=changes, raw=raw)
    for i, change in enumerate(changes, start=1):
        try:
            _versioned(policy, i)  # every version must be a valid policy too
        except PolicyError as exc:
            message = str(exc).split(": ", 1)[1] if str(exc).startswith(f"{file}: ") else str(exc)
            raise PolicyError(f"{file}: changes[{i}] (from {change.starts.isoformat()}): {message}") from None
    return policy


def _changes(c: "_Checker", raw: Any, version: str) -> Tuple[Change, ...]:
    items = c.get(raw, "changes", "", default=None) if isinstance(raw, dict) else None
    if items is None:
        return ()
    if not isinstance(items, list):
        c.fail("changes", f"expected a list of dated changes, found {c._found(items)}")
    out = []
    for i, item in enumerate(items, start=1):
        path = f"changes[{i}]"
        item = c.mapping(item, path, ("from", "version", "why", "set"))
        starts = c.get(item, "from", path)
        if isinstance(starts, str):
            try:
                starts = date.fromisoformat(starts)
            except ValueError:
                pass
        if not isinstance(starts, date):
            c.fail(f"{path}.from", f"expected a date like 2027-04-01, found {c._found(starts)}")
        values = c.mapping(c.get(item, "set", path), f"{path}.set")
        if not values:
            c.fail(f"{path}.set", "expected at least one value to change")
        for key in values:
            if not isinstance(key, str) or not _leaf_exists(raw, key):
                c.fail(f"{path}.set.{key}", "no such value in the policy, or one a dated change can't set (write the key "
                                        "as a path under " + ", ".join(_CHANGEABLE) + ", for example "
                                        "criteria.routes.three_reports.min_reports)")
        change = Change(starts=starts, version=c.text(item, "version", path), why=c.text(item, "why", path),
                        values=tuple(values.items()))
        if change.version == version or any(o.version == change.version for o in out):
            c.fail(f"{path}.version", f"{change.version!r} is already used: each version needs its own name")
        if out and change.starts <= out[-1].starts:
            c.fail(f"{path}.from", "changes must be listed in date order, each on a later date")
        out.append(change)
    return tuple(out)


# What a dated change may set: rules, contacts and timescales. Names and places feed the trained model and
# the spaCy pipeline, so they change by editing the file and retraining.
_CHANGEABLE = ("criteria", "timescales", "appeal", "signposts", "contacts", "complaints")


def _leaf_exists(raw: dict, dotted: str) -> bool:
    node: Any = raw
    parts = dotted.split(".")
    for part in parts[:-1]:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return isinstance(node, dict) and parts[-1] in node and parts[0] in _CHANGEABLE


def _applied_raw(policy: Policy) -> dict:
    raw = copy.deepcopy(policy.raw or {})
    raw.pop("changes", None)
    applied = [ch for ch in policy.changes if policy.effective_from and ch.starts <= policy.effective_from]
    for change in applied:
        for key, value in change.values:
            node = raw
            *parents, leaf = key.split(".")
            for part in parents:
                node = node[part]
            node[leaf] = copy.deepcopy(value)
        raw["version"] = change.version
    return raw


# Each version parsed once. The file's parsed YAML is kept in the value, so its id (the key) is never reused.
_VERSIONS: Dict[Tuple[int, int], Tuple[Any, Policy]] = {}


def _versioned(policy: Policy, count: int) -> Policy:
    """The policy with its first `count` changes applied (0: the file's own values)."""
    key = (id(policy.raw), count)
    if key not in _VERSIONS:
        changes = policy.changes
        starts = changes[count - 1].starts if count else None
        marker = dataclasses.replace(policy, effective_from=starts)
        parsed = _parse(_applied_raw(marker), policy.path)
        _VERSIONS[key] = (policy.raw, dataclasses.replace(parsed, changes=changes, raw=policy.raw,
                                                          effective_from=starts))
    return _VERSIONS[key][1]


def _flatten(node: Any, prefix: str = "") -> Dict[str, Any]:
    if isinstance(node, dict):
        out: Dict[str, Any] = {}
        for k, v in node.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix: node}


def _sources(c: "_Checker", top: dict) -> Dict[str, Source]:
    raw = c.mapping(c.get(top, "sources", "", default={}) or {}, "sources", tuple(RULES))
    out = {}
    for rule, body in raw.items():
        path = f"sources.{rule}"
        if isinstance(body, str):
            out[rule] = Source(rule, c.text({"cite": body}, "cite", path))
            continue
        body = c.mapping(body, path, ("cite", "quote"))
        out[rule] = Source(rule, c.text(body, "cite", path), c.text(body, "quote", path, default=None) or "")
    return out


def _parse(raw: Any, file: str) -> Policy:
    c = _Checker(file)
    top = c.mapping(raw, "", ("id", "version", "council", "criteria", "organisations", "contacts",
                              "complaints", "signposts", "timescales", "appeal", "geography", "sources",
                              "letters", "changes"))

    council_raw = c.mapping(c.get(top, "council", ""), "council",
                            ("name", "short_name", "area", "partnership", "scheme_name", "website", "team"))
    council = Council(
        name=c.text(council_raw, "name", "council"),
        short_name=c.text(council_raw, "short_name", "council"),
        area=c.text(council_raw, "area", "council"),
        partnership=c.text(council_raw, "partnership", "council"),
        scheme_name=c.text(council_raw, "scheme_name", "council", default="Community Trigger"),
        website=c.text(council_raw, "website", "council", default=None),
        team=c.text(council_raw, "team", "council", default="Community Safety Team"),
    )
    if council.website and not re.match(r"^https://[^\s/]+\.[^\s]+$", council.website):
        c.fail("council.website", f"expected an address starting https://, found {council.website!r}")

    categories = _categories(c, top)
    contacts = _contacts(c, top)

    crit = c.mapping(c.get(top, "criteria", ""), "criteria",
                     ("window_months", "source", "organisations_that_count",
                      "report_within_days_of_incident", "same_incident_counts_once",
                      "require_problem_continuing", "require_no_action", "routes"))
    counting = c.texts(crit, "organisations_that_count", "criteria")
    if not counting:
        c.fail("criteria.organisations_that_count", "expected at least one organisation category")
    for i, key in enumerate(counting):
        if key not in categories:
            c.fail(f"criteria.organisations_that_count[{i + 1}]",
                   f"unknown organisation category {key!r} (expected one of: {', '.join(categories)})")
        if key == "other":
            c.fail(f"criteria.organisations_that_count[{i + 1}]",
                   "'other' is the category for reports that never count")

    routes_raw = c.mapping(c.get(crit, "routes", "criteria"), "criteria.routes", ROUTES)
    routes = {}
    for key, threshold_key in ROUTE_THRESHOLD_KEY.items():
        parent = f"criteria.routes.{key}"
        if key not in routes_raw:
            routes[key] = Route(key, False, 0, "")
            continue
        r = c.mapping(routes_raw[key], parent, ("enabled", threshold_key, "source"))
        enabled = c.flag(r, "enabled", parent, default=True)
        threshold = c.whole(r, threshold_key, parent, minimum=1) if enabled else \
            c.whole(r, threshold_key, parent, minimum=1, default=1)
        routes[key] = Route(key, enabled, threshold, c.text(r, "source", parent, default=None) or "")
    if not any(r.enabled for r in routes.values()):
        c.fail("criteria.routes", "expected at least one route to be enabled")

    signposts = _signposts(c, top, contacts)
    complaints = _complaints(c, top)

    times = c.mapping(c.get(top, "timescales", ""), "timescales",
                      ("response_working_days", "response_text", "resolution_working_days", "retention_days"))
    timescales = Timescales(
        response_working_days=c.whole(times, "response_working_days", "timescales", minimum=1),
        response_text=c.text(times, "response_text", "timescales"),
        resolution_working_days=c.whole(times, "resolution_working_days", "timescales", minimum=1),
        retention_days=c.whole(times, "retention_days", "timescales", minimum=1),
    )

    appeal_raw = c.mapping(c.get(top, "appeal", ""), "appeal", ("how", "contact", "reviewer", "final"))
    appeal = Appeal(
        how=c.text(appeal_raw, "how", "appeal"),
        contact=c.text(appeal_raw, "contact", "appeal"),
        reviewer=c.text(appeal_raw, "reviewer", "appeal"),
        final=c.flag(appeal_raw, "final", "appeal"),
    )
    if appeal.contact not in contacts:
        c.fail("appeal.contact", f"unknown contact {appeal.contact!r} (expected one of: {', '.join(contacts)})")
    for needed in ("emergency", "police", "community_safety_team"):
        if needed not in contacts:
            c.fail(f"contacts.{needed}", "is missing (the assistant always needs it)")

    ambiguous = c.texts(top["organisations"], "ambiguous", "organisations", default=[])
    geography = _geography(c, top)

    return Policy(
        path=str(file),
        id=c.text(top, "id", ""),
        version=c.text(top, "version", ""),
        council=council,
        window_months=c.whole(crit, "window_months", "criteria", minimum=1),
        criteria_source=c.text(crit, "source", "criteria", default=None) or "",
        organisations_that_count=counting,
        report_within_days_of_incident=c.whole(crit, "report_within_days_of_incident", "criteria",
                                               minimum=1, default=None, allow_null=True),
        same_incident_counts_once=c.flag(crit, "same_incident_counts_once", "criteria", default=False),
        require_problem_continuing=c.flag(crit, "require_problem_continuing", "criteria", default=True),
        require_no_action=c.flag(crit, "require_no_action", "criteria", default=True),
        routes=routes,
        categories=categories,
        ambiguous_names=tuple(a.casefold() for a in ambiguous),
        geography=geography,
        contacts=contacts,
        complaints=complaints,
        signposts=signposts,
        timescales=timescales,
        appeal=appeal,
        sources=_sources(c, top),
        letters=_letters(c, top),
    )


def _letters(c: "_Checker", top: dict) -> Dict[str, str]:
    """The council's own letter templates (bot/rules/letters.py has ours and the names they may use)."""
    from bot.rules import letters
    raw = c.mapping(c.get(top, "letters", "", default={}) or {}, "letters", tuple(letters.KINDS))
    out = {}
    for kind in raw:
        text = c.text(raw, kind, "letters")
        unknown = letters.unknown_fields(text)
        if unknown:
            c.fail(f"letters.{kind}", f"{{{unknown[0]}}} is not something a letter can fill in (it can use: "
                                     f"{', '.join('{' + f + '}' for f in letters.FIELDS)})")
        out[kind] = text
    return out


def _categories(c: _Checker, top: dict) -> Dict[str, Category]:
    orgs = c.mapping(c.get(top, "organisations", ""), "organisations")
    categories: Dict[str, Category] = {}
    seen: Dict[str, str] = {}
    for key, body in orgs.items():
        if key == "ambiguous":
            continue
        path = f"organisations.{key}"
        if not isinstance(key, str) or not _CATEGORY_KEY.match(key):
            c.fail(path, "a category name must be lower case letters, digits and underscores")
        body = c.mapping(body, path, ("label", "names"))
        label = c.text(body, "label", path)
        raw_names = c.get(body, "names", path)
        if not isinstance(raw_names, list) or not raw_names:
            c.fail(f"{path}.names", "expected a list of names people use for it")
        names = []
        for i, item in enumerate(raw_names):
            item_path = f"{path}.names[{i + 1}]"
            match_case = False
            if isinstance(item, dict):
                item = c.mapping(item, item_path, ("name", "say", "match_case"))
                name = c.text(item, "name", item_path)
                say = c.text(item, "say", item_path, default=None) or name
                match_case = c.flag(item, "match_case", item_path, default=False)
            else:
                name = c.text({"name": item}, "name", item_path)
                say = name
            folded = name.casefold()
            if folded in seen and seen[folded] != key:
                c.fail(item_path, f"{name!r} is already listed under organisations.{seen[folded]}")
            seen[folded] = key
            names.append(OrganisationName(name=name, category=key, say=say, match_case=match_case))
        categories[key] = Category(key=key, label=label, names=tuple(names))
    if "other" not in categories:
        c.fail("organisations.other", "is missing (the category for reports that do not count)")
    return categories


def _contacts(c: _Checker, top: dict) -> Dict[str, Contact]:
    raw = c.mapping(c.get(top, "contacts", ""), "contacts")
    contacts = {}
    for key, body in raw.items():
        path = f"contacts.{key}"
        body = c.mapping(body, path, ("name", "phone", "email", "address", "purpose", "website"))
        phone = c.text(body, "phone", path, default=None)
        email = c.text(body, "email", path, default=None)
        if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
            c.fail(f"{path}.email", f"expected an email address, found {email!r}")
        if phone and not re.match(r"^[0-9 +()-]{3,20}$", phone):
            c.fail(f"{path}.phone", f"expected a phone number, found {phone!r}")
        contacts[key] = Contact(
            key=key,
            name=c.text(body, "name", path),
            phone=phone,
            email=email,
            address=c.texts(body, "address", path, default=[]),
            purpose=c.text(body, "purpose", path, default=None),
            website=c.text(body, "website", path, default=None),
        )
    return contacts


_DISTRICT = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")


def _geography(c: _Checker, top: dict) -> Geography:
    if "geography" not in top:
        return Geography()
    raw = c.mapping(top["geography"], "geography",
                    ("postcode_districts", "shared_postcode_districts", "places", "places_outside"))
    districts = {}
    for key in ("postcode_districts", "shared_postcode_districts"):
        values = tuple(v.upper().replace(" ", "") for v in c.texts(raw, key, "geography", default=[]))
        for i, value in enumerate(values):
            if not _DISTRICT.match(value):
                c.fail(f"geography.{key}[{i + 1}]", f"expected a postcode district like SW1A or M1, found {value!r}")
        districts[key] = values
    both = set(districts["postcode_districts"]) & set(districts["shared_postcode_districts"])
    if both:
        c.fail("geography.shared_postcode_districts", f"{sorted(both)[0]} is also in postcode_districts")
    return Geography(postcode_districts=districts["postcode_districts"],
                     shared_postcode_districts=districts["shared_postcode_districts"],
                     places=c.texts(raw, "places", "geography", default=[]),
                     places_outside=c.texts(raw, "places_outside", "geography", default=[]))


def _signposts(c: _Checker, top: dict, contacts: Dict[str, Contact]) -> Dict[str, Tuple[str, ...]]:
    raw = c.mapping(c.get(top, "signposts", ""), "signposts", OUTCOMES)
    out = {}
    for outcome in OUTCOMES:
        keys = c.texts(raw, outcome, "signposts", default=[])
        for i, key in enumerate(keys):
            if key not in contacts:
                c.fail(f"signposts.{outcome}[{i + 1}]",
                       f"unknown contact {key!r} (expected one of: {', '.join(contacts)})")
        out[outcome] = keys
    return out


def _complaints(c: _Checker, top: dict) -> Tuple[ComplaintsBody, ...]:
    raw = c.get(top, "complaints", "", default=[])
    if not isinstance(raw, list):
        c.fail("complaints", f"expected a list, found {c._found(raw)}")
    bodies = []
    for i, item in enumerate(raw):
        path = f"complaints[{i + 1}]"
        item = c.mapping(item, path, ("name", "about"))
        bodies.append(ComplaintsBody(name=c.text(item, "name", path), about=c.text(item, "about", path)))
    return tuple(bodies)
