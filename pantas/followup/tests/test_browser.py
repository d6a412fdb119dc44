"""Acceptance: a PPK officer uploads a decree and the supervisor verifies it; a BKN officer records the block
and, after the verification, the unblock that follows."""

from datetime import date

import pytest

from conftest import login

from .. import services
from ..models import BlockingRequest, FollowUp
from ..workflow import BlockingState, FollowUpState
from .factories import PDF, follow_up_for, pdf_upload

pytestmark = pytest.mark.browser


def open_action(scope, label):
    details = scope.locator("details", has=scope.page.locator("summary", has_text=label)).first
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def test_ppk_uploads_a_decree_and_the_supervisor_verifies_it(page, live_app, personas):
    follow_up = follow_up_for(personas)
    number = follow_up.recommendation.letter.number

    login(page, "ppk.makassar")
    page.goto("/tindak-lanjut/")
    page.locator("main #due ~ .table-wrap", has_text=number).first.locator("a", has_text=number).click()
    assert page.locator("#follow-up-state").inner_text() == "Menunggu tindak lanjut PPK"
    form = open_action(page.locator("main"), "Laporkan SK hukuman")
    form.locator("input[name='report-number']").fill("800/45/BKPSDM/2026")
    form.locator("input[name='report-decree_date']").fill(date.today().isoformat())
    form.locator("input[name='report-starts_on']").fill(date.today().isoformat())
    form.locator("input[name='report-upload']").set_input_files(
        files=[{"name": "sk.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    form.locator("button[type=submit]").click()
    assert page.locator("#follow-up-state").inner_text() == "SK dilaporkan PPK"

    page.click("text=Keluar")
    login(page, "analis")
    page.goto("/tindak-lanjut/pemantauan/?state=reported")
    page.locator("main a", has_text=number).click()
    with page.expect_download() as download_info:
        page.locator("main a", has_text="PDF").last.click()
    assert download_info.value.path().read_bytes() == PDF
    open_action(page.locator("main"), "Verifikasi SK").locator("button[type=submit]").click()
    assert page.locator("#follow-up-state").inner_text() == "Diverifikasi pengawas"
    assert page.locator("#compliance").inner_text().startswith("Sesuai rekomendasi")
    assert FollowUp.objects.get(pk=follow_up.pk).state == FollowUpState.VERIFIED


def test_bkn_blocks_then_unblocks_after_verification(page, live_app, personas):
    follow_up = follow_up_for(personas)
    services.escalate(follow_up, None)
    blocking = BlockingRequest.objects.get(follow_up=follow_up)

    login(page, "bkn")
    page.goto("/tindak-lanjut/blokir/")
    row = page.locator(f"main tr[data-number='{blocking.number}']")
    form = open_action(row, "Catat blokir di SIASN")
    form.locator("input[name='block-reference']").fill("SIASN/BLK/2026/001")
    form.locator("input[name='block-blocked_on']").fill(date.today().isoformat())
    form.locator("button[type=submit]").click()
    page.goto("/tindak-lanjut/blokir/?state=blocked")
    assert "SIASN/BLK/2026/001" in page.locator(f"main tr[data-number='{blocking.number}']").inner_text()

    # Meanwhile the PPK reports its decree and the supervisor verifies it: the unblock request opens by itself.
    follow_up.refresh_from_db()
    services.report(
        follow_up, personas["ppk.makassar"], number="800/46/2026", decree_date=date.today(),
        imposed_sanction=follow_up.recommended_sanction, starts_on=date.today(), upload=pdf_upload(),
    )  # fmt: skip
    follow_up.refresh_from_db()
    services.verify(follow_up, personas["analis"])

    page.goto("/tindak-lanjut/blokir/")
    row = page.locator(f"main tr[data-number='{blocking.number}']")
    assert "Diminta buka blokir" in row.inner_text()
    form = open_action(row, "Catat buka blokir")
    form.locator("input[name='unblock-reference']").fill("SIASN/UNB/2026/001")
    form.locator("input[name='unblock-unblocked_on']").fill(date.today().isoformat())
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/tindak-lanjut/blokir/")
    blocking.refresh_from_db()
    assert blocking.state == BlockingState.UNBLOCKED and blocking.unblock_reference == "SIASN/UNB/2026/001"
