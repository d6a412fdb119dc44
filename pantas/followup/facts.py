"""Read contract for statistics and reports: set-based facts about follow-ups, "as of" any date, computed from the
status history (so figures for a past date do not change when a follow-up moves later)."""

from datetime import date, datetime, time

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import BlockingRequest, FollowUp, FollowUpStatusChange
from .workflow import PENDING_STATES, BlockingState, FollowUpState

# A follow-up counts as "followed up" once the PPK reported a decree that the supervisor verified.
FOLLOWED_UP_STATES = (FollowUpState.VERIFIED, FollowUpState.CLOSED)


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def followed_up_as_of(day: date, follow_ups=None):
    """Follow-ups that reached `verified` on or before `day` (and opened by then)."""
    follow_ups = FollowUp.objects.all() if follow_ups is None else follow_ups
    verified = FollowUpStatusChange.objects.filter(
        follow_up=OuterRef("pk"), to_state=FollowUpState.VERIFIED, at__lte=_end_of(day)
    )
    return follow_ups.filter(Exists(verified))


def follow_up_rate(day: date, follow_ups=None) -> tuple[int, int]:
    """(followed up, opened) as of the end of `day`."""
    follow_ups = FollowUp.objects.all() if follow_ups is None else follow_ups
    opened = follow_ups.filter(created_at__lte=_end_of(day))
    return followed_up_as_of(day, opened).count(), opened.count()


def overdue(today: date | None = None):
    today = today or timezone.localdate()
    return FollowUp.objects.filter(state__in=PENDING_STATES, due_on__lt=today) | FollowUp.objects.filter(
        state=FollowUpState.ESCALATED
    )


def blocked_as_of(day: date):
    """Blocking requests recorded as blocked in SIASN on or before `day` and not unblocked by then."""
    return BlockingRequest.objects.filter(blocked_on__lte=day).filter(
        Q(unblocked_on__isnull=True) | Q(unblocked_on__gt=day)
    )


def unblocked_as_of(day: date):
    return BlockingRequest.objects.filter(state=BlockingState.UNBLOCKED, unblocked_on__lte=day)
