"""The search box: documents and tasks, diacritics-insensitive, with highlighted snippets."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from markupsafe import Markup, escape

from chidao.store.search import SearchFilters, search
from chidao.web import scope
from chidao.web.deps import Ctx, page_ctx
from chidao.web.render import page

router = APIRouter()


def marked(snippet) -> Markup:
    """The snippet as HTML with the matched words in ``<mark>``."""
    return Markup("").join(_pieces(snippet))


def _pieces(snippet):
    pos = 0
    for start, end in snippet.marks:
        yield escape(snippet.text[pos:start])
        yield Markup("<mark>{}</mark>").format(snippet.text[start:end])
        pos = end
    yield escape(snippet.text[pos:])


def visible_hits(ctx: Ctx, q: str, limit: int = 30):
    """Search hits the user may see."""
    with ctx.store.read() as session:
        hits = search(session, q, SearchFilters(), limit=limit * (3 if ctx.bodies is not None else 1))
        if ctx.bodies is not None:
            hits = [h for h in hits if (scope.sees_task(session, ctx.bodies, h.id) if h.kind == "task"
                                        else scope.sees_document(session, ctx.bodies, h.document_id))]
    return hits[:limit]


@router.get("/search")
def search_page(request: Request, q: str = "", ctx: Ctx = Depends(page_ctx)):
    hits = visible_hits(ctx, q) if q.strip() else []
    return page(request, "search.html", q=q, hits=hits, marked=marked)
