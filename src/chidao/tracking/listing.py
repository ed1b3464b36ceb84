"""Task listings as the CLI asks for them: filters that depend on the day and the rules."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace

from chidao.registry import Registry
from chidao.store.db import Store
from chidao.store.tasks import TaskLine, TaskQuery, iter_tasks
from chidao.tracking.bodies import NamedBody, body_filter
from chidao.tracking.lifecycle import ACTIVE, Status, Timeliness
from chidao.tracking.views import timeliness_of


@dataclass(frozen=True)
class Listing:
    """What to list: statuses, a body (by name), the day, overdue or due soon."""

    as_of: dt.date
    statuses: tuple[Status, ...] = ()
    body: str | None = None
    coordinating: bool = False
    overdue: bool = False
    due_within: dt.timedelta | None = None
    document_id: int | None = None
    include_superseded: bool = False
    assigned_from: dt.date | None = None
    limit: int | None = None


def run(store: Store, registry: Registry, spec: Listing) -> tuple[Iterator[TaskLine], NamedBody | None]:
    """The matching tasks (streamed) and the body the filter named, if any."""
    statuses = tuple(s.value for s in spec.statuses) or tuple(s.value for s in Status if s is not Status.REJECTED)
    query = TaskQuery(statuses=statuses, coordinating=spec.coordinating, document_id=spec.document_id,
                      include_superseded=spec.include_superseded, assigned_from=spec.assigned_from,
                      assigned_to=spec.as_of)
    named = None
    if spec.body:
        ids, keys, named = body_filter(store, registry, spec.body, spec.as_of)
        query = _with(query, body_ids=ids, name_keys=keys)
    wanted: set[Timeliness] | None = None
    if spec.overdue or spec.due_within is not None:
        query = _with(query, statuses=tuple(s.value for s in ACTIVE if s.value in statuses))
        wanted = {Timeliness.OVERDUE} if spec.overdue else set()
        if spec.due_within is None:
            query = _with(query, due_before=spec.as_of)
        else:
            wanted.add(Timeliness.ON_TRACK)
            query = _with(query, due_to=spec.as_of + spec.due_within,
                          due_from=None if spec.overdue else spec.as_of)
    return _stream(store, query, wanted, spec), named


def _stream(store: Store, query: TaskQuery, wanted, spec: Listing) -> Iterator[TaskLine]:
    count = 0
    with store.read() as session:
        for line in iter_tasks(session, query):
            if wanted is not None and timeliness_of(line, spec.as_of) not in wanted:
                continue
            yield line
            count += 1
            if spec.limit and count >= spec.limit:
                return


def _with(query: TaskQuery, **changes) -> TaskQuery:
    return replace(query, **changes)


def body_statistics(store: Store, registry: Registry, as_of: dt.date, assigned_from: dt.date | None = None,
                    assigned_to: dt.date | None = None) -> list:
    """Per-body statistics on ``as_of`` of the accepted tasks given out in the period (by the
    date of their document), each body as it stands on ``as_of`` (successors applied)."""
    from chidao.tracking.lifecycle import TRACKED
    from chidao.tracking.stats import body_stats
    from chidao.tracking.views import holder_groups
    end = min(assigned_to, as_of) if assigned_to else as_of
    query = TaskQuery(statuses=tuple(s.value for s in TRACKED), assigned_from=assigned_from, assigned_to=end)
    with store.read() as session:
        return body_stats(iter_tasks(session, query), as_of, timeliness_of,
                          lambda line, day: holder_groups(line, registry, day))
