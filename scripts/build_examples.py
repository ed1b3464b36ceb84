#!/usr/bin/env python3
"""Build the example documents that are not plain UTF-8 text from their sources in examples/src/.

    .venv/bin/python scripts/build_examples.py            # build, then check the gold quotes
    .venv/bin/python scripts/build_examples.py --check    # only check

Each source in examples/src/ is the UTF-8 text, one paragraph a line, that a reader of the
built file is expected to give back (a Word table is written one row a line, its cells
joined by " | "). From them this script writes:

* examples/lamdong-kh-pccr-2023.docx  - a plan whose task table is a real Word table;
* examples/quangngai-tb-giaoduc-2021.pdf - a text PDF (DejaVu Sans), several pages, wrapped
  lines, a two-column header and page numbers at the top from page 2 on;
* examples/thanhhoa-cv-dichta-2019-tcvn3.txt - the source encoded in TCVN3 (ABC), CRLF lines.

The output is deterministic (fixed timestamps), so running the script again changes nothing.
After building, every gold quote of these three documents is looked up in the text that
chidao's own readers produce from the built file; it must occur exactly once.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import unicodedata
import zipfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SRC = EXAMPLES / "src"
GOLD = EXAMPLES / "gold"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_TIME = datetime(2024, 1, 1, tzinfo=timezone.utc)
ZIP_TIME = (2024, 1, 1, 0, 0, 0)

DOCX = ("lamdong-kh-pccr-2023.txt", "lamdong-kh-pccr-2023.docx")
PDF = ("quangngai-tb-giaoduc-2021.txt", "quangngai-tb-giaoduc-2021.pdf")
TCVN3 = ("thanhhoa-cv-dichta-2019.txt", "thanhhoa-cv-dichta-2019-tcvn3.txt")

# Lines of the header block that Word documents centre; the rest of the header is left.
CENTRED_TITLES = ("KẾ HOẠCH", "THÔNG BÁO", "QUYẾT ĐỊNH", "CÔNG VĂN", "CHỈ THỊ", "CÔNG ĐIỆN")


def read_source(name: str) -> list[str]:
    text = (SRC / name).read_text("utf-8")
    return [line for line in unicodedata.normalize("NFC", text).split("\n")]


# --------------------------------------------------------------------------- docx

def build_docx(src: str, out: str) -> Path:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    lines = [line for line in read_source(src) if line.strip()]
    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    core = document.core_properties
    core.author = "chidao examples"
    core.title = lines[7] if len(lines) > 7 else out
    core.created = core.modified = core.last_printed = FIXED_TIME.replace(tzinfo=None)
    core.revision = 1

    header_end = _first_body_line(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("TT | "):
            rows = []
            while i < len(lines) and " | " in lines[i]:
                rows.append(lines[i].split(" | "))
                i += 1
            _docx_table(document, rows, Pt, Cm, WD_TABLE_ALIGNMENT)
            continue
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line)
        if i < header_end:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = line.isupper() or line in CENTRED_TITLES or line.startswith("Độc lập")
            if line.startswith("Số:") or "ngày" in line and "tháng" in line and "năm" in line:
                run.bold = False
                run.italic = "ngày" in line
        elif _signature_block(lines, i):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = line.isupper() or i == len(lines) - 1
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(1.0)
            if line[:3].rstrip(".").isupper() and ". " in line[:6]:
                run.bold = True  # I. MỤC ĐÍCH …
        i += 1

    buffer = io.BytesIO()
    document.save(buffer)
    path = EXAMPLES / out
    path.write_bytes(_stable_zip(buffer.getvalue()))
    return path


def _docx_table(document, rows, Pt, Cm, WD_TABLE_ALIGNMENT) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(1.0), Cm(6.0), Cm(3.2), Cm(3.6), Cm(2.6)][:width]
    for r, cells in enumerate(rows):
        cells = cells + [""] * (width - len(cells))
        for c, text in enumerate(cells):
            cell = table.cell(r, c)
            cell.width = widths[c] if c < len(widths) else Cm(2.5)
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.font.size = Pt(12)
            run.bold = r == 0 or (c == 0 and not text.isdigit() and text != "")


def _first_body_line(lines: list[str]) -> int:
    """Index of the first line after the trích yếu (the header block ends there)."""
    for i, line in enumerate(lines):
        if line.strip() in CENTRED_TITLES:
            return i + 2
    return 0


def _signature_block(lines: list[str], i: int) -> bool:
    tail = 4
    for j in range(len(lines) - 1, -1, -1):
        if lines[j].startswith(("KT.", "TM.", "TL.", "CHỦ TỊCH", "GIÁM ĐỐC")):
            tail = len(lines) - j
        if lines[j].startswith("- Lưu"):
            break
    return i >= len(lines) - tail


def _stable_zip(data: bytes) -> bytes:
    """The same archive with fixed member timestamps and order, so builds are byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


# --------------------------------------------------------------------------- pdf

def build_pdf(src: str, out: str) -> Path:
    from fpdf import FPDF

    lines = [line for line in read_source(src) if line.strip()]

    class Document(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("DejaVu", size=11)
                self.set_y(10)
                self.cell(0, 6, str(self.page_no()), align="C")
                self.set_y(22)

    pdf = Document(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_producer("chidao examples")
    pdf.set_creator("scripts/build_examples.py")
    pdf.set_title(lines[7] if len(lines) > 7 else out)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
    pdf.set_margins(left=25, top=20, right=18)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()

    # Two-column header as in the printed form: issuer left, national motto right;
    # number left, place and date right.
    issuer, province, motto1, motto2, number, dated = lines[:6]
    col = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    for left, right, style in ((issuer, motto1, "B"), (province, motto2, "B"), (number, dated, "")):
        pdf.set_font("DejaVu", style, 10.5)
        pdf.cell(col - 6, 6, left, align="C")
        pdf.set_font("DejaVu", "I" if right is dated else style, 10.5)
        pdf.cell(col + 6, 6, right, align="C", new_x="LMARGIN", new_y="NEXT")
        if right is motto2:
            pdf.ln(3)
    pdf.ln(6)
    body = lines[6:]
    title_end = 2
    for i, line in enumerate(body):
        if i < title_end:
            pdf.set_font("DejaVu", "B", 12.5 if i == 0 else 11.5)
            pdf.multi_cell(0, 6.5, line, align="C", new_x="LMARGIN", new_y="NEXT")
            if i == title_end - 1:
                pdf.ln(4)
            continue
        if line.startswith("Nơi nhận"):
            pdf.ln(4)
            pdf.set_font("DejaVu", "B", 10)
            pdf.multi_cell(0, 5, line, align="L", new_x="LMARGIN", new_y="NEXT")
            continue
        if line.startswith("- ") and _after(body, i, "Nơi nhận"):
            pdf.set_font("DejaVu", "", 9.5)
            pdf.multi_cell(0, 4.8, line, align="L", new_x="LMARGIN", new_y="NEXT")
            continue
        if _after(body, i, "- Lưu"):
            if line.startswith(("TL.", "KT.", "TM.")):
                pdf.ln(4)
            pdf.set_font("DejaVu", "B", 11)
            if line == body[-1]:
                pdf.ln(16)
            pdf.set_x(pdf.w / 2)
            pdf.multi_cell(pdf.w / 2 - pdf.r_margin, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
            continue
        bold = line[:2].rstrip(".").isdigit() and len(line) < 60  # "1. Đánh giá chung"
        pdf.set_font("DejaVu", "B" if bold else "", 11.5)
        pdf.multi_cell(0, 6.4, line, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.6)
    path = EXAMPLES / out
    path.write_bytes(bytes(pdf.output()))
    return path


def _after(lines: list[str], i: int, marker: str) -> bool:
    return any(line.startswith(marker) for line in lines[:i])


# --------------------------------------------------------------------------- TCVN3

def build_tcvn3(src: str, out: str) -> Path | None:
    try:
        from chidao.text.legacy import encode
    except ImportError:  # the legacy module is written elsewhere; build the rest meanwhile
        print(f"skipped {out}: chidao.text.legacy is not available", file=sys.stderr)
        return None
    text = "\n".join(read_source(src)).rstrip("\n") + "\n"
    data = encode(text.replace("\n", "\r\n"), "tcvn3")
    path = EXAMPLES / out
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- check

def check() -> int:
    """Look every gold quote of the built documents up in what chidao's readers make of them."""
    try:
        from chidao.text.readers import read_document
    except ImportError:
        print("cannot check: chidao.text.readers is not available", file=sys.stderr)
        return 0
    problems = 0
    for _, out in (DOCX, PDF, TCVN3):
        gold_path = GOLD / (Path(out).stem.removesuffix("-tcvn3") + ".json")
        path = EXAMPLES / out
        if not path.exists() or not gold_path.exists():
            print(f"{out}: not built or no gold", file=sys.stderr)
            continue
        gold = json.loads(gold_path.read_text("utf-8"))
        text = read_document(path)
        seen: dict[tuple, int] = {}
        for kind in ("tasks", "references"):
            for i, item in enumerate(gold.get(kind, [])):
                quote = unicodedata.normalize("NFC", item["quote"])
                n = text.count(quote)
                if n != 1:
                    problems += 1
                    print(f"{out} {kind}[{i}]: quote occurs {n} times in the read text: {quote[:70]!r}")
                elif kind == "tasks":
                    # one task per paragraph per assignee set, in the paragraphs the reader makes
                    start = text.rfind("\n", 0, text.find(quote)) + 1
                    key = (start, tuple(sorted(a.lower() for a in item["assignees"])))
                    if key in seen:
                        problems += 1
                        print(f"{out} tasks[{i}]: same read paragraph and assignees as tasks[{seen[key]}]")
                    seen[key] = i
        print(f"{out}: {len(gold.get('tasks', []))} tasks, {len(gold.get('references', []))} references checked")
    print("problems:", problems)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the gold quotes")
    args = parser.parse_args(argv)
    if not args.check:
        for built in (build_docx(*DOCX), build_pdf(*PDF), build_tcvn3(*TCVN3)):
            if built is not None:
                print("wrote", built.relative_to(ROOT))
    return 1 if check() else 0


if __name__ == "__main__":
    sys.exit(main())
