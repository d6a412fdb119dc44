"""Reporter receipts: `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX` in Crockford base32 (ADR 0011).

The first two groups (40 bits) are a look-up id stored in clear and indexed; the last four groups (80 bits,
from `secrets`) are the secret, stored only as an Argon2id hash. A receipt never appears in a URL or a log.
"""

import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LOOKUP_LENGTH = 8
SECRET_LENGTH = 16
SECRET_BITS = SECRET_LENGTH * 5  # 80
# Crockford decoding: read the look-alikes the way a person copying by hand means them.
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_VALID = frozenset(ALPHABET)


def _hasher() -> PasswordHasher:
    # RFC 9106 "second recommended" profile (t=3, 64 MiB). Tests may lower it through settings.
    params = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 1}
    params.update(getattr(settings, "PANTAS_RECEIPT_ARGON2", {}))
    return PasswordHasher(type=Type.ID, **params)


def _random_chars(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def format_receipt(lookup: str, secret: str) -> str:
    raw = lookup + secret
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def new_lookup() -> str:
    return _random_chars(LOOKUP_LENGTH)


def new_secret() -> str:
    return _random_chars(SECRET_LENGTH)


def hash_secret(secret: str) -> str:
    return _hasher().hash(secret)


def parse(text: str) -> tuple[str, str] | None:
    """Return (lookup, secret) for a well-formed receipt typed in any case/spacing, else None."""
    if not isinstance(text, str) or len(text) > 80:
        return None
    compact = "".join(ch for ch in text.upper() if ch not in " -\t\r\n").translate(_CONFUSABLE)
    if len(compact) != LOOKUP_LENGTH + SECRET_LENGTH or not set(compact) <= _VALID:
        return None
    return compact[:LOOKUP_LENGTH], compact[LOOKUP_LENGTH:]


_DUMMY_HASH = None


def _dummy_verify(secret: str) -> None:
    """Spend the same Argon2 time on malformed or unknown receipts so timing does not tell them apart."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_secret(new_secret())
    try:
        _hasher().verify(_DUMMY_HASH, secret or "0" * SECRET_LENGTH)
    except (VerificationError, InvalidHashError):
        pass


def verify(stored_hash: str, secret: str) -> bool:
    if not stored_hash:
        _dummy_verify(secret)
        return False
    try:
        return _hasher().verify(stored_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


def find_report(text: str):
    """The report this receipt opens, or None. Malformed, unknown and wrong receipts look the same."""
    from ..models import Report

    parsed = parse(text)
    if parsed is None:
        _dummy_verify("")
        return None
    lookup, secret = parsed
    report = Report.objects.filter(receipt_lookup=lookup).first()
    if report is None:
        _dummy_verify(secret)
        return None
    return report if verify(report.receipt_hash, secret) else None
