"""The FastAPI application: pages, the REST API under ``/api/v1``, static files, errors."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from chidao.registry import load
from chidao.reminders import schedule
from chidao.store.db import Store, open_store
from chidao.store.errors import StoreError
from chidao.store.settings import Settings
from chidao.tracking.errors import BadInput, NotFound, Refused
from chidao.web.auth import LoginRequired, Sessions, secret_key
from chidao.web.boards import Boards
from chidao.web.render import make_env, page, redirect
from chidao.web.security import RejectNul, SecurityHeaders, Throttle
from chidao.web.uploads import MAX_UPLOAD

STATIC = Path(__file__).parent / "static"
_CODES = {NotFound: 404, Refused: 409, BadInput: 422, StoreError: 503}


def create_app(settings: Settings | None = None, store: Store | None = None, *,
               max_upload: int = MAX_UPLOAD) -> FastAPI:
    """The application on ``store`` (opened from ``settings`` or the environment)."""
    from chidao.web.routes import (
        api,
        bodies,
        dashboard,
        documents,
        feed,
        reports,
        search,
        session,
        tasks,
        users,
    )

    store = store or open_store(settings)
    app = FastAPI(title="chidao API", version="1", docs_url="/api/docs", redoc_url=None,
                  openapi_url="/api/v1/openapi.json")
    app.state.store = store
    app.state.registry = load()
    app.state.env = make_env()
    app.state.sessions = Sessions(secret_key(store.settings.data_dir))
    app.state.throttle = Throttle(store)
    app.state.boards = Boards()
    app.state.max_upload = max_upload
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (session, dashboard, documents, tasks, bodies, search, users, feed, reports):
        app.include_router(module.router, include_in_schema=False)
    app.include_router(api.router, prefix="/api/v1")
    app.include_router(reports.api_router, prefix="/api/v1")
    _errors(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RejectNul)
    schedule.install(app)  # the daily reminders, when CHIDAO_REMIND_AT is set
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def _errors(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired):
        if _wants_json(request):
            return JSONResponse({"detail": "Cần đăng nhập."}, status_code=401)
        return redirect(request, "/login?next=" + request.url.path)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return _error(request, 422, f"Dữ liệu không hợp lệ — {problems}")

    @app.exception_handler(ValueError)
    @app.exception_handler(OverflowError)
    async def bad_value(request: Request, exc: Exception):
        return _error(request, 422, f"Giá trị không hợp lệ: {exc}")

    for kind, code in _CODES.items():
        app.add_exception_handler(kind, lambda request, exc, code=code: _error(request, code, str(exc)))


def _error(request: Request, code: int, message: str, headers=None):
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=code, headers=headers)
    response = page(request, "error.html", status_code=code, code=code, message=message)
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response
