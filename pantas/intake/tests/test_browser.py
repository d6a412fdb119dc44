"""Acceptance in a real browser (Playwright, Debian Chromium): a person reports anonymously with a photo on a
phone, keeps the receipt, checks the status and answers a staff question; a CSO and a Bawaslu officer each
submit and see only their own organisation's reports."""

import pytest

from conftest import login
from pantas.accounts.models import User
from pantas.intake.models import Message, Report

from .conftest import jpeg_with_gps

pytestmark = pytest.mark.browser


def test_an_anonymous_reporter_on_a_phone_files_checks_and_answers(phone_page):
    page = phone_page
    page.goto("/lapor/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 362  # no sideways scrolling at 360 px
    page.fill("#id_person_name", "Andi Baso")
    page.fill("#id_person_agency", "Pemerintah Kota Makassar")
    page.fill("#id_person_position", "Lurah")
    page.select_option("#id_mode", "photo_with_candidate")
    page.select_option("#id_region", "R:73.71")
    page.fill(
        "#id_description",
        "Lurah berfoto bersama calon wali kota sambil mengacungkan dua jari di acara warga.",
    )
    page.fill("#id_link_url_1", "https://www.instagram.com/p/demo123/")
    page.set_input_files(
        "#id_files", files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}]
    )
    page.click("main button[type=submit]")
    receipt = page.locator("#receipt").inner_text().strip()
    assert len(receipt) == 29
    assert receipt not in page.url
    report = Report.objects.get()
    assert report.evidence.count() == 2

    # Staff ask a question; the reporter comes back with the receipt.
    Message.objects.create(
        report=report,
        visibility="public",
        author_kind="staff",
        author=User.objects.get(username="intake"),
        body="Kapan foto diambil?",
    )
    page.goto("/lapor/status/")
    page.fill("#id_receipt", receipt.lower())
    page.click("main button[type=submit]")
    assert page.locator("#report-status").inner_text() == "Diterima"
    assert page.get_by_text("Kapan foto diambil?").is_visible()
    assert receipt not in page.url
    page.fill("#id_body", "Sabtu sore, 5 Oktober.")
    page.click("main form[enctype] button[type=submit]")
    assert page.get_by_text("Balasan Anda sudah kami terima").is_visible()
    assert Message.objects.filter(
        report=report, author_kind="reporter", body="Sabtu sore, 5 Oktober."
    ).exists()


def _submit_as_partner(page, username, register, name, initial_study=None):
    login(page, username)
    page.goto("/mitra/laporan/baru/")
    page.fill("#id_register_number", register)
    if initial_study:
        page.fill("#id_initial_study", initial_study)
    page.fill("#id_person_name", name)
    page.select_option("#id_mode", "share")
    page.fill("#id_description", f"{name} membagikan materi kampanye pasangan calon di media sosial.")
    page.click("main button[type=submit]")
    page.wait_for_url("**/mitra/laporan/*/")


def test_a_cso_and_a_bawaslu_officer_each_see_only_their_own(page):
    _submit_as_partner(page, "cso.pattiro", "PATTIRO/2024/001", "Terlapor OMS")
    page.click("text=Keluar")
    _submit_as_partner(
        page, "bawaslu.sulsel", "001/Reg/LP/PG/Prov/27.00/X/2024", "Terlapor Bawaslu", "Memenuhi syarat."
    )
    page.goto("/mitra/laporan/")
    body = page.locator("main").inner_text()
    assert "Terlapor Bawaslu" in body and "Terlapor OMS" not in body
    cso_report = Report.objects.get(source="cso")
    page.goto(f"/mitra/laporan/{cso_report.uuid}/")
    assert "Terlapor OMS" not in page.locator("main").inner_text()
    page.click("text=Keluar")
    login(page, "cso.pattiro")
    page.goto("/mitra/laporan/")
    body = page.locator("main").inner_text()
    assert "Terlapor OMS" in body and "Terlapor Bawaslu" not in body
