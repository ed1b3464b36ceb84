"""Reports as DOCX in the standard form of a Vietnamese administrative document
(Nghị định 30/2020/NĐ-CP, Phụ lục I): national heading and issuer side by side, number and
place-date line, title, Times New Roman 13–14, the body, "Nơi nhận:" and the signature block.

:func:`write_docx` writes the periodic task report; the form helpers are shared with the
weekly digest.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from chidao.reports.period import NUMBERS, BodyFigures, PeriodReport, percent

FONT = "Times New Roman"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class Form:
    """What the heading and the end of the document say."""

    parent: str = "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    issuer: str = "VĂN PHÒNG"
    number: str = "Số:       /BC-VP"
    place: str = "Lạng Sơn"
    on: dt.date = field(default_factory=dt.date.today)
    recipients: tuple[str, ...] = ("Thường trực UBND tỉnh (b/c);", "Lãnh đạo Văn phòng;",
                                   "Các sở, ban, ngành, UBND các huyện, thành phố;", "Lưu: VT.")
    signer_title: str = "CHÁNH VĂN PHÒNG"
    signer: str = ""


def new_document(size: int = 14):
    """An A4 document, margins of the decree, Times New Roman throughout."""
    doc = Document()
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
    doc.styles["Normal"].paragraph_format.space_after = Pt(3)
    return doc


def run(paragraph, text: str, bold: bool = False, italic: bool = False, size: float | None = None,
        underline: bool = False):
    r = paragraph.add_run(text)
    r.bold, r.italic, r.underline = bold or None, italic or None, underline or None
    r.font.name = FONT
    r.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size:
        r.font.size = Pt(size)
    return r


def para(doc_or_cell, text: str = "", *, bold: bool = False, italic: bool = False, size: float | None = None,
         align=None, indent: bool = False, after: float | None = None):
    p = doc_or_cell.add_paragraph()
    if text:
        run(p, text, bold=bold, italic=italic, size=size)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def _cell_text(cell, text: str, bold: bool = False, italic: bool = False, size: float = 13,
               align=WD_ALIGN_PARAGRAPH.CENTER, underline: bool = False) -> None:
    p = cell.paragraphs[0] if not cell.paragraphs[0].text and len(cell.paragraphs) == 1 else cell.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    run(p, text, bold=bold, italic=italic, size=size, underline=underline)


def _widths(table, widths_cm) -> None:
    """Fixed column widths that Word and LibreOffice both honour (grid columns and cells)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def heading(doc, form: Form) -> None:
    """Issuer (left) and national heading (right); number (left) and place-date (right)."""
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (6.3, 10.2))
    left, right = table.rows[0].cells
    _cell_text(left, form.parent, size=12)
    _cell_text(left, form.issuer, bold=True, size=13)
    _cell_text(left, "———", size=10)
    _cell_text(right, NATION, bold=True, size=13)
    _cell_text(right, MOTTO, bold=True, size=14)
    _cell_text(right, "———————————", size=10)
    left, right = table.rows[1].cells
    _cell_text(left, form.number, size=13)
    _cell_text(right, f"{form.place}, ngày {form.on.day:02d} tháng {form.on.month:02d} năm {form.on.year}",
               italic=True, size=14)


def closing(doc, form: Form) -> None:
    """"Nơi nhận:" (left, 12 pt) and the signature block (right)."""
    table = doc.add_table(rows=1, cols=2)
    _widths(table, (8.5, 8))
    left, right = table.rows[0].cells
    _cell_text(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in form.recipients:
        _cell_text(left, f"- {line}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_text(right, form.signer_title, bold=True, size=14)
    _cell_text(right, "", size=14)
    _cell_text(right, "", size=14)
    _cell_text(right, "", size=14)
    if form.signer:
        _cell_text(right, form.signer, bold=True, size=14)


def grid(doc, headers: list[str], rows: list[list], widths: list[float], size: float = 12,
         bold_last: bool = False):
    """A bordered table; the header row bold and repeated on each page."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers):
        _cell_text(cell, text, bold=True, size=size)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    for i, values in enumerate(rows):
        cells = table.add_row().cells
        for j, (cell, value) in enumerate(zip(cells, values)):
            text = "" if value is None else str(value)
            align = WD_ALIGN_PARAGRAPH.LEFT if j == 1 or (isinstance(value, str) and len(text) > 12) \
                else WD_ALIGN_PARAGRAPH.CENTER
            _cell_text(cell, text, bold=bold_last and i == len(rows) - 1, size=size, align=align)
    _widths(table, widths)
    return table


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _figure_cells(f: BodyFigures) -> list:
    return [getattr(f, n) for n in NUMBERS] + [percent(f.rate) or "-"]


BODY_HEADERS = ["TT", "Cơ quan, đơn vị", "Số NV được giao", "Hoàn thành đúng hạn", "Hoàn thành quá hạn",
                "Đang thực hiện trong hạn", "Đang thực hiện quá hạn", "Chưa có hạn", "Tỷ lệ hoàn thành"]


def period_document(report: PeriodReport, form: Form | None = None, chart: bytes | None = None):
    """The periodic task report as a python-docx Document."""
    form = form or Form()
    cur, prev = report.current, report.previous
    total, before = cur.total, prev.total
    doc = new_document()
    heading(doc, form)
    para(doc, "BÁO CÁO", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.space_before = Pt(12)
    para(doc, f"Tình hình thực hiện nhiệm vụ được giao từ ngày {_d(cur.start)} đến ngày {_d(cur.end)}",
         bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "———", align=WD_ALIGN_PARAGRAPH.CENTER, size=10)

    para(doc, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", bold=True)
    para(doc, f"Trong kỳ báo cáo có {cur.tasks} nhiệm vụ được giao ({total.assigned} lượt giao cho "
              f"{len(cur.rows)} cơ quan, đơn vị). Tính đến ngày {_d(cur.as_of)}: đã hoàn thành {total.done} "
              f"lượt ({total.done_on_time} đúng hạn, {total.done_late} quá hạn); đang thực hiện trong hạn "
              f"{total.open_in_time} lượt; đang thực hiện quá hạn {total.open_overdue} lượt; chưa có hạn "
              f"{total.no_deadline} lượt. Tỷ lệ hoàn thành {percent(total.rate) or '0%'}.", indent=True)
    para(doc, "Số liệu theo từng cơ quan, đơn vị:", indent=True)
    rows = [[i, f.body, *_figure_cells(f)] for i, f in enumerate(cur.rows, 1)]
    rows.append(["", total.body, *_figure_cells(total)])
    grid(doc, BODY_HEADERS, rows, [1, 4.6, 1.5, 1.6, 1.6, 1.6, 1.6, 1.4, 1.6], size=11, bold_last=True)
    if chart:
        para(doc, "")
        doc.add_picture(io.BytesIO(chart), width=Cm(16))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        para(doc, "Biểu đồ: tỷ lệ hoàn thành nhiệm vụ theo cơ quan, đơn vị", italic=True, size=12,
             align=WD_ALIGN_PARAGRAPH.CENTER)

    para(doc, "II. NHIỆM VỤ QUÁ HẠN", bold=True)
    if report.overdue:
        para(doc, f"Có {len(report.overdue)} nhiệm vụ đã quá hạn mà chưa hoàn thành:", indent=True)
        grid(doc, ["TT", "Cơ quan chủ trì", "Nội dung nhiệm vụ", "Văn bản giao", "Hạn", "Số ngày quá hạn"],
             [[i, "; ".join(t.bodies), t.action, t.source, _d(t.due), t.days_late]
              for i, t in enumerate(report.overdue, 1)], [1, 3.3, 5.8, 3.2, 2.2, 1.5], size=11)
    else:
        para(doc, "Không có nhiệm vụ quá hạn.", indent=True)

    para(doc, "III. SO SÁNH VỚI KỲ TRƯỚC", bold=True)
    para(doc, f"Kỳ trước (từ ngày {_d(prev.start)} đến ngày {_d(prev.end)}) có {before.assigned} lượt giao, "
              f"hoàn thành {before.done}, quá hạn {before.open_overdue}, tỷ lệ hoàn thành "
              f"{percent(before.rate) or '0%'}. Kỳ này tỷ lệ hoàn thành "
              f"{_change(total.rate, before.rate)}.", indent=True)
    compare = [[i, name, (now.assigned if now else 0), (then.assigned if then else 0),
                percent(now.rate) if now else "-", percent(then.rate) if then else "-"]
               for i, (name, now, then) in enumerate(report.comparison, 1)]
    compare.append(["", "Tổng cộng", total.assigned, before.assigned, percent(total.rate) or "-",
                    percent(before.rate) or "-"])
    grid(doc, ["TT", "Cơ quan, đơn vị", "Giao kỳ này", "Giao kỳ trước", "Tỷ lệ HT kỳ này", "Tỷ lệ HT kỳ trước"],
         [row[:4] + [row[4] or "-", row[5] or "-"] for row in compare], [1, 6.5, 2, 2, 2.5, 2.5],
         size=11, bold_last=True)
    para(doc, "")
    closing(doc, form)
    return doc


def _change(now: float | None, before: float | None) -> str:
    if now is None or before is None:
        return "chưa so sánh được (một trong hai kỳ không có nhiệm vụ)"
    delta = (now - before) * 100
    if abs(delta) < 0.05:
        return "không thay đổi"
    return f"{'tăng' if delta > 0 else 'giảm'} {abs(delta):.1f} điểm phần trăm".replace(".", ",")


def write_docx(report: PeriodReport, path: Path | str, form: Form | None = None, chart: bool = True) -> Path:
    """Write the periodic task report; the chart is drawn with Pillow when it is installed."""
    png = None
    if chart:
        try:
            from chidao.reports.chart import rate_chart_png
            png = rate_chart_png(report.current.rows)
        except ImportError:  # Pillow missing: the report goes out without the chart
            png = None
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    period_document(report, form, png).save(path)
    return path


__all__ = ["FONT", "Form", "MOTTO", "NATION", "closing", "grid", "heading", "new_document", "para",
           "period_document", "run", "write_docx"]
