"""The iCalendar (RFC 5545) feeds of open task deadlines, behind secret tokens.

A body's feed lists its open and in-progress tasks that have a due date — its own and
those of the bodies whose work it holds today (the 2025 mergers) — one all-day event each;
a user's feed lists the tasks the user sees in the web app (an officer: their body's; the
other roles: all). A token is an HMAC-SHA256, with the web application's secret key
(``chidao.web.auth.secret_key``), of the body id or of the user's id and name: nothing is
stored, changing the key revokes every feed, and a user removed loses theirs.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from functools import lru_cache

from icalendar import Calendar, Event

from chidao.registry import Registry
from chidao.store import tasks as store_tasks
from chidao.store.db import Store
from chidao.store.tasks import TaskLine
from chidao.tracking.lifecycle import ACTIVE, Timeliness
from chidao.tracking.succession import held_by
from chidao.tracking.views import timeliness_of

PRODID = "-//chidao//Theo doi nhiem vu chi dao dieu hanh//VI"


def body_token(secret: str, body_id: str) -> str:
    """The secret token of a body's feed (32 hex characters)."""
    return hmac.new(secret.encode(), b"chidao-lich:" + body_id.encode(), hashlib.sha256).hexdigest()[:32]


def body_for_token(secret: str, registry: Registry, token: str) -> str | None:
    """The body id whose token is ``token``, or None."""
    body_id = _tokens(secret, registry).get(token)
    if body_id is not None and hmac.compare_digest(body_token(secret, body_id), token):
        return body_id
    return None


@lru_cache(maxsize=4)
def _tokens(secret: str, registry: Registry) -> dict[str, str]:
    return {body_token(secret, b.id): b.id for b in registry.bodies}


def user_token(secret: str, user_id: int, user_name: str) -> str:
    """The secret token of a user's feed (32 hex characters)."""
    return hmac.new(secret.encode(), f"chidao-lich-user:{user_id}:{user_name}".encode(),
                    hashlib.sha256).hexdigest()[:32]


def user_for_token(secret: str, users, token: str):
    """The user (of ``users``, with ``id`` and ``name``) whose token is ``token``, or None."""
    for user in users:
        if hmac.compare_digest(user_token(secret, user.id, user.name), token):
            return user
    return None


def open_deadlines(store: Store, registry: Registry, body_id: str, today: dt.date) -> list[TaskLine]:
    """The open tasks with a due date that ``body_id`` answers for on ``today``."""
    return deadlines_in(store, frozenset(held_by(registry, body_id, today)))


def deadlines_in(store: Store, body_ids: frozenset[str] | None, *, coordinating: bool = False) -> list[TaskLine]:
    """The open tasks with a due date assigned to one of ``body_ids`` (None: every task);
    ``coordinating`` also those where one of them coordinates (phối hợp)."""
    if body_ids is not None and not body_ids:
        return []
    query = store_tasks.TaskQuery(statuses=tuple(s.value for s in ACTIVE), body_ids=body_ids or frozenset(),
                                  coordinating=coordinating)
    with store.read() as session:
        return [line for line in store_tasks.iter_tasks(session, query) if line.due_date is not None]


def _summary(line: TaskLine) -> str:
    action = line.action if len(line.action) <= 90 else line.action[:89].rstrip() + "…"
    return f"Hạn: {action}" + (f" ({line.doc_number})" if line.doc_number else "")


def _description(line: TaskLine, today: dt.date) -> str:
    doc = (line.doc_type or "Văn bản") + (f" số {line.doc_number}" if line.doc_number else "") \
        + (f" ngày {line.doc_date:%d/%m/%Y}" if line.doc_date else "")
    parts = [f"Nhiệm vụ #{line.id} — {doc}", f"Nội dung: {line.action}",
             "Chủ trì: " + "; ".join(name for name, _ in line.assignees)]
    if line.coordinators:
        parts.append("Phối hợp: " + "; ".join(name for name, _ in line.coordinators))
    state = timeliness_of(line, today)
    parts.append(f"Hạn: {line.due_date:%d/%m/%Y}" + (" (quá hạn)" if state is Timeliness.OVERDUE else ""))
    return "\n".join(parts)


def calendar(name: str, lines: list[TaskLine], today: dt.date, now: dt.datetime | None = None) -> bytes:
    """The .ics text: one all-day event per task, on its due date."""
    now = now or dt.datetime.now(dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Hạn nhiệm vụ — {name}")
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for line in lines:
        event = Event()
        event.add("uid", f"task-{line.id}@chidao")
        event.add("dtstamp", now)
        event.add("dtstart", line.due_date)
        event.add("dtend", line.due_date + dt.timedelta(days=1))
        event.add("summary", _summary(line))
        event.add("description", _description(line, today))
        event.add("transp", "TRANSPARENT")
        if timeliness_of(line, today) is Timeliness.OVERDUE:
            event.add("categories", ["Quá hạn"])
        cal.add_component(event)
    return cal.to_ical()
