"""Rate limits in the production profile: counted in Redis, so two Rasa servers behind a proxy share one
count per conversation and per address, and the web app's sign-in limits live there too."""
import json
import re
import urllib.error
import urllib.request
import uuid

import pytest
import redis

from bot.drafts import DraftStore
from bot.drafts.accounts import StaffAccounts

pytestmark = pytest.mark.e2e


def post(url, body, address=None, raw=None):
    headers = {"Content-Type": "application/json"}
    if address:
        headers["X-Forwarded-For"] = address
    data = raw if raw is not None else json.dumps(body).encode()
    request = urllib.request.Request(url + "/webhooks/rest/webhook", data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"null")


def test_one_conversation_is_limited_across_both_rasa_servers(production):
    sender = "limit-" + uuid.uuid4().hex[:8]
    urls = [production.url("a"), production.url("b")]
    statuses = [post(urls[n % 2], {"sender": sender, "message": "hello"}, address="198.51.100.10")[0]
                for n in range(60)]
    assert statuses == [200] * 60  # 60 a minute, counted once between the two servers
    status, headers, body = post(urls[0], {"sender": sender, "message": "hello"}, address="198.51.100.10")
    assert status == 429 and int(headers["Retry-After"]) > 0 and "Too many messages" in body["error"]
    assert post(urls[1], {"sender": sender, "message": "hello"}, address="198.51.100.10")[0] == 429
    # another resident on the same connection carries on
    assert post(urls[1], {"sender": sender + "-other", "message": "hello"}, address="198.51.100.10")[0] == 200


def test_one_address_is_limited_across_both_rasa_servers(production):
    urls = [production.url("a"), production.url("b")]
    address = "203.0.113.80"
    # garbage counts too: 600 bad requests a minute from one address, then even a good one waits
    statuses = {post(urls[n % 2], None, address=address, raw=b"{not json")[0] for n in range(600)}
    assert statuses == {400}
    status, headers, body = post(urls[1], {"sender": "addr-" + uuid.uuid4().hex[:8], "message": "hello"},
                                 address=address)
    assert status == 429 and int(headers["Retry-After"]) > 0
    assert post(urls[0], {"sender": "addr-" + uuid.uuid4().hex[:8], "message": "hello"},
                address="203.0.113.81")[0] == 200
    # the proxy's own entry is the one trusted: a client cannot pick a fresh address by adding its own
    status = post(urls[0], {"sender": "addr-" + uuid.uuid4().hex[:8], "message": "hello"},
                  address=f"192.0.2.1, {address}")[0]
    assert status == 429


class Browser:
    """Just enough of a browser for the sign-in form behind a TLS proxy: the session cookie and CSRF token."""

    def __init__(self, base, address):
        self.base, self.address, self.cookie = base, address, ""

    def open(self, path, form=None):
        # as the browser would send them through the proxy: HTTPS, so the CSRF check wants a same-site Referer
        headers = {"X-Forwarded-For": self.address, "X-Forwarded-Proto": "https",
                   "Referer": self.base.replace("http://", "https://") + "/staff/login"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data, headers=headers)

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None
        try:
            response = urllib.request.build_opener(NoRedirect).open(request, timeout=60)
            status, page, got = response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            status, page, got = error.code, error.read().decode(), error.headers
        cookie = got.get("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        return status, page, got

    def sign_in(self, email, password):
        _, page, _ = self.open("/staff/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.open("/staff/login", {"email": email, "password": password, "csrf_token": token})


def test_wrong_sign_ins_are_limited_per_address_in_redis(production):
    import urllib.parse  # noqa: F401 - Browser.open uses it
    accounts = StaffAccounts(DraftStore(production.postgres.url))
    accounts.add("limits.officer@barnet.gov.uk", "Lim Officer", "officer", "correct horse battery staple")
    attacker = Browser(production.web_url(), "203.0.113.90")
    for n in range(10):
        assert attacker.sign_in(f"guess{n}@barnet.gov.uk", "not the password")[0] == 401
    status, page, headers = attacker.sign_in("limits.officer@barnet.gov.uk", "correct horse battery staple")
    assert status == 429 and "too many tries to sign in" in page and int(headers["Retry-After"]) > 0
    assert [k for k in redis.Redis.from_url(production.redis.url).keys("*") if b"trigger-web" in k]  # in Redis
    officer = Browser(production.web_url(), "198.51.100.33")
    status, page, headers = officer.sign_in("limits.officer@barnet.gov.uk", "correct horse battery staple")
    assert status == 302 and headers["Location"].endswith("/staff/"), (status, re.findall(r"<li>.*?</li>", page))


def test_wrong_tries_wait_per_address_and_are_counted_in_one_audit_row(production):
    import psycopg2
    accounts = StaffAccounts(DraftStore(production.postgres.url))
    accounts.add("waits.officer@barnet.gov.uk", "Wai Officer", "officer", "correct horse battery staple")
    pages = {}
    for email, address in (("nobody.here@barnet.gov.uk", "203.0.113.119"), ("waits.officer@barnet.gov.uk",
                                                                            "203.0.113.120")):
        guesser = Browser(production.web_url(), address)
        for _ in range(5):
            status, page, _ = guesser.sign_in(email, "not the password")
        assert status == 401
        pages[email] = re.sub(r'name="csrf_token" value="[^"]+"|\d+ seconds', "", page.replace(email, "X"))
    # a real account and an unknown one wait alike: nothing tells them apart
    assert "then try again" in pages["waits.officer@barnet.gov.uk"]
    assert pages["waits.officer@barnet.gov.uk"] == pages["nobody.here@barnet.gov.uk"]
    # the right password from the guessing address waits too; from the officer's own address it works
    assert guesser.sign_in("waits.officer@barnet.gov.uk", "correct horse battery staple")[0] == 401
    officer = Browser(production.web_url(), "198.51.100.121")
    status, _, _ = officer.sign_in("waits.officer@barnet.gov.uk", "correct horse battery staple")
    assert status == 302
    with psycopg2.connect(production.postgres.url) as db, db.cursor() as cursor:
        cursor.execute("select action, count from audit_log where by = 'waits.officer@barnet.gov.uk' "
                       "and ip = '203.0.113.120' order by id")
        rows = cursor.fetchall()
    assert rows == [("sign-in failed", 5), ("sign-in refused", 1)], rows
