"""A task the extractor missed, added by a reviewer from a span of the document's text.

The tracking core has no operation for this yet; until it does, the task is written here
as a proposal with its ``created`` event, then accepted through ``Tracker.accept``.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from chidao.store.models import DocumentRow, TaskBodyRow, TaskEventRow, TaskRow
from chidao.store.tasks import reindex
from chidao.tracking.bodies import resolve_name
from chidao.tracking.errors import BadInput, NotFound
from chidao.tracking.service import Tracker

MAX_SPAN = 5000


def add_task(tracker: Tracker, document_id: int, start: int, end: int, assignees: list[str],
             coordinators: list[str] = (), due: dt.date | None = None) -> int:
    """Add and accept a task for ``text[start:end]``; its id."""
    store, registry = tracker.store, tracker.registry
    with store.read() as session:
        doc = session.get(DocumentRow, document_id)
        if doc is None:
            raise NotFound(f"Không có văn bản #{document_id}.")
        text, province = doc.text, doc.province
    if not (0 <= start < end <= len(text)) or end - start > MAX_SPAN:
        raise BadInput("Đoạn văn bản được chọn không hợp lệ (chọn lại trong nội dung văn bản).")
    action = " ".join(text[start:end].split())
    if not action:
        raise BadInput("Đoạn văn bản được chọn trống.")
    if not [a for a in assignees if a.strip()]:
        raise BadInput("Nhiệm vụ phải có ít nhất một cơ quan chủ trì.")
    named = [("assignee", resolve_name(store, registry, n, province=province)) for n in assignees if n.strip()]
    named += [("coordinator", resolve_name(store, registry, n, province=province)) for n in coordinators if n.strip()]
    now = dt.datetime.now(dt.timezone.utc)
    with store.write() as session:
        position = (session.scalar(select(func.max(TaskRow.position)).where(TaskRow.document_id == document_id)) or 0) + 1
        row = TaskRow(document_id=document_id, position=position, action=action, status="proposed",
                      deadline_text=None, deadline_kind="manual" if due else None, due_date=due,
                      original_due_date=due, start=start, end=end, created_at=now, updated_at=now)
        session.add(row)
        session.flush()
        counters = {"assignee": 0, "coordinator": 0}
        for role, body in named:
            session.add(TaskBodyRow(task_id=row.id, role=role, position=counters[role], name=body.name,
                                    name_key=body.name_key, body_id=body.body_id))
            counters[role] += 1
        session.add(TaskEventRow(task_id=row.id, kind="created", at=now, actor=tracker.actor, on_date=None,
                                 data={"document_id": document_id, "manual": True, "start": start, "end": end,
                                       "due": due.isoformat() if due else None}))
        session.flush()
        reindex(session, row.id)
        task_id = row.id
    tracker.accept(task_id)
    return task_id
