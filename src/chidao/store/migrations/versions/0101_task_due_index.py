"""An index of the tasks by due date and id that also holds what the timeliness needs.

Revision ID: 0101
Revises: 0002
Create Date: 2026-11-23

The task list sorted by due date walks it for any page (the dated tasks in order, then
the undated ones), and the dashboard's counts by timeliness read it instead of the rows.
"""
from __future__ import annotations

from alembic import op

revision = "0101"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tasks_due_order", "tasks", ["due_date", "id", "status", "superseded_by_id", "completed_on"])


def downgrade() -> None:
    op.drop_index("ix_tasks_due_order", table_name="tasks")
