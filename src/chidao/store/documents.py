"""Writing a document with everything extracted from it, and reading documents back."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, or_, select, text, update
from sqlalchemy.orm import Session

from chidao.store import index
from chidao.store.keys import has_number
from chidao.store.models import (DocumentRow, ReferenceRow, SearchEntryRow, TaskBodyRow,
                                 TaskEventRow, TaskRow)
from chidao.store.records import NewDocument


@dataclass(frozen=True)
class Added:
    document_id: int
    version: int
    previous_id: int | None
    task_ids: tuple[int, ...]
    superseded_tasks: int


def find_by_sha(session: Session | Connection, sha256: str) -> int | None:
    return session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha256))


def add_document(session: Session, doc: NewDocument, file_name: str, *, now: dt.datetime,
                 actor: str | None) -> Added:
    """Store ``doc`` in the session's transaction: the row, its references (linked both
    ways), its tasks with their bodies and first events, and its search entries. A stored
    document with the same number, issuer and date becomes the previous version.

    The same file stored meanwhile by another process makes the insert fail on the unique
    SHA-256 (``IntegrityError``); the caller rolls back and reports it as stored."""
    previous = _current_version(session, doc.version_key)
    version = (previous[1] + 1) if previous else 1
    table = DocumentRow.__table__
    doc_id = session.connection().execute(insert(table).returning(table.c.id), [dict(
        sha256=doc.sha256, source_name=doc.source_name[:500], file_name=file_name, size=doc.size,
        doc_type=doc.doc_type, number=doc.number, number_key=doc.number_key, year=doc.year,
        issuer=doc.issuer, issuer_body_id=doc.issuer_body_id, province=doc.province, place=doc.place,
        date_text=doc.date_text, doc_date=doc.doc_date, subject=doc.subject, signer=doc.signer,
        recipients=doc.recipients, text=doc.text, version_key=doc.version_key, version=version,
        previous_id=previous[0] if previous else None, superseded_by_id=None, received_on=None,
        ingested_at=now, ingested_by=actor)]).scalar_one()
    _add_references(session, doc_id, doc)
    superseded = _supersede(session, previous[0], doc_id, now, actor) if previous else 0
    _link_incoming(session, doc_id, doc, previous[0] if previous else None)
    task_ids = _add_tasks(session, doc_id, doc, now, actor)
    tasks = [index.task_text(tid, t.start, t.end, t.action,
                             [(b.role, b.name, b.name_key, b.body_id) for b in t.bodies])
             for tid, t in zip(task_ids, doc.tasks)]
    rows = index.entries(doc_id, doc.text, index.document_head(doc.doc_type, doc.number, doc.subject, doc.issuer),
                         doc.doc_type, doc.doc_date, doc.year, True, doc.issuer_body_id, tasks)
    session.connection().execute(insert(SearchEntryRow.__table__), rows)
    return Added(doc_id, version, previous[0] if previous else None, tuple(task_ids), superseded)


def _current_version(session: Session, version_key: str | None) -> tuple[int, int] | None:
    if not version_key:
        return None
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": version_key})
    row = session.execute(select(DocumentRow.id, DocumentRow.version)
                          .where(DocumentRow.version_key == version_key,
                                 DocumentRow.superseded_by_id.is_(None))
                          .order_by(DocumentRow.version.desc()).limit(1)).first()
    return (row.id, row.version) if row else None


def _add_references(session: Session, doc_id: int, doc: NewDocument) -> None:
    if not doc.references:
        return
    keys = {r.number_key for r in doc.references}
    targets: dict[str, list[tuple[int, int | None]]] = {}
    for row in session.execute(select(DocumentRow.id, DocumentRow.number_key, DocumentRow.year)
                               .where(DocumentRow.number_key.in_(keys),
                                      DocumentRow.superseded_by_id.is_(None),
                                      DocumentRow.id != doc_id)):
        targets.setdefault(row.number_key, []).append((row.id, row.year))
    rows = []
    for r in doc.references:
        rows.append(dict(document_id=doc_id, position=r.position, ref_type=r.ref_type, number=r.number[:200],
                         number_key=r.number_key[:200], year=r.year, date_text=r.date_text,
                         issuer=r.issuer, start=r.start, end=r.end,
                         target_id=_pick_target(targets.get(r.number_key, ()), r.year)))
    session.connection().execute(insert(ReferenceRow.__table__), rows)


def _pick_target(candidates, year: int | None) -> int | None:
    """The cited document: same number and year; without a year, the only one."""
    if year is not None:
        hits = [i for i, y in candidates if y == year]
    else:
        hits = [i for i, _ in candidates]
    return hits[0] if len(hits) == 1 else None


def _link_incoming(session: Session, doc_id: int, doc: NewDocument, previous_id: int | None) -> None:
    """Point citations of this number (and of the previous version) at the new document."""
    if previous_id is not None:
        session.execute(update(ReferenceRow).where(ReferenceRow.target_id == previous_id)
                        .values(target_id=doc_id))
    if not has_number(doc.number):
        return
    others = session.scalar(select(func.count()).select_from(DocumentRow).where(
        DocumentRow.number_key == doc.number_key, DocumentRow.superseded_by_id.is_(None),
        DocumentRow.id != doc_id))
    years = [ReferenceRow.year == doc.year] if doc.year is not None else []
    if others == 0:
        years.append(ReferenceRow.year.is_(None))
    if not years:
        return
    session.execute(update(ReferenceRow).where(
        ReferenceRow.number_key == doc.number_key, ReferenceRow.target_id.is_(None),
        ReferenceRow.document_id != doc_id, or_(*years)).values(target_id=doc_id))


def _supersede(session: Session, previous_id: int, doc_id: int, now: dt.datetime,
               actor: str | None) -> int:
    session.execute(update(DocumentRow).where(DocumentRow.id == previous_id)
                    .values(superseded_by_id=doc_id))
    index.rebuild(session, previous_id)
    old = list(session.scalars(select(TaskRow.id).where(TaskRow.document_id == previous_id,
                                                        TaskRow.superseded_by_id.is_(None))))
    if old:
        session.execute(update(TaskRow).where(TaskRow.id.in_(old))
                        .values(superseded_by_id=doc_id, updated_at=now))
        session.connection().execute(insert(TaskEventRow.__table__), [
            dict(task_id=t, kind="superseded", at=now, actor=actor, on_date=None,
                 data={"document_id": doc_id}) for t in old])
    return len(old)


def _add_tasks(session: Session, doc_id: int, doc: NewDocument, now: dt.datetime,
               actor: str | None) -> list[int]:
    if not doc.tasks:
        return []
    rows = [dict(document_id=doc_id, position=t.position, action=t.action, status=t.status,
                 deadline_text=t.deadline_text, deadline_kind=t.deadline_kind,
                 deadline_rule=t.deadline_rule, deadline_written=t.deadline_written,
                 due_date=t.due_date, original_due_date=t.due_date, start=t.start, end=t.end,
                 created_at=now, updated_at=now) for t in doc.tasks]
    table = TaskRow.__table__
    result = session.connection().execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    ids = [r[0] for r in result]
    bodies = [dict(task_id=tid, role=b.role, position=b.position, name=b.name[:500],
                   name_key=b.name_key[:500], body_id=b.body_id)
              for tid, t in zip(ids, doc.tasks) for b in t.bodies]
    if bodies:
        session.connection().execute(insert(TaskBodyRow.__table__), bodies)
    events = []
    for tid, t in zip(ids, doc.tasks):
        events.append(dict(task_id=tid, kind="created", at=now, actor=actor, on_date=doc.doc_date,
                           data={"document_id": doc_id, "due": t.due_date.isoformat() if t.due_date else None}))
        if t.status == "open":
            events.append(dict(task_id=tid, kind="accepted", at=now, actor=actor, on_date=None,
                               data={"at_ingest": True}))
    session.connection().execute(insert(TaskEventRow.__table__), events)
    return ids


# --- reading --------------------------------------------------------------------------------

def get_document(session: Session, doc_id: int) -> DocumentRow | None:
    return session.get(DocumentRow, doc_id)


def versions(session: Session, doc: DocumentRow) -> list[DocumentRow]:
    """Every version of a document, oldest first."""
    if not doc.version_key:
        return [doc]
    return list(session.scalars(select(DocumentRow).where(DocumentRow.version_key == doc.version_key)
                                .order_by(DocumentRow.version)))


def cites(session: Session, doc_id: int) -> list[ReferenceRow]:
    """The citations a document makes, in text order."""
    return list(session.scalars(select(ReferenceRow).where(ReferenceRow.document_id == doc_id)
                                .order_by(ReferenceRow.position)))


def cited_by(session: Session, doc_id: int) -> list[tuple[ReferenceRow, DocumentRow]]:
    """Citations of this document in other stored documents."""
    return [(r, d) for r, d in session.execute(
        select(ReferenceRow, DocumentRow).join(DocumentRow, DocumentRow.id == ReferenceRow.document_id)
        .where(ReferenceRow.target_id == doc_id).order_by(DocumentRow.doc_date, DocumentRow.id))]


def set_received(session: Session, doc_id: int, on: dt.date | None) -> None:
    session.execute(update(DocumentRow).where(DocumentRow.id == doc_id).values(received_on=on))


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(DocumentRow))


def list_documents(session: Session, limit: int | None = None) -> list[DocumentRow]:
    q = select(DocumentRow).order_by(DocumentRow.id.desc())
    if limit:
        q = q.limit(limit)
    return list(session.scalars(q))


def doc_types(session: Session) -> list[str]:
    """The kinds of documents stored (``Thông báo``, ``Công văn``…)."""
    return [t for t in session.scalars(select(DocumentRow.doc_type).distinct()) if t]
