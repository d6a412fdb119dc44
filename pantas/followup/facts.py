"""Read contract for statistics and reports: set-based facts about follow-ups, "as of" any date, computed from the
status history (so figures for a past date do not change when a follow-up moves later)."""

from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, Subquery
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


# --- Per-case expressions for the statistics layer (ADR 0070) -------------------------------------------------
# Each takes the case reference (`OuterRef("pk")` inside `cases.facts.case_rows()`) and an "as of" date (None:
# now), and is evaluated by the database as a correlated subquery on the follow-up's history.

# The PPK has imposed the sanction: the decree is reported (a returned, incomplete report moves back to
# acknowledged and stops counting). This is what the supervisor publishes as "ditindaklanjuti / disanksi".
SANCTIONED_STATES = (FollowUpState.REPORTED, FollowUpState.VERIFIED, FollowUpState.CLOSED)


def _before(day: date | None) -> Q:
    return Q() if day is None else Q(at__lt=_start_of_next(day))


def _start_of_next(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time(0, 0)))


def case_state_at(case_ref, as_of: date | None):
    """The state of the case's follow-up at the end of `as_of` (current when None); null without one."""
    if as_of is None:
        return Subquery(FollowUp.objects.filter(case=case_ref).values("state")[:1])
    last = FollowUpStatusChange.objects.filter(Q(follow_up__case=case_ref) & _before(as_of)).order_by(
        "-at", "-id"
    )
    return Subquery(last.values("to_state")[:1])


def case_sanctioned_at(case_ref):
    """When the case's PPK first reported the decree (null if never): the end of "time to follow-up"."""
    history = FollowUpStatusChange.objects.filter(follow_up__case=case_ref, to_state=FollowUpState.REPORTED)
    return Subquery(history.order_by("at", "id").values("at")[:1])


def case_overdue(case_ref, as_of: date | None):
    """A follow-up whose original due date (in the recommendation letter) had passed by `as_of` (today when
    None) without a reported decree; combine with "not sanctioned as of" (the caller holds that state)."""
    day = as_of or timezone.localdate()
    opened = FollowUp.objects.filter(case=case_ref, recommendation__follow_up_due__lt=day)
    if as_of is not None:
        opened = opened.filter(created_at__lt=_start_of_next(as_of))
    return Exists(opened)


def case_blocked(case_ref, as_of: date | None):
    """The reported civil servant's record was blocked in SIASN at the end of `as_of` (today when None)."""
    day = as_of or timezone.localdate()
    blocks = BlockingRequest.objects.filter(follow_up__case=case_ref, blocked_on__lte=day).filter(
        Q(unblocked_on__isnull=True) | Q(unblocked_on__gt=day)
    )
    return Exists(blocks)
