"""``chidao remind`` end to end: seed documents ingested, a real SMTP server (aiosmtpd),
the messages it received read back; once per task, body and day."""
from __future__ import annotations

import datetime as dt

import pytest

from chidao.registry import load
from chidao.store import tasks as store_tasks

SKHDT = "Sở Kế hoạch và Đầu tư"
HUYEN = "Ủy ban nhân dân các huyện, thành phố"


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "dia-chi.yaml"
    path.write_text("lang-son/so-ke-hoach-va-dau-tu: khdt@langson.gov.vn\n"
                    "Ban Dân tộc tỉnh: [bdt@langson.gov.vn, vanthu.bdt@langson.gov.vn]\n"
                    "Sở Xây dựng: sxd@langson.gov.vn\n", encoding="utf-8")
    return path


def _task_ids(store):
    with store.read() as session:
        return {(line.assignees[0][0], line.due_date): line.id
                for line in store_tasks.list_tasks(session, store_tasks.TaskQuery()) if line.assignees}


def _reminders(store):
    from sqlalchemy import select

    from chidao.store.models import TaskEventRow
    with store.read() as session:
        return list(session.execute(select(TaskEventRow.task_id, TaskEventRow.on_date, TaskEventRow.data,
                                           TaskEventRow.actor).where(TaskEventRow.kind == "reminded")))


def _by_recipient(inbox):
    return {tuple(sorted(rcpts)): msg for rcpts, msg in inbox.mails}


def test_dry_run_prints_and_sends_nothing(chidao, loaded, smtp, store, book):
    inbox, _ = smtp
    result = chidao("remind", "--dry-run", "--as-of", "05/08/2021", "--addresses", str(book))
    assert result.exit_code == 0, result.stderr
    assert "khdt@langson.gov.vn" in result.stdout and "quá hạn 3 ngày" in result.stdout
    assert "(chưa có địa chỉ)" in result.stdout  # the districts, known by name only
    assert inbox.mails == [] and _reminders(store) == []


def test_each_body_gets_one_message_once_a_day(chidao, loaded, smtp, store, book):
    inbox, _ = smtp
    ids = _task_ids(store)
    args = ("remind", "--as-of", "2021-08-05", "--within", "7", "--addresses", str(book),
            "--to", f"{HUYEN}=huyen@langson.gov.vn")
    result = chidao(*args)
    assert result.exit_code == 0, result.stderr
    mails = _by_recipient(inbox)
    assert set(mails) == {("khdt@langson.gov.vn",), ("bdt@langson.gov.vn", "vanthu.bdt@langson.gov.vn"),
                          ("sxd@langson.gov.vn",), ("huyen@langson.gov.vn",)}
    for msg in mails.values():
        assert msg["From"] == "vanphong@langson.gov.vn"
        assert msg["Subject"].startswith("Đôn đốc thực hiện nhiệm vụ")

    khdt = mails[("khdt@langson.gov.vn",)]
    text = khdt.get_content()
    assert msg_to(khdt) == "khdt@langson.gov.vn"
    assert "1 nhiệm vụ quá hạn, 1 nhiệm vụ sắp đến hạn" in khdt["Subject"] and SKHDT in khdt["Subject"]
    assert f"Kính gửi: {SKHDT}" in text
    # overdue: due Monday 02/08/2021, three days late on 05/08; due soon: 10/08 (not 15/08)
    assert f"[#{ids[(SKHDT, dt.date(2021, 8, 2))]}]" in text and "Hạn: 02/08/2021 — quá hạn 3 ngày" in text
    assert f"[#{ids[(SKHDT, dt.date(2021, 8, 10))]}]" in text and "Hạn: 10/08/2021\n" in text
    assert "15/08/2021" not in text
    assert "tiếp thu, tập trung hoàn thiện dự thảo" in text and "TB-UBND" in text
    assert text.index("I. NHIỆM VỤ QUÁ HẠN") < text.index("II. NHIỆM VỤ SẮP ĐẾN HẠN TRONG 7 NGÀY TỚI")

    bdt = mails[("bdt@langson.gov.vn", "vanthu.bdt@langson.gov.vn")].get_content()
    assert "Hạn: 03/08/2021 — quá hạn 2 ngày" in bdt
    sxd = mails[("sxd@langson.gov.vn",)]
    assert "0 nhiệm vụ quá hạn" not in sxd["Subject"] and "1 nhiệm vụ sắp đến hạn" in sxd["Subject"]
    assert "Hạn: 08/08/2021" in sxd.get_content() and "QUÁ HẠN (" not in sxd.get_content()

    recorded = _reminders(store)
    assert len(recorded) == 5 and {r.on_date for r in recorded} == {dt.date(2021, 8, 5)}
    assert {r.actor for r in recorded} == {"tester"}
    first = {r.task_id: r.data for r in recorded}
    assert first[ids[(SKHDT, dt.date(2021, 8, 2))]]["overdue"] is True
    assert first[ids[(SKHDT, dt.date(2021, 8, 2))]]["to"] == ["khdt@langson.gov.vn"]

    again = chidao(*args)
    assert again.exit_code == 0 and len(inbox.mails) == 4 and len(_reminders(store)) == 5
    assert "đã gửi 0 thư" in again.stderr

    next_day = chidao(*args[:2], "2021-08-06", *args[3:])
    assert next_day.exit_code == 0 and len(inbox.mails) == 8 and len(_reminders(store)) == 10
    later = _by_recipient(_Box(inbox.mails[4:]))
    assert "Hạn: 02/08/2021 — quá hạn 4 ngày" in later[("khdt@langson.gov.vn",)].get_content()


def test_reminder_is_on_the_task_history(chidao, loaded, store, book):
    from chidao.tracking.service import Tracker
    ids = _task_ids(store)
    chidao("remind", "--as-of", "2021-08-05", "--addresses", str(book))
    events = Tracker(store, actor="x").task(ids[(SKHDT, dt.date(2021, 8, 2))]).events
    assert events[-1].kind == "reminded" and events[-1].on_date == dt.date(2021, 8, 5)
    shown = chidao("task", "show", str(ids[(SKHDT, dt.date(2021, 8, 2))]))
    assert shown.exit_code == 0 and "reminded" in shown.stdout


def test_a_body_without_address_is_not_recorded_and_gets_it_later(chidao, loaded, smtp, store, book):
    inbox, _ = smtp
    result = chidao("remind", "--as-of", "2021-08-05", "--addresses", str(book))
    assert result.exit_code == 1 and "Chưa có địa chỉ" in result.stderr and HUYEN in result.stderr
    assert len(inbox.mails) == 3
    later = chidao("remind", "--as-of", "2021-08-05", "--addresses", str(book), "--to", f"{HUYEN}=huyen@ls.vn")
    assert later.exit_code == 0 and [r for r, _ in inbox.mails[3:]] == [["huyen@ls.vn"]]


def test_done_tasks_are_not_reminded(chidao, loaded, smtp, store, book):
    from chidao.tracking.service import Tracker
    inbox, _ = smtp
    ids = _task_ids(store)
    Tracker(store, actor="x").done(ids[("Ban Dân tộc tỉnh", dt.date(2021, 8, 3))], on=dt.date(2021, 8, 4))
    chidao("remind", "--as-of", "2021-08-05", "--addresses", str(book))
    assert ("bdt@langson.gov.vn" not in {a for r, _ in inbox.mails for a in r})


def test_no_smtp_host_is_bad_input(loaded, store_env, book):
    from typer.testing import CliRunner

    from chidao.cli import app
    result = CliRunner().invoke(app, ["remind", "--addresses", str(book)], env=dict(store_env, CHIDAO_SMTP_HOST=""))
    assert result.exit_code == 2 and "CHIDAO_SMTP_HOST" in result.stderr


def test_merged_body_reminders_go_to_its_successor(store, loaded):
    """In 2025 the work of Sở Kế hoạch và Đầu tư passed to Sở Tài chính: its open tasks
    are reminded to the successor, as the tracking core resolves it."""
    from chidao.reminders.service import plan
    batches = {b.label: b for b in plan(store, load(), dt.date(2025, 8, 1), 0)}
    assert SKHDT not in batches
    tc = batches["Sở Tài chính"]
    assert tc.key == "lang-son/so-tai-chinh" and len(tc.overdue) == 3 and not tc.due_soon


class _Box:
    def __init__(self, mails):
        self.mails = mails


def msg_to(msg) -> str:
    return str(msg["To"])
