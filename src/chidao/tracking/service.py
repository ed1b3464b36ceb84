"""Operations on tasks and documents: each reads the state, applies a rule of
:mod:`lifecycle` and writes the change with its audit event in one transaction."""
from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from chidao.registry import Registry, load
from chidao.store import documents as docs
from chidao.store import tasks as store_tasks
from chidao.store.db import Store
from chidao.store.models import DocumentRow, TaskEventRow, TaskRow
from chidao.store.tasks import TaskLine
from chidao.tracking import lifecycle
from chidao.tracking.bodies import resolve_name
from chidao.tracking.deadlines import due_date, earliest_day
from chidao.tracking.errors import BadInput, NotFound, Refused
from chidao.tracking.lifecycle import Event, Status, TaskState

ENV_USER = "CHIDAO_USER"


def current_user() -> str:
    """Who acts: ``$CHIDAO_USER`` or the login name."""
    try:
        return os.environ.get(ENV_USER) or getpass.getuser()
    except (OSError, KeyError):
        return "?"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class TaskDetail:
    line: TaskLine
    events: list[TaskEventRow]
    document: DocumentRow
    start: int
    end: int


class Tracker:
    """Task operations on a store, done by ``actor``."""

    def __init__(self, store: Store, actor: str | None = None, registry: Registry | None = None):
        self.store = store
        self.actor = actor or current_user()
        self.registry = registry or load()

    # --- reading ------------------------------------------------------------------------------
    def task(self, task_id: int) -> TaskDetail:
        with self.store.read() as session:
            line = store_tasks.get_line(session, task_id)
            if line is None:
                raise NotFound(f"Không có nhiệm vụ #{task_id}.")
            row = session.get(TaskRow, task_id)
            return TaskDetail(line, store_tasks.events(session, task_id),
                              docs.get_document(session, line.document_id), row.start, row.end)

    # --- lifecycle ------------------------------------------------------------------------------
    def accept(self, task_id: int) -> TaskState:
        return self._apply(task_id, lifecycle.accept)

    def reject(self, task_id: int, reason: str) -> TaskState:
        return self._apply(task_id, lambda s: lifecycle.reject(s, reason))

    def reopen(self, task_id: int, reason: str | None) -> TaskState:
        return self._apply(task_id, lambda s: lifecycle.reopen(s, reason))

    def report(self, task_id: int, text: str, on: dt.date | None = None) -> TaskState:
        return self._apply(task_id, lambda s: lifecycle.report(s, text, on or dt.date.today()))

    def extend(self, task_id: int, to: dt.date, reason: str, on: dt.date | None = None) -> TaskState:
        return self._apply(task_id, lambda s: lifecycle.ask_extension(s, to, reason, on or dt.date.today()))

    def approve_extension(self, task_id: int, decision: str | None = None,
                          on: dt.date | None = None) -> TaskState:
        return self._apply(task_id, lambda s: lifecycle.approve_extension(s, on or dt.date.today(), decision))

    def refuse_extension(self, task_id: int, reason: str, on: dt.date | None = None) -> TaskState:
        return self._apply(task_id, lambda s: lifecycle.refuse_extension(s, reason, on or dt.date.today()))

    def done(self, task_id: int, on: dt.date | None = None) -> TaskState:
        return self._apply(task_id, lambda s: lifecycle.complete(s, on or dt.date.today()))

    def accept_document(self, document_id: int) -> list[int]:
        """Accept every proposed, current task of a document; the ids accepted."""
        with self.store.read() as session:
            if docs.get_document(session, document_id) is None:
                raise NotFound(f"Không có văn bản #{document_id}.")
            lines = store_tasks.list_tasks(session, store_tasks.TaskQuery(
                statuses=(Status.PROPOSED.value,), document_id=document_id))
        for line in lines:
            self.accept(line.id)
        return [line.id for line in lines]

    # --- adding -------------------------------------------------------------------------------
    def add_task(self, document_id: int, action: str, assignees: list[str], coordinators: list[str] = (),
                 due: dt.date | None = None, *, start: int = 0, end: int = 0) -> int:
        """Add a task the extractor missed to a document; its id.

        The task is a proposal (accept it with :meth:`accept`), after the document's other
        tasks, with its assignees and coordinators resolved against the registry, ``due`` as
        a manual deadline, ``start``/``end`` its span in the document's text, and a
        ``created`` event."""
        action = " ".join((action or "").split())
        if not action:
            raise BadInput("Nội dung nhiệm vụ trống.")
        assignees = [n for n in assignees if n.strip()]
        coordinators = [n for n in coordinators if n.strip()]
        if not assignees:
            raise BadInput("Nhiệm vụ phải có ít nhất một cơ quan chủ trì.")
        with self.store.read() as session:
            doc = session.get(DocumentRow, document_id)
            if doc is None:
                raise NotFound(f"Không có văn bản #{document_id}.")
            province, length = doc.province, len(doc.text or "")
        if not 0 <= start <= end <= length:
            raise BadInput("Đoạn văn bản của nhiệm vụ nằm ngoài văn bản.")
        named = {role: [resolve_name(self.store, self.registry, n, province=province) for n in names]
                 for role, names in (("assignee", assignees), ("coordinator", coordinators))}
        now = _now()
        with self.store.write() as session:
            position = (session.scalar(select(func.max(TaskRow.position))
                                       .where(TaskRow.document_id == document_id)) or 0) + 1
            row = TaskRow(document_id=document_id, position=position, action=action,
                          status=Status.PROPOSED.value, deadline_text=None,
                          deadline_kind="manual" if due else None, due_date=due, original_due_date=due,
                          start=start, end=end, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            for role, bodies in named.items():
                store_tasks.replace_bodies(session, row.id, role, [(b.name, b.name_key, b.body_id) for b in bodies])
            self._event(session, row.id, Event(lifecycle.EventKind.CREATED, data={
                "document_id": document_id, "manual": True, "start": start, "end": end,
                "due": due.isoformat() if due else None}), now)
            store_tasks.reindex(session, row.id)
            return row.id

    # --- edits --------------------------------------------------------------------------------
    def update(self, task_id: int, *, deadline: dt.date | None | str = "keep",
               assignees: list[str] | None = None, coordinators: list[str] | None = None,
               action: str | None = None) -> TaskState:
        """Correct a task: deadline (None clears it), assignees, coordinators, action text."""
        if deadline == "keep" and assignees is None and coordinators is None and action is None:
            raise BadInput("Không có gì để sửa (dùng --deadline, --assignee, --coordinator hoặc --action).")
        if action is not None and not action.strip():
            raise BadInput("Nội dung nhiệm vụ trống.")
        if assignees is not None and not assignees:
            raise BadInput("Nhiệm vụ phải có ít nhất một cơ quan chủ trì.")
        province = self.task(task_id).document.province
        named = {role: [resolve_name(self.store, self.registry, n, province=province) for n in names]
                 for role, names in (("assignee", assignees), ("coordinator", coordinators))
                 if names is not None}
        with self.store.write() as session:
            row, doc = self._lock(session, task_id)
            state = _state(row, doc)
            now = _now()
            if deadline != "keep":
                state, event = lifecycle.set_deadline(state, deadline)
                store_tasks.set_fields(session, task_id, now, due_date=state.due,
                                       original_due_date=state.original_due, deadline_kind="manual")
                self._event(session, task_id, event, now)
            for role, bodies in named.items():
                before = [b.name for b in row.bodies if b.role == role]
                store_tasks.replace_bodies(session, task_id, role,
                                           [(b.name, b.name_key, b.body_id) for b in bodies])
                kind = lifecycle.EventKind.REASSIGNED if role == "assignee" else lifecycle.EventKind.EDITED
                self._event(session, task_id, Event(kind, data={
                    "field": role, "before": before, "after": [b.name for b in bodies]}), now)
            if action is not None:
                action = " ".join(action.split())
                store_tasks.set_fields(session, task_id, now, action=action)
                self._event(session, task_id, Event(lifecycle.EventKind.EDITED, data={
                    "field": "action", "before": row.action, "after": action}), now)
            if named or action is not None:
                store_tasks.reindex(session, task_id)
            return state

    # --- documents ----------------------------------------------------------------------------
    def set_received(self, document_id: int, on: dt.date | None) -> list[tuple[int, dt.date | None]]:
        """Record the day a document was received; deadlines counted from receipt get their
        date (an extended due date is kept). Returns (task id, due date) of those tasks."""
        changed = []
        with self.store.write() as session:
            doc = session.get(DocumentRow, document_id, with_for_update=True)
            if doc is None:
                raise NotFound(f"Không có văn bản #{document_id}.")
            if on is not None and doc.doc_date and on < doc.doc_date:
                raise BadInput(f"Ngày nhận {on:%d/%m/%Y} trước ngày ban hành {doc.doc_date:%d/%m/%Y}.")
            docs.set_received(session, document_id, on)
            now = _now()
            for row in store_tasks.receipt_tasks(session, document_id):
                due = due_date(None, row.deadline_kind, row.deadline_rule, on)
                extended = row.due_date is not None and row.due_date != row.original_due_date
                values = {"original_due_date": due} if extended else {"due_date": due, "original_due_date": due}
                store_tasks.set_fields(session, row.id, now, **values)
                self._event(session, row.id, Event(lifecycle.EventKind.DEADLINE_SET, on, {
                    "received_on": on.isoformat() if on else None,
                    "before": row.original_due_date.isoformat() if row.original_due_date else None,
                    "after": due.isoformat() if due else None}), now)
                changed.append((row.id, due))
        return changed

    # --- helpers ------------------------------------------------------------------------------
    def _apply(self, task_id: int, rule: Callable[[TaskState], tuple[TaskState, Event]]) -> TaskState:
        with self.store.write() as session:
            row, doc = self._lock(session, task_id)
            state = _state(row, doc)
            new, event = rule(state)
            now = _now()
            store_tasks.set_fields(session, task_id, now, **_changes(state, new))
            self._event(session, task_id, event, now)
            return new

    def _lock(self, session, task_id: int) -> tuple[TaskRow, DocumentRow]:
        row = store_tasks.lock_task(session, task_id)
        if row is None:
            raise NotFound(f"Không có nhiệm vụ #{task_id}.")
        if row.superseded_by_id is not None:
            raise Refused(f"Nhiệm vụ #{task_id} thuộc phiên bản cũ của văn bản (đã có văn bản "
                          f"#{row.superseded_by_id} thay thế); hãy làm trên nhiệm vụ của phiên bản mới.")
        return row, session.get(DocumentRow, row.document_id)

    def _event(self, session, task_id: int, event: Event, now: dt.datetime) -> None:
        store_tasks.append_event(session, task_id, event.kind.value, at=now, actor=self.actor,
                                 on=event.on, data=event.data)


def _state(row: TaskRow, doc: DocumentRow | None) -> TaskState:
    return TaskState(status=Status(row.status), due=row.due_date, original_due=row.original_due_date,
                     completed_on=row.completed_on, pending_to=row.extension_asked_to,
                     pending_reason=row.extension_reason, assigned_on=earliest_day(doc.date_text) if doc else None)


def _changes(old: TaskState, new: TaskState) -> dict:
    pairs = {"status": ("status", lambda s: s.status.value), "due_date": ("due", None),
             "original_due_date": ("original_due", None), "completed_on": ("completed_on", None),
             "extension_asked_to": ("pending_to", None), "extension_reason": ("pending_reason", None)}
    out = {}
    for column, (attr, conv) in pairs.items():
        before, after = (conv(old), conv(new)) if conv else (getattr(old, attr), getattr(new, attr))
        if before != after:
            out[column] = after
    return out


__all__ = ["TaskDetail", "Tracker", "current_user"]
