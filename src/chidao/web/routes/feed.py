"""``/lich/{token}.ics``: a body's open task deadlines as an iCalendar feed;
``/lich/nguoi-dung/{token}.ics``: those of the tasks a user sees.

No login: the token in the address is the secret (see ``chidao.reminders.ics``); a
calendar client subscribes to the address. A wrong token is a 404, like a missing page.
"""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from chidao.reminders.ics import body_for_token, calendar, deadlines_in, open_deadlines, user_for_token
from chidao.web.accounts import get_user, list_users
from chidao.web.auth import secret_key
from chidao.web.scope import visible_bodies

router = APIRouter()


@router.get("/lich/{token}.ics")
def body_feed(request: Request, token: str):
    state = request.app.state
    body_id = body_for_token(secret_key(state.store.settings.data_dir), state.registry, token) \
        if len(token) == 32 else None
    if body_id is None:
        raise HTTPException(404, "Không có lịch này.")
    today = dt.date.today()
    body = state.registry.body(body_id)
    text = calendar(body.name, open_deadlines(state.store, state.registry, body_id, today), today)
    return _ics(text)


@router.get("/lich/nguoi-dung/{token}.ics")
def user_feed(request: Request, token: str):
    state = request.app.state
    user = user_for_token(secret_key(state.store.settings.data_dir), list_users(state.store), token) \
        if len(token) == 32 else None
    if user is None or get_user(state.store, user.id) is None:  # unknown, or deactivated
        raise HTTPException(404, "Không có lịch này.")
    today = dt.date.today()
    lines = deadlines_in(state.store, visible_bodies(user, state.registry, today), coordinating=True)
    return _ics(calendar(user.name, lines, today))


def _ics(text: bytes) -> Response:
    return Response(text, media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=300",
                             "Content-Disposition": 'inline; filename="lich.ics"'})
