"""User management (administrators only) and one's own API token."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request

from chidao.tracking.errors import TrackingError
from chidao.web import accounts
from chidao.web.accounts import Role
from chidao.web.auth import check_csrf
from chidao.web.deps import Ctx, page_ctx
from chidao.web.render import page, redirect

router = APIRouter()


@router.get("/admin/users")
def users(request: Request, ctx: Ctx = Depends(page_ctx)):
    ctx.require(ctx.user.role is Role.ADMIN)
    bodies = sorted(((b.id, b.name) for b in ctx.registry.bodies if b.valid_to is None), key=lambda x: x[1])
    return page(request, "users.html", users=accounts.list_users(ctx.store), roles=list(Role), bodies=bodies)


@router.post("/admin/users")
def add(request: Request, name: str = Form(""), role: str = Form(""), password: str = Form(""),
        body: str = Form(""), csrf_token: str = Form(""), ctx: Ctx = Depends(page_ctx)):
    check_csrf(request, csrf_token)
    ctx.require(ctx.user.role is Role.ADMIN)
    try:
        if role not in {r.value for r in Role}:
            raise accounts.BadInput("Vai trò không hợp lệ.")
        accounts.add_user(ctx.store, name, role, password, body or None)
    except TrackingError as e:
        return redirect(request, "/admin/users", str(e), error=True)
    return redirect(request, "/admin/users", f"Đã tạo người dùng “{name}”.")


@router.post("/account/token")
def token(request: Request, csrf_token: str = Form(""), ctx: Ctx = Depends(page_ctx)):
    check_csrf(request, csrf_token)
    value = accounts.issue_token(ctx.store, ctx.user.name, "web")
    return page(request, "token.html", token=value)
