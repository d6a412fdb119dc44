"""The report-outcome provider intake resolves through `PANTAS_REPORT_OUTCOME_PROVIDER` (ADR 0057): for each
reported person whose case is decided, proven or not, whether a recommendation went to the PPK and whether the
PPK followed it up. Only the agency is named — never an official, an analyst or the sanction decree."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pantas.cases.models import CaseReport, Outcome, RejectionReason
from pantas.cases.public import handled_jointly, joint_note, outcome_sentence
from pantas.cases.workflow import CaseState
from pantas.intake.outcome import PersonOutcome

from .models import Compliance
from .workflow import FollowUpState

FU = FollowUpState


def _day(value) -> str:
    return formats.date_format(timezone.localdate(value) if hasattr(value, "hour") else value, "j F Y")


def _agency(organisation) -> str:
    if organisation is None:
        return ""
    return organisation.agency.name if organisation.agency_id else organisation.name


def _follow_up(follow_up) -> tuple[str, str, list[str]]:
    """(code, label, extra steps) for the public."""
    if follow_up is None:
        return "awaiting", _("Menunggu tindak lanjut PPK"), []
    if follow_up.state in (FU.VERIFIED, FU.CLOSED):
        day = _day(follow_up.state_changed_at)
        if follow_up.compliance == Compliance.NOT_COMPLIED:
            return "not_followed_up", _("Tidak ditindaklanjuti sesuai rekomendasi"), []
        if follow_up.compliance == Compliance.PARTIAL:
            label = _("Sudah ditindaklanjuti PPK dengan sanksi yang berbeda dari rekomendasi")
        else:
            label = _("Sudah ditindaklanjuti PPK sesuai rekomendasi")
        return "followed_up", label, [_("Tindak lanjut PPK diverifikasi pada %(d)s") % {"d": day}]
    if follow_up.state == FU.REPORTED:
        return "reported", _("PPK telah melaporkan keputusan sanksi; sedang diverifikasi"), []
    if follow_up.state == FU.ESCALATED:
        return (
            "overdue",
            _("Melewati tenggat — diteruskan ke BKN dan kementerian yang membina PPK"),
            [],
        )
    if follow_up.state == FU.OBJECTED:
        return "objected", _("PPK mengajukan keberatan; sedang ditanggapi pengawas"), []
    if follow_up.due_on:
        label = _("Menunggu tindak lanjut PPK (batas %(d)s)") % {"d": _day(follow_up.due_on)}
    else:
        label = _("Menunggu tindak lanjut PPK")
    return "awaiting", label, []


def report_outcome(report) -> list[PersonOutcome]:
    links = (
        CaseReport.objects.filter(report=report)
        .select_related(
            "case__recommendation__addressee__agency",
            "case__recommendation__follow_up",
            "case__addressee__agency",
        )
        .order_by("reported_person_id")
    )
    positions = {
        pk: index
        for index, pk in enumerate(
            report.reported_persons.order_by("id").values_list("pk", flat=True), start=1
        )
    }
    outcomes = []
    for link in links:
        case = link.case
        position = positions.get(link.reported_person_id, 0)
        if case.state == CaseState.REJECTED and case.rejection_reason == RejectionReason.HANDLED_BY_PPK:
            outcomes.append(
                PersonOutcome(
                    position=position,
                    proven=False,
                    outcome_label=str(RejectionReason.HANDLED_BY_PPK.label),
                    agency=_agency(case.addressee),
                    follow_up="followed_up",
                    follow_up_label=_("Sudah ditindaklanjuti langsung oleh PPK"),
                )
            )
            continue
        if case.state not in (CaseState.NOT_PROVEN, CaseState.RECOMMENDED):
            continue
        decided = _day(case.decided_at) if case.decided_at else ""
        if case.state == CaseState.NOT_PROVEN:
            outcomes.append(
                PersonOutcome(
                    position=position,
                    proven=False,
                    outcome_label=str(Outcome.NOT_PROVEN.label),
                    steps=[_("Diputus tidak terbukti pada %(d)s") % {"d": decided}] if decided else [],
                )
            )
            continue
        # The track's own wording: a sanction (neutrality, ethics) or a correction (merit system).
        steps = [outcome_sentence(case)]
        recommendation = getattr(case, "recommendation", None)
        agency = _agency(recommendation.addressee if recommendation else case.addressee)
        if decided:
            steps.append(_("Diputus terbukti melanggar pada %(d)s") % {"d": decided})
        if recommendation:
            steps.append(
                _("Rekomendasi sanksi dikirim kepada PPK %(agency)s pada %(d)s")
                % {"agency": agency, "d": _day(recommendation.issued_at)}
            )
        code, label, more = _follow_up(getattr(recommendation, "follow_up", None))
        outcomes.append(
            PersonOutcome(
                position=position,
                proven=True,
                outcome_label=str(Outcome.PROVEN.label),
                agency=agency,
                recommended_on=timezone.localdate(recommendation.issued_at) if recommendation else None,
                follow_up=code,
                follow_up_label=label,
                steps=steps + more,
            )
        )
    if outcomes and handled_jointly(report):
        outcomes[-1].steps.append(joint_note())
    return outcomes
