"""Issue 14, W1: one partner submission is a fixed, small number of SQL statements (ADR 0155). A number, not a
time, so a change that adds round trips to the hot intake path fails here first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pantas.core import numbering
from pantas.core.models import AuditEvent, Counter
from pantas.intake.models import Report
from pantas.intake.services.submit import REPORT_SERIES, report_number

from .test_api import REPORTS, api

pytestmark = pytest.mark.django_db

BENCH_BODY = {
    "source": "bawaslu",
    "register_number": "BENCH/1/1",
    "track": "neutrality",
    "mode": "share",
    "election": "pilkada-2024",
    "description": "ASN membagikan materi kampanye calon kepala daerah di grup warga, temuan 1.",
    "persons": [{"name": "Terlapor Uji 1", "agency": "kota-73-71"}],
    "links": [{"url": "https://example.org/post/1/1"}],
}


def test_one_submission_is_a_fixed_number_of_statements(personas):
    client = api(personas["bawaslu.sulsel"])
    client.post(REPORTS, BENCH_BODY | {"register_number": "BENCH/1/0"}, format="json")  # token touched once
    with CaptureQueriesContext(connection) as queries:
        response = client.post(REPORTS, BENCH_BODY, format="json")
    assert response.status_code == 201, response.content
    sql = [q["sql"] for q in queries.captured_queries]
    # token, roles, election, agency; report, persons, evidence, status history, number, audit event — plus the
    # savepoint pair of the service's atomic block inside the test's transaction. SQLite numbers in two
    # statements (counter, then report), PostgreSQL in one.
    expected = {"postgresql": 12, "sqlite": 13}[connection.vendor]
    assert len(sql) == expected, "\n".join(s[:120] for s in sql)
    # A new report changes no public figure: no data-version bump waits for the commit (ADR 0155).
    # (By name: intake may not import insights, which comes after it.)
    assert not [f for _sids, f, _robust in connection.run_on_commit if f.__name__ == "bump_version"]
    report = Report.objects.get(register_number="BENCH/1/1")
    assert report.number.startswith("LAP-") and not report.number.startswith("~")


@pytest.mark.parametrize(("last", "expected"), [(None, 1), (41, 42), (999_999, 1_000_000)])
def test_the_number_taken_last_is_the_counters_next_value(personas, last, expected):
    """The number is written after the other rows (ADR 0155); on PostgreSQL the SQL formats it, which must
    match `report_number` — also past six digits — and the year's first report creates the counter row."""
    year = timezone.localtime().year
    Counter.objects.filter(series=REPORT_SERIES, scope="", year=year).delete()
    if last is not None:
        Counter.objects.create(series=REPORT_SERIES, scope="", year=year, value=last)
    response = api(personas["bawaslu.sulsel"]).post(REPORTS, BENCH_BODY, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["number"] == report_number(year, expected)
    report = Report.objects.get(number=report_number(year, expected))
    event = AuditEvent.objects.get(action="intake.report.received", object_id=str(report.pk))
    assert event.data["number"] == report.number
    assert numbering.current(REPORT_SERIES, "", year) == expected


def test_with_the_database_task_backend_the_task_row_commits_with_the_report(personas, settings):
    """An outbox: the duplicate-search row is written in the submission's transaction, so it costs no commit of
    its own (ADR 0155). (In a test nothing commits: the row exists only because it was written inside.)"""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = api(personas["bawaslu.sulsel"]).post(REPORTS, BENCH_BODY, format="json")
    assert response.status_code == 201, response.content
    report = Report.objects.get(number=response.json()["number"])
    row = DBTaskResult.objects.get(task_path__endswith="suggest_duplicates")
    assert row.args_kwargs["args"] == [[report.pk]]
