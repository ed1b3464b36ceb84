"""User accounts and API tokens.

Their tables (``web_users``, ``web_api_tokens``) are the store's: defined in
``store/models.py`` and created by its migrations. Passwords are hashed with argon2; API
tokens are random and stored as their SHA-256 only.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from enum import Enum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from chidao.store.db import Store
from chidao.store.models import TokenRow, UserRow
from chidao.tracking.errors import BadInput, NotFound

_hasher = PasswordHasher()


class Role(str, Enum):
    ADMIN = "admin"
    CLERK = "clerk"
    OFFICER = "officer"
    LEADER = "leader"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {Role.ADMIN: "quản trị", Role.CLERK: "chuyên viên theo dõi",
               Role.OFFICER: "cán bộ cơ quan", Role.LEADER: "lãnh đạo"}


@dataclass(frozen=True)
class User:
    """A signed-in person: name, role and, for an officer, the body they answer for."""

    id: int
    name: str
    role: Role
    body_id: str | None = None

    @property
    def can_review(self) -> bool:
        return self.role in (Role.ADMIN, Role.CLERK)

    @property
    def can_report(self) -> bool:
        return self.role in (Role.ADMIN, Role.CLERK, Role.OFFICER)


def ensure_tables(store: Store) -> None:
    """Nothing to do: the store's migrations (revision 0002) create the account tables.

    Kept so that callers written before that revision still run; new code need not call it."""


def _user(row: UserRow) -> User:
    return User(row.id, row.name, Role(row.role), row.body_id)


def add_user(store: Store, name: str, role: Role | str, password: str, body_id: str | None = None) -> User:
    """Create a user; an officer must name a body of the registry."""
    name = (name or "").strip()
    role = Role(role)
    if not name:
        raise BadInput("Tên đăng nhập trống.")
    if len(password or "") < 8:
        raise BadInput("Mật khẩu phải có ít nhất 8 ký tự.")
    if role is Role.OFFICER and not body_id:
        raise BadInput("Cán bộ cơ quan phải gắn với một cơ quan (--body).")
    with store.write() as session:
        if session.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
            raise BadInput(f"Đã có người dùng “{name}”.")
        row = UserRow(name=name, role=role.value, body_id=body_id if role is Role.OFFICER else None,
                      password_hash=_hasher.hash(password), active=True,
                      created_at=dt.datetime.now(dt.timezone.utc))
        session.add(row)
        session.flush()
        return _user(row)


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when the password matches, else None (same work either way)."""
    with store.read() as session:
        row = session.scalar(select(UserRow).where(UserRow.name == name, UserRow.active.is_(True)))
    stored = row.password_hash if row else _DUMMY
    try:
        _hasher.verify(stored, password or "")
    except (VerificationError, InvalidHashError):
        return None
    return _user(row) if row else None


def get_user(store: Store, user_id: int) -> User | None:
    with store.read() as session:
        row = session.get(UserRow, user_id)
        return _user(row) if row and row.active else None


def list_users(store: Store) -> list[User]:
    with store.read() as session:
        return [_user(r) for r in session.scalars(select(UserRow).order_by(UserRow.name))]


def issue_token(store: Store, user_name: str, label: str | None = None) -> str:
    """A new API token for the user; only its digest is kept."""
    token = "chd_" + secrets.token_urlsafe(32)
    with store.write() as session:
        user_id = session.scalar(select(UserRow.id).where(UserRow.name == user_name))
        if user_id is None:
            raise NotFound(f"Không có người dùng “{user_name}”.")
        session.add(TokenRow(user_id=user_id, digest=_digest(token), label=label,
                             created_at=dt.datetime.now(dt.timezone.utc)))
    return token


def user_by_token(store: Store, token: str) -> User | None:
    with store.read() as session:
        row = session.scalar(select(UserRow).join(TokenRow, TokenRow.user_id == UserRow.id)
                             .where(TokenRow.digest == _digest(token), UserRow.active.is_(True)))
        return _user(row) if row else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


_DUMMY = _hasher.hash("chidao-no-such-user")
