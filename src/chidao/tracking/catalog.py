"""Read-only views of the store for the commands: bodies on a day, documents, types."""
from __future__ import annotations

import datetime as dt

from chidao.registry import Registry, fold
from chidao.store import documents as docs
from chidao.store.bodies import load_bodies
from chidao.store.db import Store
from chidao.tracking.errors import BadInput, NotFound
from chidao.tracking.succession import holders


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def body_records(store: Store, registry: Registry, day: dt.date, province: str | None = None,
                 active_only: bool = False) -> list[dict]:
    """The stored bodies (of ``province`` and central ones), whether each exists on ``day``,
    and who holds the work of those that do not."""
    found = registry.find_province(province) if province else None
    wanted = found.name if found else province
    with store.read() as session:
        stored = load_bodies(session)
    records = []
    for b in stored.values():
        if wanted and b.province not in (wanted, None):
            continue
        exists = b.active(day)
        if active_only and not exists:
            continue
        held = [h.name for h in holders(registry, b.id, day) if h.id != b.id]
        records.append({"id": b.id, "name": b.name, "level": b.level, "province": b.province,
                        "valid_from": _iso(b.valid_from), "valid_to": _iso(b.valid_to),
                        "active": exists, "successors": held, "at": day.isoformat()})
    return records


def document_record(store: Store, document_id: int) -> dict:
    """A document with its versions and its citations, both ways."""
    with store.read() as session:
        doc = docs.get_document(session, document_id)
        if doc is None:
            raise NotFound(f"Không có văn bản #{document_id}.")
        return {
            "id": doc.id, "type": doc.doc_type, "number": doc.number, "issuer": doc.issuer,
            "date": doc.date_text, "subject": doc.subject, "received_on": _iso(doc.received_on),
            "source_name": doc.source_name, "sha256": doc.sha256, "file": str(store.files.path(doc.file_name)),
            "version": doc.version,
            "versions": [{"id": v.id, "version": v.version, "sha256": v.sha256,
                          "current": v.superseded_by_id is None} for v in docs.versions(session, doc)],
            "cites": [{"number": r.number, "type": r.ref_type, "date": r.date_text, "document_id": r.target_id}
                      for r in docs.cites(session, doc.id)],
            "cited_by": [{"document_id": d.id, "number": d.number, "type": d.doc_type, "date": d.date_text}
                         for _, d in docs.cited_by(session, doc.id)],
        }


def document_list(store: Store, limit: int) -> list[dict]:
    """The documents ingested last, newest first."""
    with store.read() as session:
        return [{"id": d.id, "type": d.doc_type, "number": d.number, "date": d.date_text, "issuer": d.issuer,
                 "subject": d.subject, "version": d.version, "current": d.superseded_by_id is None,
                 "source_name": d.source_name} for d in docs.list_documents(session, limit)]


def resolve_doc_types(store: Store, wanted: list[str]) -> list[str]:
    """The stored spellings of the document types asked for (compared folded)."""
    with store.read() as session:
        known = {fold(t): t for t in docs.doc_types(session)}
    out = []
    for w in wanted:
        if fold(w) not in known:
            raise BadInput(f"Không có văn bản loại “{w}” trong kho (có: {', '.join(sorted(known.values()))}).")
        out.append(known[fold(w)])
    return out
