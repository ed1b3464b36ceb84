"""Ingest of document files: read, extract, store — one transaction per document.

Idempotent by the file's SHA-256: a file already stored is reported and left alone, also
when two processes ingest it at the same time. A file that cannot be read or extracted is
reported and skipped; nothing of it is stored. The original file is written to the
content-addressed folder before the transaction, so a stored document always has its file
(a crash in between leaves at most an unreferenced file, reused by the next run).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import exc

from chidao.extract.model import Extraction
from chidao.store.db import Store
from chidao.store.documents import add_document, find_by_sha
from chidao.store.errors import StoreError
from chidao.text.errors import ReadError
from chidao.text.readers import MAX_BYTES, read_bytes
from chidao.tracking.prepare import prepare

SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm"}
Extractor = Callable[[str, str | None], Extraction]


@dataclass(frozen=True)
class IngestResult:
    """What happened to one file: ``new``, ``version`` (a new version of a stored
    document), ``exists`` (same content stored before) or ``failed``."""

    path: str
    status: str
    document_id: int | None = None
    tasks: int = 0
    previous_id: int | None = None
    superseded: int = 0
    message: str | None = None
    details: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | IngestResult]:
    """Files to ingest, in a stable order: the files named, and documents found under the
    folders named (recursively, hidden entries skipped). A missing path yields a failure."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                        yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield IngestResult(str(path), "failed", message=f"{path}: không tìm thấy tệp hoặc thư mục")


def ingest_paths(store: Store, paths: Iterable[str | os.PathLike], *, accept: bool = False,
                 actor: str | None = None, extractor: Extractor | None = None) -> Iterator[IngestResult]:
    """Ingest every file of ``paths`` (see :func:`iter_files`), one result per file, in order."""
    return ingest_items(store, iter_files(paths), accept=accept, actor=actor, extractor=extractor)


def ingest_items(store: Store, items: Iterable[Path | IngestResult], *, accept: bool = False,
                 actor: str | None = None, extractor: Extractor | None = None) -> Iterator[IngestResult]:
    """Ingest files (results already in ``items`` pass through), one result per item, in
    order. (A writer thread overlapping the database with the extraction was tried: the
    two compete for the interpreter lock and the whole runs slower.)"""
    for item in items:
        yield item if isinstance(item, IngestResult) else ingest_file(
            store, item, accept=accept, actor=actor, extractor=extractor)


def ingest_file(store: Store, path: Path, *, accept: bool = False, actor: str | None = None,
                extractor: Extractor | None = None) -> IngestResult:
    """Ingest one file. Faults of the store itself raise :class:`StoreError`."""
    step = _read(store, path, accept, extractor)
    return _commit(store, step, actor) if isinstance(step, _Ready) else step


@dataclass(frozen=True)
class _Ready:
    """A document read, extracted and with its file stored: what the transaction writes."""

    name: str
    sha: str
    record: object
    file_name: str


def _read(store: Store, path: Path, accept: bool, extractor: Extractor | None) -> _Ready | IngestResult:
    """Everything before the transaction: read, hash, skip if stored, extract, keep the file."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as e:
        return IngestResult(name, "failed", message=f"{name}: không đọc được tệp ({e.strerror or e})")
    sha = hashlib.sha256(data).hexdigest()
    found = _stored(store, sha)
    if found is not None:
        return IngestResult(name, "exists", found)
    try:
        text = read_bytes(data, name)
    except ReadError as e:
        return IngestResult(name, "failed", message=str(e))
    try:
        extraction = (extractor or _extract)(text, path.name)
        record = prepare(extraction, text, sha256=sha, source_name=path.name, suffix=path.suffix,
                         size=len(data), accept=accept)
    except Exception as e:  # noqa: BLE001 - a bad document must not stop the batch
        return IngestResult(name, "failed", message=f"{name}: trích xuất thất bại ({type(e).__name__}: {e})")
    return _Ready(name, sha, record, _put_file(store, data, sha, path.suffix))


def _commit(store: Store, ready: _Ready, actor: str | None) -> IngestResult:
    """The document's one transaction; the same file stored meanwhile is reported as such."""
    try:
        with store.write() as session:
            added = add_document(session, ready.record, ready.file_name, now=_now(), actor=actor)
    except exc.IntegrityError:
        found = _stored(store, ready.sha)
        if found is None:
            raise
        return IngestResult(ready.name, "exists", found)
    return IngestResult(ready.name, "version" if added.previous_id else "new", added.document_id,
                        len(added.task_ids), added.previous_id, added.superseded_tasks)


def _stored(store: Store, sha: str) -> int | None:
    """The id of the document with this hash, if stored (one statement, no transaction)."""
    with store.lookup() as conn:
        return find_by_sha(conn, sha)


def _put_file(store: Store, data: bytes, sha: str, suffix: str) -> str:
    from chidao.store.db import translated
    with translated(store.settings):
        return store.files.put(data, sha, suffix)


def _extract(text: str, source: str | None) -> Extraction:
    from chidao.extract.pipeline import extract
    return extract(text, source=source)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


__all__ = ["IngestResult", "StoreError", "ingest_file", "ingest_items", "ingest_paths", "iter_files"]
