"""The one place a case row changes: check the table, compare-and-set, history, audit, reporter status.

Every service function in this package calls `apply()` inside its own `transaction.atomic()` block, so the
change, its status-history row, its audit event and the related rows (decision, letter, …) commit together.
"""

from datetime import date, datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantas.core import audit
from pantas.core.errors import InvalidTransition
from pantas.intake.models import STAFF_ROLES, Report, ReportStatus
from pantas.intake.services import set_public_status

from ..models import Case, CaseStatusChange
from ..workflow import KEEP, TERMINAL_STATES, CaseState, check
from .deadlines import due_date

STALE = gettext_lazy("Kasus telah diubah oleh pengguna lain. Muat ulang halaman lalu coba lagi.")

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


def plain(value):
    """A JSON-friendly form of a field value for the audit diff."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


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


def apply(
    case: Case,
    actor,
    action: str,
    *,
    target: str | None = None,
    reason: str = "",
    changes: dict | None = None,
    data: dict | None = None,
    version: int | None = None,
    public_reason: str = "",
    at: datetime | None = None,
) -> Case:
    """Compare-and-set `case` from the state and version the caller loaded; 409 if anyone changed it since."""
    rule = check(actor, case, action)
    if version is not None and int(version) != case.version:
        raise InvalidTransition(STALE)
    old = case.state
    new = target or (rule.targets[0] if rule.targets else old)
    if new not in (rule.targets or (old,)):
        raise InvalidTransition(_("Status tujuan tidak sah untuk aksi ini."))
    now = at or timezone.now()
    changes = dict(changes or {})
    if rule.deadline is None or new in TERMINAL_STATES:
        changes.update(due_on=None, deadline_code="")
    elif rule.deadline != KEEP:
        changes.update(due_on=due_date(rule.deadline, now), deadline_code=rule.deadline)
    if new in TERMINAL_STATES:
        changes["closed_at"] = now
    if new != old:
        changes["state_changed_at"] = now
    diff = {
        name: [plain(getattr(case, name)), plain(value)]
        for name, value in changes.items()
        if name != "state_changed_at" and plain(getattr(case, name)) != plain(value)
    }
    # The race: two users act on the same case at once. Only the first UPDATE matches state+version.
    updated = Case.objects.filter(pk=case.pk, state=old, version=case.version).update(
        state=new, version=case.version + 1, updated_at=now, **changes
    )
    if not updated:
        raise InvalidTransition(STALE)
    for name, value in changes.items():
        setattr(case, name, value)
    case.state, case.version, case.updated_at = new, case.version + 1, now
    if new != old:
        CaseStatusChange.objects.create(
            case=case, from_state=old, to_state=new, action=action, actor=actor, reason=reason, at=now
        )
    audit.record(
        rule.audit_code,
        case,
        actor=actor,
        reason=reason,
        data={"state": [old, new], "version": case.version, **diff, **(data or {})},
        at=now,
    )
    if new != old:
        sync_report_statuses(report_ids_of(case), actor, reason=public_reason)
    return case
