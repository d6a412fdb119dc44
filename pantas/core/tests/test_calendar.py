"""P-12: deadlines in working days never land on weekends, national holidays or cuti bersama."""

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pantas.core.calendar import IndonesianCalendar
from pantas.core.models import CollectiveLeaveDay
from pantas.lib.workdays import add_working_days, working_days_between

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar():
    return IndonesianCalendar()


def test_it_skips_idul_fitri_2024_and_its_collective_leave(calendar):
    # Idul Fitri 10-11 Apr 2024 (national) + cuti bersama 8, 9, 12, 15 Apr.
    assert calendar.add_working_days(date(2024, 4, 5), 1) == date(2024, 4, 16)


def test_collective_leave_is_data(calendar):
    day = date(2026, 3, 3)  # a Tuesday with no national holiday
    assert calendar.is_working_day(day)
    CollectiveLeaveDay.objects.create(date=day, description="uji", legal_source="uji")
    assert not IndonesianCalendar().is_working_day(day)


def test_three_working_days_from_a_friday_is_wednesday(calendar):
    assert calendar.add_working_days(date(2026, 11, 20), 3) == date(2026, 11, 25)


def test_zero_days_rolls_forward_to_a_working_day(calendar):
    assert calendar.add_working_days(date(2026, 11, 21), 0) == date(2026, 11, 23)


@settings(max_examples=200, deadline=None)
@given(start=st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31)), n=st.integers(0, 40))
def test_a_deadline_is_always_a_working_day_and_counts_exactly_n(start, n):
    national = holidays.Indonesia(years=range(2019, 2029))
    is_holiday = national.__contains__
    due = add_working_days(start, n, is_holiday)
    assert due.weekday() < 5 and due not in national
    assert due >= start
    if n:
        assert working_days_between(start, due, is_holiday) == n
        assert add_working_days(start, n + 1, is_holiday) > due  # monotonic


def test_working_days_between_is_antisymmetric():
    never = lambda d: False  # noqa: E731
    a, b = date(2026, 1, 5), date(2026, 1, 19)
    assert working_days_between(a, b, never) == 10
    assert working_days_between(b, a, never) == -10
    assert working_days_between(a, a + timedelta(days=0), never) == 0
