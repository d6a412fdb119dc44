"""The case workflow as one explicit table: states, actions, who may take each action from which states.

This table is the single source of truth for the service functions (`services/`), the buttons a user sees,
the permission-matrix test and the generated documentation (`docs/workflow.md`, `manage.py workflow_docs`).
It is run by the one engine, `pantas.core.workflow` (ADR 0038): visible? (404) → role? (403) → state? (409)
→ action-specific guards (409 for state-like conditions, 400 for bad input) → compare-and-set.
"""

from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from pantas.core.roles import Role
from pantas.core.workflow import History, Qualifier, Rule, Workflow

from .roles import REFERRAL_PARTNER_ROLES


class CaseState(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    VERIFICATION = "verification", _("Verifikasi")
    REJECTED = "rejected", _("Ditolak / ditutup pada verifikasi")
    REFERRED = "referred", _("Dilimpahkan ke instansi lain")
    MERGED = "merged", _("Digabung sebagai duplikat")
    INVESTIGATION = "investigation", _("Pemeriksaan")
    CLARIFICATION = "clarification", _("Klarifikasi diminta")
    PROVEN = "proven", _("Terbukti — menunggu persetujuan surat")
    NOT_PROVEN = "not_proven", _("Tidak terbukti")
    RECOMMENDED = "recommended", _("Rekomendasi diterbitkan")


TERMINAL_STATES = frozenset(
    {
        CaseState.REJECTED,
        CaseState.REFERRED,
        CaseState.MERGED,
        CaseState.NOT_PROVEN,
        CaseState.RECOMMENDED,
    }
)
OPEN_STATES = frozenset(set(CaseState) - TERMINAL_STATES)
# States the intake desk works on (received reports up to the start of the investigation).
FRONT_DESK_STATES = frozenset(
    {CaseState.RECEIVED, CaseState.VERIFICATION, CaseState.REJECTED, CaseState.REFERRED, CaseState.MERGED}
)


class Action(models.TextChoices):
    """Values are the API path segments: `POST /api/v1/cases/{id}/{action}/`."""

    VERIFY = "verify", _("Mulai verifikasi")
    REJECT = "reject", _("Tolak / tutup")
    MERGE = "merge", _("Gabungkan sebagai duplikat")
    REFER = "refer", _("Limpahkan ke instansi lain")
    START_INVESTIGATION = "start-investigation", _("Mulai pemeriksaan")
    REQUEST_CLARIFICATION = "request-clarification", _("Minta klarifikasi")
    RESUME_INVESTIGATION = "resume-investigation", _("Lanjutkan pemeriksaan")
    DECIDE = "decide", _("Putuskan")
    RECONSIDER = "reconsider", _("Kembalikan ke pemeriksaan")
    ISSUE_RECOMMENDATION = "issue-recommendation", _("Setujui surat dan terbitkan rekomendasi")
    ASSIGN = "assign", _("Tugaskan analis")
    CLAIM = "claim", _("Ambil kasus")
    SHARE_WITH_PARTNER = "share-with-partner", _("Rujuk bersama ke mitra (tetap ditangani)")
    ANSWER_CLARIFICATION = "answer-clarification", _("Jawab / catat klarifikasi")
    EDIT_LETTER = "edit-letter", _("Ubah draf surat")
    OVERRIDE_ROUTING = "override-routing", _("Ubah tujuan rekomendasi")
    REROUTE = "reroute", _("Tetapkan ulang tujuan secara otomatis")
    LINK_OMBUDSMAN = "link-ombudsman", _("Catat nomor register Ombudsman / rujukan seleksi")


def _assigned_to_me(user, case) -> bool:
    return case.assignee_id == user.pk


def _addressed_to_my_organisation(user, case) -> bool:
    return bool(user.organisation_id) and user.organisation_id == case.addressee_id


ASSIGNED = Qualifier(gettext_lazy("hanya kasus yang ditugaskan kepadanya"), _assigned_to_me)
ADDRESSEE = Qualifier(
    gettext_lazy("hanya kasus yang ditujukan ke organisasinya"), _addressed_to_my_organisation
)
# Analysts act on cases assigned to them; PPK and ministry officers on cases addressed to their organisation.
QUALIFIERS = {Role.ANALYST: ASSIGNED, Role.PPK_OFFICER: ADDRESSEE, Role.MINISTRY_OFFICER: ADDRESSEE}

LEAD, DECIDER, INTAKE, ANALYST = Role.SUPERVISOR_LEAD, Role.DECIDER, Role.INTAKE_OFFICER, Role.ANALYST
S = CaseState

_RULES = [
    Rule(Action.VERIFY, frozenset({S.RECEIVED}), (S.VERIFICATION,), frozenset({INTAKE, ANALYST, LEAD}),
         "cases.case.verification_started"),
    Rule(Action.REJECT, frozenset({S.RECEIVED, S.VERIFICATION}), (S.REJECTED,),
         frozenset({INTAKE, ANALYST, LEAD}), "cases.case.rejected", deadline=None),
    Rule(Action.MERGE, frozenset({S.RECEIVED, S.VERIFICATION}), (S.MERGED,), frozenset({INTAKE, ANALYST, LEAD}),
         "cases.case.merged", deadline=None),
    Rule(Action.REFER, frozenset({S.VERIFICATION, S.INVESTIGATION, S.CLARIFICATION}), (S.REFERRED,),
         frozenset({INTAKE, ANALYST, LEAD}), "cases.case.referred", deadline=None),
    Rule(Action.START_INVESTIGATION, frozenset({S.VERIFICATION}), (S.INVESTIGATION,),
         frozenset({INTAKE, ANALYST, LEAD}), "cases.case.investigation_started", deadline="investigation"),
    Rule(Action.REQUEST_CLARIFICATION, frozenset({S.INVESTIGATION, S.CLARIFICATION}), (S.CLARIFICATION,),
         frozenset({ANALYST, LEAD}), "cases.case.clarification_requested", deadline="clarification"),
    Rule(Action.RESUME_INVESTIGATION, frozenset({S.CLARIFICATION}), (S.INVESTIGATION,), frozenset({ANALYST, LEAD}),
         "cases.case.investigation_resumed", deadline="decision"),
    Rule(Action.DECIDE, frozenset({S.INVESTIGATION, S.CLARIFICATION}), (S.PROVEN, S.NOT_PROVEN),
         frozenset({ANALYST, DECIDER, LEAD}), "cases.case.decided", deadline="recommendation-letter"),
    Rule(Action.RECONSIDER, frozenset({S.PROVEN}), (S.INVESTIGATION,), frozenset({DECIDER, LEAD}),
         "cases.case.returned_to_investigation", deadline="decision"),
    Rule(Action.ISSUE_RECOMMENDATION, frozenset({S.PROVEN}), (S.RECOMMENDED,), frozenset({DECIDER}),
         "cases.case.recommendation_issued", deadline=None),
    Rule(Action.ASSIGN, OPEN_STATES, (), frozenset({LEAD}), "cases.case.assigned"),
    Rule(Action.CLAIM, frozenset({S.RECEIVED, S.VERIFICATION}), (), frozenset({ANALYST}), "cases.case.claimed",
         qualifiers={}),
    Rule(Action.SHARE_WITH_PARTNER, frozenset({S.INVESTIGATION, S.CLARIFICATION}), (), frozenset({ANALYST, LEAD}),
         "cases.case.shared_with_partner"),
    Rule(Action.ANSWER_CLARIFICATION, frozenset({S.CLARIFICATION}), (),
         frozenset({Role.PPK_OFFICER, Role.MINISTRY_OFFICER, ANALYST, LEAD}), "cases.case.clarification_answered"),
    Rule(Action.EDIT_LETTER, frozenset({S.PROVEN}), (), frozenset({ANALYST, DECIDER, LEAD}),
         "cases.case.letter_edited"),
    Rule(Action.OVERRIDE_ROUTING, OPEN_STATES, (), frozenset({DECIDER, LEAD}), "cases.case.routing_overridden"),
    Rule(Action.REROUTE, OPEN_STATES, (), frozenset({DECIDER, LEAD}), "cases.case.rerouted"),
    Rule(Action.LINK_OMBUDSMAN, OPEN_STATES | {S.RECOMMENDED}, (), frozenset({INTAKE, ANALYST, LEAD}),
         "cases.case.external_references_recorded"),
]  # fmt: skip

FLOW = Workflow(
    name="cases.case",
    model_label="cases.Case",
    states=CaseState,
    actions=Action,
    rules=_RULES,
    terminal=TERMINAL_STATES,
    qualifiers=QUALIFIERS,
    history=History("cases.CaseStatusChange", obj="case"),
    due_date="pantas.cases.services.deadlines.due_date",
    deadline_fields=("due_on", "deadline_code"),
    changed_at_field="state_changed_at",
    closed_at_field="closed_at",
    updated_at_field="updated_at",
    after_change=("pantas.cases.services.core.sync_after_change", "pantas.cases.factstore.after_case_change"),
    after_bulk=("pantas.cases.factstore.rebuild_objects",),
    stale_message=gettext_lazy("Kasus telah diubah oleh pengguna lain. Muat ulang halaman lalu coba lagi."),
)
RULES: dict[str, Rule] = FLOW.rules
check = FLOW.check
allowed_actions = FLOW.allowed_actions


# -- referrals to partner organisations (ADR 0039) -------------------------------------------------------


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("Menunggu tanggapan")
    ANSWERED = "answered", _("Sudah ditanggapi")


class ReferralAction(models.TextChoices):
    REPLY = "reply", _("Kirim tanggapan (sedang ditangani)")
    ANSWER = "answer", _("Kirim hasil penanganan")


def _partner_of_referral(user, referral) -> bool:
    return bool(user.organisation_id) and user.organisation_id == referral.partner_id


PARTNER = Qualifier(gettext_lazy("hanya organisasi tujuan rujukan"), _partner_of_referral)
# The reply is recorded on the case ("cases.referral.replied", its timeline); the table's own audit codes are
# the referral's. Services answer 403 outside the partner organisation, as before (no visibility check).
REFERRAL_FLOW = Workflow(
    name="cases.referral",
    model_label="cases.Referral",
    states=ReferralStatus,
    actions=ReferralAction,
    rules=[
        Rule(ReferralAction.REPLY, frozenset(ReferralStatus.values), (), REFERRAL_PARTNER_ROLES,
             "cases.referral.replied"),
        Rule(ReferralAction.ANSWER, frozenset({ReferralStatus.OPEN}), (ReferralStatus.ANSWERED,),
             REFERRAL_PARTNER_ROLES, "cases.referral.answered"),
    ],
    terminal=frozenset({ReferralStatus.ANSWERED}),
    state_field="status",
    version_field=None,
    qualifiers={role: PARTNER for role in REFERRAL_PARTNER_ROLES},
    check_visible=False,
)  # fmt: skip
