"""The workflow engine itself (`pantas.core.workflow`), on a small table over the intake report status."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from pantas.cases import services as case_services
from pantas.cases.tests.factories import received_case
from pantas.core import workflow
from pantas.core.audit import events_for, verify_chain
from pantas.core.errors import InvalidTransition, NotAllowed
from pantas.core.roles import Role
from pantas.core.workflow import SYSTEM, History, Rule, Workflow, replay_at
from pantas.intake.models import Report, ReportStatus, ReportStatusHistory
from pantas.intake.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db
CALLS = []
BULK = []


def _hook(obj, old, new, actor, context):
    CALLS.append((obj.pk, old, new))


def _bulk_hook(objs):
    BULK.append(sorted(obj.pk for obj in objs))


class Act(models.TextChoices):
    VERIFY = "verify", "verify"
    NOTE = "note", "note"
    CLOSE = "close", "close"


S = ReportStatus
FLOW = Workflow(
    name="tests.report",
    model_label="intake.Report",
    states=ReportStatus,
    actions=Act,
    rules=[
        Rule(Act.VERIFY, frozenset({S.RECEIVED}), (S.VERIFICATION,), frozenset({Role.ANALYST}), "tests.report.verified"),
        Rule(Act.NOTE, frozenset({S.RECEIVED, S.VERIFICATION}), (), frozenset({Role.ANALYST}), "tests.report.noted"),
        Rule(Act.CLOSE, frozenset({S.VERIFICATION}), (S.CLOSED,), frozenset({SYSTEM}), "tests.report.closed"),
    ],
    terminal=frozenset({S.CLOSED}),
    state_field="status",
    version_field=None,
    history=History("intake.ReportStatusHistory", obj="report", old="from_status", new="to_status", action=None),
    changed_at_field="status_changed_at",
    after_change=(_hook,),
    after_bulk=(_bulk_hook,),
    check_visible=False,
)  # fmt: skip
workflow._REGISTRY.pop(FLOW.name)  # a test table: no documentation, not in the generic matrix


@FLOW.action(Act.VERIFY)
def verify(report, actor, *, reason=""):
    if not reason:
        raise ValidationError({"reason": "Wajib diisi."})
    return FLOW.run(report, actor, Act.VERIFY, reason=reason)


def test_a_transition_writes_history_and_audit_and_calls_the_hook(personas):
    CALLS.clear()
    report = ReportFactory()
    verify(report, personas["analis"], reason="dicek")
    report.refresh_from_db()
    assert report.status == S.VERIFICATION
    row = ReportStatusHistory.objects.get(report=report)
    assert (row.from_status, row.to_status, row.actor, row.reason) == (
        "received",
        "verification",
        personas["analis"],
        "dicek",
    )
    event = events_for(report).get(action="tests.report.verified")
    assert event.data["status"] == ["received", "verification"] and event.actor == personas["analis"]
    assert CALLS == [(report.pk, "received", "verification")]
    assert verify_chain() == []


def test_an_action_without_a_state_change_audits_but_writes_no_history_nor_hook(personas):
    CALLS.clear()
    report = ReportFactory()
    with transaction.atomic():
        FLOW.run(report, personas["analis"], Act.NOTE, reason="catatan")
    assert not ReportStatusHistory.objects.filter(report=report).exists()
    assert events_for(report).filter(action="tests.report.noted").count() == 1
    assert CALLS == []


def test_a_stale_object_loses_the_compare_and_set(personas):
    report = ReportFactory()
    stale = Report.objects.get(pk=report.pk)
    verify(report, personas["analis"], reason="pertama")
    stale.status = S.RECEIVED  # what the second user loaded
    with transaction.atomic(), pytest.raises(InvalidTransition):
        FLOW.run(stale, personas["analis"], Act.NOTE)
    assert ReportStatusHistory.objects.filter(report=report).count() == 1


def test_a_stale_version_is_refused(personas):
    case = received_case(personas["analis"])
    with pytest.raises(InvalidTransition):
        case_services.verify(case, personas["analis"], version=case.version - 1)
    case_services.verify(case, personas["analis"], version=case.version)


def test_replay_at_timestamps_history_and_audit(personas):
    report = ReportFactory()
    moment = timezone.make_aware(datetime(2024, 2, 14, 9, 30))
    with replay_at(moment):
        verify(report, personas["analis"], reason="arsip")
    report.refresh_from_db()
    assert report.status_changed_at == moment
    assert ReportStatusHistory.objects.get(report=report).at == moment
    assert events_for(report).get(action="tests.report.verified").at == moment
    assert verify_chain() == []


def test_replay_bulk_writes_history_then_calls_the_bulk_hook_not_the_per_change_one():
    CALLS.clear()
    BULK.clear()
    reports = [ReportFactory(), ReportFactory()]
    moment = timezone.make_aware(datetime(2024, 2, 14, 9, 30))
    trails = [(r, FLOW.replay_path(r, [(Act.VERIFY, None, moment, "arsip")])) for r in reports]
    FLOW.replay_bulk(trails, save=True)
    assert ReportStatusHistory.objects.filter(report__in=reports, at=moment).count() == 2
    assert BULK == [sorted(r.pk for r in reports)] and CALLS == []


def test_the_system_pseudo_role_acts_without_a_user(personas):
    report = ReportFactory(status=S.VERIFICATION)
    with pytest.raises(NotAllowed), transaction.atomic():
        FLOW.run(report, personas["analis"], Act.CLOSE)
    with transaction.atomic():
        FLOW.run(report, None, Act.CLOSE)
    assert events_for(report).get(action="tests.report.closed").actor is None
    assert ReportStatusHistory.objects.get(report=report).actor is None
    with pytest.raises(NotAllowed), transaction.atomic():
        FLOW.run(ReportFactory(), None, Act.VERIFY)  # SYSTEM is not in the rule


def test_the_decorator_checks_role_and_state_before_the_input(personas):
    report = ReportFactory()
    with pytest.raises(NotAllowed):  # 403 beats the missing reason (400)
        verify(report, personas["ppk.makassar"], reason="")
    report.status = S.CLOSED
    with pytest.raises(InvalidTransition):  # 409 beats it too
        verify(report, personas["analis"], reason="")
    report.status = S.RECEIVED
    with pytest.raises(ValidationError):
        verify(report, personas["analis"], reason="")
