"""A real browser (Debian's chromium driven by Playwright) against the real running service."""
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
NEUTRAL = "https://neutral.example/weather"


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if not executable:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs it from .ci/apt-packages")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield instance
        instance.close()


@pytest.fixture()
def page(browser, servers, request):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB",
                                  timezone_id="Europe/London")
    # The neutral site of "Exit this page" is not reachable from here: answer it locally.
    context.route("https://neutral.example/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>Weather</title><h1>Weather</h1>"))
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: (page.errors.append("dialog: " + dialog.message), dialog.dismiss()))
    page.set_default_timeout(30000)
    yield page
    if hasattr(request.node, "rep_call") and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"failed-{request.node.name}.png"), full_page=True)
    context.close()
