"""``/lich/{token}.ics``: a body's open task deadlines as an iCalendar feed.

No login: the token in the address is the secret (see ``chidao.reminders.ics``); a
calendar client subscribes to the address. A wrong token is a 404, like a missing page.
"""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from chidao.reminders.ics import body_for_token, calendar, open_deadlines
from chidao.web.auth import secret_key

router = APIRouter()


@router.get("/lich/{token}.ics")
def body_feed(request: Request, token: str):
    state = request.app.state
    body_id = body_for_token(secret_key(state.store.settings.data_dir), state.registry, token) if len(token) == 32 else None
    if body_id is None:
        raise HTTPException(404, "Không có lịch này.")
    today = dt.date.today()
    body = state.registry.body(body_id)
    text = calendar(body.name, open_deadlines(state.store, state.registry, body_id, today), today)
    return Response(text, media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=300",
                             "Content-Disposition": 'inline; filename="lich.ics"'})
