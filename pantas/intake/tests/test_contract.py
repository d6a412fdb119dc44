"""The contract the Cases app relies on: visibility by role/organisation and the audited public status."""

import pytest

from pantas.core.audit import events_for
from pantas.core.errors import InvalidTransition, NotAllowed
from pantas.intake.models import Report, ReportStatus, ReportStatusHistory
from pantas.intake.services import set_public_status

from .factories import BawasluReportFactory, CsoReportFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("intake", {"public", "cso", "bawaslu"}),
        ("analis", {"public", "cso", "bawaslu"}),
        ("komisioner", {"public", "cso", "bawaslu"}),
        ("admin", {"public", "cso", "bawaslu"}),
        ("cso.pattiro", {"cso"}),
        ("bawaslu.sulsel", {"bawaslu"}),
        ("ppk.makassar", set()),
        ("bkn", set()),
        ("pansel", set()),
    ],
)
def test_it_scopes_reports_by_role_and_organisation(personas, username, expected):
    ReportFactory()
    CsoReportFactory()
    BawasluReportFactory()
    seen = set(Report.objects.visible_to(personas[username]).values_list("source", flat=True))
    assert seen == expected


def test_it_hides_every_report_from_anonymous_users():
    from django.contrib.auth.models import AnonymousUser

    ReportFactory()
    assert not Report.objects.visible_to(AnonymousUser()).exists()


def test_it_sets_public_status_with_history_and_audit(personas):
    report = ReportFactory()
    set_public_status(report, ReportStatus.VERIFICATION, personas["analis"], reason="kasus dibuka")
    report.refresh_from_db()
    assert report.status == ReportStatus.VERIFICATION
    history = ReportStatusHistory.objects.get(report=report)
    assert (history.from_status, history.to_status) == ("received", "verification")
    event = events_for(report).get(action="intake.report.status_changed")
    assert event.data == {"status": ["received", "verification"]}
    assert event.reason == "kasus dibuka"


def test_it_refuses_a_stale_status_change(personas):
    report = ReportFactory()
    stale = Report.objects.get(pk=report.pk)
    set_public_status(report, ReportStatus.VERIFICATION, personas["analis"])
    with pytest.raises(InvalidTransition):
        set_public_status(stale, ReportStatus.REJECTED, personas["analis"])


def test_it_refuses_status_changes_from_partner_users(personas):
    report = CsoReportFactory()
    with pytest.raises(NotAllowed):
        set_public_status(report, ReportStatus.CLOSED, personas["cso.pattiro"])
