"""Simulated residents against a second council: the same stories, judged by its own criteria.

policies/examples/thameside.yml differs from Barnet where the Act lets councils differ: a
12-month window, no "still continuing" and no "no action taken" condition, its own
Community Safety Team, housing providers and area. 40 conversations (20 stories, typed and
with buttons, fixed seed) over the REST channel of real Thameside servers started for this
module with TRIGGER_TODAY=2026-11-26 (the phrase bank's "today"). The oracle reads the
council's criteria from its policy file (bench/residents/oracle.py, rules_from_policy); the
residents say Barnet's names in Thameside's words ("Thameside Homes").
"""
import dataclasses
from collections import Counter

import pytest

from bench.residents import judge, oracle, phrases, runner, scenarios

pytestmark = pytest.mark.e2e

POLICY = "policies/examples/thameside.yml"
STORIES = 20
SEED = 3
TODAY = "2026-11-26"


@pytest.fixture(scope="module")
def rules():
    return oracle.rules_from_policy(POLICY)


@pytest.fixture(scope="module")
def results(tmp_path_factory, rules):
    from tests.servers import start_servers

    servers = start_servers(tmp_path_factory.mktemp("residents-thameside"), policy=POLICY, today=TODAY)
    try:
        bank = phrases.load("default")
        stories = scenarios.generate(STORIES, SEED, bank, rules)
        conversations = runner.run(servers.url, stories, bank, ["typed", "buttons"], SEED, servers.drafts,
                                   concurrency=4)
    finally:
        servers.supervisor.stop()
    return [(c, judge.judge(c)) for c in conversations]


def _failing(results, mode):
    return "\n\n".join(f"{c.transcript()}\n  => expected {v.expected}; FAILED: "
                       + "; ".join(f"{r}: {d}" for r, d in v.failures)
                       for c, v in results if c.mode == mode and not v.right)


def test_the_sample_holds_outcomes_that_differ_from_barnets(rules):
    """Stories Barnet turns away (stopped, action taken) are eligible here: the sample must hold some,
    or it proves nothing about the second council's rules."""
    stories = scenarios.generate(STORIES, SEED, phrases.load("default"), rules)
    differ = [s for s in stories if s.expected().outcome != dataclasses.replace(s, rules=oracle.BARNET).expected().outcome]
    assert differ, Counter(s.category for s in stories)


@pytest.mark.parametrize("mode, target", [("typed", 0.97), ("buttons", 1.0)])
def test_residents_of_a_second_council_get_its_outcome(results, mode, target):
    rows = [v for c, v in results if c.mode == mode]
    got = sum(v.right for v in rows) / len(rows)
    if got < target:
        print(_failing(results, mode))
    assert got >= target, f"{mode}: {got:.0%} of conversations right (target {target:.0%})"


def test_no_question_is_asked_three_times_in_a_row_for_a_second_council(results):
    assert not [c.sender for c, v in results if v.loop]
