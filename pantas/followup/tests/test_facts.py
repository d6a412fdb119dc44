import io
import json
from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from .. import facts, services
from ..models import SweepRun
from .factories import follow_up_for, pdf_upload

pytestmark = pytest.mark.django_db


def test_follow_up_rate_as_of_a_date_comes_from_the_history(personas):
    with time_machine.travel("2026-03-02 10:00 +0700", tick=False):
        first = follow_up_for(personas)
        follow_up_for(personas, nip="199001012019031002")
    with time_machine.travel("2026-03-05 10:00 +0700", tick=False):
        services.report(
            first, personas["ppk.makassar"], number="SK-F", decree_date=date(2026, 3, 5),
            imposed_sanction=first.recommended_sanction, starts_on=date(2026, 3, 5), upload=pdf_upload(),
        )  # fmt: skip
        first.refresh_from_db()
        services.verify(first, personas["analis"])
    with time_machine.travel("2026-03-20 10:00 +0700", tick=False):
        services.sweep_deadlines()  # the verified one closes (moral sanction), the other is escalated
    assert facts.follow_up_rate(date(2026, 3, 1)) == (0, 0)
    assert facts.follow_up_rate(date(2026, 3, 4)) == (0, 2)
    assert facts.follow_up_rate(date(2026, 3, 5)) == (1, 2)
    assert facts.follow_up_rate(date(2026, 3, 31)) == (1, 2)  # closing later does not un-count it


def test_sweep_command_prints_counts_and_records_a_heartbeat(personas):
    follow_up_for(personas)
    out = io.StringIO()
    call_command("sweep_deadlines", stdout=out)
    counts = json.loads(out.getvalue())
    assert set(counts) >= {"opened", "early_warning", "due_today", "escalated", "closed"}
    assert SweepRun.objects.filter(finished_at__isnull=False).count() == 1
