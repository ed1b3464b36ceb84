"""REST API ``/api/v1``: the same operations and roles as the pages, with bearer tokens."""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, HTTPException, Query, Request, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy import select

from chidao.store import documents as docs
from chidao.store.models import DocumentRow
from chidao.tracking.lifecycle import Status
from chidao.web import scope
from chidao.web.deps import Ctx, api_ctx, valid_id
from chidao.web.queries import TaskFilter, TaskItem, conditions, task_page
from chidao.web.routes.search import visible_hits
from chidao.web.timeliness import KEYS
from chidao.web.uploads import ingest_upload

router = APIRouter(tags=["v1"])


class Report(BaseModel):
    text: str = Field(min_length=1, max_length=10_000)
    on: dt.date | None = None


class Extension(BaseModel):
    to: dt.date
    reason: str = Field(min_length=1, max_length=5_000)


class Approval(BaseModel):
    decision: str | None = Field(default=None, max_length=500)


class Refusal(BaseModel):
    reason: str = Field(min_length=1, max_length=5_000)
    on: dt.date | None = None


class Reopening(BaseModel):
    reason: str = Field(min_length=1, max_length=5_000)


class Completion(BaseModel):
    on: dt.date | None = None


class Update(BaseModel):
    assignees: list[str] | None = Field(default=None, max_length=50)
    coordinators: list[str] | None = Field(default=None, max_length=50)
    action: str | None = Field(default=None, max_length=10_000)
    deadline: dt.date | None = None
    clear_deadline: bool = False


def _task(i: TaskItem) -> dict:
    return {"id": i.id, "document_id": i.document_id, "document": i.doc_label, "action": i.action,
            "status": i.status, "due_date": i.due_date, "original_due_date": i.original_due_date,
            "completed_on": i.completed_on, "extension_asked_to": i.extension_asked_to,
            "assignees": [n for n, _ in i.assignees], "coordinators": [n for n, _ in i.coordinators]}


def _document(d: DocumentRow) -> dict:
    return {"id": d.id, "source_name": d.source_name, "type": d.doc_type, "number": d.number,
            "date": d.doc_date, "issuer": d.issuer, "subject": d.subject, "version": d.version,
            "superseded_by": d.superseded_by_id}


@router.get("/documents")
def list_documents(ctx: Ctx = Depends(api_ctx), limit: int = Query(50, ge=1, le=500),
                   offset: int = Query(0, ge=0, le=10_000_000)):
    with ctx.store.read() as session:
        q = select(DocumentRow)
        cond = scope.document_condition(ctx.bodies, DocumentRow.id)
        if cond is not None:
            q = q.where(cond)
        return [_document(d) for d in session.scalars(q.order_by(DocumentRow.id.desc()).offset(offset).limit(limit))]


@router.post("/documents")
async def upload(request: Request, files: list[UploadFile], ctx: Ctx = Depends(api_ctx)):
    ctx.require(ctx.user.can_review)
    limit = request.app.state.max_upload
    return {"results": [ingest_upload(ctx.store, f.filename, await f.read(limit + 1), ctx.user.name, limit).as_dict()
                        for f in files]}


def _doc(ctx: Ctx, document_id: int) -> DocumentRow:
    ctx.document_or_404(document_id)
    with ctx.store.read() as session:
        return docs.get_document(session, document_id)


@router.get("/documents/{document_id}")
def get_document(document_id: int, ctx: Ctx = Depends(api_ctx)):
    return _document(_doc(ctx, document_id))


@router.get("/documents/{document_id}/text")
def document_text(document_id: int, ctx: Ctx = Depends(api_ctx)):
    return {"id": document_id, "text": _doc(ctx, document_id).text}


@router.get("/documents/{document_id}/extraction")
def document_extraction(document_id: int, ctx: Ctx = Depends(api_ctx)):
    from chidao.extract.pipeline import extract
    doc = _doc(ctx, document_id)
    return extract(doc.text, source=doc.source_name).to_dict()


@router.get("/tasks")
def list_tasks(ctx: Ctx = Depends(api_ctx), body: str | None = None, status: Status | None = None,
               timeliness: str | None = Query(None, description=", ".join(KEYS)),
               due_from: dt.date | None = None, due_to: dt.date | None = None,
               document_id: int | None = Query(None, ge=1, le=2**31 - 1), q: str | None = Query(None, max_length=200),
               page: int = Query(1, ge=1, le=100_000), per_page: int = Query(50, ge=1, le=500)):
    if timeliness is not None and timeliness not in KEYS:
        raise HTTPException(422, f"timeliness phải là một trong: {', '.join(KEYS)}.")
    f = TaskFilter(body=body, status=status.value if status else None, timeliness=timeliness,
                   due_from=due_from, due_to=due_to, document_id=document_id, q=q)
    with ctx.store.read() as session:
        items, total = task_page(session, conditions(session, f, ctx.bodies, ctx.registry, ctx.today),
                                 "due", page, per_page)
    return {"total": total, "page": page, "items": [_task(i) for i in items]}


def _detail(ctx: Ctx, task_id: int) -> dict:
    ctx.task_or_404(task_id)
    d = ctx.tracker().task(task_id)
    line = d.line
    return {"id": line.id, "document_id": line.document_id, "action": line.action, "status": line.status,
            "due_date": line.due_date, "original_due_date": line.original_due_date,
            "completed_on": line.completed_on, "extension_asked_to": line.extension_asked_to,
            "assignees": [n for n, _ in line.assignees], "coordinators": [n for n, _ in line.coordinators],
            "source": d.document.text[d.start:d.end], "start": d.start, "end": d.end,
            "events": [{"kind": e.kind, "at": e.at, "actor": e.actor, "on": e.on_date, "data": e.data}
                       for e in d.events]}


def _id(task_id: int) -> int:
    if not valid_id(task_id):
        raise HTTPException(404, f"Không có nhiệm vụ #{task_id}.")
    return task_id


@router.get("/tasks/{task_id}")
def get_task(task_id: int, ctx: Ctx = Depends(api_ctx)):
    return _detail(ctx, _id(task_id))


def _do(ctx: Ctx, task_id: int, allowed: bool, run) -> dict:
    ctx.task_or_404(_id(task_id))
    ctx.require(allowed)
    run(ctx.tracker())
    return _detail(ctx, task_id)


@router.post("/tasks/{task_id}/accept")
def accept(task_id: int, ctx: Ctx = Depends(api_ctx)):
    return _do(ctx, task_id, ctx.user.can_review, lambda t: t.accept(task_id))


@router.patch("/tasks/{task_id}")
def update(task_id: int, body: Update, ctx: Ctx = Depends(api_ctx)):
    deadline = None if body.clear_deadline else (body.deadline if body.deadline else "keep")
    return _do(ctx, task_id, ctx.user.can_review, lambda t: t.update(
        task_id, deadline=deadline, assignees=body.assignees, coordinators=body.coordinators, action=body.action))


@router.post("/tasks/{task_id}/report")
def report(task_id: int, body: Report, ctx: Ctx = Depends(api_ctx)):
    return _do(ctx, task_id, ctx.user.can_report, lambda t: t.report(task_id, body.text, body.on))


@router.post("/tasks/{task_id}/extend")
def extend(task_id: int, body: Extension, ctx: Ctx = Depends(api_ctx)):
    return _do(ctx, task_id, ctx.user.can_report, lambda t: t.extend(task_id, body.to, body.reason))


@router.post("/tasks/{task_id}/approve")
def approve(task_id: int, body: Approval | None = None, ctx: Ctx = Depends(api_ctx)):
    decision = body.decision if body else None
    return _do(ctx, task_id, ctx.user.can_review, lambda t: t.approve_extension(task_id, decision))


@router.post("/tasks/{task_id}/refuse-extension")
def refuse_extension(task_id: int, body: Refusal, ctx: Ctx = Depends(api_ctx)):
    return _do(ctx, task_id, ctx.user.can_review, lambda t: t.refuse_extension(task_id, body.reason, body.on))


@router.post("/tasks/{task_id}/reopen")
def reopen(task_id: int, body: Reopening, ctx: Ctx = Depends(api_ctx)):
    return _do(ctx, task_id, ctx.user.can_review, lambda t: t.reopen(task_id, body.reason))


@router.post("/tasks/{task_id}/complete")
def complete(task_id: int, body: Completion | None = None, ctx: Ctx = Depends(api_ctx)):
    on = body.on if body else None
    return _do(ctx, task_id, ctx.user.can_report, lambda t: t.done(task_id, on))


@router.get("/bodies")
def bodies(ctx: Ctx = Depends(api_ctx)):
    return [{"id": b.id, "name": b.name, "level": b.level, "valid_from": b.valid_from, "valid_to": b.valid_to}
            for b in ctx.registry.bodies]


@router.get("/search")
def search(q: str = Query(..., min_length=1, max_length=200), ctx: Ctx = Depends(api_ctx)):
    return [{"kind": h.kind, "id": h.id, "document_id": h.document_id, "title": h.title,
             "snippet": h.snippet.text, "marks": h.snippet.marks} for h in visible_hits(ctx, q)]


@router.get("/stats")
def stats(request: Request, ctx: Ctx = Depends(api_ctx)):
    board = request.app.state.boards.get(ctx.store, ctx.bodies, ctx.today, ctx.registry)
    return {"as_of": ctx.today, "counts": board.counts,
            "overdue_by_body": [{"body_id": b, "name": n, "overdue": c} for b, n, c in board.overdue_by_body],
            "completion": [{"body_id": b, "name": n, "tasks": t, "done": d} for b, n, t, d in board.completion]}
