"""Report pages over HTTP: the weekly digest (/bao-cao/tuan) and the period report (/bao-cao/ky)
with their downloads and JSON under /api/v1/reports, from real example documents."""
from __future__ import annotations

import io
import re
from datetime import date

import docx
import openpyxl
import pytest
from sqlalchemy import select

from chidao.reports.period import BodyFigures, percent, period_report
from chidao.reports.svg import rate_chart_svg
from chidao.store.models import DocumentRow
from chidao.store.tasks import TaskQuery, list_tasks

WEEK = {"tu": "2022-06-20", "den": "2022-06-26"}
YEAR = {"tu": "2022-01-01", "den": "2022-12-31"}
IN_WEEK = ("binhdinh-syt-cv-sotxuathuyet-2022.txt", "thainguyen-daitu-cv-khoangsan-2022.txt")
OUTSIDE = ("binhthuan-qd-tocongtac-2022.txt",)


@pytest.fixture
def examples_in(web, store, examples, extract_cached):
    """The three 2022 examples ingested and accepted: {number: [task lines]}."""
    from chidao.tracking.ingest import ingest_paths
    list(ingest_paths(store, [examples / n for n in IN_WEEK + OUTSIDE], accept=True, actor="clerk",
                      extractor=extract_cached))
    with store.read() as s:
        docs = {d.number: d.id for d in s.scalars(select(DocumentRow))}
        return {number: list_tasks(s, TaskQuery(document_id=i)) for number, i in docs.items()}


def test_weekly_page_lists_every_document_and_due_date(login, examples_in):
    for role in ("admin", "clerk", "leader", "officer_yt"):
        r = login(role).get("/bao-cao/tuan", params=WEEK)
        assert r.status_code == 200, r.text[:300]
        html = r.text
        assert "Đăng xuất" in html and 'href="/bao-cao/ky"' in html  # inside the site layout, nav links
        assert "từ ngày 20/06 đến ngày 26/06/2022" in html
        for number in ("1375/UBND-TNMT", "2418/SYT-NVY"):
            assert number in html
            assert examples_in[number]
            for line in examples_in[number]:
                if line.due_date:
                    assert f"{line.due_date:%d/%m/%Y}" in html
        assert "1846/QĐ-UBND" not in html
        assert 'href="/bao-cao/tuan.docx?tu=2022-06-20&amp;den=2022-06-26"' in html


def test_weekly_docx_and_api(login, api, examples_in):
    r = login("leader").get("/bao-cao/tuan.docx", params=WEEK)
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
    assert "1375/UBND-TNMT" in text and "2418/SYT-NVY" in text
    data = api("officer_tc").get("/api/v1/reports/weekly", params={"from": WEEK["tu"], "to": WEEK["den"]}).json()
    assert [d["number"] for d in data["documents"]] == ["1375/UBND-TNMT", "2418/SYT-NVY"]
    assert data["counts"]["documents"] == 2
    assert data["counts"]["tasks"] == len(examples_in["1375/UBND-TNMT"]) + len(examples_in["2418/SYT-NVY"])
    first = data["documents"][1]
    assert first["citation"] == "Công văn số 2418/SYT-NVY ngày 22/06/2022" and first["type"] == "Công văn"
    dues = {t["due"] for d in data["documents"] for t in d["tasks"] if t["due"]}
    assert dues == {x.due_date.isoformat() for n in ("1375/UBND-TNMT", "2418/SYT-NVY")
                    for x in examples_in[n] if x.due_date}
    assert all(t["assignees"] for d in data["documents"] for t in d["tasks"])


def test_period_page_chart_has_one_bar_per_body(login, store, web, examples_in):
    report = period_report(store, web.state.registry, date(2022, 1, 1), date(2022, 12, 31))
    assert report.current.rows
    html = login("officer_yt").get("/bao-cao/ky", params=YEAR).text
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert svg.count('class="bar"') == len(report.current.rows)
    labels = re.findall(r'<text class="rate"[^>]*>([^<]*)</text>', svg)
    assert labels == [percent(r.rate) or "—" for r in report.current.rows]
    for row in report.current.rows:
        assert row.body in html
    assert 'href="/bao-cao/ky.xlsx?tu=2022-01-01&amp;den=2022-12-31"' in html
    assert 'href="/bao-cao/ky.docx?tu=2022-01-01&amp;den=2022-12-31"' in html


def test_svg_escapes_text():
    svg = rate_chart_svg([BodyFigures("Sở <script>alert(1)</script> & “X”", 4, 1, 2)], title="A <b> & c")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "&amp;" in svg and "75,0%" in svg
    assert svg.count('class="bar"') == 1


def test_period_downloads_and_api(login, api, store, web, examples_in):
    client = login("clerk")
    r = client.get("/bao-cao/ky.xlsx", params=YEAR)
    assert r.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert "Theo cơ quan" in wb.sheetnames
    r = client.get("/bao-cao/ky.docx", params=YEAR)
    assert r.status_code == 200 and docx.Document(io.BytesIO(r.content)).paragraphs
    report = period_report(store, web.state.registry, date(2022, 1, 1), date(2022, 12, 31))
    data = api("leader").get("/api/v1/reports/period", params={"from": "2022-01-01", "to": "2022-12-31"}).json()
    assert data["tasks"] == report.current.tasks > 0
    assert len(data["bodies"]) == len(report.current.rows)
    assert data["total"]["assigned"] == report.current.total.assigned


@pytest.mark.parametrize("path", ["/api/v1/reports/weekly", "/api/v1/reports/period"])
def test_api_bad_and_reversed_dates(api, web, path):
    client = api("clerk")
    for params in ({"from": "2022-06-26", "to": "2022-06-20"}, {"from": "2022-13-01", "to": "2022-06-20"},
                   {"from": "hôm qua", "to": "2022-06-20"}, {"to": "2022-06-20"}):
        r = client.get(path, params=params)
        assert 400 <= r.status_code < 500 and "detail" in r.json(), (params, r.text)
    assert "ngược" in client.get(path, params={"from": "2022-06-26", "to": "2022-06-20"}).json()["detail"]


def test_pages_refuse_reversed_dates(login, web):
    client = login("clerk")
    for path in ("/bao-cao/tuan", "/bao-cao/ky", "/bao-cao/ky.xlsx"):
        r = client.get(path, params={"tu": "2022-06-26", "den": "2022-06-20"}, headers={"accept": "application/json"})
        assert r.status_code == 422 and "ngược" in r.json()["detail"]


def test_anonymous_is_sent_to_login(web):
    from fastapi.testclient import TestClient
    client = TestClient(web)
    for path in ("/bao-cao/tuan", "/bao-cao/ky", "/bao-cao/ky.xlsx", "/bao-cao/tuan.docx"):
        r = client.get(path, params=WEEK, follow_redirects=False)
        assert r.status_code in (302, 303) and "/login" in r.headers["location"], path
    for path in ("/api/v1/reports/weekly", "/api/v1/reports/period"):
        r = client.get(path, params={"from": "2022-06-20", "to": "2022-06-26"})
        assert r.status_code == 401 and r.json()["detail"]


def test_pages_default_to_this_week_and_month(login, web):
    client = login("officer_tc")
    week = client.get("/bao-cao/tuan")
    assert week.status_code == 200 and "Không có văn bản nào trong khoảng thời gian này." in week.text
    month = client.get("/bao-cao/ky")
    assert month.status_code == 200 and "Không có nhiệm vụ nào trong kỳ này." in month.text
    assert client.get("/bao-cao/ky.pdf").status_code == 404
    assert client.get("/bao-cao/tuan", params={"tu": "20/06/2022"}).status_code == 422
