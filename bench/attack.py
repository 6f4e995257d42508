"""Attack the service from outside, as a careful attacker would, and say what held.

    .venv/bin/python bench/attack.py [--keep]

Starts its own copy of the service in a temporary folder (tests/servers.py: the action server, the Rasa
server and the web app on free ports, on loopback) with the real default chat rate limits, one pretend
reverse proxy in front (TRIGGER_PROXY_COUNT=1, so X-Forwarded-For stands for the client's address, as
nginx's $proxy_add_x_forwarded_for would set it) and staff cookies allowed over plain http. Then it
attacks it over HTTP and socket.io only (the data folder is read only to see what was stored), and
prints a table of "held / tried" for each attack, then every failure with its request and response.
Exit status 1 if anything did not hold. Takes about 4 minutes; `--keep` keeps the data folder.

Standard library, `requests` and the python-socketio client (polling transport) only.
"""
from __future__ import annotations

import argparse
import http.client
import base64
import hashlib
import itertools
import json
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import string
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import logging

import requests
import socketio

logging.getLogger("engineio.client").setLevel(logging.CRITICAL)  # "packet queue is empty" on disconnect
logging.getLogger("socketio.client").setLevel(logging.CRITICAL)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import start_servers  # noqa: E402

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a different long passphrase 42"
XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
RLO = "\u202e"
DEFAULT_LIMITS = {"TRIGGER_WEBHOOK_LIMIT_ADDRESS": "600 per minute",
                  "TRIGGER_WEBHOOK_LIMIT_CONVERSATION": "60 per minute;1000 per day",
                  "TRIGGER_COOKIE_SECURE": "false",  # plain http here; the default (true) is tested elsewhere
                  "TRIGGER_PROXY_COUNT": "1"}
ACCOUNTS = [  # email, name, role
    ("manager@barnet.gov.uk", "Mina Manager", "manager"),
    ("officer@barnet.gov.uk", "Olu Officer", "officer"),
    ("known@barnet.gov.uk", "Kim Known", "officer"),
    ("disabled@barnet.gov.uk", "Dee Disabled", "officer"),
    ("flood@barnet.gov.uk", "Flo Flood", "officer"),
    ("slow@barnet.gov.uk", "Sam Slow", "officer"),
    ("revoke1@barnet.gov.uk", "Rae One", "officer"),
    ("revoke2@barnet.gov.uk", "Rae Two", "officer"),
    ("revoke3@barnet.gov.uk", "Rae Three", "officer"),
    ("redirect@barnet.gov.uk", "Red Irect", "officer"),
]
REFUSED_STATUSES = {400, 401, 403, 404, 405}
DATA_MARKERS = ("Jo Bloggs", "07700", "jo@example.org", "loud music", "Oak Road", "Audit log", "manager@barnet",
                "officer@barnet", "reference,received", "Applications")


# -- keeping score ---------------------------------------------------------------------------------------------


class Attack:
    def __init__(self, name: str, description: str):
        self.name, self.description = name, description
        self.tried = self.held = 0
        self.failures: List[str] = []
        self.notes: List[str] = []
        self.lock = threading.Lock()

    def check(self, held: bool, what: str) -> bool:
        with self.lock:
            self.tried += 1
            if held:
                self.held += 1
            else:
                self.failures.append(what)
        return held

    def note(self, text: str) -> None:
        with self.lock:
            self.notes.append(text)


ROWS = [  # key, name, what is tried (the table's order: the brief's 1 to 10)
    ("anonymous", "1 anonymous staff routes",
     "every staff route and method, no or forged cookie, with and without a CSRF token: sign-in or 4xx, no data"),
    ("sessions", "2 session revocation",
     "a copied cookie replayed after re-sign-in, sign-out, disable and password change: refused"),
    ("flood", "3 audit flooding",
     "2 x 600 wrong sign-ins at full speed (one email, varying emails): 429s, grouped rows, real events findable"),
    ("race", "3 sign-in limit under concurrency",
     "no more than 10 passwords checked a minute from one address, however many requests are in flight"),
    ("enumeration", "4 account enumeration",
     "known / unknown / disabled / waiting emails compared: status, body (email removed), time"),
    ("lockout", "4 lock-out of a real officer",
     "wrong tries elsewhere (fast, or slow under the address limit) never stop the officer at their own desk; "
     "no fresh address by a forged X-Forwarded-For entry"),
    ("webhook", "5 webhook abuse",
     "5 MB metadata/body (also chunked), 20,000 chars, NUL, bad senders, deep JSON, wrong types, 1,000 garbage "
     "bodies: 4xx, nothing stored"),
    ("rates", "6 chat rate limits",
     "61 messages in a minute in one conversation, 601 requests from one address: 429 + Retry-After; others served"),
    ("socketio", "7 socket.io channel",
     "foreign origins refused; long, NUL, metadata, bad session ids refused and not stored; big packet; 61st message"),
    ("actions", "8 action server webhook",
     "a hand-made tracker without or with a wrong X-Action-Token, path tricks: 401, no draft; loopback only"),
    ("actions-other", "8 action server other paths",
     "unknown paths and methods get 404/405, not a 500 with a traceback written to the log"),
    ("pages", "9 staff pages: resident text",
     "markup and U+202E typed in a real application: escaped, in <bdi>; the store refuses them in names"),
    ("headers", "9 staff pages: caching, headers",
     "Cache-Control: no-store on every staff page, redirect and the CSV; CSP, nosniff"),
    ("redirects", "9 redirects: Host, next=",
     "a forged Host / X-Forwarded-Host never in a Location; next= to other hosts, //, \\, line breaks refused"),
    ("rasa", "9 Rasa: version, API, CORS",
     "GET / and 404s without the version; the HTTP API off; no CORS for a foreign origin"),
    ("csrf", "10 CSRF on staff forms",
     "every staff POST without a token, a wrong one, another session's, a GET instead: 400/405, no change"),
]
ATTACKS: Dict[str, Attack] = {key: Attack(name, description) for key, name, description in ROWS}


def attack(key: str, name: str = "", description: str = "") -> Attack:
    if key not in ATTACKS:
        ATTACKS[key] = Attack(name, description)
    return ATTACKS[key]


def show(response: Optional[requests.Response], limit: int = 300) -> str:
    if response is None:
        return "no response"
    body = response.text if len(response.content) < 200_000 else response.text[:limit]
    headers = {k: v for k, v in response.headers.items() if k.lower() in ("location", "retry-after", "cache-control",
                                                                          "content-type", "set-cookie")}
    return f"-> {response.status_code} {headers} {squash(body)[:limit]!r}"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


# -- the service -----------------------------------------------------------------------------------------------


class Target:
    def __init__(self, servers):
        self.servers = servers
        self.rasa = servers.url
        self.web = servers.web_url
        self.actions = f"http://127.0.0.1:{servers.ports.actions}"
        self.data = servers.data_dir
        self.env = servers.env
        self.reference = ""
        from bot.drafts import DraftStore
        self.store = DraftStore(f"sqlite:///{self.data / 'drafts.db'}")

    # staff side
    def accounts(self):
        from bot.drafts.accounts import StaffAccounts
        return StaffAccounts(self.store)

    def review(self):
        from bot.drafts.review import Review
        return Review(self.store)

    def draft(self) -> Dict:
        return self.review().draft(self.reference)

    def draft_count(self) -> int:
        from bot.drafts.models import Draft
        from sqlalchemy import func, select
        with self.store.session() as session:
            return session.execute(select(func.count(Draft.id))).scalar_one()

    # conversation side
    def tracker_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.data.glob("tracker.db*"))

    def stored_events(self, senders) -> int:
        with sqlite3.connect(f"file:{self.data / 'tracker.db'}?mode=ro", uri=True, timeout=30) as db:
            return sum(db.execute("select count(*) from events where sender_id = ?", (s,)).fetchone()[0]
                       for s in senders)

    def say(self, sender: str, message: str, address: str, timeout: float = 60) -> requests.Response:
        return requests.post(f"{self.rasa}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                             headers={"X-Forwarded-For": address}, timeout=timeout)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    return found.group(1) if found else ""


class Browser:
    """One staff member's browser: a cookie jar, a network address (X-Forwarded-For through the pretend proxy).
    Without an address given, each browser is a desk of its own: every sign-in try from an address counts
    towards its limit, so a script signing in dozens of times from one address would be limited itself."""

    desks = itertools.count(1)

    def __init__(self, target: Target, address: Optional[str] = None):
        self.target = target
        self.http = requests.Session()
        if address is None:
            n = next(Browser.desks)
            address = f"10.20.{n // 250}.{n % 250 + 1}"
        self.address = address
        self.token = ""

    def headers(self, extra=None):
        headers = {"X-Forwarded-For": self.address} if self.address else {}
        headers.update(extra or {})
        return headers

    def get(self, path: str, **kw) -> requests.Response:
        return self.http.get(self.target.web + path, headers=self.headers(kw.pop("headers", None)),
                             allow_redirects=False, timeout=60, **kw)

    def post(self, path: str, data=None, **kw) -> requests.Response:
        return self.http.post(self.target.web + path, data=data, headers=self.headers(kw.pop("headers", None)),
                              allow_redirects=False, timeout=60, **kw)

    def login_form(self) -> str:
        self.token = csrf_of(self.get("/staff/login").text)
        return self.token

    def sign_in(self, email: str, password: str = PASSWORD, next_: Optional[str] = None) -> requests.Response:
        if not self.token:
            self.login_form()
        path = "/staff/login" + ("?next=" + next_ if next_ is not None else "")
        response = self.post(path, {"email": email, "password": password, "csrf_token": self.token})
        if response.status_code in (302, 303):
            self.token = csrf_of(self.get("/staff/").text)
        return response

    @property
    def cookie(self) -> str:
        return self.http.cookies.get("staff_session") or ""


def replay(target: Target, cookie: str, method: str, path: str, data=None) -> requests.Response:
    return requests.request(method, target.web + path, data=data, headers={"Cookie": f"staff_session={cookie}"},
                            allow_redirects=False, timeout=60)


def to_sign_in(response: requests.Response) -> bool:
    return response.status_code in (302, 303) and response.headers.get("Location", "").startswith("/staff/login")


def no_data(response: requests.Response) -> bool:
    text = response.text
    return not any(marker in text for marker in DATA_MARKERS)


# -- 9 (setup): a resident completes an application with hostile text ----------------------------------------


def resident_application(t: Target) -> Tuple[str, List[str]]:
    """A whole eligible application over REST, with markup and a right-to-left override in what is typed."""
    from tests.e2e.scripts import REPORTS
    sender = "attack-" + uuid.uuid4().hex[:8]
    lines = [f"the family next door play loud music every night {XSS} and shout abuse at us {RLO}gnissim",
             "no", "myself", "no", "I reported it", *REPORTS, "no that's all", f"Oak Road, N3 2AB {XSS}",
             f"since last summer {RLO}2026", f"we can't sleep {XSS}", "no", "yes",
             f"Jo {XSS} Bloggs", "Jo Bloggs", "07700 900123 or jo@example.org", "text message", f"no {XSS}", "yes"]
    replies = []
    for line in lines:
        response = t.say(sender, line, "10.9.0.1")
        replies.append(" ".join(m.get("text") or "" for m in response.json()) if response.ok else show(response))
    found = re.search(r"Your reference is (CT-\d{4}-\d{5})", replies[-1])
    return (found.group(1) if found else ""), replies


# -- 1: anonymous requests to every staff route ---------------------------------------------------------------


def anonymous_routes(t: Target) -> None:
    a = attack("anonymous")
    ref = t.reference
    gets = ["/staff/", "/staff/?q=Bloggs", "/staff/queue.csv", "/staff/queue.csv?status=received",
            f"/staff/drafts/{ref}", f"/staff/drafts/{ref}?recheck=1", f"/staff/drafts/{ref}/print",
            "/staff/drafts/CT-2026-99999", "/staff/statistics", "/staff/audit", "/staff/audit?page=2&hide=yes",
            "/staff/accounts", "/staff//audit", "/staff/audit/", "/staff/./accounts", "/staff/%61udit",
            f"/staff/drafts/{ref}/status", "/staff/logout"]
    posts = [f"/staff/drafts/{ref}/status", f"/staff/drafts/{ref}/assign", f"/staff/drafts/{ref}/notes",
             "/staff/accounts/1/disable", "/staff/accounts/2/enable", "/staff/logout", "/staff/", "/staff/audit",
             "/staff/queue.csv"]
    forms = {"status": "acknowledged", "note": "anonymous was here", "officer": "officer@barnet.gov.uk"}
    anon = Browser(t)
    token = anon.login_form()  # a real CSRF token, for an anonymous session
    before = t.draft()

    def judge(method: str, path: str, response: requests.Response, extra: str = "") -> None:
        location = response.headers.get("Location", "").replace(t.web, "")
        tidied = response.status_code == 308 and location.startswith("/staff/")  # "//" merged: then sign-in
        ok = (to_sign_in(response) or tidied or response.status_code in REFUSED_STATUSES) and no_data(response)
        a.check(ok, f"{method} {path}{extra} {show(response)}")

    for path in gets:
        for method in ("GET", "HEAD"):
            judge(method, path, requests.request(method, t.web + path, allow_redirects=False, timeout=60))
    for path in posts:
        judge("POST", path, requests.post(t.web + path, data=forms, allow_redirects=False, timeout=60),
              " (no token)")
        judge("POST", path, anon.post(path, {**forms, "csrf_token": token}), " (anonymous session's token)")
    for method in ("PUT", "DELETE", "PATCH"):
        for path in (f"/staff/drafts/{ref}", f"/staff/drafts/{ref}/notes", "/staff/accounts/1/disable"):
            judge(method, path, requests.request(method, t.web + path, data=forms, allow_redirects=False, timeout=60))
    # forged session cookies: a made-up token, one signed with a guessed key, an unsigned one, junk
    from itsdangerous import URLSafeTimedSerializer  # what Flask signs its session cookie with
    guessed = URLSafeTimedSerializer("dev", salt="cookie-session",
                                     signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha1})
    forged = [guessed.dumps({"sid": "x" * 43, "_permanent": True}),
              base64.urlsafe_b64encode(json.dumps({"sid": "a"}).encode()).decode() + ".AAAA.AAAA",
              "", "null", "%00" * 10, "A" * 4000]
    for cookie in forged:
        for path in ("/staff/", "/staff/audit", "/staff/queue.csv"):
            judge("GET", path, replay(t, cookie, "GET", path), f" (cookie {cookie[:20]!r})")
    after = t.draft()
    a.check(after["status"] == before["status"] and len(after["notes"]) == len(before["notes"])
            and after.get("assigned_to") == before.get("assigned_to")
            and all(s.active for s in t.accounts().list() if s.email != "disabled@barnet.gov.uk"),
            f"the draft or an account changed: {before['status']}->{after['status']}, notes {after['notes']}")


# -- 2: session revocation ------------------------------------------------------------------------------------


def session_revocation(t: Target) -> None:
    a = attack("sessions")
    ref = t.reference

    def replayed_everywhere(cookie: str, token: str, why: str) -> None:
        for method, path in (("GET", "/staff/"), ("GET", "/staff/queue.csv"), ("GET", f"/staff/drafts/{ref}"),
                             ("POST", f"/staff/drafts/{ref}/notes")):
            data = {"note": f"replayed after {why}", "csrf_token": token} if method == "POST" else None
            response = replay(t, cookie, method, path, data)
            a.check((to_sign_in(response) or response.status_code == 400) and no_data(response),
                    f"cookie copied before {why}: {method} {path} {show(response)}")
        notes = [n["text"] for n in t.draft()["notes"]]
        a.check(not any("replayed" in n for n in notes), f"a note was added with a replayed cookie: {notes}")

    # the cookie works while signed in (else the rest proves nothing)
    b = Browser(t)
    first = b.sign_in("revoke1@barnet.gov.uk")
    cookie1, token1 = b.cookie, b.token
    works = replay(t, cookie1, "GET", "/staff/")
    if not a.check(first.status_code == 302 and works.status_code == 200 and "Applications" in works.text,
                   f"could not sign in to test revocation: {show(first)} then {show(works)}"):
        return
    b.sign_in("revoke1@barnet.gov.uk")  # signing in again in the same browser
    replayed_everywhere(cookie1, token1, "signing in again")
    cookie2, token2 = b.cookie, b.token
    out = b.post("/staff/logout", {"csrf_token": token2})
    a.check(to_sign_in(out), f"sign-out: {show(out)}")
    replayed_everywhere(cookie2, token2, "signing out")

    b = Browser(t)
    b.sign_in("revoke2@barnet.gov.uk")
    cookie, token = b.cookie, b.token
    t.accounts().disable("revoke2@barnet.gov.uk")
    replayed_everywhere(cookie, token, "the account was disabled")
    again = Browser(t, "192.0.2.22").sign_in("revoke2@barnet.gov.uk")
    a.check(again.status_code == 401, f"a disabled account signed in: {show(again)}")

    b = Browser(t)
    b.sign_in("revoke3@barnet.gov.uk")
    cookie, token = b.cookie, b.token
    t.accounts().set_password("revoke3@barnet.gov.uk", NEW_PASSWORD)
    replayed_everywhere(cookie, token, "the password was changed")
    old = Browser(t, "192.0.2.23").sign_in("revoke3@barnet.gov.uk")
    a.check(old.status_code == 401, f"the old password still signs in: {show(old)}")
    new = Browser(t, "192.0.2.23").sign_in("revoke3@barnet.gov.uk", NEW_PASSWORD)
    a.check(new.status_code == 302, f"the new password does not sign in: {show(new)}")
    # what the cookie is: HttpOnly, SameSite=Strict, and only a random token inside
    fresh = Browser(t)
    response = fresh.sign_in("officer@barnet.gov.uk")
    set_cookie = response.headers.get("Set-Cookie", "")
    a.check("HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie, f"staff cookie attributes: {set_cookie}")


# -- 3: audit flooding ----------------------------------------------------------------------------------------


def flood(t: Target, address: str, emails: Callable[[int], str], total: int = 600,
          threads: int = 16) -> Dict[str, int]:
    """`total` wrong sign-ins from one address as fast as the server answers."""
    local = threading.local()
    counts: Dict[str, int] = {}
    lock = threading.Lock()

    def one(n: int) -> None:
        if not hasattr(local, "browser"):
            local.browser = Browser(t, address)
            local.browser.login_form()
        try:
            response = local.browser.post("/staff/login", {"email": emails(n), "password": f"guess {n} {uuid.uuid4()}",
                                                           "csrf_token": local.browser.token})
            key = str(response.status_code)
        except requests.RequestException as exc:
            key = type(exc).__name__
        with lock:
            counts[key] = counts.get(key, 0) + 1

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(total)))
    return counts


def audit_rows(html: str) -> List[Dict]:
    body = html.split("<tbody", 1)[1] if "<tbody" in html else ""
    rows = []
    for chunk in body.split('<tr class="govuk-table__row">')[1:]:
        cells = [squash(re.sub(r"<[^>]+>", " ", c)) for c in re.findall(r'<td class="govuk-table__cell">(.*?)</td>',
                                                                            chunk, re.S)]
        if len(cells) >= 6:
            times = re.search(r"(\d+) times", cells[2])
            rows.append({"when": cells[0], "by": cells[1], "action": re.sub(r"\s*\d+ times$", "", cells[2]),
                         "count": int(times.group(1)) if times else 1, "detail": cells[4], "ip": cells[5]})
    return rows


def audit_total(html: str) -> Tuple[int, int]:
    found = re.search(r'id="audit-count">([\d,]+) events?(?:, page \d+ of (\d+))?', html)
    return (int(found.group(1).replace(",", "")), int(found.group(2) or 1)) if found else (-1, -1)


def whole_filter(manager: Browser, query: str) -> List[Dict]:
    first = manager.get("/staff/audit?" + query).text
    _, pages = audit_total(first)
    rows = audit_rows(first)
    for page in range(2, pages + 1):
        rows += audit_rows(manager.get(f"/staff/audit?{query}&page={page}").text)
    return rows


def audit_flooding(t: Target) -> None:
    a = attack("flood")
    officer = Browser(t, "192.0.2.10")
    a.check(officer.sign_in("officer@barnet.gov.uk").status_code == 302, "the officer could not sign in")
    started = time.monotonic()
    same = flood(t, "203.0.113.10", lambda n: "flood@barnet.gov.uk")
    varied = flood(t, "203.0.113.11", lambda n: f"guess{n}-{uuid.uuid4().hex[:6]}@barnet.gov.uk")
    took = time.monotonic() - started
    for label, counts, address in (("one email", same, "203.0.113.10"), ("varying emails", varied, "203.0.113.11")):
        checked = counts.get("401", 0)
        a.note(f"{label}: 600 wrong sign-ins from one address in {took / 2:.0f} s: {counts.get('429', 0)} got 429, "
               f"{checked} had their password checked (401); all statuses {counts}")
        a.check(set(counts) <= {"401", "429"}, f"{label}: statuses other than 401/429: {counts}")
        a.check(counts.get("429", 0) >= 580, f"{label}: only {counts.get('429', 0)} of 600 got 429")
        attack("race").check(checked <= 10, f"{label}: {checked} passwords were checked from one address within a "
                                            f"minute; the limit is 10 a minute ({counts}): POST /staff/login from "
                                            f"X-Forwarded-For {address}, 16 at a time; requests in flight all pass "
                                            "the limit's test before any of them is counted")
    manager = Browser(t)
    a.check(manager.sign_in("manager@barnet.gov.uk").status_code == 302, "the manager could not sign in")
    page = manager.get("/staff/audit")
    rows = audit_rows(page.text)
    total, pages = audit_total(page.text)
    a.note(f"audit log after the floods: {total} rows, {pages} pages")
    a.check(page.status_code == 200 and any(r["by"] == "manager@barnet.gov.uk" and r["action"] == "signed in"
                                            for r in rows[:5]),
            f"the manager's own sign-in is not at the top of page 1: {rows[:5]}")
    # every attempt is in the log once, on few rows: the passwords checked (one row per email), the waits,
    # and the refusals by the address limit (one row per address, whatever email was typed)
    for label, address, most in (("one email", "203.0.113.10", 5), ("varying emails", "203.0.113.11", 15)):
        grouped = whole_filter(manager, f"address={address}")
        attempts = sum(r["count"] for r in grouped)
        a.note(f"{label}: 600 attempts are {len(grouped)} audit rows: "
               + "; ".join(f"{r['by']} {r['action']} {r['count']} times ({r['detail']})" for r in grouped[:6])
               + (" ..." if len(grouped) > 6 else ""))
        a.check(len(grouped) <= most and any(r["count"] > 1 for r in grouped),
                f"{label}: 600 failures from one address are not grouped: {len(grouped)} rows")
        a.check(attempts == 600, f"{label}: 600 attempts from one address, the grouped rows count {attempts}: "
                                 f"{grouped[:6]}")
    hidden = audit_rows(manager.get("/staff/audit?hide=yes").text)
    a.check(any(r["by"] == "officer@barnet.gov.uk" and r["action"] == "signed in" for r in hidden)
            and not any(r["action"].startswith("sign-in") for r in hidden),
            f"hide=yes does not show the officer's sign-in from before the flood on page 1: {hidden[:6]}")
    who = audit_rows(manager.get("/staff/audit?who=officer%40barnet&action=signed+in").text)
    a.check(bool(who) and all(r["by"] == "officer@barnet.gov.uk" and r["action"] == "signed in" for r in who),
            f"who=&action= filter: {who[:5]}")
    last = manager.get(f"/staff/audit?page={pages}")
    a.check(any(r["action"] == "staff added" for r in audit_rows(last.text)),
            f"the oldest events (staff added) are not on the last page {pages}: {audit_rows(last.text)[-3:]}")
    middle = audit_rows(manager.get(f"/staff/audit?page={max(1, pages // 2)}").text)
    a.check(len(middle) == 50 or pages == 1, f"page {pages // 2} has {len(middle)} rows")
    for query in ("page=999999", "page=-1", "page=abc", "page=10000000000000000000", "who=%25%27%20OR%201%3D1--",
                  "since=yesterday", "until=2026-02-30", "address=" + "9" * 500, "action=" + "x" * 1000):
        response = manager.get("/staff/audit?" + query)
        a.check(response.status_code == 200 and "Audit log" in response.text, f"/staff/audit?{query} {show(response)}")
    injected = audit_rows(manager.get("/staff/audit?who=%25%27%20OR%201%3D1--").text)
    a.check(not injected, f"who='%' OR 1=1-- matched {len(injected)} rows")


# -- 4: account enumeration and lock-out ----------------------------------------------------------------------


def _normalised(response: requests.Response, email: str) -> str:
    text = response.text.replace(email, "EMAIL")
    text = re.sub(r'name="csrf_token" value="[^"]+"', 'name="csrf_token" value="TOKEN"', text)
    return re.sub(r"Wait \d+ (second|minute)s?", "Wait N", text)


def enumeration(t: Target, slow_result: Dict) -> None:
    a = attack("enumeration")
    known, unknown, disabled = "known@barnet.gov.uk", "nobody-here@barnet.gov.uk", "disabled@barnet.gov.uk"
    t.accounts().disable(disabled)
    samples: Dict[str, List[Tuple[float, requests.Response]]] = {"known": [], "unknown": [], "disabled": []}
    plan = [kind for kind in samples for _ in range(9)]
    random.shuffle(plan)
    for n, kind in enumerate(plan):
        b = Browser(t, f"198.18.{n // 200}.{n % 200 + 1}")  # a fresh address each: no wait, no limit
        b.login_form()
        email = {"known": known, "unknown": unknown, "disabled": disabled}[kind]
        password = PASSWORD if kind == "disabled" else f"wrong password {n}"
        start = time.perf_counter()
        response = b.post("/staff/login", {"email": email, "password": password, "csrf_token": b.token})
        samples[kind].append((time.perf_counter() - start, response))
    medians = {kind: statistics.median(s for s, _ in values) for kind, values in samples.items()}
    a.note("median sign-in time: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in medians.items()))
    emails = {"known": known, "unknown": unknown, "disabled": disabled}
    bodies = {kind: {_normalised(r, emails[kind]) for _, r in values} for kind, values in samples.items()}
    statuses = {kind: {r.status_code for _, r in values} for kind, values in samples.items()}
    for kind in ("known", "disabled"):
        a.check(statuses[kind] == statuses["unknown"] == {401}, f"{kind} vs unknown statuses: {statuses}")
        a.check(bodies[kind] == bodies["unknown"] and len(bodies[kind]) == 1,
                f"{kind} vs unknown bodies differ (email and token removed)")
        gap = abs(medians[kind] - medians["unknown"])
        a.check(gap < max(0.03, 0.25 * medians["unknown"]),
                f"{kind} vs unknown median time {medians[kind] * 1000:.0f} vs {medians['unknown'] * 1000:.0f} ms")
    # after five wrong tries from one address: the waits, for a real and an unknown email
    waits = {}
    for kind, email, address in (("known", known, "198.19.0.1"), ("unknown", unknown, "198.19.0.2")):
        b = Browser(t, address)
        b.login_form()
        responses = [b.post("/staff/login", {"email": email, "password": f"wrong {n}", "csrf_token": b.token})
                     for n in range(7)]
        waits[kind] = responses
        a.check([r.status_code for r in responses] == [401] * 7, f"{kind}: 7 wrong tries gave "
                                                                   f"{[r.status_code for r in responses]}")
    for n in range(5, 7):
        k, u = _normalised(waits["known"][n], known), _normalised(waits["unknown"][n], unknown)
        a.check(k == u and "Wait N" in k, f"try {n + 1}: a waiting known account answers differently from an "
                                          f"unknown email: {squash(re.sub('<[^>]+>', ' ', k))[:300]!r}")
    lock = attack("lockout")
    # the real officer, at their own desk (another address), is not held up by the guessing
    desk = Browser(t, "192.0.2.50")
    response = desk.sign_in(known)
    lock.check(response.status_code == 302, f"{known} from another address after 7+9 wrong tries elsewhere: "
                                         f"{show(response)}")
    # the guesser cannot get a fresh address by writing its own X-Forwarded-For entry in front of the proxy's
    guesser = Browser(t, "203.0.113.99, 198.19.0.1")
    response = guesser.sign_in(known)
    lock.check(response.status_code == 401 and "Wait" in response.text,
            f"X-Forwarded-For '203.0.113.99, <waiting address>' with the right password: {show(response)}")
    # per-address limit: 10 wrong a minute; a forged entry in front does not reset it
    limited = Browser(t, "198.19.0.9")
    limited.login_form()
    codes = [limited.post("/staff/login", {"email": f"x{n}@barnet.gov.uk", "password": "wrong",
                                           "csrf_token": limited.token}).status_code for n in range(11)]
    lock.check(codes[:10] == [401] * 10 and codes[10] == 429, f"11 wrong tries from one address: {codes}")
    forged = Browser(t, "203.0.113.98, 198.19.0.9")
    forged.login_form()
    response = forged.post("/staff/login", {"email": "x@barnet.gov.uk", "password": "wrong",
                                            "csrf_token": forged.token})
    lock.check(response.status_code == 429, f"limited address behind a forged X-Forwarded-For entry: {show(response)}")
    # one address guessing slowly, under its own limits (background thread, started first)
    slow = slow_result
    lock.note(f"one address guessing {slow['email']} slowly: {slow['tries']} wrong tries in {slow['seconds']:.0f} s "
              f"(statuses {slow['codes']}); the audit log says: {slow['audit']}")
    lock.check(slow["desk"].status_code == 302,
            f"ONE address (203.0.113.50) sent {slow['tries']} wrong passwords for {slow['email']}, one every "
            f"{slow['interval']:.1f} s (under its own limit of 10 a minute, 50 an hour; statuses {slow['codes']}); "
            f"then the officer, with the right password from another address (192.0.2.51): POST /staff/login "
            f"{show(slow['desk'])}")


def slow_guessing(t: Target, result: Dict) -> None:
    """One address guesses one officer's password just under its own limits (10 a minute), 31 times, then the
    officer signs in from their own desk. Runs in the background while the rest goes on."""
    email, interval = "slow@barnet.gov.uk", 6.3
    b = Browser(t, "203.0.113.50")
    b.login_form()
    codes, start = [], time.monotonic()
    for n in range(31):
        tick = time.monotonic()
        codes.append(b.post("/staff/login", {"email": email, "password": f"guess {n}",
                                             "csrf_token": b.token}).status_code)
        time.sleep(max(0.0, interval - (time.monotonic() - tick)))
    summary = {}
    for code in codes:
        summary[code] = summary.get(code, 0) + 1
    desk = Browser(t, "192.0.2.51").sign_in(email)
    manager = Browser(t)
    manager.sign_in("manager@barnet.gov.uk")
    audit = "; ".join(f"{r['action']} {r['count']} times ({r['detail']}, {r['ip']})"
                      for r in whole_filter(manager, "who=slow%40barnet.gov.uk"))
    result.update(email=email, interval=interval, tries=len(codes), codes=summary, audit=audit,
                  seconds=time.monotonic() - start, desk=desk)


# -- 5: webhook abuse -----------------------------------------------------------------------------------------


def acceptable(body) -> bool:
    """Would the REST channel accept this body (README)? Used to tell garbage from a valid message."""
    if not isinstance(body, dict) or set(body) != {"sender", "message"}:
        return False
    sender, message = body["sender"], body["message"]
    return (isinstance(sender, str) and isinstance(message, str) and 0 < len(sender) <= 200
            and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", sender) is not None and len(message) <= 5000
            and "\x00" not in message)


def garbage(rng: random.Random) -> bytes:
    kind = rng.randrange(8)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 3000)))
    if kind == 1:
        return "".join(rng.choice(string.printable) for _ in range(rng.randrange(0, 3000))).encode()
    if kind == 2:  # truncated valid JSON
        text = json.dumps({"sender": "garbage-x", "message": "hello " * rng.randrange(1, 50)})
        return text[:rng.randrange(0, len(text) - 1)].encode()
    if kind == 3:  # extra keys of any type
        return json.dumps({"sender": "garbage-x", "message": "hi",
                           rng.choice(["metadata", "input_channel", "__proto__", "", "sender "]):
                               rng.choice([None, 1, [1] * 50, {"a": "b"}, "x" * 500])}).encode()
    if kind == 4:  # wrong types
        value = rng.choice([None, 1, 1.5, True, [], {}, ["hi"], {"text": "hi"}, -1e308])
        return json.dumps(rng.choice([{"sender": value, "message": "hi"}, {"sender": "garbage-x", "message": value},
                                      value])).encode()
    if kind == 5:  # bad senders
        sender = rng.choice(["a:b", "a/b", "a b", "../etc/passwd", "-x", ".x", "é", "a\u202eb", "x" * 201, " ",
                             "a\nb", "a\tb", "<script>", "a;b", "a%00"])
        return json.dumps({"sender": sender, "message": "hello"}).encode()
    if kind == 6:  # control characters and surrogates in the message
        return ('{"sender": "garbage-x", "message": "hi' + rng.choice(["\\u0000", "\\ud800", "\\udfff\\ud800",
                                                                       "\u0000"]) + '"}').encode()
    depth = rng.randrange(1000, 30000)  # nested, under the size limit
    return (rng.choice(["[", '{"a":']) * depth).encode()


def webhook_abuse(t: Target) -> None:
    a = attack("webhook")
    url = f"{t.rasa}/webhooks/rest/webhook"
    before = t.tracker_bytes()
    senders = ["abuse-meta", "abuse-body", "abuse-long", "abuse-nul", "abuse-5001", "abuse-types", "garbage-x"]
    address_n = [0]

    def post(body, content_type="application/json", expect=(400, 413), label=""):
        address_n[0] += 1
        headers = {"Content-Type": content_type, "X-Forwarded-For": f"10.50.{address_n[0] // 250}."
                                                                   f"{address_n[0] % 250 + 1}"}
        data = body if isinstance(body, (bytes, str)) or hasattr(body, "__next__") else json.dumps(body)
        try:
            response = requests.post(url, data=data, headers=headers, timeout=120)
        except requests.RequestException as exc:
            # a huge body may be cut off by the server: a refusal too, as long as the server is still up
            up = requests.get(t.rasa + "/", timeout=10).status_code == 200
            a.check(up and label.startswith("5 MB"), f"{label}: {type(exc).__name__} {exc}; server up: {up}")
            return
        a.check(response.status_code in expect, f"POST /webhooks/rest/webhook {label} {show(response)}")

    big = "A" * (5 * 1024 * 1024)
    post({"sender": "abuse-meta", "message": "hi", "metadata": {"x": big}}, label="5 MB metadata", expect=(413,))
    post({"sender": "abuse-body", "message": big}, label="5 MB message", expect=(413,))
    post(b'{"sender": "abuse-body", "message": "' + b"B" * (5 * 1024 * 1024) + b'"}', label="5 MB raw body",
         expect=(413,))

    def chunks():
        yield b'{"sender": "abuse-body", "message": "'
        for _ in range(80):
            yield b"C" * 65536
        yield b'"}'
    post(chunks(), label="5 MB chunked body (no Content-Length)", expect=(413,))
    post({"sender": "abuse-long", "message": "x" * 20000}, label="20,000-character message", expect=(400,))
    post({"sender": "abuse-5001", "message": "x" * 5001}, label="5,001-character message", expect=(400,))
    post({"sender": "abuse-long", "message": "y" * 20000 + "\x00"}, label="20,001 characters with NUL",
         expect=(400,))
    post({"sender": "abuse-nul", "message": "hello\x00world"}, label="NUL in message", expect=(400,))
    post({"sender": "abuse-nul\x00", "message": "hello"}, label="NUL in sender", expect=(400,))
    post({"sender": "abuse-nul", "message": "hi", "input_channel": "rest"}, label="extra key", expect=(400,))
    for sender in ("someone:else", "a/b", "a b", "../../tracker", "x" * 201, "", " ", "é", "-lead", "a\u202eb",
                   "a:1", "%2e%2e"):
        post({"sender": sender, "message": "hi"}, label=f"sender {sender[:30]!r}", expect=(400,))
    post(b"[" * 100_000, label="100,000 '['", expect=(413,))
    post(b"[" * 60_000, label="60,000 '['", expect=(400,))
    post(b'{"a":' * 12_000, label="12,000 nested objects", expect=(400,))
    post(b'{"sender": "abuse-types", "message": ' + b"[" * 20_000 + b"]" * 20_000 + b"}",
         label="nested list as message", expect=(400,))
    for body in ([], "hi", 1, None, True, {"sender": 1, "message": "hi"}, {"sender": "abuse-types", "message": 1},
                 {"sender": "abuse-types", "message": None}, {"sender": "abuse-types", "message": ["hi"]},
                 {"sender": "abuse-types", "message": {"text": "hi"}}, {"sender": ["a"], "message": "hi"},
                 {"message": "hi"}, {"sender": "abuse-types"}, {}):
        post(body, label=f"wrong types {json.dumps(body)[:60]}", expect=(400,))
    post(b"", label="empty body", expect=(400,))
    post(b"\xff\xfe\x00garbage", label="invalid UTF-8", expect=(400,))
    post(b'{"sender": "abuse-types", "message": "\\ud800"}', label="lone surrogate", expect=(400,))
    post(b"sender=abuse-types&message=hi", "application/x-www-form-urlencoded", label="form body", expect=(400,))
    for method in ("GET", "PUT", "DELETE"):
        response = requests.request(method, url, data=b"{}", timeout=60)
        a.check(response.status_code < 500, f"{method} /webhooks/rest/webhook {show(response)}")
    grew = t.tracker_bytes() - before
    a.note(f"tracker.db grew by {grew} bytes during the big requests")
    a.check(grew <= 8192, f"the conversation store grew by {grew} bytes after refused requests")
    # 1,000 garbage bodies, 100 from each of 10 addresses (so the address limit does not hide the answers)
    rng = random.Random(20261203)
    bodies = []
    while len(bodies) < 1000:
        body = garbage(rng)
        try:
            if acceptable(json.loads(body)):
                continue
        except (ValueError, UnicodeDecodeError, RecursionError):
            pass
        bodies.append(body)
    statuses: Dict[int, int] = {}
    lock = threading.Lock()

    def send(n: int) -> None:
        body = bodies[n]
        try:
            response = requests.post(url, data=body, headers={"Content-Type": "application/json",
                                                              "X-Forwarded-For": f"10.51.0.{n // 100 + 1}"},
                                     timeout=60)
            status = response.status_code
        except requests.RequestException as exc:
            status, response = -1, None
            a.check(False, f"garbage body {body[:80]!r}: {type(exc).__name__}")
            return
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
        a.check(400 <= status < 500, f"garbage body {body[:80]!r} {show(response)}")

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(send, range(len(bodies))))
    a.note(f"1,000 garbage bodies: statuses {dict(sorted(statuses.items()))}")
    stored = t.stored_events(senders)
    a.check(stored == 0, f"{stored} events stored for refused senders {senders}")


# -- 6: rate limits -------------------------------------------------------------------------------------------


def rate_limits(t: Target) -> None:
    a = attack("rates")
    url = f"{t.rasa}/webhooks/rest/webhook"
    sender, address = "rate-" + uuid.uuid4().hex[:6], "10.60.0.1"
    # all 61 at once: each is counted as it arrives, so the 61st is refused at once while the 60 are answered
    # one after another (Rasa serves one conversation's turns in order)
    start = time.monotonic()
    with ThreadPoolExecutor(61) as pool:
        futures = [pool.submit(t.say, sender, "hello" if n % 2 else "what is the community trigger", address, 300)
                   for n in range(61)]
        first_refusal = None
        for future in as_completed(futures):
            if future.result().status_code == 429:
                first_refusal = time.monotonic() - start
                # at once, while the minute is still running: the same conversation from elsewhere, and another
                # conversation from the same address
                again = t.say(sender, "hello", "10.60.0.7")
                other = t.say("rate-other-" + uuid.uuid4().hex[:6], "hello", address, 300)
                break
        responses = [f.result() for f in futures]
        finished = time.monotonic() - start
    codes = sorted(r.status_code for r in responses)
    a.note(f"61 messages at once in one conversation: {codes.count(200)} answered (the last after {finished:.0f} s), "
           f"{codes.count(429)} got 429 after "
           + (f"{first_refusal:.1f} s" if first_refusal is not None else "-"))
    refused = [r for r in responses if r.status_code == 429]
    a.check(codes.count(200) == 60 and len(refused) == 1, f"61 messages in one conversation: statuses {codes}")
    a.check(first_refusal is not None and first_refusal < 60, f"the 429 came after {first_refusal} s")
    for r in refused:
        a.check(r.headers.get("Retry-After", "").isdigit() and int(r.headers["Retry-After"]) >= 1,
                f"429 without a usable Retry-After: {show(r)}")
    if first_refusal is not None:
        a.check(again.status_code == 429, f"the same conversation from another address: {show(again)}")
        a.check(other.status_code == 200 and "danger" in other.text,
                f"another conversation, same address: {show(other)}")
    # 601 requests a minute from one address (cheap refused ones: garbage counts too)
    flood_address = "10.60.0.2"
    start = time.monotonic()
    with ThreadPoolExecutor(12) as pool:
        first = list(pool.map(lambda n: requests.post(url, data=b'{"sender": "bad:sender", "message": "x"}',
                                                      headers={"X-Forwarded-For": flood_address}, timeout=60),
                              range(600)))
    took = time.monotonic() - start
    codes = {}
    for r in first:
        codes[r.status_code] = codes.get(r.status_code, 0) + 1
    a.note(f"600 requests from one address in {took:.1f} s: {codes}")
    a.check(codes == {400: 600} and took < 60, f"600 requests from one address in {took:.0f} s: {codes}")
    last = t.say("rate-601-" + uuid.uuid4().hex[:6], "hello", flood_address)
    a.check(last.status_code == 429 and last.headers.get("Retry-After", "").isdigit(),
            f"601st request from one address: {show(last)}")
    for forged in (f"10.99.0.1, {flood_address}", f"{flood_address}, 10.99.0.1, {flood_address}"):
        response = t.say("rate-forged-" + uuid.uuid4().hex[:6], "hello", forged)
        a.check(response.status_code == 429, f"X-Forwarded-For {forged!r} after the limit: {show(response)}")
    response = t.say("rate-elsewhere-" + uuid.uuid4().hex[:6], "hello", "10.60.0.3")
    a.check(response.status_code == 200 and "danger" in response.text, f"another address: {show(response)}")


# -- 7: socket.io ---------------------------------------------------------------------------------------------


class Socket:
    def __init__(self, url: str, origin: Optional[str]):
        self.client = socketio.Client(reconnection=False)
        self.replies: List[Dict] = []
        self.refusals: List[str] = []
        self.disconnected = threading.Event()
        self.got = threading.Event()
        self.client.on("bot_uttered", lambda data: (self.replies.append(data), self.got.set()))
        self.client.on("refused", lambda data: (self.refusals.append(str((data or {}).get("error"))),
                                                self.got.set()))
        self.client.on("disconnect", lambda *args: (self.disconnected.set(), self.got.set()))
        self.client.connect(url, socketio_path="/socket.io", transports=["polling"], wait_timeout=10,
                            headers={"Origin": origin} if origin else {})

    def send(self, event: str, data, wait: float = 20) -> bool:
        self.got.clear()
        self.client.emit(event, data)
        return self.got.wait(wait)

    def close(self) -> None:
        try:
            self.client.disconnect()
        except Exception:  # noqa: BLE001
            pass


def socket_io(t: Target) -> None:
    a = attack("socketio")
    web_port = t.servers.ports.web
    for origin in ("https://evil.example", f"http://127.0.0.1:{web_port}.evil.example", "null",
                   f"http://evil.example:{web_port}", f"https://127.0.0.1:{web_port}"):
        try:
            Socket(t.rasa, origin).close()
            a.check(False, f"socket.io connected with Origin {origin}")
        except socketio.exceptions.ConnectionError as exc:
            a.check(True, "")
            if origin == "https://evil.example":
                a.note(f"Origin https://evil.example: {exc}")
    origin = f"http://127.0.0.1:{web_port}"
    session = "sock-" + uuid.uuid4().hex[:8]
    bad_sessions = ["someone:else", "a/b", "a b", "x" * 201]
    socket_ = Socket(t.rasa, origin)
    try:
        socket_.send("session_request", {"session_id": session}, wait=2)
        for bad in bad_sessions:
            socket_.send("session_request", {"session_id": bad})
            a.check(bool(socket_.refusals) and "session_id" in socket_.refusals[-1],
                    f"session_request with session_id {bad[:30]!r}: refusals {socket_.refusals[-1:]}")
        cases = [({"message": "z" * 20009 + "\x00", "session_id": session}, "20,009 characters with NUL"),
                 ({"message": "z" * 20009, "session_id": session}, "20,009 characters"),
                 ({"message": "hello\x00", "session_id": session}, "NUL"),
                 ({"message": "hello", "session_id": session, "metadata": {"big": "y" * 30000}}, "metadata"),
                 ({"message": "hello", "session_id": session, "customData": {"a": 1}}, "customData"),
                 ({"message": ["not", "text"], "session_id": session}, "message not text"),
                 ({"message": {"text": "hi"}, "session_id": session}, "message an object"),
                 ({"message": "hello"}, "no session_id"),
                 ({"message": "hello", "session_id": 12}, "session_id a number"),
                 ("just a string", "a string instead of an object"),
                 ([1, 2, 3], "a list instead of an object")]
        cases += [({"message": "hello", "session_id": bad}, f"session_id {bad[:30]!r}") for bad in bad_sessions]
        for data, label in cases:
            count = len(socket_.refusals)
            arrived = socket_.send("user_uttered", data)
            a.check(arrived and len(socket_.refusals) == count + 1 and not socket_.replies,
                    f"user_uttered {label}: refused event {arrived}, refusals {socket_.refusals[count:]}, "
                    f"replies {socket_.replies[:1]}")
    finally:
        socket_.close()
    # a packet over the 64 KB bound: the connection is dropped, nothing answered
    big = Socket(t.rasa, origin)
    try:
        big.send("user_uttered", {"message": "w" * 100_000, "session_id": session + "-big"})
        a.check(not big.replies and (big.disconnected.is_set() or big.refusals),
                f"a 100,000-character packet: replies {big.replies[:1]}, refusals {big.refusals}")
    finally:
        big.close()
    stored = t.stored_events([session, session + "-big", *bad_sessions])
    a.check(stored == 0, f"{stored} events stored for refused socket.io messages")
    # 61 messages in a minute in one socket.io conversation: the 61st refused
    rate = Socket(t.rasa, origin)
    rate_session = "sock-rate-" + uuid.uuid4().hex[:6]
    try:
        rate.send("session_request", {"session_id": rate_session}, wait=1)
        for n in range(61):  # paced: engine.io refuses a polling payload of more than 16 packets
            rate.client.emit("user_uttered", {"message": "hello", "session_id": rate_session})
            time.sleep(0.2)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not rate.refusals:
            time.sleep(0.2)
        time.sleep(1)
        a.check(len(rate.refusals) == 1 and "Too many messages" in rate.refusals[0],
                f"61 socket.io messages in a minute: refusals {rate.refusals}")
    finally:
        rate.close()


# -- 8: the action server -------------------------------------------------------------------------------------


def raw(port: int, method: str, path: str, body: bytes = b"", headers=None) -> Tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def hand_made_call(sender: str) -> bytes:
    slots = {"asking": "summary_confirmed", "opened": True, "applicant_name": "Eve Attacker",
             "applicant_phone": "07700 900999", "consent_to_share": True}
    return json.dumps({"next_action": "action_converse", "sender_id": sender, "version": "3.6.0",
                       "tracker": {"sender_id": sender, "slots": slots, "events": [],
                                   "latest_message": {"text": "yes", "intent": {"name": "affirm"}},
                                   "active_loop": {}, "paused": False, "latest_action_name": "action_listen"},
                       "domain": {}}).encode()


def listening(port: int) -> set:
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            address, hex_port = parts[1].rsplit(":", 1)
            if parts[3] == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def action_server(t: Target) -> None:
    a = attack("actions")
    port = t.servers.ports.actions
    before = t.draft_count()
    body = hand_made_call("attacker-" + uuid.uuid4().hex[:6])
    token = t.env["TRIGGER_ACTION_TOKEN"]
    for label, headers in (("no token", {}), ("wrong token", {"X-Action-Token": "wrong-but-long-enough-token"}),
                           ("empty token", {"X-Action-Token": ""}), ("token in upper case",
                                                                     {"X-Action-Token": token.upper()}),
                           ("token prefix", {"X-Action-Token": token[:-1]}),
                           ("token plus more", {"X-Action-Token": token + "x"}),
                           ("Authorization header", {"Authorization": f"Bearer {token[:8]}"})):
        for path in ("/webhook", "/webhook/", "/webhook?x=1", "/webhook//"):
            status, reply = raw(port, "POST", path, body, headers)
            a.check(status == 401, f"POST {path} ({label}) -> {status} {reply[:200]!r}")
    # paths that might reach the webhook without matching the token check
    odd = {}
    for path in ("//webhook", "/./webhook", "/%77ebhook", "/webhook%2f", "/Webhook", "/webhook;x", "/webhook%00",
                 "/webhook/.", "/a/../webhook"):
        status, reply = raw(port, "POST", path, body)
        a.check(status not in range(200, 300) and b'"events"' not in reply,
                f"POST {path} (no token) -> {status} {reply[:200]!r}")
        odd[path] = status
    a.check(t.draft_count() == before, f"a hand-made call wrote a draft: {t.draft_count() - before} new")
    # unknown paths and methods: 404/405, as any server says, not a 500 with a traceback in the log
    log = t.data / "logs" / "actions.log"
    size = log.stat().st_size if log.exists() else 0
    other = attack("actions-other")
    for method, path in (("GET", "/nothing"), ("POST", "/health"), ("POST", "//webhook"), ("GET", "/webhook")):
        status, reply = raw(port, method, path)
        other.check(status in (401, 404, 405), f"{method} {path} -> {status} {reply[:200]!r} (the action server's "
                                           "catch-all error handler answers 500 and logs a traceback)")
    grown = (log.stat().st_size if log.exists() else 0) - size
    other.note(f"path tricks without a token: {odd}; 4 unknown-path requests added {grown} bytes to actions.log")
    # every server listens on loopback only
    for name, p in (("action server", port), ("Rasa", t.servers.ports.rasa), ("web app", t.servers.ports.web)):
        addresses = listening(p)
        a.check(addresses == {"0100007F"}, f"{name} listens on {addresses} (0100007F is 127.0.0.1)")
        try:
            with socket.create_connection(("127.0.0.2", p), timeout=3):
                a.check(False, f"{name} answers on 127.0.0.2:{p}: it is not bound to 127.0.0.1 only")
        except OSError:
            a.check(True, "")


# -- 9: staff pages -------------------------------------------------------------------------------------------


def without_bdi(html: str) -> str:
    return re.sub(r"<bdi>.*?</bdi>", "", html, flags=re.S)


def staff_pages(t: Target, replies: List[str]) -> None:
    a = attack("pages")
    ref = t.reference
    a.check(bool(ref), "the hostile application was not saved: " + " | ".join(replies[-3:])[:600])
    if not ref:
        return
    manager = Browser(t)
    manager.sign_in("manager@barnet.gov.uk")
    pages = {path: manager.get(path) for path in (
        "/staff/", f"/staff/drafts/{ref}", f"/staff/drafts/{ref}/print", "/staff/?q=script", "/staff/audit",
        "/staff/statistics", "/staff/accounts", f"/staff/drafts/{ref}?recheck=1")}
    for path, response in pages.items():
        html = response.text
        a.check(response.status_code == 200 and "<script>alert" not in html and "<img src=x" not in html,
                f"GET {path}: raw markup from a resident {show(response)}")
        outside = without_bdi(html)
        a.check(RLO not in outside, f"GET {path}: U+202E outside <bdi>: "
                f"{[squash(outside[max(0, m.start() - 80):m.start() + 20]) for m in re.finditer(RLO, outside)][:2]}")
    for query in ("q=%25%27%20OR%201%3D1--", "q=" + "%00" * 50, "status=%27;drop%20table%20drafts;--",
                  "officer=%27%20OR%20%271%27=%271", "page=99999999999999999999", "page=-5", "q=" + "x" * 5000):
        response = manager.get("/staff/?" + query)
        a.check(response.status_code == 200 and "<script>alert" not in response.text,
                f"GET /staff/?{query[:60]} {show(response)}")
    for path in ("/staff/drafts/..%2f..%2fetc%2fpasswd", "/staff/drafts/CT-2026-00001%27%20OR%201=1--",
                 "/staff/drafts/" + "9" * 3000):
        response = manager.get(path)
        a.check(response.status_code == 404, f"GET {path[:60]} {show(response)}")
    draft_html = pages[f"/staff/drafts/{ref}"].text
    a.check("&lt;script&gt;alert(&#34;xss&#34;)" in draft_html, "the markup is not shown escaped on the draft page")
    a.check(RLO in draft_html and "<bdi>" in draft_html,
            "the transcript's U+202E did not reach the draft page (nothing to isolate)")
    csv_response = manager.get("/staff/queue.csv")
    cells = [cell for line in csv_response.text.splitlines()[1:] for cell in line.split(",")]
    a.check(not any(c[:1] in "=+-@" and c for c in cells), f"a CSV cell starts with a formula character: {cells}")
    # the store itself refuses what the conversation refuses, whoever calls it
    from datetime import date
    from bot.drafts.repository import DraftError
    from bot.rules.application import application_from_dict
    from bot.rules.eligibility import decide
    from bot.rules.policy import load_policy
    from tests.web.conftest import draft_record
    for label, changes in (("U+202E in the name", {"applicant": {"name": f"Jo {RLO}sggolB"}}),
                           ("markup in the name", {"applicant": {"name": XSS}}),
                           ("U+202E in the description", {"asb": {"description": f"noise {RLO}2026"}}),
                           ("U+2066 in the location", {"asb": {"location": "Oak Road \u2066N3"}}),
                           ("a web address as the name", {"applicant": {"name": "https://evil.example/x"}})):
        record = draft_record(f"store-{uuid.uuid4().hex[:6]}:a", **changes)
        try:
            decision = decide(application_from_dict(record), load_policy(), date(2026, 3, 10))
            saved = t.store.save(record, decision)
            a.check(False, f"DraftStore.save accepted {label}: {saved.reference}")
        except DraftError as refusal:
            a.check(True, "")
            a.note(f"DraftStore.save refuses {label}: {str(refusal)[:90]}")
    # never cached; the usual headers
    h = attack("headers")
    for path in ("/staff/login", "/staff/", f"/staff/drafts/{ref}", f"/staff/drafts/{ref}/print", "/staff/audit",
                 "/staff/statistics", "/staff/accounts", "/staff/queue.csv", "/staff/queue.csv?status=received"):
        response = manager.get(path)
        h.check(response.headers.get("Cache-Control") == "no-store", f"GET {path}: Cache-Control "
                                                                     f"{response.headers.get('Cache-Control')!r}")
        csp = response.headers.get("Content-Security-Policy", "")
        h.check("script-src 'self'" in csp and "frame-ancestors 'none'" in csp
                and response.headers.get("X-Content-Type-Options") == "nosniff", f"GET {path}: headers {csp!r}")
    anonymous = requests.get(t.web + f"/staff/drafts/{ref}", allow_redirects=False, timeout=30)
    h.check(anonymous.headers.get("Cache-Control") == "no-store", f"redirect to sign-in: {show(anonymous)}")
    # a forged Host (and forwarded host) never ends up in a redirect
    r = attack("redirects")
    for path, headers in (("/staff", {"Host": "evil.example"}), ("/staff", {"X-Forwarded-Host": "evil.example"}),
                          ("/staff//audit", {"Host": "evil.example"}), ("/staff//", {"Host": "evil.example"}),
                          (f"/staff/drafts/{ref}", {"Host": "evil.example"}),
                          ("/staff/", {"Host": "evil.example", "X-Forwarded-Host": "evil.example",
                                       "X-Forwarded-Proto": "https"})):
        response = requests.get(t.web + path, headers=headers, allow_redirects=False, timeout=30)
        location = response.headers.get("Location", "")
        r.check(response.status_code in (301, 302, 307, 308) and "evil" not in location and location.startswith("/"),
                f"GET {path} {headers}: {show(response)}")
    host_login = Browser(t)
    host_login.login_form()
    response = requests.post(t.web + "/staff/login", data={"email": "redirect@barnet.gov.uk", "password": PASSWORD,
                                                           "csrf_token": host_login.token}, allow_redirects=False,
                             headers={"Host": "evil.example", "Cookie": f"staff_session={host_login.cookie}"},
                             timeout=30)
    r.check("evil" not in response.headers.get("Location", "x evil"), f"sign-in with Host evil.example: "
                                                                      f"{show(response)}")
    # next= after signing in: only a page of this app
    targets = ["//evil.example", "//evil.example/staff/", "https://evil.example", "https://evil.example/staff/",
               "/\\evil.example", "/\\\\evil.example", "\\\\evil.example", "/staff/%0d%0aSet-Cookie:%20x=1",
               "/staff/%0aLocation:%20https://evil.example", "%2f%2fevil.example", "/%2fevil.example",
               "/staff/\\evil.example", "https:evil.example", "javascript:alert(1)", "/%09/evil.example",
               "///evil.example", "/staff/@evil.example", "http://127.0.0.1@evil.example/staff/",
               " //evil.example", "/staff/#//evil.example"]
    for target in targets:
        b = Browser(t)
        response = b.sign_in("redirect@barnet.gov.uk", next_=target)
        r.check(response.status_code == 302 and response.headers.get("Location") == "/staff/"
                and "x=1" not in response.headers.get("Set-Cookie", ""),
                f"POST /staff/login?next={target} {show(response)}")
    page = requests.get(t.web + '/staff/login?next="><script>alert(1)</script>', timeout=30)
    r.check("<script>alert(1)" not in page.text, "the sign-in page reflects next= as markup")
    # Rasa does not say its version, and its HTTP API is off
    v = attack("rasa")
    for path in ("/", "/nothing-here"):
        response = requests.get(t.rasa + path, timeout=30)
        said = response.text + " ".join(f"{name}: {value}" for name, value in response.headers.items())
        v.check("Rasa" not in said and not re.search(r"\b3\.\d+\.\d+", said), f"GET {path} on Rasa {show(response)}")
    for method, path in (("GET", "/version"), ("GET", "/status"), ("GET", f"/conversations/attack/tracker"),
                         ("POST", "/model/parse"), ("GET", "/domain"), ("PUT", "/model"),
                         ("POST", "/conversations/attack/messages")):
        response = requests.request(method, t.rasa + path, json={"text": "hi"}, timeout=30)
        v.check(response.status_code in (401, 403, 404, 405), f"{method} {path} on Rasa (API off) {show(response)}")
    server = requests.get(t.web + "/", timeout=30).headers.get("Server", "")
    v.check(not re.search(r"\d+\.\d+", server), f"the web app's Server header says a version: {server!r}")
    # REST from a foreign origin gets no CORS permission
    response = requests.options(f"{t.rasa}/webhooks/rest/webhook", timeout=30,
                                headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    v.check("evil" not in response.headers.get("Access-Control-Allow-Origin", "")
            and response.headers.get("Access-Control-Allow-Origin") != "*",
            f"CORS preflight from https://evil.example {show(response)}")


# -- 10: CSRF -------------------------------------------------------------------------------------------------


def csrf(t: Target) -> None:
    a = attack("csrf")
    ref = t.reference
    officer, manager = Browser(t), Browser(t)
    officer.sign_in("officer@barnet.gov.uk")
    manager.sign_in("manager@barnet.gov.uk")
    before = t.draft()
    victim = next(s for s in t.accounts().list() if s.email == "known@barnet.gov.uk")
    forms = {f"/staff/drafts/{ref}/status": {"status": "acknowledged", "note": "csrf was here"},
             f"/staff/drafts/{ref}/assign": {"officer": "officer@barnet.gov.uk"},
             f"/staff/drafts/{ref}/notes": {"note": "csrf was here"},
             "/staff/logout": {}}
    other = Browser(t)
    other_token = other.login_form()
    for who, browser in (("officer", officer), ("manager", manager)):
        paths = dict(forms)
        if who == "manager":
            paths[f"/staff/accounts/{victim.id}/disable"] = {}
        foreign = manager.token if who == "officer" else officer.token
        for path, data in paths.items():
            for label, token, headers in (("no token", None, {}), ("empty token", "", {}),
                                          ("wrong token", "IjEyMyI.abc.def", {}),
                                          ("another officer's token", foreign, {}),
                                          ("an anonymous session's token", other_token, {}),
                                          ("wrong X-CSRFToken header", None, {"X-CSRFToken": "abc"}),
                                          ("no token, from a foreign Origin", None,
                                           {"Origin": "https://evil.example", "Referer": "https://evil.example/"})):
                form = dict(data)
                if token is not None:
                    form["csrf_token"] = token
                response = browser.post(path, form, headers=headers)
                a.check(response.status_code == 400, f"{who}: POST {path} ({label}) {show(response)}")
            response = browser.get(path + "?" + "&".join(f"{k}={v}" for k, v in data.items()))
            a.check(response.status_code == 405, f"{who}: GET {path} {show(response)}")
    after = t.draft()
    a.check(after["status"] == before["status"] and len(after["notes"]) == len(before["notes"])
            and after.get("assigned_to") == before.get("assigned_to"),
            f"the draft changed: status {after['status']}, notes {after['notes']}, assigned {after.get('assigned_to')}")
    a.check(all(s.active for s in t.accounts().list() if s.email == "known@barnet.gov.uk"), "an account was disabled")
    still = officer.get("/staff/")
    a.check(still.status_code == 200, f"the officer was signed out by a logout without a token: {show(still)}")


# -- running it ----------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    data_dir = Path(tempfile.mkdtemp(prefix="attack-"))
    print(f"starting the service in {data_dir} ...", flush=True)
    servers = start_servers(data_dir, DEFAULT_LIMITS)
    try:
        t = Target(servers)
        accounts = t.accounts()
        for email, name, role in ACCOUNTS:
            accounts.add(email, name, role, PASSWORD)
        print(f"up in {time.monotonic() - started:.0f} s: Rasa {t.rasa}, web {t.web}, actions {t.actions}",
              flush=True)
        slow: Dict = {}
        background = threading.Thread(target=slow_guessing, args=(t, slow), daemon=True)
        background.start()
        replies: List[str] = []

        def application():
            t.reference, got = resident_application(t)
            replies.extend(got)
            if not t.reference:
                raise RuntimeError("the hostile application was not saved: " + " | ".join(got[-3:]))

        steps: List[Tuple[str, Callable[[], None]]] = [("a resident's application with markup and U+202E", application),
                 ("anonymous staff routes", lambda: anonymous_routes(t)),
                 ("CSRF", lambda: csrf(t)),
                 ("session revocation", lambda: session_revocation(t)),
                 ("staff pages", lambda: staff_pages(t, replies)),
                 ("audit flooding", lambda: audit_flooding(t)),
                 ("webhook abuse", lambda: webhook_abuse(t)),
                 ("chat rate limits", lambda: rate_limits(t)),
                 ("socket.io", lambda: socket_io(t)),
                 ("action server", lambda: action_server(t))]
        for label, step in steps:
            tick = time.monotonic()
            print(f"- {label} ...", end=" ", flush=True)
            try:
                step()
            except Exception as exc:  # noqa: BLE001 - an attack that crashed is a result too
                import traceback
                crashed = attack(f"crash-{label}", f"{label} (crashed)", "the attack itself failed")
                crashed.check(False, traceback.format_exc(limit=4))
                print(f"crashed: {type(exc).__name__}: {exc}", flush=True)
                continue
            print(f"{time.monotonic() - tick:.0f} s", flush=True)
        print("- account enumeration (waiting for the slow guesser) ...", end=" ", flush=True)
        tick = time.monotonic()
        background.join()
        enumeration(t, slow)
        print(f"{time.monotonic() - tick:.0f} s", flush=True)
    finally:
        servers.supervisor.stop()
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    report(time.monotonic() - started)
    return 0 if all(a.held == a.tried and a.tried for a in ATTACKS.values()) else 1


def report(seconds: float) -> None:
    width = max(len(a.name) for a in ATTACKS.values())
    print()
    print(f"{'attack':<{width}}  {'held / tried':>13}           what was tried")
    for a in ATTACKS.values():
        verdict = f"{a.held} / {a.tried}"
        state = "held" if a.held == a.tried and a.tried else "NOT RUN" if not a.tried else "NOT HELD"
        print(f"{a.name:<{width}}  {verdict:>13}  {state:<8} {a.description}")
    total_held, total_tried = sum(a.held for a in ATTACKS.values()), sum(a.tried for a in ATTACKS.values())
    print(f"{'all':<{width}}  {f'{total_held} / {total_tried}':>13}  in {seconds / 60:.1f} minutes")
    notes = [(a.name, n) for a in ATTACKS.values() for n in a.notes]
    if notes:
        print("\nObserved:")
        for name, note in notes:
            print(f"  [{name}] {note}")
    failures = [(a.name, f) for a in ATTACKS.values() for f in a.failures]
    if failures:
        print("\nDid not hold:")
        for name, failure in failures:
            print(f"  [{name}] {failure}")


if __name__ == "__main__":
    sys.exit(main())
