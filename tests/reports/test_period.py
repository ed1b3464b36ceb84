"""The periodic task report: figures per body from real documents, the XLSX and the CLI."""
from __future__ import annotations

from datetime import date, timedelta

import openpyxl
from sqlalchemy import select

from chidao.registry import load
from chidao.reports.period import build_period, period_report, previous_period
from chidao.reports.xlsx import SHEET_BODIES, SHEET_COMPARE, SHEET_OVERDUE, write_xlsx
from chidao.store.models import DocumentRow, TaskBodyRow, TaskRow
from chidao.tracking.service import Tracker

START, END = date(2022, 1, 1), date(2022, 12, 31)
DOCS_2022 = ("binhdinh-syt-cv-sotxuathuyet-2022.txt", "binhthuan-qd-tocongtac-2022.txt",
             "thainguyen-daitu-cv-khoangsan-2022.txt")


def _setup(store, ingest, examples, seeds):
    ingest(*(examples / name for name in DOCS_2022))
    ingest(seeds / "004_955f702bdc8217d3.txt")  # 2021: the previous period
    with store.read() as s:
        dated = s.execute(select(TaskRow.id, TaskRow.due_date).join(DocumentRow, DocumentRow.id == TaskRow.document_id)
                          .where(DocumentRow.doc_date.between(START, END), TaskRow.due_date.is_not(None))
                          .order_by(TaskRow.id)).all()
    assert len(dated) >= 4
    tracker = Tracker(store, actor="t")
    tracker.done(dated[0].id, dated[0].due_date)  # on time
    tracker.done(dated[1].id, dated[1].due_date - timedelta(days=1))  # on time
    tracker.done(dated[2].id, dated[2].due_date + timedelta(days=40))  # late
    tracker.reject(dated[3].id, "không phải nhiệm vụ")  # not counted
    return dated


def _expected(store, start, end, as_of):
    """The figures counted straight from the tables: one count per task and assignee."""
    with store.read() as s:
        rows = s.execute(select(TaskRow.id, TaskRow.status, TaskRow.due_date, TaskRow.completed_on,
                                TaskBodyRow.body_id, TaskBodyRow.name, DocumentRow.date_text)
                         .join(DocumentRow, DocumentRow.id == TaskRow.document_id)
                         .join(TaskBodyRow, TaskBodyRow.task_id == TaskRow.id)
                         .where(TaskBodyRow.role == "assignee",
                                TaskRow.status.in_(("open", "in_progress", "done")),
                                TaskRow.superseded_by_id.is_(None))).all()
    # a document dated by month only ("2021-08") counts from the first day of that month
    rows = [r for r in rows if r.date_text and start <= date(*map(int, (r.date_text + "-01-01").split("-")[:3])) <= end]
    pairs = {(r.id, r.body_id or r.name.lower()): r for r in rows}
    out = {"assigned": len(pairs), "done_on_time": 0, "done_late": 0, "open_in_time": 0, "open_overdue": 0,
           "no_deadline": 0, "tasks": len({r.id for r in rows})}
    overdue_tasks = set()
    for r in pairs.values():
        if r.status == "done":
            out["done_on_time" if r.due_date is None or r.completed_on <= r.due_date else "done_late"] += 1
        elif r.due_date is None:
            out["no_deadline"] += 1
        elif r.due_date >= as_of:
            out["open_in_time"] += 1
        else:
            out["open_overdue"] += 1
            overdue_tasks.add(r.id)
    out["overdue_tasks"] = len(overdue_tasks)
    return out


def _totals_row(ws):
    for row in ws.iter_rows(values_only=True):
        if row[1] == "Tổng cộng":
            return row
    raise AssertionError("no totals row")


def test_xlsx_totals_equal_the_store(store, ingest, examples, seeds, tmp_path):
    _setup(store, ingest, examples, seeds)
    report = period_report(store, load(), START, END)
    assert report.current.as_of == END
    want = _expected(store, START, END, END)
    assert want["done_on_time"] >= 2 and want["done_late"] >= 1

    path = write_xlsx(report, tmp_path / "bao-cao.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [SHEET_BODIES, SHEET_OVERDUE, SHEET_COMPARE]

    ws = wb[SHEET_BODIES]
    total = _totals_row(ws)
    assert list(total[2:8]) == [want[k] for k in ("assigned", "done_on_time", "done_late", "open_in_time",
                                                  "open_overdue", "no_deadline")]
    assert abs(total[8] - (want["done_on_time"] + want["done_late"]) / want["assigned"]) < 1e-9
    # the totals row is the sum of the body rows above it
    body_rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
    assert len(body_rows) == len(report.current.rows)
    assert sum(r[2] for r in body_rows) == total[2]
    assert ws["A4"].font.bold and ws["A4"].fill.fgColor.rgb.endswith("1F4E78")
    assert ws.column_dimensions["B"].width >= 40

    ws = wb[SHEET_OVERDUE]
    listed = [r for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
    assert len(listed) == want["overdue_tasks"] > 0
    for r in listed:
        assert r[3].startswith(("Công văn số", "Quyết định số")) and "2022" in r[3]
        assert r[4] and r[6] > 0  # the source sentence, days late
    assert _totals_row(ws)[2] == f"{want['overdue_tasks']} nhiệm vụ quá hạn"

    p_start, p_end = previous_period(START, END)
    before = _expected(store, p_start, p_end, p_end)
    assert before["assigned"] > 0
    ws = wb[SHEET_COMPARE]
    total = _totals_row(ws)
    assert (total[2], total[3]) == (want["assigned"], before["assigned"])
    assert (total[6], total[7]) == (want["open_overdue"], before["open_overdue"])


def test_previous_period_has_equal_length():
    assert previous_period(date(2024, 3, 1), date(2024, 3, 31)) == (date(2024, 1, 30), date(2024, 2, 29))
    assert previous_period(date(2025, 1, 1), date(2025, 3, 31)) == (date(2024, 10, 3), date(2024, 12, 31))


def test_build_period_is_pure_and_counts_each_body():
    from chidao.store.tasks import TaskLine
    from chidao.tracking.views import timeliness_of

    def line(i, due, status="open", done=None, bodies=("Sở A",)):
        return TaskLine(i, 1, "Công văn", f"{i}/UBND", date(2024, 1, 5), "2024-01-05", None, f"việc {i}", status,
                        None, "date", None, due, due, None, done, None, [(b, None) for b in bodies])

    lines = [line(1, date(2024, 1, 10), "done", date(2024, 1, 9)),
             line(2, date(2024, 1, 10), "done", date(2024, 1, 20), bodies=("Sở A", "Sở B")),
             line(3, date(2024, 1, 16)), line(4, date(2024, 2, 20)), line(5, None),
             line(6, date(2024, 1, 10), "rejected")]
    report = build_period(lines, [], date(2024, 1, 1), date(2024, 1, 31), date(2024, 1, 31), timeliness_of,
                          lambda x, d: [(n, n) for n, _ in x.assignees])
    a = report.current.by_body()["Sở A"]
    assert (a.assigned, a.done_on_time, a.done_late, a.open_in_time, a.open_overdue, a.no_deadline) == (5, 1, 1, 1, 1, 1)
    assert a.rate == 0.4
    assert report.current.tasks == 5 and report.current.total.assigned == 6
    assert [t.task_id for t in report.overdue] == [3] and report.overdue[0].days_late == 15


def test_cli_writes_the_xlsx(store, store_env, ingest, examples, seeds, tmp_path):
    from typer.testing import CliRunner

    from chidao.cli import app
    _setup(store, ingest, examples, seeds)
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(app, ["report", "period", "--from", "01/01/2022", "--to", "2022-12-31",
                                      "--out", str(out)], env=store_env)
    assert result.exit_code == 0, result.output
    assert _totals_row(openpyxl.load_workbook(out)[SHEET_BODIES])[2] == _expected(store, START, END, END)["assigned"]
    bad = CliRunner().invoke(app, ["report", "period", "--from", "2022-12-31", "--to", "2022-01-01",
                                   "--out", str(out)], env=store_env)
    assert bad.exit_code == 2
    bad = CliRunner().invoke(app, ["report", "period", "--from", "2022-01-01", "--to", "2022-12-31",
                                   "--out", str(tmp_path / "r.pdf")], env=store_env)
    assert bad.exit_code == 2


def test_docx_has_the_administrative_form_and_the_numbers(store, ingest, examples, seeds, tmp_path):
    import docx
    from docx.shared import Pt

    from chidao.reports.docx import Form, write_docx
    _setup(store, ingest, examples, seeds)
    report = period_report(store, load(), START, END)
    want = _expected(store, START, END, END)
    path = write_docx(report, tmp_path / "bao-cao.docx", Form(on=date(2023, 1, 5), number="Số: 12/BC-VP"))
    doc = docx.Document(str(path))

    head = doc.tables[0]
    left, right = (c.text for c in head.rows[0].cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "VĂN PHÒNG" in left
    assert head.rows[1].cells[0].text == "Số: 12/BC-VP"
    assert head.rows[1].cells[1].text == "Lạng Sơn, ngày 05 tháng 01 năm 2023"
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert any("từ ngày 01/01/2022 đến ngày 31/12/2022" in t for t in texts)
    assert doc.tables[-1].rows[0].cells[0].text.startswith("Nơi nhận:")

    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and Pt(13) <= normal.size <= Pt(14)
    for paragraph in doc.paragraphs:
        for r in paragraph.runs:
            if not r.text:
                continue  # the picture's run
            assert r.font.name == "Times New Roman"
            assert r.font.size is None or Pt(10) <= r.font.size <= Pt(14)

    bodies = doc.tables[1]
    total = [c.text for c in bodies.rows[-1].cells]
    assert total[1] == "Tổng cộng"
    assert [int(x) for x in total[2:8]] == [want[k] for k in ("assigned", "done_on_time", "done_late",
                                                              "open_in_time", "open_overdue", "no_deadline")]
    assert len(bodies.rows) == len(report.current.rows) + 2
    overdue = doc.tables[2]
    assert len(overdue.rows) - 1 == want["overdue_tasks"]
    assert len(doc.inline_shapes) == 1  # the completion-rate chart
    blob = doc.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert doc.part.related_parts[blob].blob.startswith(b"\x89PNG")


def test_chart_png_has_one_bar_per_body():
    from io import BytesIO

    from PIL import Image

    from chidao.reports.chart import rate_chart_png
    from chidao.reports.period import BodyFigures
    rows = [BodyFigures("Sở Tài chính", 4, 2, 1, 1, 0), BodyFigures("Sở Xây dựng", 2, 0, 0, 2, 0)]
    img = Image.open(BytesIO(rate_chart_png(rows)))
    assert img.format == "PNG" and img.width > 800
    # the 75% bar is longer than the 0% one: count bar-coloured pixels on each bar's row
    blue = (0x1F, 0x4E, 0x78)
    rgb = img.convert("RGB")
    lines = [sum(1 for x in range(img.width) if rgb.getpixel((x, y)) == blue) for y in range(img.height)]
    assert max(lines) > 300


def test_cli_writes_the_docx(store, store_env, ingest, examples, seeds, tmp_path):
    import docx
    from typer.testing import CliRunner

    from chidao.cli import app
    _setup(store, ingest, examples, seeds)
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(app, ["report", "period", "--from", "2022-01-01", "--to", "2022-12-31",
                                      "--out", str(out), "--place", "Thái Nguyên"], env=store_env)
    assert result.exit_code == 0, result.output
    assert docx.Document(str(out)).tables[0].rows[1].cells[1].text.startswith("Thái Nguyên, ngày ")
