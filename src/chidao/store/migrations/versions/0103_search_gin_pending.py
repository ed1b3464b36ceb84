"""Search index on PostgreSQL: a smaller pending list for the GIN index of search_entries.

Revision ID: 0103
Revises: 0102
Create Date: 2026-11-23

With ``fastupdate`` (the default) new entries of a GIN index wait in a pending list until
it reaches ``gin_pending_list_limit`` (4 MB by default) or a vacuum merges them, and every
search scans that whole list: after a busy ingest a query paid more for the list than for
the index itself. 512 kB bounds that cost; inserts stay in the list (merged more often, in
smaller batches), so ingest is not slowed as it would be without ``fastupdate``. SQLite has
no such index (FTS5): nothing to do there.
"""
from __future__ import annotations

from alembic import op

revision = "0103"
down_revision = "0102"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER INDEX ix_search_entries_tsv SET (gin_pending_list_limit = 512)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER INDEX ix_search_entries_tsv RESET (gin_pending_list_limit)")
