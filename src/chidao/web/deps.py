"""What a request works with: the store, the registry, the user and their scope."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request

from chidao.registry import Registry
from chidao.store.db import Store
from chidao.tracking.service import Tracker
from chidao.web.accounts import User
from chidao.web.auth import api_user, page_user
from chidao.web.scope import sees_document, sees_task, visible_bodies


MAX_ID = 2**31 - 1


def valid_id(value: int) -> bool:
    """Whether a row id fits the database's integer columns."""
    return 1 <= value <= MAX_ID


@dataclass
class Ctx:
    store: Store
    registry: Registry
    user: User
    bodies: frozenset[str] | None
    today: dt.date

    def tracker(self) -> Tracker:
        return Tracker(self.store, actor=self.user.name, registry=self.registry)

    def task_or_404(self, task_id: int) -> None:
        """404 for a task that does not exist or lies outside the user's scope."""
        if not valid_id(task_id):
            raise HTTPException(404, f"Không có nhiệm vụ #{task_id}.")
        with self.store.read() as session:
            from chidao.store.models import TaskRow
            if session.get(TaskRow, task_id) is None or not sees_task(session, self.bodies, task_id):
                raise HTTPException(404, f"Không có nhiệm vụ #{task_id}.")

    def document_or_404(self, document_id: int) -> None:
        if not valid_id(document_id):
            raise HTTPException(404, f"Không có văn bản #{document_id}.")
        with self.store.read() as session:
            from chidao.store.models import DocumentRow
            if session.get(DocumentRow, document_id) is None or not sees_document(session, self.bodies, document_id):
                raise HTTPException(404, f"Không có văn bản #{document_id}.")

    def require(self, allowed: bool) -> None:
        if not allowed:
            raise HTTPException(403, "Vai trò của bạn không được làm thao tác này.")


def _ctx(request: Request, user: User) -> Ctx:
    state = request.app.state
    today = dt.date.today()
    return Ctx(state.store, state.registry, user, visible_bodies(user, state.registry, today), today)


def page_ctx(request: Request, user: User = Depends(page_user)) -> Ctx:
    return _ctx(request, user)


def api_ctx(request: Request, user: User = Depends(api_user)) -> Ctx:
    return _ctx(request, user)
