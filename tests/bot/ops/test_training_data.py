"""The NLU training data is built for one council from templates and its policy (bot/ops/training_data.py):
the templates hold no council's names, and the built data holds the council's own."""
from pathlib import Path

import pytest
import yaml

from bot.ops.training_data import SLOT, build, fill
from bot.rules.policy import load_policy
from tests.test_no_council_in_code import _council_words, _found

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "data"
BARNET = load_policy(ROOT / "policies" / "barnet.yml")
RIVERSIDE = load_policy(ROOT / "policies" / "examples" / "riverside.yml")


def _lines(folder: Path):
    for path in sorted(folder.rglob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.lstrip().startswith("#"):
                yield path, number, line


def test_the_templates_name_no_council():
    words = _council_words()
    hits = [f"{path.relative_to(ROOT)}:{n}: {w!r}" for path, n, line in _lines(TEMPLATES) for w in words
            if _found(SLOT.sub("", line), w)]
    assert not hits, "\n".join(hits[:50])
    assert any(SLOT.search(line) for _p, _n, line in _lines(TEMPLATES))  # names come in through slots


@pytest.mark.parametrize("policy, own, other", [
    (BARNET, ["barnet homes", "barnet council"], ["riverside"]),
    (RIVERSIDE, ["riverside homes trust", "riverside district council"], ["barnet", "clarion", "colindale"]),
], ids=["barnet", "riverside"])
def test_the_built_data_holds_the_councils_own_names_and_no_other(tmp_path, policy, own, other):
    build(policy, TEMPLATES, tmp_path)
    text = "\n".join(line for _p, _n, line in _lines(tmp_path)).lower()
    assert not SLOT.search(text) and "{" not in text.replace("{{", "")
    assert all(name in text for name in own), own
    assert not any(name in text for name in other), other
    for path in tmp_path.rglob("*.yml"):
        yaml.safe_load(path.read_text(encoding="utf-8"))  # still YAML


def test_a_line_typed_in_lower_case_stays_lower_case():
    pools = {"landlord": iter(["Barnet Homes"]), "postcode": iter(["EN5 2AB"]), "place": iter(["Edgware"])}
    assert fill("    - emailed {landlord} last tuesday", pools) == "    - emailed barnet homes last tuesday"
    assert fill("    - 14 station road, {place} {postcode}", pools) == "    - 14 station road, edgware EN5 2AB"
