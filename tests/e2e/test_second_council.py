"""A second council, through real running servers: `policies/examples/thameside.yml` served as `TRIGGER_POLICY`
makes it, with its own spaCy pipeline, training data and model (built apart, in build/thameside). The whole
conversation suite plays it too (test_conversations.py); this adds its own rule (reports within 30 days of the
incident), the page and the staff app. Today is Tuesday 10 March 2026."""
import http.cookiejar
import re
import urllib.parse
import urllib.request

import pytest

from tests.e2e.conftest import barnet_words_in
from tests.e2e.scripts import THAMESIDE as PROFILE

pytestmark = pytest.mark.e2e

THAMESIDE = PROFILE.policy
PASSWORD = "correct horse battery staple"


@pytest.fixture()
def thameside(thameside_servers):
    return thameside_servers


def _no_barnet(text: str) -> None:
    found = barnet_words_in(text)
    assert not found, (found, text)


def test_a_report_made_long_after_the_incident_is_explained_with_the_councils_rule(thameside):
    chat = thameside.chat()
    chat.script("the family next door play loud music every night", "no", "myself", "no", "I reported it")
    r = chat.say("rang the council on 5 March about the fire on 2 January, no ref")
    assert "more than 30 days after the incident" in r and "doesn't count" in r


def test_never_reported_gets_the_second_councils_contacts(thameside):
    r = thameside.chat().say("the man upstairs drills at midnight and I haven't told anyone yet, what can I do?")
    assert THAMESIDE.contact("community_safety_team").phone in r and "Thameside Homes" in r
    _no_barnet(r.text)


def test_the_page_and_the_staff_app_show_the_second_council(thameside):
    page = urllib.request.urlopen(thameside.web_url + "/", timeout=30).read().decode()
    assert THAMESIDE.council.name in page and "ASB Case Review" in page
    _no_barnet(re.sub(r"<[^>]+>", " ", page))
    added = thameside.cli("staff", "add", "officer@thameside.example", "--name", "Olu Officer", "--role", "officer",
                          "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = opener.open(thameside.web_url + "/staff/login", timeout=30).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
    body = urllib.parse.urlencode({"email": "officer@thameside.example", "password": PASSWORD,
                                   "csrf_token": token}).encode()
    queue = opener.open(thameside.web_url + "/staff/login", data=body, timeout=30).read().decode()
    assert THAMESIDE.council.name in queue or "Thameside" in queue
    _no_barnet(re.sub(r"<[^>]+>", " ", queue))
