"""Per-body statistics on a day: done on time or late, running in time or overdue.

A task counts for each body answering for it on that day (the successors of a merged
body); a task done after that day counts as still running; proposals and rejected tasks
do not count.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from chidao.store.tasks import TaskLine
from chidao.tracking.lifecycle import Timeliness

COLUMNS = (Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE, Timeliness.ON_TRACK, Timeliness.OVERDUE,
           Timeliness.NO_DEADLINE)


@dataclass
class BodyStats:
    body: str
    counts: dict[Timeliness, int] = field(default_factory=lambda: {c: 0 for c in COLUMNS})

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict:
        return {"body": self.body, "total": self.total,
                "done_on_time": self.counts[Timeliness.DONE_ON_TIME],
                "done_late": self.counts[Timeliness.DONE_LATE],
                "open_in_time": self.counts[Timeliness.ON_TRACK],
                "open_overdue": self.counts[Timeliness.OVERDUE],
                "no_deadline": self.counts[Timeliness.NO_DEADLINE]}


def body_stats(lines: Iterable[TaskLine], as_of: dt.date,
               timeliness_of: Callable[[TaskLine, dt.date], Timeliness | None],
               groups_of: Callable[[TaskLine, dt.date], list[tuple[str, str]]]) -> list[BodyStats]:
    """Counts per body, most tasks first; ``groups_of`` gives (key, label) of the bodies."""
    table: dict[str, BodyStats] = {}
    for line in lines:
        state = timeliness_of(line, as_of)
        if state is None:
            continue
        for key, label in groups_of(line, as_of):
            table.setdefault(key, BodyStats(label)).counts[state] += 1
    return sorted(table.values(), key=lambda s: (-s.total, s.body))


def totals(rows: list[BodyStats]) -> BodyStats:
    out = BodyStats("Tổng")
    for row in rows:
        for c in COLUMNS:
            out.counts[c] += row.counts[c]
    return out
