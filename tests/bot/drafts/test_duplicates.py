"""Applications that may be the same case: what counts as the same (applicant, phone, email, address,
person affected), the window at its boundary, and the officer's decision (link, merge, not the same)."""
from datetime import datetime

import pytest

from bot.drafts import DraftStore
from bot.drafts.duplicates import Duplicates
from bot.rules.application import application_from_dict
from bot.rules.eligibility import decide
from bot.rules.policy import load_policy
from tests.web.conftest import draft_record

POLICY = load_policy()   # a six-month window


@pytest.fixture()
def store(tmp_path):
    return DraftStore(f"sqlite:///{tmp_path / 'drafts.db'}")


def apply(store, at: datetime, name: str, **changes) -> str:
    record = draft_record(f"{name}:a", **changes)
    decision = decide(application_from_dict(record), POLICY, at.date())
    return DraftStore(store.url, now=lambda: at).save(record, decision).reference


NAMES = ["", "Ada Brown", "Ben Cole", "Cara Dunn", "Dev Eze", "Eli Ford", "Fay Gold", "Gus Hale"]


def stranger(n: int) -> dict:
    return {"applicant": {"name": NAMES[n], "phone": f"07700 90{n:04d}", "postcode": f"E{n} 1AA",
                          "email": None},
            "victim": {"name": NAMES[n]}}


def why(store, reference):
    return {m.reference: m.why for m in Duplicates(store).possible(reference, POLICY)[0]}


def test_the_same_phone_written_differently_or_the_same_name_in_other_capitals(store):
    first = apply(store, datetime(2026, 3, 1, 10), "a", **stranger(1))
    same_phone = apply(store, datetime(2026, 3, 2, 10), "b", applicant={"name": "J. Smith", "phone": "+44 7700 900001",
                                                                        "postcode": "N1 1AA"}, victim={"name": "J. Smith"})
    same_name = apply(store, datetime(2026, 3, 3, 10), "c", applicant={"name": "ada  BROWN", "phone": "07700 900999",
                                                                       "postcode": "N2 2BB"}, victim={"name": "Someone Else"})
    unrelated = apply(store, datetime(2026, 3, 4, 10), "d", **stranger(2))
    found = why(store, first)
    assert found == {same_phone: ("the same phone number",), same_name: ("the same applicant",)}
    assert why(store, unrelated) == {}


def test_someone_applying_for_themselves_is_one_reason_not_two(store):
    first = apply(store, datetime(2026, 3, 1, 10), "a", **stranger(3))
    again = apply(store, datetime(2026, 3, 5, 10), "b", applicant={"name": "Cara Dunn", "phone": "07700 911111",
                                                                   "postcode": "W1 1AA"}, victim={"name": "Cara Dunn"})
    assert why(store, first) == {again: ("the same applicant",)}


def test_the_window_at_its_boundary(store):
    first = apply(store, datetime(2026, 1, 10, 10), "a", **stranger(4))
    on_the_edge = apply(store, datetime(2026, 7, 10, 10), "b", **stranger(4))    # six months later: within
    past_it = apply(store, datetime(2026, 7, 11, 10), "c", **stranger(4))        # a day more: not
    assert set(why(store, first)) == {on_the_edge}
    assert past_it in why(store, on_the_edge)


def test_deciding_link_merge_or_not_the_same(store):
    first = apply(store, datetime(2026, 3, 1, 10), "a", **stranger(5))
    second = apply(store, datetime(2026, 3, 2, 10), "b", **stranger(5))
    third = apply(store, datetime(2026, 3, 3, 10), "c", **stranger(5))
    fourth = apply(store, datetime(2026, 3, 4, 10), "d", **stranger(5))
    duplicates = Duplicates(store)
    with pytest.raises(ValueError, match="Say why"):
        duplicates.decide(first, second, "linked", " ", "officer@council.gov.uk")
    duplicates.decide(first, second, "linked", "Same family, second report of the same problem",
                      "officer@council.gov.uk")
    duplicates.decide(first, third, "merged", "Applied twice by mistake", "officer@council.gov.uk")
    duplicates.decide(first, fourth, "distinct", "A different problem at her work address", "officer@council.gov.uk")
    pending, decided = duplicates.possible(first, POLICY)
    assert pending == []
    assert {m.reference: kind for m, kind in decided} == {second: "linked", third: "merged", fourth: "distinct"}
    merged = store.get(third)
    assert merged["status"] == "closed"
    assert merged["status_history"][-1]["note"] == f"Merged into {first}: Applied twice by mistake"


def test_one_name_applying_46_times_is_flagged_and_clears_when_decided(store):
    refs = [apply(store, datetime(2026, 3, 1, 9) + (datetime(2026, 1, 2) - datetime(2026, 1, 1)) * (i % 20),
                  f"r{i}", **stranger(6)) for i in range(46)]
    lone = apply(store, datetime(2026, 3, 1, 10), "lone", **stranger(7))
    duplicates = Duplicates(store)
    flagged = duplicates.flagged(POLICY)
    assert set(refs) <= flagged and lone not in flagged
    for other in refs[1:]:
        duplicates.decide(refs[0], other, "merged", "The same application again", "officer@council.gov.uk")
    assert not set(refs) & duplicates.flagged(POLICY)
