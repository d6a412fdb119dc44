"""Issue 12, staff side, in a real browser: each role's main path after the UX fixes — Bawaslu RI sees a
regency office's forward, a PPK attaches a file to a clarification answer, the Ombudsman replies with its own
register number and a file, the commissioner's letter shows signatory and tembusan, the merit page writes
decimals the Indonesian way with the send button below the aspect table."""

from decimal import Decimal

import pytest

from conftest import login
from pantas.accounts.models import Organisation
from pantas.accounts.models import User as UserModel
from pantas.cases import services as case_services
from pantas.cases.models import CaseAttachment, Referral
from pantas.cases.tests.factories import clarification_case, investigation_case, proven_case
from pantas.intake.tests.factories import BawasluReportFactory

pytestmark = pytest.mark.browser

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"


def test_bawaslu_ri_sees_a_regency_forward(page):
    forward = BawasluReportFactory(organisation=Organisation.objects.get(code="bawaslu-kota-73-71"))
    login(page, "bawaslu.ri")
    page.goto("/mitra/laporan/")
    row = page.locator("tr", has_text=forward.number)
    assert "Bawaslu Kota Makassar" in row.inner_text()
    row.get_by_role("link", name=forward.number).click()
    page.wait_for_url(f"**/mitra/laporan/{forward.uuid}/")
    assert "diteruskan oleh Bawaslu Kota Makassar" in page.locator("main").inner_text()
    assert page.locator("form[action$='/pesan/']").count() == 0  # reading, not writing for the regency


def test_a_ppk_attaches_a_file_to_a_clarification_answer(page, personas):
    case = clarification_case(personas["analis"])
    login(page, "ppk.makassar")
    page.goto(f"/kasus/{case.number}/")
    form = page.locator("form[data-action='answer-clarification']")
    form.locator("textarea[name='answer-clarification-body']").fill("Terlampir surat keterangan lurah.")
    form.locator("input[type=file]").set_input_files(
        files=[{"name": "keterangan.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/kasus/{case.number}/")
    link = page.get_by_role("link", name="keterangan.pdf")
    assert link.is_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "keterangan.pdf"
    assert CaseAttachment.objects.get().answer.request.case_id == case.pk


def test_the_ombudsman_replies_with_its_register_number_and_a_file(page, personas):
    from pantas.cases.reference import load_all

    load_all()  # the maladministration catalogue (loaded by a migration; a live-server flush empties it)
    case = investigation_case(personas["analis"])
    case_services.share_with_partner(
        case,
        personas["analis"],
        partner="ombudsman",
        maladministration="berpihak",
        note="Penanganan bersama.",
    )
    referral = Referral.objects.get(case=case)
    login(page, "ombudsman")
    page.goto(f"/kasus/{case.number}/")
    form = page.locator(f"form[action$='/rujukan/{referral.uuid}/tanggapi/']")
    form.locator("select[name=outcome]").select_option("in_progress")
    form.locator("textarea[name=body]").fill("Diregister; pemeriksaan maladministrasi berjalan.")
    form.locator("input[name=partner_register_number]").fill("0456/LM/XI/2026/MKS")
    form.locator("input[type=file]").set_input_files(
        files=[{"name": "tanda-terima.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/kasus/{case.number}/")
    assert page.locator(".partner-number").inner_text() == "0456/LM/XI/2026/MKS"
    assert page.get_by_role("link", name="tanda-terima.pdf").is_visible()


def test_the_commissioners_letter_shows_signatory_and_tembusan(page, personas):
    case = proven_case(personas["analis"])
    login(page, "komisioner")
    page.goto(f"/kasus/{case.number}/surat/")
    letter = page.locator(".letter").inner_text()
    assert "Deputi Bidang Pengawasan dan Pengendalian," in letter
    copies = page.locator(".letter-copies li").all_inner_texts()
    assert "Kepala Badan Kepegawaian Negara (sebagai laporan)" in copies
    assert "Ketua Badan Pengawas Pemilihan Umum" in copies


def test_the_merit_page_writes_decimals_in_indonesian(page):
    from pantas.merit.models import AnswerOption
    from pantas.merit.services import assessments as svc
    from pantas.merit.tests import factories as mf

    assessment = mf.self_assessment()
    for level, score in {1: "4.25", 2: "8.50", 3: "12.75", 4: "16.75"}.items():
        AnswerOption.objects.filter(
            indicator__aspect__version=assessment.cycle.instrument_version, order=level
        ).update(score=Decimal(score))
    mf.answer_all(assessment)
    svc.submit(assessment, mf.ppk_user_for(assessment.agency))
    assert UserModel.objects.filter(username="penilai").exists()
    login(page, "penilai")
    page.goto(f"/merit/penilaian/{assessment.pk}/")
    table = page.locator("section[aria-labelledby=aspects-h] table")
    assert "33,50 / 33,50" in table.inner_text() and "33.50" not in page.locator("main").inner_text()
    button = page.locator("#send-verification")
    assert button.bounding_box()["y"] > table.bounding_box()["y"] + table.bounding_box()["height"]
