"""The ``chidao`` console script, run as a real process: output formats, and bad input.

A file that cannot be read must give one line on stderr naming it and the problem, no
traceback, exit code 2, and the other files of the same batch must still be processed.
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHIDAO = Path(sys.executable).with_name("chidao")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

LETTER = """ỦY BAN NHÂN DÂN
TỈNH TUYÊN QUANG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 2290/UBND-KT
V/v rà soát kinh phí sửa chữa trường học
Tuyên Quang, ngày 04 tháng 12 năm 2023
Kính gửi:
- Sở Tài chính;
- Sở Giáo dục và Đào tạo.
Thực hiện Quyết định số 1101/QĐ-UBND ngày 17/7/2023 của UBND tỉnh, Ủy ban nhân dân tỉnh có ý kiến như sau:
Giao Sở Tài chính chủ trì, phối hợp với Sở Giáo dục và Đào tạo rà soát kinh phí sửa chữa trường học, \
báo cáo UBND tỉnh trước ngày 20/12/2023.
Nơi nhận:
- Như trên;
- Lưu: VT, KT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Văn Hải
"""
SENTENCE = "Sở Y tế chủ trì kiểm tra công tác tiêm chủng tại các địa phương, báo cáo trước ngày 20/10/2023."


def run(*args: str | Path, cwd: Path, columns: int | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR")}
    if columns:
        env["COLUMNS"] = str(columns)
    return subprocess.run([str(CHIDAO), *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=120, check=False)


@pytest.fixture(scope="module", autouse=True)
def _script():
    if not CHIDAO.exists():
        found = shutil.which("chidao")
        assert found, "the chidao console script is not installed"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    p = tmp_path / "good.txt"
    p.write_text(LETTER, "utf-8")
    return p


def json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def stderr_lines(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.strip()]


# --- output formats ------------------------------------------------------------------------------

def test_json_for_one_file(tmp_path, good):
    proc = run("extract", good, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    data = json.loads(proc.stdout)
    assert data["schema"] == "chidao.extract/1"
    assert data["source"] == "good.txt"
    assert data["document"]["number"] == "2290/UBND-KT"
    assert data["document"]["date"] == "2023-12-04"
    assert [r["number"] for r in data["references"]] == ["1101/QĐ-UBND"]
    assert [(t["assignees"], t["coordinators"], t["deadline"]["date"]) for t in data["tasks"]] == [
        (["Sở Tài chính"], ["Sở Giáo dục và Đào tạo"], "2023-12-20")]


def test_json_lines_for_several_files(tmp_path, good):
    other = tmp_path / "other.txt"
    other.write_text(SENTENCE + "\n", "utf-8")
    proc = run("extract", good, other, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["source"] for line in lines] == ["good.txt", "other.txt"]


def test_table_has_vietnamese_headers(tmp_path, good):
    proc = run("extract", good, "--format", "table", cwd=tmp_path, columns=200)
    assert proc.returncode == 0, proc.stderr
    for header in ("Cơ quan chủ trì", "Phối hợp", "Nội dung", "Thời hạn"):
        assert header in proc.stdout
    assert "good.txt" in proc.stdout
    assert "Sở Tài chính" in proc.stdout and "2023-12-20" in proc.stdout
    assert "1 nhiệm vụ" in proc.stdout


# --- bad input --------------------------------------------------------------------------------------

def make_empty(d: Path) -> Path:
    p = d / "empty.txt"
    p.write_bytes(b"")
    return p


def make_garbage(d: Path) -> Path:
    p = d / "scan.txt"
    p.write_bytes(random.Random(7).randbytes(4096))
    return p


def make_truncated_docx(d: Path) -> Path:
    import docx
    doc = docx.Document()
    for _ in range(20):
        doc.add_paragraph(SENTENCE)
    full = d / "full.docx"
    doc.save(full)
    data = full.read_bytes()
    full.unlink()
    p = d / "truncated.docx"
    p.write_bytes(data[: len(data) // 2])
    return p


def make_pdf(path: Path, lines: int = 30) -> bytes:
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=11)
    for _ in range(lines):
        pdf.multi_cell(0, 7, SENTENCE, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path.read_bytes()


def make_truncated_pdf(d: Path) -> Path:
    data = make_pdf(d / "full.pdf")
    (d / "full.pdf").unlink()
    p = d / "truncated.pdf"
    p.write_bytes(data[: len(data) // 2])
    return p


def make_huge(d: Path) -> Path:
    p = d / "huge.txt"
    line = (SENTENCE + "\n").encode("utf-8")
    with open(p, "wb") as f:
        f.write(line * (50 * 1024 * 1024 // len(line) + 1))
    assert p.stat().st_size >= 50 * 1024 * 1024
    return p


def make_missing(d: Path) -> Path:
    return d / "missing.txt"


def make_directory(d: Path) -> Path:
    p = d / "folder.txt"
    p.mkdir()
    return p


BAD = {
    "empty": (make_empty, "rỗng"),
    "binary garbage": (make_garbage, "nhị phân|không phải văn bản|không phải loại văn bản|không đọc được"),
    "truncated docx": (make_truncated_docx, "bị hỏng|Word|ZIP|zip"),
    "truncated pdf": (make_truncated_pdf, "bị hỏng|PDF|pdf"),
    "50 MB text": (make_huge, "quá lớn"),
    "missing": (make_missing, "không tìm thấy"),
    "directory": (make_directory, "thư mục"),
}


def assert_one_line_about(proc: subprocess.CompletedProcess, bad: Path, problem: str) -> None:
    lines = stderr_lines(proc)
    assert "Traceback" not in proc.stderr
    assert len(lines) == 1, proc.stderr
    assert str(bad) in lines[0]
    assert re.search(problem, lines[0].split(str(bad), 1)[1]), lines[0]


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path, good):
    """Every kind of bad file in one batch, between two good ones."""
    kinds = sorted(BAD)
    bads = [BAD[k][0](tmp_path) for k in kinds]
    after = tmp_path / "after.txt"
    after.write_text(SENTENCE + "\n", "utf-8")
    proc = run("extract", good, *bads, after, cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = stderr_lines(proc)
    assert len(lines) == len(bads), proc.stderr
    for kind, bad, line in zip(kinds, bads, lines):
        assert str(bad) in line, (kind, line)
        assert re.search(BAD[kind][1], line.split(str(bad), 1)[1]), (kind, line)
    assert [d["source"] for d in json_lines(proc.stdout)] == ["good.txt", "after.txt"]


def test_table_format_with_a_bad_file(tmp_path, good):
    bad = make_empty(tmp_path)
    proc = run("extract", bad, good, "--format", "table", cwd=tmp_path, columns=200)
    assert proc.returncode == 2
    assert_one_line_about(proc, bad, "rỗng")
    assert "Cơ quan chủ trì" in proc.stdout and "good.txt" in proc.stdout


def test_message_stays_on_one_line_for_a_long_path(tmp_path, good):
    deep = tmp_path.joinpath(*["thu-muc-van-ban-den-nam-2023"] * 5)
    deep.mkdir(parents=True)
    bad = make_truncated_docx(deep)
    proc = run("extract", bad, good, cwd=tmp_path)
    assert proc.returncode == 2
    assert_one_line_about(proc, bad, "bị hỏng|Word|ZIP|zip")


def test_file_name_is_printed_as_given(tmp_path, good):
    bad = tmp_path / "[bold]bien-ban[/bold] [red]x.txt"
    proc = run("extract", bad, good, cwd=tmp_path)
    assert proc.returncode == 2
    assert_one_line_about(proc, bad, "không tìm thấy")


# --- wrong extensions: the content decides ------------------------------------------------------------

def test_pdf_named_docx_is_read_as_pdf(tmp_path):
    p = tmp_path / "really-a-pdf.docx"
    p.write_bytes(make_pdf(tmp_path / "x.pdf", lines=2))
    proc = run("extract", p, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["source"] == "really-a-pdf.docx"
    assert data["tasks"] and data["tasks"][0]["assignees"] == ["Sở Y tế"]


def test_text_named_pdf_is_read_as_text(tmp_path):
    p = tmp_path / "really-text.pdf"
    p.write_text(SENTENCE + "\n", "utf-8")
    proc = run("extract", p, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [t["assignees"] for t in data["tasks"]] == [["Sở Y tế"]]
    assert data["tasks"][0]["deadline"]["date"] == "2023-10-20"


def test_table_prints_document_text_literally(tmp_path, good):
    """Brackets in a document ("[/i]", "[bold]") are text, not console markup: no crash, nothing dropped."""
    odd = tmp_path / "[red]odd.txt"
    text = LETTER.replace("V/v rà soát kinh phí sửa chữa trường học", "V/v rà soát [/i] kinh phí")
    text = text.replace("rà soát kinh phí sửa chữa trường học,", "rà soát [bold]kinh phí[/bold] sửa chữa trường học,")
    odd.write_text(text, "utf-8")
    proc = run("extract", odd, good, "--format", "table", cwd=tmp_path, columns=250)
    assert "Traceback" not in proc.stderr and "MarkupError" not in proc.stderr + proc.stdout
    assert proc.returncode == 0, proc.stderr
    assert "[red]odd.txt" in proc.stdout
    assert "rà soát [/i] kinh phí" in proc.stdout
    assert "[bold]kinh phí[/bold]" in proc.stdout
    assert "good.txt" in proc.stdout
