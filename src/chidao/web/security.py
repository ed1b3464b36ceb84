"""Security plumbing: response headers, login throttling, CSRF tokens."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets

from sqlalchemy import delete, func, select

from chidao.store.db import Store
from chidao.store.models import LoginFailureRow

HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; "
                                "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                                "form-action 'self'; frame-ancestors 'none'"),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
# FastAPI's /docs page loads its script and styles from a CDN.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https:; "
            "frame-ancestors 'none'")


class SecurityHeaders:
    """ASGI middleware adding :data:`HEADERS` to every HTTP response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        docs = scope["path"] in ("/api/docs", "/api/redoc")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode().lower() not in {h.lower() for h in HEADERS}]
                for name, value in HEADERS.items():
                    if docs and name == "Content-Security-Policy":
                        value = DOCS_CSP
                    headers.append((name.lower().encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RejectNul:
    """ASGI middleware answering 400 to a URL that carries a NUL character (``%00``), which no
    field of ours can hold and PostgreSQL refuses to store or compare."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and (b"%00" in scope.get("query_string", b"").upper() or "\x00" in scope["path"]):
            body = json.dumps({"detail": "Địa chỉ chứa ký tự NUL không hợp lệ."}, ensure_ascii=False).encode()
            await send({"type": "http.response.start", "status": 400,
                        "headers": [(b"content-type", b"application/json; charset=utf-8")]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


class Throttle:
    """At most ``limit`` failures per key within ``window`` seconds, kept in the store so that
    every process and a restart see them. Keys are stored as their SHA-256; ``clock`` gives
    the current time (an aware datetime)."""

    def __init__(self, store: Store, limit: int = 5, window: float = 15 * 60, clock=None):
        self.store, self.limit, self.window = store, limit, dt.timedelta(seconds=window)
        self.clock = clock or (lambda: dt.datetime.now(dt.timezone.utc))

    def blocked(self, key: str) -> bool:
        with self.store.read() as session:
            recent = session.scalar(select(func.count()).select_from(LoginFailureRow).where(
                LoginFailureRow.key == _digest(key), LoginFailureRow.at >= self._horizon()))
        return recent >= self.limit

    def fail(self, key: str) -> None:
        """Record a failure and prune the failures that left the window (of every key)."""
        now = self._now()
        with self.store.write() as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.at < now - self.window))
            session.add(LoginFailureRow(key=_digest(key), at=now))

    def clear(self, key: str) -> None:
        with self.store.write() as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.key == _digest(key)))

    def _now(self) -> dt.datetime:
        return self.clock().astimezone(dt.timezone.utc)

    def _horizon(self) -> dt.datetime:
        return self._now() - self.window


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a, b)
