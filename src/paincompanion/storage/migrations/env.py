"""Alembic environment: always run online, on the connection the app hands over."""

from __future__ import annotations

from alembic import context

from paincompanion.storage.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise SystemExit("Run migrations through paincompanion (db migrate), not the alembic command.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
