"""The follow-up demo reproduces the published figures, computed from the rows "as of" each date (status
history, blocking dates), and is idempotent; live follow-ups exist for the demo PPK users."""

import io
import math
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from pantas.cases import demo as cases_demo
from pantas.core.audit import verify_chain
from pantas.intake import demo as intake_demo

from .. import demo
from ..models import BlockingRequest, FollowUp, FollowUpStatusChange, PPKReport
from ..workflow import BlockingState, FollowUpState, PPKReportState

pytestmark = pytest.mark.django_db


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time(0, 0)))


def reported_by(election: str, day: date) -> int:
    """Follow-ups whose PPK had reported a sanction decree by the end of `day` (from the status history)."""
    return (
        FollowUpStatusChange.objects.filter(
            follow_up__case__election__code=election, to_state=FollowUpState.REPORTED, at__lt=_end_of(day)
        )
        .values("follow_up")
        .distinct()
        .count()
    )


def test_the_demo_reproduces_the_published_follow_up_figures():
    intake_demo.seed(io.StringIO())
    cases_demo.seed(io.StringIO())
    out = io.StringIO()
    demo.seed(out)

    pilkada = FollowUp.objects.filter(case__election__code="pilkada-2020")
    proven = pilkada.count()
    assert proven == 1596
    assert reported_by("pilkada-2020", date(2022, 5, 31)) == 1373
    assert math.floor(1000 * 1373 / proven) / 10 == 86.0
    assert reported_by("pilkada-2020", date(2024, 2, 6)) == 1450
    assert math.floor(1000 * 1450 / proven) / 10 == 90.8

    blocks = BlockingRequest.objects.filter(follow_up__case__election__code="pilkada-2020")
    cut = date(2020, 11, 26)
    assert blocks.filter(blocked_on__lte=cut).count() == 26
    assert blocks.filter(unblocked_on__lte=cut).count() == 8
    # Archival requests and reports are archival documents: issued, verifiable, no digital copy (ADR 0044).
    assert not BlockingRequest.objects.filter(document__isnull=True).exists()
    assert not PPKReport.objects.filter(document__isnull=True).exists()
    archival = blocks.filter(document__archival=True, document__state="issued", document__pdf__isnull=True)
    assert archival.count() == blocks.count()
    assert all(b.number == b.document.number for b in blocks.select_related("document")[:50])

    # The never-followed-up are overdue now: escalated, record blocked (open request), PPK reported, one reprimand.
    never = pilkada.filter(state=FollowUpState.ESCALATED)
    assert never.count() == 1596 - 1450
    assert blocks.filter(follow_up__in=never, state=BlockingState.BLOCKED).count() == never.count()
    assert PPKReport.objects.filter(follow_up__in=never, state=PPKReportState.REPRIMANDED).exists()
    assert pilkada.filter(state=FollowUpState.CLOSED).count() == 1450

    # Pemilu 2019: the forwarded recommendations were all followed up; one more case was followed up directly
    # by the PPK before any recommendation (cases demo).
    pemilu = FollowUp.objects.filter(
        case__election__code="pemilu-2019", recommendation__letter__document__archival=True
    )
    assert pemilu.count() == pemilu.filter(state=FollowUpState.CLOSED).count() == 85

    # Live follow-ups with today's dates for the demo PPK offices.
    live = FollowUp.objects.filter(recommendation__letter__document__archival=False)
    assert live.filter(addressee__code="ppk-kota-73-71").exists()
    assert live.filter(addressee__code="ppk-kemenag").exists()
    assert all(f.recommendation.letter.sha256 for f in live)
    assert live.filter(
        state=FollowUpState.ESCALATED, blocking_requests__state=BlockingState.REQUESTED
    ).exists()
    assert live.filter(state=FollowUpState.REPORTED).exists()

    # Every recommendation has exactly one follow-up; the audit chain holds; a second run adds nothing.
    assert not FollowUp.objects.filter(recommendation__isnull=True).exists()
    count = FollowUp.objects.count()
    demo.seed(io.StringIO())
    assert FollowUp.objects.count() == count
    assert verify_chain() == []
