"""Rasa's own checks on the training data and the trained model, and the domain kept in step with bot/."""
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from bot.dialogue import conversation, flow
from bot.rules.policy import load_policy
from tests.servers import ensure_model

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
RASA = str(ROOT / ".venv" / "bin" / "rasa")


def rasa(*args, timeout=900):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run([RASA, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def test_rasa_data_validate_is_clean():
    result = rasa("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_test_stories_pass_without_a_single_wrong_prediction(tmp_path):
    model = ensure_model()
    result = rasa("test", "core", "--stories", "tests/stories", "--model", str(model), "--fail-on-prediction-errors",
                  "--out", str(tmp_path))
    assert result.returncode == 0, (tmp_path / "failed_test_stories.yml").read_text() \
        if (tmp_path / "failed_test_stories.yml").exists() else result.stderr[-3000:]


def test_every_form_slot_is_in_the_domain_with_a_custom_mapping():
    form_slots = flow.all_form_slots(load_policy())
    assert DOMAIN["forms"]["application_form"]["required_slots"] == form_slots
    for name in form_slots:
        assert DOMAIN["slots"][name]["mappings"] == [{"type": "custom"}], name


def test_every_slot_the_actions_set_is_in_the_domain():
    expected = set(conversation.ANSWER_SLOTS) | set(flow.REPORT_FACTS) | {"application_id", "confirming_restart",
                                                                         "paused"}
    assert expected <= set(DOMAIN["slots"]), expected - set(DOMAIN["slots"])


def test_every_trained_component_has_a_seed():
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    for part in config["pipeline"] + config["policies"]:
        if part["name"] in ("DIETClassifier", "TEDPolicy", "ResponseSelector"):
            assert "random_seed" in part, part["name"]


def test_sessions_last_long_enough_to_find_a_reference_number():
    config = DOMAIN["session_config"]
    assert config["session_expiration_time"] >= 60 and config["carry_over_slots_to_new_session"] is True


def test_nlu_data_has_enough_varied_examples_per_intent():
    seen = {}
    per_intent = {}
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text())["nlu"]:
            examples = [e[2:].strip() for e in item["examples"].splitlines() if e.strip().startswith("- ")]
            per_intent[item["intent"]] = per_intent.get(item["intent"], 0) + len(examples)
            for example in examples:
                key = " ".join(example.lower().split())
                assert key not in seen, f"{example!r} is in {seen.get(key)} and {item['intent']}"
                seen[key] = item["intent"]
    assert set(per_intent) == set(DOMAIN["intents"])
    assert min(per_intent.values()) >= 25, per_intent
