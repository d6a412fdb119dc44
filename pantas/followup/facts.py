"""Read contract for statistics and reports: set-based facts about follow-ups, "as of" any date (so figures for a
past date do not change when a follow-up moves later) — per follow-up from the status history, per case (the
statistics layer) from the follow-up facts kept on the case row (ADR 0140)."""

from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from pantas.cases import facts as case_facts
from pantas.cases.models import CaseFactRun, FactKind

from .models import BlockingRequest, FollowUp, FollowUpStatusChange
from .services import facts as facts_store
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


# --- Conditions over the case rows of the statistics layer (ADR 0070, ADR 0140) -------------------------------
# Each takes an "as of" date (None: now) and reads the follow-up facts kept on the case row (`services.facts`),
# so that `cases.facts.case_rows()` counts them in the same scan.

# The PPK has imposed the sanction: the decree is reported (a returned, incomplete report moves back to
# acknowledged and stops counting). This is what the supervisor publishes as "ditindaklanjuti / disanksi".
SANCTIONED_STATES = facts_store.SANCTIONED_STATES


def case_sanctioned(as_of: date | None) -> Q:
    """The last change of the case's follow-ups by the end of `as_of` (now when None) was into a sanctioned
    state; `sanctioned_at` is when the PPK first reported the decree (the end of "time to follow-up")."""
    return case_facts.holding(FactKind.SANCTIONED, "sanctioned_since", as_of)


case_sanctioned_at = "sanction_reported_at"


def case_overdue(as_of: date | None) -> Q:
    """A follow-up of the case whose original due date (in the recommendation letter) had passed by `as_of`
    (today when None), opened by then; combine with "not sanctioned as of" and "recommended"."""
    day = as_of or timezone.localdate()
    first = Q(follow_up_due__lt=day)
    further = CaseFactRun.objects.filter(kind=FactKind.FOLLOW_UP, due__lt=day)
    if as_of is not None:
        first &= Q(follow_up_opened_at__lt=_start_of_next(as_of))
        further = further.filter(valid_from__lt=_start_of_next(as_of))
    return first | Q(pk__in=further.values("case_id"))


def case_blocked(as_of: date | None) -> Q:
    """The reported civil servant's record was blocked in SIASN at the end of `as_of` (today when None): an
    uncorrelated `IN (…)` over the blocking requests holding then."""
    day = as_of or timezone.localdate()
    return Q(pk__in=blocked_as_of(day).values("follow_up__case_id"))


def _start_of_next(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time(0, 0)))
