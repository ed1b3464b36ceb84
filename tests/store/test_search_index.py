"""The GIN index of the search entries on PostgreSQL keeps a small pending list (0100)."""
from __future__ import annotations

from sqlalchemy import text


def test_gin_pending_list_is_bounded(store, backend):
    if backend != "postgresql":
        return
    with store.read() as s:
        options = s.scalar(text("SELECT reloptions FROM pg_class WHERE oid = 'ix_search_entries_tsv'::regclass"))
    assert "gin_pending_list_limit=512" in options
