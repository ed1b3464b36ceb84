"""Tasks: the filtered list with exports, the review queue, a task's page and its actions."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import Response

from chidao.store import documents as docs
from chidao.store.models import TaskRow
from chidao.tracking.errors import TrackingError
from chidao.tracking.inputs import parse_date, parse_optional_date
from chidao.tracking.lifecycle import Status
from chidao.web import export
from chidao.web.auth import check_csrf
from chidao.web.deps import Ctx, page_ctx, valid_id
from chidao.web.queries import TaskFilter, all_tasks, conditions, task_page
from chidao.web.render import page, redirect
from chidao.web.timeliness import KEYS

router = APIRouter()
PER_PAGE = 50


def _filter(request: Request) -> TaskFilter:
    """The list's filters from the query string; a bad value is a 422 with its name."""
    p = request.query_params
    status = p.get("status") or None
    if status and status not in {s.value for s in Status}:
        raise HTTPException(422, f"Trạng thái không hợp lệ: “{status}”.")
    timeliness = p.get("timeliness") or None
    if timeliness and timeliness not in KEYS:
        raise HTTPException(422, f"Tình trạng thời hạn không hợp lệ: “{timeliness}”.")
    try:
        due_from = parse_date(p["due_from"], "Hạn từ ngày") if p.get("due_from") else None
        due_to = parse_date(p["due_to"], "Hạn đến ngày") if p.get("due_to") else None
        document_id = int(p["document"]) if p.get("document") else None
        if document_id is not None and not valid_id(document_id):
            raise ValueError(document_id)
    except (TrackingError, ValueError) as e:
        raise HTTPException(422, str(e) if isinstance(e, TrackingError) else "Số văn bản không hợp lệ.") from None
    return TaskFilter(body=p.get("body") or None, status=status, timeliness=timeliness, due_from=due_from,
                      due_to=due_to, document_id=document_id, q=p.get("q") or None, sort=p.get("sort") or "due")


def _page_no(request: Request) -> int:
    try:
        return min(100_000, max(1, int(request.query_params.get("page", "1"))))
    except ValueError:
        return 1


@router.get("/tasks")
def task_list(request: Request, ctx: Ctx = Depends(page_ctx)):
    f = _filter(request)
    number = _page_no(request)
    with ctx.store.read() as session:
        items, total = task_page(session, conditions(session, f, ctx.bodies, ctx.registry, ctx.today),
                                 f.sort, number, PER_PAGE)
    args = {k: v for k, v in request.query_params.items() if k != "page" and v}
    return page(request, "tasks.html", items=items, total=total, f=f, page_no=number, per_page=PER_PAGE,
                args=args, query=urlencode(args), bodies=_body_choices(ctx))


@router.get("/tasks/export.{fmt}")
def task_export(request: Request, fmt: str, ctx: Ctx = Depends(page_ctx)):
    if fmt not in ("csv", "xlsx"):
        raise HTTPException(404, "Chỉ xuất được CSV hoặc XLSX.")
    f = _filter(request)
    with ctx.store.read() as session:
        items = all_tasks(session, conditions(session, f, ctx.bodies, ctx.registry, ctx.today), f.sort)
    data, media = export.csv_bytes(items) if fmt == "csv" else export.xlsx_bytes(items)
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="nhiem-vu.{fmt}"'})


@router.get("/review")
def review_queue(request: Request, ctx: Ctx = Depends(page_ctx)):
    with ctx.store.read() as session:
        f = TaskFilter(status=Status.PROPOSED.value, sort="document")
        items, total = task_page(session, conditions(session, f, ctx.bodies, ctx.registry, ctx.today),
                                 f.sort, _page_no(request), PER_PAGE)
    return page(request, "review.html", items=items, total=total)


@router.get("/tasks/{task_id}")
def task_detail(request: Request, task_id: int, ctx: Ctx = Depends(page_ctx)):
    ctx.task_or_404(task_id)
    detail = ctx.tracker().task(task_id)
    with ctx.store.read() as session:
        row = session.get(TaskRow, task_id)
        source = detail.document.text[row.start:row.end]
        versions = docs.versions(session, detail.document)
    return page(request, "task.html", d=detail, line=detail.line, source=source, versions=versions,
                names=_names)


def _names(pairs) -> str:
    return "; ".join(n for n, _ in pairs)


def _body_choices(ctx: Ctx) -> list[tuple[str, str]]:
    return sorted(((b.id, b.name) for b in ctx.registry.bodies if b.valid_to is None), key=lambda x: x[1])


# --- actions --------------------------------------------------------------------------------

def _act(request: Request, ctx: Ctx, task_id: int, token: str, allowed: bool, run, done: str,
         back: str | None = None):
    check_csrf(request, token)
    ctx.task_or_404(task_id)
    ctx.require(allowed)
    url = back if back and back.startswith("/") and not back.startswith("//") else f"/tasks/{task_id}"
    try:
        run(ctx.tracker())
    except TrackingError as e:
        return redirect(request, url, str(e), error=True)
    return redirect(request, url, done)


@router.post("/tasks/{task_id}/accept")
def accept(request: Request, task_id: int, csrf_token: str = Form(""), back: str = Form(""),
           ctx: Ctx = Depends(page_ctx)):
    return _act(request, ctx, task_id, csrf_token, ctx.user.can_review, lambda t: t.accept(task_id),
                f"Đã xác nhận nhiệm vụ #{task_id}.", back)


@router.post("/tasks/{task_id}/reject")
def reject(request: Request, task_id: int, reason: str = Form(""), csrf_token: str = Form(""),
           back: str = Form(""), ctx: Ctx = Depends(page_ctx)):
    return _act(request, ctx, task_id, csrf_token, ctx.user.can_review, lambda t: t.reject(task_id, reason),
                f"Đã bỏ theo dõi nhiệm vụ #{task_id}.", back)


@router.post("/tasks/{task_id}/edit")
def edit(request: Request, task_id: int, assignees: str = Form(""), coordinators: str = Form(""),
         action: str = Form(""), deadline: str = Form(""), csrf_token: str = Form(""),
         ctx: Ctx = Depends(page_ctx)):
    def run(t):
        line = t.task(task_id).line
        new_a = _split(assignees)
        new_c = _split(coordinators)
        old_due = line.due_date.isoformat() if line.due_date else ""
        due = "keep" if deadline.strip() == old_due else parse_optional_date(deadline.strip() or "-", "Hạn")
        t.update(task_id, deadline=due,
                 assignees=new_a if new_a != [n for n, _ in line.assignees] else None,
                 coordinators=new_c if new_c != [n for n, _ in line.coordinators] else None,
                 action=action if action.strip() and " ".join(action.split()) != line.action else None)
    return _act(request, ctx, task_id, csrf_token, ctx.user.can_review, run, f"Đã sửa nhiệm vụ #{task_id}.")


def _split(value: str) -> list[str]:
    return [n.strip() for n in value.replace("\n", ";").split(";") if n.strip()]


@router.post("/tasks/{task_id}/report")
def report(request: Request, task_id: int, text: str = Form(""), csrf_token: str = Form(""),
           ctx: Ctx = Depends(page_ctx)):
    return _act(request, ctx, task_id, csrf_token, ctx.user.can_report, lambda t: t.report(task_id, text),
                "Đã ghi báo cáo tiến độ.")


@router.post("/tasks/{task_id}/extend")
def extend(request: Request, task_id: int, to: str = Form(""), reason: str = Form(""),
           csrf_token: str = Form(""), ctx: Ctx = Depends(page_ctx)):
    return _act(request, ctx, task_id, csrf_token, ctx.user.can_report,
                lambda t: t.extend(task_id, parse_date(to, "Hạn đề nghị"), reason), "Đã gửi đề nghị gia hạn.")


@router.post("/tasks/{task_id}/approve")
def approve(request: Request, task_id: int, decision: str = Form(""), csrf_token: str = Form(""),
            ctx: Ctx = Depends(page_ctx)):
    return _act(request, ctx, task_id, csrf_token, ctx.user.can_review,
                lambda t: t.approve_extension(task_id, decision.strip() or None), "Đã đồng ý gia hạn.")


@router.post("/tasks/{task_id}/refuse")
def refuse(request: Request, task_id: int, reason: str = Form(""), csrf_token: str = Form(""),
           ctx: Ctx = Depends(page_ctx)):
    return _act(request, ctx, task_id, csrf_token, ctx.user.can_review,
                lambda t: t.refuse_extension(task_id, reason), "Đã từ chối gia hạn.")


@router.post("/tasks/{task_id}/done")
def complete(request: Request, task_id: int, on: str = Form(""), csrf_token: str = Form(""),
             ctx: Ctx = Depends(page_ctx)):
    return _act(request, ctx, task_id, csrf_token, ctx.user.can_report,
                lambda t: t.done(task_id, parse_date(on, "Ngày hoàn thành") if on.strip() else dt.date.today()),
                "Đã ghi nhận hoàn thành.")
