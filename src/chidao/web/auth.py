"""Who is asking: signed session cookies for pages, bearer tokens for the API."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from chidao.web import accounts
from chidao.web.accounts import User
from chidao.web.security import new_csrf_token, same_token

COOKIE = "chidao_session"
MAX_AGE = 12 * 3600
ENV_SECRET = "CHIDAO_SECRET_KEY"


class LoginRequired(Exception):
    """A page was asked for without a valid session."""


def secret_key(data_dir: Path) -> str:
    """``$CHIDAO_SECRET_KEY``, else a key kept in the data folder (made once)."""
    if os.environ.get(ENV_SECRET):
        return os.environ[ENV_SECRET]
    path = data_dir / "web-secret"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        os.write(fd, secrets.token_urlsafe(48).encode())
        os.close(fd)
    return path.read_text().strip()


class Sessions:
    """Reads and writes the session cookie: ``{"uid": …, "csrf": …, "flash": …}``."""

    def __init__(self, key: str):
        self.serializer = URLSafeTimedSerializer(key, salt="chidao-session")

    def load(self, request: Request) -> dict:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return {}
        try:
            data = self.serializer.loads(raw, max_age=MAX_AGE)
        except BadSignature:
            return {}
        return data if isinstance(data, dict) else {}

    def save(self, request: Request, response, data: dict) -> None:
        response.set_cookie(COOKIE, self.serializer.dumps(data), max_age=MAX_AGE, httponly=True,
                            samesite="lax", secure=request.url.scheme == "https", path="/")

    def clear(self, response) -> None:
        response.delete_cookie(COOKIE, path="/")


def session_of(request: Request) -> dict:
    """The request's session data (cached on the request; a CSRF token is made if missing)."""
    if not hasattr(request.state, "session"):
        data = request.app.state.sessions.load(request)
        if "csrf" not in data:
            data["csrf"] = new_csrf_token()
        request.state.session = data
    return request.state.session


def page_user(request: Request) -> User:
    """The signed-in user of a page, or :class:`LoginRequired`."""
    uid = session_of(request).get("uid")
    user = accounts.get_user(request.app.state.store, uid) if isinstance(uid, int) else None
    if user is None:
        raise LoginRequired()
    request.state.user = user
    return user


def api_user(request: Request) -> User:
    """The user of an ``Authorization: Bearer`` token, or 401."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    user = accounts.user_by_token(request.app.state.store, token.strip()) \
        if scheme.lower() == "bearer" and token.strip() else None
    if user is None:
        raise HTTPException(401, "Cần mã truy cập hợp lệ (Authorization: Bearer …).",
                            headers={"WWW-Authenticate": "Bearer"})
    return user


def check_csrf(request: Request, token: str | None) -> None:
    """403 unless ``token`` (form field or ``X-CSRF-Token`` header) is the session's."""
    token = token or request.headers.get("x-csrf-token")
    if not same_token(token, session_of(request).get("csrf")):
        raise HTTPException(403, "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ; hãy tải lại trang.")
