"""The life of a task, by the tracking regulations (pure functions, no I/O).

Statuses: ``proposed`` (extracted, waiting for a person to accept it) → ``open`` (accepted)
→ ``in_progress`` (a progress report came in) → ``done``; ``rejected`` for a proposal that
is not a task or a task that was dropped. Timeliness is never stored: it is computed for a
given day from the status, the due date and the completion date.

Every transition returns the new state and the event to append to the audit trail; an
impossible transition raises :class:`Refused` with a message for the user.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Callable

from chidao.tracking.errors import BadInput, Refused


class Status(str, Enum):
    PROPOSED = "proposed"
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.PROPOSED: "chờ xác nhận",
    Status.OPEN: "đã giao",
    Status.IN_PROGRESS: "đang thực hiện",
    Status.DONE: "hoàn thành",
    Status.REJECTED: "không theo dõi",
}
ACTIVE = (Status.OPEN, Status.IN_PROGRESS)
TRACKED = (Status.OPEN, Status.IN_PROGRESS, Status.DONE)


class Timeliness(str, Enum):
    """The reporting axes of the regulation (VPCP; Hải Phòng), for a given day."""

    ON_TRACK = "đang thực hiện trong hạn"
    OVERDUE = "đang thực hiện quá hạn"
    DONE_ON_TIME = "hoàn thành đúng hạn"
    DONE_LATE = "hoàn thành quá hạn"
    NO_DEADLINE = "chưa có hạn"


class EventKind(str, Enum):
    CREATED = "created"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    REOPENED = "reopened"
    EDITED = "edited"
    REASSIGNED = "reassigned"
    PROGRESS = "progress"
    EXTENSION_ASKED = "extension_asked"
    EXTENSION_APPROVED = "extension_approved"
    EXTENSION_REFUSED = "extension_refused"
    COMPLETED = "completed"
    SUPERSEDED = "superseded"
    DEADLINE_SET = "deadline_set"


EVENT_LABELS = {
    EventKind.CREATED: "tạo từ văn bản",
    EventKind.ACCEPTED: "xác nhận",
    EventKind.REJECTED: "không theo dõi",
    EventKind.REOPENED: "mở lại",
    EventKind.EDITED: "sửa",
    EventKind.REASSIGNED: "giao lại",
    EventKind.PROGRESS: "báo cáo tiến độ",
    EventKind.EXTENSION_ASKED: "xin gia hạn",
    EventKind.EXTENSION_APPROVED: "đồng ý gia hạn",
    EventKind.EXTENSION_REFUSED: "không đồng ý gia hạn",
    EventKind.COMPLETED: "hoàn thành",
    EventKind.SUPERSEDED: "bị thay thế bởi văn bản mới",
    EventKind.DEADLINE_SET: "tính hạn",
}


@dataclass(frozen=True)
class TaskState:
    """What the rules look at. ``due`` is the effective due date (after approved extensions),
    ``original_due`` the one first set; ``pending_to`` an extension asked and not decided."""

    status: Status
    due: dt.date | None = None
    original_due: dt.date | None = None
    completed_on: dt.date | None = None
    pending_to: dt.date | None = None
    pending_reason: str | None = None
    assigned_on: dt.date | None = None


@dataclass(frozen=True)
class Event:
    """An entry for the audit trail: what happened, on which day, with details."""

    kind: EventKind
    on: dt.date | None = None
    data: dict = field(default_factory=dict)


Grace = Callable[[dt.date], dt.date]


def _same_day(d: dt.date) -> dt.date:
    return d


def timeliness(state: TaskState, as_of: dt.date, grace: Grace = _same_day) -> Timeliness | None:
    """The timeliness of a task on ``as_of``; None for a rejected task. A proposal is
    judged as if accepted (it shows what accepting it means).

    ``grace`` maps a due date to the last day still on time (Civil Code art. 148: a time
    limit ending on a day off ends on the next working day). A task completed after
    ``as_of`` counts as still running on ``as_of``; one without a due date is never late.
    """
    if state.status is Status.REJECTED:
        return None
    done = state.status is Status.DONE and state.completed_on is not None and state.completed_on <= as_of
    if state.due is None:
        return Timeliness.DONE_ON_TIME if done else Timeliness.NO_DEADLINE
    last = grace(state.due)
    if done:
        return Timeliness.DONE_ON_TIME if state.completed_on <= last else Timeliness.DONE_LATE
    return Timeliness.ON_TRACK if as_of <= last else Timeliness.OVERDUE


def accept(state: TaskState) -> tuple[TaskState, Event]:
    if state.status is not Status.PROPOSED:
        raise Refused(f"Nhiệm vụ đã ở trạng thái “{state.status.label}”, không cần xác nhận lại.")
    return replace(state, status=Status.OPEN), Event(EventKind.ACCEPTED)


def reject(state: TaskState, reason: str) -> tuple[TaskState, Event]:
    """Drop a proposal (not a task) or an open task; a finished one cannot be dropped."""
    reason = _required(reason, "lý do không theo dõi")
    if state.status in (Status.DONE, Status.REJECTED):
        raise Refused(f"Không thể bỏ theo dõi nhiệm vụ đang ở trạng thái “{state.status.label}”.")
    return (replace(state, status=Status.REJECTED, pending_to=None, pending_reason=None),
            Event(EventKind.REJECTED, data={"reason": reason, "from": state.status.value}))


def reopen(state: TaskState, reason: str | None) -> tuple[TaskState, Event]:
    """Take a finished or rejected task up again; the reason is required."""
    if state.status not in (Status.DONE, Status.REJECTED):
        raise Refused(f"Chỉ mở lại được nhiệm vụ đã hoàn thành hoặc không theo dõi "
                      f"(đang là “{state.status.label}”).")
    if not (reason or "").strip():
        raise Refused("Mở lại nhiệm vụ đã hoàn thành phải nêu lý do (--reason).")
    return (replace(state, status=Status.OPEN, completed_on=None),
            Event(EventKind.REOPENED, data={"reason": reason.strip(), "from": state.status.value,
                                            "completed_on": _iso(state.completed_on)}))


def report(state: TaskState, text: str, on: dt.date) -> tuple[TaskState, Event]:
    """Append a progress report; the first one moves an open task to in progress."""
    text = _required(text, "nội dung báo cáo")
    _require_active(state, "báo cáo tiến độ")
    _not_before_assignment(state, on, "Ngày báo cáo")
    return replace(state, status=Status.IN_PROGRESS), Event(EventKind.PROGRESS, on, {"text": text})


def ask_extension(state: TaskState, to: dt.date, reason: str, on: dt.date) -> tuple[TaskState, Event]:
    """The assignee asks to move the due date to ``to``; the due date stays until approved."""
    reason = _required(reason, "lý do xin gia hạn")
    _require_active(state, "xin gia hạn")
    if state.pending_to is not None:
        raise Refused(f"Đang có đề nghị gia hạn đến {_vn(state.pending_to)} chờ quyết định; "
                      f"hãy duyệt hoặc từ chối trước.")
    if state.due is None:
        raise Refused("Nhiệm vụ chưa có hạn nên không có gì để gia hạn; dùng `task update --deadline`.")
    if to <= state.due:
        raise Refused(f"Hạn mới {_vn(to)} phải sau hạn hiện tại {_vn(state.due)}.")
    return (replace(state, pending_to=to, pending_reason=reason),
            Event(EventKind.EXTENSION_ASKED, on, {"to": to.isoformat(), "reason": reason,
                                                  "due": state.due.isoformat()}))


def approve_extension(state: TaskState, on: dt.date, decision: str | None = None) -> tuple[TaskState, Event]:
    """Move the due date to the asked one; the original due date is kept."""
    if state.pending_to is None:
        raise Refused("Không có đề nghị gia hạn nào đang chờ duyệt cho nhiệm vụ này.")
    data = {"from": _iso(state.due), "to": state.pending_to.isoformat()}
    if decision:
        data["decision"] = decision
    new = replace(state, due=state.pending_to, original_due=state.original_due or state.due,
                  pending_to=None, pending_reason=None)
    return new, Event(EventKind.EXTENSION_APPROVED, on, data)


def refuse_extension(state: TaskState, reason: str, on: dt.date) -> tuple[TaskState, Event]:
    if state.pending_to is None:
        raise Refused("Không có đề nghị gia hạn nào đang chờ để từ chối.")
    reason = _required(reason, "lý do không đồng ý gia hạn")
    return (replace(state, pending_to=None, pending_reason=None),
            Event(EventKind.EXTENSION_REFUSED, on, {"asked": state.pending_to.isoformat(),
                                                    "reason": reason}))


def complete(state: TaskState, on: dt.date) -> tuple[TaskState, Event]:
    """Mark the task done on ``on``; a pending extension lapses."""
    if state.status is Status.PROPOSED:
        raise Refused("Nhiệm vụ chưa được xác nhận; hãy xác nhận (`task accept`) trước khi báo hoàn thành.")
    _require_active(state, "báo hoàn thành")
    _not_before_assignment(state, on, "Ngày hoàn thành")
    data = {"due": _iso(state.due)}
    if state.pending_to:
        data["lapsed_extension"] = state.pending_to.isoformat()
    return (replace(state, status=Status.DONE, completed_on=on, pending_to=None, pending_reason=None),
            Event(EventKind.COMPLETED, on, data))


def set_deadline(state: TaskState, due: dt.date | None) -> tuple[TaskState, Event]:
    """Correct the deadline (an extraction error, not an extension): both dates change."""
    if state.status is Status.DONE:
        raise Refused("Nhiệm vụ đã hoàn thành; mở lại (`task reopen`) trước khi sửa hạn.")
    if state.pending_to is not None:
        raise Refused("Đang có đề nghị gia hạn chờ quyết định; hãy xử lý trước khi sửa hạn.")
    event = Event(EventKind.EDITED, data={"field": "deadline", "before": _iso(state.due),
                                          "after": _iso(due)})
    return replace(state, due=due, original_due=due), event


def _require_active(state: TaskState, what: str) -> None:
    if state.status is Status.PROPOSED:
        raise Refused(f"Nhiệm vụ chưa được xác nhận (`task accept`), chưa thể {what}.")
    if state.status not in ACTIVE:
        raise Refused(f"Nhiệm vụ đang ở trạng thái “{state.status.label}”, không thể {what}.")


def _not_before_assignment(state: TaskState, on: dt.date, what: str) -> None:
    if state.assigned_on and on < state.assigned_on:
        raise BadInput(f"{what} {_vn(on)} trước ngày giao nhiệm vụ {_vn(state.assigned_on)}.")


def _required(text: str | None, what: str) -> str:
    if not (text or "").strip():
        raise BadInput(f"Thiếu {what}.")
    return " ".join(text.split())


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _vn(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")
