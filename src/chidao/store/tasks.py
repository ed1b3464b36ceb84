"""Reading and changing tasks: listings with filters, one task with its trail, updates."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Select, delete, exists, insert, or_, select, update
from sqlalchemy.orm import Session

from chidao.store.models import DocumentRow, TaskBodyRow, TaskEventRow, TaskRow


@dataclass(frozen=True)
class TaskQuery:
    """Filters of a task listing; every field left empty does not filter."""

    statuses: tuple[str, ...] = ()
    body_ids: frozenset[str] = frozenset()
    name_keys: frozenset[str] = frozenset()
    coordinating: bool = False
    due_before: dt.date | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    assigned_from: dt.date | None = None
    assigned_to: dt.date | None = None
    document_id: int | None = None
    include_superseded: bool = False
    limit: int | None = None


@dataclass
class TaskLine:
    """A task as listings show it."""

    id: int
    document_id: int
    doc_type: str | None
    doc_number: str | None
    doc_date: dt.date | None
    doc_date_text: str | None
    received_on: dt.date | None
    action: str
    status: str
    deadline_text: str | None
    deadline_kind: str | None
    deadline_rule: dict | None
    due_date: dt.date | None
    original_due_date: dt.date | None
    extension_asked_to: dt.date | None
    completed_on: dt.date | None
    superseded_by_id: int | None
    assignees: list[tuple[str, str | None]] = field(default_factory=list)
    coordinators: list[tuple[str, str | None]] = field(default_factory=list)


_COLUMNS = (TaskRow.id, TaskRow.document_id, DocumentRow.doc_type, DocumentRow.number,
            DocumentRow.doc_date, DocumentRow.date_text, DocumentRow.received_on, TaskRow.action,
            TaskRow.status, TaskRow.deadline_text, TaskRow.deadline_kind, TaskRow.deadline_rule,
            TaskRow.due_date, TaskRow.original_due_date, TaskRow.extension_asked_to,
            TaskRow.completed_on, TaskRow.superseded_by_id)


def _select(q: TaskQuery) -> Select:
    stmt = select(*_COLUMNS).join(DocumentRow, DocumentRow.id == TaskRow.document_id)
    if q.statuses:
        stmt = stmt.where(TaskRow.status.in_(q.statuses))
    if not q.include_superseded:
        stmt = stmt.where(TaskRow.superseded_by_id.is_(None))
    if q.body_ids or q.name_keys:
        match = []
        if q.body_ids:
            match.append(TaskBodyRow.body_id.in_(q.body_ids))
        if q.name_keys:
            match.append(TaskBodyRow.name_key.in_(q.name_keys))
        roles = [TaskBodyRow.role == "assignee"] if not q.coordinating else []
        stmt = stmt.where(exists().where(TaskBodyRow.task_id == TaskRow.id, or_(*match), *roles))
    if q.due_before is not None:
        stmt = stmt.where(TaskRow.due_date < q.due_before)
    if q.due_from is not None:
        stmt = stmt.where(TaskRow.due_date >= q.due_from)
    if q.due_to is not None:
        stmt = stmt.where(TaskRow.due_date <= q.due_to)
    # ISO dates, also partial ones ("2024-11"), compare as text: "2021-08" <= "2021-08-09"
    if q.assigned_from is not None:
        stmt = stmt.where(DocumentRow.date_text >= q.assigned_from.isoformat())
    if q.assigned_to is not None:
        stmt = stmt.where(or_(DocumentRow.date_text <= q.assigned_to.isoformat(), DocumentRow.date_text.is_(None)))
    if q.document_id is not None:
        stmt = stmt.where(TaskRow.document_id == q.document_id)
    stmt = stmt.order_by(TaskRow.due_date.is_(None), TaskRow.due_date, TaskRow.id)
    if q.limit:
        stmt = stmt.limit(q.limit)
    return stmt


def list_tasks(session: Session, q: TaskQuery) -> list[TaskLine]:
    """Tasks matching ``q``, by due date (those without one last), with their bodies."""
    return list(iter_tasks(session, q))


def iter_tasks(session: Session, q: TaskQuery, chunk: int = 2000) -> Iterator[TaskLine]:
    """Like :func:`list_tasks`, a chunk at a time (bodies loaded per chunk)."""
    result = session.execute(_select(q))
    while True:
        rows = result.fetchmany(chunk)
        if not rows:
            return
        lines = {r[0]: TaskLine(*r) for r in rows}
        _attach_bodies(session, lines)
        yield from lines.values()


def _attach_bodies(session: Session, lines: dict[int, TaskLine]) -> None:
    ids = list(lines)
    for start in range(0, len(ids), 900):
        part = ids[start:start + 900]
        for task_id, role, name, body_id in session.execute(
                select(TaskBodyRow.task_id, TaskBodyRow.role, TaskBodyRow.name, TaskBodyRow.body_id)
                .where(TaskBodyRow.task_id.in_(part)).order_by(TaskBodyRow.task_id, TaskBodyRow.position)):
            line = lines[task_id]
            (line.assignees if role == "assignee" else line.coordinators).append((name, body_id))


def get_line(session: Session, task_id: int) -> TaskLine | None:
    row = session.execute(select(*_COLUMNS).join(DocumentRow, DocumentRow.id == TaskRow.document_id)
                          .where(TaskRow.id == task_id)).first()
    if row is None:
        return None
    lines = {row[0]: TaskLine(*row)}
    _attach_bodies(session, lines)
    return lines[row[0]]


def lock_task(session: Session, task_id: int) -> TaskRow | None:
    """The task row, locked for update on PostgreSQL (SQLite writers are serialised)."""
    return session.scalar(select(TaskRow).where(TaskRow.id == task_id).with_for_update())


def events(session: Session, task_id: int) -> list[TaskEventRow]:
    return list(session.scalars(select(TaskEventRow).where(TaskEventRow.task_id == task_id)
                                .order_by(TaskEventRow.id)))


def append_event(session: Session, task_id: int, kind: str, *, at: dt.datetime, actor: str | None,
                 on: dt.date | None = None, data: dict | None = None) -> None:
    session.execute(insert(TaskEventRow).values(task_id=task_id, kind=kind, at=at, actor=actor,
                                                on_date=on, data=data or {}))


def set_fields(session: Session, task_id: int, at: dt.datetime, **values) -> None:
    session.execute(update(TaskRow).where(TaskRow.id == task_id).values(updated_at=at, **values))


def replace_bodies(session: Session, task_id: int, role: str,
                   bodies: Iterable[tuple[str, str, str | None]]) -> None:
    """Replace the assignees (or coordinators) of a task: ``(name, name_key, body_id)``."""
    session.execute(delete(TaskBodyRow).where(TaskBodyRow.task_id == task_id, TaskBodyRow.role == role))
    rows = [dict(task_id=task_id, role=role, position=i, name=n, name_key=k, body_id=b)
            for i, (n, k, b) in enumerate(bodies)]
    if rows:
        session.execute(insert(TaskBodyRow), rows)


def reindex(session: Session, task_id: int) -> None:
    """Rebuild the search entries of the task's document after an edit."""
    from chidao.store.index import rebuild
    rebuild(session, session.scalar(select(TaskRow.document_id).where(TaskRow.id == task_id)))


def receipt_tasks(session: Session, document_id: int) -> list[TaskRow]:
    """Tasks of a document whose deadline counts from the day of receipt."""
    return [t for t in session.scalars(select(TaskRow).where(TaskRow.document_id == document_id,
                                                             TaskRow.deadline_kind == "relative")
                                       .with_for_update())
            if (t.deadline_rule or {}).get("from") == "receipt"]


def known_name_keys(session: Session, keys: Iterable[str]) -> set[str]:
    """Which of these folded names some task's assignee or coordinator carries."""
    keys = list(keys)
    if not keys:
        return set()
    return set(session.scalars(select(TaskBodyRow.name_key).where(TaskBodyRow.name_key.in_(keys)).distinct()))


def all_name_keys(session: Session) -> list[tuple[str, str]]:
    """(name_key, name) of every name tasks carry, for suggestions."""
    return list(session.execute(select(TaskBodyRow.name_key, TaskBodyRow.name).distinct()))
