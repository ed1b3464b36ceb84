"""The schema: Alembic migrations agree with the models, run once, and sync the bodies."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from chidao.registry import load
from chidao.store.bodies import load_bodies
from chidao.store.db import open_store
from chidao.store.models import Base, BodyRow
from chidao.store.schema import current_revision, head_revision, prepare
from chidao.store.settings import Settings


def _backend_extras(diff) -> bool:
    """Differences that are the backend's search index, created by the migration only."""
    op = diff[0] if isinstance(diff, tuple) else diff[0][0]
    if op == "remove_table":
        return diff[1].name.startswith("search_fts")
    if op == "remove_column":
        return diff[3].name == "tsv"
    if op == "remove_index":
        return diff[1].name == "ix_search_entries_tsv"
    return False


def test_migrations_match_the_models(store):
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert current_revision(conn) == head_revision()
    assert [d for d in diffs if not _backend_extras(d)] == []


def test_prepare_is_idempotent(store):
    assert prepare(store) is None
    again = open_store(store.settings)
    assert prepare(again) is None
    again.dispose()


def test_bodies_are_synced_with_successions(store):
    registry = load()
    with store.read() as s:
        stored = load_bodies(s)
        assert s.scalar(select(BodyRow.name).where(BodyRow.id == "lang-son/so-ke-hoach-va-dau-tu")) \
            == "Sở Kế hoạch và Đầu tư"
    assert set(stored) == {b.id for b in registry.bodies}
    skhdt = stored["lang-son/so-ke-hoach-va-dau-tu"]
    assert skhdt.valid_to == date(2025, 2, 28) and not skhdt.active(date(2025, 3, 1))
    assert skhdt.successors == (("lang-son/so-tai-chinh", date(2025, 3, 1), None),)


def test_settings_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("CHIDAO_DATABASE_URL", raising=False)
    monkeypatch.delenv("CHIDAO_DATA_DIR", raising=False)
    default = Settings.from_env()
    assert default.data_dir == Path("chidao-data") and default.url == "sqlite:///chidao-data/chidao.db"
    assert default.files_dir == Path("chidao-data/files")
    monkeypatch.setenv("CHIDAO_DATA_DIR", str(tmp_path))
    assert Settings.from_env().url == f"sqlite:///{tmp_path}/chidao.db"
    monkeypatch.setenv("CHIDAO_DATABASE_URL", "postgresql+psycopg://u:p@h/db")
    chosen = Settings.from_env()
    assert chosen.backend == "postgresql" and chosen.files_dir == tmp_path / "files"


def test_sqlite_runs_in_wal_mode(backend, store):
    if backend != "sqlite":
        return
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def _store_at_0001(settings, with_old_tables: bool):
    """A store migrated to revision 0001 only; with the account tables created on start-up
    the way the web application did before revision 0002."""
    from alembic import command
    from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, MetaData, String, Table

    from chidao.store.schema import alembic_config

    store = open_store(settings, prepare=False)
    with store.engine.execution_options(chidao_begin="BEGIN IMMEDIATE").begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    if with_old_tables:
        old = MetaData()
        Table("web_users", old, Column("id", Integer, primary_key=True),
              Column("name", String(100), unique=True, nullable=False), Column("role", String(20), nullable=False),
              Column("body_id", String(200)), Column("password_hash", String(200), nullable=False),
              Column("active", Boolean, nullable=False), Column("created_at", DateTime(timezone=True), nullable=False))
        Table("web_api_tokens", old, Column("id", Integer, primary_key=True),
              Column("user_id", Integer, ForeignKey("web_users.id", ondelete="CASCADE"), index=True, nullable=False),
              Column("digest", String(64), unique=True, nullable=False), Column("label", String(100)),
              Column("created_at", DateTime(timezone=True), nullable=False))
        old.create_all(store.engine)
    with store.engine.connect() as conn:
        assert current_revision(conn) == "0001"
    return store


@pytest.mark.parametrize("with_old_tables", [False, True], ids=["plain", "tables-from-start-up"])
def test_a_store_at_0001_upgrades_and_takes_users(store_settings, with_old_tables):
    from chidao.web import accounts

    old = _store_at_0001(store_settings, with_old_tables)
    if with_old_tables:
        accounts.add_user(old, "before", "clerk", "mật-khẩu-cũ-8")
    assert prepare(old) == "0001"
    with old.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in diffs if not _backend_extras(d)] == []
    user = accounts.add_user(old, "new-clerk", "clerk", "mật-khẩu-mới-8")
    assert accounts.authenticate(old, "new-clerk", "mật-khẩu-mới-8") == user
    assert accounts.user_by_token(old, accounts.issue_token(old, "new-clerk")) == user
    if with_old_tables:
        assert accounts.authenticate(old, "before", "mật-khẩu-cũ-8") is not None
    old.dispose()
