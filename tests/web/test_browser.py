"""Real-browser scenarios (Playwright driving Debian's chromium) against a live server."""
from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.web.conftest import NOTICE, PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SHOTS = Path(os.environ.get("CHIDAO_SCREENSHOTS") or tempfile.gettempdir()) / "chidao-screens"

pytestmark = pytest.mark.skipif(not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists(),
                                reason="chromium is not installed")


@pytest.fixture
def server(web):
    """The app served by uvicorn on a free loopback port, in a thread."""
    import uvicorn
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(web, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _files(folder: Path) -> tuple[Path, Path]:
    import docx
    from fpdf import FPDF
    d = docx.Document()
    for line in NOTICE.splitlines():
        d.add_paragraph(line)
    docx_path = folder / "tb-123.docx"
    d.save(docx_path)
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=11)
    text = NOTICE.replace("123/TB-UBND", "77/TB-UBND").replace("ngày 10 tháng 3", "ngày 12 tháng 3")
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf_path = folder / "tb-77.pdf"
    pdf.output(str(pdf_path))
    return docx_path, pdf_path


def _login(browser, base: str, name: str):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(base + "/login")
    page.fill('input[name="username"]', name)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_selector("text=Đăng xuất")
    return page


def _count(page, key: str) -> int:
    return int(page.locator(f'a.card.t-{key} .n').inner_text())


def test_clerk_and_officer_work_through_the_browser(server, browser, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    docx_path, pdf_path = _files(tmp_path)
    clerk = _login(browser, server, "clerk")
    assert _count(clerk, "on_track") == 0
    clerk.screenshot(path=str(SHOTS / "dashboard-empty.png"), full_page=True)

    clerk.goto(server + "/documents")
    clerk.set_input_files("#files", [str(docx_path), str(pdf_path)])
    clerk.click("#upload button[type=submit]")
    clerk.wait_for_selector("#upload-results li:nth-child(2)", timeout=30000)
    results = clerk.locator("#upload-results").inner_text()
    assert results.count("đã lưu, 3 nhiệm vụ") == 2, results
    clerk.screenshot(path=str(SHOTS / "upload.png"), full_page=True)

    clerk.goto(server + "/review")
    assert "Nhiệm vụ chờ xác nhận (6)" in clerk.content()
    clerk.screenshot(path=str(SHOTS / "review.png"), full_page=True)
    for _ in range(6):
        clerk.locator("button.accept").first.click()
        clerk.wait_for_selector(".flash")
    assert "Nhiệm vụ chờ xác nhận (0)" in clerk.content()

    clerk.goto(server + "/")
    assert _count(clerk, "overdue") == 2 and _count(clerk, "on_track") == 2
    clerk.goto(server + "/documents")
    clerk.click("text=tb-123.docx >> nth=0") if clerk.locator("text=tb-123.docx").count() else \
        clerk.click("a:has-text('123/TB-UBND')")
    doc_url = clerk.url
    clerk.evaluate("""() => {
        const seg = [...document.querySelectorAll('#doc-text .seg')]
            .find(s => s.textContent.includes('giải phóng mặt bằng') && !s.closest('.hl-task'));
        const node = seg.firstChild, at = node.textContent.indexOf('Kết luận');
        const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + 'Kết luận của Chủ tịch UBND tỉnh'.length);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    }""")
    clerk.wait_for_selector("#add-task-btn:not([disabled])")
    assert clerk.locator("#sel-text").inner_text() == "Kết luận của Chủ tịch UBND tỉnh"
    clerk.fill('#add-task input[name="assignees"]', "Sở Xây dựng")
    clerk.fill('#add-task input[name="deadline"]', "31/12/2030")
    clerk.screenshot(path=str(SHOTS / "document.png"), full_page=True)
    clerk.click("#add-task-btn")
    clerk.wait_for_selector(".flash")
    assert "Đã thêm nhiệm vụ" in clerk.content() and "Kết luận của Chủ tịch UBND tỉnh" in clerk.content()

    officer = _login(browser, server, "officer_yt")
    officer.goto(server + "/tasks")
    links = officer.locator("table.list a[href^='/tasks/']")
    assert links.count() == 2  # Sở Y tế's task in both documents
    officer.goto(server + links.first.get_attribute("href"))
    task_url = officer.url
    officer.fill("#report textarea", "Đã kiểm tra 11 huyện, thành phố.")
    officer.click("#report button")
    officer.wait_for_selector(".flash")
    officer.fill('#extend input[name="to"]', "2031-03-31")
    officer.fill('#extend input[name="reason"]', "Chờ số liệu quý I")
    officer.click("#extend button")
    officer.wait_for_selector("text=Đã gửi đề nghị gia hạn")
    officer.screenshot(path=str(SHOTS / "task-officer.png"), full_page=True)

    clerk.goto(task_url)
    clerk.fill('#approve input[name="decision"]', "15/UBND-TH")
    clerk.click("#approve button")
    clerk.wait_for_selector("text=Đã đồng ý gia hạn")
    assert "31/03/2031" in clerk.content()

    tc_task = re.search(r"/tasks/(\d+)", task_url).group(1)
    clerk.goto(server + "/tasks?timeliness=overdue")
    other = clerk.locator("table.list a[href^='/tasks/']").first.get_attribute("href")
    assert other != f"/tasks/{tc_task}"
    response = officer.goto(server + other)
    assert response.status == 404 and "Không tìm thấy" in officer.content()
    response = officer.goto(doc_url.replace("/documents/", "/documents/9999"))
    assert response.status == 404

    clerk.goto(server + "/")
    assert _count(clerk, "on_track") == 3  # the added task joined
    clerk.screenshot(path=str(SHOTS / "dashboard.png"), full_page=True)
    clerk.goto(server + "/tasks")
    clerk.screenshot(path=str(SHOTS / "tasks.png"), full_page=True)
    clerk.goto(server + "/search?q=phong chong dich")
    assert clerk.locator("mark").count() >= 1
    clerk.screenshot(path=str(SHOTS / "search.png"), full_page=True)
