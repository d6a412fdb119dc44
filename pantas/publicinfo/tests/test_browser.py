"""Acceptance (Playwright): the announcements list and detail on a phone (390×844); a committee publishes an
announcement and runs the clearance check on its candidates from it; the guidance page of one violation shows
its sanction and legal source."""

import pytest

from conftest import _new_page, login
from pantas.followup.models import ClearanceRequest
from pantas.followup.tests.record_factories import asn, nip, recommended
from pantas.followup.workflow import FollowUpState
from pantas.registry.models import ViolationCategory

from ..models import Announcement
from ..workflow import AnnouncementState as S
from .factories import announcement

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.fixture
def phone(browser, live_app):
    context, page, foreign = _new_page(browser, live_app, **PHONE)
    page.set_default_timeout(15000)
    yield page
    context.close()
    assert not foreign, f"requests to non-local origins: {foreign}"


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_announcements_list_and_detail_on_a_phone(phone):
    from pantas.accounts.models import User

    pansel = User.objects.get(username="pansel")
    education = announcement(
        pansel, S.PUBLISHED, position_title="Kepala Dinas Pendidikan Provinsi Sulawesi Selatan"
    )
    announcement(pansel, S.CLOSED, position_title="Kepala Dinas Kesehatan Provinsi Sulawesi Selatan")
    announcement(pansel, position_title="Draf Rahasia Sekretaris Daerah")

    phone.goto("/pengumuman/")
    assert phone.locator(".pi-item").count() == 2 and _fits(phone)
    assert "Draf Rahasia" not in phone.content()
    phone.fill("#id_q", "pendidikan")
    phone.select_option("#id_status", "open")
    phone.click("form[role=search] button[type=submit]")
    phone.wait_for_url("**/pengumuman/?*")
    assert phone.locator(".pi-item").count() == 1
    phone.click(f"text={education.position_title}")
    phone.wait_for_url(f"**/pengumuman/{education.slug}/")
    assert phone.locator("#announcement-status").inner_text() == "Dibuka"
    assert phone.locator("#schedule li").count() == 5
    assert phone.locator("#schedule li[data-stage=registration]").is_visible()
    assert phone.locator("#requirements li").first.inner_text() == "PNS golongan IV/a"
    assert _fits(phone)


def test_a_committee_publishes_and_checks_its_candidates(page, live_app):
    from pantas.accounts.models import User

    draft = announcement(User.objects.get(username="pansel"), position_title="Kepala Biro Organisasi")
    asn(nip(1), name="Calon Bersih")
    asn(nip(2), name="Calon Bermasalah")
    recommended(nip(2), FollowUpState.AWAITING)

    login(page, "pansel")
    page.goto("/seleksi/pengumuman/")
    page.click("text=Kepala Biro Organisasi")
    page.wait_for_url(f"**/seleksi/pengumuman/{draft.pk}/")
    assert page.locator("#state").get_attribute("data-state") == "draft"
    assert page.locator("#candidates").count() == 0  # a draft has no candidates yet
    page.click("#publish")
    page.wait_for_url("**/publish/")
    assert page.locator("#confirm-text").is_visible()
    page.click("#confirm")
    page.wait_for_url(f"**/seleksi/pengumuman/{draft.pk}/")
    assert page.locator("#state").get_attribute("data-state") == "published"

    page.fill("#id_nips", f"{nip(1)}\n{nip(2)}")
    page.click("#run-check")
    page.wait_for_url("**/seleksi/penelusuran/*/")
    assert page.locator(f"tr[data-nip='{nip(1)}']").get_attribute("data-status") == "clear"
    assert page.locator(f"tr[data-nip='{nip(2)}']").get_attribute("data-status") == "not_followed_up"
    page.click("text=Terbitkan surat keterangan bernomor")
    page.wait_for_selector("#download-certificate")
    done = ClearanceRequest.objects.get()
    assert done.certificate is not None and "Kepala Biro Organisasi" in done.purpose
    assert Announcement.objects.get(pk=draft.pk).candidate_checks.get().clearance == done

    page.goto(f"/seleksi/pengumuman/{draft.pk}/")
    assert done.number in page.content()


def test_the_guidance_page_of_one_violation_shows_its_sanction_and_source(phone):
    category = ViolationCategory.objects.select_related("default_sanction").get(code="skb2022-b6")
    phone.goto("/panduan/")
    assert _fits(phone)
    phone.click(f"li[data-code='{category.code}'] a >> nth=0")
    phone.wait_for_url(f"**/panduan/{category.code}/")
    assert phone.locator("#rule").inner_text() == category.name
    assert category.default_sanction.name in phone.locator("#sanction").inner_text()
    assert phone.locator("#sanction-source").inner_text() == category.default_sanction.legal_source
    assert phone.locator("#legal-source").inner_text() == category.legal_source
    assert "Selama kampanye" in phone.locator("#when").inner_text()
    assert phone.locator("a[href='/lapor/']").first.is_visible()
    assert _fits(phone)
