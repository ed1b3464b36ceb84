"""Inputs no field can hold are refused before they reach the store; the login throttle
keeps its failures in the store."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from chidao.store.db import open_store
from chidao.store.models import LoginFailureRow
from chidao.web.security import Throttle


@pytest.mark.parametrize("url", ["/api/v1/tasks?body=a%00b", "/api/v1/search?q=gi%00ai", "/tasks?q=%00"])
def test_a_nul_character_in_the_address_is_a_clear_400(web, api, notice, url):
    response = api("clerk").get(url)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    assert api("clerk").get(url.replace("%00", "")).status_code == 200


class Clock:
    """A settable clock for the throttle."""

    def __init__(self):
        self.now = dt.datetime(2030, 1, 1, 8, tzinfo=dt.timezone.utc)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def _stored(store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(LoginFailureRow))


def test_throttle_failures_are_shared_through_the_store(store):
    for _ in range(4):
        Throttle(store).fail("clerk|1.2.3.4")
    other = open_store(store.settings)  # another process on the same database
    try:
        assert not Throttle(other).blocked("clerk|1.2.3.4")
        Throttle(other).fail("clerk|1.2.3.4")
        assert Throttle(store).blocked("clerk|1.2.3.4") and Throttle(other).blocked("clerk|1.2.3.4")
        assert not Throttle(store).blocked("clerk|5.6.7.8")
    finally:
        other.dispose()
    with store.read() as session:  # keys are kept as digests only
        assert all(len(k) == 64 and "clerk" not in k for k in session.scalars(select(LoginFailureRow.key)))


def test_throttle_window_expires_and_old_failures_are_pruned(store):
    clock = Clock()
    throttle = Throttle(store, clock=clock)
    for _ in range(5):
        throttle.fail("a")
        clock.advance(60)
    assert throttle.blocked("a")
    clock.advance(15 * 60 - 5 * 60)  # the first failure is exactly 15 minutes old: still counted
    assert throttle.blocked("a")
    clock.advance(1)
    assert not throttle.blocked("a")
    assert _stored(store) == 5
    clock.advance(15 * 60)
    throttle.fail("b")
    assert _stored(store) == 1 and not throttle.blocked("a")


def test_throttle_success_clears_the_key_only(store):
    throttle = Throttle(store, limit=3)
    for _ in range(3):
        throttle.fail("a")
        throttle.fail("b")
    assert throttle.blocked("a") and throttle.blocked("b")
    throttle.clear("a")
    assert not throttle.blocked("a") and throttle.blocked("b")
    assert _stored(store) == 3


def test_throttle_takes_any_key(store):
    throttle = Throttle(store, limit=1)
    key = "x" * 5000 + "\x00|ý\udcff"
    throttle.fail(key)
    assert throttle.blocked(key) and not throttle.blocked("x")
