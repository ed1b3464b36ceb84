"""Bringing a store up to date: Alembic migrations shipped in the package, then the bodies.

Both steps run inside one locked transaction (``BEGIN IMMEDIATE`` on SQLite, an advisory
lock on PostgreSQL), so that processes starting together do the work once.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from chidao.store.db import Store, translated
from chidao.store.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"
_LOCK_KEY = 0x43484944  # "CHID"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for the packaged migrations (no ``alembic.ini`` needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def prepare(store: Store) -> str | None:
    """Upgrade the schema when behind and sync the registry of bodies when it changed.

    Returns the revision upgraded from (``"-"`` for a new store) or None when nothing ran.
    """
    from chidao.registry import load
    from chidao.store.bodies import registry_fingerprint, stored_fingerprint, sync_bodies

    head = head_revision()
    registry = load()
    fingerprint = registry_fingerprint(registry)
    with translated(store.settings):
        with store.engine.connect() as conn:
            if current_revision(conn) == head and stored_fingerprint(conn) == fingerprint:
                return None
        with store.engine.execution_options(chidao_begin="BEGIN IMMEDIATE").begin() as conn:
            if store.backend == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
            before = current_revision(conn)
            if before != head:
                if before is not None and before not in _known_revisions():
                    raise StoreError(f"Cơ sở dữ liệu có phiên bản lược đồ {before} mới hơn chương "
                                     f"trình này (biết tới {head}); hãy cập nhật chidao.")
                command.upgrade(alembic_config(conn), "head")
            if stored_fingerprint(conn) != fingerprint:
                sync_bodies(conn, registry, fingerprint)
    return None if before == head else (before or "-")


def _known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
