"""From an extraction to the records the store writes (pure, apart from the cached registry).

Names of assignees and coordinators are resolved to bodies of the registry as they existed
on the document's date, within the document's province (from its issuer, else its place,
else ``CHIDAO_PROVINCE``, by default Lạng Sơn). Names that are not in the registry (``Các
sở, ban, ngành``) are kept as written, without a body.
"""
from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache

from chidao.extract.model import Extraction, Task
from chidao.registry import Registry, fold, load
from chidao.store.keys import has_number, number_key, year_of
from chidao.store.records import NewBody, NewDocument, NewReference, NewTask
from chidao.tracking.deadlines import due_date, written_date
from chidao.tracking.lifecycle import Status

ENV_PROVINCE = "CHIDAO_PROVINCE"
DEFAULT_PROVINCE = "Lạng Sơn"


def default_province() -> str:
    return os.environ.get(ENV_PROVINCE) or DEFAULT_PROVINCE


def prepare(extraction: Extraction, text: str, *, sha256: str, source_name: str, suffix: str,
            size: int, accept: bool = False, registry: Registry | None = None,
            province: str | None = None) -> NewDocument:
    """The records for one document; tasks are proposed unless ``accept``."""
    registry = registry or load()
    doc = extraction.document
    place = _province_of(registry, doc.issuer, doc.place) or province or default_province()
    doc_date = written_date(doc.date)
    key = number_key(doc.number)
    year = year_of(doc.date, doc.number)
    resolve = _resolver(registry, place, doc_date)
    issuer_body = resolve(doc.issuer) if doc.issuer else None
    status = Status.OPEN if accept else Status.PROPOSED
    tasks = tuple(_task(i, t, text, status, resolve) for i, t in enumerate(extraction.tasks))
    references = tuple(
        NewReference(i, r.type, r.number, number_key(r.number) or fold(r.number), year_of(r.date, r.number),
                     r.date, r.issuer, r.start, r.end)
        for i, r in enumerate(extraction.references) if r.number)
    signer = None
    if doc.signer is not None:
        signer = {"name": doc.signer.name, "title": doc.signer.title, "authority": doc.signer.authority}
    version_key = None
    if has_number(doc.number) and doc.issuer and doc.date:
        version_key = f"{key}|{fold(doc.issuer)}|{doc.date}"
    return NewDocument(
        sha256=sha256, source_name=source_name, suffix=suffix, size=size, doc_type=doc.type,
        number=doc.number, number_key=key, year=year, issuer=doc.issuer, issuer_body_id=issuer_body,
        province=place, place=doc.place, date_text=doc.date, doc_date=doc_date, subject=doc.subject,
        signer=signer, recipients=list(doc.recipients), text=text, version_key=version_key,
        tasks=tasks, references=references)


def _task(position: int, task: Task, text: str, status: Status, resolve) -> NewTask:
    d = task.deadline
    bodies = tuple(
        [NewBody("assignee", i, n, fold(n), resolve(n)) for i, n in enumerate(task.assignees)]
        + [NewBody("coordinator", i, n, fold(n), resolve(n)) for i, n in enumerate(task.coordinators)])
    return NewTask(
        position=position, action=task.action or " ".join(text[task.start:task.end].split())[:300],
        status=status.value,
        deadline_text=d.text if d else None, deadline_kind=d.kind if d else None,
        deadline_rule=dict(d.rule) if d and d.rule else None, deadline_written=d.date if d else None,
        due_date=due_date(d.date, d.kind, d.rule, None) if d else None,
        start=task.start, end=task.end, bodies=bodies)


def _province_of(registry: Registry, issuer: str | None, place: str | None) -> str | None:
    if issuer:
        found = registry.split_province(issuer)[1]
        if found:
            return found.name
    if place:
        found = registry.find_province(place)
        if found:
            return found.name
    return None


def _resolver(registry: Registry, province: str, at: dt.date | None):
    def resolve(name: str) -> str | None:
        return _find(registry, name, province, at)
    return resolve


def _find(registry: Registry, name: str, province: str, at: dt.date | None) -> str | None:
    """The body existing on ``at`` that the name refers to, else the one of any date.

    Documents carry many dates, names few: the look-up of any date is kept per name, and
    it answers for the date too when it finds nothing or a body existing on that date (the
    dated look-up goes through the same candidates in the same order, skipping those not
    existing on the date); only otherwise is the dated look-up made."""
    body = _find_any_date(registry, name, province)
    if at is None or body is None or body.active(at):
        return body.id if body else None
    return _find_dated(registry, name, province, at)


@lru_cache(maxsize=8192)
def _find_any_date(registry: Registry, name: str, province: str):
    return registry.find_body(name, province=province)


@lru_cache(maxsize=8192)
def _find_dated(registry: Registry, name: str, province: str, at: dt.date) -> str | None:
    body = registry.find_body(name, at=at, province=province) or _find_any_date(registry, name, province)
    return body.id if body else None
