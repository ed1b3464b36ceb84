"""Shared fixtures: the seed and example documents, a cached extractor, a clean store on each backend.

``backend`` runs a test on SQLite (a file under ``tmp_path``) and on PostgreSQL when
``CHIDAO_TEST_POSTGRES_URL`` is set (else that case is skipped); on PostgreSQL each test
gets a schema of its own, dropped afterwards.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

POSTGRES_ENV = "CHIDAO_TEST_POSTGRES_URL"
REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
EXAMPLES = REPO / "examples"

_extractions: dict[tuple[str, str | None], object] = {}


def _cached_extract(text: str, source: str | None):
    from chidao.extract.pipeline import extract
    key = (text, source)
    if key not in _extractions:
        _extractions[key] = extract(text, source=source)
    return _extractions[key]


@pytest.fixture
def seeds() -> Path:
    """The five real seed documents (``../shared/corpus/seeds``); skipped where absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return SEEDS


@pytest.fixture
def examples() -> Path:
    """The bundled example documents."""
    return EXAMPLES


@pytest.fixture
def extract_cached():
    """The extractor with results cached for the session (it is pure)."""
    return _cached_extract


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    if request.param == "postgresql" and not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"{POSTGRES_ENV} is not set")
    return request.param


@pytest.fixture
def store_settings(backend, tmp_path):
    """Where the test's store lives (``chidao.store.settings.Settings``)."""
    from chidao.store.settings import Settings

    data_dir = tmp_path / "chidao-data"
    if backend == "sqlite":
        yield Settings(url=f"sqlite:///{data_dir / 'chidao.db'}", data_dir=data_dir)
        return
    import sqlalchemy as sa

    base = os.environ[POSTGRES_ENV]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield Settings(url=f"{base}{sep}options=-csearch_path%3D{schema}", data_dir=data_dir)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture
def store(store_settings):
    """An open, migrated store (``chidao.store.db.Store``)."""
    from chidao.store.db import open_store

    opened = open_store(store_settings)
    yield opened
    opened.dispose()


@pytest.fixture
def store_env(store_settings) -> dict[str, str]:
    """Environment variables that point a ``chidao`` process at the test's store."""
    return {"CHIDAO_DATABASE_URL": store_settings.url, "CHIDAO_DATA_DIR": str(store_settings.data_dir)}
