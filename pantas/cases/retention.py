"""Retention handler for closed cases (P-17, ADR 0095), and case legal holds covering the linked reports.

A closed case past retention loses its subject's name, NIP, link to the civil-servant register, position and
free-text notes and clarification texts; its reports are anonymised (intake). Category, agency, region,
election, states, dates and the decision outcome stay, so statistics and aggregate track records keep counting.
"""

from django.utils import timezone

from pantas.core import retention
from pantas.intake.retention import anonymise_reports

from .models import Case, CaseReport, ClarificationAnswer, ClarificationRequest


def _held_case_ids() -> list[int]:
    return [int(i) for i in retention.held_ids("cases.case") if str(i).isdigit()]


def reports_held_by_cases() -> set[str]:
    return {
        str(pk)
        for pk in CaseReport.objects.filter(case_id__in=_held_case_ids()).values_list("report_id", flat=True)
    }


def find_closed(cutoff):
    return (
        Case.objects.filter(closed_at__lt=cutoff, purged_at__isnull=True)
        .exclude(pk__in=_held_case_ids())
        .values_list("pk", flat=True)
    )


def anonymise_cases(case_ids) -> int:
    ids = list(case_ids)
    reports = CaseReport.objects.filter(case_id__in=ids).values_list("report_id", flat=True)
    # A report shared with a case that is still open or held stays until that case is purged too.
    keep = set(
        CaseReport.objects.filter(report_id__in=reports)
        .exclude(case_id__in=ids)
        .values_list("report_id", flat=True)
    )
    anonymise_reports(set(reports) - keep)
    ClarificationRequest.objects.filter(case_id__in=ids).update(question="")
    ClarificationAnswer.objects.filter(request__case_id__in=ids).update(body="")
    return Case.objects.filter(pk__in=ids).update(
        subject_name="",
        subject_nip="",
        civil_servant=None,
        position_title="",
        routing_note="",
        purged_at=timezone.now(),
    )


def register() -> None:
    retention.register_hold_expander("intake.report", reports_held_by_cases)
    retention.register(
        "cases.closed_case", find=find_closed, purge=anonymise_cases, label=lambda pk: f"cases.case:{pk}"
    )
