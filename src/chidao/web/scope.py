"""What a user may see: officers see the tasks of their body and of the bodies whose
work it has taken over; everyone else sees everything."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import aliased

from chidao.registry import Registry
from chidao.store.models import TaskBodyRow, TaskRow
from chidao.tracking.succession import held_by
from chidao.web.accounts import Role, User


def visible_bodies(user: User, registry: Registry, today: dt.date | None = None) -> frozenset[str] | None:
    """Body ids whose tasks the user sees; None for no restriction."""
    if user.role is not Role.OFFICER:
        return None
    if not user.body_id:
        return frozenset()
    return frozenset(held_by(registry, user.body_id, today or dt.date.today()))


def task_condition(bodies: frozenset[str] | None):
    """A SQL condition on ``TaskRow`` for the tasks in scope (None: no condition)."""
    if bodies is None:
        return None
    link = aliased(TaskBodyRow)
    return TaskRow.id.in_(select(link.task_id).where(link.body_id.in_(bodies)).correlate(None))


def document_condition(bodies: frozenset[str] | None, document_id_column):
    """A SQL condition on a document id column: the document has a task in scope."""
    if bodies is None:
        return None
    task, link = aliased(TaskRow), aliased(TaskBodyRow)
    return document_id_column.in_(select(task.document_id).join(link, link.task_id == task.id)
                                  .where(link.body_id.in_(bodies)).correlate(None))


def sees_task(session, bodies: frozenset[str] | None, task_id: int) -> bool:
    if bodies is None:
        return True
    return session.scalar(select(TaskBodyRow.id).where(
        TaskBodyRow.task_id == task_id, TaskBodyRow.body_id.in_(bodies)).limit(1)) is not None


def sees_document(session, bodies: frozenset[str] | None, document_id: int) -> bool:
    if bodies is None:
        return True
    return session.scalar(select(TaskRow.id).join(TaskBodyRow, TaskBodyRow.task_id == TaskRow.id).where(
        TaskRow.document_id == document_id, TaskBodyRow.body_id.in_(bodies)).limit(1)) is not None


__all__ = ["document_condition", "sees_document", "sees_task", "task_condition", "visible_bodies"]
