"""Acceptance (issue 5): an agency user fills a self-assessment with evidence, an assessor adjusts a score,
the agency replies, the result is published with the right band — in a real browser, without JavaScript
being required."""

import pytest

from conftest import login
from pantas.merit.models import Assessment, AssessmentStatus
from pantas.merit.services import assessments as svc
from pantas.registry.models import Agency

from . import factories as f

pytestmark = pytest.mark.browser


def _logout(page):
    page.click("header >> text=Keluar")
    page.wait_for_url("**/akun/masuk/")


def _option(answer, order):
    return answer.indicator.options.get(order=order).pk


def test_self_assessment_verification_reply_and_publication(page):
    makassar = Agency.objects.get(code="kota-73-71")
    version = f.PublishedVersionFactory()
    cycle = f.open_cycle(version, [makassar], title="Penilaian uji peramban 2026")
    assessment = cycle.assessments.get()
    answers = {a.indicator.code: a for a in svc.answers_of(assessment)}
    aspects = {a.code: a.pk for a in version.aspects.all()}

    # 1. The agency answers both aspects, with a file and a link as evidence, and submits.
    login(page, "ppk.makassar")
    page.goto("/merit/")
    page.click(f"main >> text={cycle.title}")
    page.click("main >> text=Aspek 1")
    a11, a12 = answers["1.1"], answers["1.2"]
    page.check(f"input[name=opt_{a11.pk}][value='{_option(a11, 4)}']")
    page.fill(f"#id_note_{a11.pk}", "Diterapkan di seluruh perangkat daerah")
    page.fill(f"#id_evtitle_{a11.pk}", "SK Wali Kota 12/2026")
    page.set_input_files(
        f"#id_evfile_{a11.pk}",
        files=[{"name": "sk.pdf", "mimeType": "application/pdf", "buffer": f.PDF_BYTES}],
    )
    page.check(f"input[name=opt_{a12.pk}][value='{_option(a12, 4)}']")
    page.fill(f"#id_evtitle_{a12.pk}", "Laman JDIH")
    page.fill(f"#id_evurl_{a12.pk}", "https://jdih.makassar.go.id/sk-12-2026")
    page.click("main button[type=submit] >> text=Simpan jawaban")
    page.wait_for_url(f"**/merit/penilaian/{assessment.pk}/")
    page.goto(f"/merit/penilaian/{assessment.pk}/aspek/{aspects['a2']}/")
    a21, a22 = answers["2.1"], answers["2.2"]
    page.check(f"input[name=opt_{a21.pk}][value='{_option(a21, 4)}']")
    page.fill(f"#id_evtitle_{a21.pk}", "Laporan")
    page.fill(f"#id_evurl_{a21.pk}", "https://makassar.go.id/laporan")
    page.check(f"input[name=opt_{a22.pk}][value='{_option(a22, 3)}']")
    page.fill(f"#id_evtitle_{a22.pk}", "Notulen")
    page.fill(f"#id_evurl_{a22.pk}", "https://makassar.go.id/notulen")
    page.click("main button[type=submit] >> text=Simpan jawaban")
    page.wait_for_url(f"**/merit/penilaian/{assessment.pk}/")
    page.click("#submit-assessment")
    assert "Diajukan" in page.inner_text("#assessment-status")
    _logout(page)

    # 2. The assessor lowers 1.1 with a reason and sends the verification result.
    login(page, "penilai")
    page.goto(f"/merit/penilaian/{assessment.pk}/aspek/{aspects['a1']}/")
    assert "SK Wali Kota 12/2026" in page.inner_text("main")
    page.check(f"input[name=opt_{a11.pk}][value='{_option(a11, 2)}']")
    page.fill(f"#id_reason_{a11.pk}", "SK belum berlaku untuk seluruh perangkat daerah")
    page.click("main button[type=submit] >> text=Simpan verifikasi")
    page.wait_for_url(f"**/merit/penilaian/{assessment.pk}/")
    page.click("#send-verification")
    assert "Hasil verifikasi dikirim" in page.inner_text("#assessment-status")
    _logout(page)

    # 3. The agency sees the adjustment and replies, once.
    login(page, "ppk.makassar")
    page.goto(f"/merit/penilaian/{assessment.pk}/")
    page.click("#reply-link")
    assert "SK belum berlaku" in page.inner_text("main")
    page.check(f"input[name=agree_{a11.pk}][value='0']")
    page.fill(f"#id_note_{a11.pk}", "SK berlaku sejak Januari; lihat lampiran")
    page.fill("#id_text", "Mohon ditinjau kembali")
    page.click("#send-reply")
    assert "Tanggapan instansi diterima" in page.inner_text("#assessment-status")
    _logout(page)

    # 4. The assessor finalises and publishes the cycle.
    login(page, "penilai")
    page.goto(f"/merit/penilaian/{assessment.pk}/")
    page.click("#finalise")
    assert "Final" in page.inner_text("#assessment-status")
    page.goto(f"/merit/siklus/{cycle.pk}/")
    page.click("main button[type=submit] >> text=Umumkan hasil")
    _logout(page)

    # 5. Anyone sees the published result with its band: 50 + 100 + 100 + 75 = 325 → IV Sangat Baik.
    page.goto(f"/publik/merit/{cycle.pk}/")
    row = page.locator("main tr", has_text="Pemerintah Kota Makassar")
    assert "325" in row.inner_text() and "IV Sangat Baik" in row.inner_text()
    assert Assessment.objects.get(pk=assessment.pk).status == AssessmentStatus.FINAL
