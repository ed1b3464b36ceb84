"""What the search index holds: a document's text in passages, and its tasks.

Each entry is folded text (``registry.fold``: no case, no marks, đ → d) followed by filter
tokens: its kind, the document's type and year, the bodies it belongs to (assignees of a
task; issuer and assignees for a document), and ``qqold`` when a newer version superseded
its document. Filters then become words of the full-text query, which the index applies
itself (an intersection of posting lists) instead of a check row by row. A passage is a run of whole
paragraphs of at most ``PASSAGE`` characters, so that ranking and snippets work on small
pieces however long the document is.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from chidao.registry import fold

PASSAGE = 1200
_TOKEN_SAFE = re.compile(r"[^a-z0-9]")
PREFIX = "qq"


def token(kind: str, value: str) -> str:
    """A filter token: ``qq`` + kind + the value folded to letters and digits."""
    return PREFIX + kind + _TOKEN_SAFE.sub("", fold(value))


def kind_token(kind: str) -> str:
    return token("kind", kind)


OLD = PREFIX + "old"
# Between the parts of an entry (names, action, sentence), so that no phrase spans two.
SEPARATOR = f" {PREFIX}s "


def type_token(doc_type: str) -> str:
    return token("type", doc_type)


def year_token(year: int) -> str:
    return token("year", str(year))


def body_token(body_id: str) -> str:
    return token("body", body_id)


def name_token(name_key: str) -> str:
    return token("name", name_key)


def passages(text: str, size: int = PASSAGE) -> list[tuple[int, int]]:
    """Spans of ``text`` covering it in runs of whole lines of at most ``size`` characters
    (a longer line is cut at a space)."""
    spans: list[tuple[int, int]] = []
    start = pos = 0
    n = len(text)
    while pos < n:
        end = text.find("\n", pos)
        end = n if end < 0 else end + 1
        if end - start > size and pos > start:
            spans.append((start, pos))
            start = pos
        while end - start > size:
            cut = text.rfind(" ", start + size // 2, start + size)
            cut = start + size if cut < 0 else cut + 1
            spans.append((start, cut))
            start = cut
        pos = end
    if start < n:
        spans.append((start, n))
    return [(a, b) for a, b in spans if text[a:b].strip()]


@dataclass(frozen=True)
class TaskText:
    task_id: int
    start: int
    end: int
    action: str
    names: tuple[str, ...]  # assignees and coordinators, as written
    bodies: tuple[str, ...]  # registry ids of the assignees
    name_keys: tuple[str, ...]  # folded names of the assignees


def entries(document_id: int, text: str, head: str, doc_type: str | None, doc_date: dt.date | None,
            year: int | None, current: bool, issuer_body: str | None,
            tasks: Iterable[TaskText]) -> list[dict]:
    """Rows of ``search_entries`` for a document and its tasks."""
    tasks = list(tasks)
    common = [] if current else [OLD]
    if doc_type:
        common.append(type_token(doc_type))
    if year:
        common.append(year_token(year))
    doc_bodies = {body_token(b) for t in tasks for b in t.bodies}
    doc_bodies |= {name_token(k) for t in tasks for k in t.name_keys}
    if issuer_body:
        doc_bodies.add(body_token(issuer_body))
    doc_tail = " ".join([kind_token("document"), *common, *sorted(doc_bodies)])
    base = dict(document_id=document_id, doc_type=doc_type, doc_date=doc_date, current=current)
    rows = []
    lines = _LineFolder()
    for i, (start, end) in enumerate(passages(text)):
        words = (fold(head) + SEPARATOR if i == 0 else "") + lines.fold(text[start:end])
        rows.append(dict(base, kind="document", ref_id=document_id, start=start, end=end,
                         folded=f"{words} {doc_tail}"))
    for t in tasks:
        tail = " ".join([kind_token("task"), *common, *sorted({body_token(b) for b in t.bodies}),
                         *sorted({name_token(k) for k in t.name_keys})])
        words = SEPARATOR.join([*map(_fold_name, t.names), fold(t.action),
                                lines.fold(text[t.start:t.end][:4000])])
        rows.append(dict(base, kind="task", ref_id=t.task_id, start=t.start, end=t.end,
                         folded=f"{words} {tail}"))
    return rows


class _LineFolder:
    """``fold`` of a text line by line, each distinct line folded once: a task's paragraph
    is a line the document's passages folded already. The same result as ``fold`` of the
    whole: a line break is a run of other characters like any, and neither Unicode
    normalisation nor lower-casing looks across it."""

    def __init__(self) -> None:
        self._done: dict[str, str] = {}

    def fold(self, text: str) -> str:
        done = self._done
        out = []
        for line in text.split("\n"):
            folded = done.get(line)
            if folded is None:
                folded = done[line] = fold(line)
            if folded:
                out.append(folded)
        return " ".join(out)


_fold_name = lru_cache(maxsize=4096)(fold)  # names of bodies recur from document to document


def rebuild(session, document_id: int) -> None:
    """Replace a document's entries with ones built from what is stored now (after an edit
    of a task, or when a newer version supersedes the document)."""
    from sqlalchemy import delete, insert, select

    from chidao.store.models import DocumentRow, SearchEntryRow, TaskBodyRow, TaskRow
    doc = session.get(DocumentRow, document_id)
    rows = session.execute(select(TaskRow.id, TaskRow.start, TaskRow.end, TaskRow.action)
                           .where(TaskRow.document_id == document_id).order_by(TaskRow.id)).all()
    bodies: dict[int, list] = {}
    for task_id, role, name, name_key, body_id in session.execute(
            select(TaskBodyRow.task_id, TaskBodyRow.role, TaskBodyRow.name, TaskBodyRow.name_key,
                   TaskBodyRow.body_id).join(TaskRow, TaskRow.id == TaskBodyRow.task_id)
            .where(TaskRow.document_id == document_id).order_by(TaskBodyRow.role, TaskBodyRow.position)):
        bodies.setdefault(task_id, []).append((role, name, name_key, body_id))
    tasks = [task_text(t.id, t.start, t.end, t.action, bodies.get(t.id, ())) for t in rows]
    session.execute(delete(SearchEntryRow).where(SearchEntryRow.document_id == document_id))
    new = entries(doc.id, doc.text, document_head(doc.doc_type, doc.number, doc.subject, doc.issuer),
                  doc.doc_type, doc.doc_date, doc.year, doc.superseded_by_id is None, doc.issuer_body_id, tasks)
    session.connection().execute(insert(SearchEntryRow.__table__), new)


def task_text(task_id: int, start: int, end: int, action: str, bodies) -> TaskText:
    """A task for :func:`entries`; ``bodies`` are (role, name, name key, body id)."""
    assignees = [b for b in bodies if b[0] == "assignee"]
    return TaskText(task_id, start, end, action, tuple(b[1] for b in bodies),
                    tuple(b[3] for b in assignees if b[3]), tuple(b[2] for b in assignees))


def document_head(doc_type: str | None, number: str | None, subject: str | None, issuer: str | None) -> str:
    """The metadata searched with the first passage: type, number, subject, issuer."""
    return " ".join(x for x in (doc_type, number, subject, issuer) if x)
