"""The tracking commands end to end (in-process): output, formats, exit codes, messages."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from chidao.cli import app


@pytest.fixture
def chidao(store_env):
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(app, list(args), env=store_env)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output + result.stderr
        return result
    return invoke


@pytest.fixture
def loaded(ingest, seeds):
    """The seeds, ingested and accepted (through the library, extraction cached)."""
    return ingest(seeds, accept=True, actor="vanthu")


def _json(result):
    return json.loads(result.stdout)


def test_ingest_reports_each_file_then_finds_them_again(chidao, seeds):
    first = chidao("ingest", str(seeds), "--accept", "--by", "vanthu")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.count("✓") == 5
    assert "5 tệp: 5 mới" in first.stderr and "(đã xác nhận)" in first.stderr
    again = chidao("ingest", str(seeds), "--format", "json")
    lines = [json.loads(x) for x in again.stdout.splitlines()]
    assert [x["status"] for x in lines] == ["exists"] * 5 and again.exit_code == 0


def test_ingest_as_csv_with_a_bad_file(chidao, examples, tmp_path):
    (tmp_path / "trong.txt").write_bytes(b"")
    good = examples / "hagiang-cv-ctmtqg-2023.txt"
    result = chidao("ingest", str(good), str(tmp_path / "trong.txt"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["status"] for r in rows] == ["new", "failed"] and rows[0]["tasks"] != "0"
    assert result.exit_code == 2 and "trong.txt" in result.stderr


def test_tasks_with_timeliness_as_of_a_day(chidao, loaded):
    result = chidao("tasks", "--as-of", "09/08/2021", "--format", "json")
    assert result.exit_code == 0
    tasks = {t["id"]: t for t in _json(result)}
    by_due = {(t["assignees"][0], t["due_date"]): t for t in tasks.values() if t["document_type"] == "Thông báo"}
    assert by_due[("Sở Kế hoạch và Đầu tư", "2021-08-02")]["timeliness"] == "đang thực hiện quá hạn"
    assert by_due[("Sở Kế hoạch và Đầu tư", "2021-08-10")]["timeliness"] == "đang thực hiện trong hạn"
    # 08/8/2021 is a Sunday: on Monday 9/8 the task is still in time (Civil Code art. 148)
    assert by_due[("Sở Xây dựng", "2021-08-08")]["timeliness"] == "đang thực hiện trong hạn"
    # documents dated after the day looked at are left out
    assert all((t["document_date"] or "") <= "2021-08-09" for t in tasks.values())
    overdue = _json(chidao("tasks", "--as-of", "2021-08-11", "--overdue", "--format", "json"))
    assert {t["due_date"] for t in overdue} == {"2021-08-02", "2021-08-03", "2021-08-08", "2021-08-10"}
    soon = _json(chidao("tasks", "--as-of", "2021-08-11", "--due-within", "7d", "--format", "json"))
    assert {t["due_date"] for t in soon} == {"2021-08-15"}


def test_done_task_and_successor_in_the_table(chidao, loaded):
    tasks = _json(chidao("tasks", "--as-of", "2021-08-09", "--body", "Sở KH&ĐT", "--format", "json"))
    task = next(t for t in tasks if t["due_date"] == "2021-08-10")
    assert chidao("task", "done", str(task["id"]), "--on", "12/08/2021").exit_code == 0
    shown = _json(chidao("task", "show", str(task["id"]), "--as-of", "2026-01-01", "--format", "json"))
    assert shown["timeliness"] == "hoàn thành quá hạn"
    assert shown["holders"] == ["Sở Tài chính"]
    assert [e["kind"] for e in shown["events"]] == ["created", "accepted", "completed"]
    assert shown["events"][-1]["actor"]
    table = chidao("tasks", "--body", "Sở Tài chính", "--as-of", "2026-01-01")
    assert "Sở Kế hoạch và Đầu tư (nay: Sở Tài" in table.stdout
    assert "Tình hình" in table.stdout and "hoàn thành quá hạn" in table.stdout


def test_csv_output(chidao, loaded):
    rows = list(csv.DictReader(io.StringIO(chidao("tasks", "--as-of", "2025-01-01", "--format", "csv").stdout)))
    assert rows and {"id", "assignees", "due_date", "timeliness", "status_label"} <= set(rows[0])
    assert {r["status_label"] for r in rows} == {"đã giao"}


def test_search_without_diacritics(chidao, loaded):
    result = chidao("search", "giai phong mat bang", "--format", "json")
    hits = _json(result)
    assert hits and any("«giải phòng mặt bằng»" in h["snippet"].lower() or
                        "«giải phóng mặt bằng»" in h["snippet"].lower() for h in hits)
    table = chidao("search", "GIAI PHONG MAT BANG", "--kind", "task")
    assert table.exit_code == 0 and "nhiệm vụ" in table.stdout
    nothing = chidao("search", "tàu vũ trụ")
    assert nothing.exit_code == 0 and "0 kết quả" in nothing.stdout


def test_stats_and_bodies(chidao, loaded):
    stats = {r["body"]: r for r in _json(chidao("stats", "--as-of", "2026-01-01", "--format", "json"))}
    assert "Sở Tài chính" in stats and "Sở Kế hoạch và Đầu tư" not in stats
    assert stats["Tổng"]["total"] == sum(r["total"] for b, r in stats.items() if b != "Tổng")
    old = {r["body"] for r in _json(chidao("stats", "--as-of", "2021-12-31", "--format", "json"))}
    assert "Sở Kế hoạch và Đầu tư" in old
    bodies = {b["id"]: b for b in _json(chidao("bodies", "--at", "2026-01-01", "--format", "json"))}
    assert bodies["lang-son/so-ke-hoach-va-dau-tu"]["successors"] == ["Sở Tài chính"]
    assert bodies["lang-son/so-ke-hoach-va-dau-tu"]["active"] is False
    table = chidao("bodies", "--at", "2024-01-01", "--province", "Lạng Sơn")
    assert "Sở Kế hoạch và Đầu tư" in table.stdout and "đang hoạt động" in table.stdout
    assert chidao("stats", "--from", "2024-01-01", "--to", "2023-01-01").exit_code == 2


@pytest.mark.parametrize("args, code, message", [
    (("tasks", "--as-of", "31/02/2024"), 2, "không có thật"),
    (("tasks", "--as-of", "hôm qua"), 2, "không hợp lệ"),
    (("tasks", "--due-within", "bảy"), 2, "Khoảng thời gian"),
    (("tasks", "--body", "Sở Vũ trụ"), 2, "Không biết cơ quan"),
    (("tasks", "--status", "xong"), 2, "Trạng thái không hợp lệ"),
    (("task", "show", "99999"), 1, "Không có nhiệm vụ #99999"),
    (("task", "done", "99999"), 1, "Không có nhiệm vụ"),
    (("task", "extend", "1", "--to", "2021-13-01", "--reason", "x"), 2, "Hạn đề nghị không có thật"),
    (("search", "x", "--type", "Sắc lệnh"), 2, "Không có văn bản loại"),
    (("doc", "show", "4242"), 1, "Không có văn bản #4242"),
])
def test_bad_input_and_missing_things(chidao, args, code, message):
    result = chidao(*args)
    assert result.exit_code == code
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_impossible_transitions_are_refused(chidao, loaded):
    task = _json(chidao("tasks", "--format", "json", "--limit", "1"))[0]
    tid = str(task["id"])
    approve = chidao("task", "approve-extension", tid)
    assert approve.exit_code == 1 and "Không có đề nghị gia hạn" in approve.stderr
    assert chidao("task", "done", tid, "--on", "2025-01-02").exit_code == 0
    reopen = chidao("task", "reopen", tid)
    assert reopen.exit_code == 1 and "lý do" in reopen.stderr
    again = chidao("task", "accept", tid)
    assert again.exit_code == 1
    assert chidao("task", "reopen", tid, "--reason", "Chưa đạt").exit_code == 0
    assert chidao("task", "report", tid, "Đang làm").exit_code == 0
    assert _json(chidao("task", "show", tid, "--format", "json"))["status"] == "in_progress"


def test_update_and_extension_commands(chidao, loaded):
    task = next(t for t in _json(chidao("tasks", "--format", "json")) if t["due_date"])
    tid = str(task["id"])
    bad = chidao("task", "update", tid, "--assignee", "Phòng Không Tồn Tại")
    assert bad.exit_code == 2 and "Không biết cơ quan" in bad.stderr
    assert chidao("task", "update", tid, "--assignee", "Sở Nội vụ").exit_code == 0
    assert chidao("task", "extend", tid, "--to", "31/12/2030", "--reason", "Chờ hướng dẫn").exit_code == 0
    approved = chidao("task", "approve-extension", tid, "--decision", "99/UBND-TH")
    assert approved.exit_code == 0 and "31/12/2030" in approved.stdout
    shown = _json(chidao("task", "show", tid, "--format", "json"))
    assert shown["assignees"] == ["Sở Nội vụ"]
    assert (shown["due_date"], shown["original_due_date"]) == ("2030-12-31", task["due_date"])
    log = chidao("task", "show", tid).stdout
    assert "lý do: Chờ hướng dẫn" in log and "văn bản: 99/UBND-TH" in log and "giao lại" in log


def test_documents_and_db_commands(chidao, loaded, examples):
    assert "Lược đồ đã mới nhất" in chidao("db", "upgrade").stdout
    result = chidao("ingest", str(examples / "nghean-cv-datdai-2025.txt"), "--format", "json")
    doc_id = json.loads(result.stdout)["document_id"]
    received = chidao("doc", "received", str(doc_id), "16/10/2025")
    assert received.exit_code == 0 and "27/10/2025" in received.stdout
    shown = _json(chidao("doc", "show", str(doc_id), "--format", "json"))
    assert shown["received_on"] == "2025-10-16" and shown["number"] == "9012/UBND-NN"
    assert chidao("doc", "received", str(doc_id), "2025-10-01").exit_code == 2
    listed = _json(chidao("doc", "list", "--format", "json"))
    assert listed[0]["id"] == doc_id and len(listed) == 6
