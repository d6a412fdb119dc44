"""Retention handlers for intake records (P-17, ADR 0095): registered with `core.retention` at start-up.

Reports are anonymised, never deleted: category, region, election, source, status and dates stay, so every
statistic counted from reports (and from reported persons' agency and region) is unchanged after a purge.
"""

from django.db import transaction
from django.utils import timezone

from pantas.core import retention

from .models import Anonymity, Evidence, Message, Report, ReportedPerson, ReportStatus, SealedIdentity
from .security import holding, storage

FINAL = [ReportStatus.REJECTED, ReportStatus.CLOSED, ReportStatus.REFERRED]


def _delete_files_after_commit(names: list[str]) -> None:
    names = [n for n in names if n]
    transaction.on_commit(lambda: [storage.delete(n) for n in names])


def delete_evidence(evidence_ids) -> int:
    rows = Evidence.objects.filter(pk__in=list(evidence_ids))
    names = [n for pair in rows.values_list("storage_name", "derivative_name") for n in pair]
    count = rows.count()
    rows.delete()
    _delete_files_after_commit(names)
    return count


def anonymise_reports(report_ids) -> int:
    """Remove every piece of personal data from these reports; keep the statistical row."""
    ids = list(report_ids)
    delete_evidence(Evidence.objects.filter(report_id__in=ids).values_list("pk", flat=True))
    Message.objects.filter(report_id__in=ids).delete()
    SealedIdentity.objects.filter(report_id__in=ids).delete()
    ReportedPerson.objects.filter(report_id__in=ids).update(
        name="", nip="", civil_servant=None, position_title="", agency_text="", name_key=""
    )
    return Report.objects.filter(pk__in=ids).update(
        description="",
        place="",
        initial_study="",
        receipt_lookup=None,
        receipt_hash="",
        submission_key=None,
        text_band0=0,
        text_band1=0,
        text_band2=0,
        text_band3=0,
        purged_at=timezone.now(),
    )


def _final_reports(cutoff):
    return Report.objects.filter(status__in=FINAL, status_changed_at__lt=cutoff).exclude(
        pk__in=_held_report_ids()
    )


def _held_report_ids() -> list[int]:
    return [int(i) for i in retention.held_ids("intake.report") if str(i).isdigit()]


def find_rejected_anonymous(cutoff):
    return (
        Report.objects.filter(
            status=ReportStatus.REJECTED,
            anonymity=Anonymity.ANONYMOUS,
            status_changed_at__lt=cutoff,
            purged_at__isnull=True,
        )
        .exclude(pk__in=_held_report_ids())
        .values_list("pk", flat=True)
    )


def find_evidence(cutoff):
    return Evidence.objects.filter(report__in=_final_reports(cutoff)).values_list("pk", flat=True)


def find_sealed_identities(cutoff):
    return SealedIdentity.objects.filter(report__in=_final_reports(cutoff)).values_list("pk", flat=True)


def delete_sealed_identities(ids) -> int:
    return SealedIdentity.objects.filter(pk__in=list(ids)).delete()[0]


def find_held_uploads(cutoff):
    """Holding folders of `/lapor/` forms never sent (ADR 0110): the rule's days (0) plus the hold's hour."""
    return holding.expired(cutoff.timestamp() - holding.HOLD_SECONDS)


def register() -> None:
    retention.register(
        "intake.rejected_anonymous_report",
        find=find_rejected_anonymous,
        purge=anonymise_reports,
        label=lambda pk: f"intake.report:{pk}",
    )
    retention.register(
        "intake.evidence_file",
        find=find_evidence,
        purge=delete_evidence,
        label=lambda pk: f"intake.evidence:{pk}",
    )
    retention.register(
        "intake.sealed_identity",
        find=find_sealed_identities,
        purge=delete_sealed_identities,
        label=lambda pk: f"intake.sealedidentity:{pk}",
    )
    retention.register(
        "intake.held_upload",
        find=find_held_uploads,
        purge=holding.remove,
        label=lambda name: f"intake.held_upload:{name}",
    )
