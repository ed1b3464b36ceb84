"""Web accounts: users and API tokens.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Before this revision the web application created these two tables itself on start-up,
so a store at 0001 may already hold them (with the same columns): they are created
only where missing, and their rows are kept.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "web_users" not in existing:
        op.create_table(
            "web_users",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("name", sa.String(100), nullable=False, unique=True),
            sa.Column("role", sa.String(20), nullable=False),
            sa.Column("body_id", sa.String(200)),
            sa.Column("password_hash", sa.String(200), nullable=False),
            sa.Column("active", sa.Boolean(), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        )
    if "web_api_tokens" not in existing:
        op.create_table(
            "web_api_tokens",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("user_id", sa.Integer(), sa.ForeignKey("web_users.id", ondelete="CASCADE"), nullable=False),
            sa.Column("digest", sa.String(64), nullable=False, unique=True),
            sa.Column("label", sa.String(100)),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        )
        op.create_index("ix_web_api_tokens_user_id", "web_api_tokens", ["user_id"])


def downgrade() -> None:
    op.drop_table("web_api_tokens")
    op.drop_table("web_users")
