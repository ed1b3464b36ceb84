"""Ingest of real documents: idempotent, failures skipped whole, versions, citations."""
from __future__ import annotations

import hashlib

from sqlalchemy import func, select

from chidao.store import documents as docs
from chidao.store.models import (DocumentRow, ReferenceRow, SearchEntryRow, TaskBodyRow,
                                 TaskEventRow, TaskRow)


def _count(store, model, *where) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_seeds_ingest_once_with_files_kept_by_hash(store, ingest, seeds):
    results = ingest(seeds)
    assert [r.status for r in results] == ["new"] * 5
    assert sum(r.tasks for r in results) == _count(store, TaskRow) > 50
    assert _count(store, TaskRow, TaskRow.status != "proposed") == 0
    for r in results:
        with store.read() as s:
            doc = s.get(DocumentRow, r.document_id)
        data = open(r.path, "rb").read()
        assert doc.sha256 == hashlib.sha256(data).hexdigest()
        assert store.files.read(doc.file_name) == data
        assert doc.file_name.startswith(doc.sha256[:2] + "/")
    again = ingest(seeds)
    assert [(r.status, r.document_id) for r in again] == [("exists", r.document_id) for r in results]
    assert _count(store, DocumentRow) == 5


def test_every_task_has_bodies_events_and_a_search_entry(store, ingest, seeds):
    ingest(seeds, accept=True)
    tasks = _count(store, TaskRow)
    assert _count(store, TaskRow, TaskRow.status == "open") == tasks
    assert _count(store, TaskEventRow, TaskEventRow.kind == "created") == tasks
    assert _count(store, TaskEventRow, TaskEventRow.kind == "accepted") == tasks
    assert _count(store, SearchEntryRow, SearchEntryRow.kind == "task") == tasks
    with store.read() as s:
        for doc in s.scalars(select(DocumentRow)):
            spans = s.execute(select(SearchEntryRow.start, SearchEntryRow.end)
                              .where(SearchEntryRow.kind == "document", SearchEntryRow.document_id == doc.id)
                              .order_by(SearchEntryRow.start)).all()
            assert spans[0].start == 0 and spans[-1].end == len(doc.text)  # passages cover the text
            assert all(a.end == b.start for a, b in zip(spans, spans[1:]))
    with store.read() as s:
        resolved = s.scalar(select(func.count()).select_from(TaskBodyRow)
                            .where(TaskBodyRow.body_id == "lang-son/so-ke-hoach-va-dau-tu"))
        assert resolved >= 5  # seed 004 and the weekly digest name Sở KH&ĐT


def test_a_bad_file_is_reported_and_nothing_of_it_stored(store, ingest, examples, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.4 not really a pdf \x00\x01\x02" * 10)
    good = tmp_path / "good.txt"
    good.write_bytes((examples / "hagiang-cv-ctmtqg-2023.txt").read_bytes())
    results = {r.path.rsplit("/", 1)[-1]: r for r in ingest(tmp_path, tmp_path / "missing.txt")}
    assert results["empty.txt"].status == "failed" and "empty" in results["empty.txt"].message
    assert results["junk.pdf"].status == "failed"
    assert results["missing.txt"].status == "failed" and "không tìm thấy" in results["missing.txt"].message
    assert results["good.txt"].status == "new"
    assert _count(store, DocumentRow) == 1
    assert {p.name for p in store.files.root.rglob("*") if p.is_file()} == {
        hashlib.sha256(good.read_bytes()).hexdigest() + ".txt"}


def test_a_corrected_version_keeps_history(store, ingest, examples, tmp_path):
    original = (examples / "quangnam-tb-ketluan-phienhop-2024.txt").read_text(encoding="utf-8")
    first = tmp_path / "v1" / "tb95.txt"
    first.parent.mkdir()
    first.write_text(original, encoding="utf-8")
    [v1] = ingest(first, accept=True)
    corrected = tmp_path / "v2" / "tb95.txt"
    corrected.parent.mkdir()
    corrected.write_text(original.replace("trước ngày 15/3/2024", "trước ngày 22/3/2024"), encoding="utf-8")
    [v2] = ingest(corrected)
    assert v2.status == "version" and v2.previous_id == v1.document_id
    assert v2.superseded == v1.tasks
    with store.read() as s:
        old = s.get(DocumentRow, v1.document_id)
        new = s.get(DocumentRow, v2.document_id)
        assert old.superseded_by_id == new.id and new.previous_id == old.id and new.version == 2
        assert [d.id for d in docs.versions(s, new)] == [old.id, new.id]
        old_tasks = s.scalars(select(TaskRow).where(TaskRow.document_id == old.id)).all()
        assert old_tasks and all(t.superseded_by_id == new.id and t.status == "open" for t in old_tasks)
        new_tasks = s.scalars(select(TaskRow).where(TaskRow.document_id == new.id)).all()
        assert all(t.superseded_by_id is None and t.status == "proposed" for t in new_tasks)
        superseded = s.scalar(select(func.count()).select_from(TaskEventRow)
                              .where(TaskEventRow.kind == "superseded"))
        assert superseded == len(old_tasks)
        dues = {t.due_date.isoformat() for t in new_tasks if t.due_date}
        assert "2024-03-22" in dues and "2024-03-15" not in dues


def test_citations_link_both_ways_whichever_comes_first(store, ingest, examples, tmp_path):
    citing = tmp_path / "a" / "bao-cao.txt"
    citing.parent.mkdir()
    citing.write_text(
        "ỦY BAN NHÂN DÂN\nHUYỆN ĐẠI LỘC\n\nSố: 120/UBND-VP\nĐại Lộc, ngày 20 tháng 3 năm 2024\n"
        "V/v triển khai Thông báo số 95/TB-UBND ngày 05/3/2024 của UBND tỉnh\n\n"
        "Thực hiện Thông báo số 95/TB-UBND ngày 05/3/2024 của Ủy ban nhân dân tỉnh Quảng Nam, "
        "UBND huyện yêu cầu Phòng Tài chính - Kế hoạch huyện báo cáo trước ngày 30/3/2024.\n",
        encoding="utf-8")
    [a] = ingest(citing)
    [b] = ingest(examples / "quangnam-tb-ketluan-phienhop-2024.txt")
    with store.read() as s:
        refs = [r for r in docs.cites(s, a.document_id) if r.number == "95/TB-UBND"]
        assert refs and all(r.target_id == b.document_id for r in refs)
        assert {d.id for _, d in docs.cited_by(s, b.document_id)} == {a.document_id}
        cited = s.scalars(select(ReferenceRow).where(ReferenceRow.document_id == b.document_id)).all()
        assert all(r.target_id is None for r in cited)  # cites nothing that is stored
    later = tmp_path / "b" / "bao-cao-2.txt"
    later.parent.mkdir()
    later.write_text(citing.read_text(encoding="utf-8").replace("120/UBND-VP", "121/UBND-VP"), encoding="utf-8")
    [c] = ingest(later)
    with store.read() as s:
        assert {d.id for _, d in docs.cited_by(s, b.document_id)} == {a.document_id, c.document_id}
        refs = [r for r in docs.cites(s, c.document_id) if r.number == "95/TB-UBND"]
        assert refs and all(r.target_id == b.document_id for r in refs)
