"""REST API: bearer tokens, roles and scope, operations, errors as 4xx JSON."""
from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import NOTICE


def test_token_required(web):
    r = TestClient(web).get("/api/v1/tasks")
    assert r.status_code == 401 and "Bearer" in r.json()["detail"]
    r = TestClient(web, headers={"Authorization": "Bearer sai"}).get("/api/v1/tasks")
    assert r.status_code == 401


def test_task_lifecycle_through_api(api, notice):
    clerk, officer = api("clerk"), api("officer_yt")
    task = notice["yt"]
    r = officer.post(f"/api/v1/tasks/{task}/report", json={"text": "Đã kiểm tra"})
    assert r.status_code == 200 and r.json()["status"] == "in_progress"
    r = officer.post(f"/api/v1/tasks/{task}/extend", json={"to": "2031-02-01", "reason": "thiếu số liệu"})
    assert r.json()["extension_asked_to"] == "2031-02-01"
    assert officer.post(f"/api/v1/tasks/{task}/approve").status_code == 403
    r = clerk.post(f"/api/v1/tasks/{task}/approve", json={"decision": "12/UBND"})
    assert r.json()["due_date"] == "2031-02-01" and r.json()["original_due_date"] == "2030-12-15"
    r = officer.post(f"/api/v1/tasks/{task}/complete", json={})
    assert r.json()["status"] == "done"
    kinds = [e["kind"] for e in clerk.get(f"/api/v1/tasks/{task}").json()["events"]]
    assert kinds[-4:] == ["progress", "extension_asked", "extension_approved", "completed"]


def test_scope_and_roles(api, notice):
    officer, leader = api("officer_yt"), api("leader")
    assert officer.get(f"/api/v1/tasks/{notice['tc']}").status_code == 404
    assert officer.post(f"/api/v1/tasks/{notice['tc']}/report", json={"text": "x"}).status_code == 404
    assert [t["id"] for t in officer.get("/api/v1/tasks").json()["items"]] == [notice["yt"]]
    assert officer.get("/api/v1/documents/999").status_code == 404
    assert leader.get(f"/api/v1/tasks/{notice['tc']}").status_code == 200
    assert leader.post(f"/api/v1/tasks/{notice['tc']}/report", json={"text": "x"}).status_code == 403


def test_documents_search_stats_bodies(api, notice):
    clerk = api("clerk")
    doc = clerk.get(f"/api/v1/documents/{notice['document']}").json()
    assert doc["number"] == "123/TB-UBND"
    assert "Sở Y tế" in clerk.get(f"/api/v1/documents/{notice['document']}/text").json()["text"]
    extraction = clerk.get(f"/api/v1/documents/{notice['document']}/extraction").json()
    assert extraction["schema"].startswith("chidao.extract") and len(extraction["tasks"]) == 3
    hits = clerk.get("/api/v1/search", params={"q": "giai phong mat bang"}).json()
    assert hits and hits[0]["marks"]
    stats = clerk.get("/api/v1/stats").json()
    assert stats["counts"]["overdue"] == 1 and stats["counts"]["on_track"] == 1
    assert any(b["id"] == "lang-son/so-tai-chinh" for b in clerk.get("/api/v1/bodies").json())
    listing = clerk.get("/api/v1/tasks", params={"timeliness": "overdue"}).json()
    assert [t["id"] for t in listing["items"]] == [notice["tc"]]


def test_upload_and_update(api):
    clerk = api("clerk")
    r = clerk.post("/api/v1/documents", files=[("files", ("tb.txt", NOTICE.encode())), ("files", ("x.exe", b"1"))])
    results = r.json()["results"]
    assert results[0]["status"] == "new" and results[1]["status"] == "failed"
    task = clerk.get("/api/v1/tasks", params={"status": "proposed"}).json()["items"][0]["id"]
    r = clerk.patch(f"/api/v1/tasks/{task}", json={"assignees": ["Sở Nội vụ"], "deadline": "2030-01-31"})
    assert r.status_code == 200 and r.json()["assignees"] == ["Sở Nội vụ"] and r.json()["due_date"] == "2030-01-31"
    assert clerk.post(f"/api/v1/tasks/{task}/accept").json()["status"] == "open"
    r = clerk.post(f"/api/v1/tasks/{task}/accept")
    assert r.status_code == 409 and "xác nhận lại" in r.json()["detail"]


def test_errors_are_clear_json(api, notice):
    clerk = api("clerk")
    cases = [clerk.get("/api/v1/tasks", params={"status": "xyz"}),
             clerk.get("/api/v1/tasks", params={"due_from": "hôm nay"}),
             clerk.get("/api/v1/tasks", params={"timeliness": "muộn"}),
             clerk.post(f"/api/v1/tasks/{notice['yt']}/report", json={"text": ""}),
             clerk.post(f"/api/v1/tasks/{notice['yt']}/report", content=b"{not json",
                        headers={"content-type": "application/json"}),
             clerk.post(f"/api/v1/tasks/{notice['yt']}/extend", json={"to": "2020-01-01", "reason": "x"}),
             clerk.patch(f"/api/v1/tasks/{notice['yt']}", json={}),
             clerk.patch(f"/api/v1/tasks/{notice['yt']}", json={"assignees": ["Cơ quan ma"]}),
             clerk.get("/api/v1/tasks/99999999999")]
    for r in cases:
        assert 400 <= r.status_code < 500, (r.status_code, r.text)
        assert r.json()["detail"]


def test_refuse_extension(api, notice):
    clerk, officer, leader = api("clerk"), api("officer_yt"), api("leader")
    task = notice["yt"]
    r = clerk.post(f"/api/v1/tasks/{task}/refuse-extension", json={"reason": "không có căn cứ"})
    assert r.status_code == 409 and "Không có đề nghị gia hạn" in r.json()["detail"]
    officer.post(f"/api/v1/tasks/{task}/extend", json={"to": "2031-02-01", "reason": "thiếu số liệu"})
    for who in (officer, leader):
        r = who.post(f"/api/v1/tasks/{task}/refuse-extension", json={"reason": "không"})
        assert r.status_code == 403 and r.json()["detail"]
    assert api("officer_tc").post(f"/api/v1/tasks/{task}/refuse-extension",
                                  json={"reason": "không"}).status_code == 404
    for body in ({}, {"reason": ""}, {"reason": "   "}, {"reason": "x", "on": "hôm qua"}):
        r = clerk.post(f"/api/v1/tasks/{task}/refuse-extension", json=body)
        assert 400 <= r.status_code < 500 and r.json()["detail"], (body, r.status_code, r.text)
    r = clerk.post(f"/api/v1/tasks/{task}/refuse-extension", json={"reason": "không có căn cứ", "on": "2030-01-05"})
    assert r.status_code == 200
    data = r.json()
    assert data["extension_asked_to"] is None and data["due_date"] == "2030-12-15"
    event = data["events"][-1]
    assert event["kind"] == "extension_refused" and event["on"] == "2030-01-05"
    assert event["data"] == {"asked": "2031-02-01", "reason": "không có căn cứ"}


def test_reopen(api, notice):
    clerk, officer, leader = api("clerk"), api("officer_yt"), api("leader")
    task = notice["yt"]
    r = clerk.post(f"/api/v1/tasks/{task}/reopen", json={"reason": "chưa đạt"})
    assert r.status_code == 409 and "Chỉ mở lại" in r.json()["detail"]
    assert officer.post(f"/api/v1/tasks/{task}/complete", json={}).json()["status"] == "done"
    for who in (officer, leader):
        r = who.post(f"/api/v1/tasks/{task}/reopen", json={"reason": "chưa đạt"})
        assert r.status_code == 403 and r.json()["detail"]
    assert api("officer_tc").post(f"/api/v1/tasks/{task}/reopen", json={"reason": "x"}).status_code == 404
    for body in ({}, {"reason": ""}, {"reason": " "}):
        r = clerk.post(f"/api/v1/tasks/{task}/reopen", json=body)
        assert 400 <= r.status_code < 500 and r.json()["detail"], (body, r.status_code, r.text)
    assert clerk.post("/api/v1/tasks/99999999/reopen", json={"reason": "x"}).status_code == 404
    r = clerk.post(f"/api/v1/tasks/{task}/reopen", json={"reason": "kết quả chưa đạt"})
    assert r.status_code == 200
    data = r.json()
    assert data["status"] == "open" and data["completed_on"] is None
    assert data["events"][-1]["kind"] == "reopened" and data["events"][-1]["data"]["reason"] == "kết quả chưa đạt"
