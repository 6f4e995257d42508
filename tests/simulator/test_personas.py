"""The scripted personas (bench/personas/, written from PRODUCT.md and the council's page only) keep reaching the
outcomes they reached when this was written: every one of batch 1, and batch 2 less the three noted in
docs/conversation-quality.md."""
import json

import pytest

from bench.personas.__main__ import HERE, TODAY, run
from bot.dialogue.engine import Engine
from bot.dialogue.language import ReportReader
from bot.rules.policy import load_policy

POLICY = load_policy()
ENGINE = Engine(POLICY, ReportReader(POLICY), save=lambda record, decision: ("CT-2026-00001", True))
# judged otherwise on purpose, or not yet right: see docs/conversation-quality.md
KNOWN = {"p2_racist_abuse_west_hendon", "p2_dementia_father_new_barnet", "p2_ha_tenant_genesis_events"}
PERSONAS = [p for path in sorted(HERE.glob("*.json")) for p in json.loads(path.read_text())]


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p["id"] not in KNOWN], ids=lambda p: p["id"])
def test_a_persona_reaches_the_outcome_its_writer_expected(persona):
    result = run(persona, ENGINE, TODAY)
    assert result["got"] == result["expected"], "\n".join(result["transcript"])
