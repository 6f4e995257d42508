"""The resident's own pages through Flask's test client: the feedback page keeps what is sent and
refuses what it cannot keep, and the accessibility statement and header come from the policy."""
from pathlib import Path

import pytest

from bot.drafts.feedback import MAX_TEXT, FeedbackBox
from bot.rules.policy import load_policy

ROOT = Path(__file__).resolve().parents[2]


def test_feedback_is_kept_without_a_session_or_token(app, store):
    client = app.test_client()
    response = client.post("/feedback", data={"rating": "dissatisfied", "feedback": "The buttons were too small."})
    assert response.status_code == 200 and b"Thank you for your feedback" in response.data
    assert "Set-Cookie" not in response.headers  # nothing stored on a resident's device
    [item] = FeedbackBox(store).recent()
    assert (item.rating, item.text, item.rating_label) == ("dissatisfied", "The buttons were too small.",
                                                          "Dissatisfied")


@pytest.mark.parametrize("data, status, words", [
    ({}, 400, b"Tell us how we could improve the service"),
    ({"feedback": "   "}, 400, b"Tell us how we could improve the service"),
    ({"rating": "satisfied"}, 200, b"Thank you"),                       # a rating alone is enough
    ({"feedback": "x" * MAX_TEXT}, 200, b"Thank you"),                  # at the limit
    ({"feedback": "x" * (MAX_TEXT + 1)}, 400, b"1,200 characters or fewer"),  # above it: refused, not cut
    ({"rating": "ecstatic", "feedback": "hi"}, 400, b"Choose how you felt"),
])
def test_feedback_boundaries(app, store, data, status, words):
    response = app.test_client().post("/feedback", data=data)
    assert response.status_code == status and words in response.data
    if status == 400:
        assert b"There is a problem" in response.data and FeedbackBox(store).recent() == []
        assert data.get("feedback", "").encode()[:50] in response.data  # what they wrote is kept in the box


def test_the_statement_and_header_come_from_the_policy(app):
    html = " ".join(app.test_client().get("/accessibility").get_data(as_text=True).split())
    policy = load_policy()
    assert policy.council.name in html and policy.contacts["applications"].email in html
    assert "WCAG 2.2" in html and "Equality Advisory and Support Service" in html
    assert f'href="{policy.council.website}"' in html


def test_another_councils_pages_name_that_council(env, monkeypatch):
    monkeypatch.setenv("TRIGGER_POLICY", str(ROOT / "policies" / "examples" / "riverside.yml"))
    from bot.web import create_app
    app = create_app(load_policy(ROOT / "policies" / "examples" / "riverside.yml"))
    for path in ("/", "/accessibility", "/feedback"):
        html = app.test_client().get(path).get_data(as_text=True)
        assert "Barnet" not in html, path


def test_feedback_from_one_address_is_limited_and_others_still_get_through(app, store):
    client = app.test_client()
    sent = [client.post("/feedback", data={"feedback": f"note {n}"}, environ_base={"REMOTE_ADDR": "203.0.113.4"})
            for n in range(6)]
    assert [r.status_code for r in sent] == [200] * 5 + [429]
    assert b"Too many tries" in sent[-1].data and int(sent[-1].headers["Retry-After"]) > 0
    assert len(FeedbackBox(store).recent()) == 5  # the sixth was not stored
    other = client.post("/feedback", data={"feedback": "hello"}, environ_base={"REMOTE_ADDR": "198.51.100.4"})
    assert other.status_code == 200
