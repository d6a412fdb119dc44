"""Gap-free counters per (series, scope, year) (ADR 0043)."""

import threading

import pytest
from django.db import connection, connections, transaction

from pantas.core import numbering
from pantas.core.models import Counter


def test_reserve_needs_the_callers_transaction(transactional_db):
    with pytest.raises(RuntimeError):
        numbering.reserve("test", "", 2026)
    with transaction.atomic():
        assert numbering.reserve("test", "", 2026) == 1


@pytest.mark.django_db
def test_values_are_consecutive_per_series_scope_and_year():
    with transaction.atomic():
        assert [numbering.reserve("letter", "BKN", 2026) for _ in range(3)] == [1, 2, 3]
        assert numbering.reserve("letter", "KASN", 2026) == 1  # another authority
        assert numbering.reserve("letter", "BKN", 2027) == 1  # a new year starts again
        assert numbering.reserve("case", "", 2026) == 1  # another series
        assert numbering.reserve("letter", "BKN", 2026, count=5) == 4
        assert numbering.reserve("letter", "BKN", 2026) == 9
    assert numbering.current("letter", "BKN", 2026) == 9
    assert numbering.current("letter", "BKN", 2030) == 0
    assert Counter.objects.filter(series="letter").count() == 3


@pytest.mark.django_db
def test_a_rolled_back_reservation_gives_its_number_back():
    with transaction.atomic():
        assert numbering.reserve("report", "", 2026) == 1

    def fails_after_reserving():
        with transaction.atomic():
            assert numbering.reserve("report", "", 2026) == 2
            raise LookupError("the caller fails")

    with pytest.raises(LookupError, match="caller"):
        fails_after_reserving()
    with transaction.atomic():
        assert numbering.reserve("report", "", 2026) == 2  # no gap


@pytest.mark.django_db
def test_a_count_must_be_positive():
    with pytest.raises(ValueError, match="count"), transaction.atomic():
        numbering.reserve("report", "", 2026, count=0)


@pytest.mark.postgres
def test_concurrent_reservations_get_distinct_consecutive_numbers(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (concurrent writers)")
    n = 8
    barrier = threading.Barrier(n)
    got, errors = [], []

    def worker():
        try:
            barrier.wait()
            with transaction.atomic():
                got.append(numbering.reserve("race", "X", 2026))
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(got) == list(range(1, n + 1))
