"""Working-day arithmetic, framework-free: callers pass the set of non-working dates."""

from collections.abc import Callable
from datetime import date, timedelta


def is_working_day(day: date, is_holiday: Callable[[date], bool]) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def add_working_days(start: date, n: int, is_holiday: Callable[[date], bool]) -> date:
    """The n-th working day after `start` (n >= 1); `start` itself never counts.

    n == 0 returns the first working day on or after `start`, so a deadline never lands on a day off.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    day = start
    if n == 0:
        while not is_working_day(day, is_holiday):
            day += timedelta(days=1)
        return day
    remaining = n
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, is_holiday):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, is_holiday: Callable[[date], bool]) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start, is_holiday)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, is_holiday):
            count += 1
    return count
