"""The chat as a keyboard user and a phone user meet it: where focus goes, one message per
Enter, the newest question in view, a count that waits, the greeting on landing, a confirmed
Start again, a visible focus style, a titled error, and a word when an old chat was cleared."""
import json
import re
import time

import pytest

from tests.browser.pages import (DANGER_QUESTION, STORAGE_KEY, assistant, choose, in_view, open_chat, send, stored,
                                 wait_until_answered)

pytestmark = pytest.mark.browser
YELLOW = "rgb(255, 221, 0)"


def focused(page):
    return page.evaluate("""(() => { const e = document.activeElement;
        return {tag: e.tagName, id: e.id, text: (e.textContent || '').trim(),
                reply: Boolean(e.closest('.app-chat__replies'))}; })()""")


def wait_idle(page, before):
    assistant(page).nth(before).wait_for()
    wait_until_answered(page)


# -- 3. focus after a reply ------------------------------------------------------------------------------

def test_after_a_quick_reply_focus_is_on_the_new_buttons_and_after_typing_it_stays_in_the_box(page, servers):
    open_chat(page, servers.web_url)
    before = assistant(page).count()
    page.locator(".app-chat__replies button", has_text="No").focus()
    page.keyboard.press("Enter")
    wait_idle(page, before)
    now = focused(page)
    assert now["reply"] and now["text"] == "For myself", now  # the first of the new choices, never <body>
    style = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert style == YELLOW  # GOV.UK's focus state, so it can be seen
    before = assistant(page).count()
    page.keyboard.press("Enter")  # "For myself", straight from the keyboard
    wait_idle(page, before)
    assert focused(page)["reply"]
    # typing: focus stays in the message box for the next answer
    page.focus("#chat-input")
    before = assistant(page).count()
    page.keyboard.type("no")
    page.keyboard.press("Enter")
    wait_idle(page, before)
    assert focused(page)["id"] == "chat-input"


def test_a_question_without_buttons_puts_focus_in_the_message_box(page, servers):
    open_chat(page, servers.web_url)
    choose(page, "No")
    choose(page, "For myself")
    choose(page, "No")
    before = assistant(page).count()
    page.locator(".app-chat__replies button", has_text="I reported it").focus()
    page.keyboard.press("Enter")
    wait_idle(page, before)
    assert "Tell me about the first time" in assistant(page).last.inner_text()
    assert focused(page)["id"] == "chat-input"


# -- 4. one message per Enter ------------------------------------------------------------------------------

def test_enter_pressed_twice_sends_one_message(page, servers):
    open_chat(page, servers.web_url)
    posts = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" and "webhook" in r.url else None)
    page.focus("#chat-input")
    page.keyboard.type("no")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    wait_idle(page, 2)
    page.wait_for_timeout(500)
    assert len(posts) == 1
    assert page.locator(".app-chat__message--resident").count() == 1


def test_a_quick_reply_clicked_twice_is_sent_once(page, servers):
    open_chat(page, servers.web_url)
    posts = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" and "webhook" in r.url else None)
    page.locator(".app-chat__replies button", has_text="No").dblclick()
    wait_idle(page, 2)
    page.wait_for_timeout(500)
    assert len(posts) == 1 and page.locator(".app-chat__message--resident").count() == 1


# -- 5. the newest question, and the reference, in view ------------------------------------------------

WHOLE_APPLICATION = [
    ("choose", "No"), ("choose", "For myself"), ("choose", "No"), ("choose", "I reported it"),
    ("send", "rang 101 on the 2nd of Feb, ref CAD 5521/02FEB"), ("send", "emailed barnet homes last week"),
    ("send", "told environmental health on 5 march"), ("choose", "That's all of them"),
    ("choose", "Nothing happened"), ("send", "the people upstairs play loud music every night"),
    ("send", "Oak Road, N3 2AB, since last summer"), ("send", "we can't sleep"), ("choose", "No"),
    ("choose", "Yes, I agree"), ("send", "Jo Bloggs"), ("send", "07700 900123"), ("choose", "No"), ("choose", "Yes, it's all correct"),
]


@pytest.mark.parametrize("viewport", [{"width": 375, "height": 700}, {"width": 640, "height": 450}],
                         ids=["phone-375", "zoom-200"])
def test_the_newest_question_and_the_reference_are_always_in_view(browser, servers, viewport):
    # 640 x 450 CSS pixels is a 1280 x 900 screen at 200% zoom
    context = browser.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    try:
        open_chat(page, servers.web_url)
        exit_bar = page.locator("#exit-this-page")
        hidden = []
        for how, what in WHOLE_APPLICATION:
            text = choose(page, what) if how == "choose" else send(page, what)
            newest = assistant(page).last
            if not in_view(page, newest, below=exit_bar):
                hidden.append((what, text[:60], newest.bounding_box(), exit_bar.bounding_box()))
        assert "Your application is saved" in text
        assert hidden == []
        reference = page.locator(".app-chat__message--assistant p", has_text=re.compile(r"CT-\d{4}-\d{5}")).last
        assert in_view(page, reference, below=exit_bar)
    finally:
        context.close()


# -- 6. the character count waits until typing stops ---------------------------------------------------

def test_the_character_count_is_announced_when_typing_stops_not_on_every_key(page, servers):
    open_chat(page, servers.web_url)
    live = page.locator("#chat-group [aria-live]")
    announced = lambda: [t.strip() for t in live.all_inner_texts()]  # noqa: E731
    first = announced()
    page.focus("#chat-input")
    page.keyboard.type("abc", delay=30)
    assert announced() == first  # nothing said while typing
    page.wait_for_timeout(1800)
    assert any("You have 997 characters remaining" in t for t in announced()), announced()
    # what is seen does change at once
    assert "You have 997 characters remaining" in page.inner_text(".govuk-character-count__status")


# -- 7. the greeting and a way to the chat on landing -------------------------------------------------

def test_the_greeting_and_first_question_are_shown_on_landing(page, servers):
    page.goto(servers.web_url)
    assistant(page).first.wait_for()
    assert DANGER_QUESTION in assistant(page).last.inner_text()
    assert page.locator(".app-chat__message--resident").count() == 0
    assert page.locator(".app-chat__replies button").count() >= 2


def test_start_now_is_on_the_first_screen_of_a_phone_and_takes_focus_to_the_chat(browser, servers):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    try:
        open_chat(page, servers.web_url)
        start = page.get_by_role("button", name="Start now")
        box = start.bounding_box()
        assert box and box["y"] + box["height"] <= 667
        start.focus()
        page.keyboard.press("Enter")
        page.locator("#chat :focus").wait_for()
        assert in_view(page, page.locator(":focus"), below=page.locator("#exit-this-page"))
    finally:
        context.close()


# -- 8. Start again asks first, and says when it is done ------------------------------------------------

def test_start_again_asks_first_and_announces_when_done(page, servers):
    open_chat(page, servers.web_url)
    choose(page, "No")
    sender = json.loads(stored(page))["sender"]
    page.click("#chat-restart")
    confirm = page.locator("#chat-restart-confirm")
    assert confirm.is_visible() and "clear" in confirm.inner_text().lower()
    assert page.locator(".app-chat__message--resident").count() == 1  # nothing cleared yet
    page.get_by_role("button", name="No, carry on").click()
    assert confirm.is_hidden() and page.locator(".app-chat__message--resident").count() == 1
    assert focused(page)["id"] == "chat-restart"
    page.click("#chat-restart")
    page.get_by_role("button", name="Yes, start again").click()
    assistant(page).first.wait_for()
    assert page.locator(".app-chat__message--resident").count() == 0
    assert DANGER_QUESTION in assistant(page).last.inner_text()
    status = page.locator("#chat-status")
    assert status.get_attribute("role") == "status" and "started again" in status.inner_text()
    assert json.loads(stored(page))["sender"] != sender
    assert focused(page)["id"] == "chat-scroll"  # on the new conversation, not on a choice an Enter would press


# -- 9. the conversation box has GOV.UK's focus style -------------------------------------------------

def test_the_conversation_box_has_the_govuk_focus_style(page, servers):
    open_chat(page, servers.web_url)
    page.focus("#chat-scroll")
    outline = page.evaluate("""(() => { const s = getComputedStyle(document.querySelector('#chat-scroll'));
        return [s.outlineColor, parseFloat(s.outlineWidth), s.outlineStyle]; })()""")
    assert outline[0] == YELLOW and outline[1] >= 3 and outline[2] == "solid", outline


# -- 12. the connection error is an error summary ------------------------------------------------------

def test_the_connection_error_is_a_govuk_error_summary(page, servers):
    open_chat(page, servers.web_url)
    page.route(f"{servers.url}/**", lambda route: route.abort())
    page.fill("#chat-input", "no")
    page.click("#chat-send")
    error = page.locator("#chat-error")
    error.wait_for(state="visible")
    assert page.locator("#chat-error .govuk-error-summary__title").inner_text() == "There is a problem"
    assert "could not reach the assistant" in error.inner_text()
    assert focused(page)["id"] == "chat-error"
    page.unroute(f"{servers.url}/**")


# -- 13. an old conversation is cleared with a word why ------------------------------------------------

def test_a_conversation_older_than_two_hours_says_it_was_cleared_for_safety(page, servers):
    open_chat(page, servers.web_url)
    old = {"sender": "web-old", "savedAt": int(time.time() * 1000) - 3 * 3600 * 1000,
           "messages": [{"from": "resident", "text": "my secret story", "time": "2026-01-01T10:00:00Z"}]}
    page.evaluate(f"window.localStorage.setItem('{STORAGE_KEY}', {json.dumps(json.dumps(old))})")
    page.reload()
    assistant(page).first.wait_for()
    notice = page.locator("#chat-status")
    assert "cleared" in notice.inner_text() and "safety" in notice.inner_text()
    assert "my secret story" not in page.inner_text("#chat")
    assert DANGER_QUESTION in assistant(page).last.inner_text()
