"""Exit this page: it leaves at once when asked (Shift three times on its own, the button by mouse,
Enter or Space) and never while someone types capitals or moves backwards with Shift+Tab."""
import pytest

from tests.browser.conftest import NEUTRAL
from tests.browser.pages import DANGER_QUESTION, assistant, choose, open_chat, stored, type_with_real_shift

pytestmark = pytest.mark.browser


def still_here(page, url):
    page.wait_for_timeout(400)  # the exit, if it fired, navigates at once
    return page.url.startswith(url) and assistant(page).count() > 0


def test_three_shift_tabs_from_the_message_box_do_not_exit(page, servers):
    open_chat(page, servers.web_url)
    page.focus("#chat-input")
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
    assert still_here(page, servers.web_url)
    # three Shift+Tabs from the box went back through the quick replies: "No" is the first one reached
    page.focus("#chat-input")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "No"
    assert still_here(page, servers.web_url)


@pytest.mark.parametrize("text", ["New Barnet EN5 1QW", "CAD 4411/03OCT", "ASB REF: BH-99 (JO'S FLAT) @ NO. 6!"])
def test_typing_capitals_with_real_shift_presses_does_not_exit(page, servers, text):
    open_chat(page, servers.web_url)
    page.focus("#chat-input")
    type_with_real_shift(page, text)
    assert still_here(page, servers.web_url)
    assert page.input_value("#chat-input") == text


def test_shift_three_times_on_its_own_exits_and_says_how_many_more(page, servers):
    open_chat(page, servers.web_url)
    choose(page, "No")
    assert stored(page)
    page.focus("#chat-input")
    page.keyboard.press("Shift")
    status = page.locator(".govuk-exit-this-page [role=status]")
    assert "Shift, press 2 more times to exit" in status.inner_text()
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)
    page.goto(servers.web_url)  # coming back: nothing of the conversation is left, only a new greeting
    assistant(page).first.wait_for()
    assert page.locator(".app-chat__message--resident").count() == 0
    assert DANGER_QUESTION in assistant(page).last.inner_text()


def test_another_key_between_shift_presses_starts_the_count_again(page, servers):
    open_chat(page, servers.web_url)
    page.focus("#chat-input")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.type("a")
    page.keyboard.press("Shift")
    assert still_here(page, servers.web_url)


@pytest.mark.parametrize("key", ["Enter", "Space", "click"])
def test_the_button_exits_with_enter_space_or_a_click(page, servers, key):
    open_chat(page, servers.web_url)
    choose(page, "No")
    if key == "click":
        page.click("#exit-button")
    else:
        page.focus("#exit-button")
        page.keyboard.press(key)
    page.wait_for_url(NEUTRAL)
    assert page.title() == "Weather"
    page.goto(servers.web_url)
    assistant(page).first.wait_for()
    assert page.locator(".app-chat__message--resident").count() == 0
