"""Dashboards kept between requests until the tasks change.

A dashboard over 100,000 tasks takes one pass over every task; most requests come between
two changes. Each change to a task writes a task event (the audit is append-only) and each
new task a row, so the newest of both tells whether a kept dashboard is still true. The
key holds the user's scope and the day, so nobody sees another scope's figures."""
from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chidao.registry import Registry
from chidao.store.db import Store
from chidao.store.models import TaskEventRow, TaskRow
from chidao.web.queries import Dashboard, dashboard


def revision(session: Session) -> tuple[int, int]:
    """The newest task event and the newest task: both grow with every change to the tasks."""
    return (session.scalar(select(func.max(TaskEventRow.id))) or 0, session.scalar(select(func.max(TaskRow.id))) or 0)


class Boards:
    """The dashboards of the scopes and days asked lately, each with the revision it was computed at."""

    def __init__(self, size: int = 64):
        self.size = size
        self._kept: dict[tuple, Dashboard] = {}
        self._lock = threading.Lock()

    def get(self, store: Store, bodies: frozenset[str] | None, as_of: dt.date, registry: Registry) -> Dashboard:
        with store.read() as session:
            key = (bodies, as_of, id(registry), revision(session))
            board = self._kept.get(key)
            if board is None:
                board = dashboard(session, bodies, as_of, registry)
                with self._lock:
                    if len(self._kept) >= self.size:
                        self._kept.clear()
                    self._kept[key] = board
            return board
