"""The case workflow as one explicit table: states, actions, who may take each action from which states.

This table is the single source of truth for the service functions (`services/`), the buttons a user sees,
the permission-matrix test and the generated documentation (`docs/workflow.md`, `manage.py cases_workflow_doc`).
Order of checks for every action (ADR 0020): visible? (else 404) → role allows it? (else 403) → state allows
it? (else 409) → action-specific guards (409 for state-like conditions, 400 for bad input).
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pantas.core.errors import InvalidTransition, NotAllowed
from pantas.core.roles import Role


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


# Roles whose permission counts only on cases assigned to the acting user.
ASSIGNED_ONLY = frozenset({Role.ANALYST})
# Roles whose permission counts only on cases addressed to the acting user's organisation.
ADDRESSEE_ONLY = frozenset({Role.PPK_OFFICER, Role.MINISTRY_OFFICER})

KEEP = "keep"  # deadline policy: leave the current due date as it is


@dataclass(frozen=True)
class Rule:
    action: Action
    sources: frozenset
    targets: tuple  # empty: the case stays in its state (an action, not a state change)
    roles: frozenset
    audit_code: str
    deadline: str | None = KEEP  # StageDeadline code started by this action, KEEP, or None (no deadline)
    assigned_only: frozenset = field(default=ASSIGNED_ONLY)

    @property
    def changes_state(self) -> bool:
        return bool(self.targets)


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
         assigned_only=frozenset()),
    Rule(Action.SHARE_WITH_PARTNER, frozenset({S.INVESTIGATION, S.CLARIFICATION}), (), frozenset({ANALYST, LEAD}),
         "cases.case.shared_with_partner"),
    Rule(Action.ANSWER_CLARIFICATION, frozenset({S.CLARIFICATION}), (),
         frozenset({Role.PPK_OFFICER, Role.MINISTRY_OFFICER, ANALYST, LEAD}), "cases.case.clarification_answered"),
    Rule(Action.EDIT_LETTER, frozenset({S.PROVEN}), (), frozenset({ANALYST, DECIDER, LEAD}),
         "cases.case.letter_edited"),
    Rule(Action.OVERRIDE_ROUTING, OPEN_STATES, (), frozenset({DECIDER, LEAD}), "cases.case.routing_overridden"),
    Rule(Action.REROUTE, OPEN_STATES, (), frozenset({DECIDER, LEAD}), "cases.case.rerouted"),
]  # fmt: skip

RULES: dict[str, Rule] = {rule.action: rule for rule in _RULES}
assert set(RULES) == set(Action), "every action needs exactly one rule"


def role_allows(rule: Rule, user, case) -> bool:
    """Does one of the user's roles grant this action on this particular case (assignment, addressee)?"""
    if not getattr(user, "is_authenticated", False):
        return False
    for role in user.role_set & rule.roles:
        if role in rule.assigned_only and case.assignee_id != user.pk:
            continue
        if role in ADDRESSEE_ONLY and (not user.organisation_id or user.organisation_id != case.addressee_id):
            continue
        return True
    return False


def check(user, case, action: str) -> Rule:
    """Raise NotAllowed (403) or InvalidTransition (409) unless `user` may take `action` on `case` now."""
    rule = RULES[action]
    if not role_allows(rule, user, case):
        raise NotAllowed(
            gettext("Peran Anda tidak berwenang untuk aksi “%(action)s” pada kasus ini.")
            % {"action": Action(action).label}
        )
    if case.state not in rule.sources:
        raise InvalidTransition(
            gettext("Aksi “%(action)s” tidak dapat dilakukan saat kasus berstatus “%(state)s”.")
            % {"action": Action(action).label, "state": CaseState(case.state).label}
        )
    return rule


def allowed_actions(user, case) -> list[Rule]:
    """The actions this user can take on this case right now (for buttons; services check again)."""
    return [rule for rule in _RULES if case.state in rule.sources and role_allows(rule, user, case)]
