"""Fixtures of the report tests: real example documents ingested into the test's store."""
from __future__ import annotations


import pytest


@pytest.fixture
def ingest(store, extract_cached):
    """``ingest(*paths, accept=True)`` → list of results, into the test's store."""
    from chidao.tracking.ingest import ingest_paths

    def run(*paths, accept: bool = True, actor: str = "tester"):
        return list(ingest_paths(store, paths, accept=accept, actor=actor, extractor=extract_cached))
    return run
