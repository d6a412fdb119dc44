"""Acceptance (Playwright): a pansel user checks a list of NIPs and downloads the certificate; the reporter sees
the outcome of the report with the receipt on a phone."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import login
from pantas.cases import services
from pantas.cases.models import Outcome
from pantas.cases.tests.factories import makassar
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report

from ..models import ClearanceRequest, FollowUp
from ..workflow import BlockingState, FollowUpState
from .record_factories import asn, nip, recommended

pytestmark = pytest.mark.browser


def test_pansel_checks_a_list_and_downloads_the_certificate(page, live_app):
    today = timezone.localdate()
    asn(nip(1), name="Calon Bersih")
    asn(nip(2), name="Calon Diblokir")
    recommended(
        nip(2), FollowUpState.ESCALATED, due_on=today - timedelta(days=9), blocking=BlockingState.BLOCKED
    )

    login(page, "pansel")
    page.goto("/seleksi/penelusuran/")
    page.fill("#id_purpose", "Seleksi terbuka JPT Pratama 2026")
    page.fill("#id_nips", f"{nip(1)}\n{nip(2)}\n12345")
    page.click("main button[type=submit]")
    page.wait_for_url("**/seleksi/penelusuran/*/")
    assert page.locator(f"tr[data-nip='{nip(1)}']").get_attribute("data-status") == "clear"
    assert page.locator(f"tr[data-nip='{nip(2)}']").get_attribute("data-status") == "not_followed_up"
    assert page.locator("tr[data-nip='12345']").get_attribute("data-status") == "invalid"

    page.click("text=Terbitkan surat keterangan bernomor")
    page.wait_for_selector("#download-certificate")
    with page.expect_download() as info:
        page.click("#download-certificate")
    content = open(info.value.path(), "rb").read()
    done = ClearanceRequest.objects.get()
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == done.certificate.sha256
    assert done.number in page.locator("#certificate-number").inner_text()


def test_the_reporter_sees_the_outcome_with_the_receipt_on_a_phone(browser, live_app):
    from conftest import _new_page

    context, page, foreign = _new_page(
        browser, live_app, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    from pantas.accounts.models import User

    analyst, decider = User.objects.get(username="analis"), User.objects.get(username="komisioner")
    result = submit_report(
        ReportInput(
            description="Camat membagikan unggahan kampanye calon wali kota di grup WhatsApp warga.",
            persons=[PersonInput(name="Andi Baso", nip=nip(5), agency=makassar())],
            anonymity="anonymous",
        )
    )
    case = services.open_cases_for_report(result.report, analyst)[0]
    case = services.verify(case, analyst)
    case = services.start_investigation(case, analyst, category="skb2022-a4", assignee=analyst)
    case = services.request_clarification(case, analyst, question="Apakah akun itu milik Anda?")
    case = services.decide(case, analyst, outcome=Outcome.PROVEN, findings="Terbukti.")
    case = services.issue_recommendation(case, decider)
    FollowUp.objects.update_or_create(
        recommendation=case.recommendation,
        defaults={"case": case, "addressee": case.addressee, "nip": case.subject_nip,
                  "state": FollowUpState.VERIFIED, "compliance": "complied"},
    )  # fmt: skip

    page.goto("/lapor/status/")
    page.fill("input[name=receipt]", result.receipt)
    page.click("main button[type=submit]")
    outcome = page.locator("#report-outcome")
    outcome.wait_for()
    text = outcome.inner_text()
    assert "Terbukti" in text and "Pemerintah Kota Makassar" in text
    assert "Sudah ditindaklanjuti PPK sesuai rekomendasi" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
    assert not foreign
