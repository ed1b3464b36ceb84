"""Working days of the Vietnamese public sector.

A day is a working day unless it is a Saturday or Sunday, a public holiday of the Labour
Code 2019 art. 112 (with its nghỉ bù, as computed by the ``holidays`` package), or an extra
day off of the project's table; a worked day of the table (or a swapped Saturday the
package knows) is a working day even at a weekend. Precedence, highest first: the table's
worked days, the table's days off, the package's worked days, the package's holidays,
the weekend.

Time limits follow the Civil Code 2015: a period counts from the day after its anchor
(art. 147) and, when its last day is a day off, ends on the next working day (art. 148).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from functools import lru_cache

import holidays

from chidao.calendar.overrides import Overrides, default_overrides

_WEEKEND_NAMES = {5: "Thứ Bảy", 6: "Chủ nhật"}
_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def _package_year(year: int) -> tuple[Mapping[date, str], frozenset[date]]:
    """Holidays of ``year`` and swapped worked days of ``year``, per the ``holidays`` package."""
    table = holidays.country_holidays("VN", years=range(year - 1, year + 2), language="vi")
    off = {d: name for d, name in table.items() if d.year == year}
    worked = frozenset(d for d in getattr(table, "weekend_workdays", ()) if d.year == year)
    return off, worked


Source = Callable[[int], tuple[Mapping[date, str], frozenset[date]]]


class WorkCalendar:
    """A working-day calendar built from the statutory holidays and an override table."""

    def __init__(self, overrides: Overrides | None = None, statutory: Source = _package_year):
        self._overrides = overrides or Overrides()
        self._statutory = statutory
        self._years: dict[int, tuple[dict[date, str], frozenset[date]]] = {}

    def _year(self, year: int) -> tuple[dict[date, str], frozenset[date]]:
        """(days off that are not plain weekends, with reasons; worked weekend days)."""
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = self._build_year(year)
        return cached

    def _build_year(self, year: int) -> tuple[dict[date, str], frozenset[date]]:
        pkg_off, pkg_work = self._statutory(year)
        own_off = {d: r for d, r in self._overrides.off.items() if d.year == year}
        own_work = {d for d in self._overrides.work if d.year == year}
        off: dict[date, str] = {}
        for d, reason in pkg_off.items():
            if d not in pkg_work:
                off[d] = reason
        for d, reason in own_off.items():
            off.setdefault(d, reason)
        for d in own_work:
            off.pop(d, None)
        worked = (pkg_work - own_off.keys()) | own_work
        worked = frozenset(d for d in worked if d.weekday() >= 5)
        return dict(sorted(off.items())), worked

    def is_working_day(self, d: date) -> bool:
        """Whether public bodies work on ``d``."""
        off, worked = self._year(d.year)
        if d in worked:
            return True
        if d in off:
            return False
        return d.weekday() < 5

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        d += _ONE_DAY
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        d -= _ONE_DAY
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (counting from the next day, art. 147).

        ``n == 0`` gives ``d``; a negative ``n`` gives the ``-n``-th working day before ``d``.
        """
        step = self.next_working_day if n >= 0 else self.previous_working_day
        for _ in range(abs(n)):
            d = step(d)
        return d

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in ``(a, b]``; negative (the count in ``(b, a]``) when ``b < a``.

        ``working_days_between(a, add_working_days(a, n)) == n`` for ``n >= 0``.
        """
        sign = 1
        if b < a:
            a, b, sign = b, a, -1
        count = 0
        d = a + _ONE_DAY
        while d <= b:
            count += self.is_working_day(d)
            d += _ONE_DAY
        return sign * count

    def due_date_for_period_end(self, d: date) -> date:
        """Civil Code art. 148: a period ending on a day off ends on the next working day."""
        return d if self.is_working_day(d) else self.next_working_day(d)

    def days_off(self, year: int, weekends: bool = False) -> dict[date, str]:
        """Non-working days of ``year`` that are holidays or extra days off, with reasons.

        Plain weekends are left out unless ``weekends`` is true; worked days never appear.
        """
        off, worked = self._year(year)
        if not weekends:
            return dict(off)
        result = dict(off)
        d, last = date(year, 1, 1), date(year, 12, 31)
        while d <= last:
            if d.weekday() >= 5 and d not in worked and d not in result:
                result[d] = _WEEKEND_NAMES[d.weekday()]
            d += _ONE_DAY
        return dict(sorted(result.items()))


_default: WorkCalendar | None = None


def default_calendar() -> WorkCalendar:
    """The calendar of the bundled table plus ``$CHIDAO_DAYS_OFF``, built on first use."""
    global _default
    if _default is None:
        _default = WorkCalendar(default_overrides())
    return _default


def reset_default_calendar() -> None:
    """Forget the default calendar, so that the next use reloads the tables."""
    global _default
    _default = None


def is_working_day(d: date) -> bool:
    """Whether public bodies work on ``d`` (default calendar)."""
    return default_calendar().is_working_day(d)


def next_working_day(d: date) -> date:
    """The first working day strictly after ``d`` (default calendar)."""
    return default_calendar().next_working_day(d)


def previous_working_day(d: date) -> date:
    """The last working day strictly before ``d`` (default calendar)."""
    return default_calendar().previous_working_day(d)


def add_working_days(d: date, n: int) -> date:
    """The ``n``-th working day after ``d``, counting from the next day (default calendar)."""
    return default_calendar().add_working_days(d, n)


def working_days_between(a: date, b: date) -> int:
    """Working days in ``(a, b]`` (default calendar)."""
    return default_calendar().working_days_between(a, b)


def due_date_for_period_end(d: date) -> date:
    """``d``, or the next working day when ``d`` is a day off (art. 148; default calendar)."""
    return default_calendar().due_date_for_period_end(d)


def days_off(year: int, weekends: bool = False) -> dict[date, str]:
    """Holidays and extra days off of ``year`` with reasons (default calendar)."""
    return default_calendar().days_off(year, weekends)
