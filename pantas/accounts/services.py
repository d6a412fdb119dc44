"""Login with lockout, TOTP MFA and API tokens: the one place these rules live (web, API and commands call here)."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

import nacl.secret
import nacl.utils
import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.core import audit

from .models import ApiToken, LoginFailure, User


def _box() -> nacl.secret.SecretBox:
    key = hashlib.blake2b(settings.SECRET_KEY.encode(), person=b"pantas-mfa", digest_size=32).digest()
    return nacl.secret.SecretBox(key)


def encrypt_secret(secret: str) -> bytes:
    return bytes(_box().encrypt(secret.encode()))


def decrypt_secret(blob: bytes) -> str:
    return _box().decrypt(bytes(blob)).decode()


@dataclass
class LoginOutcome:
    user: User | None = None
    locked: bool = False
    needs_mfa: bool = False


def is_locked(username: str) -> bool:
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    key = username.strip().lower()
    return LoginFailure.objects.filter(username=key, at__gte=since).count() >= settings.LOGIN_MAX_FAILURES


def check_password_login(request, username: str, password: str) -> LoginOutcome:
    """Verify username + password, counting failures; a locked username is refused before checking."""
    key = username.strip().lower()
    if is_locked(key):
        return LoginOutcome(locked=True)
    user = authenticate(request, username=username.strip(), password=password)
    if user is None:
        with transaction.atomic():
            LoginFailure.objects.create(username=key)
            if is_locked(key):
                audit.record(
                    "accounts.user.locked_out",
                    object_type="accounts.user",
                    object_id=key,
                    data={"failures": settings.LOGIN_MAX_FAILURES},
                )
        return LoginOutcome(locked=is_locked(key))
    LoginFailure.objects.filter(username=key).delete()
    return LoginOutcome(user=user, needs_mfa=user.mfa_enabled)


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name="Pantas")


def verify_totp(secret: str, code: str) -> bool:
    code = (code or "").replace(" ", "")
    return code.isdigit() and pyotp.TOTP(secret).verify(code, valid_window=1)


def verify_user_totp(user: User, code: str) -> bool:
    if not user.mfa_enabled or not user.mfa_secret:
        return False
    return verify_totp(decrypt_secret(user.mfa_secret), code)


@transaction.atomic
def enable_mfa(user: User, secret: str, code: str) -> bool:
    if not verify_totp(secret, code):
        return False
    user.mfa_secret = encrypt_secret(secret)
    user.mfa_enabled = True
    user.save(update_fields=["mfa_secret", "mfa_enabled"])
    audit.record("accounts.user.mfa_enabled", user, actor=user)
    return True


@transaction.atomic
def issue_api_token(user: User, name: str = "", actor=None) -> str:
    token, plain = ApiToken.issue(user, name=name)
    audit.record(
        "accounts.apitoken.issued", token, actor=actor, data={"user": user.username, "key_id": token.key_id}
    )
    return plain


def user_for_token(raw: str) -> User | None:
    """Resolve `pantas_<key_id>_<secret>`; constant-time digest comparison, revoked tokens rejected."""
    import hmac

    parts = (raw or "").split("_", 2)
    if len(parts) != 3 or parts[0] != ApiToken.PREFIX:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(key_id=parts[1], revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, ApiToken.hash(parts[2])):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- Sessions and fresh second factor (P-15, P-16; ADR 0094) -------------------------------------------------

AUTH_AT = "pantas_auth_at"  # epoch seconds of the login (absolute timeout)
SEEN_AT = "pantas_seen_at"  # epoch seconds of the last request (idle timeout)
MFA_AT = "mfa_verified_at"  # epoch seconds of the last TOTP check in this session


def second_factor_required(user) -> bool:
    """A fresh TOTP is asked for sensitive steps whenever MFA is on for the site or the user (not in the demo)."""
    return bool(settings.MFA_REQUIRED or getattr(user, "mfa_enabled", False))


def second_factor_is_fresh(user, verified_at) -> bool:
    """True when the second factor was checked within `MFA_REAUTH_MINUTES`, or when none is required."""
    if not second_factor_required(user):
        return True
    if not verified_at:
        return False
    age = timezone.now().timestamp() - float(verified_at)
    return 0 <= age <= settings.MFA_REAUTH_MINUTES * 60


def mark_second_factor(request) -> None:
    request.session[MFA_AT] = int(timezone.now().timestamp())


@transaction.atomic
def reauthenticate(request, code: str) -> bool:
    """Check a TOTP again for a sensitive step; the outcome is audited either way."""
    user = request.user
    ok = verify_user_totp(user, code)
    if ok:
        mark_second_factor(request)
    audit.record(
        "accounts.user.mfa_reauthenticated" if ok else "accounts.user.mfa_reauth_failed", user, actor=user
    )
    return ok


def end_sessions(user: User, *, keep: str | None = None) -> int:
    """Delete every stored session of `user` except `keep`; returns how many.

    The database session store has no index by user, so this scans unexpired sessions (staff only: a few
    thousand rows at most). The session auth hash (`User._get_session_auth_hash`) covers password and MFA
    secret as well, so a session in any other store dies on its next request anyway.
    """
    from django.contrib.sessions.models import Session

    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key == keep:
            continue
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def change_password(user: User, new_password: str, actor=None, *, keep_session: str | None = None) -> int:
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit.record("accounts.user.password_changed", user, actor=actor)
    return end_sessions(user, keep=keep_session)


def reset_mfa(user: User, actor=None) -> int:
    """Forget the user's TOTP secret (lost phone): they enrol again at the next login; all sessions end."""
    with transaction.atomic():
        user.mfa_secret = None
        user.mfa_enabled = False
        user.save(update_fields=["mfa_secret", "mfa_enabled"])
        audit.record("accounts.user.mfa_reset", user, actor=actor)
    return end_sessions(user)


def deactivate_user(user: User, actor=None, reason: str = "") -> int:
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        audit.record("accounts.user.deactivated", user, actor=actor, reason=reason)
    return end_sessions(user)


def record_role_change(user: User, actor, before: set[str], after: set[str], second_factor_at) -> None:
    """Audit a change of roles; refused without a fresh second factor (P-16). Call inside the transaction."""
    from pantas.core.errors import NotAllowed

    if before == after:
        return
    if not second_factor_is_fresh(actor, second_factor_at):
        raise NotAllowed(_("Konfirmasi kode autentikator sebelum mengubah peran."), code="mfa_required")
    audit.record(
        "accounts.user.roles_changed",
        user,
        actor=actor,
        data={"added": sorted(after - before), "removed": sorted(before - after)},
    )
