"""Playwright: the public map renders the 38 provinces with their values on a phone (390×844) and a desktop."""

import pytest

from pantas.accounts.models import User
from pantas.cases.models import Case
from pantas.cases.tests.factories import received_case
from pantas.registry.models import Election, Province

pytestmark = pytest.mark.browser


@pytest.fixture
def one_case_per_province(live_app, settings):
    settings.PANTAS_PUBLIC_MIN_CELL = 1  # one case per province is enough to colour each of them
    analyst = User.objects.get(username="analis")
    election = Election.objects.get(code="pilkada-2020")
    for index, province in enumerate(Province.objects.order_by("code")):
        for _ in range(1 + index % 3):
            case = received_case(analyst)
            Case.objects.filter(pk=case.pk).update(province=province, regency=None, election=election)
    from django.core.cache import cache

    cache.clear()


def _check_map(page):
    page.goto("/data/pilkada-2020/")
    regions = page.locator("svg.choropleth path[data-code]")
    assert regions.count() == 38
    values = regions.evaluate_all("els => els.map(e => e.getAttribute('data-value'))")
    assert all(v.isdigit() for v in values), values
    box = page.locator("svg.choropleth").first.bounding_box()
    assert box["width"] > 0 and box["height"] > 0
    return box


def test_the_public_map_on_a_phone(phone_page, one_case_per_province):
    phone_page.set_viewport_size({"width": 390, "height": 844})
    box = _check_map(phone_page)
    phone_page.screenshot(path="var/public-map-phone.png", full_page=False)
    assert box["width"] <= 390
    wide = phone_page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)"
        ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)"
    )
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390, wide
    phone_page.locator("details.map-table summary").first.click()
    assert phone_page.locator("details.map-table tbody tr").count() == 38


def test_the_public_map_on_a_desktop(page, one_case_per_province):
    box = _check_map(page)
    assert box["width"] > 600
    page.locator("svg.choropleth a").first.click()
    page.wait_for_url("**/data/pilkada-2020/provinsi/**")
    assert page.locator("svg.choropleth path[data-code]").count() > 0
