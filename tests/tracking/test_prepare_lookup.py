"""The registry look-up of ``prepare`` answers from the look-up of any date when it can:
the same bodies as looking up on the document's date first, then on any date."""
from __future__ import annotations

import datetime as dt

from chidao.registry import load
from chidao.tracking import prepare


def _plain(registry, name, province, at):
    body = registry.find_body(name, at=at, province=province)
    if body is None and at is not None:
        body = registry.find_body(name, province=province)
    return body.id if body else None


def test_lookup_matches_the_dated_then_undated_lookup():
    registry = load()
    names = set()
    for body in registry.bodies:
        names.add(body.name)
        names.update(body.aliases[:2])
    names |= {"Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "SKHĐT", "UBND huyện", "Các sở, ban, ngành",
              "Sở Giao thông vận tải", "Sở Xây dựng", "Ban Quản lý dự án", "Công an tỉnh", ""}
    dates = [None, dt.date(1990, 1, 1), dt.date(2008, 8, 1), dt.date(2018, 1, 1), dt.date(2025, 3, 1),
             dt.date(2025, 7, 1), dt.date(2026, 1, 1)]
    edges = {d for b in registry.bodies for d in (b.valid_from, b.valid_to) if d}
    dates += sorted(edges | {d + dt.timedelta(days=k) for d in edges for k in (-1, 1)})
    checked = 0
    for province in ("Lạng Sơn", "Quảng Nam", "Hà Giang", "Hà Nội"):
        for name in sorted(names):
            for at in dates:
                assert prepare._find(registry, name, province, at) == _plain(registry, name, province, at), \
                    (name, province, at)
                checked += 1
    assert checked > 100
