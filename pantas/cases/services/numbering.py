"""Race-safe counters: the counter row is locked (SELECT … FOR UPDATE) for the rest of the transaction, so two
concurrent letters of the same authority and year can never get the same number (SQLite serialises writers)."""

import secrets

from django.db import transaction

from ..models import Counter

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def reserve(key: str, count: int = 1) -> int:
    """Reserve `count` consecutive values for `key`; returns the first. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("reserve() must run inside a transaction")
    Counter.objects.get_or_create(key=key)
    counter = Counter.objects.select_for_update().get(key=key)
    first = counter.value + 1
    counter.value += count
    counter.save(update_fields=["value"])
    return first


def case_number(year: int, value: int) -> str:
    return f"KAS-{year}-{value:06d}"


def letter_number(prefix: str, year: int, month: int, value: int) -> str:
    """Official numbering per authority and year, e.g. `B-0007/BKN/WASDAL/11/2026`."""
    return f"B-{value:04d}/{prefix}/{month:02d}/{year}"


def verification_code() -> str:
    """60 random bits as three groups of four Crockford base32 characters (no I, L, O, U)."""
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
