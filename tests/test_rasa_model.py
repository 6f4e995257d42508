"""Rasa's own checks on the training data and the trained model, and the domain kept in step with bot/."""
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from bot.dialogue.engine import STATE_SLOTS
from tests.servers import ensure_model

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
RASA = str(ROOT / ".venv" / "bin" / "rasa")


def rasa(*args, timeout=900):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run([RASA, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def test_rasa_data_validate_is_clean():
    ensure_model()  # builds the training data for the council (build/data) first
    result = rasa("data", "validate", "--data", "build/data", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_test_stories_pass_without_a_single_wrong_prediction(tmp_path):
    model = ensure_model()
    result = rasa("test", "core", "--stories", "tests/stories", "--model", str(model), "--fail-on-prediction-errors",
                  "--out", str(tmp_path))
    assert result.returncode == 0, (tmp_path / "failed_test_stories.yml").read_text() \
        if (tmp_path / "failed_test_stories.yml").exists() else result.stderr[-3000:]


def test_the_domain_slots_are_the_engines_state():
    # action_converse sets only these; a key the engine writes that Rasa doesn't know would be lost.
    assert list(DOMAIN["slots"]) == list(STATE_SLOTS)
    for name in STATE_SLOTS:
        assert DOMAIN["slots"][name]["mappings"] == [{"type": "custom"}], name
        assert DOMAIN["slots"][name]["influence_conversation"] is False, name


def test_every_intent_goes_to_the_dialogue_engine():
    rules = yaml.safe_load((ROOT / "data" / "rules" / "converse.yml").read_text())["rules"]
    assert len(rules) == 1
    steps = rules[0]["steps"]
    assert steps[-1] == {"action": "action_converse"}
    assert [s["intent"] for s in steps[0]["or"]] == DOMAIN["intents"]
    assert DOMAIN["actions"] == ["action_converse"]
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    rule_policy = next(p for p in config["policies"] if p["name"] == "RulePolicy")
    assert rule_policy["core_fallback_action_name"] == "action_converse"


def test_every_trained_component_has_a_seed():
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    for part in config["pipeline"] + config["policies"]:
        if part["name"] in ("DIETClassifier", "TEDPolicy", "ResponseSelector"):
            assert "random_seed" in part, part["name"]


def test_sessions_last_long_enough_to_find_a_reference_number():
    config = DOMAIN["session_config"]
    assert config["session_expiration_time"] >= 60 and config["carry_over_slots_to_new_session"] is True


def test_nlu_data_has_enough_varied_examples_per_intent():
    ensure_model()
    seen = {}
    per_intent = {}
    for path in sorted((ROOT / "build" / "data" / "nlu").glob("*.yml")):  # as trained, with the council's names
        for item in yaml.safe_load(path.read_text())["nlu"]:
            examples = [e[2:].strip() for e in item["examples"].splitlines() if e.strip().startswith("- ")]
            per_intent[item["intent"]] = per_intent.get(item["intent"], 0) + len(examples)
            for example in examples:
                key = " ".join(example.lower().split())
                assert key not in seen, f"{example!r} is in {seen.get(key)} and {item['intent']}"
                seen[key] = item["intent"]
    assert set(per_intent) == set(DOMAIN["intents"])
    assert min(per_intent.values()) >= 25, per_intent
