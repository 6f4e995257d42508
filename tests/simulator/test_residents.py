"""Simulated residents against the real assistant: a fixed sample of whole conversations.

40 conversations (20 stories, each typed and with buttons, fixed seed) over the REST
channel of real servers started once for this module with TRIGGER_TODAY=2026-11-26
(the phrase bank's "today"), judged by their outcome (bench/residents/judge.py).

To play against servers that are already running instead, set RESIDENTS_URL (the Rasa
server's base URL) and RESIDENTS_DRAFTS_CMD (a shell command printing that instance's
drafts as JSON, e.g. `python -m bot drafts export` with its environment).
"""
import os
import statistics
from pathlib import Path

import pytest

from bench.residents import judge, phrases, runner, scenarios
from bench.residents.__main__ import drafts_from_command

pytestmark = pytest.mark.e2e

STORIES = 20
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


def test_three_report_applications_take_at_most_20_messages(results):
    turns = [v.turns for c, v in results if c.scenario.category == "eligible_three" and v.outcome_right]
    assert turns, "no three-report application reached a draft"
    assert statistics.median(turns) <= 20, f"median {statistics.median(turns)} messages for three-report applications"
