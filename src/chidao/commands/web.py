"""``chidao serve`` (the web application) and ``chidao user add`` / ``chidao user token``."""
from __future__ import annotations

from typing import Optional

import typer

user_app = typer.Typer(help="Người dùng của ứng dụng web.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(user_app, name="user")


def serve(host: str = typer.Option("127.0.0.1", "--host", help="Địa chỉ lắng nghe"),
          port: int = typer.Option(8000, "--port", help="Cổng")) -> None:
    """Chạy ứng dụng web (giao diện và API /api/v1)."""
    import uvicorn

    from chidao.web.app import create_app
    uvicorn.run(create_app(), host=host, port=port, proxy_headers=True)


def _fail(message: str) -> None:
    typer.secho(message, fg="red", err=True)
    raise typer.Exit(1)


@user_app.command("add")
def user_add(name: str = typer.Argument(..., help="Tên đăng nhập"),
             role: str = typer.Option(..., "--role", help="admin | clerk | officer | leader"),
             body: Optional[str] = typer.Option(None, "--body", help="Cơ quan (tên hoặc mã) của cán bộ"),
             password: Optional[str] = typer.Option(None, "--password", help="Mật khẩu (mặc định: hỏi)")) -> None:
    """Thêm người dùng."""
    from chidao.store.db import open_store
    from chidao.store.errors import StoreError
    from chidao.tracking.errors import TrackingError
    from chidao.web import accounts
    if role not in {r.value for r in accounts.Role}:
        _fail(f"Vai trò không hợp lệ: {role} (admin, clerk, officer, leader).")
    if password is None:
        password = typer.prompt("Mật khẩu", hide_input=True, confirmation_prompt=True)
    try:
        with open_store() as store:
            body_id = _body_id(store, body) if body else None
            user = accounts.add_user(store, name, role, password, body_id)
    except (TrackingError, StoreError) as e:
        _fail(str(e))
    typer.echo(f"Đã tạo người dùng {user.name} ({user.role.label}{', ' + body_id if body_id else ''}).")


def _body_id(store, body: str) -> str:
    from chidao.registry import load
    from chidao.tracking.bodies import resolve_name
    from chidao.tracking.errors import BadInput
    registry = load()
    if body in {b.id for b in registry.bodies}:
        return body
    named = resolve_name(store, registry, body)
    if not named.body_id:
        raise BadInput(f"“{body}” không phải một cơ quan trong danh mục.")
    return named.body_id


@user_app.command("token")
def user_token(name: str = typer.Argument(..., help="Tên đăng nhập")) -> None:
    """Tạo mã truy cập API cho người dùng (in ra một lần)."""
    from chidao.store.db import open_store
    from chidao.tracking.errors import TrackingError
    from chidao.web import accounts
    try:
        with open_store() as store:
            typer.echo(accounts.issue_token(store, name))
    except TrackingError as e:
        _fail(str(e))
