"""Escalation of an overdue follow-up (ADR 0052): a numbered blocking request to BKN and a numbered report of the
non-complying PPK to KemenPANRB (central agencies) or Kemendagri (regional governments); then BKN's and the
ministry's actions on them. One service per action of `BLOCKING_FLOW` / `PPK_REPORT_FLOW`."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.accounts.models import Organisation, OrganisationKind
from pantas.core import workflow
from pantas.registry.models import AgencyKind

from .. import documents
from ..models import BlockingRequest, Compliance, FollowUp, NotificationKind, PPKReport
from ..workflow import (
    BLOCKING_FLOW,
    FOLLOW_UP_FLOW,
    PPK_REPORT_FLOW,
    BlockingAction,
    FollowUpAction,
    PPKReportAction,
)
from .notifications import bkn_office, notify


def _required(**fields):
    errors = {name: _("Wajib diisi.") for name, value in fields.items() if value in (None, "")}
    if errors:
        raise ValidationError(errors)


def _not_future(name: str, day: date):
    if day > timezone.localdate(workflow.now()):
        raise ValidationError({name: _("Tanggal tidak boleh di masa depan.")})


def ministry_for(follow_up: FollowUp) -> Organisation | None:
    """KemenPANRB for central agencies, Kemendagri for regional ones; the other one when the recommendation
    was already routed to that ministry (conflict of interest)."""
    agency = follow_up.case.agency
    kind = OrganisationKind.KEMENPANRB
    if agency is not None and agency.kind != AgencyKind.CENTRAL:
        kind = OrganisationKind.KEMENDAGRI
    ministry = Organisation.objects.filter(kind=kind).order_by("pk").first()
    if ministry is not None and ministry.pk == follow_up.addressee_id:
        other = (
            OrganisationKind.KEMENPANRB
            if kind == OrganisationKind.KEMENDAGRI
            else OrganisationKind.KEMENDAGRI
        )
        ministry = Organisation.objects.filter(kind=other).order_by("pk").first()
    return ministry


@FOLLOW_UP_FLOW.action(FollowUpAction.ESCALATE)
def escalate(follow_up: FollowUp, actor=None, *, reason: str = "", version=None) -> FollowUp:
    """The deadline passed without a decree: escalate once. The state change is a compare-and-set, so a second
    sweep (or a resumed one) finds nothing to do; the request, the report and the notifications are created in
    the same transaction, so they exist exactly when the escalation does."""
    at = workflow.now()
    FOLLOW_UP_FLOW.run(
        follow_up,
        actor,
        FollowUpAction.ESCALATE,
        reason=reason,
        version=version,
        changes={"escalated_at": at, "compliance": Compliance.NOT_COMPLIED},
    )
    today = timezone.localdate(at)
    authority = follow_up.recommendation.authority
    # Numbered, verifiable documents (ADR 0044): reserved here, rendered and stored once this commits.
    blocking_doc = documents.reserve_blocking(authority=authority, on=today, actor=actor)
    blocking = BlockingRequest.objects.create(
        follow_up=follow_up,
        civil_servant_id=follow_up.civil_servant_id,
        nip=follow_up.nip,
        number=blocking_doc.number,
        document=blocking_doc,
        requested_at=at,
        state_changed_at=at,
        updated_at=at,
    )
    ministry = ministry_for(follow_up)
    ppk_report = None
    document_ids = [blocking_doc.pk]
    if ministry is not None:
        report_doc = documents.reserve_ppk_report(
            authority=authority, ministry=ministry, on=today, actor=actor
        )
        ppk_report = PPKReport.objects.create(
            follow_up=follow_up,
            addressee=ministry,
            number=report_doc.number,
            document=report_doc,
            sent_at=at,
            state_changed_at=at,
            updated_at=at,
        )
        document_ids.append(report_doc.pk)
    from ..tasks import issue_followup_documents_task

    transaction.on_commit(lambda: issue_followup_documents_task.enqueue(document_ids))
    from pantas.core import audit

    audit.record(
        "followup.blockingrequest.requested",
        blocking,
        actor=actor,
        data={"number": blocking.number, "nip": blocking.nip, "follow_up": str(follow_up.uuid)},
        at=at,
    )
    if ppk_report is not None:
        audit.record(
            "followup.ppkreport.sent",
            ppk_report,
            actor=actor,
            data={"number": ppk_report.number, "addressee": ministry.code, "follow_up": str(follow_up.uuid)},
            at=at,
        )
    key = follow_up.due_on.isoformat() if follow_up.due_on else ""
    bkn = bkn_office()
    notify(follow_up, NotificationKind.OVERDUE, [follow_up.addressee, bkn], key=key)
    notify(follow_up, NotificationKind.BLOCKING_REQUESTED, [bkn], key=blocking.number)
    if ppk_report is not None:
        notify(follow_up, NotificationKind.REPRIMAND_REQUESTED, [ministry], key=ppk_report.number)
    return follow_up


# -- BKN ---------------------------------------------------------------------------------------------------


@BLOCKING_FLOW.action(BlockingAction.ACKNOWLEDGE)
def acknowledge_blocking(blocking: BlockingRequest, actor, *, version=None) -> BlockingRequest:
    """BKN's system (or an officer) confirms it pulled the open request."""
    return BLOCKING_FLOW.run(
        blocking, actor, BlockingAction.ACKNOWLEDGE, version=version,
        changes={"acknowledged_at": workflow.now()},
    )  # fmt: skip


@BLOCKING_FLOW.action(BlockingAction.BLOCK)
def record_block(
    blocking: BlockingRequest, actor, *, reference: str, blocked_on: date, version=None
) -> BlockingRequest:
    _required(reference=(reference or "").strip(), blocked_on=blocked_on)
    _not_future("blocked_on", blocked_on)
    return BLOCKING_FLOW.run(
        blocking, actor, BlockingAction.BLOCK, version=version,
        changes={"siasn_reference": reference.strip(), "blocked_on": blocked_on},
    )  # fmt: skip


@BLOCKING_FLOW.action(BlockingAction.REQUEST_UNBLOCK)
def request_unblock(blocking: BlockingRequest, actor=None, *, reason: str = "") -> BlockingRequest:
    BLOCKING_FLOW.run(
        blocking, actor, BlockingAction.REQUEST_UNBLOCK, reason=reason,
        changes={"unblock_requested_at": workflow.now(), "acknowledged_at": None},
    )  # fmt: skip
    notify(blocking.follow_up, NotificationKind.UNBLOCK_REQUESTED, [bkn_office()], key=blocking.number)
    return blocking


@BLOCKING_FLOW.action(BlockingAction.CANCEL)
def cancel_blocking(blocking: BlockingRequest, actor=None, *, reason: str = "") -> BlockingRequest:
    return BLOCKING_FLOW.run(blocking, actor, BlockingAction.CANCEL, reason=reason)


@BLOCKING_FLOW.action(BlockingAction.UNBLOCK)
def record_unblock(
    blocking: BlockingRequest, actor, *, reference: str, unblocked_on: date, version=None
) -> BlockingRequest:
    _required(reference=(reference or "").strip(), unblocked_on=unblocked_on)
    _not_future("unblocked_on", unblocked_on)
    if blocking.blocked_on and unblocked_on < blocking.blocked_on:
        raise ValidationError({"unblocked_on": _("Tanggal buka blokir tidak boleh sebelum tanggal blokir.")})
    return BLOCKING_FLOW.run(
        blocking, actor, BlockingAction.UNBLOCK, version=version,
        changes={"unblock_reference": reference.strip(), "unblocked_on": unblocked_on},
    )  # fmt: skip


# -- KemenPANRB / Kemendagri ---------------------------------------------------------------------------------


@PPK_REPORT_FLOW.action(PPKReportAction.REPRIMAND)
def reprimand(ppk_report: PPKReport, actor, *, note: str, reference: str = "", version=None) -> PPKReport:
    """The ministry reprimands the PPK; the follow-up gets the shorter post-reprimand deadline."""
    _required(note=(note or "").strip())
    follow_up = ppk_report.follow_up
    at = workflow.now()
    FOLLOW_UP_FLOW.run(
        follow_up, actor, FollowUpAction.REPRIMAND, reason=note.strip(), changes={"reprimanded_at": at},
        data={"report": ppk_report.number, "reference": reference},
    )  # fmt: skip
    return PPK_REPORT_FLOW.run(
        ppk_report, actor, PPKReportAction.REPRIMAND, reason=note.strip(), version=version,
        changes={"reprimand_note": note.strip(), "reprimand_reference": (reference or "").strip(),
                 "reprimanded_at": at, "new_due_on": follow_up.due_on},
    )  # fmt: skip


@PPK_REPORT_FLOW.action(PPKReportAction.CLOSE)
def close_report(ppk_report: PPKReport, actor=None, *, reason: str = "") -> PPKReport:
    return PPK_REPORT_FLOW.run(ppk_report, actor, PPKReportAction.CLOSE, reason=reason)
