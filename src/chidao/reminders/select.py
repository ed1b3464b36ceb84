"""Which tasks each body is reminded of on a day (pure: no I/O).

A task counts for every body answering for it on that day (the successors of a merged
body, as ``tracking.views.holder_groups`` gives them); only accepted, unfinished tasks
(open, in progress) count. Overdue and in-time are the tracking core's timeliness; a task
is "due soon" when it is in time and its due date is at most ``within`` days ahead.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from chidao.registry import Registry
from chidao.store.tasks import TaskLine
from chidao.tracking.lifecycle import ACTIVE, Status, Timeliness
from chidao.tracking.views import holder_groups, last_day_on_time, timeliness_of

ACTIVE_VALUES = frozenset(s.value for s in ACTIVE)


@dataclass(frozen=True)
class Item:
    """A task in a reminder: ``days_late`` > 0 for an overdue one, else 0."""

    line: TaskLine
    overdue: bool
    days_late: int = 0


@dataclass
class Batch:
    """What one body is reminded of: ``key`` names the body ("+"-joined registry ids, or
    ``name:…`` for a body known only by the name tasks carry); ``label`` is its name."""

    key: str
    label: str
    overdue: list[Item] = field(default_factory=list)
    due_soon: list[Item] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return self.overdue + self.due_soon

    @property
    def body_ids(self) -> list[str]:
        return [] if self.key.startswith("name:") else self.key.split("+")


def select(lines: Iterable[TaskLine], as_of: dt.date, within: int, registry: Registry, *,
           already: Callable[[int, str], bool] = lambda task_id, key: False) -> list[Batch]:
    """Batches by body label, each listing overdue tasks (most late first) then tasks due
    within ``within`` days (soonest first); ``already(task_id, key)`` leaves out a task
    already reminded to that body on ``as_of``. Bodies with nothing to remind are left out."""
    if within < 0:
        raise ValueError("within must be >= 0")
    horizon = as_of + dt.timedelta(days=within)
    batches: dict[str, Batch] = {}
    for line in lines:
        if line.status not in ACTIVE_VALUES or line.superseded_by_id is not None or line.due_date is None:
            continue
        state = timeliness_of(line, as_of)
        if state is Timeliness.OVERDUE:
            item = Item(line, True, (as_of - last_day_on_time(line.due_date)).days)
        elif state is Timeliness.ON_TRACK and line.due_date <= horizon:
            item = Item(line, False)
        else:
            continue
        for key, label in holder_groups(line, registry, as_of):
            if already(line.id, key):
                continue
            batch = batches.setdefault(key, Batch(key, label))
            (batch.overdue if item.overdue else batch.due_soon).append(item)
    for batch in batches.values():
        batch.overdue.sort(key=lambda i: (-i.days_late, i.line.id))
        batch.due_soon.sort(key=lambda i: (i.line.due_date, i.line.id))
    return sorted((b for b in batches.values() if b.items), key=lambda b: b.label)


__all__ = ["Batch", "Item", "Status", "select"]
