"""The registry of bodies: each with its successors and its tasks' completion rate."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request

from chidao.tracking.succession import held_by, holders
from chidao.web.deps import Ctx, page_ctx
from chidao.web.queries import TaskFilter, conditions, task_page
from chidao.web.render import page
from chidao.web.timeliness import KEYS

router = APIRouter()


@router.get("/bodies")
def body_list(request: Request, ctx: Ctx = Depends(page_ctx)):
    rows = sorted(ctx.registry.bodies, key=lambda b: (b.valid_to is not None, b.level, b.name))
    return page(request, "bodies.html", rows=rows, today=ctx.today)


@router.get("/bodies/{body_id:path}")
def body_page(request: Request, body_id: str, ctx: Ctx = Depends(page_ctx)):
    try:
        body = ctx.registry.body(body_id)
    except KeyError:
        raise HTTPException(404, f"Không có cơ quan “{body_id}”.") from None
    now = holders(ctx.registry, body_id, ctx.today)
    earlier = sorted(held_by(ctx.registry, body_id, ctx.today) - {body_id})
    counts = {}
    with ctx.store.read() as session:
        for key in KEYS:
            f = TaskFilter(body=body_id, timeliness=key)
            counts[key] = task_page(session, conditions(session, f, ctx.bodies, ctx.registry, ctx.today),
                                    "due", 1, 1)[1]
        f = TaskFilter(body=body_id)
        items, total = task_page(session, conditions(session, f, ctx.bodies, ctx.registry, ctx.today),
                                 "due", 1, 50)
    done = counts["done_on_time"] + counts["done_late"]
    tracked = sum(counts.values())
    return page(request, "body.html", body=body, now=[b for b in now if b.id != body_id],
                earlier=[ctx.registry.body(i) for i in earlier], counts=counts, items=items, total=total,
                rate=(done / tracked if tracked else None))
