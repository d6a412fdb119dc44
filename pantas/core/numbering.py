"""Gap-free numbering: one counter row per (series, scope, year), e.g. ("report", "", 2026) or
("letter", "BKN", 2026) (ADR 0043).

`reserve` increments the row with an UPDATE, which locks it until the caller's transaction ends: two
concurrent callers of the same series get consecutive values, and a rollback gives the value back, so numbers
are never skipped or reused. Keep that transaction short — everyone numbering in the same series waits for it
(and on SQLite every writer does). How a value is formatted stays with the series (`case_number`, …).
"""

from django.db import IntegrityError, transaction

from .models import Counter


def reserve(series: str, scope: str, year: int, count: int = 1) -> int:
    """Reserve `count` consecutive values of the series; returns the first. Must run inside a transaction."""
    if count < 1:
        raise ValueError("count must be at least 1")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("numbering.reserve() must run inside the transaction that uses the number")
    for _attempt in range(3):
        value = _increment(series, scope, year, count)  # the UPDATE takes the row lock
        if value is not None:
            return value - count + 1
        try:
            with transaction.atomic():  # savepoint: a concurrent first reservation may win the INSERT
                Counter.objects.create(series=series, scope=scope, year=year, value=count)
            return 1
        except IntegrityError:
            continue
    raise RuntimeError(f"could not reserve a number in {series}:{scope}:{year}")


def _increment(series: str, scope: str, year: int, count: int) -> int | None:
    """The new value, or None without a row. One statement (UPDATE … RETURNING, PostgreSQL and SQLite ≥ 3.35):
    the counter is on every intake's path (issue 14, W1), so no second SELECT for the value."""
    table, conn = Counter._meta.db_table, transaction.get_connection()
    q = conn.ops.quote_name
    with conn.cursor() as cursor:
        cursor.execute(
            f"UPDATE {q(table)} SET {q('value')} = {q('value')} + %s "  # noqa: S608 (names from the model)
            f"WHERE {q('series')} = %s AND {q('scope')} = %s AND {q('year')} = %s RETURNING {q('value')}",
            [count, series, scope, year],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def current(series: str, scope: str, year: int) -> int:
    """The last value handed out (0 when none), for reports and tests; never use it to predict a number."""
    return (
        Counter.objects.filter(series=series, scope=scope, year=year).values_list("value", flat=True).first()
        or 0
    )
