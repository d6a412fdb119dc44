"""Acceptance (issue 15): an ethics report from the public form becomes a case and a sanction recommendation; a
merit-system complaint becomes a joint case with the Ombudsman and ends in a corrective recommendation; the
reporter's status page words each outcome for its track."""

import pytest

from conftest import login
from pantas.intake.models import Report

from ..models import Recommendation, Referral
from .test_browser import open_action

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _public_form(settings, tmp_path, live_app):
    """As in intake's tests: no minimum fill time, cheap receipt hashing, a private evidence root; and the
    cases app's reference data (loaded by a migration, so gone after the flush of an earlier live test)."""
    from django.core.cache import cache

    from pantas.cases.reference import load_all

    load_all()

    settings.PANTAS_INTAKE_LIMITS = {"min_fill_seconds": 0}
    settings.PANTAS_RECEIPT_ARGON2 = {"time_cost": 1, "memory_cost": 1024}
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    cache.clear()
    yield
    cache.clear()


def _report(page, *, track, category, name, position, description) -> str:
    page.goto("/lapor/")
    page.fill("#id_person_name", name)
    page.fill("#id_person_agency", "Pemerintah Kota Makassar")
    page.fill("#id_person_position", position)
    page.check(f"input[name='track'][value='{track}']")
    page.select_option("#id_category", label=category)
    page.select_option("#id_region", "R:73.71")
    page.fill("#id_description", description)
    page.click("main button[type=submit]")
    return page.locator("#receipt").inner_text().strip()


def _open_and_investigate(page, name) -> str:
    login(page, "analis")
    page.goto("/kasus/laporan-baru/")
    report = Report.objects.get(reported_persons__name=name)
    page.locator("main tr", has_text=report.number).locator("button").click()
    page.wait_for_url("**/kasus/KAS-*/")
    number = page.url.rstrip("/").rsplit("/", 1)[-1]
    open_action(page, "Mulai verifikasi").locator("button[type=submit]").click()
    assert page.locator("#case-state").inner_text() == "Verifikasi"
    return number


def _clarify(page):
    form = open_action(page, "Minta klarifikasi")
    form.locator("textarea[name='request-clarification-question']").fill("Mohon penjelasan dan dokumen.")
    form.locator("button[type=submit]").click()
    assert page.locator("#case-state").inner_text() == "Klarifikasi diminta"


def _issue(page, number):
    page.click("text=Keluar")
    login(page, "komisioner")
    page.goto(f"/kasus/{number}/aksi/issue-recommendation/")
    page.get_by_role("button", name="Ya, setujui dan terbitkan").click()
    assert page.locator("#case-state").inner_text() == "Rekomendasi diterbitkan"
    page.click("text=Keluar")


def _status(page, receipt) -> str:
    page.goto("/lapor/status/")
    page.fill("#id_receipt", receipt)
    page.click("main button[type=submit]")
    return page.locator("#report-outcome").inner_text()


def test_an_ethics_report_ends_in_a_sanction_recommendation(page, live_app):
    receipt = _report(
        page,
        track="ethics",
        category="E.1 Pungutan di luar ketentuan (pungli)",
        name="Andi Baso",
        position="Petugas Loket Disdukcapil",
        description="Petugas loket KTP-el meminta Rp150.000 di luar tarif resmi agar KTP selesai hari itu.",
    )
    number = _open_and_investigate(page, "Andi Baso")
    open_action(page, "Mulai pemeriksaan").locator("button[type=submit]").click()  # the report's category
    assert page.locator("#case-state").inner_text() == "Pemeriksaan"
    _clarify(page)
    form = open_action(page, "Putuskan")
    assert form.locator("select[name='decide-corrective_kind_1']").count() == 0  # not for the ethics track
    form.locator("input[name='decide-outcome'][value='proven']").check()
    form.locator("textarea[name='decide-findings']").fill("Pungutan terbukti dari saksi dan rekaman.")
    form.locator("button[type=submit]").click()
    assert page.locator("#case-state").inner_text().startswith("Terbukti")
    _issue(page, number)
    recommendation = Recommendation.objects.get(case__number=number)
    assert recommendation.kind == "sanction" and recommendation.sanction.code == "sedang-tukin-6"
    outcome = _status(page, receipt)
    assert "kode etik" in outcome and "penjatuhan sanksi" in outcome


def test_a_merit_complaint_becomes_a_joint_case_and_ends_in_a_correction(page, live_app):
    receipt = _report(
        page,
        track="merit",
        category="M.1 Pengisian JPT tidak sesuai ketentuan",
        name="Drs. Rahmat",
        position="Kepala Dinas Pendidikan",
        description="Jabatan Kepala Dinas Pendidikan diisi tanpa seleksi terbuka; dilantik tanpa pengumuman.",
    )
    number = _open_and_investigate(page, "Drs. Rahmat")
    suggestion = page.locator("#ombudsman").inner_text()
    assert "Pelanggaran dalam pengisian JPT" in suggestion and "tangani bersama" in suggestion
    open_action(page, "Mulai pemeriksaan").locator("button[type=submit]").click()
    form = open_action(page, "Rujuk bersama ke mitra")
    form.locator("select[name='share-with-partner-partner']").select_option("ombudsman")
    form.locator("select[name='share-with-partner-maladministration']").select_option("penyimpangan-prosedur")
    form.locator("textarea[name='share-with-partner-note']").fill("Subjek tumpang tindih: tangani bersama.")
    form.locator("button[type=submit]").click()
    page.click("text=Keluar")

    # The Ombudsman sees the joint case and records its own register number and findings.
    login(page, "ombudsman")
    page.goto(f"/kasus/{number}/")
    page.select_option("#id_outcome", "in_progress")
    page.fill("#id_body", "Diterima dan diregister.")
    page.fill("#id_partner_register_number", "0456/LM/III/2026/MKS")
    page.fill("#id_findings", "Dugaan penyimpangan prosedur pengangkatan.")
    page.get_by_role("button", name="Kirim tanggapan").click()
    assert Referral.objects.get(case__number=number).partner_register_number == "0456/LM/III/2026/MKS"
    page.click("text=Keluar")

    login(page, "analis")
    page.goto(f"/kasus/{number}/")
    assert "0456/LM/III/2026/MKS" in page.locator("main").inner_text()
    _clarify(page)
    form = open_action(page, "Putuskan")
    form.locator("input[name='decide-outcome'][value='proven']").check()
    form.locator("textarea[name='decide-findings']").fill("JPT diisi tanpa seleksi terbuka.")
    form.locator("button[type=submit]").click()
    # A discipline sanction alone is refused: the merit track needs a corrective action.
    assert "sedikitnya satu tindakan korektif" in page.locator("main").inner_text()
    page.select_option("select[name='decide-corrective_kind_1']", "sk-cabut-pengangkatan")
    page.fill("input[name='decide-decree_number_1']", "821.2/045/BKPSDM/2026")
    page.fill("input[name='decide-decree_subject_1']", "Pengangkatan Kepala Dinas Pendidikan")
    page.check("input[name='decide-outcome'][value='proven']")
    page.fill("textarea[name='decide-findings']", "JPT diisi tanpa seleksi terbuka.")
    page.click("main form button[type=submit]")
    assert page.locator("#case-state").inner_text().startswith("Terbukti")
    _issue(page, number)
    recommendation = Recommendation.objects.get(case__number=number)
    assert recommendation.kind == "correction"
    assert recommendation.corrective_actions.get().decree_number == "821.2/045/BKPSDM/2026"
    outcome = _status(page, receipt)
    assert "tindakan korektif" in outcome and "bersama Ombudsman" in outcome
