"""The periodic task report (tháng, quý, năm or any range), as the tracking regulations ask.

For the tasks given out in a period (by the date of their document) and judged on a day
(the end of the period unless told otherwise): per body the numbers assigned, done on time,
done late, still open in time, open overdue, without a due date, and the completion rate;
the list of overdue tasks with their source document and sentence; and the same figures for
the previous period of equal length.

:func:`build_period` is pure (it takes task lines and callables); :func:`period_report`
reads them from a store.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from chidao.store.tasks import TaskLine
from chidao.tracking.lifecycle import TRACKED, Timeliness


@dataclass
class BodyFigures:
    """One body's line of the report."""

    body: str
    assigned: int = 0
    done_on_time: int = 0
    done_late: int = 0
    open_in_time: int = 0
    open_overdue: int = 0
    no_deadline: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def rate(self) -> float | None:
        """Share of the assigned tasks that are done (0..1); None when nothing was assigned."""
        return self.done / self.assigned if self.assigned else None

    def add(self, state: Timeliness) -> None:
        self.assigned += 1
        attr = {Timeliness.DONE_ON_TIME: "done_on_time", Timeliness.DONE_LATE: "done_late",
                Timeliness.ON_TRACK: "open_in_time", Timeliness.OVERDUE: "open_overdue",
                Timeliness.NO_DEADLINE: "no_deadline"}[state]
        setattr(self, attr, getattr(self, attr) + 1)

    def as_dict(self) -> dict:
        return {"body": self.body, "assigned": self.assigned, "done_on_time": self.done_on_time,
                "done_late": self.done_late, "open_in_time": self.open_in_time,
                "open_overdue": self.open_overdue, "no_deadline": self.no_deadline,
                "rate": self.rate}


NUMBERS = ("assigned", "done_on_time", "done_late", "open_in_time", "open_overdue", "no_deadline")


@dataclass
class OverdueTask:
    """A task still open after its due date, on the day of the report."""

    task_id: int
    bodies: list[str]
    action: str
    doc_type: str | None
    doc_number: str | None
    doc_date: dt.date | None
    due: dt.date
    days_late: int
    sentence: str = ""

    @property
    def source(self) -> str:
        parts = [self.doc_type or "Văn bản", f"số {self.doc_number}" if self.doc_number else ""]
        if self.doc_date:
            parts.append(f"ngày {self.doc_date:%d/%m/%Y}")
        return " ".join(p for p in parts if p)


@dataclass
class Figures:
    """Per-body figures of one period."""

    start: dt.date
    end: dt.date
    as_of: dt.date
    rows: list[BodyFigures]
    tasks: int = 0  # distinct tasks (a task of two bodies counts once here, once per body above)

    @property
    def total(self) -> BodyFigures:
        out = BodyFigures("Tổng cộng")
        for row in self.rows:
            for name in NUMBERS:
                setattr(out, name, getattr(out, name) + getattr(row, name))
        return out

    def by_body(self) -> dict[str, BodyFigures]:
        return {r.body: r for r in self.rows}


@dataclass
class PeriodReport:
    current: Figures
    previous: Figures
    overdue: list[OverdueTask] = field(default_factory=list)

    @property
    def comparison(self) -> list[tuple[str, BodyFigures | None, BodyFigures | None]]:
        """(body, this period, previous period) for every body in either, this period's order."""
        now, before = self.current.by_body(), self.previous.by_body()
        names = list(now) + [n for n in before if n not in now]
        return [(n, now.get(n), before.get(n)) for n in names]


Timeliness_of = Callable[[TaskLine, dt.date], "Timeliness | None"]
Groups_of = Callable[[TaskLine, dt.date], list[tuple[str, str]]]


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period of equal length just before ``start``..``end``."""
    length = (end - start).days + 1
    return start - dt.timedelta(days=length), start - dt.timedelta(days=1)


def figures(lines: Iterable[TaskLine], start: dt.date, end: dt.date, as_of: dt.date,
            timeliness_of: Timeliness_of, groups_of: Groups_of) -> tuple[Figures, list[tuple[TaskLine, list[str]]]]:
    """Per-body figures of the tracked tasks given; also the overdue ones with their bodies."""
    table: dict[str, BodyFigures] = {}
    overdue = []
    count = 0
    tracked = {s.value for s in TRACKED}
    for line in lines:
        if line.status not in tracked:
            continue
        state = timeliness_of(line, as_of)
        if state is None:
            continue
        count += 1
        labels = []
        for key, label in groups_of(line, as_of):
            table.setdefault(key, BodyFigures(label)).add(state)
            labels.append(label)
        if state is Timeliness.OVERDUE:
            overdue.append((line, labels))
    rows = sorted(table.values(), key=lambda r: (-r.assigned, r.body))
    return Figures(start, end, as_of, rows, count), overdue


def build_period(current: Iterable[TaskLine], previous: Iterable[TaskLine], start: dt.date, end: dt.date,
                 as_of: dt.date, timeliness_of: Timeliness_of, groups_of: Groups_of,
                 sentence_of: Callable[[int], str] = lambda task_id: "") -> PeriodReport:
    """The report from the tasks of the period and of the previous one (pure)."""
    now, late = figures(current, start, end, as_of, timeliness_of, groups_of)
    p_start, p_end = previous_period(start, end)
    before, _ = figures(previous, p_start, p_end, min(as_of, p_end), timeliness_of, groups_of)
    overdue = [OverdueTask(line.id, labels, line.action, line.doc_type, line.doc_number, line.doc_date,
                           line.due_date, (as_of - line.due_date).days, sentence_of(line.id))
               for line, labels in late]
    overdue.sort(key=lambda t: (t.due, t.task_id))
    return PeriodReport(now, before, overdue)


def period_report(store, registry, start: dt.date, end: dt.date, as_of: dt.date | None = None) -> PeriodReport:
    """The report of the tasks given out from ``start`` to ``end``, judged on ``as_of``
    (default: the end of the period, or today if that is earlier)."""
    from chidao.store.tasks import TaskQuery, iter_tasks
    from chidao.tracking.views import holder_groups, timeliness_of

    day = as_of or min(end, dt.date.today())
    p_start, p_end = previous_period(start, end)
    statuses = tuple(s.value for s in TRACKED)
    with store.read() as session:
        current = list(iter_tasks(session, TaskQuery(statuses=statuses, assigned_from=start, assigned_to=end)))
        previous = list(iter_tasks(session, TaskQuery(statuses=statuses, assigned_from=p_start,
                                                      assigned_to=p_end)))
    current = [x for x in current if _within(x, start, end)]
    previous = [x for x in previous if _within(x, p_start, p_end)]
    report = build_period(current, previous, start, end, day, timeliness_of,
                          lambda line, d: holder_groups(line, registry, d))
    sentences = task_sentences(store, [t.task_id for t in report.overdue])
    for task in report.overdue:
        task.sentence = sentences.get(task.task_id, "")
    return report


def _within(line: TaskLine, start: dt.date, end: dt.date) -> bool:
    """Only tasks whose document is dated inside the period (a month-only date counts by its first day)."""
    from chidao.tracking.deadlines import earliest_day
    day = earliest_day(line.doc_date_text)
    return day is not None and start <= day <= end


def task_sentences(store, task_ids: list[int], limit: int = 600) -> dict[int, str]:
    """The source text of each task (its span in the document), spaces collapsed."""
    from sqlalchemy import select

    from chidao.store.models import DocumentRow, TaskRow
    out: dict[int, str] = {}
    if not task_ids:
        return out
    with store.read() as session:
        for start in range(0, len(task_ids), 500):
            part = task_ids[start:start + 500]
            rows = session.execute(select(TaskRow.id, TaskRow.start, TaskRow.end, DocumentRow.text)
                                   .join(DocumentRow, DocumentRow.id == TaskRow.document_id)
                                   .where(TaskRow.id.in_(part)))
            for task_id, a, b, text in rows:
                piece = " ".join((text or "")[a:b].split())
                out[task_id] = piece if len(piece) <= limit else piece[:limit - 1].rstrip() + "…"
    return out


def percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}%".replace(".", ",")


__all__ = ["BodyFigures", "Figures", "OverdueTask", "PeriodReport", "build_period", "percent",
           "period_report", "previous_period", "task_sentences"]
