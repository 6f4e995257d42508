"""What the browser tests do on the resident page, with real key events where keys matter."""
from __future__ import annotations

STORAGE_KEY = "community-trigger-chat"
DANGER_QUESTION = "Is anyone in danger right now?"


def assistant(page):
    return page.locator(".app-chat__message--assistant")


def open_chat(page, url):
    """The page, with the greeting and the first question shown on load."""
    page.goto(url)
    assistant(page).first.wait_for()
    return assistant(page).last.inner_text()


def wait_until_answered(page):
    """Until the message on its way has been answered (a locator wait: the page's CSP forbids eval)."""
    page.locator("#chat-form:not([aria-busy])").wait_for(state="attached")


def _wait_after(page, before):
    assistant(page).nth(before).wait_for()
    wait_until_answered(page)
    return assistant(page).last.inner_text()


def send(page, text):
    before = assistant(page).count()
    page.fill("#chat-input", text)
    page.click("#chat-send")
    return _wait_after(page, before)


def choose(page, title):
    before = assistant(page).count()
    page.locator(".app-chat__replies button", has_text=title).first.click()
    return _wait_after(page, before)


def type_with_real_shift(page, text):
    """Types as a person does: Shift held down for each capital and symbol, released after it
    (Playwright's type() sends capitals without pressing Shift)."""
    # Playwright's keyboard is a US layout: these are typed with Shift held
    shifted = {"!": "Digit1", "@": "Digit2", "#": "Digit3", "$": "Digit4", "%": "Digit5", "^": "Digit6",
               "&": "Digit7", "*": "Digit8", "(": "Digit9", ")": "Digit0", "_": "Minus", "+": "Equal",
               "?": "Slash", ":": "Semicolon", '"': "Quote", "<": "Comma", ">": "Period"}
    for char in text:
        if "A" <= char <= "Z":
            page.keyboard.press(f"Shift+Key{char}")
        elif char in shifted:
            page.keyboard.press(f"Shift+{shifted[char]}")
        else:
            page.keyboard.type(char)


def stored(page):
    return page.evaluate(f"window.localStorage.getItem('{STORAGE_KEY}')")


def in_view(page, locator, below=None) -> bool:
    """Whether the top of what `locator` finds is on the screen, and not under `below` (a sticky bar)."""
    box = locator.bounding_box()
    height = page.evaluate("window.innerHeight")
    top = 0
    if below is not None:
        bar = below.bounding_box()
        if bar and bar["y"] <= 0 + 1:
            top = bar["y"] + bar["height"]
    return box is not None and box["y"] >= top - 1 and box["y"] + min(box["height"], 40) <= height + 1
