"""What a public-sector service page must have: the council's own header (never GOV.UK's crown),
a Beta phase banner with a feedback page that keeps what is sent, an accessibility statement
linked from the footer, and no axe violations at any size."""
import json
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.pages import choose, open_chat

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def test_the_header_is_the_councils_not_govuks(page, servers):
    open_chat(page, servers.web_url)
    header = page.locator("header").first
    assert "GOV.UK" not in header.inner_text()
    assert page.locator("header svg, .govuk-header__logotype, .govuk-logo").count() == 0  # no crown
    council = header.get_by_role("link", name="London Borough of Barnet")
    service = header.get_by_role("link", name="Community Trigger")
    assert council.get_attribute("href").startswith("https://")
    assert service.get_attribute("href") == "/"


def test_a_beta_banner_links_to_feedback_that_is_kept(page, servers):
    open_chat(page, servers.web_url)
    banner = page.locator(".govuk-phase-banner")
    assert banner.locator(".govuk-tag").inner_text().strip() == "Beta"
    banner.get_by_role("link", name="feedback").click()
    assert page.locator("h1").inner_text() == "Give feedback on this service"
    # nothing written: a GOV.UK error summary that links to the box, and nothing kept
    page.get_by_role("button", name="Send feedback").click()
    summary = page.locator(".govuk-error-summary")
    assert "There is a problem" in summary.inner_text()
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "feedback"
    page.check("input[value='satisfied']")
    page.fill("#feedback", "The chat was clear but I could not find the phone number at first.")
    page.get_by_role("button", name="Send feedback").click()
    assert "Thank you for your feedback" in page.inner_text("main")
    result = servers.cli("feedback", "list")
    assert result.returncode == 0, result.stderr
    assert "could not find the phone number" in result.stdout and "satisfied" in result.stdout


def test_the_accessibility_statement_is_linked_from_the_footer(page, servers):
    open_chat(page, servers.web_url)
    page.locator("footer").get_by_role("link", name="Accessibility statement").click()
    assert page.url.endswith("/accessibility")
    text = page.inner_text("main")
    for words in ("Accessibility statement for", "WCAG 2.2", "Reporting accessibility problems",
                  "Enforcement procedure", "Equality and Human Rights Commission",
                  "Technical information about this website's accessibility", "How we tested this website",
                  "Non-accessible content", "020 8359 2000"):
        assert words in text, words


SIZES = [("desktop", {"width": 1100, "height": 900}), ("mobile-375", {"width": 375, "height": 800}),
         ("reflow-320", {"width": 320, "height": 640}), ("zoom-200", {"width": 640, "height": 450})]


def test_no_axe_violations_at_any_size(browser, servers):
    axe = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
    ARTIFACTS.mkdir(exist_ok=True)
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(exist_ok=True)
    results = {}
    for name, viewport in SIZES:
        # axe is injected through the DevTools protocol, which the page's CSP does not govern
        context = browser.new_context(viewport=viewport, bypass_csp=True)
        page = context.new_page()
        for path in ("/", "/accessibility", "/feedback"):
            page.goto(servers.web_url + path)
            if path == "/":
                open_chat(page, servers.web_url)
                choose(page, "No")
            page.screenshot(path=str(shots / f"resident{path.replace('/', '-').rstrip('-')}-{name}.png"),
                            full_page=True)
            page.evaluate(axe)
            report = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
                                   "'wcag22aa', 'best-practice']})")
            results[f"{name} {path}"] = [(v["id"], v["impact"], len(v["nodes"])) for v in report["violations"]]
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (name, path)
        context.close()
    (ARTIFACTS / "axe-report.json").write_text(json.dumps(results, indent=2))
    assert all(found == [] for found in results.values()), results


def test_the_pages_are_served_without_inline_script(servers):
    for path in ("/accessibility", "/feedback"):
        with urllib.request.urlopen(servers.web_url + path) as response:
            html = response.read().decode()
            assert response.headers["Content-Security-Policy"]
        assert "<script>" not in html and "onclick" not in html
