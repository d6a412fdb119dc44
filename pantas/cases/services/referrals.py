"""Partner replies to referrals: the partner organisation's users attach their outcome to the case."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pantas.core import audit
from pantas.core.errors import NotAllowed

from ..models import Referral, ReferralOutcome, ReferralReply, ReferralStatus
from ..models.case import REFERRAL_PARTNER_ROLES


def can_reply(user, referral: Referral) -> bool:
    return (
        user.is_authenticated
        and user.organisation_id == referral.partner_id
        and user.has_any_role(REFERRAL_PARTNER_ROLES)
    )


def reply_to_referral(referral: Referral, actor, *, outcome: str, body: str) -> ReferralReply:
    if not can_reply(actor, referral):
        raise NotAllowed(_("Hanya organisasi tujuan rujukan yang dapat menanggapi."))
    errors = {}
    if outcome not in ReferralOutcome.values:
        errors["outcome"] = _("Pilih hasil penanganan.")
    if not body.strip():
        errors["body"] = _("Wajib diisi.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        reply = ReferralReply.objects.create(referral=referral, outcome=outcome, body=body, author=actor)
        if outcome != ReferralOutcome.IN_PROGRESS:
            Referral.objects.filter(pk=referral.pk).update(status=ReferralStatus.ANSWERED)
            referral.status = ReferralStatus.ANSWERED
        audit.record(
            "cases.referral.replied",
            referral.case,
            actor=actor,
            data={"referral": str(referral.uuid), "reply": reply.pk, "outcome": outcome},
        )
    return reply
