"""Issue 12, the citizen on a 390×844 phone: favicon, about page, /lapor/ showing only what applies with an error
summary that links to the fields, and a receipt that can be copied, downloaded and printed without a code group
breaking across lines."""

import pytest

from conftest import _new_page
from pantas.intake.models import Report

pytestmark = pytest.mark.browser
WIDTH = 390


@pytest.fixture
def phone(browser, live_app):
    context, page, foreign = _new_page(
        browser,
        live_app,
        viewport={"width": WIDTH, "height": 844},
        has_touch=True,
        is_mobile=True,
        accept_downloads=True,
        permissions=["clipboard-read", "clipboard-write"],
    )
    page.set_default_timeout(15000)
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    yield page
    context.close()
    assert not foreign, f"requests to non-local origins: {foreign}"
    assert not missing, f"404 responses: {missing}"


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_a_citizen_on_a_phone_reads_about_reports_anonymously_and_keeps_the_receipt(phone):
    page = phone
    page.goto("/")
    assert page.evaluate("document.querySelector('link[rel=icon]').href").endswith(
        "/static/pantas/favicon.svg"
    )
    page.get_by_role("link", name="Tentang Pantas").click()
    page.wait_for_url("**/tentang/")
    assert page.get_by_text("Badan Kepegawaian Negara").first.is_visible()
    _no_sideways_scroll(page)

    page.goto("/lapor/")
    _no_sideways_scroll(page)
    identity = page.locator("#identity-fields")
    assert page.locator("#id_anonymity_0").is_checked() and not identity.is_visible()
    page.check("#id_anonymity_1")  # confidential: name and contact appear
    assert identity.is_visible() and page.locator("#id_identity_name").is_visible()
    page.check("#id_anonymity_0")
    assert not identity.is_visible()

    # Submitting with gaps: the summary at the top takes the focus and links to each field in error.
    page.click("main button[type=submit]")
    summary = page.locator("#form-errors")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "form-errors"
    summary.get_by_role("link", name="Nama ASN yang dilaporkan").click()
    assert page.evaluate("location.hash") == "#id_person_name"

    page.fill("#id_person_name", "Andi Baso")
    page.fill("#id_person_agency", "Pemerintah Kota Makassar")
    page.select_option("#id_mode", "share")
    page.select_option("#id_region", "R:73.71")
    page.fill("#id_description", "Lurah membagikan unggahan kampanye pasangan calon di grup WhatsApp warga.")
    page.wait_for_timeout(1500)  # the one-time form token refuses a submission faster than a person
    page.click("main button[type=submit]")

    code = page.locator("#receipt")
    receipt = code.get_attribute("data-code")
    assert Report.objects.get().anonymity == "anonymous" and len(receipt) == 29
    _no_sideways_scroll(page)
    # No group of four breaks across lines: each group is one line high.
    heights = page.eval_on_selector_all(".receipt-group", "els => els.map(e => e.getClientRects().length)")
    assert heights and set(heights) == {1}

    page.click("#receipt-copy")
    page.locator("#receipt-copied").wait_for(state="visible")
    assert page.evaluate("navigator.clipboard.readText()") == receipt

    with page.expect_download() as info:
        page.click("#receipt-download")
    download = info.value
    assert download.suggested_filename.startswith("pantas-LAP-") and download.suggested_filename.endswith(
        ".txt"
    )
    with open(download.path(), encoding="utf-8") as slip:
        text = slip.read()
    assert receipt in text and Report.objects.get().number in text

    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible() and not page.locator("#receipt-copy").is_visible()
    assert code.is_visible()
    page.emulate_media(media="screen")
    page.screenshot(path="/tmp/rolesux/receipt-phone.png", full_page=True)
