"""The deadline sweep (`manage.py sweep_deadlines`, the periodic task; ADR 0052).

Idempotent and resumable: each step finds its rows in one set-based query and acts on them in short transactions
(escalations: one per batch of `ESCALATION_BATCH`, ADR 0145), guarded by a compare-and-set on the state or by the notification's unique key, so running it twice,
concurrently, or again after it was killed half-way never escalates, audits or notifies twice. On top of that,
one sweep runs at a time across every node (`core.locks.single_runner`, a PostgreSQL advisory lock, ADR 0097):
a sweep that finds another one running returns `{"skipped": True}` at once and records no run.
"""

import logging
from datetime import date

from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone

from pantas.cases.services.deadlines import stage_days
from pantas.core import workflow
from pantas.core.calendar import IndonesianCalendar
from pantas.core.locks import single_runner

from ..models import FollowUp, Notification, NotificationKind, SweepRun
from ..workflow import PENDING_STATES, FollowUpState
from .actions import close_many
from .blocking import escalate_many, ministry_picker
from .notifications import bkn_office, notify_many
from .opening import open_follow_ups

logger = logging.getLogger(__name__)
EARLY_WARNING_CODE = "follow-up-early-warning"
LOCK_NAME = "sweep_deadlines"
# Follow-ups escalated or closed per transaction: big enough that the per-statement latency is shared, small enough
# that the counter rows of the document series are held briefly and a killed worker loses little.
ESCALATION_BATCH = 500


def _warn(rows, kind, today) -> int:
    """Warn the PPK and BKN once per due date: set-based, one read of what was sent and one insert (ADR 0134)."""
    bkn = bkn_office()
    # Follow-ups whose PPK was already warned for this due date are left in the database (the key is the date).
    warned = Notification.objects.filter(
        follow_up=OuterRef("pk"),
        kind=kind,
        organisation=OuterRef("addressee"),
        key=Cast(OuterRef("due_on"), CharField()),
    )
    with transaction.atomic():
        return notify_many(
            rows.exclude(Exists(warned)), kind, lambda f: [f.addressee, bkn], lambda f: f.due_on.isoformat()
        )


def sweep_deadlines(today: date | None = None) -> dict:
    """Open missing follow-ups, warn, escalate the overdue, remind after reprimands, close ended sanctions.

    Only one sweep runs at a time wherever it is scheduled (command, timer, task on any worker)."""
    with single_runner(LOCK_NAME) as acquired:
        if not acquired:
            logger.info("deadline sweep skipped: another sweep is running")
            return {"skipped": True}
        return _sweep(today)


def _sweep(today: date | None) -> dict:
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

    counts["escalated"] = _in_batches(
        pending.filter(due_on__lt=today),
        escalate_many,
        "addressee", "case__agency", "recommendation__letter",
    )  # fmt: skip

    # After a reprimand the shorter deadline may pass too: remind the PPK, BKN and the ministry once per date.
    late = FollowUp.objects.filter(
        state=FollowUpState.ESCALATED, reprimanded_at__isnull=False, due_on__lt=today
    ).select_related("addressee", "case__agency", "recommendation__letter")
    bkn, ministry_of = bkn_office(), ministry_picker()
    with transaction.atomic():
        counts["overdue_after_reprimand"] = notify_many(
            late,
            NotificationKind.OVERDUE,
            lambda f: [f.addressee, bkn, ministry_of(f)],
            lambda f: f.due_on.isoformat(),
        )

    # exclude() on the decrees is a NOT EXISTS: one row per follow-up, no DISTINCT needed.
    ended = FollowUp.objects.filter(state=FollowUpState.VERIFIED).exclude(Q(decrees__ends_on__gte=today))
    counts["closed"] = _in_batches(ended, close_many)
    SweepRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), counts=counts)
    return counts


def _in_batches(candidates, act, *related) -> int:
    """Act on the candidates in batches, each its own transaction (ADR 0145): their ids are read once, each batch
    reloads those still candidates and moves them through the engine's compare-and-set, so one moved meanwhile
    (acted on, a concurrent sweep) is skipped and a killed worker's next sweep resumes after the last committed
    batch. The statements per batch do not depend on its size."""
    ids = list(candidates.order_by("due_on", "pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), ESCALATION_BATCH):
        chunk = ids[start : start + ESCALATION_BATCH]
        with transaction.atomic():
            batch = candidates.filter(pk__in=chunk).order_by("due_on", "pk")
            batch = list(batch.select_related(*related) if related else batch)
            moved = act(batch, None)
        done += len(moved)
        if len(moved) < len(chunk):
            logger.info("%d follow-ups not moved: state changed", len(chunk) - len(moved))
    return done


def last_sweep() -> SweepRun | None:
    return SweepRun.objects.filter(finished_at__isnull=False).order_by("-finished_at").first()
