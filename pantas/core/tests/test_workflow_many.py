"""`Workflow.run_many` (ADR 0145): one action on many objects writes exactly the rows `run` writes for each, skips
what moved, refuses as `run` does, and its statement count does not depend on how many objects there are."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from pantas.core.audit import events_for, verify_chain
from pantas.core.errors import NotAllowed
from pantas.intake.models import Report, ReportStatusHistory
from pantas.intake.tests.factories import ReportFactory

from .test_workflow_engine import CALLS, FLOW, Act, S

pytestmark = pytest.mark.django_db


def _rows(report):
    """What a transition left behind for one report, without ids and timestamps."""
    report.refresh_from_db()
    history = list(
        ReportStatusHistory.objects.filter(report=report).values_list(
            "from_status", "to_status", "actor_id", "reason"
        )
    )
    events = [
        (e.action, e.actor_id, e.actor_label, e.object_type, e.reason, e.data)
        for e in events_for(report).filter(action__startswith="tests.report.").order_by("id")
    ]
    stamps = [report.status_changed_at] == list(
        ReportStatusHistory.objects.filter(report=report).values_list("at", flat=True)
    )
    return report.status, history, events, stamps


def test_run_many_writes_what_run_writes_one_by_one(personas):
    analyst = personas["analis"]
    one_by_one, together = [ReportFactory() for _ in range(3)], [ReportFactory() for _ in range(3)]
    CALLS.clear()
    with transaction.atomic():
        for report in one_by_one:
            FLOW.run(report, analyst, Act.VERIFY, reason="dicek", data={"batch": False})
    hooks_one = list(CALLS)
    CALLS.clear()
    with transaction.atomic():
        moved = FLOW.run_many(together, analyst, Act.VERIFY, reason="dicek", data=lambda r: {"batch": False})
    assert moved == together
    assert [_rows(r) for r in together] == [_rows(r) for r in one_by_one]
    assert _rows(together[0])[0] == S.VERIFICATION and _rows(together[0])[3] is True
    assert [c[1:] for c in CALLS] == [c[1:] for c in hooks_one] and {c[0] for c in CALLS} == {
        r.pk for r in together
    }
    assert verify_chain() == []


def test_run_many_skips_what_moved_or_is_in_another_state(personas):
    analyst = personas["analis"]
    fresh, moved_meanwhile, closed = ReportFactory(), ReportFactory(), ReportFactory(status=S.CLOSED)
    stale = Report.objects.get(pk=moved_meanwhile.pk)
    with transaction.atomic():
        FLOW.run(moved_meanwhile, analyst, Act.NOTE)  # no state change: still received, so the CAS matches
        FLOW.run(moved_meanwhile, analyst, Act.VERIFY, reason="lebih dulu")
        assert FLOW.run_many([fresh, stale, closed], analyst, Act.VERIFY, reason="kedua") == [fresh]
    assert ReportStatusHistory.objects.filter(report=moved_meanwhile).count() == 1
    assert not ReportStatusHistory.objects.filter(report=closed).exists()
    assert events_for(moved_meanwhile).filter(reason="kedua").count() == 0


def test_run_many_refuses_the_whole_call_for_a_role_that_may_not(personas):
    reports = [ReportFactory() for _ in range(2)]
    with pytest.raises(NotAllowed), transaction.atomic():
        FLOW.run_many(reports, personas["ppk.makassar"], Act.VERIFY)
    assert not ReportStatusHistory.objects.filter(report__in=reports).exists()


def test_run_many_statement_count_does_not_depend_on_the_number_of_objects(personas):
    analyst = personas["analis"]

    def statements(n):
        reports = [ReportFactory() for _ in range(n)]
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            assert len(FLOW.run_many(reports, analyst, Act.VERIFY, reason="x")) == n
        return len(queries)

    statements(1)  # warm-up: the actor's roles are read once and kept on the user
    assert statements(2) == statements(12)
