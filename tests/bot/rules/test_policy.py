"""The policy file: Barnet's encodes the seed, and a broken file says exactly what is wrong."""
import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.rules.policy import PolicyError, load_policy, parse_policy

ROOT = Path(__file__).resolve().parents[3]
BARNET = ROOT / "policies" / "barnet.yml"
RIVERSIDE = ROOT / "policies" / "examples" / "riverside.yml"


@pytest.fixture(scope="module")
def barnet():
    return load_policy(BARNET)


@pytest.fixture()
def raw():
    return yaml.safe_load(BARNET.read_text())


def test_barnet_encodes_the_seed(barnet):
    # "three reports to either the council, police or registered housing provider
    # about the same issue in the last six months"
    assert barnet.route("three_reports").threshold == 3
    # "Five individuals have separately reported about the same issue in the last six months"
    assert barnet.route("five_individuals").threshold == 5
    assert barnet.window_months == 6
    assert barnet.organisations_that_count == ("council", "police", "housing_provider")
    assert barnet.report_within_days_of_incident is None
    assert barnet.same_incident_counts_once is False
    # "We will respond to your application within 2-3 days"; "within 24 working days"
    assert barnet.timescales.resolution_working_days == 24
    assert "2 to 3" in barnet.timescales.response_text
    assert barnet.appeal.final is True and "Deputy Director" in barnet.appeal.reviewer


def test_barnet_contacts_are_the_seeds(barnet):
    c = barnet.contacts
    assert c["emergency"].phone == "999"
    assert c["police"].phone == "101"
    assert c["community_safety_team"].phone == "020 8359 2000"
    assert c["partnership"].phone.replace(" ", "") == "02083596071"
    assert c["partnership"].email == "BarnetCST@barnet.gov.uk"
    assert c["applications"].email == "community.safety@barnet.gov.uk"
    assert "Building 4" in c["applications"].address
    assert c["applications"].address[-1] == "London N11 1NP"


def test_barnet_signposts_not_qualifying_as_the_seed_says(barnet):
    # "contact Barnet Police on 101; report the issue directly to your housing
    # office ...; contact ... Community Safety Team on 020 8359 2000"
    assert barnet.signposts["not_enough_reports"] == ("police", "housing", "community_safety_team")
    assert barnet.signposts["first_report"] == ("police", "housing", "community_safety_team")
    assert "emergency" in barnet.signposts["general_crime"]


def test_counting_labels_read_naturally(barnet):
    assert barnet.counting_labels() == "the council, the police or a registered housing provider"
    assert barnet.window_text == "six months"


def test_second_example_policy_differs(barnet):
    other = load_policy(RIVERSIDE)
    assert other.route("five_individuals") is None
    assert other.report_within_days_of_incident == 30
    assert other.same_incident_counts_once is True
    assert "health" in other.categories and not other.counts("health")


def _break(raw, path, value, delete=False):
    node = raw
    keys = path.split(".")
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if delete:
        del node[keys[-1]]
    else:
        node[keys[-1]] = value
    return raw


CASES = [
    # (what is broken, path, new value, delete?, words the message must contain)
    ("missing window", "criteria.window_months", None, True, ["criteria.window_months", "is missing"]),
    ("text for a number", "criteria.window_months", "six", False,
     ["criteria.window_months", "whole number", "'six'"]),
    ("negative window", "criteria.window_months", -6, False, ["criteria.window_months", "1 or more", "-6"]),
    ("zero threshold", "criteria.routes.three_reports.min_reports", 0, False,
     ["criteria.routes.three_reports.min_reports", "1 or more"]),
    ("negative deadline", "criteria.report_within_days_of_incident", -30, False,
     ["criteria.report_within_days_of_incident", "1 or more"]),
    ("boolean as text", "criteria.same_incident_counts_once", "yes please", False,
     ["criteria.same_incident_counts_once", "true or false"]),
    ("unknown category", "criteria.organisations_that_count", ["council", "polise"], False,
     ["criteria.organisations_that_count[2]", "unknown organisation category 'polise'", "housing_provider"]),
    ("list as text", "criteria.organisations_that_count", "council", False,
     ["criteria.organisations_that_count", "expected a list"]),
    ("missing contacts", "contacts", None, True, ["contacts", "is missing"]),
    ("unknown signpost contact", "signposts.first_report", ["police", "housing_office"], False,
     ["signposts.first_report[2]", "unknown contact 'housing_office'"]),
    ("misspelt key", "criteria.window_month", 6, False, ["criteria.window_month", "unknown key"]),
    ("missing other category", "organisations.other", None, True, ["organisations.other", "is missing"]),
    ("bad email", "contacts.applications.email", "community.safety at barnet", False,
     ["contacts.applications.email", "email address"]),
    ("no route enabled", "criteria.routes",
     {"three_reports": {"enabled": False}, "five_individuals": {"enabled": False}}, False,
     ["criteria.routes", "at least one route"]),
    ("empty names", "organisations.police.names", [], False, ["organisations.police.names", "list of names"]),
    ("unknown appeal contact", "appeal.contact", "nobody", False, ["appeal.contact", "unknown contact 'nobody'"]),
    ("timescale text", "timescales.resolution_working_days", "24 days", False,
     ["timescales.resolution_working_days", "whole number"]),
]


@pytest.mark.parametrize("what,path,value,delete,words", CASES, ids=[c[0] for c in CASES])
def test_broken_policy_names_file_key_and_expectation(raw, what, path, value, delete, words):
    broken = _break(copy.deepcopy(raw), path, value, delete)
    with pytest.raises(PolicyError) as err:
        parse_policy(broken, "policies/council.yml")
    message = str(err.value)
    assert message.startswith("policies/council.yml: ")
    assert "\n" not in message
    for word in words:
        assert word in message


def test_same_name_in_two_categories_is_refused(raw):
    raw["organisations"]["other"]["names"].append("Barnet Homes")
    with pytest.raises(PolicyError, match=r"organisations\.other\.names\[\d+\].*already listed under organisations\.housing_provider"):
        parse_policy(raw, "x.yml")


def test_policy_can_add_a_category(raw):
    raw["organisations"]["health"] = {"label": "a health service", "names": ["GP surgery"]}
    raw["criteria"]["organisations_that_count"].append("health")
    assert parse_policy(raw).counts("health")


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(PolicyError, match="cannot read the policy file"):
        load_policy(tmp_path / "nope.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("id: x\ncriteria: [unclosed\n")
    with pytest.raises(PolicyError, match=r"bad\.yml: not valid YAML at line \d+"):
        load_policy(bad)
    empty = tmp_path / "empty.yml"
    empty.write_text("")
    with pytest.raises(PolicyError, match="expected a set of keys"):
        load_policy(empty)


def test_policy_check_command_reports_one_line_without_traceback(tmp_path, raw):
    del raw["criteria"]["window_months"]
    broken = tmp_path / "council.yml"
    broken.write_text(yaml.safe_dump(raw))
    result = subprocess.run([sys.executable, "-m", "bot", "policy", "check", str(broken)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    # said at its line: a missing key at its parent's
    criteria_line = broken.read_text().splitlines().index("criteria:") + 1
    assert result.stderr.strip() == f"error: {broken}:{criteria_line}: criteria.window_months: is missing"
    assert "Traceback" not in result.stderr

    ok = subprocess.run([sys.executable, "-m", "bot", "policy", "check", str(BARNET)],
                        capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and "OK" in ok.stdout


def test_policy_check_names_a_wrong_key_at_its_line_warns_about_contacts_and_previews_every_outcome(tmp_path, raw):
    raw["contacts"]["applications"]["address"] = ["Community Safety Team", "Somewhere"]
    raw["contacts"]["hate_crime"]["website"] = "report it online"
    odd = tmp_path / "odd.yml"
    odd.write_text(yaml.safe_dump(raw, sort_keys=False))
    result = subprocess.run([sys.executable, "-m", "bot", "policy", "check", str(odd)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = odd.read_text().splitlines()
    site_line = next(i for i, line in enumerate(lines, 1) if "report it online" in line)
    assert f"warning: {odd}:{site_line}: contacts.hate_crime.website: 'report it online' doesn't look like a web " \
           "address" in result.stdout
    assert "contacts.applications.address: no postcode that parses" in result.stdout
    # what a resident is told, for each way an application ends, with its contacts
    for outcome in ("eligible", "first_report", "not_enough_reports", "ongoing_complaint", "general_crime",
                    "hate_crime", "not_continuing", "action_taken", "no_consent", "outside_area"):
        assert f"[{outcome}]" in result.stdout, outcome
    assert "020 8359 2000" in result.stdout and "The Community Trigger needs 3 reports" in result.stdout

    wrong = dict(raw, contacts={**raw["contacts"], "police": {**raw["contacts"]["police"], "phone": "one-oh-one"}})
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump(wrong, sort_keys=False))
    result = subprocess.run([sys.executable, "-m", "bot", "policy", "check", str(bad)],
                            capture_output=True, text=True, cwd=ROOT)
    phone_line = next(i for i, line in enumerate(bad.read_text().splitlines(), 1) if "one-oh-one" in line)
    assert result.returncode == 2 and f"{bad}:{phone_line}: contacts.police.phone" in result.stderr


def test_barnets_own_policy_checks_without_warnings():
    ok = subprocess.run([sys.executable, "-m", "bot", "policy", "check", "--quiet", str(BARNET)],
                        capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and "warning" not in ok.stdout and "What a resident is told" not in ok.stdout


# -- dated changes and sources (issue 13, item 3) ------------------------------------------------------


def _with_changes(raw, *changes):
    raw["changes"] = list(changes)
    return raw


def _change(starts="2027-04-01", version="2027-04-01", **values):
    return {"from": starts, "version": version, "why": "Partnership board decision",
            "set": values or {"criteria.routes.three_reports.min_reports": 2}}


def test_a_dated_change_makes_a_version_from_its_date(raw):
    from datetime import date
    policy = parse_policy(_with_changes(raw, _change(), _change("2027-10-01", "2027-10-01",
                                                                **{"criteria.window_months": 12})), "x.yml")
    assert policy.at(date(2027, 3, 31)).routes["three_reports"].threshold == 3
    assert policy.at(date(2027, 4, 1)).routes["three_reports"].threshold == 2
    later = policy.at(date(2027, 10, 1))
    assert (later.version, later.window_months, later.routes["three_reports"].threshold) == ("2027-10-01", 12, 2)
    assert later.at(date(2026, 1, 1)).version == policy.version  # any version gives any other
    assert policy.version_named("2027-04-01").routes["three_reports"].threshold == 2
    assert policy.version_named("no such") is None
    assert policy.at(date(2027, 4, 1)).differences(later) == (("criteria.window_months", 6, 12),)


@pytest.mark.parametrize("change, message", [
    (_change(**{"criteria.no_such": 1}), "changes[1].set.criteria.no_such: no such value"),
    (_change(**{"council.name": "Elsewhere"}), "changes[1].set.council.name: no such value in the policy, or one "
                                               "a dated change can't set"),
    (_change(**{"criteria.window_months": 0}), "changes[1] (from 2027-04-01): criteria.window_months: expected a "
                                               "whole number of 1 or more"),
    (_change(starts="April"), "changes[1].from: expected a date like 2027-04-01"),
    (_change(version="2026-11-26"), "changes[1].version: '2026-11-26' is already used"),
])
def test_a_wrong_change_is_named(raw, change, message):
    with pytest.raises(PolicyError) as err:
        parse_policy(_with_changes(raw, change), "x.yml")
    assert message in str(err.value)


def test_changes_must_be_in_date_order(raw):
    with pytest.raises(PolicyError, match=r"changes\[2\].from: changes must be listed in date order"):
        parse_policy(_with_changes(raw, _change(), _change("2027-01-01", "2027-01-01")), "x.yml")


def test_a_source_for_an_unknown_rule_is_named(raw):
    raw["sources"]["threshold"] = "somewhere"
    with pytest.raises(PolicyError, match=r"sources.threshold: unknown key"):
        parse_policy(raw, "x.yml")


def test_policy_check_lists_the_versions_and_warns_about_rules_without_a_source(raw, tmp_path):
    del raw["sources"]["window"]
    path = tmp_path / "p.yml"
    path.write_text(yaml.safe_dump(_with_changes(raw, _change()), sort_keys=False))
    out = subprocess.run([sys.executable, "-m", "bot", "policy", "check", str(path), "--quiet"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "2027-04-01: from 2027-04-01 (Partnership board decision): criteria.routes.three_reports.min_reports " \
           "3 -> 2" in out.stdout
    assert "sources: no source for window" in out.stdout


def test_policy_check_names_every_wrong_key_with_its_line(tmp_path):
    text = BARNET.read_text().replace("window_months: 6", "window_months: six").replace(
        "  scheme_name: Community Trigger\n", "  scheme_name: Community Trigger\n  colour: blue\n").replace(
        "  response_working_days: 3\n", "")
    bad = tmp_path / "bad.yml"
    bad.write_text(text)
    out = subprocess.run([sys.executable, "-m", "bot", "policy", "check", str(bad)], capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode != 0
    lines = {re.sub(r"^error: ", "", line) for line in out.stderr.strip().splitlines()}
    line_of = {key: n for n, row in enumerate(text.splitlines(), start=1) for key in ("colour:", "window_months:")
               if row.strip().startswith(key)}
    assert f"{bad}:{line_of['colour:']}: council.colour: unknown key (expected one of: name, short_name, area, " \
           "partnership, scheme_name, website, team)" in lines
    assert f"{bad}:{line_of['window_months:']}: criteria.window_months: expected a whole number of 1 or more, " \
           "found 'six'" in lines
    assert any(line.endswith(": timescales.response_working_days: is missing") for line in lines)


def test_a_place_outside_named_with_a_shared_district_is_outside():
    from bot.rules.area import read_area
    area = read_area("Whitchurch Lane in Canons Park, HA8. My address says Edgware so I assumed it was Barnet",
                     load_policy())
    assert area.inside is False and area.place == "Canons Park"
