"""A second council, through real running servers: `policies/examples/thameside.yml` served as `TRIGGER_POLICY`
makes it, with its own spaCy pipeline, training data and model (built apart, in build/thameside). Judged by what
the resident is told, what the page and the staff app show, and what `python -m bot drafts export` holds.

Today is Tuesday 6 April 2027 for these servers, so the council's dated change (two reports from 1 April 2027)
is in force, and its twelve-month window starts on 6 April 2026."""
import http.cookiejar
import re
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from bot.rules.policy import load_policy
from tests.servers import start_servers
from tests.test_no_council_in_code import _council_words

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
POLICY_FILE = "policies/examples/thameside.yml"
THAMESIDE = load_policy(ROOT / POLICY_FILE)
# Barnet's own words; those the two London councils share (the Metropolitan Police) are not Barnet's
BARNET_WORDS = sorted(set(_council_words()) - set(_council_words(ROOT / POLICY_FILE)))
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def thameside(tmp_path_factory):
    running = start_servers(tmp_path_factory.mktemp("thameside-data"), {"TRIGGER_COOKIE_SECURE": "false"},
                            policy=POLICY_FILE, today="2027-04-06")
    yield running
    running.supervisor.stop()


def _no_barnet(text: str) -> None:
    found = [w for w in BARNET_WORDS if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text, re.I)]
    assert not found and "Community Trigger" not in text, (found, text)


def test_an_application_under_the_second_council(thameside):
    chat = thameside.chat()
    replies = [chat.say("the family next door play loud music every night and shout abuse at us").text]
    replies += [chat.say(line).text for line in ("no", "myself", "no")]
    assert "needs 2 reports" in replies[-1]
    replies += [chat.say(line).text for line in (
        "I reported it", "rang 101 on 2 March about the party the night before, CAD 5521/02MAR",
        "emailed Thameside Homes on 20 March, ref TH-40021")]
    assert "When did the incident you reported happen?" in replies[-1]  # reports count within a month of it
    replies += [chat.say(line).text for line in (
        "the same day", "no that's all", "nothing happened", "Wharf Street, TX1 2AB, since last summer",
        "we can't sleep", "no", "yes", "Jo Bloggs, 07700 900123", "no")]
    assert "Is everything correct?" in replies[-1], chat.dump()
    replies.append(chat.say("yes").text)
    told = "\n".join(replies)
    assert "ASB Case Review" in told and THAMESIDE.timescales.response_text in told
    assert "no action has been taken" not in told  # no condition for this council, so never asked
    _no_barnet(told)
    draft = thameside.draft_for(chat)
    assert draft, chat.dump()
    assert draft["reference"] in replies[-1]
    assert draft["policy"] == {"id": "thameside-example", "version": "2027-04-01"}
    decision = draft["decision"]
    assert decision["eligible"] is True and decision["needed"] == 2
    assert decision["policy"]["effective_from"] == "2027-04-01"
    assert [r["rule"] for r in decision["reports"]] == ["window", "window"]
    assert all("Thameside" in r["source"] for r in decision["reports"])
    assert [x["incident_date"] for x in draft["reports"]] == ["2027-03-01", "2027-03-20"]


def test_a_report_made_long_after_the_incident_is_explained_with_the_councils_rule(thameside):
    chat = thameside.chat()
    chat.script("the family next door play loud music every night", "no", "myself", "no", "I reported it")
    r = chat.say("rang the council on 20 March about the fire on 2 February, no ref")
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
