"""Fixtures of the report tests: real example documents ingested into the test's store."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"

_cache: dict[tuple[str, str | None], object] = {}


def cached_extract(text: str, source: str | None):
    from chidao.extract.pipeline import extract
    key = (text, source)
    if key not in _cache:
        _cache[key] = extract(text, source=source)
    return _cache[key]


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return SEEDS


@pytest.fixture
def ingest(store):
    """``ingest(*paths, accept=True)`` → list of results, into the test's store."""
    from chidao.tracking.ingest import ingest_paths

    def run(*paths, accept: bool = True, actor: str = "tester"):
        return list(ingest_paths(store, paths, accept=accept, actor=actor, extractor=cached_extract))
    return run
