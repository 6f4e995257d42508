"""What the drafts store keeps: only what the conversation would accept (issue 12, item 5), and the chat
conversation a draft came from in its own column (issue 12, item 7)."""
import sqlite3
from datetime import datetime

import pytest
from alembic import command

from bot.dialogue.answers import read_contact, read_name
from bot.drafts import DraftError, DraftStore
from bot.drafts.repository import alembic_config, make_engine
from tests.bot.drafts.test_drafts import decision_for, record, store  # noqa: F401 (fixture)


def changed(path, value, conversation_id="c1"):
    rec = record(conversation_id)
    section, key = path.split(".")
    rec[section][key] = value
    return rec


# -- item 5: the store refuses what the conversation would refuse ---------------------------------------------

@pytest.mark.parametrize("path,value,message", [
    ("applicant.name", "<script>alert(1)</script>", "applicant.name: That doesn't look like a name"),
    ("applicant.name", "<b>Jo</b>", "applicant.name: That doesn't look like a name"),
    ("applicant.name", "http://evil.example", "applicant.name: That doesn't look like a name"),
    ("applicant.name", "WWW.EVIL.EXAMPLE", "applicant.name: That doesn't look like a name"),
    ("applicant.name", "jo@example.org", "applicant.name: That doesn't look like a name"),
    ("applicant.name", "a" * 500, "applicant.name is longer than 200 characters"),
    ("applicant.name", "A" * 81, "applicant.name: That's longer than a name"),
    ("applicant.name", "one two three four five six seven", "applicant.name: That's longer than a name"),
    ("applicant.name", "\u202eevil", "applicant.name has a control character or a text-direction character"),
    ("applicant.name", "Jo\x00Bloggs", "applicant.name has a control character"),
    ("applicant.name", "---", "applicant.name: Please type the name using letters"),
    ("victim.name", "<script>alert(1)</script>", "victim.name: That doesn't look like a name"),
    ("victim.name", "\u2066Jo\u2069", "victim.name has a control character"),
    ("applicant.email", "not-an-email", "applicant.email: That email address doesn't look complete"),
    ("applicant.email", "jo@example.org<script>", "applicant.email: That email address doesn't look complete"),
    ("applicant.email", "j" * 250 + "@example.org", "applicant.email: That email address is longer"),
    ("applicant.phone", "12345", "applicant.phone: UK phone numbers start with 0"),
    ("applicant.phone", "0770 090", "applicant.phone: That phone number has 7 digits"),
    ("applicant.postcode", "NOT A POSTCODE", "applicant.postcode: That doesn't look like a UK postcode"),
    ("asb.description", "Loud music\x1b[2J every night", "asb.description has a control character"),
    ("asb.location", "Oak Road\u202e", "asb.location has a control character or a text-direction character"),
])
def test_a_value_the_conversation_would_refuse_is_refused_naming_the_field(store, path, value, message):
    rec = changed(path, value)
    with pytest.raises(DraftError) as refused:
        store.save(rec, decision_for(record()))
    assert str(refused.value).startswith(message), str(refused.value)
    assert store.count() == 0


def test_a_report_with_a_control_character_is_refused(store):
    rec = record()
    rec["reports"][0]["organisation"] = "the Met\x07"
    with pytest.raises(DraftError, match=r"^reports\[1\]\.organisation has a control character"):
        store.save(rec, decision_for(record()))
    assert store.count() == 0


def test_the_refusal_never_repeats_the_value(store):
    with pytest.raises(DraftError) as refused:
        store.save(changed("applicant.name", "Jo <img src=x>"), decision_for(record()))
    assert "img" not in str(refused.value)  # errors reach logs; the value is personal data


def test_a_normal_record_saves_with_the_phone_in_the_standard_layout(store):
    rec = record()
    rec["applicant"].update(phone="+44 20 7946 0000", postcode="n11 1np",
                            email="jo.o'neil+asb@example.co.uk", name="Siobhán O'Neil-Smith")
    rec["victim"]["name"] = "Over-60s Club"
    reference = store.save(rec, decision_for(rec)).reference
    out = store.get(reference)["applicant"]
    assert out["phone"] == "020 7946 0000" and out["postcode"] == "n11 1np"
    assert out["email"] == "jo.o'neil+asb@example.co.uk" and out["name"] == "Siobhán O'Neil-Smith"
    assert store.get(reference)["victim"]["name"] == "Over-60s Club"


def test_text_may_keep_its_lines_and_tabs(store):
    rec = changed("asb.description", "Loud music every night.\n\tAnd shouting.")
    reference = store.save(rec, decision_for(rec)).reference
    assert store.get(reference)["asb"]["description"] == "Loud music every night.\n\tAnd shouting."


# The conversation and the store agree, name by name: what read_name takes, the store keeps, and the
# reverse. No Rasa: the conversation's reader is plain Python.
NAMES = [
    "Jo Bloggs", "Mrs Joan Ellis", "O'Neil-Smith", "Zoltán Horváth", "Smith, John", "J. R. Hartley",
    "Ana María de la Cruz", "Over-60s Club", "Number 12 Shop", "Oak Lodge Residents Association",
    "Siobhán Ní Bhriain",
    "<script>alert(1)</script>", "<b>Jo</b>", "http://evil.example", "HTTPS://EVIL.EXAMPLE", "www.evil.example",
    "jo@example.org", "07700 900123", "A" * 81, "one two three four five six seven", "\u202eevil", "Jo\x00Bloggs",
    "---", "Flat 3",
]


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_the_conversation_and_the_store_agree_on_names(store, name):
    reading = read_name(name)
    assert not reading.refused
    conversation_takes = reading.problem is None
    try:
        store.save(changed("applicant.name", name), decision_for(record()))
        store_keeps = True
    except DraftError:
        store_keeps = False
    assert conversation_takes == store_keeps, (reading, store_keeps)
    if conversation_takes:  # and what the conversation would store (title case and all) is kept too
        store.save(changed("applicant.name", reading.name, "c2"), decision_for(record()))


@pytest.mark.parametrize("text", [
    "jo@example.org", "07700 900123", "+44 20 7946 0000", "020 7946 0000 or jo.bloggs@example.co.uk",
    "12 Oak Road, London N11 1NP", "call me on 0044 7700 900 123",
])
def test_contact_details_the_conversation_reads_are_kept_as_read(store, text):
    reading = read_contact(text)
    assert not reading.problems and reading.found
    rec = record()
    rec["applicant"] = {**rec["applicant"], "phone": reading.phone, "email": reading.email,
                        "address": reading.address, "postcode": reading.postcode}
    reference = store.save(rec, decision_for(rec)).reference
    out = store.get(reference)["applicant"]
    assert (out["phone"], out["email"], out["postcode"]) == (reading.phone, reading.email, reading.postcode)


@pytest.mark.parametrize("text", ["not-an-email@", "12345", "jo@example"])
def test_contact_details_the_conversation_questions_are_refused_by_the_store(store, text):
    assert read_contact(text).problems or not read_contact(text).found
    rec = record()
    rec["applicant"]["email" if "@" in text or "-" in text else "phone"] = text
    with pytest.raises(DraftError, match=r"^applicant\.(email|phone): "):
        store.save(rec, decision_for(record()))


# -- item 7: the chat conversation in its own column -----------------------------------------------------------

def test_the_sender_id_is_stored_and_exported_as_given_colons_and_all(store):
    rec = record("a:b:1", sender_id="a:b")
    reference = store.save(rec, decision_for(rec)).reference
    assert store.get(reference)["sender_id"] == "a:b"
    assert [(d["conversation_id"], d["sender_id"]) for d in store.export()] == [("a:b:1", "a:b")]


@pytest.mark.parametrize("sender_id,message", [
    (None, "sender_id is required"), ("  ", "sender_id is required"), ("x" * 201, "longer than 200 characters"),
    ("a\u202eb", "text-direction character"), (["a"], "must be text"),
])
def test_a_new_draft_needs_a_sender_id(store, sender_id, message):
    rec = record("c9", sender_id=sender_id)
    with pytest.raises(DraftError, match=message):
        store.save(rec, decision_for(rec))
    assert store.count() == 0


def test_migration_0006_fills_the_sender_id_of_older_drafts(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'drafts.db'}"
    with make_engine(url).begin() as connection:
        command.upgrade(alembic_config(connection), "0005")
    db = sqlite3.connect(tmp_path / "drafts.db")
    now = datetime(2026, 3, 10, 9, 0).isoformat(" ")
    for number, conversation_id in enumerate(["abc:1", "a:b:2f3e", "no-colon"], start=1):
        db.execute("insert into drafts (reference, conversation_id, created_at, updated_at, status, on_behalf, "
                   "consent_to_share, eligible, outcome, decision_json, decided_on, policy_id, policy_version) "
                   "values (?, ?, ?, ?, 'received', 0, 1, 1, 'eligible', '{}', '2026-03-10', 'barnet', '1')",
                   (f"CT-2026-{number:05d}", conversation_id, now, now))
    db.commit()
    db.close()
    store = DraftStore(url)
    store.migrate()
    assert {d["conversation_id"]: d["sender_id"] for d in store.export()} == {
        "abc:1": "abc", "a:b:2f3e": "a:b", "no-colon": "no-colon"}
