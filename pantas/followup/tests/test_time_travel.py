"""Time travel through reminder → due today → overdue → blocking request → decree → verification → unblock
request, at exact working-day boundaries. The window holds Isra Mi'raj (27 Jan 2025, national holiday), cuti
bersama Imlek (28 Jan 2025, data) and Imlek (29 Jan 2025, national holiday)."""

from datetime import date

import pytest
import time_machine

from pantas.core.calendar import IndonesianCalendar

from .. import services
from ..models import BlockingRequest, FollowUp, Notification
from ..workflow import BlockingState, FollowUpState
from .factories import follow_up_for, pdf_upload

pytestmark = pytest.mark.django_db


def at(day: str, hour: int = 9):
    return time_machine.travel(f"{day} {hour:02d}:00 +0700", tick=False)


def kinds(follow_up):
    return sorted(
        Notification.objects.filter(follow_up=follow_up).order_by().values_list("kind", flat=True).distinct()
    )


def test_follow_up_clock_across_holiday_and_cuti_bersama(personas):
    calendar = IndonesianCalendar()
    assert calendar.is_holiday(date(2025, 1, 27)) and calendar.is_holiday(date(2025, 1, 29))
    assert calendar.is_holiday(date(2025, 1, 28))  # cuti bersama, from the reference data

    with at("2025-01-17", 10):  # Friday: the recommendation is issued
        follow_up = follow_up_for(personas)
    # 10 working days: 20–24 Jan (5), 27–29 skipped, 30, 31 Jan, 3, 4, 5 Feb.
    assert follow_up.due_on == date(2025, 2, 5)

    with at("2025-01-30"):  # due is 4 working days away: no warning yet
        services.sweep_deadlines()
    assert kinds(follow_up) == []
    with at("2025-01-31"):  # exactly 3 working days before: early warning to the PPK, copied to BKN
        services.sweep_deadlines()
        services.sweep_deadlines()
    assert kinds(follow_up) == ["early_warning"]
    assert Notification.objects.filter(follow_up=follow_up).count() == 2
    with at("2025-02-05", 8):
        services.sweep_deadlines()
    assert kinds(follow_up) == ["due_today", "early_warning"]
    with at("2025-02-05", 23):  # still the due day: not overdue
        services.sweep_deadlines()
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.AWAITING

    with at("2025-02-06", 0):  # first minute after the due day: escalated once
        services.sweep_deadlines()
        services.sweep_deadlines()
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.ESCALATED
    blocking = BlockingRequest.objects.get(follow_up=follow_up)
    assert blocking.state == BlockingState.REQUESTED
    assert "overdue" in kinds(follow_up) and "blocking_requested" in kinds(follow_up)

    with at("2025-02-07", 10):
        services.record_block(blocking, personas["bkn"], reference="SIASN/BLK/1", blocked_on=date(2025, 2, 7))
    with at("2025-02-10", 10):
        follow_up.refresh_from_db()
        services.report(
            follow_up, personas["ppk.makassar"], number="800/1/2025", decree_date=date(2025, 2, 10),
            imposed_sanction=follow_up.recommended_sanction, starts_on=date(2025, 2, 10), upload=pdf_upload(),
        )  # fmt: skip
    with at("2025-02-11", 10):
        follow_up.refresh_from_db()
        services.verify(follow_up, personas["analis"])
    blocking.refresh_from_db()
    assert blocking.state == BlockingState.UNBLOCK_REQUESTED
    assert blocking.unblock_requested_at.date() == date(2025, 2, 11)
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.VERIFIED and follow_up.compliance == "complied"

    with at("2025-02-12"):  # a moral sanction has no running period: the follow-up closes
        services.sweep_deadlines()
    assert FollowUp.objects.get(pk=follow_up.pk).state == FollowUpState.CLOSED
