"""Simulated residents against the real assistant: a fixed sample of whole conversations.

64 conversations (20 stories, and 12 three-report stories told one report per message, each
typed and with buttons, fixed seed) over the REST channel of real servers started once for this module with TRIGGER_TODAY=2026-11-26
(the phrase bank's "today"), judged by their outcome (bench/residents/judge.py).

To play against servers that are already running instead, set RESIDENTS_URL (the Rasa
server's base URL) and RESIDENTS_DRAFTS_CMD (a shell command printing that instance's
drafts as JSON, e.g. `python -m bot drafts export` with its environment).
"""
import os
import statistics
from pathlib import Path

import pytest

from bench.residents import judge, phrases, report, runner, scenarios
from bench.residents.__main__ import drafts_from_command

pytestmark = pytest.mark.e2e

STORIES = 20
PLAIN_STORIES = 12
SEED = 2026
TODAY = "2026-11-26"


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    if os.environ.get("RESIDENTS_URL"):
        yield os.environ["RESIDENTS_URL"], drafts_from_command(os.environ["RESIDENTS_DRAFTS_CMD"])
        return
    from tests.servers import start_servers

    servers = start_servers(tmp_path_factory.mktemp("residents"), {"TRIGGER_TODAY": TODAY})
    try:
        yield servers.url, servers.drafts
    finally:
        servers.supervisor.stop()


@pytest.fixture(scope="module")
def results(target):
    url, drafts = target
    bank = phrases.load("default")
    stories = scenarios.generate(STORIES, SEED, bank)
    conversations = runner.run(url, stories, bank, ["typed", "buttons"], SEED, drafts, concurrency=4)
    return [(c, judge.judge(c)) for c in conversations]


def failing(results, mode=None, test=lambda v: not v.right) -> str:
    shown = [f"{c.transcript()}\n  => expected {v.expected}; FAILED: "
             + "; ".join(f"{r}: {d}" for r, d in v.failures)
             for c, v in results if (mode is None or c.mode == mode) and test(v)]
    return "\n\n".join(shown)


def rate(results, mode) -> float:
    rows = [v for c, v in results if c.mode == mode]
    return sum(v.right for v in rows) / len(rows)


def test_typed_residents_get_the_right_outcome(results):
    got = rate(results, "typed")
    if got < 0.97:
        print(failing(results, "typed"))
    assert got >= 0.97, f"typed: {got:.0%} of conversations right (target 97%)"


def test_residents_pressing_buttons_always_get_the_right_outcome(results):
    got = rate(results, "buttons")
    if got < 1.0:
        print(failing(results, "buttons"))
    assert got == 1.0, f"buttons: {got:.0%} of conversations right (target 100%)"


def test_no_question_is_asked_three_times_in_a_row(results):
    loops = [c.sender for c, v in results if v.loop]
    if loops:
        print(failing(results, test=lambda v: v.loop))
    assert not loops, f"{len(loops)} conversations loop"


@pytest.fixture(scope="module")
def plain_results(target):
    """The issue's length target is for "a resident who gives each report in one message": a
    fixed sample of such three-report stories (no questions on the way, no corrections)."""
    url, drafts = target
    bank = phrases.load("default")
    stories = [s for s in scenarios.generate(400, SEED, bank) if report._plain(s)][:PLAIN_STORIES]
    conversations = runner.run(url, stories, bank, ["typed", "buttons"], SEED, drafts, concurrency=4)
    return [(c, judge.judge(c)) for c in conversations]


def test_plain_three_report_applications_reach_a_draft(plain_results):
    wrong = [c.sender for c, v in plain_results if not v.outcome_right]
    if wrong:
        print(failing(plain_results, test=lambda v: not v.outcome_right))
    assert not wrong


def test_three_reports_for_yourself_take_at_most_20_messages(plain_results):
    turns = [v.turns for c, v in plain_results if c.scenario.applying_for == "myself" and v.outcome_right]
    assert len(turns) >= 8, "too few applications for oneself in the sample"
    assert statistics.median(turns) <= 20, f"median {statistics.median(turns)} messages"


def test_three_reports_for_someone_else_take_at_most_24_messages(plain_results):
    """Applying for someone else adds their agreement, their name and how you know them (the seed
    requires the agreement; staff need the rest): docs/conversation-quality.md."""
    turns = [v.turns for c, v in plain_results if c.scenario.applying_for == "someone_else" and v.outcome_right]
    assert len(turns) >= 4, "too few applications for someone else in the sample"
    assert statistics.median(turns) <= 24, f"median {statistics.median(turns)} messages"
