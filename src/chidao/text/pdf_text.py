"""Text of a PDF with a text layer (pdfplumber): positioned lines and ruled tables per page."""
from __future__ import annotations

import io
import statistics

import pdfplumber

from .errors import ContentError
from .pdf_layout import Line, paragraphs

_COLUMN_GAP = 3.0  # a gap of this many font sizes between words separates columns


def read_pdf(data: bytes) -> str:
    """The normalised-layout text of a PDF file's bytes."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise ContentError("tệp PDF bị hỏng: không có trang nào")
            pages = [page_lines(page, number) for number, page in enumerate(pdf.pages)]
    except ContentError:
        raise
    except Exception as exc:  # pdfminer raises many kinds for damaged or locked files
        raise ContentError(_pdf_problem(exc)) from None
    if not any(pages):
        raise ContentError("PDF quét, không có lớp chữ (chưa hỗ trợ nhận dạng chữ)")
    return "\n".join(paragraphs(pages))


def _pdf_problem(exc: Exception) -> str:
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name or "password" in str(cause).lower():
        return "the PDF is encrypted (password-protected); remove the protection and try again"
    return f"tệp PDF bị hỏng hoặc không đọc được ({name}: {cause})"


def page_lines(page, number: int) -> list[Line]:
    """Lines of one page, top to bottom; each ruled table row becomes one line."""
    page = page.dedupe_chars()
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    words = [w for w in page.extract_words(use_text_flow=False, keep_blank_chars=False)
             if not any(_inside(w, box) for box in boxes)]
    lines = [_line(group, number) for group in _group_rows(words)]
    for table in tables:
        lines.extend(_table_lines(table, number))
    return sorted(lines, key=lambda line: (line.top, line.x0))


def _inside(word: dict, box: tuple) -> bool:
    x0, top, x1, bottom = box
    mid_x, mid_y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return x0 <= mid_x <= x1 and top <= mid_y <= bottom


def _group_rows(words: list[dict]) -> list[list[dict]]:
    """Words sharing most of their height form one printed line."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows:
            row = rows[-1]
            top, bottom = min(w["top"] for w in row), max(w["bottom"] for w in row)
            height = min(bottom - top, word["bottom"] - word["top"]) or 1.0
            overlap = min(bottom, word["bottom"]) - max(top, word["top"])
            if overlap >= 0.5 * height:
                row.append(word)
                continue
        rows.append([word])
    return rows


def _line(words: list[dict], page: int) -> Line:
    words = sorted(words, key=lambda w: w["x0"])
    size = statistics.median(w["bottom"] - w["top"] for w in words)
    segments: list[list[str]] = [[words[0]["text"]]]
    for prev, word in zip(words, words[1:]):
        if word["x0"] - prev["x1"] > _COLUMN_GAP * size:
            segments.append([])
        segments[-1].append(word["text"])
    text = " | ".join(" ".join(segment) for segment in segments)
    return Line(text, page, words[0]["x0"], words[-1]["x1"],
                min(w["top"] for w in words), max(w["bottom"] for w in words), fixed=len(segments) > 1)


def _table_lines(table, page: int) -> list[Line]:
    lines = []
    for row, cells in zip(table.rows, table.extract()):
        texts = [" ".join(cell.split()) for cell in cells if cell is not None]
        if any(texts):
            x0, top, x1, bottom = row.bbox
            lines.append(Line(" | ".join(texts), page, x0, x1, top, bottom, table=True))
    return lines
