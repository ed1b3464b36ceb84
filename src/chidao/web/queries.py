"""Read-only queries of the web pages: a filtered, sorted, paginated task list and the
dashboard's counts. Counting happens in the database; the rules come from ``tracking``."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Join

from chidao.registry import Registry
from chidao.store.models import DocumentRow, TaskBodyRow, TaskRow
from chidao.store.search import SearchFilters, search
from chidao.tracking.lifecycle import Status
from chidao.tracking.succession import held_by
from chidao.web import scope, timeliness
from chidao.web.timeliness import TRACKED_VALUES

SORTS = {"due": (TaskRow.due_date.is_(None), TaskRow.due_date, TaskRow.id),
         "-due": (TaskRow.due_date.is_(None), TaskRow.due_date.desc(), TaskRow.id.desc()),
         "id": (TaskRow.id,), "-id": (TaskRow.id.desc(),),
         "status": (TaskRow.status, TaskRow.id), "document": (TaskRow.document_id, TaskRow.position)}


@dataclass(frozen=True)
class TaskFilter:
    """Filters of the task list; empty fields do not filter."""

    body: str | None = None
    status: str | None = None
    timeliness: str | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    document_id: int | None = None
    q: str | None = None
    sort: str = "due"


@dataclass
class TaskItem:
    """A task as the list shows it."""

    id: int
    document_id: int
    doc_label: str
    action: str
    status: str
    due_date: dt.date | None
    original_due_date: dt.date | None
    completed_on: dt.date | None
    extension_asked_to: dt.date | None
    deadline_text: str | None
    assignees: list[tuple[str, str | None]] = field(default_factory=list)
    coordinators: list[tuple[str, str | None]] = field(default_factory=list)


def conditions(session: Session, f: TaskFilter, bodies: frozenset[str] | None, registry: Registry,
               as_of: dt.date) -> list:
    """SQL conditions on ``TaskRow`` for the filter within the user's scope."""
    out = [TaskRow.superseded_by_id.is_(None)]
    if f.status:
        out.append(TaskRow.status == f.status)
    elif not f.timeliness:
        out.append(TaskRow.status != Status.REJECTED.value)
    in_scope = scope.task_condition(bodies)
    if in_scope is not None:
        out.append(in_scope)
    if f.body:
        ids = held_by(registry, f.body, as_of) if f.body in registry_ids(registry) else {f.body}
        out.append(TaskRow.id.in_(select(TaskBodyRow.task_id).where(
            TaskBodyRow.role == "assignee", TaskBodyRow.body_id.in_(ids))))
    if f.timeliness:
        out.append(timeliness.condition(session, f.timeliness, as_of, and_(*out), where=True))
    if f.due_from:
        out.append(TaskRow.due_date >= f.due_from)
    if f.due_to:
        out.append(TaskRow.due_date <= f.due_to)
    if f.document_id:
        out.append(TaskRow.document_id == f.document_id)
    if f.q and f.q.strip():
        hits = search(session, f.q, SearchFilters(kinds=("task",)), limit=500)
        out.append(TaskRow.id.in_([h.id for h in hits] or [-1]))
    return out


def registry_ids(registry: Registry) -> set[str]:
    return {b.id for b in registry.bodies}


def task_page(session: Session, where: list, sort: str, page: int, per_page: int) -> tuple[list[TaskItem], int]:
    """One page of tasks and the total count.

    The page's ids come first, from the tasks alone (an index walk for the due-date sorts:
    the dated tasks in order, then the undated ones), and only those rows are read."""
    total = session.scalar(select(func.count()).select_from(TaskRow).where(*where))
    offset = max(page - 1, 0) * per_page
    if sort not in SORTS:
        sort = "due"
    if sort in ("due", "-due"):
        desc = sort == "-due"
        ids = _ids(session, [*where, TaskRow.due_date.is_not(None)],
                   (TaskRow.due_date.desc(), TaskRow.id.desc()) if desc else (TaskRow.due_date, TaskRow.id),
                   offset, per_page)
        if len(ids) < per_page:
            skip = 0 if ids else offset - session.scalar(
                select(func.count()).select_from(TaskRow).where(*where, TaskRow.due_date.is_not(None)))
            ids += _ids(session, [*where, TaskRow.due_date.is_(None)], (TaskRow.id.desc() if desc else TaskRow.id,),
                        skip, per_page - len(ids))
    else:
        ids = _ids(session, where, SORTS[sort], offset, per_page)
    return _by_ids(session, ids), total


def _ids(session: Session, where: list, order: tuple, offset: int, limit: int) -> list[int]:
    return list(session.scalars(select(TaskRow.id).where(*where).order_by(*order).offset(offset).limit(limit)))


def _by_ids(session: Session, ids: list[int]) -> list[TaskItem]:
    if not ids:
        return []
    at = {task_id: n for n, task_id in enumerate(ids)}
    rows = sorted(session.execute(_items().where(TaskRow.id.in_(ids))).all(), key=lambda r: at[r.id])
    return _with_bodies(session, [_item(r) for r in rows])


def all_tasks(session: Session, where: list, sort: str, limit: int = 100_000) -> list[TaskItem]:
    """Every task of the filter (for exports), bounded."""
    rows = session.execute(_items().where(*where).order_by(*SORTS.get(sort, SORTS["due"])).limit(limit)).all()
    return _with_bodies(session, [_item(r) for r in rows])


def _items():
    return select(TaskRow.id, TaskRow.document_id, DocumentRow.doc_type, DocumentRow.number,
                  DocumentRow.source_name, TaskRow.action, TaskRow.status, TaskRow.due_date,
                  TaskRow.original_due_date, TaskRow.completed_on, TaskRow.extension_asked_to,
                  TaskRow.deadline_text).join(DocumentRow, DocumentRow.id == TaskRow.document_id)


def _item(r) -> TaskItem:
    label = " ".join(x for x in (r.doc_type, r.number) if x) or r.source_name
    return TaskItem(r.id, r.document_id, label, r.action, r.status, r.due_date, r.original_due_date,
                    r.completed_on, r.extension_asked_to, r.deadline_text)


def _with_bodies(session: Session, items: list[TaskItem]) -> list[TaskItem]:
    by_id = {i.id: i for i in items}
    ids = list(by_id)
    for start in range(0, len(ids), 900):
        for task_id, role, name, body_id in session.execute(
                select(TaskBodyRow.task_id, TaskBodyRow.role, TaskBodyRow.name, TaskBodyRow.body_id)
                .where(TaskBodyRow.task_id.in_(ids[start:start + 900]))
                .order_by(TaskBodyRow.task_id, TaskBodyRow.position)):
            item = by_id[task_id]
            (item.assignees if role == "assignee" else item.coordinators).append((name, body_id))
    return items


class _ScanJoin(Join):
    """A join that SQLite runs in the order written, the left table scanned in rowid order."""

    inherit_cache = True


@compiles(_ScanJoin, "sqlite")
def _scan_join_on_sqlite(join, compiler, asfrom=True, from_linter=None, **kw):
    if from_linter:
        from_linter.edges.update((left, right) for left in join.left._from_objects
                                 for right in join.right._from_objects)
    left, right = (side._compiler_dispatch(compiler, asfrom=True, from_linter=from_linter, **kw)
                   for side in (join.left, join.right))
    on = join.onclause._compiler_dispatch(compiler, from_linter=from_linter, **kw)
    return f"{left} NOT INDEXED CROSS JOIN {right} ON {on}"


def assignees_then_tasks(scan: bool = True) -> Join:
    """``task_bodies JOIN tasks``; for a pass over every assignee (``scan``) on SQLite
    ``task_bodies NOT INDEXED CROSS JOIN tasks`` (other databases: a plain join).

    Without statistics SQLite would start from the status index of the tasks (or the
    body index of the assignees) and read the rows of the other table in random order,
    page after page out of its cache (~115 ms at 100,000 tasks). Scanning the assignees
    in rowid order, which is the order of their tasks, and reading each task by its
    rowid gives the same rows in ~70 ms; ``CROSS JOIN`` fixes that order and
    ``NOT INDEXED`` keeps ``body_id IS NOT NULL`` and the grouping off the body index.
    SQLAlchemy renders neither, hence this join class compiled for SQLite only. Not for an
    officer's scope: there the scope's few tasks lead (~25 ms against ~50 ms scanning)."""
    return (_ScanJoin if scan else Join)(TaskBodyRow.__table__, TaskRow.__table__, TaskRow.id == TaskBodyRow.task_id)


@dataclass
class Dashboard:
    counts: dict[str, int]
    overdue_by_body: list[tuple[str | None, str, int]]
    completion: list[tuple[str | None, str, int, int]]
    due_soon: list[TaskItem]


def dashboard(session: Session, bodies: frozenset[str] | None, as_of: dt.date, registry: Registry,
              top: int = 15) -> Dashboard:
    """Counts by timeliness, overdue by body, completion per body, due in the next 7 days.

    The counts by timeliness take one pass over the tasks alone (each task once, with or
    without assignees); the per-body figures one pass over the assignees of tracked tasks."""
    base = [TaskRow.superseded_by_id.is_(None)]
    in_scope = scope.task_condition(bodies)
    if in_scope is not None:
        base.append(in_scope)
    where = and_(*base)
    counts = timeliness.counts(session, as_of, where)
    rows = session.execute(
        select(TaskBodyRow.body_id, func.count(), func.count().filter(TaskRow.status == Status.DONE.value),
               func.count().filter(timeliness.condition(session, "overdue", as_of)))
        .select_from(assignees_then_tasks(scan=in_scope is None))
        .where(TaskBodyRow.role == "assignee", TaskBodyRow.body_id.is_not(None),
               TaskRow.status.in_(TRACKED_VALUES), where)
        .group_by(TaskBodyRow.body_id)).all()
    names = {b.id: b.name for b in registry.bodies}
    unknown = sorted({r[0] for r in rows} - names.keys())
    if unknown:  # bodies the registry does not know keep the name written in the document
        names.update(session.execute(
            select(TaskBodyRow.body_id, func.min(TaskBodyRow.name)).join(TaskRow, TaskRow.id == TaskBodyRow.task_id)
            .where(TaskBodyRow.role == "assignee", TaskBodyRow.body_id.in_(unknown), where)
            .group_by(TaskBodyRow.body_id)).all())
    per_body = [(r[0], names[r[0]], int(r[1]), int(r[2] or 0), int(r[3] or 0)) for r in rows]
    by_body = sorted(((b, n, late) for b, n, _, _, late in per_body if late), key=lambda r: (-r[2], r[0]))[:top]
    rates = sorted(((b, n, t, d) for b, n, t, d, _ in per_body), key=lambda r: (-r[2], r[0]))[:top]
    # a week of due dates read in order from the due-date index: the status is checked in the
    # index's entries (``status || ''`` keeps SQLite from choosing the status index and a sort)
    soon = and_((TaskRow.status + "").in_(timeliness.ACTIVE_VALUES), TaskRow.due_date >= as_of,
                TaskRow.due_date <= as_of + dt.timedelta(days=7))
    due_soon = _by_ids(session, _ids(session, [*base, soon], (TaskRow.due_date, TaskRow.id), 0, 20))
    return Dashboard(counts, by_body, rates, due_soon)
