"""The dashboard: counts by timeliness, overdue by body, due soon, completion per body."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from chidao.web.chart import completion_chart
from chidao.web.deps import Ctx, page_ctx
from chidao.web.render import page

router = APIRouter()


@router.get("/")
def home(request: Request, ctx: Ctx = Depends(page_ctx)):
    board = request.app.state.boards.get(ctx.store, ctx.bodies, ctx.today, ctx.registry)
    return page(request, "dashboard.html", board=board, chart=completion_chart(board.completion))



