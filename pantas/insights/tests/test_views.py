"""Dashboard, exports, definitions, and each role's home panels (cheap: bounded queries)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pantas.cases.tests.factories import proven_case, received_case, recommended_case
from pantas.followup import services as fu_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(personas):
    analyst, decider = personas["analis"], personas["komisioner"]
    received_case(analyst)
    proven_case(analyst)
    recommended_case(analyst, decider)
    fu_services.open_follow_ups()


def as_user(client, user):
    client.force_login(user)
    return client


def test_dashboard_filters_and_export_give_the_same_rows(client, personas, data):
    c = as_user(client, personas["komisioner"])
    page = c.get(reverse("insights:dashboard"), {"agency": "kota-73-71"})
    assert page.status_code == 200
    province = next(ch for ch in page.context["charts"] if ch["key"] == "agency")
    shown = [(r["agency"], r["reported"], r["recommended"]) for r in province["rows"]]
    assert sum(r[1] for r in shown) == 3
    exported = c.get(reverse("insights:export", args=["agency", "csv"]), {"agency": "kota-73-71"})
    lines = list(csv.reader(io.StringIO(exported.content.decode())))
    assert [(line[1], int(line[2]), int(line[5])) for line in lines[1:]] == shown
    xlsx = c.get(reverse("insights:export", args=["agency", "xlsx"]), {"agency": "kota-73-71"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [(r[1], r[2], r[5]) for r in sheet.iter_rows(min_row=2, values_only=True)] == shown
    assert b"/kasus/?agency=kota-73-71" in page.content  # drill-down with the same filter
    assert c.get(reverse("insights:dashboard"), {"as_of": "kemarin"}).status_code == 400


def test_dashboard_is_for_supervisor_staff(client, personas):
    assert as_user(client, personas["ppk.makassar"]).get(reverse("insights:dashboard")).status_code == 403


def test_definitions_page_is_public(client):
    page = client.get(reverse("insights:definitions"))
    assert page.status_code == 200 and b"follow_up_rate" in page.content


def test_league_table_hides_small_rates(client, personas, data):
    page = as_user(client, personas["komisioner"]).get(reverse("insights:dashboard"))
    league = next(ch for ch in page.context["charts"] if ch["key"] == "ppk")
    assert all(r["small"] and r["follow_up_rate"] is None for r in league["rows"])
    assert "jumlah terlalu kecil" in page.content.decode()


@pytest.mark.parametrize(
    ("username", "keys"),
    [
        ("komisioner", {"letters_awaiting", "proven_unsent", "follow_up_overdue"}),
        ("analis", {"overdue", "due_soon"}),
        ("intake", {"unverified"}),
        ("bkn", {"blocking_requested"}),
        ("ppk.makassar", {"ppk_due", "ppk_overdue"}),
        ("cso.pattiro", {"status_received"}),
        ("bawaslu.sulsel", {"status_received"}),
    ],
)
def test_each_role_home_opens_with_its_numbers(
    client, personas, data, username, keys, django_assert_max_num_queries
):
    c = as_user(client, personas[username])
    with django_assert_max_num_queries(14):
        page = c.get(reverse("core:home"))
    items = {i["key"]: i["value"] for p in page.context["panels"] for i in p["items"]}
    assert keys <= set(items)
    if username == "komisioner":
        assert items["proven_unsent"] == 1
    if username == "ppk.makassar":
        assert items["ppk_due"] == 1
    if username == "intake":
        assert items["unverified"] >= 1
