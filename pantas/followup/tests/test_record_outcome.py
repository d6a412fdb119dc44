"""The reporter and the partner learn the outcome (ADR 0057): with the receipt, the public status page and the
receipt API show proven / not proven, that a recommendation went to the PPK, and whether it was followed up —
naming only the agency."""

import pytest
from django.utils import timezone

from pantas.cases import services
from pantas.cases.models import Outcome
from pantas.cases.tests.factories import makassar
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report

from ..models import Compliance, FollowUp
from ..workflow import FollowUpState

pytestmark = pytest.mark.django_db
STATUS = "/lapor/status/"


def _report_to(outcome, analyst, decider=None):
    result = submit_report(
        ReportInput(
            description="Camat membagikan unggahan kampanye calon wali kota di grup WhatsApp warga.",
            persons=[PersonInput(name="Andi Baso", nip="198503152010011001", agency=makassar())],
            anonymity="anonymous",
        )
    )
    case = services.open_cases_for_report(result.report, analyst)[0]
    case = services.verify(case, analyst)
    case = services.start_investigation(case, analyst, category="skb2022-a4", assignee=analyst)
    case = services.request_clarification(case, analyst, question="Apakah akun itu milik Anda?")
    case = services.decide(case, analyst, outcome=outcome, findings="Hasil pemeriksaan.")
    if decider:
        case = services.issue_recommendation(case, decider)
    return result.report, result.receipt, case


def test_the_reporter_sees_proven_the_recommendation_and_the_follow_up(personas, client):
    report, receipt, case = _report_to(Outcome.PROVEN, personas["analis"], personas["komisioner"])
    follow_up, _ = FollowUp.objects.get_or_create(
        recommendation=case.recommendation,
        defaults={
            "case": case,
            "addressee": case.addressee,
            "nip": case.subject_nip,
            "due_on": case.recommendation.follow_up_due,
        },
    )
    html = client.post(STATUS, {"receipt": receipt}).content.decode()
    assert "Hasil penanganan" in html and "Terbukti" in html
    assert "Rekomendasi sanksi dikirim kepada PPK Pemerintah Kota Makassar" in html
    assert "Menunggu tindak lanjut PPK" in html
    for official in ("Dr. Hendra Kusuma", "Bima Saputra", "Nurhayati Daeng"):
        assert official not in html

    FollowUp.objects.filter(pk=follow_up.pk).update(
        state=FollowUpState.VERIFIED, compliance=Compliance.COMPLIED
    )
    html = client.post(STATUS, {"receipt": receipt}).content.decode()
    assert "Sudah ditindaklanjuti PPK sesuai rekomendasi" in html

    body = client.post(
        "/api/v1/receipt/status/", {"receipt": receipt}, content_type="application/json"
    ).json()
    assert body["outcome"] == [
        {
            "person": 1,
            "proven": True,
            "outcome_label": "Terbukti",
            "agency": "Pemerintah Kota Makassar",
            "recommended_on": timezone.localdate(case.recommendation.issued_at).isoformat(),
            "follow_up": "followed_up",
            "follow_up_label": "Sudah ditindaklanjuti PPK sesuai rekomendasi",
            "steps": body["outcome"][0]["steps"],
        }
    ]


def test_not_proven_is_shown_without_a_follow_up(personas, client):
    _report, receipt, _case = _report_to(Outcome.NOT_PROVEN, personas["analis"])
    html = client.post(STATUS, {"receipt": receipt}).content.decode()
    assert "Tidak terbukti" in html and "Tindak lanjut PPK" not in html


def test_an_open_case_shows_no_outcome(personas, client):
    result = submit_report(
        ReportInput(
            description="Lurah memasang baliho calon di kantor.",
            persons=[PersonInput(name="Budi")],
            anonymity="anonymous",
        )
    )
    html = client.post(STATUS, {"receipt": result.receipt}).content.decode()
    assert "Hasil penanganan" not in html


def test_a_failing_provider_never_breaks_the_status_page(personas, client, settings):
    settings.PANTAS_REPORT_OUTCOME_PROVIDER = "pantas.does.not.exist"
    _report, receipt, _case = _report_to(Outcome.NOT_PROVEN, personas["analis"])
    response = client.post(STATUS, {"receipt": receipt})
    assert response.status_code == 200 and "Hasil penanganan" not in response.content.decode()
