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
