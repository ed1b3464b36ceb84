"""Fixtures of the tracking tests: an ingest helper into the test's store, using the
session-cached extractor of the root conftest (the extractor is pure)."""
from __future__ import annotations

import pytest


@pytest.fixture
def ingest(store, extract_cached):
    """``ingest(*paths, accept=False)`` → list of results, into the test's store."""
    from chidao.tracking.ingest import ingest_paths

    def run(*paths, accept: bool = False, actor: str = "tester"):
        return list(ingest_paths(store, paths, accept=accept, actor=actor, extractor=extract_cached))
    return run
