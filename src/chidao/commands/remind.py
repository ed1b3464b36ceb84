"""``chidao remind``: đôn đốc by e-mail — each body gets one message listing its overdue
tasks and its tasks due within N days; each reminder is recorded on the task's history.

SMTP settings come from the environment (see ``chidao.reminders.mail``); addresses from an
address book (see ``chidao.reminders.addresses``) and ``--to NAME=ADDR``. Exit codes: 0 all
sent (or nothing to send); 1 some body has no address or a message failed; 2 bad input.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    app.command("remind")(remind)
    app.command("feed-url")(feed_url)


def _commands():
    from chidao.commands import tracking
    return tracking


def remind(dry_run: bool = typer.Option(False, "--dry-run", help="In ra thư sẽ gửi; không gửi, không ghi nhận"),
           within: int = typer.Option(7, "--within", min=0, help="Nhắc nhiệm vụ đến hạn trong N ngày tới"),
           as_of: Optional[str] = typer.Option(None, "--as-of", help="Tính đến ngày (mặc định hôm nay)"),
           addresses: Optional[Path] = typer.Option(None, "--addresses", help="Sổ địa chỉ YAML: cơ quan: địa chỉ"),
           to: list[str] = typer.Option([], "--to", help="TÊN=ĐỊA_CHỈ (lặp lại được)"),
           by: Optional[str] = typer.Option(None, "--by", help="Người gửi ghi vào lịch sử")) -> None:
    """Gửi thư đôn đốc: nhiệm vụ quá hạn và sắp đến hạn của từng cơ quan."""
    _commands().guarded(_remind)(dry_run, within, as_of, addresses, to, by)


def _remind(dry_run, within, as_of, addresses, to, by) -> None:
    import datetime as dt

    from chidao.registry import load
    from chidao.reminders import service
    from chidao.reminders.addresses import load_book
    from chidao.reminders.mail import Sender, SmtpSettings
    from chidao.tracking.service import current_user

    cmds = _commands()
    day = cmds._date(as_of, "Ngày tính") or dt.date.today()
    store = cmds._store()
    registry = load()
    book = load_book(registry, addresses, to, store.settings.data_dir)
    out = cmds._out()
    if dry_run:
        result = service.run(store, registry, book, as_of=day, within=within, send=None, actor=by or current_user())
        for o in result.outcomes:
            out.print(f"=== Gửi: {', '.join(o.recipients) or '(chưa có địa chỉ)'} — {o.batch.label}")
            out.print(f"Tiêu đề: {o.message.subject}\n")
            out.print(o.message.body)
        cmds._say("", f"{len(result.outcomes)} thư sẽ được gửi (chạy thử: không gửi, không ghi nhận).", "green")
        return
    settings = SmtpSettings.from_env()
    try:
        with Sender(settings) as sender:
            result = service.run(store, registry, book, as_of=day, within=within, send=sender.send,
                                 actor=by or current_user())
    except OSError as e:
        cmds._say("Máy chủ thư:", f"không kết nối được {settings.host}:{settings.port}: {e}")
        raise typer.Exit(cmds.REFUSED) from None
    for o in result.outcomes:
        n = len(o.batch.items)
        if o.status == "sent":
            out.print(f"✓ {o.batch.label}: {n} nhiệm vụ → {', '.join(o.recipients)}")
        elif o.status == "no-address":
            cmds._say("Chưa có địa chỉ:", f"{o.batch.label} ({o.batch.key}): {n} nhiệm vụ không được nhắc.", "yellow")
        else:
            cmds._say("Gửi lỗi:", f"{o.batch.label}: {o.error}")
    summary = f"Ngày {day:%d/%m/%Y}: đã gửi {result.count('sent')} thư"
    if result.count("no-address"):
        summary += f", {result.count('no-address')} cơ quan chưa có địa chỉ"
    if result.count("failed"):
        summary += f", {result.count('failed')} thư lỗi"
    cmds._say("", summary + ".", "green")
    if result.count("no-address") or result.count("failed"):
        raise typer.Exit(cmds.REFUSED)


def feed_url(body: Optional[str] = typer.Argument(None, help="Cơ quan (tên hoặc mã)"),
             user: Optional[str] = typer.Option(None, "--user", help="Lịch của một người dùng thay cho cơ quan"),
             base: str = typer.Option("", "--base", help="Địa chỉ gốc của ứng dụng web, vd https://chidao.example.vn")) -> None:
    """Địa chỉ bí mật của lịch (.ics) các hạn nhiệm vụ của một cơ quan (hoặc một người dùng)."""
    _commands().guarded(_feed_url)(body, user, base)


def _feed_url(body: str | None, user: str | None, base: str) -> None:
    from chidao.registry import load
    from chidao.reminders.ics import body_token, user_token
    from chidao.tracking.bodies import resolve_name
    from chidao.tracking.errors import BadInput
    from chidao.web.auth import secret_key

    if (body is None) == (user is None):
        raise BadInput("Cho biết một cơ quan (BODY) hoặc một người dùng (--user), không cả hai.")
    store = _commands()._store()
    secret = secret_key(store.settings.data_dir)
    if user is not None:
        from chidao.web.accounts import ensure_tables, list_users
        ensure_tables(store)
        found = next((u for u in list_users(store) if u.name == user), None)
        if found is None:
            raise BadInput(f"Không có người dùng “{user}”.")
        typer.echo(f"{base.rstrip('/')}/lich/nguoi-dung/{user_token(secret, found.id, found.name)}.ics")
        return
    registry = load()
    named = resolve_name(store, registry, body)
    if named.body_id is None:
        raise BadInput(f"“{named.name}” không có trong danh mục cơ quan; lịch chỉ có cho cơ quan trong danh mục.")
    typer.echo(f"{base.rstrip('/')}/lich/{body_token(secret, named.body_id)}.ics")
