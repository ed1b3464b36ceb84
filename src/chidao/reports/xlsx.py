"""The periodic task report as an XLSX workbook: one formatted sheet per section."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from chidao.reports.period import NUMBERS, BodyFigures, PeriodReport

HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
HEAD_FONT = Font(name="Times New Roman", bold=True, color="FFFFFF", size=12)
BODY_FONT = Font(name="Times New Roman", size=12)
BOLD = Font(name="Times New Roman", size=12, bold=True)
TITLE_FONT = Font(name="Times New Roman", size=14, bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

BODY_HEADERS = ("STT", "Cơ quan, đơn vị", "Số nhiệm vụ được giao", "Hoàn thành đúng hạn",
                "Hoàn thành quá hạn", "Đang thực hiện trong hạn", "Đang thực hiện quá hạn",
                "Chưa có hạn", "Tỷ lệ hoàn thành")
SHEET_BODIES, SHEET_OVERDUE, SHEET_COMPARE = "Theo cơ quan", "Nhiệm vụ quá hạn", "So sánh kỳ trước"


def _d(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _title(ws, text: str, sub: str, width: int) -> int:
    ws.cell(1, 1, text).font = TITLE_FONT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(2, 1, sub).font = Font(name="Times New Roman", size=12, italic=True)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.cell(1, 1).alignment = ws.cell(2, 1).alignment = Alignment(horizontal="center")
    return 4


def _header(ws, row: int, headers, widths) -> None:
    for col, (text, width) in enumerate(zip(headers, widths), 1):
        cell = ws.cell(row, col, text)
        cell.font, cell.fill, cell.alignment, cell.border = HEAD_FONT, HEAD_FILL, CENTER, BORDER
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[row].height = 45
    ws.freeze_panes = ws.cell(row + 1, 1)


def _row(ws, row: int, values, bold: bool = False, fill=None, percent_cols=()) -> None:
    for col, value in enumerate(values, 1):
        cell = ws.cell(row, col, value)
        cell.font, cell.border = (BOLD if bold else BODY_FONT), BORDER
        cell.alignment = WRAP if isinstance(value, str) else Alignment(horizontal="center", vertical="top")
        if col in percent_cols:
            cell.number_format = "0.0%"
            cell.alignment = Alignment(horizontal="center", vertical="top")
        if fill:
            cell.fill = fill


def _figures(f: BodyFigures) -> list:
    return [getattr(f, n) for n in NUMBERS] + [f.rate]


def write_xlsx(report: PeriodReport, path: Path | str, title: str | None = None) -> Path:
    cur, prev = report.current, report.previous
    period = f"Nhiệm vụ giao từ ngày {_d(cur.start)} đến ngày {_d(cur.end)}; số liệu tính đến ngày {_d(cur.as_of)}"
    title = title or "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO"
    wb = Workbook()

    ws = wb.active
    ws.title = SHEET_BODIES
    row = _title(ws, title, period, len(BODY_HEADERS))
    _header(ws, row, BODY_HEADERS, (6, 45, 14, 14, 14, 14, 14, 12, 13))
    for i, f in enumerate(cur.rows, 1):
        _row(ws, row + i, [i, f.body, *_figures(f)], percent_cols=(9,))
    total = cur.total
    _row(ws, row + len(cur.rows) + 1, ["", total.body, *_figures(total)], bold=True, fill=TOTAL_FILL,
         percent_cols=(9,))
    note = row + len(cur.rows) + 3
    ws.cell(note, 2, f"Số nhiệm vụ (mỗi nhiệm vụ tính một lần): {cur.tasks}. Một nhiệm vụ giao cho "
                     "nhiều cơ quan được tính cho từng cơ quan.").font = Font(name="Times New Roman", italic=True)

    ws = wb.create_sheet(SHEET_OVERDUE)
    headers = ("STT", "Cơ quan chủ trì", "Nội dung nhiệm vụ", "Văn bản giao", "Trích văn bản", "Hạn",
               "Số ngày quá hạn", "Mã")
    row = _title(ws, "DANH SÁCH NHIỆM VỤ QUÁ HẠN", period, len(headers))
    _header(ws, row, headers, (6, 30, 50, 28, 60, 12, 10, 8))
    for i, t in enumerate(report.overdue, 1):
        _row(ws, row + i, [i, "; ".join(t.bodies), t.action, t.source, t.sentence, _d(t.due), t.days_late,
                           t.task_id])
    _row(ws, row + len(report.overdue) + 1, ["", "Tổng cộng", f"{len(report.overdue)} nhiệm vụ quá hạn",
                                             "", "", "", "", ""], bold=True, fill=TOTAL_FILL)

    ws = wb.create_sheet(SHEET_COMPARE)
    headers = ("STT", "Cơ quan, đơn vị", "Giao kỳ này", "Giao kỳ trước", "Hoàn thành kỳ này",
               "Hoàn thành kỳ trước", "Quá hạn kỳ này", "Quá hạn kỳ trước", "Tỷ lệ kỳ này",
               "Tỷ lệ kỳ trước", "Chênh lệch tỷ lệ")
    sub = (f"Kỳ này: {_d(cur.start)} – {_d(cur.end)} (tính đến {_d(cur.as_of)}); "
           f"kỳ trước: {_d(prev.start)} – {_d(prev.end)} (tính đến {_d(prev.as_of)})")
    row = _title(ws, "SO SÁNH VỚI KỲ TRƯỚC", sub, len(headers))
    _header(ws, row, headers, (6, 45, 11, 11, 12, 12, 11, 11, 11, 11, 12))
    lines = report.comparison + [("Tổng cộng", cur.total, prev.total)]
    for i, (name, now, before) in enumerate(lines, 1):
        now, before = now or BodyFigures(name), before or BodyFigures(name)
        delta = now.rate - before.rate if now.rate is not None and before.rate is not None else None
        last = i == len(lines)
        _row(ws, row + i, ["" if last else i, name, now.assigned, before.assigned, now.done, before.done,
                           now.open_overdue, before.open_overdue, now.rate, before.rate, delta],
             bold=last, fill=TOTAL_FILL if last else None, percent_cols=(9, 10, 11))

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


__all__ = ["SHEET_BODIES", "SHEET_COMPARE", "SHEET_OVERDUE", "write_xlsx"]
