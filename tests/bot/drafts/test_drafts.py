"""Draft applications in a real SQLite file: one draft per conversation, all or nothing."""
import json
import sqlite3
import threading
from datetime import date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from bot.rules.application import application_from_dict
from bot.drafts import DraftError, DraftStore, StoreUnavailable
from bot.drafts import repository
from bot.rules.eligibility import decide
from bot.rules.policy import load_policy

TODAY = date(2026, 3, 10)
POLICY = load_policy()


def record(conversation_id="conv-1", **changes):
    rec = {
        "conversation_id": conversation_id,
        "sender_id": conversation_id,
        "route": "three_reports",
        "ongoing_complaint": False,
        "problem_continuing": True,
        "no_action_taken": True,
        "applicant": {"name": "Jo Bloggs", "phone": "07700 900123", "email": "jo@example.org",
                      "on_behalf": False, "relationship": "self", "preferred_contact": "phone",
                      "consent_to_share": True},
        "victim": {"name": "Jo Bloggs", "type": "individual", "consent": None},
        "asb": {"description": "Loud music and shouting every night", "location": "Oak Road, N11",
                "since": "last summer", "impact": "Cannot sleep; my children are scared", "vulnerability": None},
        "reports": [
            {"organisation": "the Met", "date_text": "2nd of Feb", "reference": "CAD 5521/02FEB"},
            {"organisation": "Barnet Homes", "date_text": "last week", "person": "Sarah"},
            {"organisation": "my MP", "date": "2026-03-01"},
            {"organisation": "environmental health", "date": "2026-03-09", "reference": "ENV-1"},
        ],
    }
    rec.update(changes)
    return rec


def decision_for(rec):
    return decide(application_from_dict(rec), POLICY, TODAY)


@pytest.fixture()
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(tmp_path))
    clock = iter(datetime(2026, 3, 10, 9, 0, s) for s in range(60))
    return DraftStore(f"sqlite:///{tmp_path / 'drafts.db'}", now=lambda: next(clock))


def test_saves_everything_as_given_and_as_resolved(store):
    rec = record()
    result = store.save(rec, decision_for(rec))
    assert result.created and result.reference == "CT-2026-00001"
    out = store.get(result.reference)
    assert out["status"] == "received" and out["created_at"] == "2026-03-10T09:00:00+00:00"
    assert out["applicant"]["name"] == "Jo Bloggs" and out["victim"]["type"] == "individual"
    assert out["asb"]["impact"] == "Cannot sleep; my children are scared"
    first, second, mp, env = out["reports"]
    assert (first["organisation"], first["organisation_category"], first["date_text"], first["date"]) == \
        ("the Met", "police", "2nd of Feb", "2026-02-02")
    assert second["approximate"] is True and second["person"] == "Sarah"
    assert mp["counts"] is False and "your MP" in mp["reason"]
    assert out["decision"]["eligible"] is True and out["decision"]["qualifying_reports"] == 3
    assert out["policy"] == {"id": "barnet", "version": POLICY.version}
    assert out["status_history"] == [{"at": "2026-03-10T09:00:00+00:00", "by": "assistant", "from": None,
                                      "to": "received", "note": out["status_history"][0]["note"]}]


def test_references_are_sequential_per_year(store):
    refs = [store.save(record(f"c{i}"), decision_for(record())).reference for i in range(3)]
    assert refs == ["CT-2026-00001", "CT-2026-00002", "CT-2026-00003"]


def test_saving_the_same_conversation_twice_makes_one_draft(store):
    rec = record()
    first = store.save(rec, decision_for(rec))
    again = store.save(rec, decision_for(rec))
    assert (again.reference, again.created) == (first.reference, False)
    assert store.count() == 1


def test_concurrent_saves_of_one_conversation_make_one_draft(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'drafts.db'}"
    DraftStore(url).migrate()
    results, errors = [], []

    def save(conv):
        try:
            results.append(DraftStore(url).save(record(conv), decision_for(record())))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=("same" if i % 2 else f"other-{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len({r.reference for r in results if r.created}) == 5  # 4 others + 1 "same"
    exported = DraftStore(url).export()
    assert len(exported) == 5
    assert len({d["reference"] for d in exported}) == 5
    assert sum(1 for r in results if r.reference == next(d["reference"] for d in exported
                                                          if d["conversation_id"] == "same")) == 4


def test_a_failure_mid_save_leaves_nothing_half_written(store, monkeypatch):
    rec = record()
    store.save(record("before"), decision_for(rec))

    def broken_rows(reports, decision):
        rows = real(reports, decision)
        rows[1].position = 1  # breaks UNIQUE(draft_id, position) after the draft row is written
        return rows

    real = repository._report_rows
    monkeypatch.setattr(repository, "_report_rows", broken_rows)
    with pytest.raises(IntegrityError):
        store.save(rec, decision_for(rec))
    monkeypatch.setattr(repository, "_report_rows", real)

    db = sqlite3.connect(store.url[len("sqlite:///"):])
    assert db.execute("select count(*) from drafts").fetchone()[0] == 1
    assert db.execute("select count(*) from draft_reports").fetchone()[0] == 4
    assert db.execute("select count(*) from status_changes").fetchone()[0] == 1
    # the failed save did not use up a reference number
    assert store.save(rec, decision_for(rec)).reference == "CT-2026-00002"


@pytest.mark.parametrize("change,message", [
    ({"conversation_id": ""}, "conversation_id is required"),
    ({"applicant": {"phone": "07700 900123", "consent_to_share": True}}, "cannot be anonymous"),
    ({"applicant": {"name": "Jo", "consent_to_share": True}}, "phone number, an email address or a postal address"),
    ({"applicant": {"name": "Jo", "phone": "07700 900123", "consent_to_share": False}}, "only written with consent"),
    ({"victim": {"type": "alien"}}, "victim.type must be one of"),
    ({"applicant": {"name": "Jo", "phone": "07700 900123", "consent_to_share": True, "preferred_contact": "pigeon"}},
     "preferred_contact must be one of"),
    ({"asb": {"description": "x" * 6000}}, "asb.description is longer than 5000 characters"),
    ({"reports": "lots"}, "reports must be a list"),
    ({"applicant": {"name": ["Jo"], "phone": "07700 900123", "consent_to_share": True}}, "applicant.name must be text"),
])
def test_invalid_drafts_are_refused_with_a_reason_and_nothing_saved(store, change, message):
    rec = record(**change)
    with pytest.raises(DraftError, match=message):
        store.save(rec, decision_for(record()))
    assert store.count() == 0


def test_unreachable_database_is_reported_not_crashed(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(tmp_path))
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where a folder should be")
    url = f"sqlite:///{blocked / 'drafts.db'}"
    with pytest.raises((StoreUnavailable, OSError)):
        DraftStore(url).save(record(), decision_for(record()))


def test_store_survives_a_restart(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'drafts.db'}"
    ref = DraftStore(url).save(record(), decision_for(record())).reference
    assert [d["reference"] for d in DraftStore(url).export()] == [ref]


def test_migrations_create_the_schema_and_are_idempotent(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(tmp_path))
    store = DraftStore(f"sqlite:///{tmp_path / 'drafts.db'}")
    head = store.migrate()
    assert store.migrate() == head
    db = sqlite3.connect(tmp_path / "drafts.db")
    tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
    assert {"drafts", "draft_reports", "status_changes", "reference_counters", "alembic_version"} <= tables
    assert db.execute("select version_num from alembic_version").fetchone()[0] == head


def test_export_is_json_serialisable_in_order(store):
    for i in range(2):
        store.save(record(f"c{i}"), decision_for(record()))
    out = store.export()
    assert [d["reference"] for d in out] == ["CT-2026-00001", "CT-2026-00002"]
    json.dumps(out)


def test_the_incident_date_read_from_what_was_said_is_kept(store):
    rec = record()
    rec["reports"][0].update({"incident_date": "2026-03-01", "incident_date_text": "the night before"})
    rec["reports"][1].update({"incident_date": "not a date"})
    reference = store.save(rec, decision_for(rec)).reference
    reports = store.get(reference)["reports"]
    assert (reports[0]["incident_date"], reports[0]["incident_date_text"]) == ("2026-03-01", "the night before")
    assert reports[1]["incident_date"] is None


def test_the_migrations_build_exactly_the_schema_the_models_describe(tmp_path):
    """A table, column or index in the models that no migration creates would exist in the tests (which
    migrate) only by luck; here the migrated database is compared with the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from bot.drafts.models import Base
    from bot.drafts.repository import make_engine, migrate
    engine = make_engine(f"sqlite:///{tmp_path / 'schema.db'}")
    migrate(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
