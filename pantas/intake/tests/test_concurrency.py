"""P-04 under real concurrency (PostgreSQL): the same one-time form token submitted twice at the same moment
creates one report; the other request gets that report back (the browser then shows the same receipt)."""

import threading

import pytest
from django.db import connection, connections

from pantas.intake.models import Report
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report

pytestmark = [pytest.mark.postgres]


@pytest.fixture
def postgres_db(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (concurrent writers)")
    from conftest import _load_base_data

    _load_base_data()


def test_a_concurrent_double_submit_creates_one_report(postgres_db):
    barrier = threading.Barrier(2)
    results = []

    def worker():
        try:
            barrier.wait()
            result = submit_report(
                ReportInput(
                    description="Camat mengarahkan kepala desa memilih calon tertentu dalam rapat resmi.",
                    persons=[PersonInput(name="Camat")],
                    anonymity="anonymous",
                    submission_key="k" * 64,
                )
            )
            results.append((result.created, result.report.pk, result.receipt is not None))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert Report.objects.count() == 1
    assert sorted(created for created, _pk, _r in results) == [False, True]
    assert len({pk for _c, pk, _r in results}) == 1
    assert [has_receipt for created, _pk, has_receipt in results if created] == [True]
