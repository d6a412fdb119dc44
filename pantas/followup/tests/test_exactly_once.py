"""Killing the worker mid-escalation and sweeping again yields exactly one escalation, one audit event and one
notification per follow-up (issue 9 §5). A real `db_worker` process; SQLite and PostgreSQL."""

import subprocess
import sys
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from pantas.core.models import AuditEvent

from ..models import BlockingRequest, FollowUp, Notification, PPKReport
from ..services import sweep_deadlines
from ..workflow import FollowUpState
from .factories import follow_up_for

pytestmark = pytest.mark.django_db(transaction=True)


def _worker(*args):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pantas.followup.tests.worker",
            connection.settings_dict["NAME"],
            *map(str, args),
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _escalations(follow_ups):
    events = AuditEvent.objects.filter(
        action="followup.followup.escalated", object_id__in=[str(f.pk) for f in follow_ups]
    )
    return Counter(events.values_list("object_id", flat=True))


def test_killed_worker_then_sweep_again_acts_exactly_once(personas):
    follow_ups = [
        follow_up_for(personas, nip=nip)
        for nip in ("198609262015051001", "199001012019031002", "198505052010012003")
    ]
    FollowUp.objects.update(due_on=timezone.localdate() - timedelta(days=7))

    killed = _worker(2)  # dies inside the second escalation's transaction
    assert killed.returncode == 9, killed.stderr
    assert FollowUp.objects.filter(state=FollowUpState.ESCALATED).count() == 1
    assert BlockingRequest.objects.count() == 1  # the second one was rolled back with its escalation

    resumed = _worker()
    assert resumed.returncode == 0, resumed.stderr
    assert FollowUp.objects.filter(state=FollowUpState.ESCALATED).count() == len(
        follow_ups
    )  # the worker did it
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0  # outbox sent by the same worker
    sweep_deadlines()  # and once more in-process: nothing left to do

    assert set(FollowUp.objects.values_list("state", flat=True)) == {FollowUpState.ESCALATED}
    assert _escalations(follow_ups) == {str(f.pk): 1 for f in follow_ups}
    assert Counter(BlockingRequest.objects.values_list("follow_up_id", flat=True)) == {
        f.pk: 1 for f in follow_ups
    }
    assert Counter(PPKReport.objects.values_list("follow_up_id", flat=True)) == {f.pk: 1 for f in follow_ups}
    for action in ("followup.blockingrequest.requested", "followup.ppkreport.sent"):
        assert AuditEvent.objects.filter(action=action).count() == len(follow_ups)
    per_key = Counter(Notification.objects.values_list("follow_up_id", "kind", "organisation_id"))
    assert per_key and set(per_key.values()) == {1}
    assert Counter(k for _, k, _ in per_key) == {
        "overdue": 6,
        "blocking_requested": 3,
        "reprimand_requested": 3,
    }
