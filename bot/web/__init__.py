"""The web app: the resident chat page (and, later, the staff review app).

    create_app() -> Flask app; `python -m bot web` serves it with waitress.

Every response carries a Content Security Policy without inline script, and
pages are built from the council's policy so another council's deployment
shows its own name and contacts.
"""
from __future__ import annotations

import os
from typing import Optional
from urllib.parse import urlsplit

from flask import Flask

from bot import config
from bot.policy import Policy, load_policy

STATIC = config.ROOT / "bot" / "web" / "static"
# Where "Leave this site quickly" goes: a neutral page (as GOV.UK's Exit this page does).
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"


def rasa_public_url() -> str:
    """Where the browser sends chat messages (the Rasa server's REST channel)."""
    return os.environ.get("TRIGGER_RASA_PUBLIC_URL") or f"http://127.0.0.1:{config.port('TRIGGER_RASA_PORT', 5005)}"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def create_app(policy: Optional[Policy] = None) -> Flask:
    app = Flask(__name__, static_folder=str(STATIC), static_url_path="/static")
    app.config.update(
        POLICY=policy or load_policy(),
        RASA_URL=rasa_public_url(),
        EXIT_URL=os.environ.get("TRIGGER_EXIT_URL") or DEFAULT_EXIT_URL,
        MAX_MESSAGE=1000,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
    )

    from bot.web.resident import resident
    app.register_blueprint(resident)

    connect = "'self'" + ("" if _origin(app.config["RASA_URL"]) == "" else f" {_origin(app.config['RASA_URL'])}")

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
                   port=port or config.port("TRIGGER_WEB_PORT", 8000), threads=8, ident="community-trigger")
