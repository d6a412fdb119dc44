from datetime import datetime

import pytest
from django.utils import timezone

from pantas.core.audit import events_for
from pantas.core.errors import InvalidTransition, NotAllowed
from pantas.intake.models import Report, ReportStatus
from pantas.intake.tests.factories import ReportedPersonFactory

from .. import services
from ..models import Case, CaseReport, CaseReportHow
from ..workflow import CaseState
from .factories import makassar, report_with_person

pytestmark = pytest.mark.django_db


def test_a_report_about_several_people_opens_one_case_each(personas):
    report = report_with_person(name="Satu", nip="198609262015051001")
    ReportedPersonFactory(report=report, name="Dua", nip="199001012015051002", agency=makassar())
    cases = services.open_cases_for_report(report, personas["intake"])
    assert sorted(c.subject_name for c in cases) == ["Dua", "Satu"]
    assert len({c.number for c in cases}) == 2
    assert all(c.assignee is None for c in cases)  # opened by the intake desk: unassigned pool
    with pytest.raises(InvalidTransition):
        services.open_cases_for_report(report, personas["intake"])
    assert all(events_for(c).filter(action="cases.case.opened").count() == 1 for c in cases)


def test_a_duplicate_report_joins_the_case_of_the_same_person(personas):
    original = report_with_person(name="Budi", nip="198609262015051001")
    [case] = services.open_cases_for_report(original, personas["analis"])
    assert case.assignee == personas["analis"]
    services.verify(case, personas["analis"])
    duplicate = report_with_person(name="Budi S.", nip="198609262015051001", report__linked_to=original)
    [joined] = services.open_cases_for_report(duplicate, personas["analis"])
    assert joined.pk == case.pk
    assert CaseReport.objects.get(report=duplicate).how == CaseReportHow.LINKED
    duplicate.refresh_from_db()
    assert duplicate.status == ReportStatus.VERIFICATION  # the reporter sees the case's progress


def test_the_authority_is_set_by_the_report_date(personas):
    old = report_with_person(report__received_at=timezone.make_aware(datetime(2020, 10, 1, 10, 0)))
    new = report_with_person(nip="199001012015051002")
    assert services.open_cases_for_report(old, personas["intake"])[0].authority.code == "kasn"
    assert services.open_cases_for_report(new, personas["intake"])[0].authority.code == "bkn"


def test_only_case_staff_open_cases(personas):
    report = report_with_person()
    for username in ("ppk.makassar", "cso.pattiro", "kustodian", "bkn", "kemendagri"):
        with pytest.raises(NotAllowed):
            services.open_cases_for_report(report, personas[username])


def test_merging_moves_the_reports_to_the_surviving_case(personas):
    first = services.open_cases_for_report(report_with_person(name="A"), personas["analis"])[0]
    second = services.open_cases_for_report(report_with_person(name="A", nip=""), personas["analis"])[0]
    services.merge(second, personas["analis"], target=first, reason="Orang dan perbuatan yang sama.")
    second.refresh_from_db()
    assert second.state == CaseState.MERGED and second.merged_into == first
    assert first.links.count() == 2
    assert Report.objects.filter(case_links__case=first).count() == 2
    assert Case.objects.filter(links__isnull=True).filter(pk=second.pk).exists()


def test_public_status_follows_the_least_advanced_case(personas):
    report = report_with_person(name="Satu")
    ReportedPersonFactory(report=report, name="Dua", nip="199001012015051002", agency=makassar())
    one, two = services.open_cases_for_report(report, personas["intake"])
    services.reject(one, personas["intake"], reason_code="incomplete", reason="Tanpa bukti.")
    report.refresh_from_db()
    assert report.status == ReportStatus.RECEIVED
    services.verify(two, personas["intake"])
    report.refresh_from_db()
    assert report.status == ReportStatus.VERIFICATION
    services.reject(two, personas["intake"], reason_code="not_our_authority", reason="Bukan ASN.")
    report.refresh_from_db()
    assert report.status == ReportStatus.REJECTED
