"""Playwright: a dashboard filter and its export give the same rows; each role's home shows its own numbers."""

import csv
import io

import pytest

from conftest import login
from pantas.accounts.models import User
from pantas.cases.tests.factories import proven_case, recommended_case
from pantas.followup import services as fu_services

pytestmark = pytest.mark.browser


def _seed():
    users = {u.username: u for u in User.objects.all()}
    proven_case(users["analis"])
    recommended_case(users["analis"], users["komisioner"])
    fu_services.open_follow_ups()


def test_dashboard_filter_and_export_give_the_same_rows(page, live_app):
    _seed()
    login(page, "komisioner")
    page.goto("/statistik/")
    page.select_option("#id_agency", "kota-73-71")
    page.locator("#stats-filter button[type=submit]").click()
    page.wait_for_url("**/statistik/?*agency=kota-73-71*")
    table = page.locator("table[data-chart=agency] tbody tr")
    shown = [
        [cell.strip() for cell in table.nth(i).locator("th, td").all_inner_texts()][:3]
        for i in range(table.count())
    ]
    with page.expect_download() as download:
        page.locator("#chart-agency a[data-export=csv]").click()
    content = open(download.value.path(), encoding="utf-8").read()
    exported = [[line[0], line[2], line[3]] for line in list(csv.reader(io.StringIO(content)))[1:]]
    assert shown == exported and shown


@pytest.mark.parametrize(
    ("username", "panel", "value"),
    [("komisioner", "proven_unsent", "1"), ("ppk.makassar", "ppk_due", "1"), ("analis", "due_soon", None)],
)
def test_each_role_home_shows_its_own_numbers(page, live_app, username, panel, value):
    _seed()
    login(page, username)
    page.goto("/beranda/")
    tile = page.locator(f"li.kpi[data-key={panel}] .kpi-value")
    assert tile.count() == 1
    if value is not None:
        assert tile.inner_text().strip() == value
