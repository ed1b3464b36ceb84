"""Fixtures of the web tests: an app on the test's store (each backend), users of every
role, and one Lạng Sơn notice with three tasks (Sở Tài chính overdue, Sở Y tế in time,
Sở Giáo dục và Đào tạo without a deadline)."""
from __future__ import annotations

import re

import pytest

PASSWORD = "mat-khau-123"
BODIES = {"tc": "lang-son/so-tai-chinh", "yt": "lang-son/so-y-te"}
NOTICE = """ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN
Số: 123/TB-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lạng Sơn, ngày 10 tháng 3 năm 2024
THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về giải phóng mặt bằng
Thực hiện Quyết định số 1101/QĐ-UBND ngày 17/7/2023 của UBND tỉnh, Chủ tịch UBND tỉnh kết luận như sau:
1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát kinh phí giải phóng mặt bằng, báo cáo UBND tỉnh trước ngày 30/4/2024.
2. Giao Sở Y tế chủ trì kiểm tra công tác phòng chống dịch bệnh, báo cáo UBND tỉnh trước ngày 15/12/2030.
3. Sở Giáo dục và Đào tạo tổ chức tập huấn cho giáo viên về chuyển đổi số.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@pytest.fixture
def web(store):
    """The app with users admin, clerk, leader, officer_yt (Sở Y tế), officer_tc."""
    from chidao.web import accounts
    from chidao.web.app import create_app

    app = create_app(store=store, max_upload=200_000)
    for name, role, body in (("admin", "admin", None), ("clerk", "clerk", None), ("leader", "leader", None),
                             ("officer_yt", "officer", BODIES["yt"]), ("officer_tc", "officer", BODIES["tc"])):
        accounts.add_user(store, name, role, PASSWORD, body)
    return app


@pytest.fixture
def notice(web, store):
    """The notice ingested and its tasks accepted: {"document": id, "tc": id, "yt": id, "gd": id}."""
    from chidao.tracking.service import Tracker
    from chidao.web.uploads import ingest_upload

    result = ingest_upload(store, "tb-123.txt", NOTICE.encode(), "clerk")
    assert result.status == "new" and result.tasks == 3, result
    ids = Tracker(store, actor="clerk").accept_document(result.document_id)
    return {"document": result.document_id, "tc": ids[0], "yt": ids[1], "gd": ids[2]}


@pytest.fixture
def login(web):
    """``login(name)`` → a TestClient signed in as that user."""
    from fastapi.testclient import TestClient

    def run(name: str, password: str = PASSWORD):
        client = TestClient(web)
        page = client.get("/login")
        response = client.post("/login", data={"username": name, "password": password,
                                                "csrf_token": csrf_of(page.text), "next": "/"})
        assert response.status_code == 200 and "Đăng xuất" in response.text, response.text[:500]
        client.csrf = csrf_of(response.text)
        return client
    return run


@pytest.fixture
def api(web, store):
    """``api(name)`` → a TestClient sending that user's bearer token."""
    from fastapi.testclient import TestClient

    from chidao.web import accounts

    def run(name: str):
        client = TestClient(web)
        client.headers["Authorization"] = "Bearer " + accounts.issue_token(store, name)
        return client
    return run
