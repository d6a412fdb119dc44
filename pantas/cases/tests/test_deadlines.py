from datetime import date, timedelta

import holidays
import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pantas.core.calendar import IndonesianCalendar
from pantas.core.models import CollectiveLeaveDay
from pantas.registry.models import StageDeadline

from .. import services
from ..models import Case
from ..workflow import CaseState
from .factories import CaseFactory, received_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(db):
    # Read-only for the property test below, so sharing it across generated examples is safe.
    CollectiveLeaveDay.objects.get_or_create(
        date=date(2026, 3, 18),
        defaults={"description": "Cuti bersama Nyepi", "legal_source": "SKB 3 Menteri 2025"},
    )
    return IndonesianCalendar()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31)), n=st.integers(0, 30))
def test_working_day_deadlines_never_land_on_a_day_off(calendar, start, n):
    due = calendar.add_working_days(start, n)
    assert due.weekday() < 5
    assert due not in holidays.Indonesia(years=due.year)
    assert due != date(2026, 3, 18)
    assert due >= start
    if n:
        assert calendar.add_working_days(start, n + 1) > due
        assert calendar.working_days_between(start, due) == n


def test_stage_deadlines_come_from_reference_data_in_working_days(personas, calendar):
    # Friday 13 March 2026: the 5 working days of verification skip the weekend, Nyepi (19 Mar) and the
    # cuti bersama (18 Mar).
    with time_machine.travel("2026-03-13 09:00 +0700", tick=False):
        case = received_case(personas["analis"])
    assert case.due_on == calendar.add_working_days(date(2026, 3, 13), 5)
    assert case.due_on > date(2026, 3, 20)
    StageDeadline.objects.filter(code="investigation").update(working_days=2)
    with time_machine.travel("2026-03-13 10:00 +0700", tick=False):
        services.verify(case, personas["analis"])
        case = services.start_investigation(case, personas["analis"], category="skb2022-a2")
    assert case.deadline_code == "investigation"
    assert case.due_on == calendar.add_working_days(date(2026, 3, 13), 2)
    assert case.due_on.weekday() < 5


def test_overdue_cases_are_flagged_and_listed_per_analyst(client, personas):
    analyst = personas["analis"]
    today = date.today()
    late = CaseFactory(state=CaseState.INVESTIGATION, assignee=analyst, due_on=today - timedelta(days=3))
    CaseFactory(state=CaseState.INVESTIGATION, assignee=analyst, due_on=today + timedelta(days=3))
    CaseFactory(state=CaseState.NOT_PROVEN, assignee=analyst, due_on=today - timedelta(days=30))
    assert list(Case.objects.overdue(today)) == [late]
    assert late.is_overdue
    client.force_login(personas["komisioner"])
    response = client.get("/kasus/terlambat/")
    rows = list(response.context["per_analyst"])
    assert rows[0]["assignee__username"] == "analis"
    assert rows[0]["total"] == 1
