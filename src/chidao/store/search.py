"""Full-text search over documents and tasks, the same on SQLite and PostgreSQL.

Texts are folded before indexing (lower case, no diacritics, đ → d: ``registry.fold``), and
queries are folded the same way, so "giai phong mat bang" finds "giải phóng mặt bằng".
SQLite indexes the folded text with FTS5 (ranked by bm25); PostgreSQL with a ``tsvector``
of the ``simple`` configuration (ranked by ``ts_rank_cd``). On both, entries holding the
words as a phrase come first. Filters (kind, current version, type, year, body) are words
of the query (see ``store/index.py``), so the index itself applies them; an exact date
range is then checked on the few rows left. PostgreSQL checks the kind and the version on
the row instead (tokens that most rows hold make its index slower, not faster). A query that looks like a number and symbol
(``1101/QĐ-UBND``) also looks documents up by their number, and those come first.

Ranking is bounded: the matching entries are taken newest first, up to ``RANK_WINDOW`` of
them, and only those are ranked. A query with fewer matches is ranked exactly; a very
common one ("báo cáo" in most tasks) gets the best of its most recent matches, in a time
that does not grow with the size of the store. A document is one hit, with the snippet of
its best passage.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from chidao.registry import fold
from chidao.store import index
from chidao.store.keys import number_key
from chidao.store.models import DocumentRow, TaskRow
from chidao.store.snippets import Snippet, make_snippet

_SYMBOL = re.compile(r"^\s*\d*[\w.]*\s*[/-]\s*[\w\-/Đđ.&]+\s*$")
KINDS = ("document", "task")
RANK_WINDOW = 400
_MAX_YEARS = 12


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
    """Whether a query is a number and symbol (``1101/QĐ-UBND``, ``/TB-UBND``)."""
    return bool(_SYMBOL.match(query)) and any(c.isdigit() for c in query) or \
        bool(re.match(r"^\s*/\s*\w", query))


def search(session: Session, query: str, filters: SearchFilters = SearchFilters(),
           limit: int = 20) -> list[Hit]:
    """The best ``limit`` hits for ``query``, exact number matches first, with snippets."""
    words = terms_of(query)
    if not words:
        return []
    found: list[tuple[str, int, int, float, bool, tuple[int, int] | None]] = []
    if "document" in filters.kinds and looks_like_number(query):
        for doc_id in _by_number(session, number_key(query), filters):
            found.append(("document", doc_id, doc_id, float("inf"), True, None))
    seen = {(k, i) for k, i, *_ in found}
    rank = _postgresql if session.get_bind().dialect.name == "postgresql" else _sqlite
    for kind, ref, doc, score, start, end in rank(session, words, filters, limit * 3):
        if (kind, ref) not in seen:
            seen.add((kind, ref))
            found.append((kind, ref, doc, score, False, (start, end)))
    return _hits(session, found[:limit], words)


def _filter_groups(f: SearchFilters, columns: bool = False) -> list[list[str]]:
    """Filters as groups of tokens: an entry must hold one token of every group. With
    ``columns``, the kind (which most rows share) is left to be checked on the row."""
    groups: list[list[str]] = []
    if tuple(f.kinds) != KINDS and not columns:
        groups.append([index.kind_token(k) for k in f.kinds])
    if f.doc_types:
        groups.append([index.type_token(t) for t in f.doc_types])
    if f.body_ids or f.name_keys:
        groups.append([index.body_token(b) for b in sorted(f.body_ids)]
                      + [index.name_token(k) for k in sorted(f.name_keys)])
    if f.date_from or f.date_to:
        first = (f.date_from or dt.date(1945, 1, 1)).year
        last = (f.date_to or dt.date.today().replace(year=dt.date.today().year + 5)).year
        if last - first < _MAX_YEARS:
            groups.append([index.year_token(y) for y in range(first, last + 1)])
    return groups


def _dates(f: SearchFilters, params: dict) -> str:
    """SQL conditions (each after `` AND``) on ``e.doc_date`` for the exact date range."""
    out = []
    if f.date_from:
        out.append("e.doc_date >= :date_from")
        params["date_from"] = f.date_from
    if f.date_to:
        out.append("e.doc_date <= :date_to")
        params["date_to"] = f.date_to
    return "".join(f" AND {c}" for c in out)


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


def _sqlite(session: Session, words: list[str], f: SearchFilters, limit: int):
    match = " ".join(f'"{w}"' for w in words)
    for group in _filter_groups(f):
        match += " AND (" + " OR ".join(f'"{t}"' for t in group) + ")"
    if not f.include_old:
        match = f'({match}) NOT "{index.OLD}"'
    params: dict = {"q": match, "limit": limit, "window": RANK_WINDOW}
    dates = _dates(f, params)
    join = "JOIN search_entries e ON e.id = search_fts.rowid" if dates else ""
    phrase = "0"
    if len(words) > 1:
        params["phrase"] = '"' + " ".join(words) + '"'
        phrase = ("(search_fts.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :phrase "
                  "AND rowid >= (SELECT low FROM floor)))")
    sql = (f"WITH window_ AS MATERIALIZED (SELECT search_fts.rowid AS id FROM search_fts {join} "
           f"WHERE search_fts MATCH :q{dates} ORDER BY search_fts.rowid DESC LIMIT :window), "
           f"floor AS MATERIALIZED (SELECT coalesce(min(id), 0) AS low FROM window_), "
           f"ranked AS (SELECT search_fts.rowid AS id, {phrase} AS phrase, bm25(search_fts) AS rank "
           f"FROM search_fts {join} "
           f"WHERE search_fts MATCH :q AND search_fts.rowid >= (SELECT low FROM floor){dates} "
           f"ORDER BY phrase DESC, rank LIMIT :limit) "
           f"SELECT e.kind, e.ref_id, e.document_id, r.phrase - r.rank, e.start, e.\"end\" "
           f"FROM ranked r JOIN search_entries e ON e.id = r.id ORDER BY r.phrase DESC, r.rank")
    return session.execute(text(sql), params).all()


def _postgresql(session: Session, words: list[str], f: SearchFilters, limit: int):
    """The window (the newest ``RANK_WINDOW`` matching entries) ranked, on PostgreSQL.

    The window is looked for in ranges of ids, newest first: in a range the GIN bitmap is
    intersected with one of the primary key, so that only the matches of the range are read
    from the table (a common phrase matches thousands of rows, each on a page of its own).
    The newest ``recent_span`` entries come first, ranked in the same statement when they
    hold a whole window (the common case: one statement); else a second range sized on how
    dense the matches were, then all older entries. The window is the same in every case."""
    expr = " & ".join(words)
    for group in _filter_groups(f, columns=True):
        expr += " & (" + " | ".join(group) + ")"
    params: dict = {"q": " ".join(words), "expr": expr, "limit": limit, "window": RANK_WINDOW}
    checks = _dates(f, params)
    if not f.include_old:
        checks += " AND e.current"
    if tuple(f.kinds) != KINDS:
        checks += " AND e.kind IN :kinds"
        params["kinds"] = list(f.kinds)
    # Planned with its bounds as values, a range is rated on its real size; at the default
    # page cost the bitmap of the range is preferred to reading every match's page.
    top = session.execute(text("SELECT max(id), set_config('random_page_cost', '4', true) "
                               "FROM search_entries")).scalar()
    if top is None:
        return []
    span = recent_span(top)
    params["low"] = top - span
    rows = session.execute(_statement(_RECENT.format(checks=checks), params), params).all()
    found = list(rows[0][-1]) if rows else []
    if len(found) >= RANK_WINDOW:
        return [r[:-1] for r in rows]
    low = params["low"]
    if found and low > 0:
        # a range that should hold the rest of the window at the density seen (GROWTH times over)
        params.update(high=low, low=max(0, low - GROWTH * span * (RANK_WINDOW - len(found)) // len(found)),
                      need=RANK_WINDOW - len(found))
        found += session.execute(_statement(_RANGE.format(checks=checks), params), params).scalar() or []
        low = params["low"]
        if len(found) >= RANK_WINDOW or low <= 0:
            params["ids"] = found
            return session.execute(_statement(_GIVEN, params), params).all()
    else:
        # Row by row, a newest-first scan must read each row's tsvector, which the default
        # page costs rate too cheaply against the GIN bitmap: rate random reads as on an SSD.
        session.execute(text("SET LOCAL random_page_cost = 1.1"))
    params.update(ids=found, high=low, need=RANK_WINDOW - len(found))
    return session.execute(_statement(_OLDER.format(checks=checks), params), params).all()


GROWTH = 2


def recent_span(top: int) -> int:
    """How many of the newest entries the first look covers (a tenth, at least 20,000)."""
    return max(20_000, top // 10)


_RANKED = ("SELECT e.kind, e.ref_id, e.document_id, "
           "ts_rank(e.tsv, plainto_tsquery('simple', :q)) "
           "+ CASE WHEN e.tsv @@ phraseto_tsquery('simple', :q) THEN 1 ELSE 0 END AS score, "
           "e.start, e.\"end\"{extra} FROM search_entries e JOIN window_ w ON w.id = e.id "
           "ORDER BY score DESC, e.id DESC LIMIT :limit")
_MATCH = "SELECT e.id FROM search_entries e WHERE e.tsv @@ to_tsquery('simple', :expr){checks}"
# The newest range, ranked when it holds a window; each row carries the ids of the range's matches.
_RECENT = (f"WITH window_ AS MATERIALIZED ({_MATCH} AND e.id > :low ORDER BY e.id DESC LIMIT :window) "
           + _RANKED.format(extra=", ARRAY(SELECT id FROM window_ ORDER BY id DESC) AS ids"))
# A range of older ids; the statement also rates random reads as on an SSD for the last one.
_RANGE = (f"SELECT ARRAY({_MATCH} AND e.id > :low AND e.id <= :high ORDER BY e.id DESC LIMIT :need), "
          "set_config('random_page_cost', '1.1', true)")
# The window made of the matches found so far and the newest of the older ones.
_OLDER = ("WITH window_ AS MATERIALIZED (SELECT unnest(CAST(:ids AS integer[])) AS id UNION ALL "
          f"(SELECT id FROM ({_MATCH} AND e.id <= :high ORDER BY e.id DESC LIMIT :need) AS older)) "
          + _RANKED.format(extra=""))
_GIVEN = ("WITH window_ AS MATERIALIZED (SELECT unnest(CAST(:ids AS integer[])) AS id) "
          + _RANKED.format(extra=""))


def _statement(sql: str, params: dict):
    return text(sql).bindparams(bindparam("kinds", expanding=True)) if ":kinds" in sql else text(sql)


def _hits(session: Session, found, words: list[str]) -> list[Hit]:
    doc_ids = {d for _, _, d, _, _, _ in found}
    task_ids = {r for k, r, _, _, _, _ in found if k == "task"}
    documents = {d.id: d for d in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(doc_ids)))} \
        if doc_ids else {}
    tasks = {t.id: t for t in session.scalars(select(TaskRow).where(TaskRow.id.in_(task_ids)))} \
        if task_ids else {}
    hits = []
    for kind, ref, doc_id, score, exact, span in found:
        doc = documents[doc_id]
        if kind == "task":
            task = tasks[ref]
            source, title, status = doc.text[task.start:task.end], task.action, task.status
        else:
            source = doc.text[span[0]:span[1]] if span else doc.text[:index.PASSAGE]
            title, status = doc.subject or doc.source_name, None
        hits.append(Hit(kind, ref, doc_id, doc.doc_type, doc.number,
                        doc.doc_date, title, score, exact, status, make_snippet(source, words)))
    return hits


__all__ = ["Hit", "KINDS", "RANK_WINDOW", "SearchFilters", "looks_like_number", "search"]
