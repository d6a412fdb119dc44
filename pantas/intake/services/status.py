"""The reporter-facing status of a report. The Cases app calls `set_public_status` when a case moves; the move
itself is the `intake.report` workflow table (`intake.workflow.REPORT_FLOW`)."""

from django.utils.translation import gettext as _

from pantas.core.errors import InvalidTransition

from ..models import Report, ReportStatus
from ..workflow import REPORT_FLOW, ReportAction


def set_public_status(report: Report, status: str, actor, reason: str = "") -> Report:
    """Move `report` to `status` (a ReportStatus value), compare-and-set on the status the caller saw.

    `actor` is a supervisor user, or None for system jobs. Raises NotAllowed (403) for other users and
    InvalidTransition (409) when the status is unknown or unchanged, or someone else changed it first.
    """
    if status not in ReportStatus.values:
        raise InvalidTransition(_("Status laporan tidak dikenal: %(status)s") % {"status": status})
    return _set(report, actor, status=status, reason=reason)


@REPORT_FLOW.action(ReportAction.SET_STATUS)
def _set(report: Report, actor, *, status: str, reason: str) -> Report:
    if report.status == status:
        raise InvalidTransition(
            _("Laporan sudah berstatus %(status)s.") % {"status": ReportStatus(status).label}
        )
    return REPORT_FLOW.run(report, actor, ReportAction.SET_STATUS, target=status, reason=reason)
