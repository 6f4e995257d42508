"""The action server, as `python -m rasa_sdk` runs it, plus one check: every call to `/webhook` must
carry the shared secret in the `X-Action-Token` header (Rasa sends it from the action endpoint's
`headers` in endpoints.yml). Without it, anyone who can reach the port could post a hand-made
tracker and have a draft written. It listens on 127.0.0.1 unless TRIGGER_ACTIONS_HOST says otherwise
(a private network address, never a public one)."""
from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app
from sanic import response
from sanic.exceptions import SanicException

TOKEN_HEADER = "X-Action-Token"
logger = logging.getLogger(__name__)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="The assistant's action server (needs TRIGGER_ACTION_TOKEN).")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)
    token = os.environ.get("TRIGGER_ACTION_TOKEN", "")
    if len(token) < 16:
        print("action server: TRIGGER_ACTION_TOKEN must be set to a secret of 16 characters or more "
              "(`python -m bot serve` makes one)", file=sys.stderr)
        return 2
    utils.configure_colored_logging("INFO")
    utils.update_sanic_log_level()
    app = create_app("actions", cors_origins=[])

    @app.middleware("request")
    async def require_token(request):
        if request.path.rstrip("/") != "/webhook":
            return None  # /health and /actions say nothing about a resident
        given = request.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8")):
            logger.warning("refused an action call without the right %s header", TOKEN_HEADER)
            return response.json({"error": f"The {TOKEN_HEADER} header is missing or wrong."}, status=401)
        return None

    @app.exception(SanicException)
    async def client_error(request, exception):
        # An unknown path or method is the caller's mistake: its own 404 or 405, one line in the log, and
        # no traceback (rasa_sdk's catch-all answers 500 and logs a traceback, which a scanner can flood).
        status = getattr(exception, "status_code", None) or 400
        logger.info("action server: %s %s -> %s", request.method, request.path[:80], status)
        return response.json({"error": str(exception)[:200]}, status=status)

    host = os.environ.get("TRIGGER_ACTIONS_HOST", "127.0.0.1")
    app.run(host, args.port, workers=utils.number_of_sanic_workers(), access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
