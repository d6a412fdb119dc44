"""The "Buka kasus" button and the links to opened cases on the intake report page (`intake.report_actions`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from pantas.intake.report_actions import ReportAction

from .models import Case
from .roles import CASE_STAFF_ROLES, OPENER_ROLES


def report_actions(report, user) -> list[ReportAction]:
    actions = []
    if user.has_any_role(OPENER_ROLES) and report.reported_persons.filter(case_link__isnull=True).exists():
        actions.append(
            ReportAction(
                label=_("Buka kasus"),
                url=reverse("cases:open_report", args=[report.uuid]),
                help=_(
                    "Satu kasus per terlapor yang belum masuk kasus; duplikat bergabung ke kasus yang ada."
                ),
            )
        )
    if user.has_any_role(CASE_STAFF_ROLES):
        for case in Case.objects.visible_to(user).filter(links__report=report).distinct():
            actions.append(
                ReportAction(
                    label=_("Kasus %(number)s") % {"number": case.number},
                    url=reverse("cases:detail", kwargs={"number": case.number}),
                    method="get",
                )
            )
    return actions
