"""A reminder run: select, compose, send, and record each reminder on the task's history.

A reminder is a task event of kind ``reminded`` (``on_date`` the day of the run, ``data``
the body key and name, the recipients, and whether the task was overdue); a task already
reminded to a body on a day is not reminded to it again that day. A dry run sends and
records nothing.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select as sql_select

from chidao.registry import Registry
from chidao.reminders.addresses import AddressBook
from chidao.reminders.compose import Message, compose
from chidao.reminders.select import ACTIVE_VALUES, Batch, select
from chidao.store import tasks as store_tasks
from chidao.store.db import Store
from chidao.store.models import TaskEventRow

REMINDED = "reminded"


@dataclass
class Outcome:
    """One body's reminder: ``status`` is sent, dry-run, no-address or failed."""

    batch: Batch
    message: Message
    recipients: list[str]
    status: str
    error: str | None = None


@dataclass
class RunResult:
    as_of: dt.date
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def reminded_on(store: Store, day: dt.date) -> set[tuple[int, str]]:
    """(task id, body key) of the reminders recorded on ``day``."""
    with store.read() as session:
        rows = session.execute(sql_select(TaskEventRow.task_id, TaskEventRow.data)
                               .where(TaskEventRow.kind == REMINDED, TaskEventRow.on_date == day))
        return {(task_id, (data or {}).get("body_key")) for task_id, data in rows}


def plan(store: Store, registry: Registry, as_of: dt.date, within: int) -> list[Batch]:
    """What would be sent on ``as_of`` (minus what was already sent that day)."""
    done = reminded_on(store, as_of)
    with store.read() as session:
        lines = list(store_tasks.iter_tasks(session, store_tasks.TaskQuery(
            statuses=tuple(sorted(ACTIVE_VALUES)), due_to=as_of + dt.timedelta(days=within))))
    return select(lines, as_of, within, registry, already=lambda task_id, key: (task_id, key) in done)


def run(store: Store, registry: Registry, book: AddressBook, *, as_of: dt.date, within: int,
        send: Callable[[Message, list[str]], None] | None, actor: str,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)) -> RunResult:
    """Remind every body; ``send=None`` is a dry run (nothing sent, nothing recorded).

    Each body's reminder is recorded right after it is sent, so a failure part-way leaves
    the bodies already reached recorded and the others to a later run."""
    result = RunResult(as_of)
    for batch in plan(store, registry, as_of, within):
        message = compose(batch, as_of, within)
        recipients = book.recipients(batch)
        if send is None:
            result.outcomes.append(Outcome(batch, message, recipients, "dry-run"))
            continue
        if not recipients:
            result.outcomes.append(Outcome(batch, message, recipients, "no-address"))
            continue
        try:
            send(message, recipients)
        except Exception as e:  # noqa: BLE001 - one body's failure must not stop the others
            result.outcomes.append(Outcome(batch, message, recipients, "failed", f"{type(e).__name__}: {e}"))
            continue
        _record(store, batch, recipients, as_of, actor, now())
        result.outcomes.append(Outcome(batch, message, recipients, "sent"))
    return result


def _record(store: Store, batch: Batch, recipients: list[str], as_of: dt.date, actor: str,
            at: dt.datetime) -> None:
    with store.write() as session:
        for item in batch.items:
            data = {"body_key": batch.key, "body": batch.label, "to": recipients,
                    "overdue": item.overdue, "due": item.line.due_date.isoformat()}
            if item.overdue:
                data["days_late"] = item.days_late
            store_tasks.append_event(session, item.line.id, REMINDED, at=at, actor=actor, on=as_of, data=data)
