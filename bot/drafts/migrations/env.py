"""Alembic environment for the drafts database.

Run through `bot.drafts.migrate()` (or `python -m bot drafts migrate`), which
passes an open connection; there is no alembic.ini to keep in step.
"""
from alembic import context

from bot.drafts.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations with `python -m bot drafts migrate`.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite can only change tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
