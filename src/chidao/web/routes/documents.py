"""Documents: list, upload, the text with its tasks and citations, adding a missed task."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse
from sqlalchemy import func, select

from chidao.store import documents as docs
from chidao.store.models import DocumentRow, TaskRow
from chidao.tracking.errors import BadInput, NotFound
from chidao.tracking.inputs import parse_optional_date
from chidao.web import scope
from chidao.web.auth import check_csrf
from chidao.web.deps import Ctx, page_ctx
from chidao.web.highlight import Span, deadline_spans, render
from chidao.web.missed import add_task
from chidao.web.render import page, redirect
from chidao.web.uploads import ingest_upload

router = APIRouter()
PER_PAGE = 50


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.replace("\n", ";").split(";") if n.strip()]


@router.get("/documents")
def document_list(request: Request, doc_type: str | None = None, page_no: int = Query(1, ge=1, le=100_000),
                  ctx: Ctx = Depends(page_ctx)):
    with ctx.store.read() as session:
        q = select(DocumentRow.id, DocumentRow.doc_type, DocumentRow.number, DocumentRow.doc_date,
                   DocumentRow.subject, DocumentRow.source_name, DocumentRow.superseded_by_id)
        cond = scope.document_condition(ctx.bodies, DocumentRow.id)
        if cond is not None:
            q = q.where(cond)
        if doc_type:
            q = q.where(DocumentRow.doc_type == doc_type)
        rows = session.execute(q.order_by(DocumentRow.id.desc()).offset((max(page_no, 1) - 1) * PER_PAGE)
                               .limit(PER_PAGE)).all()
        counts = dict(session.execute(select(TaskRow.document_id, func.count())
                                      .where(TaskRow.document_id.in_([r.id for r in rows]))
                                      .group_by(TaskRow.document_id)).all())
        types = [t for (t,) in session.execute(select(DocumentRow.doc_type).distinct()) if t]
    return page(request, "documents.html", rows=rows, counts=counts, types=sorted(types),
                doc_type=doc_type, page_no=page_no, per_page=PER_PAGE)


@router.post("/documents/upload")
async def upload(request: Request, files: list[UploadFile], csrf_token: str = Form(""),
                 ctx: Ctx = Depends(page_ctx)):
    check_csrf(request, csrf_token)
    ctx.require(ctx.user.can_review)
    limit = request.app.state.max_upload
    results = []
    for f in files:
        data = await f.read(limit + 1)
        results.append(ingest_upload(ctx.store, f.filename, data, ctx.user.name, limit))
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"results": [r.as_dict() for r in results]})
    return page(request, "uploaded.html", results=results)


@router.get("/documents/{document_id}")
def document_page(request: Request, document_id: int, ctx: Ctx = Depends(page_ctx)):
    ctx.document_or_404(document_id)
    with ctx.store.read() as session:
        doc = docs.get_document(session, document_id)
        refs = docs.cites(session, document_id)
        back = docs.cited_by(session, document_id)
        where = [TaskRow.document_id == document_id]
        cond = scope.task_condition(ctx.bodies)
        if cond is not None:
            where.append(cond)
        tasks = list(session.scalars(select(TaskRow).where(*where).order_by(TaskRow.position)))
    spans = [Span(t.start, t.end, "task", t.id) for t in tasks]
    spans += [Span(r.start, r.end, "ref", r.target_id) for r in refs]
    spans += deadline_spans(doc.text, [(t.id, t.start, t.end, t.deadline_text) for t in tasks])
    return page(request, "document.html", doc=doc, refs=refs, back=back, tasks=tasks,
                html=render(doc.text, spans))


@router.post("/documents/{document_id}/tasks")
def add_missed(request: Request, document_id: int, start: int = Form(...), end: int = Form(...),
               assignees: str = Form(""), coordinators: str = Form(""), deadline: str = Form(""),
               csrf_token: str = Form(""), ctx: Ctx = Depends(page_ctx)):
    check_csrf(request, csrf_token)
    ctx.require(ctx.user.can_review)
    ctx.document_or_404(document_id)
    try:
        due = parse_optional_date(deadline.strip()) if deadline.strip() else None
        task_id = add_task(ctx.tracker(), document_id, start, end, _names(assignees), _names(coordinators), due)
    except (BadInput, NotFound) as e:
        return redirect(request, f"/documents/{document_id}", str(e), error=True)
    return redirect(request, f"/tasks/{task_id}", f"Đã thêm nhiệm vụ #{task_id}.")
