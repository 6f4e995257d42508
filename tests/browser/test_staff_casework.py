"""An officer works a case through the staff app in a real browser: the queue, then each step as a form
(acknowledge, threshold decision, review meeting, a recommendation, the action plan, closing). The queue
reflows instead of scrolling sideways, from a phone to a wide screen. Screenshots of the queue and the
worked case are kept in test-artifacts/ for the release notes."""
import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_staff_pages import officer, reference, sign_in  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def session_cookies(browser, servers, officer):
    """Signed in once for the module: staff sign-ins are limited to 10 a minute from one address, and the
    other staff page tests sign in from the same one."""
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, servers, officer)
    assert page.locator("button:has-text('Sign out')").count() == 1
    cookies = context.cookies()
    context.close()
    return cookies


def signed_in(page, cookies):
    page.context.add_cookies(cookies)


def fits(page) -> dict:
    return page.evaluate("""() => {
        const table = document.querySelector('table.app-queue');
        const refs = [...document.querySelectorAll('table.app-queue tbody a')];
        return {
            page: document.documentElement.scrollWidth <= window.innerWidth,
            table: !table || table.getBoundingClientRect().right <= document.querySelector('main').getBoundingClientRect().right + 1,
            references_whole: refs.every(a => a.getClientRects().length === 1),
        };
    }""")


@pytest.mark.parametrize("width", [320, 768, 1366, 1920])
def test_the_queue_never_scrolls_sideways_and_references_stay_whole(page, servers, session_cookies, reference,
                                                                    width):
    page.set_viewport_size({"width": width, "height": 900})
    signed_in(page, session_cookies)
    page.goto(servers.web_url + "/staff/")
    assert reference in page.inner_text("main")
    assert fits(page) == {"page": True, "table": True, "references_whole": True}, width
    if width == 1366:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "staff-queue.png"), full_page=True)


def test_an_officer_works_a_case_through_every_step(page, servers, session_cookies, reference):
    clicks = 0

    def click(selector):
        nonlocal clicks
        clicks += 1
        page.click(selector)

    signed_in(page, session_cookies)
    page.goto(f"{servers.web_url}/staff/drafts/{reference}")
    if "Acknowledge" in page.inner_text("#next-step"):
        click("#next-step button:has-text('Acknowledge')")
    # the threshold: met, as the assistant decided, so no reason why it differs is needed
    page.check("#threshold-met")
    page.fill("#threshold-reason", "Three reports in six months and the problem goes on.")
    click("button:has-text('Record the decision')")
    assert "Threshold decision recorded." in page.inner_text(".govuk-notification-banner")
    assert "Threshold met" in page.inner_text("#record-threshold")
    # the review meeting, already held
    page.fill("#meeting-date", "9 March 2026")
    page.fill("#meeting-partners", "Metropolitan Police\nClarion Housing\nEnvironmental Health")
    click("button:has-text('Save the meeting')")
    page.fill("#meeting-minutes", "Partners agreed a joint visit and noise monitoring.")
    click("button:has-text('Save the meeting')")
    assert "Partners agreed a joint visit" in page.inner_text("#record-meeting")
    assert "9 March 2026, with Metropolitan Police, Clarion Housing, Environmental Health" in \
        page.inner_text("#record-meeting")
    # a bad date is said next to the field, and nothing typed is lost
    page.fill("#action-text", "Joint visit to the address")
    page.fill("#action-partner", "Metropolitan Police")
    page.fill("#action-due", "next Tuesday")
    click("button:has-text('Add the recommendation')")
    assert page.title().startswith("Error:")
    assert "with the year" in page.inner_text("#action-due-error")
    assert page.input_value("#action-text") == "Joint visit to the address"
    page.fill("#action-due", "24 March 2026")
    click("button:has-text('Add the recommendation')")
    click("button:has-text('Agree the action plan')")
    assert "Action plan agreed" in page.inner_text("main")
    # close with an outcome
    page.check("text=Problem resolved")
    page.fill("#outcome-summary", "The noise stopped after the visit.")
    click("button:has-text('Close the case')")
    record = page.inner_text("#case-record")
    assert "Problem resolved" in record and "Joint visit to the address" in record
    history = page.inner_text("#history")
    for status in ("Threshold met", "Review meeting arranged", "Action plan agreed", "Closed"):
        assert status in history
    assert "_" not in page.inner_text("#history")   # no status codes, only words
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "staff-worked-case.png"), full_page=True)
    assert clicks <= 10, clicks
    assert page.errors == []


@pytest.mark.parametrize("path", ["/staff/drafts/{reference}", "/staff/statistics"])
def test_other_staff_pages_do_not_scroll_sideways_on_a_phone(page, servers, session_cookies, reference, path):
    page.set_viewport_size({"width": 320, "height": 800})
    signed_in(page, session_cookies)
    page.goto(servers.web_url + path.format(reference=reference))
    too_wide = page.evaluate("""() => {
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(walker.currentNode);
            const box = range.getBoundingClientRect();
            if (box.right > window.innerWidth && !walker.currentNode.parentElement.closest('.app-table:not(.app-queue)'))
                out.push(Math.round(box.right) + ' ' + walker.currentNode.parentElement.tagName + '.'
                         + walker.currentNode.parentElement.className + ': ' + walker.currentNode.textContent.slice(0, 40));
        }
        return out.slice(0, 6);
    }""")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        path, page.evaluate("document.documentElement.scrollWidth"), too_wide)
