"""The stored forecast on factory data (run, pages, API, staff view) and its backtest on the demo data
(ADR 0105–0108)."""

import io
import math

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from pantas.cases.models import Case
from pantas.cases.tests.factories import received_case
from pantas.registry.models import Election

from ..forecast import runs
from ..models import ForecastRow, ForecastRun

pytestmark = pytest.mark.django_db

# (election, province, regency or None, cases)
PLACES = [
    ("pemilu-2019", "73", "73.71", 3),
    ("pemilu-2019", "33", "33.74", 1),
    ("pemilu-2019", None, None, 1),  # a central agency
    ("pilkada-2020", "72", "72.71", 4),
    ("pilkada-2020", "72", None, 2),  # the provincial government of a voting province
    ("pilkada-2020", "13", "13.71", 3),
]


@pytest.fixture
def history(personas):
    cache.clear()
    call_command("load_published_figures", stdout=io.StringIO())
    elections = dict(Election.objects.values_list("code", "pk"))
    for election, province, regency, n in PLACES:
        cases = [received_case(personas["analis"]) for _ in range(n)]
        Case.objects.filter(pk__in=[c.pk for c in cases]).update(
            election_id=elections[election], province_id=province, regency_id=regency
        )


@pytest.fixture
def forecast(history):
    return runs.run(draws=400)


def test_a_run_stores_totals_rows_and_backtest(forecast):
    assert forecast.history == ["pemilu-2019", "pilkada-2020"]
    assert forecast.targets == ["pemilu-2024", "pilkada-2024"]
    assert forecast.notes == ["pilkada-2020: kabupaten/kota derived from cases (2)"]
    totals = {t["election"]: t for t in forecast.totals}
    assert set(totals) == {"pemilu-2024", "pilkada-2024", ""}
    # Pilkada 2024: 37 provincial governments (not DI Yogyakarta) + every autonomous kabupaten/kota.
    assert totals["pilkada-2024"]["units"] == 545
    everything = totals[""]
    assert everything["expected"] == pytest.approx(
        totals["pemilu-2024"]["expected"] + totals["pilkada-2024"]["expected"]
    )
    assert everything["lower"] <= everything["expected"] <= everything["upper"]
    # The provinces add up to the total (the same draws; the central agencies are the rest).
    provinces = ForecastRow.objects.filter(run=forecast, election="", level="province")
    central = ForecastRow.objects.get(run=forecast, election="", level="central")
    assert provinces.count() == 38
    assert sum(r.expected for r in provinces) + central.expected == pytest.approx(
        everything["expected"], rel=1e-6
    )
    ranks = list(provinces.values_list("rank", flat=True))
    assert sorted(ranks) == list(range(1, 39))
    first, last = provinces.order_by("rank").first(), provinces.order_by("rank").last()
    assert first.expected >= last.expected
    # Pj-led in 2024: the autonomous regions that did not vote in Pilkada 2020 (here all but the two derived).
    regencies = ForecastRow.objects.filter(run=forecast, election="pilkada-2024", level="regency")
    assert regencies.filter(pj_led=False).count() == 2
    assert set(regencies.filter(pj_led=False).values_list("code", flat=True)) == {"72.71", "13.71"}
    fold = forecast.backtest["folds"][0]
    assert (fold["train"], fold["target"], fold["total_actual"]) == (["pemilu-2019"], "pilkada-2020", 9)
    assert "regional" in fold["dropped"]
    assert forecast.checks["published_forecast"]["low"] == 8000


def test_the_public_page_map_list_and_drill_down(client, forecast):
    page = client.get(reverse("public_data:forecast"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('<path d="') >= 38 and 'data-testid="ranked-provinces"' in html
    assert 'data-testid="reference-point"' in html and "8.000" in html
    assert 'data-metric="total_mape"' in html
    scoped = client.get(reverse("public_data:forecast") + "?pemilihan=pilkada-2024")
    assert scoped.status_code == 200 and 'data-testid="reference-point"' not in scoped.content.decode()
    assert client.get(reverse("public_data:forecast") + "?pemilihan=pilkada-2020").status_code == 404
    drill = client.get(reverse("public_data:forecast_province", args=["72"]) + "?pemilihan=pilkada-2024")
    assert drill.status_code == 200 and 'data-code="72.71"' in drill.content.decode()
    assert client.get(reverse("public_data:forecast_province", args=["99"])).status_code == 404


def test_pages_say_so_when_there_is_no_forecast(client, personas):
    page = client.get(reverse("public_data:forecast"))
    assert page.status_code == 200 and 'data-testid="forecast-empty"' in page.content.decode()
    client.force_login(personas["komisioner"])
    staff = client.get(reverse("insights:forecast"))
    assert staff.status_code == 200 and "manage.py forecast" in staff.content.decode()
    body = client.get(reverse("api-public-forecast")).json()
    assert body["run"] is None and body["rows"] == [] and body["count"] == 0


def test_the_api(client, forecast):
    url = reverse("api-public-forecast")
    body = client.get(url).json()
    assert body["run"] == forecast.pk and body["level"] == "province" and body["count"] == 38
    assert body["reference_point"] == {"low": 8000, "high": 10000, "source": "seed 002 (KASN, 7 Dec 2023)"}
    summary = body["backtest"]["summary"]
    assert summary["folds"] == 1
    assert all(
        math.isfinite(summary[k]) for k in ("total_mae", "total_mape", "region_mae", "region_coverage")
    )
    assert [r["rank"] for r in body["rows"]] == sorted(r["rank"] for r in body["rows"])
    regencies = client.get(url + "?level=regency&election=pilkada-2024&limit=10&offset=10").json()
    assert regencies["count"] == 508 and len(regencies["rows"]) == 10 and regencies["rows"][0]["rank"] == 11
    assert "offset=20" in regencies["next"] and "offset=0" in regencies["previous"]
    row = regencies["rows"][0]
    assert set(row) >= {"expected", "lower", "upper", "p_any", "rate_per_10000", "pj_led", "asn"}
    assert row["rate_per_10000"] == pytest.approx(row["expected"] / row["asn"] * 10_000, rel=1e-2)
    assert client.get(url + "?level=nope").status_code == 400
    assert client.get(url + "?election=pilkada-2020").status_code == 400
    assert client.get(url + "?limit=201").status_code == 400
    assert client.post(url).status_code in (401, 403, 405)


def test_the_staff_view(client, personas, forecast):
    url = reverse("insights:forecast")
    assert client.get(url).status_code in (302, 403)
    client.force_login(personas["ppk.makassar"])
    assert client.get(url).status_code == 403
    client.force_login(personas["komisioner"])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="coefficients"' in html and "regional" in html


def test_the_command_prints_the_backtest(history):
    out = io.StringIO()
    call_command("forecast", "--backtest", "--draws", "300", stdout=out)
    text = out.getvalue()
    assert "pemilu-2019 -> pilkada-2020: actual 9" in text
    assert "MAPE (total)" in text and "region coverage" in text
    assert ForecastRun.objects.count() == 1


def test_the_backtest_on_the_demo_data(personas):
    """The acceptance check: on the demo data the backtest trains on Pemilu 2019, scores Pilkada 2020 (its 2,034
    reported ASN) and reports finite errors; the main fit learns that a Pilkada region carries more cases."""
    from pantas.cases import demo as cases_demo
    from pantas.intake import demo as intake_demo

    intake_demo.seed(io.StringIO())
    cases_demo.seed(io.StringIO())
    run = runs.run(draws=1000)
    fold = run.backtest["folds"][0]
    assert (fold["train"], fold["target"], fold["total_actual"]) == (["pemilu-2019"], "pilkada-2020", 2034)
    for key in ("total_expected", "total_abs_error", "total_ape", "region_mae", "region_coverage"):
        assert math.isfinite(fold[key]), key
    assert 0 <= fold["region_coverage"] <= 1 and fold["units"] == 270
    assert fold["total_abs_error"] == pytest.approx(abs(fold["total_expected"] - 2034))
    summary = run.backtest["summary"]
    assert summary["total_mape"] == pytest.approx(fold["total_ape"])
    regional = next(c for c in run.model["coefficients"] if c["name"] == "regional")
    assert regional["rate_ratio"] > 1
    total = next(t for t in run.totals if t["election"] == "")
    assert total["lower"] < total["expected"] < total["upper"]
