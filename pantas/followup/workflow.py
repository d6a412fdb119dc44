"""The follow-up tables (ADR 0050): a recommendation's follow-up by the PPK, the blocking request to BKN and the
report of a non-complying PPK to its ministry. Run by the one engine, `pantas.core.workflow` (ADR 0038).
"""

from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from pantas.core.roles import Role
from pantas.core.workflow import SYSTEM, History, Qualifier, Rule, Workflow


class FollowUpState(models.TextChoices):
    AWAITING = "awaiting", _("Menunggu tindak lanjut PPK")
    ACKNOWLEDGED = "acknowledged", _("Diterima PPK")
    OBJECTED = "objected", _("Keberatan PPK")
    ESCALATED = "escalated", _("Melewati tenggat — dieskalasi")
    REPORTED = "reported", _("SK dilaporkan PPK")
    VERIFIED = "verified", _("Diverifikasi pengawas")
    CLOSED = "closed", _("Selesai")


# States in which the PPK still owes a decree (the clock runs, the sweep may warn and escalate).
PENDING_STATES = frozenset({FollowUpState.AWAITING, FollowUpState.ACKNOWLEDGED})
OPEN_STATES = frozenset(set(FollowUpState) - {FollowUpState.CLOSED})


class FollowUpAction(models.TextChoices):
    """Values are the API path segments: `POST /api/v1/follow-ups/{id}/{action}/`."""

    ACKNOWLEDGE = "acknowledge", _("Konfirmasi penerimaan")
    REPORT = "report", _("Laporkan SK hukuman")
    OBJECT = "object", _("Ajukan keberatan")
    ANSWER_OBJECTION = "answer-objection", _("Jawab keberatan")
    VERIFY = "verify", _("Verifikasi SK")
    RETURN_REPORT = "return-report", _("Kembalikan laporan (SK tidak lengkap)")
    ESCALATE = "escalate", _("Eskalasi (melewati tenggat)")
    REPRIMAND = "reprimand", _("Catat teguran kepada PPK")
    CLOSE = "close", _("Tutup")


class BlockingState(models.TextChoices):
    REQUESTED = "requested", _("Diminta blokir")
    BLOCKED = "blocked", _("Diblokir di SIASN")
    UNBLOCK_REQUESTED = "unblock_requested", _("Diminta buka blokir")
    UNBLOCKED = "unblocked", _("Blokir dibuka")
    CANCELLED = "cancelled", _("Dibatalkan")


class BlockingAction(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Tandai diterima sistem BKN")
    BLOCK = "block", _("Catat blokir di SIASN")
    REQUEST_UNBLOCK = "request-unblock", _("Minta buka blokir")
    CANCEL = "cancel", _("Batalkan permintaan")
    UNBLOCK = "unblock", _("Catat buka blokir")


class PPKReportState(models.TextChoices):
    SENT = "sent", _("Dilaporkan")
    REPRIMANDED = "reprimanded", _("Teguran dicatat")
    CLOSED = "closed", _("Selesai")


class PPKReportAction(models.TextChoices):
    REPRIMAND = "reprimand", _("Catat teguran")
    CLOSE = "close", _("Tutup")


def _addressed_to_my_organisation(user, follow_up) -> bool:
    return bool(user.organisation_id) and user.organisation_id == follow_up.addressee_id


def _report_addressed_to_me(user, obj) -> bool:
    """A ministry officer reprimands only PPKs reported to their own ministry (obj: FollowUp or PPKReport)."""
    if not user.organisation_id:
        return False
    if hasattr(obj, "reports"):  # a FollowUp
        return obj.reports.filter(addressee_id=user.organisation_id).exists()
    return obj.addressee_id == user.organisation_id


ADDRESSEE = Qualifier(
    gettext_lazy("hanya rekomendasi yang ditujukan ke organisasinya"), _addressed_to_my_organisation
)
REPORT_ADDRESSEE = Qualifier(
    gettext_lazy("hanya laporan PPK yang ditujukan ke kementeriannya"), _report_addressed_to_me
)

PPK_OFFICER, MINISTRY_OFFICER, BKN_OFFICER = Role.PPK_OFFICER, Role.MINISTRY_OFFICER, Role.BKN_OFFICER
LEAD, DECIDER, ANALYST = Role.SUPERVISOR_LEAD, Role.DECIDER, Role.ANALYST
PPK_ROLES = frozenset({PPK_OFFICER, MINISTRY_OFFICER})
CHECKERS = frozenset({ANALYST, DECIDER, LEAD})
S, A = FollowUpState, FollowUpAction

_FOLLOW_UP_RULES = [
    Rule(A.ACKNOWLEDGE, frozenset({S.AWAITING}), (S.ACKNOWLEDGED,), PPK_ROLES, "followup.followup.acknowledged"),
    Rule(A.REPORT, frozenset({S.AWAITING, S.ACKNOWLEDGED, S.ESCALATED}), (S.REPORTED,), PPK_ROLES,
         "followup.followup.reported", deadline=None),
    Rule(A.OBJECT, frozenset({S.AWAITING, S.ACKNOWLEDGED}), (S.OBJECTED,), PPK_ROLES,
         "followup.followup.objected", deadline=None),
    Rule(A.ANSWER_OBJECTION, frozenset({S.OBJECTED}), (S.ACKNOWLEDGED,), frozenset({DECIDER, LEAD}),
         "followup.followup.objection_answered", deadline="ppk-follow-up"),
    Rule(A.VERIFY, frozenset({S.REPORTED}), (S.VERIFIED,), CHECKERS, "followup.followup.verified", deadline=None),
    Rule(A.RETURN_REPORT, frozenset({S.REPORTED}), (S.ACKNOWLEDGED,), CHECKERS, "followup.followup.report_returned",
         deadline="ppk-follow-up"),
    Rule(A.ESCALATE, frozenset({S.AWAITING, S.ACKNOWLEDGED}), (S.ESCALATED,), frozenset({SYSTEM, LEAD}),
         "followup.followup.escalated"),
    Rule(A.REPRIMAND, frozenset({S.ESCALATED}), (), frozenset({MINISTRY_OFFICER}), "followup.followup.reprimanded",
         deadline="ppk-follow-up-after-reprimand", qualifiers={MINISTRY_OFFICER: REPORT_ADDRESSEE}),
    Rule(A.CLOSE, frozenset({S.VERIFIED}), (S.CLOSED,), frozenset({SYSTEM, LEAD}), "followup.followup.closed",
         deadline=None),
]  # fmt: skip

FOLLOW_UP_FLOW = Workflow(
    name="followup.followup",
    model_label="followup.FollowUp",
    states=FollowUpState,
    actions=FollowUpAction,
    rules=_FOLLOW_UP_RULES,
    terminal=frozenset({FollowUpState.CLOSED}),
    qualifiers={PPK_OFFICER: ADDRESSEE, MINISTRY_OFFICER: ADDRESSEE},
    history=History("followup.FollowUpStatusChange", obj="follow_up"),
    due_date="pantas.cases.services.deadlines.due_date",
    deadline_fields=("due_on", "deadline_code"),
    changed_at_field="state_changed_at",
    closed_at_field="closed_at",
    updated_at_field="updated_at",
    after_change=("pantas.followup.services.facts.after_change",),
    after_many=("pantas.followup.services.facts.after_many",),
    stale_message=gettext_lazy(
        "Tindak lanjut telah diubah oleh pengguna lain. Muat ulang halaman lalu coba lagi."
    ),
)

B, BA = BlockingState, BlockingAction
_BLOCKING_RULES = [
    Rule(BA.ACKNOWLEDGE, frozenset({B.REQUESTED, B.UNBLOCK_REQUESTED}), (), frozenset({BKN_OFFICER}),
         "followup.blockingrequest.acknowledged"),
    Rule(BA.BLOCK, frozenset({B.REQUESTED}), (B.BLOCKED,), frozenset({BKN_OFFICER}), "followup.blockingrequest.blocked"),
    Rule(BA.REQUEST_UNBLOCK, frozenset({B.BLOCKED}), (B.UNBLOCK_REQUESTED,), frozenset({SYSTEM, LEAD}),
         "followup.blockingrequest.unblock_requested"),
    Rule(BA.CANCEL, frozenset({B.REQUESTED}), (B.CANCELLED,), frozenset({SYSTEM, LEAD}),
         "followup.blockingrequest.cancelled"),
    Rule(BA.UNBLOCK, frozenset({B.UNBLOCK_REQUESTED}), (B.UNBLOCKED,), frozenset({BKN_OFFICER}),
         "followup.blockingrequest.unblocked"),
]  # fmt: skip

BLOCKING_FLOW = Workflow(
    name="followup.blockingrequest",
    model_label="followup.BlockingRequest",
    states=BlockingState,
    actions=BlockingAction,
    rules=_BLOCKING_RULES,
    terminal=frozenset({BlockingState.UNBLOCKED, BlockingState.CANCELLED}),
    changed_at_field="state_changed_at",
    updated_at_field="updated_at",
)

R, RA = PPKReportState, PPKReportAction
_REPORT_RULES = [
    Rule(RA.REPRIMAND, frozenset({R.SENT}), (R.REPRIMANDED,), frozenset({MINISTRY_OFFICER}),
         "followup.ppkreport.reprimanded", qualifiers={MINISTRY_OFFICER: REPORT_ADDRESSEE}),
    Rule(RA.CLOSE, frozenset({R.SENT, R.REPRIMANDED}), (R.CLOSED,), frozenset({SYSTEM, LEAD}),
         "followup.ppkreport.closed"),
]  # fmt: skip

PPK_REPORT_FLOW = Workflow(
    name="followup.ppkreport",
    model_label="followup.PPKReport",
    states=PPKReportState,
    actions=PPKReportAction,
    rules=_REPORT_RULES,
    terminal=frozenset({PPKReportState.CLOSED}),
    changed_at_field="state_changed_at",
    updated_at_field="updated_at",
)
