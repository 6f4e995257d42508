"""The resident chat page in a real browser: a whole application, reloads, quick
exit, keyboard only, hostile input, the server down, accessibility."""
import json
import re
import urllib.request
from pathlib import Path

import pytest

from tests.browser.pages import (DANGER_QUESTION, assistant, choose, open_chat, send, stored,
                                 wait_until_answered)

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def test_a_whole_application_typed_and_clicked_ends_with_a_reference(page, servers):
    open_chat(page, servers.web_url)
    assert "Check if you can use the Community Trigger" in page.title()
    # the story, typed in answer to the first question on the page, is kept for later
    send(page, "the people upstairs play loud music every night and shout at us")
    assert "Thank you for telling me" in page.inner_text("#chat-log")
    choose(page, "No")
    choose(page, "For myself")
    choose(page, "No")
    choose(page, "I reported it")
    send(page, "rang 101 on the 2nd of Feb, ref CAD 5521/02FEB")
    send(page, "emailed barnet homes last week")
    text = send(page, "told environmental health on 5 march")
    assert "That's 3 reports. That's enough" in text
    choose(page, "That's all of them")
    choose(page, "Nothing happened")
    send(page, "Oak Road, N3 2AB, since last summer")
    send(page, "we can't sleep")
    text = choose(page, "No")
    assert "Do you agree to this?" in text
    choose(page, "Yes, I agree")
    send(page, "Jo Bloggs")
    text = send(page, "07700 900123")
    assert "They'll phone you on 07700 900123" in text
    choose(page, "Text me instead")
    summary = page.locator(".app-chat__message--assistant").nth(-2).inner_text()
    assert "Here is everything I have" in summary
    text = choose(page, "Yes, it's all correct")
    reference = re.search(r"CT-\d{4}-\d{5}", text).group()
    assert "Your application is saved" in text
    # phone numbers and emails are links
    assert page.locator(".app-chat__message--assistant").last.locator("a[href='tel:999']").count() == 1
    assert page.locator("a[href='mailto:community.safety@barnet.gov.uk']").count() >= 1
    drafts = [d for d in servers.drafts() if d["reference"] == reference]
    assert len(drafts) == 1 and drafts[0]["applicant"]["name"] == "Jo Bloggs"
    assert drafts[0]["applicant"]["preferred_contact"] == "text"
    assert drafts[0]["conversation_id"].startswith("web-")
    assert page.errors == []


def test_reload_carries_on_and_start_again_clears(page, servers):
    open_chat(page, servers.web_url)
    choose(page, "No")
    sender = json.loads(stored(page))["sender"]
    shown = page.locator(".app-chat__message").count()
    page.reload()
    assistant(page).first.wait_for()
    assert page.locator(".app-chat__message").count() == shown  # nothing asked again on reload
    assert page.locator(".app-chat__replies button", has_text="For myself").count() == 1
    text = choose(page, "For myself")
    assert "still dealing with?" in text  # the question after "who for": an open complaint
    assert json.loads(stored(page))["sender"] == sender

    page.click("#chat-restart")
    page.click("#chat-restart-yes")
    assistant(page).first.wait_for()
    assert page.locator(".app-chat__message--resident").count() == 0
    assert DANGER_QUESTION in assistant(page).last.inner_text()  # a new conversation
    assert json.loads(stored(page))["sender"] != sender


def test_keyboard_only_with_visible_focus(page, servers):
    open_chat(page, servers.web_url)
    # Tab from the top: the skip link first, then the way out, then into the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Exit this page"
    page.focus("#chat-input")
    page.keyboard.type("what is the community trigger")
    page.keyboard.press("Enter")
    wait_until_answered(page)
    assert page.evaluate("document.activeElement.id") == "chat-input"  # the reply did not steal focus
    page.keyboard.press("Shift+Tab")  # back to the last quick reply ("No")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "No"
    outline = page.evaluate("""(() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, s.boxShadow, s.backgroundColor]; })()""")
    assert outline[0] != "none" or outline[1] != "none", outline  # GOV.UK's yellow focus state
    before = assistant(page).count()
    page.keyboard.press("Enter")
    assistant(page).nth(before).wait_for()
    assert "Who are you asking for" in assistant(page).last.inner_text()


def test_html_and_script_are_shown_as_text(page, servers):
    open_chat(page, servers.web_url)
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    send(page, hostile)
    mine = page.locator(".app-chat__message--resident").last
    assert hostile in mine.inner_text()
    assert page.locator(".app-chat img, .app-chat__log script").count() == 0
    assert page.errors == []  # no alert dialog fired


def test_server_down_keeps_the_message_and_offers_a_retry(page, servers):
    open_chat(page, servers.web_url)
    shown = page.locator(".app-chat__message").count()
    page.route(f"{servers.url}/**", lambda route: route.abort())
    page.fill("#chat-input", "no, nobody is in danger")
    page.click("#chat-send")
    error = page.locator("#chat-error")
    error.wait_for(state="visible")
    assert "could not reach the assistant" in error.inner_text()
    assert "020 8359 2000" in error.inner_text()
    assert page.input_value("#chat-input") == "no, nobody is in danger"
    assert page.locator(".app-chat__message").count() == shown
    page.unroute(f"{servers.url}/**")
    before = assistant(page).count()
    page.click("#chat-retry")
    assistant(page).nth(before).wait_for()
    assert error.is_hidden()
    assert page.locator(".app-chat__message--resident").first.inner_text().endswith("no, nobody is in danger")
    assert page.input_value("#chat-input") == ""


def test_the_greeting_is_fetched_again_when_the_server_was_down_on_landing(page, servers):
    page.route(f"{servers.url}/**", lambda route: route.abort())
    page.goto(servers.web_url)
    page.locator("#chat-error").wait_for(state="visible")
    page.unroute(f"{servers.url}/**")
    page.click("#chat-retry")
    assistant(page).first.wait_for()
    assert DANGER_QUESTION in assistant(page).last.inner_text()


def test_an_over_long_message_is_counted_and_refused_not_cut(page, servers):
    open_chat(page, servers.web_url)
    shown = page.locator(".app-chat__message").count()
    page.fill("#chat-input", "a" * 1001)
    assert page.inner_text(".govuk-character-count__status") == "You have 1 character too many"
    page.click("#chat-send")
    assert "must be 1000 characters or fewer" in page.inner_text("#chat-input-error")
    assert page.locator(".app-chat__message").count() == shown
    assert len(page.input_value("#chat-input")) == 1001


def test_live_region_and_labels(page, servers):
    page.goto(servers.web_url)
    log = page.locator("#chat-scroll")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    assert page.locator("#chat-scroll > ol#chat-log").count() == 1  # a real list inside the live region
    assert page.locator("label[for=chat-input]").inner_text() == "Your message"
    for button in page.locator("button, a.govuk-button").all():
        assert button.inner_text().strip(), "every control has a name"


@pytest.mark.parametrize("width", [320, 640])
def test_usable_at_320px_and_at_200_percent_zoom(browser, servers, width):
    # 640 CSS pixels is a 1280-pixel screen at 200% zoom; 320 is WCAG's reflow width.
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(servers.web_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator("#chat-send").is_visible() and page.locator("#exit-button").is_visible()
    context.close()


def test_reduced_motion_stops_the_typing_animation(browser, servers):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(servers.web_url)
    animation = page.evaluate("""getComputedStyle(document.querySelector('.app-chat__typing-dots'), '::after')
                                 .animationName""")
    assert animation == "none"
    context.close()


def test_security_headers_and_cors(servers):
    with urllib.request.urlopen(servers.web_url) as response:
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["Referrer-Policy"] == "no-referrer"
        html = response.read().decode()
    assert "<script>" not in html and "onclick" not in html  # no inline script at all
    for origin, allowed in [(servers.web_url, True), ("https://evil.example", False)]:
        request = urllib.request.Request(f"{servers.url}/webhooks/rest/webhook", method="OPTIONS", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        with urllib.request.urlopen(request) as response:
            assert (response.headers.get("Access-Control-Allow-Origin") == origin) is allowed


def test_yes_someone_is_in_danger_gives_999_first(page, servers):
    open_chat(page, servers.web_url)
    text = choose(page, "Yes, someone is in danger")
    assert "Please call 999 now" in text and "Who are you asking for" not in page.inner_text("#chat-log")
    assert page.locator("#chat-log a[href='tel:999']").count() >= 2
