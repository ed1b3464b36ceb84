"""Timeliness as SQL conditions, so that listings filter and count in the database.

The rule stays that of ``tracking.lifecycle.timeliness``: a task is late when the day is
past the last day on time of its due date (a due date on a day off moves to the next
working day). That last day never decreases with the due date, so "overdue on ``as_of``"
is "due before a cutoff"; completions after the due date are judged per due date.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.orm import Session

from chidao.calendar.workdays import default_calendar
from chidao.store.models import TaskRow
from chidao.tracking.lifecycle import ACTIVE, Status, Timeliness
from chidao.tracking.views import last_day_on_time

ACTIVE_VALUES = tuple(s.value for s in ACTIVE)
TRACKED_VALUES = ACTIVE_VALUES + (Status.DONE.value,)
KEYS = {"on_track": Timeliness.ON_TRACK, "overdue": Timeliness.OVERDUE,
        "done_on_time": Timeliness.DONE_ON_TIME, "done_late": Timeliness.DONE_LATE,
        "no_deadline": Timeliness.NO_DEADLINE}
LABELS = {"on_track": "trong hạn", "overdue": "quá hạn", "done_on_time": "hoàn thành đúng hạn",
          "done_late": "hoàn thành quá hạn", "no_deadline": "chưa có hạn"}


def overdue_cutoff(as_of: dt.date) -> dt.date:
    """The first due date still on time on ``as_of``: due dates before it are late."""
    day = as_of
    while last_day_on_time(day - dt.timedelta(days=1)) >= as_of:
        day -= dt.timedelta(days=1)
    return day


def condition(session: Session, key: str, as_of: dt.date, base=None, graced=None, where: bool = False):
    """A condition on ``TaskRow`` for tasks of timeliness ``key`` on ``as_of``.

    ``graced`` is the result of ``graced_done(session, base)`` when already at hand; ``where``
    says that the condition selects the rows of a query (rather than counts among them)."""
    status = _status(session) if where else TaskRow.status
    # running on ``as_of``: active, or marked done later (or on no known day), as the tracking judges it
    running = or_(status.in_(ACTIVE_VALUES),
                  and_(status == Status.DONE.value, or_(TaskRow.completed_on.is_(None), TaskRow.completed_on > as_of)))
    cutoff = overdue_cutoff(as_of)
    if key == "overdue":
        return and_(running, TaskRow.due_date < cutoff)
    if key == "on_track":
        return and_(running, TaskRow.due_date >= cutoff)
    done = and_(status == Status.DONE.value, TaskRow.completed_on <= as_of)
    if key == "no_deadline":
        return and_(TaskRow.due_date.is_(None), running)
    if graced is None:
        graced = graced_done(session, base)
    if key == "done_on_time":
        return and_(done, or_(TaskRow.due_date.is_(None), TaskRow.completed_on <= TaskRow.due_date, graced))
    if key == "done_late":
        return and_(done, TaskRow.completed_on > TaskRow.due_date, ~graced)
    raise ValueError(key)


def _status(session: Session):
    """The status column as a selecting condition reads it. On SQLite ``status || ''``:
    without statistics SQLite would pick the status index and read a row per task of the
    status, where the due-date index holds the status and the dates of every task."""
    return TaskRow.status + "" if session.get_bind().dialect.name == "sqlite" else TaskRow.status


def counts(session: Session, as_of: dt.date, base=None) -> dict[str, int]:
    """The number of tasks of each timeliness on ``as_of`` (within ``base``), in one query."""
    graced = graced_done(session, base)
    columns = [func.count().filter(condition(session, key, as_of, base, graced)).label(key) for key in KEYS]
    q = select(*columns).select_from(TaskRow)
    if base is not None:
        q = q.where(base)
    row = session.execute(q).one()
    return {key: int(row[i] or 0) for i, key in enumerate(KEYS)}


def graced_done(session: Session, base=None):
    """Done after the due date but within its grace (the due date fell on a day off).

    No pass over the tasks: the days off between the earliest and the latest due date
    (two index reads) are grouped by their grace in days, and a task is graced when its
    due date is one of them and it was completed at most that many days after it."""
    low, high = (session.scalar(select(f(TaskRow.due_date))) for f in (func.min, func.max))  # one index read each
    if low is None:
        return false()
    if (high - low).days > MAX_SPAN_DAYS:  # absurd due dates: only those of late completions
        return _graced_by_query(session, base)
    sqlite = session.get_bind().dialect.name == "sqlite"
    parts = []
    for days, dues in sorted(days_off_by_grace(low, high).items()):
        last = func.date(TaskRow.due_date, f"+{days} days") if sqlite else TaskRow.due_date + days
        parts.append(and_(TaskRow.due_date.in_(dues), TaskRow.completed_on <= last))
    return or_(*parts) if parts else false()


MAX_SPAN_DAYS = 40 * 366
_graces: dict[dt.date, int] = {}
_graces_of: list = [None]


def days_off_by_grace(low: dt.date, high: dt.date) -> dict[int, list[dt.date]]:
    """The due dates from ``low`` to ``high`` whose last day on time is later, by how many days."""
    calendar = default_calendar()
    if _graces_of[0] is not calendar:  # the calendar was reloaded: forget what it said
        _graces.clear()
        _graces_of[0] = calendar
    out: dict[int, list[dt.date]] = {}
    day = low
    while day <= high:
        days = _graces.get(day)
        if days is None:
            days = _graces[day] = (last_day_on_time(day) - day).days
        if days > 0:
            out.setdefault(days, []).append(day)
        day += dt.timedelta(days=1)
    return out


def _graced_by_query(session: Session, base):
    q = select(TaskRow.due_date).where(TaskRow.status == Status.DONE.value,
                                       TaskRow.completed_on > TaskRow.due_date).distinct()
    if base is not None:
        q = q.where(base)
    parts = []
    for (due,) in session.execute(q):
        last = last_day_on_time(due)
        if last > due:
            parts.append(and_(TaskRow.due_date == due, TaskRow.completed_on <= last))
    return or_(*parts) if parts else false()
