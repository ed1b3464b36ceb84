"""Task lifecycle rules (pure): transitions, refusals, timeliness on a day."""
from __future__ import annotations

from datetime import date

import pytest

from chidao.calendar import due_date_for_period_end
from chidao.tracking import lifecycle as lc
from chidao.tracking.errors import BadInput, Refused
from chidao.tracking.lifecycle import EventKind, Status, TaskState, Timeliness

DUE = date(2021, 8, 10)


def opened(**kw) -> TaskState:
    return TaskState(Status.OPEN, due=kw.pop("due", DUE), original_due=kw.pop("original_due", DUE), **kw)


def test_accept_moves_a_proposal_to_open_and_only_a_proposal():
    state, event = lc.accept(TaskState(Status.PROPOSED, due=DUE))
    assert state.status is Status.OPEN and event.kind is EventKind.ACCEPTED
    with pytest.raises(Refused, match="không cần xác nhận lại"):
        lc.accept(state)


def test_first_report_starts_the_work_and_reports_append():
    state, event = lc.report(opened(), "Đã họp triển khai", date(2021, 8, 3))
    assert state.status is Status.IN_PROGRESS
    assert event.kind is EventKind.PROGRESS and event.data == {"text": "Đã họp triển khai"}
    again, _ = lc.report(state, "Đã trình dự thảo", date(2021, 8, 5))
    assert again.status is Status.IN_PROGRESS


def test_report_needs_text_and_an_accepted_task():
    with pytest.raises(BadInput, match="Thiếu nội dung"):
        lc.report(opened(), "  ", date(2021, 8, 3))
    with pytest.raises(Refused, match="chưa được xác nhận"):
        lc.report(TaskState(Status.PROPOSED), "x", date(2021, 8, 3))


def test_extension_moves_the_due_date_only_when_approved_and_keeps_the_original():
    asked, event = lc.ask_extension(opened(), date(2021, 8, 31), "Chờ ý kiến Bộ", date(2021, 8, 6))
    assert asked.due == DUE and asked.pending_to == date(2021, 8, 31)
    assert event.data["to"] == "2021-08-31"
    approved, event = lc.approve_extension(asked, date(2021, 8, 9), "3417/VP-KT")
    assert approved.due == date(2021, 8, 31) and approved.original_due == DUE
    assert approved.pending_to is None and event.data["decision"] == "3417/VP-KT"
    # a second extension keeps the first original date
    asked2, _ = lc.ask_extension(approved, date(2021, 9, 15), "Thêm thời gian", date(2021, 8, 30))
    twice, _ = lc.approve_extension(asked2, date(2021, 8, 31))
    assert twice.due == date(2021, 9, 15) and twice.original_due == DUE


def test_extension_refusals():
    with pytest.raises(Refused, match="Không có đề nghị gia hạn"):
        lc.approve_extension(opened(), date(2021, 8, 9))
    with pytest.raises(Refused, match="Không có đề nghị gia hạn"):
        lc.refuse_extension(opened(), "không", date(2021, 8, 9))
    with pytest.raises(Refused, match="phải sau hạn hiện tại"):
        lc.ask_extension(opened(), DUE, "x", date(2021, 8, 6))
    with pytest.raises(Refused, match="chưa có hạn"):
        lc.ask_extension(opened(due=None, original_due=None), date(2021, 9, 1), "x", date(2021, 8, 6))
    asked, _ = lc.ask_extension(opened(), date(2021, 8, 31), "x", date(2021, 8, 6))
    with pytest.raises(Refused, match="chờ quyết định"):
        lc.ask_extension(asked, date(2021, 9, 30), "y", date(2021, 8, 7))
    refused, event = lc.refuse_extension(asked, "Không có cơ sở", date(2021, 8, 9))
    assert refused.due == DUE and refused.pending_to is None and event.kind is EventKind.EXTENSION_REFUSED


def test_done_then_reopen_needs_a_reason():
    done, event = lc.complete(opened(), date(2021, 8, 12))
    assert done.status is Status.DONE and done.completed_on == date(2021, 8, 12)
    with pytest.raises(Refused, match="phải nêu lý do"):
        lc.reopen(done, None)
    with pytest.raises(Refused, match="phải nêu lý do"):
        lc.reopen(done, "   ")
    with pytest.raises(Refused, match="không thể báo hoàn thành"):
        lc.complete(done, date(2021, 8, 13))
    with pytest.raises(Refused, match="không cần xác nhận lại"):
        lc.accept(done)
    back, event = lc.reopen(done, "Báo cáo chưa đạt yêu cầu")
    assert back.status is Status.OPEN and back.completed_on is None
    assert event.data["completed_on"] == "2021-08-12"


def test_proposal_cannot_be_completed_and_dates_before_assignment_are_refused():
    with pytest.raises(Refused, match="task accept"):
        lc.complete(TaskState(Status.PROPOSED, due=DUE), date(2021, 8, 3))
    with pytest.raises(BadInput, match="trước ngày giao"):
        lc.complete(opened(assigned_on=date(2021, 8, 2)), date(2021, 7, 1))


def test_reject_needs_a_reason_and_not_a_finished_task():
    gone, event = lc.reject(TaskState(Status.PROPOSED), "Không phải nhiệm vụ")
    assert gone.status is Status.REJECTED and event.data["from"] == "proposed"
    with pytest.raises(BadInput):
        lc.reject(TaskState(Status.PROPOSED), "")
    with pytest.raises(Refused):
        lc.reject(TaskState(Status.DONE, completed_on=DUE), "x")


def test_set_deadline_corrects_both_dates_but_not_on_a_finished_task():
    state, event = lc.set_deadline(opened(), date(2021, 8, 20))
    assert (state.due, state.original_due) == (date(2021, 8, 20), date(2021, 8, 20))
    assert event.data == {"field": "deadline", "before": "2021-08-10", "after": "2021-08-20"}
    with pytest.raises(Refused):
        lc.set_deadline(TaskState(Status.DONE, due=DUE, completed_on=DUE), None)


@pytest.mark.parametrize("state, as_of, expected", [
    (opened(), date(2021, 8, 10), Timeliness.ON_TRACK),
    (opened(), date(2021, 8, 11), Timeliness.OVERDUE),
    (TaskState(Status.IN_PROGRESS, due=DUE), date(2021, 8, 11), Timeliness.OVERDUE),
    (TaskState(Status.DONE, due=DUE, completed_on=date(2021, 8, 10)), date(2022, 1, 1), Timeliness.DONE_ON_TIME),
    (TaskState(Status.DONE, due=DUE, completed_on=date(2021, 8, 11)), date(2022, 1, 1), Timeliness.DONE_LATE),
    # completed after the day looked at: still running on that day
    (TaskState(Status.DONE, due=DUE, completed_on=date(2021, 8, 20)), date(2021, 8, 9), Timeliness.ON_TRACK),
    (TaskState(Status.DONE, due=DUE, completed_on=date(2021, 8, 20)), date(2021, 8, 15), Timeliness.OVERDUE),
    (opened(due=None, original_due=None), date(2030, 1, 1), Timeliness.NO_DEADLINE),
    (TaskState(Status.DONE, completed_on=date(2021, 8, 20)), date(2030, 1, 1), Timeliness.DONE_ON_TIME),
    (TaskState(Status.PROPOSED, due=DUE), date(2021, 8, 11), Timeliness.OVERDUE),
    (TaskState(Status.REJECTED, due=DUE), date(2021, 8, 11), None),
])
def test_timeliness(state, as_of, expected):
    assert lc.timeliness(state, as_of) is expected


def test_timeliness_judges_against_the_approved_extension():
    asked, _ = lc.ask_extension(opened(), date(2021, 8, 31), "x", date(2021, 8, 6))
    assert lc.timeliness(asked, date(2021, 8, 20)) is Timeliness.OVERDUE  # not approved yet
    approved, _ = lc.approve_extension(asked, date(2021, 8, 9))
    assert lc.timeliness(approved, date(2021, 8, 20)) is Timeliness.ON_TRACK
    done, _ = lc.complete(approved, date(2021, 8, 25))
    assert lc.timeliness(done, date(2021, 9, 1)) is Timeliness.DONE_ON_TIME


def test_due_date_on_a_day_off_ends_on_the_next_working_day():
    """Civil Code art. 148: due Sunday 8/8/2021, done Monday 9/8 is on time."""
    state = TaskState(Status.DONE, due=date(2021, 8, 8), completed_on=date(2021, 8, 9))
    assert lc.timeliness(state, date(2021, 9, 1)) is Timeliness.DONE_LATE
    assert lc.timeliness(state, date(2021, 9, 1), due_date_for_period_end) is Timeliness.DONE_ON_TIME
    running = TaskState(Status.OPEN, due=date(2021, 8, 8))
    assert lc.timeliness(running, date(2021, 8, 9), due_date_for_period_end) is Timeliness.ON_TRACK
    assert lc.timeliness(running, date(2021, 8, 10), due_date_for_period_end) is Timeliness.OVERDUE
