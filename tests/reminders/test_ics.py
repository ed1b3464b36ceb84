"""The iCalendar feed of a body's open deadlines, fetched through the web app and parsed back."""
from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from chidao.store import tasks as store_tasks
from chidao.tracking.lifecycle import ACTIVE

TC, KHDT, BDT = "lang-son/so-tai-chinh", "lang-son/so-ke-hoach-va-dau-tu", "lang-son/ban-dan-toc-tinh"


@pytest.fixture
def client(store, loaded):
    from chidao.web.app import create_app
    return TestClient(create_app(store=store))


def _token(store, body_id):
    from chidao.reminders.ics import body_token
    from chidao.web.auth import secret_key
    return body_token(secret_key(store.settings.data_dir), body_id)


def _expected(store, body_ids):
    """Open tasks with a due date assigned to any of ``body_ids`` (read without the feed's code)."""
    with store.read() as session:
        lines = store_tasks.list_tasks(session, store_tasks.TaskQuery())
    return {line.id: line for line in lines
            if line.status in {s.value for s in ACTIVE} and line.due_date
            and any(b in body_ids for _, b in line.assignees)}


def _events(response):
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    for raw in response.content.split(b"\r\n"):
        assert len(raw) <= 75, raw  # RFC 5545 §3.1: lines folded at 75 octets
    cal = Calendar.from_ical(response.content)
    return cal, {int(str(e["uid"]).removeprefix("task-").removesuffix("@chidao")): e for e in cal.walk("VEVENT")}


def test_feed_lists_the_open_deadlines_of_the_body_and_of_the_bodies_it_holds(client, store):
    # since the 2025 mergers Sở Tài chính holds the work of Sở Kế hoạch và Đầu tư
    cal, events = _events(client.get(f"/lich/{_token(store, TC)}.ics"))
    expected = _expected(store, {TC, KHDT})
    assert expected and set(events) == set(expected)
    assert "Sở Tài chính" in str(cal["x-wr-calname"])
    for task_id, event in events.items():
        line = expected[task_id]
        assert event.decoded("dtstart") == line.due_date
        assert event.decoded("dtend") == line.due_date + dt.timedelta(days=1)
        description = str(event["description"])
        assert line.action in description  # commas, semicolons and line breaks survive escaping
        assert f"Hạn: {line.due_date:%d/%m/%Y}" in description
        assert str(event["summary"]).startswith("Hạn: ")


def test_done_tasks_leave_the_feed(client, store):
    from chidao.tracking.service import Tracker
    _, events = _events(client.get(f"/lich/{_token(store, BDT)}.ics"))
    assert set(events) == set(_expected(store, {BDT})) and events
    task_id = next(iter(events))
    Tracker(store, actor="x").done(task_id, on=dt.date(2021, 8, 4))
    _, after = _events(client.get(f"/lich/{_token(store, BDT)}.ics"))
    assert task_id not in after and set(after) == set(events) - {task_id}


def test_wrong_token_is_404(client, store):
    good = _token(store, TC)
    for bad in ("0" * 32, good[:-1] + ("0" if good[-1] != "0" else "1"), good[:16], "x"):
        assert client.get(f"/lich/{bad}.ics").status_code == 404
    assert client.get(f"/lich/{good}").status_code == 404


def test_feed_url_command_gives_the_working_address(client, store, store_env):
    from typer.testing import CliRunner

    from chidao.cli import app
    result = CliRunner().invoke(app, ["feed-url", "Ban Dân tộc tỉnh", "--base", "https://cd.example.vn/"], env=store_env)
    assert result.exit_code == 0, result.stderr
    url = result.stdout.strip()
    assert url == f"https://cd.example.vn/lich/{_token(store, BDT)}.ics"
    assert client.get(url.removeprefix("https://cd.example.vn")).status_code == 200


def test_user_feeds_follow_the_users_scope(client, store, store_env):
    """An officer's feed holds their body's tasks (assigned or coordinating); a leader's all;
    a wrong or a deactivated user's token is a 404."""
    from typer.testing import CliRunner
    from sqlalchemy import update

    from chidao.cli import app
    from chidao.web import accounts
    officer = accounts.add_user(store, "can_bo_bdt", "officer", "mat-khau-123", BDT)
    leader = accounts.add_user(store, "lanh_dao", "leader", "mat-khau-123")
    runner = CliRunner()
    urls = {}
    for user in (officer, leader):
        result = runner.invoke(app, ["feed-url", "--user", user.name], env=store_env)
        assert result.exit_code == 0, result.stderr
        urls[user.name] = result.stdout.strip()
        assert urls[user.name].startswith("/lich/nguoi-dung/")
    cal, mine = _events(client.get(urls[officer.name]))
    assert "can_bo_bdt" in str(cal["x-wr-calname"])
    assert set(mine) == set(_expected(store, {BDT})) and mine
    _, everything = _events(client.get(urls[leader.name]))
    with store.read() as session:
        lines = store_tasks.list_tasks(session, store_tasks.TaskQuery())
    assert set(everything) == {line.id for line in lines if line.status in {s.value for s in ACTIVE} and line.due_date}
    assert client.get(urls[officer.name].replace("/nguoi-dung/", "/")).status_code == 404
    assert client.get("/lich/nguoi-dung/" + "0" * 32 + ".ics").status_code == 404
    with store.write() as session:
        session.execute(update(accounts.UserRow).where(accounts.UserRow.id == officer.id).values(active=False))
    assert client.get(urls[officer.name]).status_code == 404
    assert runner.invoke(app, ["feed-url"], env=store_env).exit_code == 2
