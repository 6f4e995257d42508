"""The keyboard-only walk-through of the resident page, for a person to look at: it drives chromium with
keys only (Tab, Enter, Shift held for capitals, Shift+Tab, Shift three times) at 375 x 667 and at
640 x 450 (200% zoom), and saves a screenshot after each step. Not a test (it asserts nothing); the
browser tests check the same things. Against a running service:

    .venv/bin/python tests/browser/walkthrough.py http://127.0.0.1:8000/ test-artifacts/hand-check
"""
import sys
from pathlib import Path
from playwright.sync_api import sync_playwright
url = sys.argv[1]; out = Path(sys.argv[2]); out.mkdir(parents=True, exist_ok=True)
def shot(pg, name):
    pg.screenshot(path=str(out / f"{name}.png")); print("saved", name, "| focus:", pg.evaluate("(document.activeElement.id||document.activeElement.tagName)+' '+(document.activeElement.textContent||'').trim().slice(0,40)"))
def idle(pg):
    pg.locator("#chat-form:not([aria-busy])").wait_for(state="attached"); pg.wait_for_timeout(400)
def typed(pg, text):
    for ch in text:
        if "A" <= ch <= "Z": pg.keyboard.press(f"Shift+Key{ch}")
        else: pg.keyboard.type(ch)
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
    for label, vp in (("phone", {"width": 375, "height": 667}), ("zoom200", {"width": 640, "height": 450})):
        c = b.new_context(viewport=vp, locale="en-GB", timezone_id="Europe/London"); pg = c.new_page()
        pg.goto(url); pg.locator(".app-chat__message--assistant").first.wait_for(); idle(pg)
        shot(pg, f"hand-{label}-01-landing")
        for _ in range(2): pg.keyboard.press("Tab")
        shot(pg, f"hand-{label}-02-tab-twice-exit-skip-link")
        # Tab on to Start now
        for _ in range(12):
            pg.keyboard.press("Tab")
            if pg.evaluate("document.activeElement.id") == "start-now": break
        shot(pg, f"hand-{label}-03-start-now-focused")
        pg.keyboard.press("Enter"); pg.wait_for_timeout(300)
        shot(pg, f"hand-{label}-04-after-start-now")
        for _ in range(6):  # into the choices: past the 999 link and "Yes, someone is in danger" to "No"
            pg.keyboard.press("Tab")
            if pg.evaluate("document.activeElement.textContent.trim()") == "No": break
        shot(pg, f"hand-{label}-05-on-No")
        pg.keyboard.press("Enter"); idle(pg)
        shot(pg, f"hand-{label}-06-after-No")
        pg.keyboard.press("Enter"); idle(pg)  # For myself
        shot(pg, f"hand-{label}-07-after-For-myself")
        pg.keyboard.press("Tab"); pg.keyboard.press("Enter"); idle(pg)  # No open complaint
        pg.keyboard.press("Enter"); idle(pg)  # I reported it
        shot(pg, f"hand-{label}-08-report-question-focus-in-box")
        typed(pg, "Rang 101 on 3 November, ref CAD 4411/03NOV, New Barnet EN5 1QW")
        shot(pg, f"hand-{label}-09-typed-capitals-still-here")
        pg.keyboard.press("Enter"); pg.keyboard.press("Enter"); idle(pg)
        shot(pg, f"hand-{label}-10-double-enter-one-message")
        pg.keyboard.press("Shift+Tab"); pg.keyboard.press("Shift+Tab"); pg.keyboard.press("Shift+Tab")
        shot(pg, f"hand-{label}-11-three-shift-tabs-still-here")
        print(label, "resident messages:", pg.locator(".app-chat__message--resident").count(), "url:", pg.url)
        pg.focus("#chat-restart"); pg.keyboard.press("Enter")
        shot(pg, f"hand-{label}-12-start-again-asks")
        pg.keyboard.press("Tab"); pg.keyboard.press("Enter"); pg.locator(".app-chat__message--assistant").first.wait_for(); idle(pg)
        shot(pg, f"hand-{label}-13-started-again")
        pg.keyboard.press("Shift"); pg.wait_for_timeout(200)
        shot(pg, f"hand-{label}-14-one-shift")
        pg.keyboard.press("Shift"); pg.keyboard.press("Shift"); pg.wait_for_timeout(300)
        shot(pg, f"hand-{label}-15-three-shifts-leaving"); pg.wait_for_timeout(1200)
        print(label, "after three Shifts:", pg.url)
        c.close()
    b.close()
