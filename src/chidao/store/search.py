"""Full-text search over documents and tasks, the same on SQLite and PostgreSQL.

Texts are folded before indexing (lower case, no diacritics, đ → d: ``registry.fold``), and
queries are folded the same way, so "giai phong mat bang" finds "giải phóng mặt bằng".
SQLite indexes the folded text with FTS5 (ranked by bm25); PostgreSQL with a ``tsvector``
of the ``simple`` configuration (ranked by ``ts_rank_cd``). On both, rows holding the words
as a phrase come first. A query that looks like a number and symbol (``1101/QĐ-UBND``) also
looks documents up by their number, and those come before everything else.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from chidao.registry import fold
from chidao.store.keys import number_key
from chidao.store.models import DocumentRow, TaskRow
from chidao.store.snippets import Snippet, make_snippet

_SYMBOL = re.compile(r"^\s*\d*[\w.]*\s*[/-]\s*[\w\-/Đđ.&]+\s*$")
KINDS = ("document", "task")


@dataclass(frozen=True)
class SearchFilters:
    kinds: tuple[str, ...] = KINDS
    body_ids: frozenset[str] = frozenset()
    name_keys: frozenset[str] = frozenset()
    doc_types: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_old: bool = False


@dataclass
class Hit:
    kind: str
    id: int
    document_id: int
    doc_type: str | None
    doc_number: str | None
    doc_date: dt.date | None
    title: str
    score: float
    exact: bool = False
    status: str | None = None
    snippet: Snippet = field(default_factory=lambda: Snippet(""))


def terms_of(query: str) -> list[str]:
    """The folded words of a query."""
    return fold(query).split()


def looks_like_number(query: str) -> bool:
    return bool(_SYMBOL.match(query)) and any(c.isdigit() for c in query) or \
        bool(re.match(r"^\s*/\s*\w", query))


def search(session: Session, query: str, filters: SearchFilters = SearchFilters(),
           limit: int = 20) -> list[Hit]:
    """The best ``limit`` hits for ``query``, exact number matches first, with snippets."""
    words = terms_of(query)
    if not words:
        return []
    found: list[tuple[str, int, int, float, bool]] = []  # kind, ref id, document id, score, exact
    if "document" in filters.kinds and looks_like_number(query):
        key = number_key(query)
        for doc_id in _by_number(session, key, filters):
            found.append(("document", doc_id, doc_id, float("inf"), True))
    seen = {(k, i) for k, i, *_ in found}
    backend = session.get_bind().dialect.name
    ranked = _postgresql(session, words, filters, limit) if backend == "postgresql" \
        else _sqlite(session, words, filters, limit)
    for kind, ref, doc, score in ranked:
        if (kind, ref) not in seen:
            found.append((kind, ref, doc, score, False))
    return _hits(session, found[:limit], words)


def _by_number(session: Session, key: str | None, f: SearchFilters) -> list[int]:
    if not key:
        return []
    q = select(DocumentRow.id).where(DocumentRow.number_key == key)
    if not f.include_old:
        q = q.where(DocumentRow.superseded_by_id.is_(None))
    if f.doc_types:
        q = q.where(DocumentRow.doc_type.in_(f.doc_types))
    if f.date_from:
        q = q.where(DocumentRow.doc_date >= f.date_from)
    if f.date_to:
        q = q.where(DocumentRow.doc_date <= f.date_to)
    return list(session.scalars(q.order_by(DocumentRow.doc_date.desc(), DocumentRow.id.desc())))


def _where(f: SearchFilters, params: dict) -> list[str]:
    """SQL conditions on ``e`` (search_entries) for the filters, filling ``params``."""
    out = []
    if not f.include_old:
        out.append("e.current = :current")
        params["current"] = True
    if tuple(f.kinds) != KINDS:
        out.append("e.kind IN :kinds")
        params["kinds"] = list(f.kinds)
    if f.doc_types:
        out.append("e.doc_type IN :doc_types")
        params["doc_types"] = list(f.doc_types)
    if f.date_from:
        out.append("e.doc_date >= :date_from")
        params["date_from"] = f.date_from
    if f.date_to:
        out.append("e.doc_date <= :date_to")
        params["date_to"] = f.date_to
    if f.body_ids or f.name_keys:
        parts = []
        if f.body_ids:
            params["body_ids"] = sorted(f.body_ids)
            parts.append("tb.body_id IN :body_ids")
        if f.name_keys:
            params["name_keys"] = sorted(f.name_keys)
            parts.append("tb.name_key IN :name_keys")
        match = "(" + " OR ".join(parts) + ")"
        issuer = " OR EXISTS (SELECT 1 FROM documents d WHERE d.id = e.document_id AND " \
                 "d.issuer_body_id IN :body_ids)" if f.body_ids else ""
        out.append(
            f"((e.kind = 'task' AND EXISTS (SELECT 1 FROM task_bodies tb WHERE tb.task_id = e.ref_id AND {match}))"
            f" OR (e.kind = 'document' AND (EXISTS (SELECT 1 FROM tasks t JOIN task_bodies tb"
            f" ON tb.task_id = t.id WHERE t.document_id = e.document_id AND {match}){issuer})))")
    return out


def _bind(sql: str, params: dict):
    stmt = text(sql)
    expanding = [bindparam(k, expanding=True) for k, v in params.items() if isinstance(v, list)]
    return stmt.bindparams(*expanding) if expanding else stmt


def _sqlite(session: Session, words: list[str], f: SearchFilters, limit: int):
    params: dict = {"q": " ".join(f'"{w}"' for w in words), "limit": limit}
    conditions = ["search_fts MATCH :q", *_where(f, params)]
    order = "rank"
    if len(words) > 1:
        params["phrase"] = '"' + " ".join(words) + '"'
        order = "(e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :phrase)) DESC, rank"
    sql = (f"SELECT e.kind, e.ref_id, e.document_id, -bm25(search_fts) AS rank_score, "
           f"bm25(search_fts) AS rank FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid "
           f"WHERE {' AND '.join(conditions)} ORDER BY {order} LIMIT :limit")
    return [(r[0], r[1], r[2], float(r[3])) for r in session.execute(_bind(sql, params), params)]


def _postgresql(session: Session, words: list[str], f: SearchFilters, limit: int):
    params: dict = {"q": " ".join(words), "limit": limit}
    conditions = ["e.tsv @@ plainto_tsquery('simple', :q)", *_where(f, params)]
    sql = ("SELECT e.kind, e.ref_id, e.document_id, "
           "ts_rank_cd(e.tsv, plainto_tsquery('simple', :q)) "
           "+ CASE WHEN e.tsv @@ phraseto_tsquery('simple', :q) THEN 1 ELSE 0 END AS score "
           f"FROM search_entries e WHERE {' AND '.join(conditions)} ORDER BY score DESC LIMIT :limit")
    return [(r[0], r[1], r[2], float(r[3])) for r in session.execute(_bind(sql, params), params)]


def _hits(session: Session, found, words: list[str]) -> list[Hit]:
    doc_ids = {d for _, _, d, _, _ in found}
    task_ids = {r for k, r, _, _, _ in found if k == "task"}
    documents = {d.id: d for d in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(doc_ids)))} \
        if doc_ids else {}
    tasks = {t.id: t for t in session.scalars(select(TaskRow).where(TaskRow.id.in_(task_ids)))} \
        if task_ids else {}
    hits = []
    for kind, ref, doc_id, score, exact in found:
        doc = documents[doc_id]
        if kind == "task":
            task = tasks[ref]
            source, title, status = doc.text[task.start:task.end], task.action, task.status
        else:
            source = doc.text
            title = doc.subject or doc.source_name
            status = None
        hits.append(Hit(kind, ref, doc_id, doc.doc_type, doc.number, doc.doc_date, title, score, exact,
                        status, make_snippet(source, words)))
    return hits
