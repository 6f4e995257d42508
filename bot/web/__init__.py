"""The web app: the resident chat page (and, later, the staff review app).

    create_app() -> Flask app; `python -m bot web` serves it with waitress.

Every response carries a Content Security Policy without inline script, and
pages are built from the council's policy so another council's deployment
shows its own name and contacts.
"""
from __future__ import annotations

import os
import re
import secrets
from datetime import timedelta
from typing import Optional
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, redirect, render_template, request
from markupsafe import Markup
from flask_wtf.csrf import CSRFError, CSRFProtect

from bot.ops import config
from bot.rules.policy import Policy, load_policy
from bot.web.formatting import audit_detail, london_time, uk_date

STATIC = config.ROOT / "bot" / "web" / "static"
# Where "Leave this site quickly" goes: a neutral page (as GOV.UK's Exit this page does).
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"


def rasa_public_url() -> str:
    """Where the browser sends chat messages (the Rasa server's REST channel)."""
    return os.environ.get("TRIGGER_RASA_PUBLIC_URL") or f"http://127.0.0.1:{config.port('TRIGGER_RASA_PORT', 5005)}"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def secret_key() -> str:
    """TRIGGER_SECRET_KEY, or one generated once and kept (readable only by this
    user) in the data folder, so sessions survive a restart."""
    value = os.environ.get("TRIGGER_SECRET_KEY")
    if value:
        return value
    path = config.data_dir() / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def isolate_bidi(value):
    """Jinja's finalize: a value holding bidirectional controls, escaped, inside <bdi>."""
    if isinstance(value, str) and not isinstance(value, Markup) and BIDI_CONTROLS.search(value):
        return Markup("<bdi>%s</bdi>") % value  # % escapes the value
    return value


def flashed_error() -> bool:
    """A form that redirected here flashed an error: the page title starts "Error:" (GOV.UK's pattern)."""
    from flask import get_flashed_messages
    return any(category.startswith("error") for category, _ in get_flashed_messages(with_categories=True))


def create_app(policy: Optional[Policy] = None) -> Flask:
    from bot.drafts import DraftStore
    from bot.drafts.accounts import StaffAccounts
    from bot.drafts.review import Review
    from bot.drafts.sessions import StaffSessions
    from bot.drafts.transcripts import Transcripts

    app = Flask(__name__, static_folder=str(STATIC), static_url_path="/static")
    app.config.update(
        POLICY=policy or load_policy(),
        RASA_URL=rasa_public_url(),
        EXIT_URL=os.environ.get("TRIGGER_EXIT_URL") or DEFAULT_EXIT_URL,
        MAX_MESSAGE=1000,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
        SECRET_KEY=secret_key(),
        # Staff sessions: not readable by scripts, not sent cross-site, only
        # over HTTPS (browsers treat http://127.0.0.1 and localhost as secure).
        SESSION_COOKIE_NAME="staff_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_REFRESH_EACH_REQUEST=False,  # the server keeps the session's times (bot.drafts.sessions)
        SESSION_COOKIE_SECURE=os.environ.get("TRIGGER_COOKIE_SECURE", "true").lower() != "false",
        STAFF_SESSION_HOURS=int(os.environ.get("TRIGGER_STAFF_SESSION_HOURS", "8")),
        STAFF_IDLE_SECONDS=60 * int(os.environ.get("TRIGGER_STAFF_IDLE_MINUTES", "30")),
        WTF_CSRF_TIME_LIMIT=8 * 3600,
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    store = DraftStore()
    app.extensions["drafts"] = store
    app.extensions["review"] = Review(store)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=app.config["STAFF_SESSION_HOURS"])
    app.extensions["accounts"] = StaffAccounts(store)
    app.extensions["staff_sessions"] = StaffSessions(store, app.config["STAFF_IDLE_SECONDS"],
                                                     3600 * app.config["STAFF_SESSION_HOURS"])
    app.extensions["transcripts"] = Transcripts()
    csrf = CSRFProtect(app)

    from bot.web.resident import resident
    from bot.web.staff import staff
    csrf.exempt("bot.web.resident.feedback")  # anonymous; see the view
    app.register_blueprint(resident)
    app.register_blueprint(staff)
    from bot.web import limits
    limits.install(app)  # after the views are registered: it wraps them

    @app.get("/staff")
    def staff_home():
        # a relative redirect: Werkzeug's own (for the missing slash) would echo the request's Host header
        return redirect("/staff/", code=308)

    # Text a resident typed with a bidirectional override (U+202E and its kin) could turn the rest of a
    # staff page's line around, making a reference or a date read differently: every value printed with
    # one is wrapped in <bdi>, which contains the override to the value itself.
    app.jinja_env.finalize = isolate_bidi
    app.jinja_env.filters["uk_date"] = uk_date
    app.jinja_env.filters["london_time"] = london_time
    app.jinja_env.filters["audit_detail"] = audit_detail

    @app.context_processor
    def council():
        return {"policy": app.config["POLICY"], "contacts": app.config["POLICY"].contacts,
                "page_has_errors": flashed_error}

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return render_template("error.html", title="This form has expired",
                               message="The form was missing its security token or it had expired. Go back, "
                                       "reload the page and try again."), 400

    @app.errorhandler(403)
    def forbidden(error):
        return render_template("error.html", title="You cannot do that",
                               message="Only a manager can see this page."), 403

    @app.errorhandler(404)
    def not_found(error):
        return render_template("error.html", title="Page not found",
                               message="Check the address, or go back to the previous page."), 404

    @app.errorhandler(500)
    def server_error(error):
        return render_template("error.html", title="Sorry, there is a problem with the service",
                               message="Try again later."), 500

    connect = "'self'" + ("" if _origin(app.config["RASA_URL"]) == "" else f" {_origin(app.config['RASA_URL'])}")

    @app.after_request
    def relative_redirects(response):
        # Werkzeug's own redirects (a doubled slash merged, a missing trailing slash added) are absolute URLs
        # built from the request's Host header, which anyone can forge: keep only the path, on this site.
        location = response.headers.get("Location")
        if location and 300 <= response.status_code < 400:
            parts = urlsplit(location)
            if parts.netloc and parts.netloc == request.host:
                path = "/" + (parts.path or "/").lstrip("/")  # never "//host": that would be another site
                response.headers["Location"] = urlunsplit(("", "", path, parts.query, parts.fragment))
        return response

    @app.after_request
    def security_headers(response):
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            f"connect-src {connect}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
            "object-src 'none'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        # Leaving quickly must not tell the next site where the person came from.
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if response.mimetype == "text/html":
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/healthz")
    def health():
        return {"status": "ok"}

    return app


def serve(host: Optional[str] = None, port: Optional[int] = None) -> None:
    from waitress import serve as waitress_serve

    app = create_app()
    waitress_serve(app, host=host or os.environ.get("TRIGGER_WEB_HOST", "127.0.0.1"),
                   port=port or config.port("TRIGGER_WEB_PORT", 8000), threads=8, ident="community-trigger",
                   # waitress would drop X-Forwarded-*; ProxyFix (bot.web.limits) trusts only TRIGGER_PROXY_COUNT
                   # entries of them, and none when it is 0
                   clear_untrusted_proxy_headers=False)
