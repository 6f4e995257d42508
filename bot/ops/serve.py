"""`python -m bot serve` (what `make run` runs): start the whole service on one
machine with embedded defaults, say where everything is, and stop it all
cleanly on Ctrl-C."""
from __future__ import annotations

import signal
import sys
from typing import Optional

from bot.ops import config
from bot.drafts import DraftStore
from bot.drafts.accounts import StaffAccounts
from bot.rules.policy import load_policy
from bot.ops.services import Ports, Supervisor, action_server, model_path, rasa_server, service_env, web_server


class _Stop(Exception):
    pass


def _raise_stop(signum, frame):  # pragma: no cover - exercised by hand
    raise _Stop()


def serve(chat: bool = False) -> int:
    policy = load_policy()
    ports = Ports.from_env()
    rasa_url = f"http://127.0.0.1:{ports.rasa}"
    if chat and rasa_server(ports, config.data_dir() / "logs", env={}).healthy():
        # `make run` is already serving in another terminal: just talk to it.
        from bot.ops.chat import chat as run_chat
        run_chat(rasa_url)
        return 0
    model = model_path()
    if not model.exists():
        print(f"No trained model at {model}. Run `make run`, which trains it first.", file=sys.stderr)
        return 2
    store = DraftStore()
    revision = store.migrate()
    log_dir = config.data_dir() / "logs"
    supervisor = Supervisor(service_env(ports))
    signal.signal(signal.SIGTERM, _raise_stop)
    try:
        print(f"Policy: {policy.council.name} ({config.policy_path()})")
        print(f"Drafts database: {store.url} (schema {revision})")
        print("Starting the action server...", flush=True)
        supervisor.start(action_server(ports, log_dir), timeout=90)
        print("Starting the Rasa server (loading the model takes up to a minute)...", flush=True)
        supervisor.start(rasa_server(ports, log_dir, model, supervisor.env), timeout=240)
        print("Starting the web app...", flush=True)
        supervisor.start(web_server(ports, log_dir), timeout=60)
        print()
        print(f"  Open in a browser:  http://127.0.0.1:{ports.web}/   (the resident chat page)")
        print(f"  Staff review:       http://127.0.0.1:{ports.web}/staff/")
        if not StaffAccounts(store).list():
            print("                      no staff accounts yet; create the first one with:")
            print("                      .venv/bin/python -m bot staff add you@council.gov.uk --name \"Your Name\" "
                  "--role manager")
        print(f"  Action server   http://127.0.0.1:{ports.actions}")
        print(f"  Rasa server     http://127.0.0.1:{ports.rasa}   REST: POST /webhooks/rest/webhook, socket.io")
        print(f"  Logs            {log_dir}")
        print("  Try it:         make chat   (in another terminal), or")
        print(f"                  curl -s localhost:{ports.rasa}/webhooks/rest/webhook "
              "-d '{\"sender\": \"me\", \"message\": \"hi\"}'")
        print("  Drafts:         .venv/bin/python -m bot drafts export")
        print("Press Ctrl-C to stop.", flush=True)
        if chat:
            from bot.ops.chat import chat as run_chat
            run_chat(rasa_url)
            return 0
        # A server that dies is restarted while the others go on serving; only repeated failures stop it all.
        stopped = supervisor.keep_running(say=lambda line: print(line, file=sys.stderr, flush=True))
        print(f"{stopped.name} keeps stopping, so the service is stopping too; see {stopped.log_path}",
              file=sys.stderr)
        return 1
    except (KeyboardInterrupt, _Stop):
        print("\nStopping...")
        return 0
    except RuntimeError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        supervisor.stop()
        print("Stopped.")
