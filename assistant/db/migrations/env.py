"""Alembic environment: always run online, on the connection ``upgrade_to_head`` passes in."""

from __future__ import annotations

from alembic import context

from assistant.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through assistant.db.migrate.upgrade_to_head(url)")

# render_as_batch: SQLite cannot ALTER most things; batch mode rebuilds the table instead.
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
