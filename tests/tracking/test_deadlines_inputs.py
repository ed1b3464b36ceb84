"""Due dates counted from receipt, and values typed by users (pure)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from chidao.tracking.deadlines import due_date, needs_receipt, written_date
from chidao.tracking.errors import BadInput
from chidao.tracking.inputs import parse_date, parse_duration, parse_optional_date, parse_status
from chidao.tracking.lifecycle import Status

WORKING_10 = {"days": 10, "working": True, "from": "receipt"}


def test_earliest_day_of_partial_dates():
    from chidao.tracking.deadlines import earliest_day
    assert earliest_day("2021-08") == date(2021, 8, 1)
    assert earliest_day("2024") == date(2024, 1, 1) and earliest_day("2024-03-05") == date(2024, 3, 5)
    assert earliest_day(None) is None and earliest_day("XXXX-05-01") is None


def test_written_dates_and_partial_ones():
    assert written_date("2021-08-10") == date(2021, 8, 10)
    assert written_date("XXXX-12-15") is None
    assert written_date(None) is None
    assert due_date("2023-09-30", "by_period", {"period": "month"}, None) == date(2023, 9, 30)


def test_working_days_from_receipt_skip_weekends_and_tet():
    assert needs_receipt("relative", WORKING_10)
    assert due_date(None, "relative", WORKING_10, None) is None
    # received Friday 4/8/2023: ten working days from Monday 7/8 → Friday 18/8
    assert due_date(None, "relative", WORKING_10, date(2023, 8, 4)) == date(2023, 8, 18)
    # received Thursday 8/2/2024, the eve of Tết (off 8–14/2): days count from Thursday 15/2
    assert due_date(None, "relative", {"days": 3, "working": True, "from": "receipt"},
                    date(2024, 2, 7)) == date(2024, 2, 19)


def test_calendar_days_and_months_from_receipt_end_on_a_working_day():
    # 5 days from Monday 28/8/2023 → Saturday 2/9 (National Day, 1–4/9 off) → Tuesday 5/9
    assert due_date(None, "relative", {"days": 5, "working": False, "from": "receipt"},
                    date(2023, 8, 28)) == date(2023, 9, 5)
    assert due_date(None, "relative", {"months": 1, "from": "receipt"}, date(2024, 1, 31)) == date(2024, 2, 29)


def test_limits_from_other_events_stay_without_a_date():
    assert due_date(None, "relative", {"days": 5, "working": True, "from": "effective"}, date(2024, 1, 2)) is None
    assert due_date(None, "recurring", {"every": ["month"]}, date(2024, 1, 2)) is None


@pytest.mark.parametrize("text, expected", [
    ("2024-03-05", date(2024, 3, 5)), ("05/03/2024", date(2024, 3, 5)), ("5/3/2024", date(2024, 3, 5)),
    ("05-03-2024", date(2024, 3, 5)), (" 2024-3-5 ", date(2024, 3, 5)),
])
def test_dates_in_both_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2024", "2024-13-01", "mai", "", "03/2024", "2024/03/05"])
def test_bad_dates_are_refused_with_a_message(text):
    with pytest.raises(BadInput, match="(không hợp lệ|không có thật)"):
        parse_date(text, "Hạn")


def test_optional_dates_and_durations_and_statuses():
    assert parse_optional_date("none") is None and parse_optional_date("Không") is None
    assert parse_duration("7d") == timedelta(days=7) and parse_duration("2w") == timedelta(days=14)
    assert parse_duration("10") == timedelta(days=10)
    with pytest.raises(BadInput, match="Khoảng thời gian"):
        parse_duration("bảy ngày")
    assert parse_status("open") is Status.OPEN
    assert parse_status("hoàn thành") is Status.DONE and parse_status("cho xac nhan") is Status.PROPOSED
    with pytest.raises(BadInput, match="Trạng thái không hợp lệ"):
        parse_status("xong")
