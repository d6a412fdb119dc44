"""Issue 12, walked in a real browser: the citizen on a 390×844 phone (several reported persons, "tambah tautan",
a chosen photo kept after an error, the receipt), with and without JavaScript; the intake officer (SP4N-LAPOR!
ticket, "Buka kasus", photo thumbnail, the same photo listed once)."""

import pytest

from conftest import _new_page, login
from pantas.intake.models import Report

from .conftest import jpeg_with_gps

pytestmark = pytest.mark.browser
WIDTH = 390


def _phone(browser, live_app, javascript):
    context, page, foreign = _new_page(
        browser,
        live_app,
        viewport={"width": WIDTH, "height": 844},
        has_touch=True,
        is_mobile=True,
        java_script_enabled=javascript,
    )
    page.set_default_timeout(45000)  # generous: the test machine is shared
    return context, page, foreign


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def citizen(request, browser, live_app):
    context, page, foreign = _phone(browser, live_app, request.param)
    yield page, request.param
    context.close()
    assert not foreign, f"requests to non-local origins: {foreign}"


def test_a_citizen_reports_two_persons_two_links_and_a_photo_kept_after_an_error(citizen, tmp_path):
    page, javascript = citizen
    photo = tmp_path / "foto-kampanye.jpg"
    photo.write_bytes(jpeg_with_gps())
    page.goto("/lapor/")
    assert page.locator("#id_link_url_2").count() == 0  # one link row to start with
    page.fill("#id_person_name", "Andi Baso")
    page.locator("[data-add=person]").click()
    page.wait_for_selector("#id_terlapor-0-name")
    page.fill("#id_terlapor-0-name", "Camat Tamalate")
    page.fill("#id_terlapor-0-position", "Camat")
    page.fill("#id_link_url_1", "https://www.instagram.com/p/demo123/")
    page.locator("[data-add=link]").click()
    page.wait_for_selector("#id_link_url_2")
    page.fill("#id_link_url_2", "https://www.tiktok.com/@akun/video/42")
    page.set_input_files("#id_files", str(photo))
    # Sent without the description: an error, yet the photo is kept.
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_selector("#form-errors")
    held = page.locator("#held-files")
    assert held.is_visible() and "foto-kampanye.jpg" in held.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert page.input_value("#id_terlapor-0-name") == "Camat Tamalate"
    assert page.input_value("#id_link_url_2") == "https://www.tiktok.com/@akun/video/42"
    page.fill("#id_description", "Lurah dan camat membagikan unggahan kampanye pasangan calon di grup warga.")
    page.wait_for_timeout(1200)  # the one-time form token refuses a submission faster than a person
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_selector("#receipt")
    report = Report.objects.get()
    assert sorted(report.reported_persons.values_list("name", flat=True)) == ["Andi Baso", "Camat Tamalate"]
    assert report.evidence.filter(kind="link").count() == 2
    assert list(report.evidence.filter(kind="file").values_list("file_name", flat=True)) == [
        "foto-kampanye.jpg"
    ]


@pytest.fixture
def desk(browser, live_app):
    context, page, foreign = _new_page(browser, live_app)
    page.set_default_timeout(45000)  # generous: the test machine is shared
    yield page
    context.close()
    assert not foreign, f"requests to non-local origins: {foreign}"


def test_the_intake_officer_records_a_lapor_ticket_sees_one_thumbnail_and_opens_the_case(desk, tmp_path):
    page = desk
    first, second = tmp_path / "foto.jpg", tmp_path / "foto-lagi.jpg"
    first.write_bytes(jpeg_with_gps((800, 600)))
    second.write_bytes(first.read_bytes())  # the same photo under another name
    login(page, "intake")
    page.goto("/pengaduan/baru/")
    page.select_option("#id_source", "lapor")
    page.fill("#id_lapor_ticket", "#4823156")
    page.fill("#id_person_name", "Sekretaris Desa")
    page.check("#id_track_1")
    page.fill("#id_description", "Pungutan liar pada pelayanan KTP menurut aduan SP4N-LAPOR!.")
    page.set_input_files("#id_files", [str(first), str(second)])
    page.get_by_role("button", name="Simpan laporan").click()
    page.wait_for_url("**/pengaduan/*-*/")
    assert "#4823156" in page.locator("main").inner_text()
    assert "Atas nama organisasi" not in page.locator("main").inner_text()
    thumbs = page.locator("img.thumb")
    assert thumbs.count() == 1  # the same photo twice is listed once
    thumbs.first.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const i = document.querySelector('img.thumb'); return i.complete && i.naturalWidth > 0; }"
    )
    assert 0 < page.evaluate("document.querySelector('img.thumb').naturalWidth") <= 320
    # Searchable by the ticket.
    page.goto("/pengaduan/?q=%234823156")
    assert Report.objects.get().number in page.locator("main").inner_text()
    page.get_by_role("link", name=Report.objects.get().number).first.click()
    page.get_by_role("button", name="Buka kasus").click()
    page.wait_for_url("**/kasus/*/")
    assert page.locator("h1").inner_text()
    assert Report.objects.get().reported_persons.get().case_link is not None
