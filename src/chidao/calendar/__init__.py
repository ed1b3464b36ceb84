"""Working-day calendar of the Vietnamese public sector (holidays, swaps, Civil Code time limits)."""
from chidao.calendar.lunar import hung_kings_day, lunar_new_year
from chidao.calendar.overrides import (
    ENV_VAR,
    DaysOffError,
    Overrides,
    bundled_path,
    default_overrides,
    load_overrides,
    parse_overrides,
)
from chidao.calendar.workdays import (
    WorkCalendar,
    add_working_days,
    days_off,
    default_calendar,
    due_date_for_period_end,
    is_working_day,
    next_working_day,
    previous_working_day,
    reset_default_calendar,
    working_days_between,
)

__all__ = [
    "ENV_VAR",
    "DaysOffError",
    "Overrides",
    "WorkCalendar",
    "add_working_days",
    "bundled_path",
    "days_off",
    "default_calendar",
    "default_overrides",
    "due_date_for_period_end",
    "hung_kings_day",
    "is_working_day",
    "load_overrides",
    "lunar_new_year",
    "next_working_day",
    "parse_overrides",
    "previous_working_day",
    "reset_default_calendar",
    "working_days_between",
]
