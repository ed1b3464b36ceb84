"""The task list as CSV or XLSX."""
from __future__ import annotations

import csv
import io

from chidao.web.queries import TaskItem
from chidao.web.render import status_label

HEADER = ["Số", "Văn bản", "Nội dung", "Chủ trì", "Phối hợp", "Trạng thái", "Hạn", "Hạn ban đầu",
          "Ngày hoàn thành"]


def _row(i: TaskItem) -> list:
    return [i.id, i.doc_label, i.action, "; ".join(n for n, _ in i.assignees),
            "; ".join(n for n, _ in i.coordinators), status_label(i.status), i.due_date, i.original_due_date,
            i.completed_on]


def csv_bytes(items: list[TaskItem]) -> tuple[bytes, str]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for i in items:
        writer.writerow([_cell(v) for v in _row(i)])
    return ("\ufeff" + out.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"


def _cell(value) -> str:
    text = "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def xlsx_bytes(items: list[TaskItem]) -> tuple[bytes, str]:
    from openpyxl import Workbook
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nhiệm vụ")
    sheet.append(HEADER)
    for i in items:
        sheet.append([_cell(v) if isinstance(v, str) else v for v in _row(i)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
