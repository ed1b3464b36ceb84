"""Initial schema: bodies, documents, references, tasks, events, search index.

Revision ID: 0001
Revises:
Create Date: 2025-06-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "bodies",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_key", sa.String(300), nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("province", sa.String(100)),
        sa.Column("parent_id", sa.String(200)),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("abbr", sa.JSON(), nullable=False),
        sa.Column("valid_from", sa.Date()),
        sa.Column("valid_to", sa.Date()),
    )
    op.create_index("ix_bodies_name_key", "bodies", ["name_key"])
    op.create_table(
        "body_successions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("body_id", sa.String(200), sa.ForeignKey("bodies.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("successor_id", sa.String(200), sa.ForeignKey("bodies.id"), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("field", sa.String(300)),
        sa.Column("note", sa.Text()),
    )
    op.create_index("ix_body_successions_body_id", "body_successions", ["body_id"])
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("source_name", sa.String(500), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(100)),
        sa.Column("number", sa.String(200)),
        sa.Column("number_key", sa.String(200)),
        sa.Column("year", sa.Integer()),
        sa.Column("issuer", sa.String(500)),
        sa.Column("issuer_body_id", sa.String(200), sa.ForeignKey("bodies.id")),
        sa.Column("province", sa.String(100)),
        sa.Column("place", sa.String(200)),
        sa.Column("date_text", sa.String(10)),
        sa.Column("doc_date", sa.Date()),
        sa.Column("subject", sa.Text()),
        sa.Column("signer", sa.JSON()),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("received_on", sa.Date()),
        sa.Column("version_key", sa.String(800)),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("previous_id", sa.Integer(), sa.ForeignKey("documents.id")),
        sa.Column("superseded_by_id", sa.Integer(), sa.ForeignKey("documents.id")),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingested_by", sa.String(100)),
    )
    op.create_index("ix_documents_number_key", "documents", ["number_key"])
    op.create_index("ix_documents_doc_date", "documents", ["doc_date"])
    op.create_index("ix_documents_version_key", "documents", ["version_key"])
    op.create_table(
        "doc_references",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ref_type", sa.String(100)),
        sa.Column("number", sa.String(200), nullable=False),
        sa.Column("number_key", sa.String(200), nullable=False),
        sa.Column("year", sa.Integer()),
        sa.Column("date_text", sa.String(10)),
        sa.Column("issuer", sa.String(500)),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), sa.ForeignKey("documents.id")),
    )
    op.create_index("ix_doc_references_document_id", "doc_references", ["document_id"])
    op.create_index("ix_doc_references_target_id", "doc_references", ["target_id"])
    op.create_index("ix_doc_references_key", "doc_references", ["number_key", "year"])
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("deadline_text", sa.Text()),
        sa.Column("deadline_kind", sa.String(20)),
        sa.Column("deadline_rule", sa.JSON()),
        sa.Column("deadline_written", sa.String(10)),
        sa.Column("due_date", sa.Date()),
        sa.Column("original_due_date", sa.Date()),
        sa.Column("extension_asked_to", sa.Date()),
        sa.Column("extension_reason", sa.Text()),
        sa.Column("completed_on", sa.Date()),
        sa.Column("superseded_by_id", sa.Integer(), sa.ForeignKey("documents.id")),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_tasks_document_id", "tasks", ["document_id"])
    op.create_index("ix_tasks_status", "tasks", ["status"])
    op.create_index("ix_tasks_due_date", "tasks", ["due_date"])
    op.create_table(
        "task_bodies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("name_key", sa.String(500), nullable=False),
        sa.Column("body_id", sa.String(200), sa.ForeignKey("bodies.id")),
    )
    op.create_index("ix_task_bodies_task_id", "task_bodies", ["task_id"])
    op.create_index("ix_task_bodies_name_key", "task_bodies", ["name_key"])
    op.create_index("ix_task_bodies_body_id", "task_bodies", ["body_id"])
    op.create_table(
        "task_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("tasks.id"), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100)),
        sa.Column("on_date", sa.Date()),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_task_events_task_id", "task_events", ["task_id"])
    op.create_table(
        "search_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("doc_type", sa.String(100)),
        sa.Column("doc_date", sa.Date()),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("folded", sa.Text(), nullable=False),
    )
    op.create_index("ix_search_entries_document_id", "search_entries", ["document_id"])
    op.create_index("ix_search_entries_ref", "search_entries", ["kind", "ref_id"])
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_extras()
    else:
        _postgresql_extras()


_APPEND_ONLY = "task_events are append-only: an audit entry is never changed or removed"


def _sqlite_extras() -> None:
    op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(folded, content='search_entries', "
               "content_rowid='id', tokenize='unicode61 remove_diacritics 0')")
    op.execute("CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN "
               "INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded); END")
    op.execute("CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN "
               "INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); END")
    op.execute("CREATE TRIGGER search_entries_au AFTER UPDATE OF folded ON search_entries BEGIN "
               "INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); "
               "INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded); END")
    for verb in ("UPDATE", "DELETE"):
        op.execute(f"CREATE TRIGGER task_events_no_{verb.lower()} BEFORE {verb} ON task_events "
                   f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END")


def _postgresql_extras() -> None:
    op.execute("ALTER TABLE search_entries ADD COLUMN tsv tsvector "
               "GENERATED ALWAYS AS (to_tsvector('simple', folded)) STORED")
    op.execute("CREATE INDEX ix_search_entries_tsv ON search_entries USING gin (tsv)")
    op.execute("CREATE FUNCTION chidao_task_events_append_only() RETURNS trigger AS $$ BEGIN "
               f"RAISE EXCEPTION '{_APPEND_ONLY}'; END $$ LANGUAGE plpgsql")
    op.execute("CREATE TRIGGER task_events_append_only BEFORE UPDATE OR DELETE ON task_events "
               "FOR EACH ROW EXECUTE FUNCTION chidao_task_events_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    else:
        op.execute("DROP TRIGGER IF EXISTS task_events_append_only ON task_events")
        op.execute("DROP FUNCTION IF EXISTS chidao_task_events_append_only()")
    for table in ("search_entries", "task_events", "task_bodies", "tasks", "doc_references",
                  "documents", "body_successions", "bodies", "meta"):
        op.drop_table(table)
