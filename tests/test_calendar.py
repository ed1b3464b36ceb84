"""Working-day calendar: statutory holidays, the override table, Civil Code counting."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.calendar import (
    DaysOffError,
    Overrides,
    WorkCalendar,
    add_working_days,
    bundled_path,
    days_off,
    default_overrides,
    due_date_for_period_end,
    hung_kings_day,
    is_working_day,
    load_overrides,
    lunar_new_year,
    next_working_day,
    parse_overrides,
    previous_working_day,
    working_days_between,
)

D = date


def span(a: date, b: date) -> list[date]:
    return [a + timedelta(k) for k in range((b - a).days + 1)]


# Reference dates of domain.md §7.
@pytest.mark.parametrize("year, tet, gio_to", [
    (2021, D(2021, 2, 12), D(2021, 4, 21)),
    (2022, D(2022, 2, 1), D(2022, 4, 10)),
    (2023, D(2023, 1, 22), D(2023, 4, 29)),
    (2024, D(2024, 2, 10), D(2024, 4, 18)),
    (2025, D(2025, 1, 29), D(2025, 4, 7)),
])
def test_lunar_feasts_match_reference_dates(year, tet, gio_to):
    assert lunar_new_year(year) == tet
    assert hung_kings_day(year) == gio_to
    assert not is_working_day(tet) and not is_working_day(gio_to)


# Public-sector breaks of domain.md §7, weekends included: every day is off.
@pytest.mark.parametrize("first, last", [
    (D(2021, 2, 10), D(2021, 2, 16)), (D(2021, 4, 30), D(2021, 5, 3)),
    (D(2021, 9, 2), D(2021, 9, 5)),
    (D(2022, 1, 1), D(2022, 1, 3)), (D(2022, 1, 29), D(2022, 2, 6)),
    (D(2022, 4, 9), D(2022, 4, 11)), (D(2022, 4, 30), D(2022, 5, 3)),
    (D(2022, 9, 1), D(2022, 9, 4)),
    (D(2022, 12, 31), D(2023, 1, 2)), (D(2023, 1, 20), D(2023, 1, 26)),
    (D(2023, 4, 29), D(2023, 5, 3)), (D(2023, 9, 1), D(2023, 9, 4)),
    (D(2024, 1, 1), D(2024, 1, 1)), (D(2024, 2, 8), D(2024, 2, 14)),
    (D(2024, 4, 18), D(2024, 4, 18)), (D(2024, 4, 27), D(2024, 5, 1)),
    (D(2024, 8, 31), D(2024, 9, 3)),
    (D(2025, 1, 25), D(2025, 2, 2)), (D(2025, 4, 30), D(2025, 5, 4)),
])
def test_yearly_breaks_are_days_off(first, last):
    assert [d for d in span(first, last) if is_working_day(d)] == []


@pytest.mark.parametrize("d", [
    D(2021, 2, 9), D(2021, 2, 17), D(2022, 2, 7), D(2023, 1, 27), D(2023, 5, 4),
    D(2024, 2, 15), D(2024, 4, 26), D(2024, 5, 2), D(2024, 9, 4), D(2025, 2, 3),
])
def test_days_around_breaks_are_worked(d):
    assert is_working_day(d)


def test_swapped_saturdays_are_worked_and_their_bridge_days_are_off():
    assert is_working_day(D(2024, 5, 4)) and not is_working_day(D(2024, 4, 29))
    assert is_working_day(D(2025, 4, 26)) and not is_working_day(D(2025, 5, 2))
    assert not is_working_day(D(2024, 5, 11))  # an ordinary Saturday


def test_add_working_days_across_tet_2024():
    assert add_working_days(D(2024, 2, 7), 1) == D(2024, 2, 15)
    assert add_working_days(D(2024, 2, 5), 5) == D(2024, 2, 19)
    assert working_days_between(D(2024, 2, 7), D(2024, 2, 15)) == 1
    # February 2024 has 21 weekdays, 5 of them in the Tết break; (1/2, 29/2] leaves out 1/2.
    assert working_days_between(D(2024, 1, 31), D(2024, 2, 29)) == 16
    assert working_days_between(D(2024, 2, 1), D(2024, 2, 29)) == 15


def test_add_working_days_across_national_day_2024():
    assert add_working_days(D(2024, 8, 29), 1) == D(2024, 8, 30)
    assert add_working_days(D(2024, 8, 29), 2) == D(2024, 9, 4)
    assert working_days_between(D(2024, 8, 30), D(2024, 9, 4)) == 1


def test_add_working_days_counts_the_worked_saturday():
    assert add_working_days(D(2024, 4, 26), 1) == D(2024, 5, 2)
    assert add_working_days(D(2024, 4, 26), 3) == D(2024, 5, 4)
    assert add_working_days(D(2024, 5, 2), -1) == D(2024, 4, 26)


def test_counting_starts_the_day_after_the_anchor():
    assert add_working_days(D(2024, 3, 4), 1) == D(2024, 3, 5)
    assert add_working_days(D(2024, 3, 8), 1) == D(2024, 3, 11)
    assert add_working_days(D(2024, 3, 9), 0) == D(2024, 3, 9)
    assert working_days_between(D(2024, 3, 4), D(2024, 3, 4)) == 0
    assert working_days_between(D(2024, 3, 11), D(2024, 3, 4)) == -5


def test_period_end_moves_off_days_off():
    assert due_date_for_period_end(D(2024, 2, 10)) == D(2024, 2, 15)
    assert due_date_for_period_end(D(2024, 3, 16)) == D(2024, 3, 18)
    assert due_date_for_period_end(D(2024, 3, 15)) == D(2024, 3, 15)
    assert next_working_day(D(2024, 3, 15)) == D(2024, 3, 18)
    assert previous_working_day(D(2024, 2, 15)) == D(2024, 2, 7)


def test_days_off_lists_holidays_with_reasons_but_not_worked_days():
    off = days_off(2024)
    assert D(2024, 2, 10) in off and "Tết" in off[D(2024, 2, 10)]
    assert D(2024, 4, 29) in off and D(2024, 9, 3) in off
    assert D(2024, 5, 4) not in off
    assert D(2024, 3, 16) not in off  # a plain Saturday
    with_weekends = days_off(2024, weekends=True)
    assert with_weekends[D(2024, 3, 16)] == "Thứ Bảy"
    assert D(2024, 5, 4) not in with_weekends
    assert set(off) < set(with_weekends)
    assert all(d.year == 2024 for d in with_weekends)


def test_statutory_holidays_hold_beyond_the_table():
    # 2030 is not in the table: the Labour Code days still come from the package.
    for d in (D(2030, 1, 1), D(2030, 4, 30), D(2030, 5, 1), D(2030, 9, 2), lunar_new_year(2030)):
        assert not is_working_day(d)


# ---- the override table ----------------------------------------------------------------

def stub_source(off=None, work=()):
    off = off or {}

    def source(year):
        return ({d: r for d, r in off.items() if d.year == year},
                frozenset(d for d in work if d.year == year))
    return source


def test_precedence_of_layers():
    mon, sat, sun, tue = D(2024, 3, 4), D(2024, 3, 9), D(2024, 3, 10), D(2024, 3, 5)
    source = stub_source(off={mon: "pkg holiday", tue: "pkg holiday"}, work={sat})
    plain = WorkCalendar(statutory=source)
    assert not plain.is_working_day(mon) and plain.is_working_day(sat)
    own = Overrides(off={sat: "own off"}, work={mon: "own work", sun: "own work"})
    cal = WorkCalendar(own, statutory=source)
    assert cal.is_working_day(mon) and cal.is_working_day(sun)
    assert not cal.is_working_day(sat) and not cal.is_working_day(tue)
    assert cal.days_off(2024) == {sat: "own off", tue: "pkg holiday"}


def test_merge_lets_a_later_table_cancel_or_add():
    a, b, c = D(2024, 3, 4), D(2024, 3, 5), D(2024, 3, 9)
    base = Overrides(off={a: "x", b: "y"}, work={c: "z"})
    merged = base.merged(Overrides(off={c: "cancelled"}, work={a: "worked"}))
    assert dict(merged.off) == {b: "y", c: "cancelled"}
    assert dict(merged.work) == {a: "worked"}


def test_bundled_table_loads_and_is_consistent():
    table = load_overrides(bundled_path())
    assert D(2024, 5, 4) in table.work
    assert D(2024, 2, 8) in table.off and D(2024, 2, 14) in table.off
    assert not set(table.off) & set(table.work)
    assert {d.year for d in table.off} >= set(range(2021, 2027))


def test_env_file_is_laid_over_the_bundled_table(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "2024:\n"
        "  days_off:\n"
        "    - {date: 2024-05-04, reason: \"Hủy làm bù\"}\n"
        "    - {date: 2024-03-08, reason: \"Nghỉ thêm\", source: \"QĐ giả định\"}\n",
        encoding="utf-8")
    table = default_overrides({"CHIDAO_DAYS_OFF": str(extra)})
    assert table.off[D(2024, 3, 8)] == "Nghỉ thêm"
    assert D(2024, 5, 4) in table.off and D(2024, 5, 4) not in table.work
    cal = WorkCalendar(table)
    assert not cal.is_working_day(D(2024, 3, 8)) and not cal.is_working_day(D(2024, 5, 4))
    assert default_overrides({}).work == load_overrides(bundled_path()).work


@pytest.mark.parametrize("data, message", [
    ([1, 2], "top level"),
    ({"2024": {"days_off": []}}, "not a year"),
    ({2024: {"off": []}}, "may hold only"),
    ({2024: {"days_off": {"date": "2024-01-01"}}}, "must be a list"),
    ({2024: {"days_off": ["2024-01-01"]}}, "must be a mapping"),
    ({2024: {"days_off": [{"date": "2024-13-01", "reason": "x"}]}}, "'date' must be a date"),
    ({2024: {"days_off": [{"date": D(2024, 1, 1)}]}}, "'reason'"),
    ({2024: {"days_off": [{"date": D(2024, 1, 1), "reason": "x", "why": 1}]}}, "unknown key"),
    ({2024: {"days_off": [{"date": D(2024, 1, 5), "until": D(2024, 1, 1), "reason": "x"}]}},
     "before"),
    ({2024: {"days_off": [{"date": D(2024, 1, 1), "until": D(2024, 3, 1), "reason": "x"}]}},
     "at most"),
    ({2024: {"days_off": [{"date": D(2023, 5, 1), "reason": "x"}]}}, "does not touch"),
    ({2024: {"days_off": [{"date": D(2024, 1, 1), "reason": "x", "source": 5}]}}, "'source'"),
    ({2024: {"days_off": [{"date": D(2024, 1, 1), "reason": "x"}],
             "working_days": [{"date": D(2024, 1, 1), "reason": "y"}]}}, "already listed"),
])
def test_invalid_tables_are_rejected_naming_the_file(data, message):
    with pytest.raises(DaysOffError, match=message) as err:
        parse_overrides(data, "my-table.yaml")
    assert str(err.value).startswith("my-table.yaml")


def test_yaml_boolean_keys_and_bad_files_are_reported(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("2024:\n  off:\n    - {date: 2024-01-01, reason: x}\n", encoding="utf-8")
    with pytest.raises(DaysOffError, match="bad.yaml"):
        load_overrides(bad)
    broken = tmp_path / "broken.yaml"
    broken.write_text("2024: [unclosed\n", encoding="utf-8")
    with pytest.raises(DaysOffError, match="broken.yaml: not valid YAML"):
        load_overrides(broken)
    with pytest.raises(DaysOffError, match="missing.yaml: cannot read"):
        load_overrides(tmp_path / "missing.yaml")


def test_a_range_crossing_new_year_may_sit_under_either_year():
    table = parse_overrides(
        {2023: {"days_off": [{"date": "2022-12-31", "until": "2023-01-02", "reason": "x"}]}})
    assert set(table.off) == {D(2022, 12, 31), D(2023, 1, 1), D(2023, 1, 2)}


# ---- properties ---------------------------------------------------------------------------

days = st.dates(min_value=D(2020, 1, 1), max_value=D(2027, 12, 31))


@settings(max_examples=200, deadline=None)
@given(days, st.integers(min_value=0, max_value=80))
def test_add_then_count_round_trips(d, n):
    r = add_working_days(d, n)
    assert working_days_between(d, r) == n
    if n:
        assert r > d and is_working_day(r)
        assert working_days_between(d, r - timedelta(1)) == n - 1


@settings(max_examples=200, deadline=None)
@given(days, st.integers(min_value=1, max_value=80))
def test_counting_back_from_a_working_day(d, n):
    d = due_date_for_period_end(d)
    back = add_working_days(d, -n)
    assert back < d and is_working_day(back)
    assert working_days_between(back, d) == n


@settings(max_examples=200, deadline=None)
@given(days, days)
def test_count_is_antisymmetric_and_additive(a, b):
    assert working_days_between(a, b) == -working_days_between(b, a)
    mid = min(a, b) + (max(a, b) - min(a, b)) / 2
    lo, hi = min(a, b), max(a, b)
    assert working_days_between(lo, hi) == (working_days_between(lo, mid)
                                            + working_days_between(mid, hi))


@settings(max_examples=200, deadline=None)
@given(days)
def test_next_working_day_skips_only_days_off(d):
    n = next_working_day(d)
    assert n > d and is_working_day(n)
    assert not any(is_working_day(x) for x in span(d + timedelta(1), n - timedelta(1)))
    e = due_date_for_period_end(d)
    assert e == (d if is_working_day(d) else n)
