"""One service function per action of the workflow table (`workflow.RULES`). Web views, the API, commands and
jobs call these; each checks role and state first (403/409), then its input (400), then applies the change."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pantas.accounts.models import Organisation, OrganisationKind
from pantas.core import workflow
from pantas.core.errors import InvalidTransition
from pantas.core.roles import Role
from pantas.registry.models import SanctionKind, SanctionLevel, Track, ViolationCategory

from .. import factstore
from ..models import (
    Case,
    CaseReport,
    CaseReportHow,
    ClarificationAnswer,
    ClarificationRequest,
    CorrectiveAction,
    CorrectiveActionKind,
    Decision,
    MaladministrationCategory,
    Outcome,
    Referral,
    ReferralMode,
    RejectionReason,
    Respondent,
    Team,
)
from ..workflow import FLOW, Action, CaseState
from . import attachments as attachment_service
from .core import report_ids_of, sync_report_statuses
from .deadlines import due_date
from .routing import route_for


def _require(**fields):
    errors = {name: _("Wajib diisi.") for name, value in fields.items() if value in (None, "")}
    if errors:
        raise ValidationError(errors)


def _reroute(case: Case) -> dict:
    """Recompute the addressee unless a decider fixed it by hand."""
    if case.routing_overridden:
        return {}
    route = route_for(case.agency, case.election)
    return {
        "addressee": route.addressee,
        "conflict_of_interest": route.conflict_of_interest,
        "routing_note": route.note,
    }


@FLOW.action(Action.VERIFY)
def verify(case: Case, actor, *, reason: str = "", version=None) -> Case:
    return FLOW.run(case, actor, Action.VERIFY, reason=reason, version=version)


@FLOW.action(Action.REJECT)
def reject(case: Case, actor, *, reason_code: str, reason: str, version=None) -> Case:
    _require(reason_code=reason_code, reason=reason.strip())
    if reason_code not in RejectionReason.values:
        raise ValidationError({"reason_code": _("Alasan penolakan tidak dikenal.")})
    return FLOW.run(
        case,
        actor,
        Action.REJECT,
        reason=reason,
        changes={"rejection_reason": reason_code},
        version=version,
        context={"public_reason": str(RejectionReason(reason_code).label)},
    )


@FLOW.action(Action.MERGE)
def merge(case: Case, actor, *, target: Case, reason: str, version=None) -> Case:
    """Merge a duplicate case into `target`: its reported persons move there; this case is closed."""
    _require(target=target, reason=reason.strip())
    if target.pk == case.pk or target.merged_into_id:
        raise ValidationError({"target": _("Pilih kasus tujuan lain yang masih berdiri sendiri.")})
    moved_reports = report_ids_of(case)
    links = list(CaseReport.objects.filter(case=case).values_list("pk", flat=True))
    FLOW.run(
        case,
        actor,
        Action.MERGE,
        reason=reason,
        changes={"merged_into": target},
        data={"into": target.number, "links": links},
        version=version,
    )
    CaseReport.objects.filter(pk__in=links).update(case=target, how=CaseReportHow.MERGED)
    factstore.report_dimensions([case.pk, target.pk])  # the opening report may now be another one
    sync_report_statuses(moved_reports, actor)
    return case


def _partner(partner) -> Organisation:
    if not isinstance(partner, Organisation):
        partner = Organisation.objects.filter(code=partner).first()
    if partner is None or partner.kind in (OrganisationKind.SUPERVISOR, OrganisationKind.CSO):
        raise ValidationError({"partner": _("Pilih instansi mitra tujuan rujukan.")})
    return partner


def _maladministration(value):
    if value in (None, ""):
        return None
    if isinstance(value, MaladministrationCategory):
        return value
    found = MaladministrationCategory.objects.filter(code=value, disabled_on__isnull=True).first()
    if found is None:
        raise ValidationError({"maladministration": _("Kategori maladministrasi tidak dikenal.")})
    return found


def _create_referral(case, actor, partner, mode, maladministration, note) -> Referral:
    partner = _partner(partner)
    category = _maladministration(maladministration)
    if partner.kind == OrganisationKind.OMBUDSMAN and category is None:
        raise ValidationError(
            {"maladministration": _("Rujukan ke Ombudsman memerlukan kategori maladministrasi.")}
        )
    return Referral.objects.create(
        case=case, partner=partner, mode=mode, maladministration=category, note=note, sent_by=actor
    )


@FLOW.action(Action.REFER)
def refer(case: Case, actor, *, partner, note: str, maladministration=None, version=None) -> Case:
    """Hand the case over to another body (e.g. the Ombudsman); it is tracked until the partner replies."""
    _require(partner=partner, note=note.strip())
    referral = _create_referral(case, actor, partner, ReferralMode.HANDOVER, maladministration, note)
    return FLOW.run(
        case,
        actor,
        Action.REFER,
        reason=note,
        data={"partner": referral.partner.code, "referral": str(referral.uuid)},
        version=version,
        context={"public_reason": _("Dilimpahkan ke %(partner)s") % {"partner": referral.partner.name}},
    )


@FLOW.action(Action.SHARE_WITH_PARTNER)
def share_with_partner(
    case: Case, actor, *, partner, note: str, maladministration=None, version=None
) -> Case:
    """Joint handling: the partner (e.g. the Ombudsman) looks at its remit while the case keeps running here."""
    _require(partner=partner, note=note.strip())
    referral = _create_referral(case, actor, partner, ReferralMode.JOINT, maladministration, note)
    return FLOW.run(
        case,
        actor,
        Action.SHARE_WITH_PARTNER,
        reason=note,
        data={"partner": referral.partner.code, "referral": str(referral.uuid)},
        version=version,
    )


def _category(value) -> ViolationCategory | None:
    if value in (None, ""):
        return None
    if isinstance(value, ViolationCategory):
        return value
    found = ViolationCategory.objects.filter(code=value, disabled_on__isnull=True).first()
    if found is None:
        raise ValidationError({"category": _("Kategori pelanggaran tidak dikenal.")})
    return found


def _analyst(value):
    from pantas.accounts.models import User

    if value in (None, ""):
        return None
    user = value if isinstance(value, User) else User.objects.filter(username=value, is_active=True).first()
    if user is None or not user.has_role(Role.ANALYST):
        raise ValidationError({"assignee": _("Pilih pengguna yang berperan sebagai analis.")})
    return user


@FLOW.action(Action.START_INVESTIGATION)
def start_investigation(
    case: Case, actor, *, category=None, assignee=None, reason: str = "", version=None
) -> Case:
    """The report passed verification (complete, within our authority, a possible violation)."""
    category = _category(category) or case.category
    assignee = _analyst(assignee) or case.assignee
    if assignee is None and actor.has_role(Role.ANALYST):
        assignee = actor
    _require(category=category, assignee=assignee)
    changes = {"category": category, "track": category.track, "assignee": assignee, **_reroute(case)}
    return FLOW.run(case, actor, Action.START_INVESTIGATION, reason=reason, changes=changes, version=version)


@FLOW.action(Action.REQUEST_CLARIFICATION)
def request_clarification(case: Case, actor, *, question: str, version=None) -> Case:
    """Ask the reported ASN (through the PPK office) and the PPK for their account: the right to be heard."""
    _require(question=question.strip())
    if case.addressee_id is None:
        raise InvalidTransition(
            _("Tujuan klarifikasi (kantor PPK) belum diketahui; tetapkan instansi terlapor.")
        )
    now = workflow.now()
    request = ClarificationRequest.objects.create(
        case=case,
        addressee_id=case.addressee_id,
        question=question,
        requested_by=actor,
        requested_at=now,
        due_on=due_date("clarification", now),
    )
    return FLOW.run(
        case,
        actor,
        Action.REQUEST_CLARIFICATION,
        reason=question,
        changes={"disclosed_at": case.disclosed_at or now},
        data={"clarification": request.pk, "addressee": case.addressee_id},
        version=version,
    )


@FLOW.action(Action.ANSWER_CLARIFICATION)
def answer_clarification(
    case: Case, actor, *, body: str, respondent: str = "", attachments=(), version=None
) -> Case:
    """The PPK office answers (for itself or passing on the reported ASN's statement); staff may record an
    answer received on paper. The case stays in clarification until the analyst resumes."""
    _require(body=body.strip())
    respondent = respondent or Respondent.PPK
    if respondent not in Respondent.values:
        raise ValidationError({"respondent": _("Pilih siapa yang menjawab.")})
    request = case.clarifications.order_by("-requested_at", "-id").first()
    if request is None:
        raise InvalidTransition(_("Belum ada permintaan klarifikasi."))
    checked = attachment_service.check(attachments)  # every file checked before anything is written
    answer = ClarificationAnswer.objects.create(
        request=request, respondent=respondent, body=body, answered_by=actor
    )
    stored = attachment_service.store(checked, case, actor, answer=answer)
    return FLOW.run(
        case,
        actor,
        Action.ANSWER_CLARIFICATION,
        data={
            "clarification": request.pk,
            "answer": answer.pk,
            "respondent": respondent,
            "attachments": [a.sha256 for a in stored],
        },
        version=version,
    )


@FLOW.action(Action.RESUME_INVESTIGATION)
def resume_investigation(case: Case, actor, *, reason: str = "", version=None) -> Case:
    return FLOW.run(case, actor, Action.RESUME_INVESTIGATION, reason=reason, version=version)


def default_sanction(category: ViolationCategory | None, employee_type: str) -> SanctionKind | None:
    """The catalogue's default sanction, mapped to the PPPK variant of the same level when needed."""
    if category is None or category.default_sanction_id is None:
        return None
    sanction = category.default_sanction
    if sanction.employee_type and sanction.employee_type != employee_type:
        variant = (
            SanctionKind.objects.filter(
                level=sanction.level, employee_type=employee_type, disabled_on__isnull=True
            )
            .order_by("order")
            .first()
        )
        return variant or sanction
    return sanction


def _sanction(value) -> SanctionKind | None:
    if value in (None, ""):
        return None
    if isinstance(value, SanctionKind):
        return value
    found = SanctionKind.objects.filter(code=value, disabled_on__isnull=True).first()
    if found is None:
        raise ValidationError({"sanction": _("Jenis sanksi tidak dikenal.")})
    return found


def _decree_date(value, row: int):
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(
            {"corrective_actions": _("Baris %(row)d: tanggal keputusan tidak valid.") % {"row": row}}
        ) from None


def _corrective_actions(rows) -> list[CorrectiveAction]:
    """Unsaved corrective actions from `rows` (dicts: kind, decree_number, decree_date, decree_subject, note)."""
    actions = []
    for row, item in enumerate(rows or [], start=1):
        kind = item.get("kind")
        if not isinstance(kind, CorrectiveActionKind):
            kind = CorrectiveActionKind.objects.filter(code=kind or "", disabled_on__isnull=True).first()
        if kind is None:
            raise ValidationError(
                {
                    "corrective_actions": _("Baris %(row)d: jenis tindakan korektif tidak dikenal.")
                    % {"row": row}
                }
            )
        number = (item.get("decree_number") or "").strip()
        if kind.requires_decree and not number:
            raise ValidationError(
                {
                    "corrective_actions": _(
                        "Baris %(row)d: sebutkan nomor keputusan (SK) yang harus dicabut atau diperbaiki."
                    )
                    % {"row": row}
                }
            )
        actions.append(
            CorrectiveAction(
                kind=kind,
                decree_number=number,
                decree_date=_decree_date(item.get("decree_date"), row),
                decree_subject=(item.get("decree_subject") or "").strip()[:300],
                note=(item.get("note") or "").strip(),
                catalogue_version=kind.catalogue,
            )
        )
    return actions


def _check_track_outcome(track: str, outcome: str, corrective: list) -> None:
    """Track-specific decisions (issue 15): a merit-system case ends in a corrective recommendation to the PPK
    (a sanction may be added); neutrality and ethics cases end in a sanction and carry no corrective action."""
    if corrective and (track != Track.MERIT or outcome != Outcome.PROVEN):
        raise ValidationError(
            {
                "corrective_actions": _(
                    "Rekomendasi korektif hanya untuk kasus sistem merit yang terbukti; kasus netralitas dan "
                    "kode etik berakhir dengan sanksi."
                )
            }
        )
    if track == Track.MERIT and outcome == Outcome.PROVEN and not corrective:
        message = _(
            "Kasus sistem merit yang terbukti memerlukan sedikitnya satu tindakan korektif (misalnya membatalkan "
            "seleksi JPT atau mencabut keputusan); sanksi disiplin saja tidak cukup."
        )
        raise ValidationError({"corrective_actions": message})


@FLOW.action(Action.DECIDE)
def decide(
    case: Case,
    actor,
    *,
    outcome: str,
    findings: str,
    category=None,
    sanction=None,
    override_reason: str = "",
    corrective_actions=None,
    version=None,
) -> Case:
    """Record the finding. Proven proposes the catalogue's default sanction; any other needs a reason, and a
    proven finding requires that the reported person was asked for clarification (right to be heard). A proven
    merit-system finding needs at least one corrective action; other tracks may not carry one."""
    _require(outcome=outcome, findings=findings.strip())
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Pilih terbukti atau tidak terbukti.")})
    category = _category(category) or case.category
    corrective = _corrective_actions(corrective_actions)
    _check_track_outcome(getattr(category, "track", case.track), outcome, corrective)
    proposed = chosen = None
    if outcome == Outcome.PROVEN:
        if not case.clarifications.exists():
            raise InvalidTransition(
                _("Putusan terbukti memerlukan klarifikasi terlapor terlebih dahulu (hak untuk didengar).")
            )
        _require(category=category)
        proposed = default_sanction(category, case.employee_type)
        chosen = _sanction(sanction) or proposed
        if chosen is None and category.default_level != SanctionLevel.NONE:
            raise ValidationError({"sanction": _("Pilih sanksi yang direkomendasikan.")})
        if chosen is not None and chosen.employee_type and chosen.employee_type != case.employee_type:
            raise ValidationError({"sanction": _("Sanksi ini tidak berlaku untuk jenis pegawai terlapor.")})
        if chosen != proposed and not override_reason.strip():
            raise ValidationError(
                {
                    "override_reason": _(
                        "Jelaskan alasan memilih sanksi yang berbeda dari sanksi bawaan katalog."
                    )
                }
            )
    now = workflow.now()
    decision = Decision.objects.create(
        case=case,
        outcome=outcome,
        category=category,
        proposed_sanction=proposed,
        sanction=chosen,
        override_reason=override_reason if chosen != proposed else "",
        findings=findings,
        catalogue_version=" + ".join(
            v for v in {getattr(category, "catalogue", ""), getattr(chosen, "catalogue", "")} if v
        ),
        decided_by=actor,
        decided_at=now,
    )
    for action in corrective:
        action.decision = decision
    CorrectiveAction.objects.bulk_create(corrective)
    changes = {"decided_at": now}
    if category is not None:
        changes.update(category=category, track=category.track, **_reroute(case))
    target = CaseState.PROVEN if outcome == Outcome.PROVEN else CaseState.NOT_PROVEN
    FLOW.run(
        case,
        actor,
        Action.DECIDE,
        target=target,
        reason=findings,
        changes=changes,
        data={
            "decision": decision.pk,
            "outcome": outcome,
            "sanction": getattr(chosen, "code", None),
            "proposed_sanction": getattr(proposed, "code", None),
            "override_reason": decision.override_reason,
            "corrective_actions": [
                {
                    "kind": a.kind.code,
                    "decree_number": a.decree_number,
                    "decree_date": str(a.decree_date or ""),
                }
                for a in corrective
            ],
        },
        version=version,
    )
    if outcome == Outcome.PROVEN:
        from .letters import draft_letter

        draft_letter(case, actor, decision)
    return case


@FLOW.action(Action.RECONSIDER)
def reconsider(case: Case, actor, *, reason: str, version=None) -> Case:
    """The decider sends a proven finding back for more investigation; the decision is kept as superseded."""
    _require(reason=reason.strip())
    now = workflow.now()
    case.decisions.filter(superseded_at__isnull=True).update(superseded_at=now)
    return FLOW.run(case, actor, Action.RECONSIDER, reason=reason, version=version)


@FLOW.action(Action.ASSIGN)
def assign(case: Case, actor, *, assignee=None, team=None, reason: str = "", version=None) -> Case:
    assignee = _analyst(assignee)
    if team not in (None, "") and not isinstance(team, Team):
        found = Team.objects.filter(code=team).first()
        if found is None:
            raise ValidationError({"team": _("Tim tidak dikenal.")})
        team = found
    team = team or None
    if assignee is None and team is None:
        raise ValidationError({"assignee": _("Pilih analis atau tim.")})
    changes = {"assignee": assignee or case.assignee, "team": team or case.team}
    return FLOW.run(case, actor, Action.ASSIGN, reason=reason, changes=changes, version=version)


@FLOW.action(Action.CLAIM)
def claim(case: Case, actor, *, version=None) -> Case:
    """An analyst takes an unassigned case from the pool."""
    if case.assignee_id is not None:
        raise InvalidTransition(_("Kasus ini sudah ditangani analis lain."))
    return FLOW.run(case, actor, Action.CLAIM, changes={"assignee": actor}, version=version)


@FLOW.action(Action.OVERRIDE_ROUTING)
def override_routing(
    case: Case, actor, *, addressee, conflict_of_interest: bool, reason: str, version=None
) -> Case:
    """A decider sets the recommendation's addressee by hand (e.g. clears a conflict flag); needs a reason."""
    _require(addressee=addressee, reason=reason.strip())
    if not isinstance(addressee, Organisation):
        addressee = Organisation.objects.filter(code=addressee).first()
    allowed = (OrganisationKind.PPK_OFFICE, OrganisationKind.KEMENDAGRI, OrganisationKind.KEMENPANRB)
    if addressee is None or addressee.kind not in allowed:
        raise ValidationError({"addressee": _("Tujuan harus kantor PPK, Kemendagri, atau KemenPANRB.")})
    changes = {
        "addressee": addressee,
        "conflict_of_interest": bool(conflict_of_interest),
        "routing_overridden": True,
        "routing_note": reason,
    }
    return FLOW.run(case, actor, Action.OVERRIDE_ROUTING, reason=reason, changes=changes, version=version)


@FLOW.action(Action.REROUTE)
def reroute(case: Case, actor, *, reason: str = "", version=None) -> Case:
    """Back to automatic routing: recompute the addressee from the agency and the candidacy declarations."""
    case.routing_overridden = False
    route = route_for(case.agency, case.election)
    changes = {
        "addressee": route.addressee,
        "conflict_of_interest": route.conflict_of_interest,
        "routing_note": route.note,
        "routing_overridden": False,
    }
    return FLOW.run(case, actor, Action.REROUTE, reason=reason, changes=changes, version=version)


@FLOW.action(Action.LINK_OMBUDSMAN)
def link_ombudsman(
    case: Case, actor, *, ombudsman_register_number: str = "", selection_reference: str = "", version=None
) -> Case:
    """Record that the complaint was also filed with the Ombudsman (its register number links the duplicates)
    and, for a complaint about a selection, the announcement it concerns."""
    number = (ombudsman_register_number or "").strip().upper()
    reference = (selection_reference or "").strip()
    if not number and not reference:
        raise ValidationError(
            {"ombudsman_register_number": _("Isi nomor register Ombudsman atau rujukan seleksi.")}
        )
    changes = {"ombudsman_register_number": number, "selection_reference": reference or None}
    return FLOW.run(case, actor, Action.LINK_OMBUDSMAN, changes=changes, version=version)
