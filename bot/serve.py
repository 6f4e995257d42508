"""`python -m bot serve`: start what the service has and say what was started."""
from __future__ import annotations

from bot import config
from bot.drafts import DraftStore
from bot.policy import load_policy


def serve() -> int:
    policy = load_policy()
    store = DraftStore()
    revision = store.migrate()
    print(f"Policy: {policy.council.name} ({config.policy_path()})")
    print(f"Drafts database: {store.url} (schema {revision}, {store.count()} drafts)")
    print(f"spaCy pipeline: {config.nlp_path()}")
    print("The chat assistant is not part of this build yet: nothing else to start.")
    print("Try: .venv/bin/python -m bot check examples/eligible-three-reports.json")
    return 0
