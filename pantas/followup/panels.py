"""Home panels for follow-up (ADR 0072): the commissioner's overdue follow-ups, the BKN's open blocking
requests, the PPK's due and overdue recommendations. One aggregate query each."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import BlockingRequest, FollowUp
from .workflow import PENDING_STATES, BlockingState, FollowUpState


def _overdue(today) -> Q:
    return Q(state=FollowUpState.ESCALATED) | Q(state__in=PENDING_STATES, due_on__lt=today)


def supervisor(user) -> list[dict]:
    today = timezone.localdate()
    counts = FollowUp.objects.visible_to(user).aggregate(
        overdue=Count("pk", filter=_overdue(today)),
        to_verify=Count("pk", filter=Q(state=FollowUpState.REPORTED)),
    )
    url = reverse("followup:list")
    return [
        {"key": "follow_up_overdue", "label": _("tindak lanjut PPK melewati tenggat"), "value": counts["overdue"],
         "url": url + "?overdue=on"},
        {"key": "follow_up_to_verify", "label": _("SK menunggu verifikasi"), "value": counts["to_verify"],
         "url": url + f"?state={FollowUpState.REPORTED}"},
    ]  # fmt: skip


def bkn(user) -> list[dict]:
    counts = BlockingRequest.objects.visible_to(user).aggregate(
        requested=Count("pk", filter=Q(state=BlockingState.REQUESTED)),
        unblock=Count("pk", filter=Q(state=BlockingState.UNBLOCK_REQUESTED)),
        blocked=Count("pk", filter=Q(state=BlockingState.BLOCKED)),
    )
    url = reverse("followup:blocking")
    return [
        {"key": "blocking_requested", "label": _("permintaan blokir terbuka"), "value": counts["requested"],
         "url": url + f"?state={BlockingState.REQUESTED}"},
        {"key": "unblock_requested", "label": _("permintaan buka blokir"), "value": counts["unblock"],
         "url": url + f"?state={BlockingState.UNBLOCK_REQUESTED}"},
        {"key": "blocked", "label": _("data sedang diblokir"), "value": counts["blocked"],
         "url": url + f"?state={BlockingState.BLOCKED}"},
    ]  # fmt: skip


def ppk(user) -> list[dict]:
    today = timezone.localdate()
    counts = (
        FollowUp.objects.visible_to(user)
        .filter(addressee_id=user.organisation_id)
        .aggregate(
            overdue=Count("pk", filter=_overdue(today)),
            due=Count(
                "pk", filter=Q(state__in=PENDING_STATES) & (Q(due_on__gte=today) | Q(due_on__isnull=True))
            ),
            in_review=Count("pk", filter=Q(state__in=[FollowUpState.OBJECTED, FollowUpState.REPORTED])),
        )
    )
    url = reverse("followup:portal")
    return [
        {"key": "ppk_overdue", "label": _("rekomendasi melewati tenggat"), "value": counts["overdue"], "url": url},
        {"key": "ppk_due", "label": _("rekomendasi harus ditindaklanjuti"), "value": counts["due"], "url": url},
        {"key": "ppk_in_review", "label": _("SK / keberatan sedang diperiksa"), "value": counts["in_review"],
         "url": url},
    ]  # fmt: skip
