"""Checks on the URLs of the services production depends on (P-24, ADR 0098).

A cache/queue service reachable over TCP must ask for a password, and off the machine it must also speak TLS;
a unix socket is fine as is (file permissions guard it). SecureDrop's 2024 audit found an unauthenticated local
Redis: we refuse that at start-up rather than hope the operator remembered `requirepass`.
"""

import ipaddress
from urllib.parse import urlsplit

LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    if not host or host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def redis_url_problem(url: str) -> str | None:
    """Why `url` is not acceptable in production, or None."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return None
    if parts.scheme not in {"redis", "rediss"}:
        return f"REDIS_URL must be redis://, rediss:// or unix:// (got {parts.scheme or 'nothing'}://)"
    if not parts.password:
        return "REDIS_URL must carry a password (redis://:PASSWORD@host:6379/0; Redis `requirepass` or an ACL user)"
    if not is_loopback(parts.hostname or "") and parts.scheme != "rediss":
        return "REDIS_URL on another machine must use TLS (rediss://)"
    return None


def database_url_problem(url: str) -> str | None:
    """The task queue lives in the database: a PostgreSQL server off the machine needs a password and TLS."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres") or is_loopback(parts.hostname or ""):
        return None
    if not parts.password:
        return "DATABASE_URL on another machine must carry a password"
    if "sslmode=require" not in parts.query and "sslmode=verify" not in parts.query:
        return "DATABASE_URL on another machine must ask for TLS (?sslmode=require or verify-full)"
    return None
