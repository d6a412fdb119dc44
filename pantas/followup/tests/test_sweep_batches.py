"""The sweep escalates in batches through `Workflow.run_many` (ADR 0145): a batch writes exactly the rows the
one-by-one `escalate` writes, a second sweep is a no-op, a crash between batches loses nothing and repeats
nothing, and a batch's statement count does not depend on its size."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pantas.cases.models import Case
from pantas.core.audit import events_for
from pantas.core.models import AuditEvent, Document

from ..models import BlockingRequest, FollowUp, FollowUpStatusChange, Notification, PPKReport
from ..services import blocking, escalate, escalate_many, sweep_deadlines
from ..services import sweep as sweep_module
from ..services.notifications import render
from ..workflow import FollowUpState
from .factories import follow_up_for

pytestmark = pytest.mark.django_db
LOADED = ("addressee", "recommendation__letter", "recommendation__authority", "case__agency")


def _overdue(personas, n, first=0):
    ids = [follow_up_for(personas, nip=f"1986092620150510{first + i:02d}").pk for i in range(n)]
    FollowUp.objects.filter(pk__in=ids).update(due_on=timezone.localdate() - timedelta(days=7))
    return list(FollowUp.objects.filter(pk__in=ids).select_related(*LOADED).order_by("pk"))


def _scrub(value, names):
    if isinstance(value, dict):
        return {k: _scrub(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, names) for v in value]
    return names.get(value, value) if isinstance(value, str) else value


def _trail(follow_up):
    """Every row an escalation left for one follow-up, with its own numbers, ids and timestamps named."""
    f = FollowUp.objects.get(pk=follow_up.pk)
    request, report = BlockingRequest.objects.get(follow_up=f), PPKReport.objects.get(follow_up=f)
    names = {
        request.number: "<blocking>", report.number: "<report>", str(f.uuid): "<uuid>", f.nip: "<nip>",
        f.escalated_at.isoformat(): "<at>", f.due_on.isoformat(): "<due>",
    }  # fmt: skip

    def events(obj):
        return [
            (e.action, e.actor_id, e.actor_label, e.reason, _scrub(e.data, names))
            for e in events_for(obj).order_by("id")
            if e.action.endswith(("escalated", "requested", "sent", "reserved"))
        ]

    documents = [
        (d.kind, d.state, d.title, d.subject, d.addressee, d.authority_id, d.document_date, d.issued_by_id)
        for d in (request.document, report.document)
    ]
    notifications = sorted(
        (n.kind, n.organisation_id, names.get(n.key, n.key), (n.subject, n.body) == render(n.kind, f))
        for n in Notification.objects.filter(follow_up=f)
    )
    return (
        (f.state, f.compliance, f.version, f.escalated_at == f.state_changed_at == f.updated_at),
        list(f.status_changes.values_list("from_state", "to_state", "action", "actor_id", "reason")),
        events(f) + events(request) + events(report) + events(request.document) + events(report.document),
        (
            request.state,
            request.nip == f.nip,
            request.requested_at == f.escalated_at,
            report.addressee_id,
            report.state,
        ),
        documents,
        notifications,
        _case_facts(f),
    )


def _case_facts(f):
    """The statistical facts the escalation leaves on the case (ADR 0140): per change in `run`, recomputed from
    the histories by the table's `after_many` hook in `run_many`."""
    c = Case.objects.get(pk=f.case_id)
    return (
        c.follow_up_opened_at == f.created_at,
        c.follow_up_due == f.recommendation.follow_up_due,
        c.sanctioned_since,
        c.sanction_reported_at,
    )


def test_a_batch_writes_what_escalating_one_by_one_writes(personas):
    one, two, three, four = _overdue(personas, 4)
    escalate(one, None)
    escalate(two, None)
    with transaction.atomic():
        assert escalate_many([three, four], None) == [three, four]
    for batched, single in zip(
        [_trail(f) for f in (three, four)], [_trail(f) for f in (one, two)], strict=True
    ):
        for part_b, part_s in zip(batched, single, strict=True):
            assert part_b == part_s
    assert _trail(one)[0][0] == FollowUpState.ESCALATED and all(n[3] for n in _trail(three)[5])
    numbers = [BlockingRequest.objects.get(follow_up=f).number for f in (one, two, three, four)]
    assert [int(n.rsplit("-", 1)[1]) for n in numbers] == list(
        range(int(numbers[0][-6:]), int(numbers[0][-6:]) + 4)
    )


def test_a_batch_skips_follow_ups_that_moved_meanwhile(personas):
    first, second = _overdue(personas, 2)
    stale = FollowUp.objects.select_related(*LOADED).get(pk=second.pk)
    escalate(second, None)  # e.g. the lead escalated it by hand
    with transaction.atomic():
        assert escalate_many([first, stale], None) == [first]
    assert BlockingRequest.objects.filter(follow_up=second).count() == 1
    assert (
        AuditEvent.objects.filter(action="followup.followup.escalated", object_id=str(second.pk)).count() == 1
    )


def _rows():
    return {
        model.__name__: model.objects.count()
        for model in (AuditEvent, Notification, Document, BlockingRequest, PPKReport, FollowUpStatusChange)
    }


def test_the_second_sweep_is_a_no_op(personas, monkeypatch):
    monkeypatch.setattr(sweep_module, "ESCALATION_BATCH", 2)
    follow_ups = _overdue(personas, 3)
    assert sweep_deadlines()["escalated"] == 3
    before = _rows()
    with CaptureQueriesContext(connection) as queries:
        assert sweep_deadlines()["escalated"] == 0
    assert _rows() == before
    writes = [
        q["sql"] for q in queries if q["sql"].split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes and all("followup_sweeprun" in sql for sql in writes)
    assert set(
        FollowUp.objects.filter(pk__in=[f.pk for f in follow_ups]).values_list("state", flat=True)
    ) == {FollowUpState.ESCALATED}


def test_a_crash_between_batches_then_a_sweep_escalates_each_exactly_once(personas, monkeypatch):
    monkeypatch.setattr(sweep_module, "ESCALATION_BATCH", 1)
    follow_ups = _overdue(personas, 3)
    real, calls = blocking.ministry_picker, []

    def crashing():  # inside the second batch's transaction, after the engine's compare-and-set
        calls.append(1)
        if len(calls) == 2:
            raise SystemExit("worker killed")
        return real()

    monkeypatch.setattr(blocking, "ministry_picker", crashing)
    with pytest.raises(SystemExit):
        sweep_deadlines()
    assert FollowUp.objects.filter(state=FollowUpState.ESCALATED).count() == 1
    assert (
        BlockingRequest.objects.count() == 1
        and FollowUpStatusChange.objects.filter(to_state="escalated").count() == 1
    )

    monkeypatch.setattr(blocking, "ministry_picker", real)
    assert sweep_deadlines()["escalated"] == 2
    assert sweep_deadlines()["escalated"] == 0
    ids = {str(f.pk) for f in follow_ups}
    escalated = AuditEvent.objects.filter(action="followup.followup.escalated", object_id__in=ids)
    assert Counter(escalated.values_list("object_id", flat=True)) == dict.fromkeys(ids, 1)
    assert Counter(BlockingRequest.objects.values_list("follow_up_id", flat=True)) == {
        f.pk: 1 for f in follow_ups
    }
    assert Counter(PPKReport.objects.values_list("follow_up_id", flat=True)) == {f.pk: 1 for f in follow_ups}
    followup_documents = Document.objects.filter(kind__startswith="followup-")
    reserved = AuditEvent.objects.filter(
        action="core.document.reserved",
        object_id__in=[str(pk) for pk in followup_documents.values_list("pk", flat=True)],
    )
    assert reserved.count() == followup_documents.count() == 6
    # Gap-free: the rolled-back batch gave its numbers back.
    numbers = sorted(int(n[-6:]) for n in BlockingRequest.objects.values_list("number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + 3))
    per_key = Counter(Notification.objects.values_list("follow_up_id", "kind", "organisation_id"))
    assert set(per_key.values()) == {1}


def test_a_batch_costs_the_same_statements_whatever_its_size(personas):
    follow_ups = _overdue(personas, 6)

    def statements(batch):
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            assert len(escalate_many(batch, None)) == len(batch)
        return len(queries)

    statements(follow_ups[:1])  # warm-up: one-time look-ups (content types, cached settings)
    assert statements(follow_ups[1:2]) == statements(follow_ups[2:6])
