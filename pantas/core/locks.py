"""Cluster-wide "only one runs at a time" for periodic jobs (deadline sweep, purge): ADR 0097.

`single_runner(name)` takes a PostgreSQL session-level advisory try-lock on its own connection-level key, so a
job scheduled on several nodes (systemd timers, cron, a worker task) runs once and the others skip at once.
The lock is released on exit, and by PostgreSQL if the process dies. On SQLite (the one-process demo) it is a
no-op that always acquires: SQLite has one writer anyway.

    with single_runner("sweep_deadlines") as acquired:
        if not acquired:
            return  # another node is sweeping
        ...
"""

import hashlib
from contextlib import contextmanager

from django.db import connection


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for `name` (advisory locks take a bigint)."""
    return int.from_bytes(hashlib.sha256(f"pantas:{name}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def single_runner(name: str):
    if connection.vendor != "postgresql":
        yield True
        return
    key = lock_key(name)
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
