from django.db.models import Count, Q
from django.shortcuts import render

from pantas.core.permissions import role_required

from ..models import Assessment, AssessmentCycle, AssessmentStatus, CycleKind
from ..roles import (
    ANY_MERIT,
    ASSESSORS,
    CYCLE_MANAGERS,
    IMPORTERS,
    INSTRUMENT_EDITORS,
    agency_id_of,
    is_merit_staff,
)

S = AssessmentStatus


@role_required(*ANY_MERIT)
def home(request):
    user = request.user
    cycles = (
        AssessmentCycle.objects.visible_to(user)
        .filter(kind=CycleKind.ASSESSMENT)
        .select_related("instrument_version__instrument", "authority")
        .annotate(
            n_total=Count("assessments", distinct=True),
            n_waiting=Count(
                "assessments", filter=Q(assessments__status__in=[S.SUBMITTED, S.REPLIED]), distinct=True
            ),
            n_final=Count("assessments", filter=Q(assessments__status=S.FINAL), distinct=True),
        )
    )
    own = []
    if agency_id_of(user):
        own = (
            Assessment.objects.visible_to(user)
            .select_related("cycle__instrument_version", "agency")
            .order_by("-cycle__year")
        )
    queue = []
    if user.has_any_role(ASSESSORS):
        queue = (
            Assessment.objects.visible_to(user)
            .filter(status__in=[S.SUBMITTED, S.REPLIED])
            .select_related("cycle", "agency")
            .order_by("submitted_at")[:50]
        )
    return render(
        request,
        "merit/home.html",
        {
            # Agencies see their own assessments above; cycle-wide counts are for the supervisor.
            "cycles": cycles if is_merit_staff(user) else [],
            "own": own,
            "queue": queue,
            "is_staff": is_merit_staff(user),
            "can_manage": user.has_any_role(CYCLE_MANAGERS),
            "can_edit_instruments": user.has_any_role(INSTRUMENT_EDITORS | ASSESSORS),
            "can_import": user.has_any_role(IMPORTERS),
        },
    )
