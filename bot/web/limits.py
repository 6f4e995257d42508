"""Rate limits on the web app's anonymous doors (Flask-Limiter): staff sign-in,
per network address and per account, and the feedback form, per address.

Every sign-in attempt from an address counts, and is counted before the
password is checked, so requests sent in parallel cannot slip past the limit;
10 a minute is still far more than a team signs in. The per-account limit
counts only passwords actually checked and wrong: an answer of "wait" from a
guessing address costs the account nothing, so one address cannot use up an
officer's allowance. The counts are kept in Redis when the service has one
(`TRIGGER_REDIS_URL`, so several web app instances share them), else in
memory; if Redis goes away the app counts in memory rather than failing.
Behind a reverse proxy, set `TRIGGER_PROXY_COUNT` to the number of proxies so
the address is the client's, not the proxy's (one X-Forwarded-For entry is
trusted per proxy).
"""
from __future__ import annotations

import os
import time
from datetime import timedelta
from typing import Optional

from flask import Flask, current_app, g, render_template, request
from flask_limiter import Limiter
from flask_limiter.wrappers import RequestLimit
from werkzeug.middleware.proxy_fix import ProxyFix

from bot.drafts.accounts import in_words
from bot.drafts.audit import record_repeated
from bot.drafts.repository import utcnow
from bot.ops import config

SIGN_IN_PER_ADDRESS = "10 per minute;100 per hour"
SIGN_IN_PER_ACCOUNT = "30 per hour"
FEEDBACK_PER_ADDRESS = "5 per minute;30 per hour"


def client_address() -> str:
    return (request.remote_addr or "unknown")[:64]


def typed_account() -> str:
    return "account:" + request.form.get("email", "").strip().lower()[:320]


def _wrong_password(response) -> bool:
    return bool(g.get("wrong_password"))  # set by the sign-in view: a password checked and wrong


def _limit(name: str, default: str) -> str:
    return os.environ.get(name) or default


def install(app: Flask) -> Limiter:
    proxies = config.proxy_count()
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    limiter = Limiter(app, key_func=client_address, storage_uri=config.redis_url() or "memory://",
                      key_prefix="trigger-web", headers_enabled=True, in_memory_fallback_enabled=True,
                      strategy="moving-window")
    views = app.view_functions
    views["staff.login"] = limiter.limit(
        _limit("TRIGGER_SIGNIN_LIMIT_ADDRESS", SIGN_IN_PER_ADDRESS), methods=["POST"],
        on_breach=_sign_in_limited)(views["staff.login"])
    views["staff.login"] = limiter.limit(
        _limit("TRIGGER_SIGNIN_LIMIT_ACCOUNT", SIGN_IN_PER_ACCOUNT), key_func=typed_account, methods=["POST"],
        deduct_when=_wrong_password, on_breach=_sign_in_limited)(views["staff.login"])
    views["resident.feedback"] = limiter.limit(
        _limit("TRIGGER_FEEDBACK_LIMIT", FEEDBACK_PER_ADDRESS), methods=["POST"])(views["resident.feedback"])

    @app.errorhandler(429)
    def too_many(error):
        wait = _retry_after(limiter)
        if request.endpoint == "staff.login":
            message = (f"There have been too many tries to sign in. Wait {wait}, then try again. If you have "
                       "forgotten your password, ask a manager to set a new one.")
            return render_template("staff/login.html", error=message, email=request.form.get("email", "")[:320]), 429
        return render_template("error.html", title="Too many tries",
                               message=f"You have sent this form too many times. Wait {wait}, then try again."), 429

    app.extensions["trigger_limiter"] = limiter
    return limiter


def _retry_after(limiter: Limiter) -> str:
    resets = [lim.reset_at for lim in limiter.current_limits if lim.breached] or [time.time() + 60]
    return in_words(timedelta(seconds=max(1, min(resets) - time.time())))


def _sign_in_limited(limit: RequestLimit) -> Optional[None]:
    # One grouped audit row per address (or per account) within the hour, however many requests were
    # refused: the address limit's row does not name the email typed, so varying it makes no new rows.
    store = current_app.extensions["drafts"]
    if "account:" in limit.key:
        by, detail = request.form.get("email", "").strip().lower()[:320] or "(blank)", f"account over {limit.limit}"
    else:
        by, detail = "(any email)", f"address over {limit.limit}"
    with store.session() as session:
        record_repeated(session, by, "sign-in limited", detail, client_address(), utcnow())
    return None
