"""Read-time views of tasks: timeliness on a day, current holders of the assignees."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from chidao.calendar import default_calendar
from chidao.registry import Registry
from chidao.store.tasks import TaskLine
from chidao.tracking.deadlines import earliest_day, needs_receipt
from chidao.tracking.lifecycle import Status, TaskState, Timeliness, timeliness
from chidao.tracking.succession import holder_label, holders


@lru_cache(maxsize=8192)
def last_day_on_time(due: dt.date) -> dt.date:
    """Civil Code art. 148: a due date on a day off moves to the next working day."""
    return default_calendar().due_date_for_period_end(due)


def state_of(line: TaskLine) -> TaskState:
    return TaskState(status=Status(line.status), due=line.due_date, original_due=line.original_due_date,
                     completed_on=line.completed_on, pending_to=line.extension_asked_to,
                     assigned_on=earliest_day(line.doc_date_text))


def timeliness_of(line: TaskLine, as_of: dt.date) -> Timeliness | None:
    return timeliness(state_of(line), as_of, last_day_on_time)


def deadline_label(line: TaskLine) -> str:
    """The due date as dd/mm/yyyy, or why there is none."""
    if line.due_date:
        text = line.due_date.strftime("%d/%m/%Y")
        if line.original_due_date and line.original_due_date != line.due_date:
            text += f" (gia hạn từ {line.original_due_date.strftime('%d/%m/%Y')})"
        return text
    if needs_receipt(line.deadline_kind, line.deadline_rule):
        return "chờ ngày nhận văn bản"
    if line.deadline_kind == "recurring":
        return "định kỳ"
    return line.deadline_text or ""


def assignee_names(line: TaskLine, registry: Registry, as_of: dt.date | None) -> list[str]:
    """Assignees as written, each followed by ``(nay: holder)`` when another body holds its work."""
    out = []
    for name, body_id in line.assignees:
        later = holder_label(registry, body_id, as_of) if body_id and as_of else None
        out.append(f"{name} (nay: {later})" if later else name)
    return out


def holder_groups(line: TaskLine, registry: Registry, as_of: dt.date) -> list[tuple[str, str]]:
    """(key, label) of the bodies answering for the task on ``as_of``: the holders of each
    assignee (one group for a body split among several), or the name as written."""
    groups = []
    for name, body_id in line.assignees:
        found = holders(registry, body_id, as_of) if body_id else ()
        if found:
            groups.append(("+".join(b.id for b in found), "; ".join(b.name for b in found)))
        else:
            groups.append(("name:" + name.lower(), name))
    return list(dict.fromkeys(groups))


__all__ = ["Timeliness", "assignee_names", "deadline_label", "holder_groups", "last_day_on_time",
           "state_of", "timeliness_of"]
