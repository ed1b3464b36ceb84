"""The DOCX reports render to PDF with LibreOffice headless (skipped where it is not installed):
the first page holds the national heading and the title, and its image is not blank."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from chidao.registry import load
from chidao.reports import digest as digests
from chidao.reports.docx import Form, write_docx
from chidao.reports.period import period_report

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _pdf(docx_path, tmp_path):
    profile = tmp_path / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx_path)], check=True, timeout=180,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pdf = tmp_path / (docx_path.stem + ".pdf")
    assert pdf.is_file()
    return pdf


def _first_page(pdf, png):
    import pdfplumber
    import pypdfium2
    with pdfplumber.open(pdf) as doc:
        text = " ".join((doc.pages[0].extract_text() or "").split())
        pages = len(doc.pages)
    page = pypdfium2.PdfDocument(str(pdf))[0]
    image = page.render(scale=1.5).to_pil()
    image.save(png)
    gray = image.convert("L")
    dark = gray.histogram()[:128]
    dark = sum(dark)
    return text, pages, dark / (gray.width * gray.height)


def test_period_docx_renders_to_pdf(store, ingest, examples, tmp_path):
    ingest(*(examples / n for n in ("binhdinh-syt-cv-sotxuathuyet-2022.txt", "binhthuan-qd-tocongtac-2022.txt",
                                    "thainguyen-daitu-cv-khoangsan-2022.txt")))
    report = period_report(store, load(), date(2022, 1, 1), date(2022, 12, 31))
    path = write_docx(report, tmp_path / "bao-cao-ky.docx", Form(on=date(2023, 1, 5)))
    text, pages, ink = _first_page(_pdf(path, tmp_path), tmp_path / "bao-cao-ky.png")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Lạng Sơn, ngày 05 tháng 01 năm 2023" in text
    assert "BÁO CÁO" in text
    assert pages >= 2 and 0.005 < ink < 0.5


def test_weekly_docx_renders_to_pdf(store, ingest, examples, tmp_path):
    ingest(*(examples / n for n in ("binhdinh-syt-cv-sotxuathuyet-2022.txt", "thainguyen-daitu-cv-khoangsan-2022.txt")))
    digest = digests.digest_from_store(store, date(2022, 6, 20), date(2022, 6, 26))
    path = digests.write_docx(digest, tmp_path / "tuan.docx")
    text, pages, ink = _first_page(_pdf(path, tmp_path), tmp_path / "tuan.png")
    assert "Chỉ đạo, điều hành nổi bật của UBND tỉnh trong tuần" in text
    assert "1375/UBND-TNMT" in text
    assert 0.005 < ink < 0.5
