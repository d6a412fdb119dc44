"""Escalation of an overdue follow-up (ADR 0052): a numbered blocking request to BKN and a numbered report of the
non-complying PPK to KemenPANRB (central agencies) or Kemendagri (regional governments); then BKN's and the
ministry's actions on them. One service per action of `BLOCKING_FLOW` / `PPK_REPORT_FLOW`."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.accounts.models import Organisation, OrganisationKind
from pantas.core import bulk, workflow
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
from .notifications import bkn_office, notify, notify_many


def _required(**fields):
    errors = {name: _("Wajib diisi.") for name, value in fields.items() if value in (None, "")}
    if errors:
        raise ValidationError(errors)


def _not_future(name: str, day: date):
    if day > timezone.localdate(workflow.now()):
        raise ValidationError({name: _("Tanggal tidak boleh di masa depan.")})


def ministry_picker():
    """A function follow-up → the ministry its PPK is reported to: KemenPANRB for central agencies, Kemendagri for
    regional ones; the other one when the recommendation was already routed to that ministry (conflict of
    interest). The two ministries are read once, so a batch pays one query."""
    first = {}
    for organisation in Organisation.objects.filter(
        kind__in=[OrganisationKind.KEMENPANRB, OrganisationKind.KEMENDAGRI]
    ).order_by("-pk"):
        first[organisation.kind] = organisation  # ordered by -pk: the lowest pk of each kind stays

    def pick(follow_up: FollowUp) -> Organisation | None:
        agency = follow_up.case.agency
        kind, other = OrganisationKind.KEMENPANRB, OrganisationKind.KEMENDAGRI
        if agency is not None and agency.kind != AgencyKind.CENTRAL:
            kind, other = other, kind
        ministry = first.get(kind)
        if ministry is not None and ministry.pk == follow_up.addressee_id:
            ministry = first.get(other)
        return ministry

    return pick


def ministry_for(follow_up: FollowUp) -> Organisation | None:
    return ministry_picker()(follow_up)


ESCALATION_CHANGES = {"compliance": Compliance.NOT_COMPLIED}


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
        changes={"escalated_at": at, **ESCALATION_CHANGES},
    )
    _escalated([follow_up], actor, at)
    return follow_up


def escalate_many(follow_ups, actor=None, *, reason: str = "") -> list[FollowUp]:
    """`escalate` for a batch, in the caller's transaction (the sweep; ADR 0145): one compare-and-set for the
    batch through the engine, then the same requests, reports, documents, audit events and notifications
    `escalate` creates, in bulk. Follow-ups that moved meanwhile are left out; returns the escalated ones. Load
    them with `addressee`, `case__agency` and `recommendation__letter`."""
    at = workflow.now()
    moved = FOLLOW_UP_FLOW.run_many(
        follow_ups,
        actor,
        FollowUpAction.ESCALATE,
        reason=reason,
        changes={"escalated_at": at, **ESCALATION_CHANGES},
    )
    if moved:
        _escalated(moved, actor, at)
    return moved


def _escalated(follow_ups: list[FollowUp], actor, at) -> None:
    """What an escalation creates besides the state change, for one follow-up or a batch: a numbered blocking
    request to BKN, a numbered report to the ministry, their audit events and the notifications — a constant
    number of statements per call."""
    today = timezone.localdate(at)
    ministry_of = ministry_picker()
    ministries = {f.pk: ministry_of(f) for f in follow_ups}
    reported = [f for f in follow_ups if ministries[f.pk] is not None]
    # Numbered, verifiable documents (ADR 0044): reserved here, rendered and stored once this commits.
    blocking_docs = documents.reserve_blocking_many(follow_ups, on=today, actor=actor)
    report_docs = documents.reserve_ppk_report_many(reported, ministries, on=today, actor=actor)
    blockings = [
        {"follow_up_id": f.pk, "civil_servant_id": f.civil_servant_id, "nip": f.nip, "number": doc.number,
         "document_id": doc.pk, "requested_at": at, "state_changed_at": at, "updated_at": at}
        for f, doc in zip(follow_ups, blocking_docs, strict=True)
    ]  # fmt: skip
    reports = [
        {"follow_up_id": f.pk, "addressee_id": ministries[f.pk].pk, "number": doc.number, "document_id": doc.pk,
         "sent_at": at, "state_changed_at": at, "updated_at": at}
        for f, doc in zip(reported, report_docs, strict=True)
    ]  # fmt: skip
    blocking_pks = bulk.insert(BlockingRequest, blockings, returning=True)
    report_pks = bulk.insert(PPKReport, reports, returning=True)
    document_ids = [d.pk for d in blocking_docs + report_docs]
    from ..tasks import issue_followup_documents_task

    transaction.on_commit(lambda: issue_followup_documents_task.enqueue(document_ids))
    from pantas.core import audit

    uuids = {f.pk: str(f.uuid) for f in follow_ups}
    entries = [
        {"action": "followup.blockingrequest.requested", "object_type": BlockingRequest._meta.label_lower,
         "object_id": pk, "at": at,
         "data": {"number": b["number"], "nip": b["nip"], "follow_up": uuids[b["follow_up_id"]]}}
        for pk, b in zip(blocking_pks, blockings, strict=True)
    ] + [
        {"action": "followup.ppkreport.sent", "object_type": PPKReport._meta.label_lower, "object_id": pk,
         "at": at, "data": {"number": r["number"], "addressee": ministries[r["follow_up_id"]].code,
                            "follow_up": uuids[r["follow_up_id"]]}}
        for pk, r in zip(report_pks, reports, strict=True)
    ]  # fmt: skip
    audit.record_many(entries, actor=actor)
    bkn = bkn_office()
    blocking_of = {b["follow_up_id"]: b["number"] for b in blockings}
    report_of = {r["follow_up_id"]: r["number"] for r in reports}
    notify_many(
        follow_ups,
        NotificationKind.OVERDUE,
        lambda f: [f.addressee, bkn],
        lambda f: f.due_on.isoformat() if f.due_on else "",
    )
    notify_many(follow_ups, NotificationKind.BLOCKING_REQUESTED, lambda f: [bkn], lambda f: blocking_of[f.pk])
    notify_many(
        reported,
        NotificationKind.REPRIMAND_REQUESTED,
        lambda f: [ministries[f.pk]],
        lambda f: report_of[f.pk],
    )


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
