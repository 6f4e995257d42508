"""The spaCy pipeline folder that Rasa's SpacyNLP loads: built from our patterns, loadable by plain spaCy."""
import json
from datetime import date

import pytest

from bot.dialogue._spacy import spacy
from bot.dialogue.language import LABELS, ReportReader, build_pipeline, entity_patterns, save_pipeline
from bot.rules.policy import load_policy

POLICY = load_policy()
TODAY = date(2026, 3, 10)


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = tmp_path_factory.mktemp("nlp")
    save_pipeline(POLICY, path)
    return path


def test_saved_folder_is_a_plain_spacy_pipeline(saved):
    config = (saved / "config.cfg").read_text()
    assert 'pipeline = ["entity_ruler"]' in config
    assert json.loads((saved / "meta.json").read_text())["name"] == "community_trigger_barnet"
    nlp = spacy.load(saved)  # no custom code needed: this is what Rasa's SpacyNLP does
    doc = nlp("I rang the police on 3 Oct, ref CAD 4411/03OCT and spoke to PC Smith")
    ents = {(e.label_, e.text) for e in doc.ents}
    assert ("organisation", "the police") in ents
    assert ("reference", "CAD 4411/03OCT") in ents
    assert ("person", "PC Smith") in ents
    assert ("date", "3 Oct") in ents
    assert {e.label_ for e in doc.ents} <= set(LABELS)


def test_organisation_entities_carry_the_category(saved):
    nlp = spacy.load(saved)
    doc = nlp("emailed barnet homes and then the safer neighbourhood team")
    assert [(e.text, e.ent_id_) for e in doc.ents if e.label_ == "organisation"] == [
        ("barnet homes", "housing_provider"), ("safer neighbourhood team", "police")]


@pytest.mark.parametrize("text,absent", [
    ("we met with the housing officer", "met"),
    ("I live at flat 101", "101"),
])
def test_ruler_guards(saved, text, absent):
    doc = spacy.load(saved)(text)
    assert absent not in [e.text for e in doc.ents if e.label_ == "organisation"]


def test_every_policy_name_has_a_pattern():
    patterns = entity_patterns(POLICY)
    org_ids = {p["id"] for p in patterns if p["label"] == "organisation"}
    assert {"council", "police", "housing_provider", "other", "ambiguous"} <= org_ids
    assert sum(1 for p in patterns if p["label"] == "organisation") == len(POLICY.all_names()) + len(POLICY.ambiguous_names)


def test_loaded_pipeline_reads_reports_like_a_built_one(saved):
    loaded = ReportReader(POLICY, spacy.load(saved))
    built = ReportReader(POLICY, build_pipeline(POLICY))
    for text in ["rang 101 on the 2nd of Feb, they gave me CAD 5521/02FEB",
                 "told barnet homs last week, spoke to a lady called Janet"]:
        a, b = loaded.read(text, TODAY), built.read(text, TODAY)
        assert (a.organisation, a.reference, a.person, a.date) == (b.organisation, b.reference, b.person, b.date)


def test_another_councils_policy_builds_its_own_names():
    from pathlib import Path
    riverside = load_policy(Path(__file__).resolve().parents[3] / "policies" / "examples" / "riverside.yml")
    doc = build_pipeline(riverside)("I told Riverside Homes Trust")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("Riverside Homes Trust", "housing_provider")]
