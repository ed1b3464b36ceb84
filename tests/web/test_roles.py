"""Roles: officers see their body's tasks only (404 otherwise); leaders change nothing."""
from __future__ import annotations


def test_officer_sees_only_their_body(login, notice):
    officer = login("officer_yt")
    listing = officer.get("/tasks").text
    assert f'href="/tasks/{notice["yt"]}"' in listing
    assert f'href="/tasks/{notice["tc"]}"' not in listing
    assert officer.get(f"/tasks/{notice['yt']}").status_code == 200
    assert officer.get(f"/tasks/{notice['tc']}").status_code == 404
    r = officer.post(f"/tasks/{notice['tc']}/report", data={"text": "x", "csrf_token": officer.csrf})
    assert r.status_code == 404


def test_officer_document_scope(login, notice, store):
    from chidao.web.uploads import ingest_upload
    other = ingest_upload(store, "khac.txt", "Giao Sở Xây dựng kiểm tra các công trình.".encode(), "clerk")
    officer = login("officer_yt")
    assert officer.get(f"/documents/{notice['document']}").status_code == 200
    assert officer.get(f"/documents/{other.document_id}").status_code == 404
    assert officer.get("/documents/999999").status_code == 404


def test_officer_reports_and_asks_extension(login, notice):
    officer = login("officer_yt")
    task = notice["yt"]
    r = officer.post(f"/tasks/{task}/report", data={"text": "Đã kiểm tra 5 huyện", "csrf_token": officer.csrf})
    assert "Đã ghi báo cáo tiến độ" in r.text and "Đã kiểm tra 5 huyện" in r.text
    r = officer.post(f"/tasks/{task}/extend", data={"to": "2031-01-31", "reason": "chờ số liệu",
                                                    "csrf_token": officer.csrf})
    assert "Đã gửi đề nghị gia hạn" in r.text
    r = officer.post(f"/tasks/{task}/approve", data={"csrf_token": officer.csrf})
    assert r.status_code == 403


def test_clerk_approves_extension(login, notice):
    officer, clerk = login("officer_yt"), login("clerk")
    task = notice["yt"]
    officer.post(f"/tasks/{task}/extend", data={"to": "2031-01-31", "reason": "chờ số liệu", "csrf_token": officer.csrf})
    r = clerk.post(f"/tasks/{task}/approve", data={"decision": "45/UBND-TH", "csrf_token": clerk.csrf})
    assert "Đã đồng ý gia hạn" in r.text and "31/01/2031" in r.text and "hạn ban đầu 15/12/2030" in r.text


def test_leader_reads_but_cannot_change(login, notice):
    leader = login("leader")
    assert leader.get(f"/tasks/{notice['tc']}").status_code == 200
    assert leader.get("/").status_code == 200
    for action, data in (("report", {"text": "x"}), ("accept", {}), ("done", {})):
        r = leader.post(f"/tasks/{notice['tc']}/{action}", data={**data, "csrf_token": leader.csrf})
        assert r.status_code == 403, action
    assert leader.get("/admin/users").status_code == 403


def test_admin_adds_user(login):
    admin = login("admin")
    r = admin.post("/admin/users", data={"name": "moi", "role": "clerk", "password": "12345678",
                                         "body": "", "csrf_token": admin.csrf})
    assert "Đã tạo người dùng “moi”" in r.text
    r = admin.post("/admin/users", data={"name": "cb", "role": "officer", "password": "12345678",
                                         "body": "", "csrf_token": admin.csrf})
    assert "phải gắn với một cơ quan" in r.text
    login("moi", "12345678")
