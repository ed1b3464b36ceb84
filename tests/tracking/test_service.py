"""Task operations on a real store: each change is written with its audit event."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from chidao.store.models import TaskEventRow, TaskRow
from chidao.tracking.errors import BadInput, NotFound, Refused
from chidao.tracking.lifecycle import Status
from chidao.tracking.service import Tracker


@pytest.fixture
def tracker(store):
    return Tracker(store, actor="chuyenvien.vp")


def _task(store, document_id: int, due: str | None = None) -> TaskRow:
    with store.read() as s:
        q = select(TaskRow).where(TaskRow.document_id == document_id).order_by(TaskRow.id)
        rows = s.scalars(q).all()
    return next(r for r in rows if due is None or (r.due_date and r.due_date.isoformat() == due))


def _kinds(tracker, task_id: int) -> list[str]:
    return [e.kind for e in tracker.task(task_id).events]


def test_full_lifecycle_with_extension(store, ingest, examples, tracker):
    [doc] = ingest(examples / "quangnam-tb-ketluan-phienhop-2024.txt")
    task = _task(store, doc.document_id, due="2024-03-15")
    with pytest.raises(Refused, match="chưa được xác nhận"):
        tracker.done(task.id, date(2024, 3, 10))
    tracker.accept(task.id)
    tracker.report(task.id, "Đã lấy ý kiến các sở", date(2024, 3, 8))
    with pytest.raises(Refused, match="Không có đề nghị gia hạn"):
        tracker.approve_extension(task.id)
    tracker.extend(task.id, date(2024, 3, 29), "Chờ ý kiến Bộ Tài chính", date(2024, 3, 12))
    assert tracker.task(task.id).line.due_date == date(2024, 3, 15)
    state = tracker.approve_extension(task.id, "Công văn 1234/UBND-KTTH", date(2024, 3, 14))
    assert state.due == date(2024, 3, 29)
    tracker.done(task.id, date(2024, 3, 28))
    detail = tracker.task(task.id)
    assert detail.line.status == "done" and detail.line.completed_on == date(2024, 3, 28)
    assert (detail.line.due_date, detail.line.original_due_date) == (date(2024, 3, 29), date(2024, 3, 15))
    assert _kinds(tracker, task.id) == ["created", "accepted", "progress", "extension_asked",
                                        "extension_approved", "completed"]
    assert {e.actor for e in detail.events} == {"tester", "chuyenvien.vp"}
    assert detail.events[4].data["decision"] == "Công văn 1234/UBND-KTTH"
    with pytest.raises(Refused, match="phải nêu lý do"):
        tracker.reopen(task.id, "")
    tracker.reopen(task.id, "Kết quả chưa đạt")
    assert tracker.task(task.id).line.status == "open"


def test_unknown_task_and_document(tracker):
    with pytest.raises(NotFound, match="#999"):
        tracker.accept(999)
    with pytest.raises(NotFound):
        tracker.set_received(999, date(2024, 1, 1))


def test_update_reassigns_to_known_bodies_only(store, ingest, seeds, tracker):
    [doc] = ingest(seeds / "004_955f702bdc8217d3.txt", accept=True)
    task = _task(store, doc.document_id, due="2021-08-10")
    with pytest.raises(BadInput, match="trước ngày giao"):  # the notice is of August 2021
        tracker.done(task.id, date(2021, 7, 31))
    with pytest.raises(BadInput, match="Không biết cơ quan"):
        tracker.update(task.id, assignees=["Sở Kế hoạch Đầu tư và Phát triển"])
    with pytest.raises(BadInput, match="Không có gì để sửa"):
        tracker.update(task.id)
    tracker.update(task.id, assignees=["Sở KH&ĐT"], coordinators=["Sở Tài chính", "Các sở, ban, ngành"],
                   deadline=date(2021, 8, 12), action="Hoàn chỉnh dự thảo Nghị quyết")
    line = tracker.task(task.id).line
    assert line.assignees == [("Sở Kế hoạch và Đầu tư", "lang-son/so-ke-hoach-va-dau-tu")]
    assert line.coordinators == [("Sở Tài chính", "lang-son/so-tai-chinh"), ("Các sở, ban, ngành", None)]
    assert line.due_date == line.original_due_date == date(2021, 8, 12)
    assert line.action == "Hoàn chỉnh dự thảo Nghị quyết"
    events = tracker.task(task.id).events
    edited = [(e.kind, e.data.get("field")) for e in events[2:]]
    assert edited == [("edited", "deadline"), ("reassigned", "assignee"), ("edited", "coordinator"),
                      ("edited", "action")]
    assert events[2].data == {"field": "deadline", "before": "2021-08-10", "after": "2021-08-12"}


def test_receipt_date_gives_relative_deadlines_their_date(store, ingest, examples, tracker):
    [doc] = ingest(examples / "nghean-cv-datdai-2025.txt", accept=True)
    with store.read() as s:
        relative = [t for t in s.scalars(select(TaskRow).where(TaskRow.document_id == doc.document_id))
                    if (t.deadline_rule or {}).get("from") == "receipt"]
    assert relative and all(t.due_date is None for t in relative)
    with pytest.raises(BadInput, match="trước ngày ban hành"):
        tracker.set_received(doc.document_id, date(2025, 10, 1))
    changed = tracker.set_received(doc.document_id, date(2025, 10, 16))
    # 7 working days from Thursday 16/10/2025: 17, 20, 21, 22, 23, 24, 27 October
    assert changed == [(t.id, date(2025, 10, 27)) for t in relative]
    assert tracker.task(relative[0].id).events[-1].kind == "deadline_set"


def test_superseded_tasks_cannot_change(store, ingest, examples, tracker, tmp_path):
    source = examples / "hagiang-cv-ctmtqg-2023.txt"
    [v1] = ingest(source, accept=True)
    fixed = tmp_path / "hagiang.txt"
    fixed.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    [v2] = ingest(fixed)
    assert v2.status == "version"
    old = _task(store, v1.document_id)
    with pytest.raises(Refused, match="phiên bản cũ"):
        tracker.done(old.id, date(2023, 9, 1))


def test_audit_events_are_append_only(store, ingest, seeds):
    ingest(seeds / "003_ba1a8491618e6659.txt")
    for statement in ("UPDATE task_events SET actor = 'x'", "DELETE FROM task_events"):
        with pytest.raises(Exception, match="append-only"):
            with store.write() as s:
                s.execute(text(statement))
    with store.read() as s:
        assert all(e.actor == "tester" for e in s.scalars(select(TaskEventRow)))


def test_accept_document_accepts_its_proposals(store, ingest, seeds, tracker):
    [doc] = ingest(seeds / "003_ba1a8491618e6659.txt")
    accepted = tracker.accept_document(doc.document_id)
    assert len(accepted) == doc.tasks
    with store.read() as s:
        assert {t.status for t in s.scalars(select(TaskRow))} == {Status.OPEN.value}
    assert tracker.accept_document(doc.document_id) == []


def test_add_task_proposes_a_missed_task_with_bodies_and_a_created_event(store, ingest, examples, tracker):
    [doc] = ingest(examples / "quangnam-tb-ketluan-phienhop-2024.txt")
    with store.read() as s:
        last = max(s.scalars(select(TaskRow.position).where(TaskRow.document_id == doc.document_id)))
    task_id = tracker.add_task(doc.document_id, "  Rà soát   danh mục dự án\n", ["Sở Tài chính"],
                               ["Sở Xây dựng", " "], date(2030, 6, 30), start=10, end=40)
    line = tracker.task(task_id).line
    assert line.action == "Rà soát danh mục dự án" and line.status == Status.PROPOSED.value
    assert line.due_date == date(2030, 6, 30)
    assert [n for n, _ in line.assignees] == ["Sở Tài chính"]
    assert [n for n, _ in line.coordinators] == ["Sở Xây dựng"]
    with store.read() as s:
        row = s.get(TaskRow, task_id)
        assert (row.position, row.start, row.end, row.deadline_kind) == (last + 1, 10, 40, "manual")
        [event] = s.scalars(select(TaskEventRow).where(TaskEventRow.task_id == task_id)).all()
    assert event.kind == "created" and event.actor == "chuyenvien.vp"
    assert event.data == {"document_id": doc.document_id, "manual": True, "start": 10, "end": 40,
                          "due": "2030-06-30"}
    tracker.accept(task_id)
    assert _kinds(tracker, task_id) == ["created", "accepted"]
    with pytest.raises(BadInput, match="chủ trì"):
        tracker.add_task(doc.document_id, "Việc khác", [" "])
    with pytest.raises(BadInput, match="trống"):
        tracker.add_task(doc.document_id, "  ", ["Sở Tài chính"])
    with pytest.raises(BadInput, match="ngoài văn bản"):
        tracker.add_task(doc.document_id, "Việc khác", ["Sở Tài chính"], start=5, end=10**7)
    with pytest.raises(NotFound):
        tracker.add_task(10**6, "Việc khác", ["Sở Tài chính"])
