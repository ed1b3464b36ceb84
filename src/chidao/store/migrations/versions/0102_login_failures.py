"""Failed sign-ins, so that the login throttle holds across processes and restarts.

Revision ID: 0102
Revises: 0101
Create Date: 2026-11-23
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0102"
down_revision = "0101"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_login_failures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_web_login_failures_key", "web_login_failures", ["key"])


def downgrade() -> None:
    op.drop_table("web_login_failures")
