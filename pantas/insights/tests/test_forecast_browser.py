"""Playwright: the forecast's risk map renders on a phone (390×844) and a desktop, the ranked list reads, and
the map drills down to a province's kabupaten/kota."""

import pytest
from django.core.cache import cache

from pantas.accounts.models import User
from pantas.cases.models import Case
from pantas.cases.tests.factories import received_case
from pantas.insights.forecast import runs
from pantas.registry.models import Election

pytestmark = pytest.mark.browser


@pytest.fixture
def stored_forecast(live_app):
    analyst = User.objects.get(username="analis")
    elections = dict(Election.objects.values_list("code", "pk"))
    for election, province, regency, n in [
        ("pemilu-2019", "73", "73.71", 3),
        ("pemilu-2019", "33", "33.74", 2),
        ("pilkada-2020", "72", "72.71", 4),
        ("pilkada-2020", "13", "13.71", 3),
    ]:
        cases = [received_case(analyst) for _ in range(n)]
        Case.objects.filter(pk__in=[c.pk for c in cases]).update(
            election_id=elections[election], province_id=province, regency_id=regency
        )
    cache.clear()
    return runs.run(draws=300)


def _check(page):
    page.goto("/data/prakiraan/")
    regions = page.locator("svg.choropleth path[data-code]")
    assert regions.count() == 38
    values = regions.evaluate_all("els => els.map(e => e.getAttribute('data-value'))")
    assert all(v and v != "tidak ada data" for v in values), values
    assert page.locator("[data-testid=forecast-total] [data-measure=expected]").inner_text().strip()
    assert page.locator("[data-testid=ranked-provinces] tbody tr").count() == 38
    box = page.locator("svg.choropleth").first.bounding_box()
    assert box["width"] > 0 and box["height"] > 0
    return box


def test_the_risk_map_on_a_phone(phone_page, stored_forecast):
    phone_page.set_viewport_size({"width": 390, "height": 844})
    box = _check(phone_page)
    phone_page.screenshot(path="var/forecast-map-phone.png", full_page=False)
    assert box["width"] <= 390
    wide = phone_page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)"
        ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)"
    )
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390, wide


def test_the_risk_map_on_a_desktop(page, stored_forecast):
    box = _check(page)
    assert box["width"] > 600
    page.screenshot(path="var/forecast-map-desktop.png", full_page=False)
    page.locator('svg.choropleth a[href*="/provinsi/72/"]').first.click()
    page.wait_for_url("**/data/prakiraan/provinsi/72/**")
    assert page.locator("svg.choropleth path[data-code]").count() > 0
    assert page.locator("[data-testid=ranked-regencies] tr[data-code='72.71']").count() == 1
