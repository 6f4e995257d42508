import re
from datetime import date

import pytest

from bot.rules.application import application_from_dict
from bot.drafts import DraftStore
from bot.drafts.accounts import StaffAccounts
from bot.rules.eligibility import decide
from bot.rules.policy import load_policy

PASSWORD = "correct horse battery staple"


def draft_record(conversation_id, **changes):
    record = {
        "conversation_id": conversation_id, "sender_id": conversation_id.rsplit(":", 1)[0],
        "route": "three_reports", "ongoing_complaint": False, "problem_continuing": True, "no_action_taken": True,
        "in_area": True,
        "applicant": {"name": "Jo Bloggs", "phone": "07700 900123", "postcode": "N11 1NP", "on_behalf": False,
                      "relationship": "self", "preferred_contact": "phone", "consent_to_share": True,
                      "contact_notes": "Do not leave voicemails"},
        "victim": {"name": "Jo Bloggs", "type": "individual"},
        "asb": {"description": "Loud music every night", "location": "Oak Road, N11 2AB", "since": "last summer",
                "impact": "No sleep", "vulnerability": "My son has asthma"},
        "reports": [{"organisation": "police", "date": "2026-02-02", "reference": "CAD 1/02FEB"},
                    {"organisation": "Barnet Homes", "date": "2026-03-01"},
                    {"organisation": "the council", "date": "2026-03-05"}],
    }
    for key, value in changes.items():
        if isinstance(value, dict):
            record[key] = {**record.get(key, {}), **value}
        else:
            record[key] = value
    return record


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIGGER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TRIGGER_TODAY", "2026-03-10")
    monkeypatch.setenv("TRIGGER_TRACKER_DB_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.delenv("TRIGGER_DRAFTS_DB_URL", raising=False)
    monkeypatch.setenv("TRIGGER_COOKIE_SECURE", "false")  # the test client speaks plain http
    return tmp_path


@pytest.fixture()
def store(env):
    return DraftStore()


def save(store, conversation_id="c1:a", **changes):
    record = draft_record(conversation_id, **changes)
    decision = decide(application_from_dict(record), load_policy(), date(2026, 3, 10))
    return store.save(record, decision).reference


@pytest.fixture()
def app(env, store):
    from bot.web import create_app
    accounts = StaffAccounts(store)
    accounts.add("officer@barnet.gov.uk", "Olu Officer", "officer", PASSWORD)
    accounts.add("manager@barnet.gov.uk", "Mina Manager", "manager", PASSWORD)
    application = create_app()
    application.config["TESTING"] = True
    return application


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(client, email="officer@barnet.gov.uk", password=PASSWORD, address="127.0.0.1"):
    """Sign in from a network address (the rate limits and the wait after wrong tries are per address)."""
    page = client.get("/staff/login")
    return client.post("/staff/login", data={"email": email, "password": password,
                                             "csrf_token": csrf(page.get_data(as_text=True))},
                       environ_base={"REMOTE_ADDR": address})
