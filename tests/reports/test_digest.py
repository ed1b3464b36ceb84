"""The weekly direction digest built from real documents: every document, number, assignee
and due date appears, in HTML (escaped) and DOCX."""
from __future__ import annotations

from datetime import date

import docx
from sqlalchemy import select

from chidao.reports.digest import (DocumentFacts, digest_from_store, headline, render_html, task_sentence,
                                   write_docx)
from chidao.store.models import DocumentRow
from chidao.store.tasks import TaskQuery, list_tasks
from chidao.tracking.service import Tracker

START, END = date(2022, 6, 20), date(2022, 6, 26)  # Monday to Sunday
IN_WEEK = ("binhdinh-syt-cv-sotxuathuyet-2022.txt", "thainguyen-daitu-cv-khoangsan-2022.txt")
OUTSIDE = ("binhthuan-qd-tocongtac-2022.txt",)


def _week(store, ingest, examples):
    ingest(*(examples / n for n in IN_WEEK + OUTSIDE), accept=False)
    with store.read() as s:
        docs = {d.number: d.id for d in s.scalars(select(DocumentRow))}
        tasks = {number: list_tasks(s, TaskQuery(document_id=doc_id)) for number, doc_id in docs.items()}
    return docs, tasks


def _docx_text(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_digest_lists_every_document_task_assignee_and_deadline(store, ingest, examples, tmp_path):
    docs, tasks = _week(store, ingest, examples)
    assert set(docs) == {"2418/SYT-NVY", "1375/UBND-TNMT", "1846/QĐ-UBND"}
    digest = digest_from_store(store, START, END)
    assert digest.title == ("Chỉ đạo, điều hành nổi bật của UBND tỉnh trong tuần "
                            "(từ ngày 20/06 đến ngày 26/06/2022)")
    assert [item.number for item in digest.items] == ["1375/UBND-TNMT", "2418/SYT-NVY"]  # by date
    html = render_html(digest)
    text = _docx_text(write_docx(digest, tmp_path / "tuan.docx"))
    for out in (html, text):
        assert digest.title in out
        assert "Công văn số 1375/UBND-TNMT ngày 21/06/2022" in out
        assert "Công văn số 2418/SYT-NVY ngày 22/06/2022" in out
        assert "1846/QĐ-UBND" not in out  # dated 09/09/2022, outside the week
        assert "Dương Văn Khải" in out and "Trịnh Văn Hảo" in out  # who directed
        for number in ("1375/UBND-TNMT", "2418/SYT-NVY"):
            assert tasks[number]
            for line in tasks[number]:
                for name, _ in line.assignees:
                    assert name in out, name
                if line.due_date:
                    assert f"thời hạn: {line.due_date:%d/%m/%Y}" in out
    # the headline line lists every document, and each section has its tasks
    for item in digest.items:
        assert item.headline in digest.headline
        assert len(item.tasks) == len(tasks[item.number])
    assert "Chỉ đạo về việc tăng cường các biện pháp phòng, chống dịch bệnh sốt xuất huyết" in html


def test_html_escapes_stored_text_and_leaves_out_rejected_tasks(store, ingest, examples):
    docs, tasks = _week(store, ingest, examples)
    first, second = tasks["2418/SYT-NVY"][:2]
    tracker = Tracker(store, actor="t")
    tracker.update(first.id, action='Báo cáo <script>alert("x")</script> & tổng hợp')
    tracker.reject(second.id, "trùng")
    digest = digest_from_store(store, START, END)
    html = render_html(digest)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; tổng hợp" in html
    item = next(i for i in digest.items if i.number == "2418/SYT-NVY")
    assert second.id not in {t.task_id for t in item.tasks}
    assert len(item.tasks) == len(tasks["2418/SYT-NVY"]) - 1


def test_sentences_use_only_stored_data():
    doc = DocumentFacts(1, "Công văn", "12/UBND-KT", "2024-05-06", "Ủy ban nhân dân tỉnh Lạng Sơn",
                        "V/v triển khai Kế hoạch số 5/KH-UBND", {"name": "A", "title": "Chủ tịch", "authority": None})
    assert headline(doc) == "Chỉ đạo về việc triển khai Kế hoạch số 5/KH-UBND"
    doc.doc_type, doc.subject = "Quyết định", "Về việc phê duyệt Đề án X"
    assert headline(doc) == "Quyết định về việc phê duyệt Đề án X"
    assert task_sentence(["Sở Tài chính", "Sở Xây dựng"], ["Công an tỉnh"], "Rà soát hồ sơ;", "31/12/2024") == \
        "Sở Tài chính và Sở Xây dựng rà soát hồ sơ (phối hợp: Công an tỉnh); thời hạn: 31/12/2024."
    assert task_sentence(["Sở Y tế"], ["Công an tỉnh"], "Chủ trì, phối hợp với Công an tỉnh kiểm tra", "") == \
        "Sở Y tế chủ trì, phối hợp với Công an tỉnh kiểm tra."


def test_cli_weekly_html_and_docx(store, store_env, ingest, examples, tmp_path):
    from typer.testing import CliRunner

    from chidao.cli import app
    _week(store, ingest, examples)
    for name in ("tuan.html", "tuan.docx"):
        out = tmp_path / name
        result = CliRunner().invoke(app, ["report", "weekly", "--from", "20/06/2022", "--to", "26/06/2022",
                                          "--out", str(out)], env=store_env)
        assert result.exit_code == 0, result.output
        assert "2 văn bản" in result.output
        text = out.read_text(encoding="utf-8") if name.endswith("html") else _docx_text(out)
        assert "2418/SYT-NVY" in text and "1375/UBND-TNMT" in text
    bad = CliRunner().invoke(app, ["report", "weekly", "--from", "2022-06-20", "--to", "2022-06-26",
                                   "--out", str(tmp_path / "x.pdf")], env=store_env)
    assert bad.exit_code == 2
