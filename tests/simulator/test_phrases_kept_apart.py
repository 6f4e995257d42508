"""The simulator's phrasings must stay out of the assistant's training data, or the
simulator measures memory, not understanding (issue: "Keep the phrase bank out of the
NLU training data")."""
import json
import re
from pathlib import Path

import yaml

from bot.ops.training_data import build
from bot.rules.policy import load_policy

ROOT = Path(__file__).resolve().parents[2]


def _texts(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                yield value
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def _norm(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", lambda m: m.group(1) or m.group(2), text)
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def test_no_phrase_of_the_simulator_is_a_training_example(tmp_path):
    phrases = set()
    for path in (ROOT / "bench/residents/phrases").glob("*.json"):
        phrases |= {_norm(t) for t in _texts(json.loads(path.read_text(encoding="utf-8")))}
    # "no thank you", "i think so" are everyone's words; "prefer not to say" is the assistant's own button
    phrases = {p for p in phrases if len(p.split()) >= 4} - {"prefer not to say"}
    assert len(phrases) > 500
    examples = set()
    build(load_policy(ROOT / "policies" / "barnet.yml"), ROOT / "data", tmp_path)
    for path in (tmp_path / "nlu").glob("*.yml"):  # as trained: the council's names filled in
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in (item.get("examples") or "").splitlines():
                examples.add(_norm(line.lstrip("- ")))
    shared = sorted(phrases & examples)
    assert not shared, shared[:20]
