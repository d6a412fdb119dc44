"""Partner replies to referrals: the partner organisation's users attach their outcome to the case."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pantas.core import audit

from ..models import Referral, ReferralOutcome, ReferralReply, ReferralStatus
from ..workflow import REFERRAL_FLOW, ReferralAction
from . import attachments as attachment_service


def can_reply(user, referral: Referral) -> bool:
    return REFERRAL_FLOW.role_allows(REFERRAL_FLOW.rule(ReferralAction.REPLY), user, referral)


@REFERRAL_FLOW.action(ReferralAction.REPLY)
def reply_to_referral(
    referral: Referral,
    actor,
    *,
    outcome: str,
    body: str,
    partner_register_number: str = "",
    findings: str = "",
    attachments=(),
) -> ReferralReply:
    """The partner's reply; it may record its own register number and findings on the referral (joint
    handling: both bodies see the case, each records its own work)."""
    errors = {}
    if outcome not in ReferralOutcome.values:
        errors["outcome"] = _("Pilih hasil penanganan.")
    if not body.strip():
        errors["body"] = _("Wajib diisi.")
    if errors:
        raise ValidationError(errors)
    checked = attachment_service.check(attachments)
    reply = ReferralReply.objects.create(referral=referral, outcome=outcome, body=body, author=actor)
    stored = attachment_service.store(checked, referral.case, actor, reply=reply)
    partner_fields = {}
    number = (partner_register_number or "").strip().upper()
    if number and number != referral.partner_register_number:
        partner_fields["partner_register_number"] = number
    if findings.strip() and findings.strip() != referral.findings:
        partner_fields["findings"] = findings.strip()
    if partner_fields:
        Referral.objects.filter(pk=referral.pk).update(**partner_fields)
        for name, value in partner_fields.items():
            setattr(referral, name, value)
    if outcome != ReferralOutcome.IN_PROGRESS and referral.status == ReferralStatus.OPEN:
        REFERRAL_FLOW.run(
            referral, actor, ReferralAction.ANSWER, data={"reply": reply.pk, "outcome": outcome}
        )
    audit.record(
        "cases.referral.replied",
        referral.case,
        actor=actor,
        data={
            "referral": str(referral.uuid),
            "reply": reply.pk,
            "outcome": outcome,
            "partner_fields": sorted(partner_fields),
            "partner_register_number": partner_fields.get("partner_register_number", ""),
            "attachments": [a.sha256 for a in stored],
        },
    )
    return reply
