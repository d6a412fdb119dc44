"""Home panels of the case staff (ADR 0072): one aggregate query each, counts with links to the worklists."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Case, LetterState
from .workflow import CaseState


def commissioner(user) -> list[dict]:
    """Letters awaiting approval and proven cases whose recommendation is not sent yet."""
    counts = (
        Case.objects.visible_to(user)
        .filter(state=CaseState.PROVEN)
        .aggregate(
            awaiting=Count("pk", filter=Q(letter__state=LetterState.DRAFT)),
            unsent=Count("pk"),
        )
    )
    return [
        {"key": "letters_awaiting", "label": _("surat menunggu persetujuan"), "value": counts["awaiting"],
         "url": reverse("cases:letters_awaiting")},
        {"key": "proven_unsent", "label": _("terbukti, rekomendasi belum dikirim"), "value": counts["unsent"],
         "url": reverse("cases:list") + f"?state={CaseState.PROVEN}"},
    ]  # fmt: skip


def analyst(user) -> list[dict]:
    """The analyst's own open cases by deadline: overdue, due within five days, later, without a deadline."""
    today = timezone.localdate()
    soon = today + timedelta(days=5)
    counts = (
        Case.objects.visible_to(user)
        .filter(assignee=user)
        .open()
        .aggregate(
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon)),
            later=Count("pk", filter=Q(due_on__gt=soon)),
            undated=Count("pk", filter=Q(due_on__isnull=True)),
        )
    )
    mine = reverse("cases:mine")
    return [
        {"key": "overdue", "label": _("kasus saya melewati tenggat"), "value": counts["overdue"],
         "url": reverse("cases:overdue")},
        {"key": "due_soon", "label": _("tenggat dalam 5 hari"), "value": counts["soon"], "url": mine},
        {"key": "due_later", "label": _("tenggat lebih lama"), "value": counts["later"], "url": mine},
        {"key": "undated", "label": _("tanpa tenggat"), "value": counts["undated"], "url": mine},
    ]  # fmt: skip
