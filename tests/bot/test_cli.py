"""`python -m bot`: check, drafts export, policy check, --help everywhere."""
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.__main__ import build_parser, main
from bot.rules.application import application_from_dict
from bot.drafts import DraftStore
from bot.rules.eligibility import decide
from bot.rules.policy import load_policy

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


EXPECTED = {
    # example file: (outcome, qualifying, needed) -- relative dates, so right on any day
    "eligible-three-reports.json": ("eligible", 3, 3),
    "eligible-five-individuals.json": ("eligible", 5, 5),
    "not-eligible-near-miss.json": ("not_enough_reports", 2, 3),
    "not-eligible-first-report.json": ("first_report", 1, 3),
    "not-eligible-too-old.json": ("not_enough_reports", 1, 3),
    "not-eligible-ongoing-complaint.json": ("ongoing_complaint", 3, 3),
    "not-eligible-not-continuing.json": ("not_continuing", 3, 3),
    "not-eligible-general-crime.json": ("general_crime", 1, 3),
    "not-eligible-same-person-twice.json": ("not_enough_reports", 4, 5),
}


def test_every_example_has_an_expectation():
    assert {p.name for p in EXAMPLES.glob("*.json")} - set(EXPECTED) == {"fixed-dates-2026-03-10.json"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("today", ["2026-03-10", "2026-11-26", "2027-02-28"])
def test_examples_decide_as_named_on_any_day(capsys, name, today):
    code, out, err = run(capsys, "check", str(EXAMPLES / name), "--today", today)
    assert code == 0, err
    d = json.loads(out)
    assert (d["outcome"], d["qualifying_reports"], d["needed"]) == EXPECTED[name]
    assert d["eligible"] is (EXPECTED[name][0] == "eligible")
    assert d["today"] == today


def test_fixed_date_example(capsys):
    code, out, _ = run(capsys, "check", str(EXAMPLES / "fixed-dates-2026-03-10.json"), "--today", "2026-03-10")
    d = json.loads(out)
    assert [r["code"] for r in d["reports"]] == ["counts", "too_old", "counts", "organisation_not_counted",
                                               "date_future"]
    assert [r["date"] for r in d["reports"]] == ["2025-09-10", "2025-09-09", "2026-03-03", "2026-03-01", None]
    assert d["near_miss"] and d["outcome"] == "not_enough_reports"
    assert [s["phone"] for s in d["signposts"] if s["phone"]] == ["101", "020 8359 2000"]


def test_today_comes_from_the_environment(capsys, monkeypatch):
    monkeypatch.setenv("TRIGGER_TODAY", "2026-03-10")
    _, out, _ = run(capsys, "check", str(EXAMPLES / "fixed-dates-2026-03-10.json"))
    assert json.loads(out)["today"] == "2026-03-10"


def test_unreadable_date_gives_null_and_a_reason(capsys, tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"ongoing_complaint": False, "problem_continuing": True, "reports": [
        {"organisation": "police", "date_text": "dunno, a while back"},
        {"organisation": "Barnet Homes", "date_text": "two weeks ago"}]}))
    _, out, _ = run(capsys, "check", str(f), "--today", "2026-03-10")
    first = json.loads(out)["reports"][0]
    assert first["date"] is None and first["counts"] is False and "a while back" in first["reason"]


def test_stdin(capsys, monkeypatch):
    import io
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"reports": []})))
    code, out, _ = run(capsys, "check", "-", "--today", "2026-03-10")
    assert code == 0 and json.loads(out)["outcome"] == "first_report"


MALFORMED = [
    ("not json", "{\"reports\": [", "is not valid JSON (line 1"),
    ("array", "[1, 2]", "must be a JSON object"),
    ("reports not a list", "{\"reports\": \"three\"}", "reports must be a list"),
    ("report not an object", "{\"reports\": [\"police\"]}", "reports[1] must be an object"),
    ("bad route", "{\"route\": \"six_people\", \"reports\": []}", "route must be \"three_reports\" or \"five_individuals\""),
    ("bool as number", "{\"ongoing_complaint\": 3, \"reports\": []}", "ongoing_complaint must be true or false"),
    ("date as object", "{\"reports\": [{\"organisation\": \"police\", \"date\": {\"d\": 1}}]}",
     "reports[1].date must be text"),
    ("lone surrogate", "{\"reports\": [{\"organisation\": \"\\ud800\"}]}", "unpaired surrogate escape such as \\ud800"),
]


@pytest.mark.parametrize("what,content,words", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_application_is_one_line_exit_2(capsys, tmp_path, what, content, words):
    f = tmp_path / "app.json"
    f.write_text(content)
    code, out, err = run(capsys, "check", str(f))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and words in err


def test_missing_file_and_bad_today(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path / "nope.json"))
    assert code == 2 and "cannot read" in err and "No such file" in err
    code, _, err = run(capsys, "check", str(EXAMPLES / "eligible-three-reports.json"), "--today", "31/12/2026")
    assert code == 2 and "--today must be a date written YYYY-MM-DD" in err


def test_malformed_file_through_the_real_command_has_no_traceback(tmp_path):
    f = tmp_path / "app.json"
    f.write_text("{oops")
    r = subprocess.run([sys.executable, "-m", "bot", "check", str(f)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and "Traceback" not in r.stderr and r.stderr.startswith("error: ")


def _commands(parser, prefix=()):
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        for name, sub in action.choices.items():
            yield prefix + (name,)
            yield from _commands(sub, prefix + (name,))


@pytest.mark.parametrize("command", list(_commands(build_parser())), ids=" ".join)
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as exit_:
        main(list(command) + ["--help"])
    assert exit_.value.code == 0
    assert "usage: python -m bot" in capsys.readouterr().out


def test_drafts_export(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'drafts.db'}"
    code, out, _ = run(capsys, "drafts", "export", "--db", url)
    assert code == 0 and json.loads(out) == []
    rec = json.loads((EXAMPLES / "eligible-three-reports.json").read_text())
    rec.update(conversation_id="c1", sender_id="c1",
               applicant={"name": "Jo", "phone": "07700 900123", "consent_to_share": True},
               victim={"type": "individual"}, asb={"description": "noise"})
    DraftStore(url).save(rec, decide(application_from_dict(rec), load_policy(), date(2026, 3, 10)))
    monkeypatch.setenv("TRIGGER_DRAFTS_DB_URL", url)
    code, out, _ = run(capsys, "drafts", "export")
    [draft] = json.loads(out)
    assert draft["reference"] == "CT-" + draft["created_at"][:4] + "-00001"
    for key in ("reference", "created_at", "status", "applicant", "victim", "asb", "decision", "reports", "route",
                "ongoing_complaint", "problem_continuing"):
        assert key in draft
    # an exported draft is itself a valid input to `check`
    f = tmp_path / "draft.json"
    f.write_text(json.dumps(draft))
    code, out, _ = run(capsys, "check", str(f), "--today", "2026-03-10")
    assert code == 0 and json.loads(out)["eligible"] is True


def test_stats_prints_the_published_figures_for_a_period(capsys, tmp_path, monkeypatch):
    from datetime import datetime
    from tests.web.conftest import draft_record
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TRIGGER_DRAFTS_DB_URL", raising=False)
    monkeypatch.setenv("TRIGGER_TODAY", "2026-12-03")
    record = draft_record("s:a")
    decision = decide(application_from_dict(record), load_policy(), date(2025, 6, 2))
    DraftStore(now=lambda: datetime(2025, 6, 2, 10)).save(record, decision)
    code, out, _ = run(capsys, "stats")                     # the last financial year: April 2025 to March 2026
    assert code == 0 and "1 April 2025 to 31 March 2026" in out
    assert [line.split()[-1] for line in out.splitlines()[1:5]] == ["1", "0", "0", "0"]
    code, out, _ = run(capsys, "stats", "--from", "2026-04-01", "--to", "2026-11-30", "--csv")
    assert code == 0 and "1 April 2026 to 30 November 2026,Applications for an ASB case review,0" in out
    code, _, err = run(capsys, "stats", "--from", "2026-02-30")
    assert code != 0 and "--from '2026-02-30' is not a date" in err
