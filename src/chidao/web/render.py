"""Rendering pages: one Jinja2 environment (autoescaped), the session cookie kept fresh."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader

from chidao.tracking.lifecycle import EVENT_LABELS, STATUS_LABELS, EventKind, Status
from chidao.web.auth import session_of
from chidao.web.timeliness import LABELS as TIMELINESS_LABELS

TEMPLATES = Path(__file__).parent / "templates"


def _vn(d: dt.date | dt.datetime | None) -> str:
    if d is None:
        return ""
    return d.strftime("%d/%m/%Y %H:%M") if isinstance(d, dt.datetime) else d.strftime("%d/%m/%Y")


def status_label(value: str) -> str:
    try:
        return STATUS_LABELS[Status(value)]
    except ValueError:
        return value


def _event(value: str) -> str:
    try:
        return EVENT_LABELS[EventKind(value)]
    except ValueError:
        return value


def make_env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters.update(vn=_vn, status=status_label, event=_event)
    env.globals.update(timeliness_labels=TIMELINESS_LABELS, status_labels=STATUS_LABELS,
                       urlencode=urlencode)
    return env


def page(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    """Render ``template`` with the user, CSRF token and flash message of the session."""
    session = session_of(request)
    flash = session.pop("flash", None)
    html = request.app.state.env.get_template(template).render(
        request=request, user=getattr(request.state, "user", None), csrf=session["csrf"],
        flash=flash, **context)
    response = HTMLResponse(html, status_code=status_code)
    request.app.state.sessions.save(request, response, session)
    return response


def redirect(request: Request, url: str, flash: str | None = None, error: bool = False) -> RedirectResponse:
    """A 303 to ``url`` carrying an optional one-time message."""
    session = session_of(request)
    if flash:
        session["flash"] = {"text": flash, "error": error}
    response = RedirectResponse(url, status_code=303)
    request.app.state.sessions.save(request, response, session)
    return response
