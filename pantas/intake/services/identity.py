"""The identity custodian's key and the audited reveal of a confidential reporter's identity (ADR 0012)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pantas.accounts.services import second_factor_is_fresh
from pantas.core import audit
from pantas.core.errors import NotAllowed
from pantas.core.roles import Role

from ..models import CustodianKey, SealedIdentity
from ..security import sealing


def create_custodian_key(actor, passphrase: str, label: str, **kdf) -> CustodianKey:
    """Generate a new key pair; it becomes the active key. Older keys stay for identities sealed to them."""
    if actor is not None and not actor.has_role(Role.IDENTITY_CUSTODIAN):
        raise NotAllowed(_("Hanya kustodian identitas yang dapat membuat kunci."))
    if len(passphrase or "") < sealing.MIN_PASSPHRASE_LENGTH:
        raise ValidationError(
            {"passphrase": _("Frasa sandi minimal %(n)s karakter.") % {"n": sealing.MIN_PASSPHRASE_LENGTH}}
        )
    material = sealing.new_key_material(passphrase, **kdf)
    with transaction.atomic():
        CustodianKey.objects.filter(active=True).update(active=False)
        key = CustodianKey.objects.create(label=label[:100], created_by=actor, **material)
        audit.record("intake.custodian_key.created", key, actor=actor, data={"label": key.label})
    return key


class RevealFailed(Exception):
    pass


def reveal_identity(
    sealed: SealedIdentity, actor, passphrase: str, reason: str, *, second_factor_at=None
) -> dict:
    """Open the sealed identity. Needs the custodian role, a fresh second factor (TOTP checked within
    `MFA_REAUTH_MINUTES`, outside the demo), the passphrase and a reason; every attempt, successful or not,
    is an audit event. The identity is returned, never stored in clear."""
    if not actor.has_role(Role.IDENTITY_CUSTODIAN):
        raise NotAllowed(_("Hanya kustodian identitas yang dapat membuka identitas pelapor."))
    if not second_factor_is_fresh(actor, second_factor_at):
        with transaction.atomic():
            audit.record("intake.identity.reveal_refused", sealed.report, actor=actor, data={"why": "mfa"})
        raise NotAllowed(_("Konfirmasi kode autentikator terlebih dahulu."), code="mfa_required")
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Tuliskan alasan membuka identitas (minimal 10 karakter).")})
    try:
        identity = sealing.unseal(sealed.key, sealed.ciphertext, passphrase or "")
    except sealing.WrongPassphrase:
        with transaction.atomic():
            audit.record("intake.identity.reveal_failed", sealed.report, actor=actor, reason=reason)
        raise RevealFailed from None
    with transaction.atomic():
        audit.record(
            "intake.identity.revealed",
            sealed.report,
            actor=actor,
            reason=reason,
            data={"second_factor_at": second_factor_at},
        )
    return identity
