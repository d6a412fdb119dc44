"""Anti-automation without third parties or JavaScript (ADR 0010).

* Rate limits count requests per client in the cache under an HMAC of the client address whose key rotates
  daily; the address itself is never stored, logged or persisted (P-11).
* A signed form token carries a random nonce and the time the form was served: too-fast submissions are
  refused, and the nonce's HMAC becomes `Report.submission_key` so a double submit yields one report (P-04).
* A honeypot field that people never see and bots fill in.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone

from pantas.core.throttle import Verdict, client_fingerprint, hit

DEFAULT_LIMITS = {
    # scope: (requests, window seconds) — GlobaLeaks' thresholds as the starting point
    "submit": (5, 3600),
    "submit_global": (300, 3600),
    "receipt": (10, 900),
    "receipt_lookup_id": (5, 3600),
    "reply": (20, 3600),
    # "tambah terlapor/tautan" and "hapus berkas" presses on /lapor/: they store nothing but held files
    "rework": (60, 3600),
    "min_fill_seconds": 3,
    "form_max_age": 4 * 3600,
}
_SALT = "pantas.intake.form"


def limits() -> dict:
    return {**DEFAULT_LIMITS, **getattr(settings, "PANTAS_INTAKE_LIMITS", {})}


def check(request, scope: str, extra: str = "") -> Verdict:
    """Count one request in `scope` for this client (and `extra`, e.g. a receipt look-up id)."""
    limit, window = limits()[scope]
    subject = extra or client_fingerprint(request)
    return hit(f"intake:rl:{scope}:{subject}", limit, window)


def peek(request, scope: str, extra: str = "") -> bool:
    """True while this client (or `extra`) is still under the limit, without counting."""
    limit, _window = limits()[scope]
    subject = extra or client_fingerprint(request)
    return (cache.get(f"intake:rl:{scope}:{subject}") or 0) < limit


def reset(request, scope: str) -> None:
    cache.delete(f"intake:rl:{scope}:{client_fingerprint(request)}")


# --- form tokens -------------------------------------------------------------------------------------------


def new_form_token() -> str:
    return signing.TimestampSigner(salt=_SALT).sign(secrets.token_urlsafe(18))


@dataclass
class TokenCheck:
    ok: bool
    too_fast: bool = False
    expired: bool = False
    nonce: str = ""


def check_form_token(token: str) -> TokenCheck:
    lim = limits()
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        nonce = signer.unsign(token or "", max_age=lim["form_max_age"])
    except signing.SignatureExpired:
        return TokenCheck(False, expired=True)
    except signing.BadSignature:
        return TokenCheck(False)
    # The signed timestamp tells how long the form was open.
    _value, stamp, _signature = token.rsplit(signer.sep, 2)
    age = timezone.now().timestamp() - signing.b62_decode(stamp)
    if age < lim["min_fill_seconds"]:
        return TokenCheck(False, too_fast=True, nonce=nonce)
    return TokenCheck(True, nonce=nonce)


def submission_key(nonce: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"submit|{nonce}".encode(), hashlib.sha256).hexdigest()


# --- receipt replay for a double submit ------------------------------------------------------------------


def _replay_box(nonce: str):
    import nacl.secret

    key = hashlib.blake2b(nonce.encode(), digest_size=32, person=b"pantas-replay").digest()
    return nacl.secret.SecretBox(key)


def remember_receipt(nonce: str, receipt: str, number: str, ttl: int = 900) -> None:
    """Keep the receipt for a few minutes, encrypted with the form nonce only the submitting browser holds,
    so the second request of a double click can show the same receipt instead of "already sent"."""
    blob = _replay_box(nonce).encrypt(f"{number}|{receipt}".encode())
    cache.set(f"intake:replay:{submission_key(nonce)}", bytes(blob), timeout=ttl)


def recall_receipt(nonce: str) -> tuple[str, str] | None:
    blob = cache.get(f"intake:replay:{submission_key(nonce)}")
    if not blob:
        return None
    try:
        number, receipt = _replay_box(nonce).decrypt(blob).decode().split("|", 1)
    except Exception:  # noqa: BLE001 - a corrupt cache entry just means "not available"
        return None
    return number, receipt
