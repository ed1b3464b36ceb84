"""Due dates of extracted deadlines, including limits counted from the day of receipt.

A relative limit (``rule = {"days": 10, "working": True, "from": "receipt"}``) has no date
until the document's day of receipt is known; then it counts from the next day (Civil Code
art. 147): working days skip days off; calendar days, weeks and months ending on a day off
end on the next working day (art. 148).
"""
from __future__ import annotations

import calendar as stdcal
import datetime as dt

from chidao.calendar import WorkCalendar, default_calendar

RECEIPT = "receipt"


def written_date(value: str | None) -> dt.date | None:
    """A complete ISO date as the extractor writes it; None for ``XXXX-09-20`` and the like."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def earliest_day(value: str | None) -> dt.date | None:
    """The first day an ISO date, maybe partial, can stand for: ``2021-08`` → 1/8/2021."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except ValueError:
        return None


def needs_receipt(kind: str | None, rule: dict | None) -> bool:
    """Whether a deadline is counted from the day the document is received."""
    return kind == "relative" and bool(rule) and rule.get("from") == RECEIPT


def due_date(written: str | None, kind: str | None, rule: dict | None,
             received_on: dt.date | None, calendar: WorkCalendar | None = None) -> dt.date | None:
    """The due date of a deadline: the written one, or one counted from receipt when known."""
    found = written_date(written)
    if found is not None:
        return found
    if needs_receipt(kind, rule) and received_on is not None:
        return count_from(received_on, rule, calendar or default_calendar())
    return None


def count_from(anchor: dt.date, rule: dict, calendar: WorkCalendar) -> dt.date | None:
    """The last day of a limit of ``rule`` counted from ``anchor`` (art. 147–148)."""
    if "months" in rule:
        month0 = anchor.month - 1 + int(rule["months"])
        year, month = anchor.year + month0 // 12, month0 % 12 + 1
        last = dt.date(year, month, min(anchor.day, stdcal.monthrange(year, month)[1]))
        return calendar.due_date_for_period_end(last)
    days = rule.get("days")
    if days is None:
        return None
    if rule.get("working"):
        return calendar.add_working_days(anchor, int(days))
    return calendar.due_date_for_period_end(anchor + dt.timedelta(days=int(days)))
