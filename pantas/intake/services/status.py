"""The reporter-facing status of a report. The Cases app calls `set_public_status` when a case moves."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.core import audit
from pantas.core.errors import InvalidTransition, NotAllowed

from ..models import STAFF_ROLES, Report, ReportStatus, ReportStatusHistory


def set_public_status(report: Report, status: str, actor, reason: str = "") -> Report:
    """Move `report` to `status` (a ReportStatus value), compare-and-set on the status the caller saw.

    `actor` is a supervisor user, or None for system jobs. Raises NotAllowed (403) for other users and
    InvalidTransition (409) when the status is unchanged or someone else changed it first.
    """
    if status not in ReportStatus.values:
        raise InvalidTransition(_("Status laporan tidak dikenal: %(status)s") % {"status": status})
    if actor is not None and not actor.has_any_role(STAFF_ROLES):
        raise NotAllowed(_("Peran Anda tidak berwenang mengubah status laporan."))
    old = report.status
    if old == status:
        raise InvalidTransition(
            _("Laporan sudah berstatus %(status)s.") % {"status": ReportStatus(status).label}
        )
    now = timezone.now()
    with transaction.atomic():
        changed = Report.objects.filter(pk=report.pk, status=old).update(
            status=status, status_changed_at=now, updated_at=now
        )
        if not changed:
            raise InvalidTransition(_("Status laporan telah diubah oleh pengguna lain; muat ulang halaman."))
        ReportStatusHistory.objects.create(
            report=report, from_status=old, to_status=status, actor=actor, reason=reason, at=now
        )
        audit.record(
            "intake.report.status_changed",
            report,
            actor=actor,
            reason=reason,
            data={"status": [old, status]},
            at=now,
        )
    report.status, report.status_changed_at = status, now
    return report
