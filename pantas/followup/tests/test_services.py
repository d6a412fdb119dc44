from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from pantas.core.errors import InvalidTransition, NotAllowed, NotFound
from pantas.core.models import AuditEvent

from .. import services
from ..models import BlockingRequest, Compliance, FollowUp, Notification, PPKReport
from ..workflow import BlockingState, FollowUpState, PPKReportState
from .factories import follow_up_for, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(personas):
    return follow_up_for(personas)


def test_opening_is_idempotent(personas, follow_up):
    assert follow_up.state == FollowUpState.AWAITING
    assert follow_up.due_on == follow_up.recommendation.follow_up_due
    assert follow_up.recommended_sanction_id == follow_up.recommendation.sanction_id
    assert services.open_follow_ups() == []
    assert FollowUp.objects.filter(recommendation=follow_up.recommendation).count() == 1
    assert (
        AuditEvent.objects.filter(action="followup.followup.opened", object_id=str(follow_up.pk)).count() == 1
    )


def test_report_and_verify_complied(personas, follow_up):
    ppk, analyst = personas["ppk.makassar"], personas["analis"]
    services.acknowledge(follow_up, ppk)
    services.report(
        follow_up, ppk, number="800/12/BKPSDM/2026", decree_date=date.today(),
        imposed_sanction=follow_up.recommended_sanction, starts_on=date(2026, 1, 1), upload=pdf_upload(),
    )  # fmt: skip
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.REPORTED and follow_up.due_on is None
    decree = follow_up.latest_decree
    assert decree.sha256 and decree.file
    services.verify(follow_up, analyst)
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.VERIFIED
    assert follow_up.compliance == Compliance.COMPLIED


def test_different_sanction_is_partial_and_needs_a_reason(personas, follow_up):
    ppk, analyst = personas["ppk.makassar"], personas["analis"]
    services.report(
        follow_up, ppk, number="SK-1", decree_date=date.today(), imposed_sanction="ringan-teguran-lisan",
        starts_on=date.today(), upload=pdf_upload(),
    )  # fmt: skip
    follow_up.refresh_from_db()
    with pytest.raises(ValidationError):
        services.verify(follow_up, analyst)
    services.verify(follow_up, analyst, deviation_reason="PPK menilai pelanggaran ringan.")
    follow_up.refresh_from_db()
    assert follow_up.compliance == Compliance.PARTIAL


def test_sanction_end_from_duration(personas, follow_up):
    services.report(
        follow_up, personas["ppk.makassar"], number="SK-2", decree_date=date(2026, 1, 2),
        imposed_sanction="sedang-tukin-6", starts_on=date(2026, 1, 1), upload=pdf_upload(),
    )  # fmt: skip
    assert follow_up.latest_decree.ends_on == date(2026, 6, 30)


def test_non_pdf_refused(personas, follow_up):
    with pytest.raises(ValidationError):
        services.report(
            follow_up, personas["ppk.makassar"], number="SK", decree_date=date.today(),
            imposed_sanction="sedang-tukin-6", starts_on=date.today(),
            upload=pdf_upload(data=b"\x89PNG\r\n\x1a\n" + b"0" * 50),
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.report(
            follow_up, personas["ppk.makassar"], number="SK", decree_date=date.today(),
            imposed_sanction="sedang-tukin-6", starts_on=date.today(),
            upload=pdf_upload(data=b"%PDF-1.4\n/JavaScript (x)\n%%EOF"),
        )  # fmt: skip


def test_other_ppk_gets_404_and_bkn_403(personas, follow_up):
    with pytest.raises(NotFound):
        services.acknowledge(follow_up, personas["ppk.kemenag"])
    with pytest.raises(NotFound):
        services.acknowledge(follow_up, personas["bkn"])  # no blocking request yet: not visible to BKN
    with pytest.raises(NotAllowed):
        services.acknowledge(follow_up, personas["analis"])


def test_objection_revised(personas, follow_up):
    ppk, lead = personas["ppk.makassar"], personas["komisioner"]
    services.file_objection(follow_up, ppk, reasons="Terlapor sudah pensiun.")
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.OBJECTED and follow_up.due_on is None
    services.answer_objection(
        follow_up, lead, outcome="revised", answer="Diubah.", revised_sanction="ringan-teguran-tertulis"
    )
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.ACKNOWLEDGED and follow_up.due_on
    services.report(
        follow_up, ppk, number="SK-3", decree_date=date.today(), imposed_sanction="ringan-teguran-tertulis",
        starts_on=date.today(), upload=pdf_upload(),
    )  # fmt: skip
    follow_up.refresh_from_db()
    services.verify(follow_up, personas["analis"])
    follow_up.refresh_from_db()
    assert follow_up.compliance == Compliance.COMPLIED


def test_escalation_blocking_reprimand_and_unblock(personas, follow_up):
    services.escalate(follow_up, None)
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.ESCALATED and follow_up.compliance == Compliance.NOT_COMPLIED
    with pytest.raises(InvalidTransition):
        services.escalate(follow_up, None)
    blocking = BlockingRequest.objects.get(follow_up=follow_up)
    ppk_report = PPKReport.objects.get(follow_up=follow_up)
    assert ppk_report.addressee.code == "kemendagri"  # Kota Makassar: a regional government
    assert blocking.number.startswith("PBD-") and ppk_report.number.startswith("LPK-")
    kinds = set(Notification.objects.filter(follow_up=follow_up).values_list("kind", flat=True))
    assert kinds == {"overdue", "blocking_requested", "reprimand_requested"}

    bkn = personas["bkn"]
    services.acknowledge_blocking(blocking, bkn)
    services.record_block(blocking, bkn, reference="SIASN-123", blocked_on=date.today())
    blocking.refresh_from_db()
    assert blocking.state == BlockingState.BLOCKED

    services.reprimand(ppk_report, personas["kemendagri"], note="Segera tindak lanjuti.", reference="100/123")
    ppk_report.refresh_from_db()
    follow_up.refresh_from_db()
    assert ppk_report.state == PPKReportState.REPRIMANDED and ppk_report.new_due_on == follow_up.due_on
    assert follow_up.reprimanded_at and follow_up.deadline_code == "ppk-follow-up-after-reprimand"

    ppk = personas["ppk.makassar"]
    services.report(
        follow_up, ppk, number="SK-4", decree_date=date.today(), imposed_sanction=follow_up.recommended_sanction,
        starts_on=date.today(), upload=pdf_upload(),
    )  # fmt: skip
    follow_up.refresh_from_db()
    services.verify(follow_up, personas["analis"])
    blocking.refresh_from_db()
    ppk_report.refresh_from_db()
    assert blocking.state == BlockingState.UNBLOCK_REQUESTED
    assert ppk_report.state == PPKReportState.CLOSED
    services.record_unblock(blocking, bkn, reference="SIASN-124", unblocked_on=date.today())
    blocking.refresh_from_db()
    assert blocking.state == BlockingState.UNBLOCKED


def test_verify_before_block_cancels_request(personas, follow_up):
    services.escalate(follow_up, None)
    follow_up.refresh_from_db()
    services.report(
        follow_up, personas["ppk.makassar"], number="SK-5", decree_date=date.today(),
        imposed_sanction=follow_up.recommended_sanction, starts_on=date.today() - timedelta(days=1),
        upload=pdf_upload(),
    )  # fmt: skip
    follow_up.refresh_from_db()
    services.verify(follow_up, personas["analis"])
    assert BlockingRequest.objects.get(follow_up=follow_up).state == BlockingState.CANCELLED


def test_ministry_cannot_reprimand_other_ministry_report(personas, follow_up):
    from pantas.accounts.models import Organisation

    services.escalate(follow_up, None)
    ppk_report = PPKReport.objects.get(follow_up=follow_up)
    PPKReport.objects.filter(pk=ppk_report.pk).update(addressee=Organisation.objects.get(code="kemenpanrb"))
    ppk_report.refresh_from_db()
    with pytest.raises(NotFound):
        services.reprimand(ppk_report, personas["kemendagri"], note="x")


def test_verified_follow_up_closes_after_the_sanction_ends(personas, follow_up):
    import time_machine

    services.report(
        follow_up, personas["ppk.makassar"], number="SK-6", decree_date=date(2026, 1, 2),
        imposed_sanction="sedang-tukin-6", starts_on=date(2026, 1, 1), upload=pdf_upload(),
    )  # fmt: skip
    follow_up.refresh_from_db()
    services.verify(follow_up, personas["analis"], deviation_reason="Sanksi lebih berat dari rekomendasi.")
    with time_machine.travel("2026-06-30 23:00 +0700", tick=False):
        services.sweep_deadlines()
    assert FollowUp.objects.get(pk=follow_up.pk).state == FollowUpState.VERIFIED
    with time_machine.travel("2026-07-01 01:00 +0700", tick=False):
        services.sweep_deadlines()
    assert FollowUp.objects.get(pk=follow_up.pk).state == FollowUpState.CLOSED


def test_issuing_a_recommendation_opens_its_follow_up(personas):
    from pantas.cases.tests.factories import recommended_case

    case = recommended_case(personas["analis"], personas["komisioner"])  # no explicit open_follow_ups()
    follow_up = FollowUp.objects.get(case=case)
    assert follow_up.addressee_id == case.recommendation.addressee_id
    assert follow_up.state == FollowUpState.AWAITING
