"""The server's daily reminder job: due once a day from the set time; run through the app."""
from __future__ import annotations

import datetime as dt
import time

import pytest
from fastapi.testclient import TestClient

from chidao.reminders.schedule import DailyJob, due, parse_at


def test_due_once_a_day_from_the_time():
    at = dt.time(7, 30)
    assert not due(dt.datetime(2026, 5, 4, 7, 29), at, None)
    assert due(dt.datetime(2026, 5, 4, 7, 30), at, None)
    assert due(dt.datetime(2026, 5, 4, 23, 0), at, dt.date(2026, 5, 3))
    assert not due(dt.datetime(2026, 5, 4, 23, 0), at, dt.date(2026, 5, 4))
    assert parse_at("07:30") == at
    with pytest.raises(ValueError):
        parse_at("7h30")


def test_job_runs_once_per_day_and_survives_a_failure():
    days, now = [], [dt.datetime(2026, 5, 4, 8, 0)]

    def job(day):
        days.append(day)
        raise RuntimeError("SMTP down")
    runner = DailyJob(dt.time(7, 30), job, check_seconds=0.01, clock=lambda: now[0])
    runner.start()
    time.sleep(0.2)
    now[0] = dt.datetime(2026, 5, 5, 7, 31)
    time.sleep(0.2)
    runner.stop()
    assert days == [dt.date(2026, 5, 4), dt.date(2026, 5, 5)]


def test_the_server_sends_the_days_reminders(store, loaded, smtp, monkeypatch, tmp_path):
    """Today every seed task is overdue; the work of Sở Kế hoạch và Đầu tư is Sở Tài chính's."""
    from sqlalchemy import select

    from chidao.store.models import TaskEventRow
    from chidao.web.app import create_app
    inbox, port = smtp
    book = tmp_path / "dia-chi.yaml"
    book.write_text("Sở Tài chính: stc@langson.gov.vn\n", encoding="utf-8")
    for key, value in {"CHIDAO_REMIND_AT": "00:00", "CHIDAO_REMIND_CHECK_SECONDS": "0.05",
                       "CHIDAO_SMTP_HOST": "127.0.0.1", "CHIDAO_SMTP_PORT": str(port),
                       "CHIDAO_REMINDER_ADDRESSES": str(book)}.items():
        monkeypatch.setenv(key, value)
    with TestClient(create_app(store=store)):
        deadline = time.monotonic() + 20
        while not inbox.mails and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
    assert [r for r, _ in inbox.mails] == [["stc@langson.gov.vn"]]
    text = inbox.mails[0][1].get_content()
    assert "Kính gửi: Sở Tài chính" in text and "Hạn: 02/08/2021 — quá hạn" in text
    with store.read() as session:
        days = set(session.scalars(select(TaskEventRow.on_date).where(TaskEventRow.kind == "reminded")))
    assert days == {dt.date.today()}
