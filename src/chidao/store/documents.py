"""Writing a document with everything extracted from it, and reading documents back."""
from __future__ import annotations

import datetime as dt
import json
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
    SHA-256 (``IntegrityError``); the caller rolls back and reports it as stored.

    On PostgreSQL the reads come first, in one round trip (see :func:`_first_postgresql`);
    a document without a previous version is then written by one statement (see
    :func:`_add_postgresql`): the same rows as the general path."""
    if FAST_POSTGRESQL and session.get_bind().dialect.name == "postgresql":
        previous, drawn, targets = _first_postgresql(session, doc)
        if previous is None:
            return _add_postgresql(session, doc, file_name, now, actor, drawn, targets)
    else:
        previous = _current_version(session, doc.version_key)
    version = (previous[1] + 1) if previous else 1
    table = DocumentRow.__table__
    doc_id = session.connection().execute(insert(table).returning(table.c.id),
                                          [_document_row(doc, file_name, version, previous, now, actor)]
                                          ).scalar_one()
    _add_references(session, doc_id, doc)
    superseded = _supersede(session, previous[0], doc_id, now, actor) if previous else 0
    _link_incoming(session, doc_id, doc, previous[0] if previous else None)
    task_ids = _add_tasks(session, doc_id, doc, now, actor)
    session.connection().execute(insert(SearchEntryRow.__table__), _search_rows(doc_id, task_ids, doc))
    return Added(doc_id, version, previous[0] if previous else None, tuple(task_ids), superseded)


# The single-statement path of PostgreSQL (tests turn it off to compare with the general one).
FAST_POSTGRESQL = True


def _document_row(doc: NewDocument, file_name: str, version: int, previous, now: dt.datetime,
                  actor: str | None) -> dict:
    return dict(
        sha256=doc.sha256, source_name=doc.source_name[:500], file_name=file_name, size=doc.size,
        doc_type=doc.doc_type, number=doc.number, number_key=doc.number_key, year=doc.year,
        issuer=doc.issuer, issuer_body_id=doc.issuer_body_id, province=doc.province, place=doc.place,
        date_text=doc.date_text, doc_date=doc.doc_date, subject=doc.subject, signer=doc.signer,
        recipients=doc.recipients, text=doc.text, version_key=doc.version_key, version=version,
        previous_id=previous[0] if previous else None, superseded_by_id=None, received_on=None,
        ingested_at=now, ingested_by=actor)


def _search_rows(doc_id: int, task_ids, doc: NewDocument) -> list[dict]:
    tasks = [index.task_text(tid, t.start, t.end, t.action,
                             [(b.role, b.name, b.name_key, b.body_id) for b in t.bodies])
             for tid, t in zip(task_ids, doc.tasks)]
    return index.entries(doc_id, doc.text, index.document_head(doc.doc_type, doc.number, doc.subject, doc.issuer),
                         doc.doc_type, doc.doc_date, doc.year, True, doc.issuer_body_id, tasks)


def _first_postgresql(session: Session, doc: NewDocument):
    """The reads before the writes, sent in one pipeline (one round trip, the BEGIN
    included): the advisory lock of the version key, the cited documents, then the current
    version — or, when there is none, ids drawn for the document and its tasks. The server
    runs each statement after the one before it has finished, so the version is read after
    the lock is held, as by :func:`_current_version`.

    Returns (previous (id, version) | None, (document id, task ids) | None, targets)."""
    sa_conn = session.connection()
    pg = sa_conn.connection.driver_connection
    keys = sorted({r.number_key for r in doc.references})
    params = {"k": doc.version_key, "n": len(doc.tasks)}
    targets_cur, version_cur = pg.cursor(), pg.cursor()
    try:
        with pg.pipeline():
            if doc.version_key:
                pg.execute(_LOCK, {"k": doc.version_key})
            if keys:
                targets_cur.execute(_TARGETS, {"keys": keys})
            version_cur.execute(_VERSION_OR_IDS, params)
        row = version_cur.fetchone()
        found = targets_cur.fetchall() if keys else ()
    except Exception as e:
        import psycopg
        if isinstance(e, psycopg.Error):  # the driver's fault as SQLAlchemy's (and the pool's)
            sa_conn._handle_dbapi_exception(e, _VERSION_OR_IDS, params, None, None)
        raise
    finally:
        targets_cur.close()
        version_cur.close()
    targets: dict[str, list[tuple[int, int | None]]] = {}
    for doc_id, number_key, year in found:
        targets.setdefault(number_key, []).append((doc_id, year))
    if row[2] is None:
        return (row[0], row[1]), None, targets
    return None, (row[0], sorted(row[2])), targets


_LOCK = "SELECT pg_advisory_xact_lock(hashtext(%(k)s))"
_TARGETS = ("SELECT id, number_key, year FROM documents "
            "WHERE number_key = ANY(%(keys)s) AND superseded_by_id IS NULL")
# The current version (its ids, no array), or else ids drawn for a new document: then
# also generic plans for the writes that follow (see _add_postgresql).
_VERSION_OR_IDS = (
    "WITH v AS (SELECT id, version FROM documents WHERE version_key = %(k)s "
    "AND superseded_by_id IS NULL ORDER BY version DESC LIMIT 1) "
    "SELECT id, version, NULL::bigint[] FROM v "
    "UNION ALL SELECT nextval(pg_get_serial_sequence('documents', 'id')), "
    "length(set_config('plan_cache_mode', 'auto', true)), "
    "ARRAY(SELECT nextval(pg_get_serial_sequence('tasks', 'id')) FROM generate_series(1, %(n)s)) "
    "WHERE NOT EXISTS (SELECT 1 FROM v)")


def _add_postgresql(session: Session, doc: NewDocument, file_name: str, now: dt.datetime,
                    actor: str | None, drawn: tuple[int, list[int]], targets) -> Added:
    """A new document (no previous version) on PostgreSQL in one statement, with the ids
    drawn by :func:`_first_postgresql`: the document row, its references, tasks, bodies,
    events and search entries, and the citations of it made before (see _link_incoming).

    The store's connections plan every statement for its values (see ``db.make_engine``),
    which full-text search needs; this write does not, and its generic plan (set by
    :func:`_first_postgresql` for this transaction only) spares a planning per document."""
    doc_id, task_ids = drawn
    params = _rest_params(doc_id, task_ids, doc, targets, now, actor)
    params["d"] = _rows(_DOC_COLUMNS, [_document_row(doc, file_name, 1, None, now, actor)])
    session.connection().execute(_WRITE, params)
    return Added(doc_id, 1, None, tuple(task_ids), 0)


def _unnest(prefix: str, columns: list[tuple[str, str]], numbered: bool = True) -> str:
    """The rows of one JSON parameter (an array of rows, each an array of the columns'
    values), typed and numbered to keep the order. (One parameter per table rather than an
    array per column: fewer values for the driver to adapt, and a statement short enough
    for psycopg to keep its parsed form.)"""
    cols = ", ".join(f"v->>{i}" if kind == "text" else f"(v->>{i})::{kind}" for i, (_, kind) in enumerate(columns))
    names = ", ".join(f'"{name}"' for name, _ in columns)
    if not numbered:
        return f"(SELECT {cols} FROM jsonb_array_elements(CAST(:{prefix} AS jsonb)) v) {prefix}"
    return (f"(SELECT {cols}, n FROM jsonb_array_elements(CAST(:{prefix} AS jsonb)) WITH ORDINALITY x(v, n)) "
            f"{prefix}({names}, n)")


_REF_COLUMNS = [("position", "int"), ("ref_type", "text"), ("number", "text"), ("number_key", "text"),
                ("year", "int"), ("date_text", "text"), ("issuer", "text"), ("start", "int"),
                ("end", "int"), ("target_id", "int")]
_TASK_COLUMNS = [("id", "int"), ("position", "int"), ("action", "text"), ("status", "text"),
                 ("deadline_text", "text"), ("deadline_kind", "text"), ("deadline_rule", "json"),
                 ("deadline_written", "text"), ("due_date", "date"), ("start", "int"), ("end", "int")]
_BODY_COLUMNS = [("task_id", "int"), ("role", "text"), ("position", "int"), ("name", "text"),
                 ("name_key", "text"), ("body_id", "text")]
_EVENT_COLUMNS = [("task_id", "int"), ("kind", "text"), ("on_date", "date"), ("data", "json")]
_ENTRY_COLUMNS = [("kind", "text"), ("ref_id", "int"), ("start", "int"), ("end", "int"),
                  ("folded", "text")]


def _names(columns, prefix: str) -> str:
    return ", ".join(f'{prefix}."{name}"' for name, _ in columns)


def _rows(columns, rows: list[dict]) -> str:
    """``rows`` as the JSON parameter of :func:`_unnest` (JSON columns as their text)."""
    return json.dumps([[row[name] if kind != "json" else json.dumps(row[name]) for name, kind in columns]
                       for row in rows], ensure_ascii=False, separators=(",", ":"), default=_iso)


def _iso(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in a row of the document")


_DOC_COLUMNS = [("sha256", "text"), ("source_name", "text"), ("file_name", "text"), ("size", "int"),
                ("doc_type", "text"), ("number", "text"), ("number_key", "text"), ("year", "int"),
                ("issuer", "text"), ("issuer_body_id", "text"), ("province", "text"), ("place", "text"),
                ("date_text", "text"), ("doc_date", "date"), ("subject", "text"), ("signer", "json"),
                ("recipients", "json"), ("text", "text"), ("version_key", "text"), ("version", "int"),
                ("previous_id", "int"), ("superseded_by_id", "int"), ("received_on", "date"),
                ("ingested_at", "timestamptz"), ("ingested_by", "text")]

_WRITE = text(
    f"WITH new AS (INSERT INTO documents (id, {', '.join(name for name, _ in _DOC_COLUMNS)}) "
    f"SELECT :doc, d.* FROM {_unnest('d', _DOC_COLUMNS, False)}), "
    "r AS (INSERT INTO doc_references (document_id, position, ref_type, number, number_key, year, "
    "date_text, issuer, start, \"end\", target_id) "
    f"SELECT :doc, {_names(_REF_COLUMNS, 'r')} FROM {_unnest('r', _REF_COLUMNS)} ORDER BY r.n), "
    # the citations of this number made before it was stored (see _link_incoming)
    "l AS (UPDATE doc_references SET target_id = :doc WHERE :link AND number_key = :number_key "
    "AND target_id IS NULL AND document_id <> :doc AND (year = CAST(:year AS integer) OR (year IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.number_key = :number_key "
    "AND d.superseded_by_id IS NULL AND d.id <> :doc)))), "
    "t AS (INSERT INTO tasks (id, document_id, position, action, status, deadline_text, deadline_kind, "
    "deadline_rule, deadline_written, due_date, original_due_date, start, \"end\", created_at, updated_at) "
    f"SELECT t.id, :doc, t.position, t.action, t.status, t.deadline_text, t.deadline_kind, t.deadline_rule, "
    f"t.deadline_written, t.due_date, t.due_date, t.start, t.\"end\", :now, :now "
    f"FROM {_unnest('t', _TASK_COLUMNS)} ORDER BY t.n), "
    "b AS (INSERT INTO task_bodies (task_id, role, position, name, name_key, body_id) "
    f"SELECT {_names(_BODY_COLUMNS, 'b')} FROM {_unnest('b', _BODY_COLUMNS)} ORDER BY b.n), "
    "e AS (INSERT INTO task_events (task_id, kind, at, actor, on_date, data) "
    f"SELECT e.task_id, e.kind, :now, CAST(:actor AS text), e.on_date, e.data "
    f"FROM {_unnest('e', _EVENT_COLUMNS)} ORDER BY e.n) "
    "INSERT INTO search_entries (kind, ref_id, document_id, doc_type, doc_date, current, start, \"end\", "
    f"folded) SELECT s.kind, s.ref_id, :doc, CAST(:doc_type AS text), CAST(:doc_date AS date), true, "
    f"s.start, s.\"end\", s.folded FROM {_unnest('s', _ENTRY_COLUMNS)} ORDER BY s.n")


def _rest_params(doc_id: int, task_ids: list[int], doc: NewDocument, targets, now: dt.datetime,
                 actor: str | None) -> dict:
    params = dict(doc=doc_id, link=has_number(doc.number), number_key=doc.number_key, year=doc.year,
                  now=now, actor=actor, doc_type=doc.doc_type, doc_date=doc.doc_date)
    refs = [dict(position=r.position, ref_type=r.ref_type, number=r.number[:200], number_key=r.number_key[:200],
                 year=r.year, date_text=r.date_text, issuer=r.issuer, start=r.start, end=r.end,
                 target_id=_pick_target(targets.get(r.number_key, ()), r.year)) for r in doc.references]
    tasks = [dict(id=tid, position=t.position, action=t.action, status=t.status, deadline_text=t.deadline_text,
                  deadline_kind=t.deadline_kind, deadline_rule=t.deadline_rule,
                  deadline_written=t.deadline_written, due_date=t.due_date, start=t.start, end=t.end)
             for tid, t in zip(task_ids, doc.tasks)]
    bodies = [dict(task_id=tid, role=b.role, position=b.position, name=b.name[:500], name_key=b.name_key[:500],
                   body_id=b.body_id) for tid, t in zip(task_ids, doc.tasks) for b in t.bodies]
    events = [dict(task_id=e["task_id"], kind=e["kind"], on_date=e["on_date"], data=e["data"])
              for e in _events(task_ids, doc, doc_id, None, None)]
    entries = _search_rows(doc_id, task_ids, doc)
    for prefix, columns, rows in (("r", _REF_COLUMNS, refs), ("t", _TASK_COLUMNS, tasks), ("b", _BODY_COLUMNS, bodies),
                                  ("e", _EVENT_COLUMNS, events), ("s", _ENTRY_COLUMNS, entries)):
        params[prefix] = _rows(columns, rows)
    return params


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
    targets = _targets(session, doc, doc_id)
    rows = []
    for r in doc.references:
        rows.append(dict(document_id=doc_id, position=r.position, ref_type=r.ref_type, number=r.number[:200],
                         number_key=r.number_key[:200], year=r.year, date_text=r.date_text,
                         issuer=r.issuer, start=r.start, end=r.end,
                         target_id=_pick_target(targets.get(r.number_key, ()), r.year)))
    session.connection().execute(insert(ReferenceRow.__table__), rows)


def _targets(session: Session, doc: NewDocument, doc_id: int | None) -> dict[str, list[tuple[int, int | None]]]:
    """Current documents with a number the document cites: number key → [(id, year)]."""
    if not doc.references:
        return {}
    keys = {r.number_key for r in doc.references}
    q = select(DocumentRow.id, DocumentRow.number_key, DocumentRow.year).where(
        DocumentRow.number_key.in_(keys), DocumentRow.superseded_by_id.is_(None))
    if doc_id is not None:
        q = q.where(DocumentRow.id != doc_id)
    targets: dict[str, list[tuple[int, int | None]]] = {}
    for row in session.execute(q):
        targets.setdefault(row.number_key, []).append((row.id, row.year))
    return targets


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
    session.connection().execute(insert(TaskEventRow.__table__), _events(ids, doc, doc_id, now, actor))
    return ids


def _events(ids, doc: NewDocument, doc_id: int, now: dt.datetime | None, actor: str | None) -> list[dict]:
    """The first events of the tasks: created, and accepted when accepted at ingest."""
    events = []
    for tid, t in zip(ids, doc.tasks):
        events.append(dict(task_id=tid, kind="created", at=now, actor=actor, on_date=doc.doc_date,
                           data={"document_id": doc_id, "due": t.due_date.isoformat() if t.due_date else None}))
        if t.status == "open":
            events.append(dict(task_id=tid, kind="accepted", at=now, actor=actor, on_date=None,
                               data={"at_ingest": True}))
    return events


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
