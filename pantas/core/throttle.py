"""Rate limits for public pages, without storing client addresses (P-11; intake's ADR 0010 mechanism).

Requests are counted in the cache under an HMAC of the client address whose key rotates daily, so the
address itself is never stored, and yesterday's counters cannot be linked to today's.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass
class Verdict:
    allowed: bool
    retry_after: int = 0


def _daily_key() -> bytes:
    day = timezone.now().strftime("%Y-%m-%d")
    return hashlib.blake2b(
        f"{settings.SECRET_KEY}|{day}".encode(), digest_size=32, person=b"pantas-rl"
    ).digest()


def client_fingerprint(request) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hmac.new(_daily_key(), address.encode(), hashlib.sha256).hexdigest()[:32]


def hit(key: str, limit: int, window: int) -> Verdict:
    """Count one request under `key` (already namespaced); allowed while the count stays within `limit`."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return Verdict(count <= limit, 0 if count <= limit else window)


def check(request, namespace: str, limit: int, window: int) -> Verdict:
    return hit(f"{namespace}:{client_fingerprint(request)}", limit, window)


def too_many_message(retry_after_seconds: int) -> str:
    return _("Terlalu banyak percobaan dari jaringan Anda. Coba lagi dalam %(m)s menit.") % {
        "m": max(1, retry_after_seconds // 60)
    }
