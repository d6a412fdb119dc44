"""Open one follow-up per issued recommendation (ADR 0051). Set-based and idempotent: called on commit of the
issuing transaction (signal → task), by every sweep and by `manage.py sweep_deadlines`."""

from django.db import IntegrityError, transaction
from django.db.models import Q

from pantas.cases.models import Recommendation
from pantas.core import audit, workflow

from ..models import FollowUp, FollowUpStatusChange
from ..workflow import FollowUpState
from . import facts


def _missing():
    return Recommendation.objects.filter(follow_up__isnull=True).select_related("case")


def open_follow_up(recommendation: Recommendation) -> FollowUp:
    """The follow-up of `recommendation`, created (with history and audit) if it does not exist yet."""
    existing = FollowUp.objects.filter(recommendation=recommendation).first()
    if existing:
        return existing
    case = recommendation.case
    at = workflow.now()
    try:
        with transaction.atomic():
            follow_up = FollowUp.objects.create(
                recommendation=recommendation,
                case=case,
                addressee_id=recommendation.addressee_id,
                civil_servant_id=case.civil_servant_id,
                nip=case.subject_nip or "",
                recommended_sanction_id=recommendation.sanction_id,
                state=FollowUpState.AWAITING,
                due_on=recommendation.follow_up_due,
                deadline_code="ppk-follow-up" if recommendation.follow_up_due else "",
                state_changed_at=at,
                created_at=at,
                updated_at=at,
            )
            FollowUpStatusChange.objects.create(
                follow_up=follow_up, from_state="", to_state=FollowUpState.AWAITING, action="open", at=at
            )
            facts.opened(follow_up, recommendation.follow_up_due)
            audit.record(
                "followup.followup.opened",
                follow_up,
                data={
                    "recommendation": str(recommendation.uuid),
                    "addressee": recommendation.addressee_id,
                    "due_on": follow_up.due_on,
                },
                at=at,
            )
    except IntegrityError:  # a concurrent run opened it first
        return FollowUp.objects.get(recommendation=recommendation)
    return follow_up


def open_follow_ups(recommendations=None) -> list[FollowUp]:
    """Open the follow-ups still missing (all recommendations, or those in the `recommendations` queryset)."""
    pending = _missing()
    if recommendations is not None:
        pending = pending.filter(Q(pk__in=recommendations.values("pk")))
    return [open_follow_up(recommendation) for recommendation in pending.order_by("issued_at", "pk")]
