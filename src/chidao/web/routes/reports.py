"""Report pages and downloads (``/bao-cao/tuan``, ``/bao-cao/ky``) and their JSON under ``/api/v1/reports``:
the weekly direction digest and the periodic task report, from the builders of :mod:`chidao.reports`.
Every logged-in role may read them."""
from __future__ import annotations

import datetime as dt
import io
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from chidao.reports import digest as digests
from chidao.reports.period import PeriodReport, percent, period_report
from chidao.reports.svg import rate_chart_svg
from chidao.web.deps import Ctx, api_ctx, page_ctx
from chidao.web.render import page

router = APIRouter()
api_router = APIRouter(tags=["v1"])

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _parse(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{name} không hợp lệ: “{value}” (cần YYYY-MM-DD).") from None


def _checked(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    if end < start:
        raise HTTPException(422, f"Khoảng thời gian ngược: từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}.")
    return start, end


def _page_range(tu: str | None, den: str | None, today: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """The range asked for; by default this week (Monday to Sunday) or the last ``days`` days."""
    start, end = _parse(tu, "Từ ngày"), _parse(den, "Đến ngày")
    if days == 7:
        monday = today - dt.timedelta(days=today.weekday())
        start = start or (end - dt.timedelta(days=6) if end else monday)
        end = end or start + dt.timedelta(days=6)
    else:
        start = start or (end.replace(day=1) if end else today.replace(day=1))
        end = end or today
    return _checked(start, end)


def _download(data: bytes, media: str, name: str) -> Response:
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


# --- the weekly digest ----------------------------------------------------------------------------

def _digest_article(digest: digests.Digest) -> str:
    """The digest's own HTML rendering (escaped by it), without its page wrapper."""
    html = digests.render_html(digest)
    return html[html.index("<article"):html.index("</article>") + len("</article>")]


@router.get("/bao-cao/tuan")
def weekly_page(request: Request, tu: str | None = None, den: str | None = None, ctx: Ctx = Depends(page_ctx)):
    start, end = _page_range(tu, den, ctx.today, 7)
    digest = digests.digest_from_store(ctx.store, start, end)
    query = urlencode({"tu": start.isoformat(), "den": end.isoformat()})
    return page(request, "report_weekly.html", digest=digest, article=_digest_article(digest),
                start=start, end=end, query=query)


@router.get("/bao-cao/tuan.docx")
def weekly_docx(tu: str | None = None, den: str | None = None, ctx: Ctx = Depends(page_ctx)):
    start, end = _page_range(tu, den, ctx.today, 7)
    buffer = io.BytesIO()
    digests.digest_document(digests.digest_from_store(ctx.store, start, end)).save(buffer)
    return _download(buffer.getvalue(), DOCX, f"chi-dao-tuan-{start}-{end}.docx")


def digest_json(digest: digests.Digest) -> dict:
    return {"from": digest.start.isoformat(), "to": digest.end.isoformat(), "title": digest.title,
            "headline": digest.headline,
            "documents": [{"id": i.document_id, "type": i.doc_type, "number": i.number, "date": i.date_text,
                           "issuer": i.issuer, "subject": i.subject, "signer": i.signer, "citation": i.citation,
                           "headline": i.headline, "intro": i.intro, "directed_by": i.directed_by,
                           "tasks": [{"id": t.task_id, "assignees": t.assignees, "coordinators": t.coordinators,
                                      "action": t.action, "due": t.due.isoformat() if t.due else None,
                                      "deadline": t.deadline, "sentence": t.sentence} for t in i.tasks]}
                          for i in digest.items],
            "counts": {"documents": len(digest.items), "tasks": sum(len(i.tasks) for i in digest.items)}}


@api_router.get("/reports/weekly")
def weekly_api(date_from: dt.date = Query(alias="from"), date_to: dt.date = Query(alias="to"),
               ctx: Ctx = Depends(api_ctx)):
    start, end = _checked(date_from, date_to)
    return digest_json(digests.digest_from_store(ctx.store, start, end))


# --- the period report ----------------------------------------------------------------------------

def _period(ctx: Ctx, start: dt.date, end: dt.date) -> PeriodReport:
    return period_report(ctx.store, ctx.registry, start, end)


@router.get("/bao-cao/ky")
def period_page(request: Request, tu: str | None = None, den: str | None = None, ctx: Ctx = Depends(page_ctx)):
    start, end = _page_range(tu, den, ctx.today, 0)
    report = _period(ctx, start, end)
    query = urlencode({"tu": start.isoformat(), "den": end.isoformat()})
    return page(request, "report_period.html", report=report, cur=report.current, total=report.current.total,
                chart=rate_chart_svg(report.current.rows), percent=percent, start=start, end=end, query=query)


@router.get("/bao-cao/ky.{fmt}")
def period_download(fmt: str, tu: str | None = None, den: str | None = None, ctx: Ctx = Depends(page_ctx)):
    if fmt not in ("xlsx", "docx"):
        raise HTTPException(404, "Chỉ tải được XLSX hoặc DOCX.")
    start, end = _page_range(tu, den, ctx.today, 0)
    report = _period(ctx, start, end)
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"bao-cao.{fmt}"
        if fmt == "xlsx":
            from chidao.reports.xlsx import write_xlsx
            write_xlsx(report, path)
        else:
            from chidao.reports.docx import write_docx
            write_docx(report, path)
        data = path.read_bytes()
    return _download(data, XLSX if fmt == "xlsx" else DOCX, f"bao-cao-ky-{start}-{end}.{fmt}")


def period_json(report: PeriodReport) -> dict:
    cur, prev = report.current, report.previous
    return {"from": cur.start.isoformat(), "to": cur.end.isoformat(), "as_of": cur.as_of.isoformat(),
            "tasks": cur.tasks, "bodies": [r.as_dict() for r in cur.rows], "total": cur.total.as_dict(),
            "overdue": [{"id": t.task_id, "bodies": t.bodies, "action": t.action, "source": t.source,
                         "due": t.due.isoformat(), "days_late": t.days_late} for t in report.overdue],
            "previous": {"from": prev.start.isoformat(), "to": prev.end.isoformat(), "tasks": prev.tasks,
                         "bodies": [r.as_dict() for r in prev.rows], "total": prev.total.as_dict()}}


@api_router.get("/reports/period")
def period_api(date_from: dt.date = Query(alias="from"), date_to: dt.date = Query(alias="to"),
               ctx: Ctx = Depends(api_ctx)):
    start, end = _checked(date_from, date_to)
    return period_json(_period(ctx, start, end))
