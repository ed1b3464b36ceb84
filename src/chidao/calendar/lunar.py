"""Lunar-calendar feast days (Vietnamese calendar, UTC+7), taken from the ``holidays`` package."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays

# English names the ``holidays`` package gives the statutory lunar feasts of Vietnam.
_LUNAR_NEW_YEAR = "Lunar New Year"
_HUNG_KINGS = "Hung Kings' Commemoration Day"


@lru_cache(maxsize=256)
def _named(year: int, name: str) -> date | None:
    table = holidays.country_holidays("VN", years=year, language="en_US", observed=False)
    found = [d for d in table.get_named(name, lookup="exact") if d.year == year]
    return min(found) if found else None


def lunar_new_year(year: int) -> date | None:
    """Mùng 1 Tết Nguyên đán falling in ``year`` (None outside the package's lunar range)."""
    return _named(year, _LUNAR_NEW_YEAR)


def hung_kings_day(year: int) -> date | None:
    """Giỗ Tổ Hùng Vương (10/3 lunar) of ``year``."""
    return _named(year, _HUNG_KINGS)
