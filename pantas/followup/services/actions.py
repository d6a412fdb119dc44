"""One service per action of the follow-up table (`workflow.FOLLOW_UP_FLOW`). Web views, the API, the sweep and
demo data call these; each checks visibility, role and state first (404/403/409), then its input (400)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.core import workflow
from pantas.registry.models import SanctionKind

from ..models import Compliance, FollowUp, Objection, ObjectionOutcome, SanctionDecree
from ..workflow import FOLLOW_UP_FLOW as FLOW
from ..workflow import BlockingState, FollowUpAction, PPKReportState
from . import decrees
from .notifications import bkn_office, notify


def _required(**fields):
    errors = {name: _("Wajib diisi.") for name, value in fields.items() if value in (None, "")}
    if errors:
        raise ValidationError(errors)


def _sanction(value) -> SanctionKind | None:
    if value in (None, ""):
        return None
    if isinstance(value, SanctionKind):
        return value
    sanction = SanctionKind.objects.filter(code=value).first()
    if sanction is None:
        raise ValidationError({"imposed_sanction": _("Jenis sanksi tidak dikenal.")})
    return sanction


def expected_sanction(follow_up: FollowUp) -> SanctionKind | None:
    """The sanction the PPK must impose: the recommended one, or the one revised on an objection."""
    revised = (
        follow_up.objections.filter(outcome=ObjectionOutcome.REVISED, revised_sanction__isnull=False)
        .order_by("-answered_at", "-id")
        .first()
    )
    return revised.revised_sanction if revised else follow_up.recommended_sanction


@FLOW.action(FollowUpAction.ACKNOWLEDGE)
def acknowledge(follow_up: FollowUp, actor, *, reason: str = "", version=None) -> FollowUp:
    return FLOW.run(follow_up, actor, FollowUpAction.ACKNOWLEDGE, reason=reason, version=version)


@FLOW.action(FollowUpAction.REPORT)
def report(
    follow_up: FollowUp,
    actor,
    *,
    number: str,
    decree_date: date,
    imposed_sanction,
    starts_on: date,
    ends_on: date | None = None,
    upload=None,
    archival: bool = False,
    version=None,
) -> FollowUp:
    """Record the PPK's decree. The PDF is required unless `archival` (historical records without a copy)."""
    _required(number=(number or "").strip(), decree_date=decree_date, imposed_sanction=imposed_sanction,
              starts_on=starts_on)  # fmt: skip
    sanction = _sanction(imposed_sanction)
    if ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("Tanggal berakhir tidak boleh sebelum tanggal mulai.")})
    if decree_date > timezone.localdate(workflow.now()):
        raise ValidationError({"decree_date": _("Tanggal SK tidak boleh di masa depan.")})
    clean = None if archival and upload is None else decrees.clean_pdf(upload)
    decree = SanctionDecree(
        follow_up=follow_up,
        number=number.strip(),
        decree_date=decree_date,
        imposed_sanction=sanction,
        starts_on=starts_on,
        ends_on=ends_on or decrees.sanction_end(sanction, starts_on),
        uploaded_by=actor,
        uploaded_at=workflow.now(),
    )
    if clean is not None:
        decree.file, decree.sha256 = decrees.store(clean), clean.sha256
        decree.content_type, decree.size = "application/pdf", len(clean.content)
    decree.save()
    return FLOW.run(
        follow_up,
        actor,
        FollowUpAction.REPORT,
        version=version,
        data={
            "decree": decree.pk,
            "number": decree.number,
            "imposed_sanction": sanction.code,
            "starts_on": decree.starts_on,
            "ends_on": decree.ends_on,
            "sha256": decree.sha256,
        },
    )


@FLOW.action(FollowUpAction.OBJECT)
def file_objection(follow_up: FollowUp, actor, *, reasons: str, version=None) -> FollowUp:
    _required(reasons=(reasons or "").strip())
    objection = Objection.objects.create(
        follow_up=follow_up, reasons=reasons.strip(), filed_by=actor, filed_at=workflow.now()
    )
    return FLOW.run(
        follow_up, actor, FollowUpAction.OBJECT, reason=reasons.strip(), version=version,
        data={"objection": objection.pk},
    )  # fmt: skip


@FLOW.action(FollowUpAction.ANSWER_OBJECTION)
def answer_objection(
    follow_up: FollowUp, actor, *, outcome: str, answer: str, revised_sanction=None, version=None
) -> FollowUp:
    _required(outcome=outcome, answer=(answer or "").strip())
    if outcome not in ObjectionOutcome.values:
        raise ValidationError({"outcome": _("Pilih hasil keberatan.")})
    revised = _sanction(revised_sanction) if outcome == ObjectionOutcome.REVISED else None
    if outcome == ObjectionOutcome.REVISED and revised is None:
        raise ValidationError({"revised_sanction": _("Pilih sanksi setelah perubahan.")})
    objection = follow_up.objections.filter(outcome="").order_by("-filed_at", "-id").first()
    if objection is None:
        raise ValidationError({"outcome": _("Tidak ada keberatan yang menunggu jawaban.")})
    Objection.objects.filter(pk=objection.pk).update(
        outcome=outcome, answer=answer.strip(), revised_sanction=revised, answered_by=actor,
        answered_at=workflow.now(),
    )  # fmt: skip
    return FLOW.run(
        follow_up, actor, FollowUpAction.ANSWER_OBJECTION, reason=answer.strip(), version=version,
        data={"objection": objection.pk, "outcome": outcome, "revised_sanction": revised.code if revised else None},
    )  # fmt: skip


@FLOW.action(FollowUpAction.VERIFY)
def verify(
    follow_up: FollowUp, actor, *, deviation_reason: str = "", reason: str = "", version=None
) -> FollowUp:
    """Check the decree against the recommendation; complied or partial (a documented deviation). The open
    blocking request moves (unblock or cancel) and the open PPK report closes in the same transaction."""
    decree = follow_up.latest_decree
    if decree is None:
        raise ValidationError({"deviation_reason": _("Belum ada SK yang dilaporkan.")})
    expected = expected_sanction(follow_up)
    compliance = (
        Compliance.COMPLIED
        if expected is None or decree.imposed_sanction_id == expected.pk
        else Compliance.PARTIAL
    )
    deviation_reason = (deviation_reason or "").strip()
    if compliance == Compliance.PARTIAL and not deviation_reason:
        raise ValidationError(
            {
                "deviation_reason": _(
                    "Sanksi yang dijatuhkan berbeda dari rekomendasi: catat alasan perbedaannya."
                )
            }
        )
    FLOW.run(
        follow_up,
        actor,
        FollowUpAction.VERIFY,
        reason=reason or deviation_reason,
        version=version,
        changes={"compliance": compliance, "deviation_reason": deviation_reason},
        data={"decree": decree.pk, "expected": expected.code if expected else None,
              "imposed": decree.imposed_sanction.code},
    )  # fmt: skip
    from .blocking import cancel_blocking, close_report, request_unblock

    for blocking in follow_up.blocking_requests.filter(
        state__in=[BlockingState.REQUESTED, BlockingState.BLOCKED]
    ):
        if blocking.state == BlockingState.BLOCKED:
            request_unblock(blocking, None)
        else:
            cancel_blocking(blocking, None, reason=_("SK hukuman diverifikasi sebelum blokir dicatat."))
    for ppk_report in follow_up.reports.filter(state__in=[PPKReportState.SENT, PPKReportState.REPRIMANDED]):
        close_report(ppk_report, None)
    notify(follow_up, "verified", [follow_up.addressee, bkn_office()], key=str(decree.pk))
    return follow_up


@FLOW.action(FollowUpAction.RETURN_REPORT)
def return_report(follow_up: FollowUp, actor, *, reason: str, version=None) -> FollowUp:
    _required(reason=(reason or "").strip())
    return FLOW.run(follow_up, actor, FollowUpAction.RETURN_REPORT, reason=reason.strip(), version=version)


@FLOW.action(FollowUpAction.CLOSE)
def close(follow_up: FollowUp, actor, *, reason: str = "", version=None) -> FollowUp:
    return FLOW.run(follow_up, actor, FollowUpAction.CLOSE, reason=reason, version=version)


def close_many(follow_ups, actor, *, reason: str = "") -> list[FollowUp]:
    """`close` for a batch in the caller's transaction (the sweep; ADR 0145): the moved ones are returned."""
    return FLOW.run_many(follow_ups, actor, FollowUpAction.CLOSE, reason=reason)
