"""Home panels for intake (ADR 0072): the intake desk's unverified reports; CSO and Bawaslu officers' own
reports by outcome. One aggregate query each."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Report, ReportStatus


def intake_desk(user) -> list[dict]:
    counts = Report.objects.visible_to(user).aggregate(
        received=Count("pk", filter=Q(status=ReportStatus.RECEIVED)),
        verification=Count("pk", filter=Q(status=ReportStatus.VERIFICATION)),
    )
    url = reverse("intake:staff_list")
    return [
        {"key": "unverified", "label": _("laporan belum diverifikasi"), "value": counts["received"],
         "url": url + f"?status={ReportStatus.RECEIVED}"},
        {"key": "in_verification", "label": _("laporan dalam verifikasi"), "value": counts["verification"],
         "url": url + f"?status={ReportStatus.VERIFICATION}"},
    ]  # fmt: skip


def partner(user) -> list[dict]:
    """The organisation's reports by the outcome the reporter sees (every status, zeros included)."""
    counts = Report.objects.visible_to(user).aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in ReportStatus}
    )
    url = reverse("intake:partner_list")
    return [
        {"key": f"status_{status.value}", "label": status.label, "value": counts[status.value], "url": url}
        for status in ReportStatus
    ]
