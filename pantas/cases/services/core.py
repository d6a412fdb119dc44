"""What a case's state means for the reports behind it: the reporter-facing status, derived from the cases.

Case rows change only through the workflow engine (`workflow.FLOW.run`); its after-change hook lands here.
"""

from pantas.intake.models import STAFF_ROLES, Report, ReportStatus
from pantas.intake.services import set_public_status

from ..models import Case
from ..workflow import CaseState

# What a reporter sees for each case state (ADR 0021).
PUBLIC_STATUS = {
    CaseState.RECEIVED: ReportStatus.RECEIVED,
    CaseState.VERIFICATION: ReportStatus.VERIFICATION,
    CaseState.INVESTIGATION: ReportStatus.INVESTIGATION,
    CaseState.CLARIFICATION: ReportStatus.CLARIFICATION,
    CaseState.PROVEN: ReportStatus.INVESTIGATION,  # not public until the decider approves the letter
    CaseState.NOT_PROVEN: ReportStatus.DECIDED,
    CaseState.RECOMMENDED: ReportStatus.DECIDED,
    CaseState.REJECTED: ReportStatus.REJECTED,
    CaseState.REFERRED: ReportStatus.REFERRED,
    CaseState.MERGED: ReportStatus.CLOSED,
}
_OPEN_RANK = [
    ReportStatus.RECEIVED,
    ReportStatus.VERIFICATION,
    ReportStatus.INVESTIGATION,
    ReportStatus.CLARIFICATION,
]


def derived_public_status(states) -> str:
    """A report about several people is as far along as its least advanced open case; when all are closed,
    any decision wins, then referral, then rejection."""
    statuses = [PUBLIC_STATUS[state] for state in states]
    open_ones = [s for s in statuses if s in _OPEN_RANK]
    if open_ones:
        return min(open_ones, key=_OPEN_RANK.index)
    for status in (ReportStatus.DECIDED, ReportStatus.REFERRED, ReportStatus.REJECTED):
        if status in statuses:
            return status
    return ReportStatus.CLOSED


def sync_report_statuses(report_ids, actor, reason: str = "") -> None:
    """Move each report's public status to what its cases now say (audited by intake)."""
    staff_actor = actor if actor is not None and actor.has_any_role(STAFF_ROLES) else None
    for report in Report.objects.filter(pk__in=set(report_ids)):
        states = list(Case.objects.filter(links__report=report).values_list("state", flat=True).distinct())
        if not states:
            continue
        status = derived_public_status(states)
        if status != report.status:
            set_public_status(report, status, staff_actor, reason=reason)


def report_ids_of(case: Case) -> list[int]:
    return list(case.links.values_list("report_id", flat=True))


def sync_after_change(case: Case, old: str, new: str, actor, context: dict) -> None:
    """After-change hook of the case workflow (`workflow.FLOW`): the linked reports' public status follows."""
    sync_report_statuses(report_ids_of(case), actor, reason=context.get("public_reason", ""))
