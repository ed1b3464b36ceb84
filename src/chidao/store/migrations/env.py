"""Alembic environment: runs on the connection chidao passes in (see ``store/schema.py``)."""
from __future__ import annotations

from alembic import context

from chidao.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only chidao runs these migrations
    raise RuntimeError("run the migrations with `chidao db upgrade`")
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
