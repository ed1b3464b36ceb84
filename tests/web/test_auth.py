"""Sign-in, sessions, CSRF, throttling and security headers."""
from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, csrf_of


def test_pages_need_login(web):
    client = TestClient(web)
    response = client.get("/tasks", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_wrong_password_then_throttled(web):
    client = TestClient(web)
    token = csrf_of(client.get("/login").text)
    for _ in range(5):
        r = client.post("/login", data={"username": "clerk", "password": "sai", "csrf_token": token})
        assert r.status_code == 401 and "không đúng" in r.text
    r = client.post("/login", data={"username": "clerk", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 429 and "quá nhiều lần" in r.text
    # another user from the same address is not blocked
    r = client.post("/login", data={"username": "leader", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 200 and "Đăng xuất" in r.text


def _try(client: TestClient, name: str, password: str):
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"username": name, "password": password, "csrf_token": token})


def test_throttle_survives_a_restart(web, store):
    from chidao.store.db import open_store
    from chidao.web.app import create_app

    for _ in range(5):
        assert _try(TestClient(web), "clerk", "sai").status_code == 401
    other = open_store(store.settings)  # a second process, or the same one restarted
    try:
        r = _try(TestClient(create_app(store=other)), "clerk", PASSWORD)
        assert r.status_code == 429 and "quá nhiều lần" in r.text
    finally:
        other.dispose()


def test_a_success_clears_the_failures(web):
    client = TestClient(web)
    for _ in range(4):
        assert _try(client, "clerk", "sai").status_code == 401
    assert _try(client, "clerk", PASSWORD).status_code == 200
    for _ in range(4):
        assert _try(TestClient(web), "clerk", "sai").status_code == 401
    assert _try(TestClient(web), "clerk", PASSWORD).status_code == 200


def test_session_cookie_flags(web):
    client = TestClient(web)
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"username": "clerk", "password": PASSWORD, "csrf_token": token},
                    follow_redirects=False)
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    https = TestClient(web, base_url="https://testserver")
    token = csrf_of(https.get("/login").text)
    r = https.post("/login", data={"username": "clerk", "password": PASSWORD, "csrf_token": token},
                   follow_redirects=False)
    assert "secure" in r.headers["set-cookie"].lower()


def test_login_and_forms_need_csrf(web, login, notice):
    client = TestClient(web)
    r = client.post("/login", data={"username": "clerk", "password": PASSWORD, "csrf_token": "x"})
    assert r.status_code == 403
    clerk = login("clerk")
    r = clerk.post(f"/tasks/{notice['yt']}/report", data={"text": "đã làm", "csrf_token": "sai"})
    assert r.status_code == 403 and "biểu mẫu không hợp lệ" in r.text
    r = clerk.post(f"/tasks/{notice['yt']}/report", data={"text": "đã làm"})
    assert r.status_code == 403


def test_security_headers(web, login):
    for response in (TestClient(web).get("/login"), login("leader").get("/")):
        h = response.headers
        assert "default-src 'self'" in h["content-security-policy"]
        assert h["x-frame-options"] == "DENY"
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "same-origin"


def test_output_is_escaped(web, login, notice):
    clerk = login("clerk")
    evil = "<script>alert(1)</script>"
    clerk.post(f"/tasks/{notice['yt']}/report", data={"text": evil, "csrf_token": clerk.csrf})
    page = clerk.get(f"/tasks/{notice['yt']}").text
    assert evil not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert evil not in clerk.get("/search", params={"q": evil}).text


def test_logout(login):
    client = login("leader")
    r = client.post("/logout", data={"csrf_token": client.csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303
