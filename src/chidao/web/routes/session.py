"""Signing in and out, with throttling of failed attempts."""
from __future__ import annotations

from fastapi import APIRouter, Form, Request

from chidao.web import accounts
from chidao.web.auth import check_csrf, session_of
from chidao.web.render import page, redirect
from chidao.web.security import new_csrf_token

router = APIRouter()
TOO_MANY = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."


def _next(url: str | None) -> str:
    return url if url and url.startswith("/") and not url.startswith("//") else "/"


@router.get("/login")
def login_form(request: Request, next: str | None = None):
    return page(request, "login.html", next=_next(next))


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""),
          csrf_token: str = Form(""), next: str = Form("/")):
    check_csrf(request, csrf_token)
    throttle = request.app.state.throttle
    key = f"{username.strip().lower()}|{request.client.host if request.client else '?'}"
    if throttle.blocked(key):
        return page(request, "login.html", status_code=429, error=TOO_MANY, next=_next(next))
    user = accounts.authenticate(request.app.state.store, username.strip(), password)
    if user is None:
        throttle.fail(key)
        return page(request, "login.html", status_code=401, next=_next(next),
                    error="Tên đăng nhập hoặc mật khẩu không đúng.")
    throttle.clear(key)
    session = session_of(request)
    session.clear()
    session.update(uid=user.id, csrf=new_csrf_token())
    return redirect(request, _next(next))


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")):
    check_csrf(request, csrf_token)
    session = session_of(request)
    session.clear()
    session["csrf"] = new_csrf_token()
    return redirect(request, "/login", "Đã đăng xuất.")
