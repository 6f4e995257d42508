"""The staff review app in a real browser, on a draft the assistant wrote in a real conversation."""
import re
import urllib.error
import urllib.request

import pytest

from tests.e2e.scripts import CONTACT, PROBLEM, START, three_reports

pytestmark = pytest.mark.browser
PASSWORD = "a long and unguessable passphrase"
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)> keeps shouting"


@pytest.fixture(scope="module")
def officer(servers):
    result = servers.cli("staff", "add", "officer@barnet.gov.uk", "--name", "Olu Officer", "--role", "officer",
                         "--password-stdin", stdin=PASSWORD + "\n")
    assert result.returncode == 0 or "already an account" in result.stderr, result.stderr
    return "officer@barnet.gov.uk"


@pytest.fixture(scope="module")
def reference(servers):
    """A draft written by the assistant, where the resident typed HTML into the description."""
    chat = servers.chat()
    chat.script("/greet", f"the man upstairs {HOSTILE}", *START[1:])  # begun as the web page begins
    three_reports(chat)
    chat.script(*PROBLEM)
    # markup is never a name: the conversation (and the draft store) refuse it, and the resident types it again
    assert "doesn't look like a name" in chat.script(CONTACT[0], "Jo <b>Bloggs</b>"), chat.dump()
    reply = chat.script("Jo Bloggs", *CONTACT[2:])
    assert "Is everything correct?" in reply, chat.dump()
    reply = chat.say("yes")
    return re.search(r"CT-\d{4}-\d{5}", reply.text).group()


def sign_in(page, servers, email, password=PASSWORD):
    page.goto(servers.web_url + "/staff/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button:has-text('Sign in')")


def test_unauthenticated_visits_go_to_sign_in(page, servers, reference):
    for path in ("/staff/", f"/staff/drafts/{reference}", "/staff/statistics", "/staff/audit", "/staff/queue.csv"):
        page.goto(servers.web_url + path)
        assert page.url.startswith(servers.web_url + "/staff/login"), path
        assert reference not in page.content()


def test_find_the_draft_change_its_status_and_see_the_audit(page, servers, officer, reference):
    sign_in(page, servers, officer)
    page.fill("#q", reference)
    page.click("button:has-text('Filter')")
    page.click(f"a:has-text('{reference}')")
    assert page.locator("h1").inner_text().startswith(reference)
    page.fill("#acknowledge-note", "Rang the resident back")
    page.click("button:has-text('Acknowledge')")
    assert "Application acknowledged." in page.inner_text(".govuk-notification-banner")
    history = page.inner_text("#history")
    assert "Received" in history and "Acknowledged" in history and "Rang the resident back" in history
    assert "Olu Officer" in history and "officer@barnet.gov.uk" not in history   # people by name
    page.click("text=Who has seen or changed this application")
    assert "status changed (Received to Acknowledged)" in page.inner_text("main")
    # the transcript is there, read-only
    page.click("text=The conversation (")
    assert "Is anyone in danger right now?" in page.content()
    assert "/greet" not in page.inner_text("main")  # the page asking for the greeting is not the resident


def test_a_post_without_the_csrf_token_is_refused(page, servers, officer, reference):
    sign_in(page, servers, officer)
    page.goto(f"{servers.web_url}/staff/drafts/{reference}")
    # remove the hidden token from the note form, then submit it as a browser would
    page.locator("#note").evaluate("note => note.form.querySelector('[name=csrf_token]').remove()")
    page.fill("#note", "should not be saved")
    page.click("button:has-text('Add note')")
    assert "This form has expired" in page.content()
    page.goto(f"{servers.web_url}/staff/drafts/{reference}")
    assert "should not be saved" not in page.content()


def test_html_a_resident_typed_is_text_in_every_staff_page(page, servers, officer, reference):
    sign_in(page, servers, officer)
    for path in ("/staff/", f"/staff/drafts/{reference}", f"/staff/drafts/{reference}/print"):
        page.goto(servers.web_url + path)
        assert page.locator("main img").count() == 0 and page.locator("main script").count() == 0
        assert page.errors == []
    page.goto(f"{servers.web_url}/staff/drafts/{reference}")
    assert "<script>alert('x')</script>" in page.inner_text("main")
    assert "Jo Bloggs" in page.inner_text("main") and "<b>" not in page.inner_text("main")


def test_a_session_cookie_copied_before_signing_out_is_refused_after(browser, page, servers, officer):
    sign_in(page, servers, officer)
    assert page.url.startswith(servers.web_url + "/staff/")
    copied = page.context.cookies()
    page.click("button:has-text('Sign out')")
    assert "You have signed out" in page.content()
    thief = browser.new_context()
    thief.add_cookies(copied)
    other = thief.new_page()
    other.goto(servers.web_url + "/staff/")
    assert other.url.startswith(servers.web_url + "/staff/login")
    thief.close()
