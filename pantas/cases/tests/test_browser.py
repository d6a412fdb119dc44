"""Acceptance: an analyst takes a report from verification to a decision, a commissioner approves the letter,
the PDF downloads and its public verification page confirms it."""

import hashlib
import io

import pytest
from pypdf import PdfReader

from conftest import login

from ..models import Case, RecommendationLetter
from ..workflow import CaseState
from .factories import report_with_person

pytestmark = pytest.mark.browser


def open_action(page, label):
    details = page.locator("main details", has=page.locator("summary", has_text=label))
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def test_a_report_goes_from_verification_to_a_verified_letter(page, live_app):
    report = report_with_person(name="Andi Pratama", position_title="Camat Tamalate")

    login(page, "analis")
    page.goto("/kasus/laporan-baru/")
    page.locator("main tr", has_text=report.number).locator("button").click()
    page.wait_for_url("**/kasus/KAS-*/")
    number = page.url.rstrip("/").rsplit("/", 1)[-1]
    # The panel opens on the next normal step, never on a side exit such as referring the case away.
    opened = page.locator("main details.action[open] summary").all_inner_texts()
    assert opened == ["Mulai verifikasi"]

    open_action(page, "Mulai verifikasi").locator("button[type=submit]").click()
    assert page.locator("#case-state").inner_text() == "Verifikasi"

    form = open_action(page, "Mulai pemeriksaan")
    form.locator("select[name='start-investigation-category']").select_option("skb2022-a4")
    form.locator("button[type=submit]").click()
    assert page.locator("#case-state").inner_text() == "Pemeriksaan"

    form = open_action(page, "Minta klarifikasi")
    form.locator("textarea[name='request-clarification-question']").fill(
        "Apakah akun Facebook itu milik Anda?"
    )
    form.locator("button[type=submit]").click()
    assert page.locator("#case-state").inner_text() == "Klarifikasi diminta"

    form = open_action(page, "Putuskan")
    form.locator("input[name='decide-outcome'][value='proven']").check()
    form.locator("textarea[name='decide-findings']").fill("Unggahan dukungan terbukti dari akun terlapor.")
    form.locator("button[type=submit]").click()
    assert page.locator("#case-state").inner_text().startswith("Terbukti")
    page.click("main >> text=Pratinjau surat")
    assert "Andi Pratama" in page.locator("main .letter").inner_text()

    page.click("text=Keluar")
    login(page, "komisioner")
    # The commissioner finds the letter in the queue of the header menu and confirms on a page of its own.
    page.locator(".role-nav-bar").get_by_role("link", name="Surat menunggu persetujuan").click()
    page.locator("main tr", has_text=number).get_by_role("link", name="Periksa dan terbitkan").click()
    page.wait_for_url(f"**/kasus/{number}/aksi/issue-recommendation/")
    assert "Andi Pratama" in page.locator("main dl.facts").inner_text()
    assert RecommendationLetter.objects.get(case__number=number).state == "draft"  # nothing issued yet
    page.get_by_role("button", name="Ya, setujui dan terbitkan").click()
    assert page.locator("#case-state").inner_text() == "Rekomendasi diterbitkan"

    with page.expect_download() as download_info:
        page.click("main >> text=Unduh PDF")
    pdf = download_info.value.path().read_bytes()
    letter = RecommendationLetter.objects.get(case__number=number)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert letter.number in text and "Andi Pratama" in text
    assert hashlib.sha256(pdf).hexdigest() == letter.sha256

    page.click("main >> text=Halaman verifikasi")
    main = page.locator("main").inner_text()
    assert letter.number in main
    assert letter.sha256 in main
    assert "Andi Pratama" not in main
    assert Case.objects.get(number=number).state == CaseState.RECOMMENDED
