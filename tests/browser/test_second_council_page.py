"""The resident page in a real browser under a second council's policy (policies/examples/thameside.yml):
its name, scheme, contacts and places on the page and in the chat, never Barnet's, and a whole application
typed through the page ends with a draft for that council."""
import re

import pytest

from tests.browser.pages import choose, open_chat, send
from tests.e2e.conftest import barnet_words_in
from tests.e2e.scripts import THAMESIDE

pytestmark = pytest.mark.browser


def test_the_page_and_a_whole_application_belong_to_the_second_council(page, thameside_servers):
    servers = thameside_servers
    open_chat(page, servers.web_url)
    assert "ASB Case Review" in page.title()
    header = page.locator("header").first
    assert header.get_by_role("link", name="Thameside Borough Council").get_attribute("href").startswith("https://")
    send(page, "the people upstairs play loud music every night and shout at us")
    choose(page, "No")
    choose(page, "For myself")
    choose(page, "No")
    choose(page, "I reported it")
    for report in THAMESIDE.reports:
        text = send(page, report)
        while "When did the incident" in text:  # Thameside counts reports made soon after the incident
            text = choose(page, "Same day")
        if "reference number" in text and "Got it" not in text:
            text = send(page, "no reference")
    assert "That's 3 reports. That's enough" in text, text
    choose(page, "That's all of them")
    send(page, THAMESIDE.inside)
    send(page, "since last summer")
    text = send(page, "we can't sleep")
    if "at risk" in text:
        text = choose(page, "No")
    if "still happening" in text or "Is it still" in text:
        text = choose(page, "Yes")
    assert "Safer Thameside Partnership" in text or "Do you agree" in text, text
    choose(page, "Yes, I agree")
    send(page, "Jo Bloggs")
    send(page, "07700 900123")
    text = choose(page, "Text me instead")
    text = choose(page, "Yes, it's all correct")
    reference = re.search(r"CT-\d{4}-\d{5}", text).group()
    # the whole page, every word of the conversation included, is Thameside's
    assert barnet_words_in(page.inner_text("body")) == []
    assert page.locator("a[href='tel:020 7946 0320'], a[href='tel:02079460320']").count() + \
        page.locator("a[href^='mailto:'][href$='thameside.example']").count() >= 1
    drafts = [d for d in servers.drafts() if d["reference"] == reference]
    assert len(drafts) == 1 and drafts[0]["decision"]["eligible"] is True
    assert page.errors == []
