"""The Indonesian working-day calendar: national holidays (`holidays` package) plus cuti bersama (data)."""

from datetime import date
from functools import lru_cache

import holidays

from pantas.lib import workdays

from .models import CollectiveLeaveDay


@lru_cache(maxsize=64)
def _national(year: int) -> frozenset[date]:
    return frozenset(holidays.Indonesia(years=year).keys())


class IndonesianCalendar:
    """Snapshot of the non-working days; build one per request/job, not per call."""

    def __init__(self):
        self._leave = frozenset(CollectiveLeaveDay.objects.values_list("date", flat=True))

    def is_holiday(self, day: date) -> bool:
        return day in _national(day.year) or day in self._leave

    def is_working_day(self, day: date) -> bool:
        return workdays.is_working_day(day, self.is_holiday)

    def add_working_days(self, start: date, n: int) -> date:
        return workdays.add_working_days(start, n, self.is_holiday)

    def working_days_between(self, start: date, end: date) -> int:
        return workdays.working_days_between(start, end, self.is_holiday)


def add_working_days(start: date, n: int) -> date:
    return IndonesianCalendar().add_working_days(start, n)
