"""A task the extractor missed, added by a reviewer from a span of the document's text.

The span is checked and its text becomes the task's action; the task is added through
``Tracker.add_task`` (a proposal with its ``created`` event) and accepted at once.
"""
from __future__ import annotations

import datetime as dt

from chidao.store.models import DocumentRow
from chidao.tracking.errors import BadInput, NotFound
from chidao.tracking.service import Tracker

MAX_SPAN = 5000


def add_task(tracker: Tracker, document_id: int, start: int, end: int, assignees: list[str],
             coordinators: list[str] = (), due: dt.date | None = None) -> int:
    """Add and accept a task for ``text[start:end]``; its id."""
    with tracker.store.read() as session:
        doc = session.get(DocumentRow, document_id)
        if doc is None:
            raise NotFound(f"Không có văn bản #{document_id}.")
        text = doc.text
    if not (0 <= start < end <= len(text)) or end - start > MAX_SPAN:
        raise BadInput("Đoạn văn bản được chọn không hợp lệ (chọn lại trong nội dung văn bản).")
    action = " ".join(text[start:end].split())
    if not action:
        raise BadInput("Đoạn văn bản được chọn trống.")
    task_id = tracker.add_task(document_id, action, assignees, coordinators, due, start=start, end=end)
    tracker.accept(task_id)
    return task_id
