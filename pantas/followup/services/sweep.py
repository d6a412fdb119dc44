"""The deadline sweep (`manage.py sweep_deadlines`, the periodic task; ADR 0052).

Idempotent and resumable: each step finds its rows in one set-based query and acts on each in its own
transaction, guarded by a compare-and-set on the state or by the notification's unique key, so running it twice,
concurrently, or again after it was killed half-way never escalates, audits or notifies twice.
"""

import logging
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pantas.cases.services.deadlines import stage_days
from pantas.core import workflow
from pantas.core.calendar import IndonesianCalendar
from pantas.core.errors import DomainError

from ..models import FollowUp, NotificationKind, SweepRun
from ..workflow import PENDING_STATES, FollowUpState
from .actions import close
from .blocking import escalate, ministry_for
from .notifications import bkn_office, notify_many
from .opening import open_follow_ups

logger = logging.getLogger(__name__)
EARLY_WARNING_CODE = "follow-up-early-warning"


def _warn(rows, kind, today) -> int:
    """Warn the PPK and BKN once per due date: set-based, one read of what was sent and one insert (ADR 0134)."""
    bkn = bkn_office()
    with transaction.atomic():
        return notify_many(rows, kind, lambda f: [f.addressee, bkn], lambda f: f.due_on.isoformat())


def sweep_deadlines(today: date | None = None) -> dict:
    """Open missing follow-ups, warn, escalate the overdue, remind after reprimands, close ended sanctions."""
    now = workflow.now()
    today = today or timezone.localdate(now)
    run = SweepRun.objects.create(started_at=now)
    calendar = IndonesianCalendar()
    counts = {"opened": len(open_follow_ups())}
    pending = FollowUp.objects.filter(state__in=PENDING_STATES, due_on__isnull=False).select_related(
        "addressee", "recommendation__letter"
    )

    warning_days = stage_days(EARLY_WARNING_CODE) or 3
    horizon = calendar.add_working_days(today, warning_days)
    counts["early_warning"] = _warn(
        pending.filter(due_on__gt=today, due_on__lte=horizon), NotificationKind.EARLY_WARNING, today
    )
    counts["due_today"] = _warn(pending.filter(due_on=today), NotificationKind.DUE_TODAY, today)

    escalated = 0
    for follow_up in pending.filter(due_on__lt=today).select_related("case__agency").order_by("due_on", "pk"):
        try:
            escalate(follow_up, None)
            escalated += 1
        except DomainError:  # moved meanwhile (acted on, or escalated by a concurrent sweep)
            logger.info("follow-up %s not escalated: state changed", follow_up.pk)
    counts["escalated"] = escalated

    # After a reprimand the shorter deadline may pass too: remind the PPK, BKN and the ministry once per date.
    late = FollowUp.objects.filter(
        state=FollowUpState.ESCALATED, reprimanded_at__isnull=False, due_on__lt=today
    ).select_related("addressee", "case__agency", "recommendation__letter")
    bkn = bkn_office()
    with transaction.atomic():
        counts["overdue_after_reprimand"] = notify_many(
            late,
            NotificationKind.OVERDUE,
            lambda f: [f.addressee, bkn, ministry_for(f)],
            lambda f: f.due_on.isoformat(),
        )

    ended = FollowUp.objects.filter(state=FollowUpState.VERIFIED).exclude(Q(decrees__ends_on__gte=today))
    closed = 0
    for follow_up in ended.distinct():
        try:
            close(follow_up, None)
            closed += 1
        except DomainError:
            pass
    counts["closed"] = closed
    SweepRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), counts=counts)
    return counts


def last_sweep() -> SweepRun | None:
    return SweepRun.objects.filter(finished_at__isnull=False).order_by("-finished_at").first()
