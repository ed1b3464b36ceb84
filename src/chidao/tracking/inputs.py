"""Reading values typed by users: dates, durations, statuses."""
from __future__ import annotations

import datetime as dt
import re

from chidao.registry import fold
from chidao.tracking.errors import BadInput
from chidao.tracking.lifecycle import STATUS_LABELS, Status

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DURATION = re.compile(r"^(\d{1,4})\s*([dwm]?)$")
_NONE = {"none", "-", "khong", "khong co", "bo"}


def parse_date(text: str, what: str = "Ngày") -> dt.date:
    """``YYYY-MM-DD`` or ``dd/mm/yyyy`` (also ``d/m/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``)."""
    raw = (text or "").strip()
    m = _ISO.match(raw)
    parts = (m.group(1), m.group(2), m.group(3)) if m else None
    if parts is None:
        m = _DMY.match(raw)
        parts = (m.group(3), m.group(2), m.group(1)) if m else None
    if parts is None:
        raise BadInput(f"{what} không hợp lệ: “{text}” (viết YYYY-MM-DD hoặc dd/mm/yyyy).")
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise BadInput(f"{what} không có thật: “{text}”.") from None


def parse_optional_date(text: str | None, what: str = "Ngày") -> dt.date | None:
    """A date, or None for ``none``/``-`` (to clear a value)."""
    if text is None or fold(text) in _NONE:
        return None
    return parse_date(text, what)


def parse_duration(text: str) -> dt.timedelta:
    """``7d`` (days), ``2w`` (weeks), ``1m`` (30 days) or a bare number of days."""
    m = _DURATION.match((text or "").strip().lower())
    if not m:
        raise BadInput(f"Khoảng thời gian không hợp lệ: “{text}” (ví dụ 7d, 2w, 1m).")
    n, unit = int(m.group(1)), m.group(2) or "d"
    return dt.timedelta(days=n * {"d": 1, "w": 7, "m": 30}[unit])


def parse_status(text: str) -> Status:
    """A status by key (``open``) or by its Vietnamese label, diacritics optional."""
    key = fold(text).replace(" ", "_")
    for status in Status:
        if key in (status.value, fold(STATUS_LABELS[status]).replace(" ", "_")):
            return status
    names = ", ".join(f"{s.value} ({STATUS_LABELS[s]})" for s in Status)
    raise BadInput(f"Trạng thái không hợp lệ: “{text}”; dùng một trong: {names}.")
