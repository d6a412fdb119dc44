"""A small-scale run of every workload as a correctness smoke test (issue 14): the generator fills the schema
consistently and each workload W1–W8 runs end to end with no error. No timing is asserted — measurements belong
to `make bench` (docs/benchmarks.md)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import Resolver404, resolve

from pantas.bench import server, workloads
from pantas.bench.workloads import Options

SMALL = {"asn": 3000, "cases": 400, "recommendations": 60}


@pytest.fixture
def scale_db(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("the generator and the bench need PostgreSQL")
    from conftest import _load_base_data

    _load_base_data()
    call_command(
        "createcachetable", "pantas_cache"
    )  # the bench server runs the demo settings (database cache)
    call_command("generate_scale_data", seed=3, **SMALL, stdout=open("/dev/null", "w"))  # noqa: SIM115
    workloads.user.cache_clear()
    return Options(scale=0.001, repeat=3, budget_s=0.5, timeout_s=300)


def _clean(result):
    errors = [(p["name"], p["note"]) for p in result.parts if p["errors"]]
    assert result.parts and not errors, errors


@pytest.mark.postgres
def test_generated_data_is_consistent_and_every_workload_runs(scale_db):
    from pantas.cases.models import Case, CaseReport, CaseStatusChange, Recommendation
    from pantas.followup.models import FollowUp
    from pantas.intake.models import Report
    from pantas.registry.models import CivilServant

    generated = Case.objects.filter(number__startswith="KAS-")
    assert CivilServant.objects.count() >= SMALL["asn"]
    assert generated.count() >= SMALL["cases"]
    assert Recommendation.objects.count() == FollowUp.objects.count() >= SMALL["recommendations"]
    # Every report is in exactly one case; every case's history ends in its current state.
    assert CaseReport.objects.count() == Report.objects.count()
    last = (
        CaseStatusChange.objects.filter(case=Case.objects.order_by("-id").first())
        .order_by("-at", "-id")
        .first()
    )
    assert last.to_state == Case.objects.order_by("-id").first().state
    with pytest.raises(CommandError, match="already present"):
        call_command("generate_scale_data", **SMALL)

    opts = scale_db
    for name in ("W2", "W3", "W7", "W8"):
        result = workloads.IN_PROCESS[name](opts)
        _clean(result)
    w4 = workloads.w4(opts)
    _clean(w4)
    assert all(p["n"] == 1 for p in w4.parts)
    before = Report.objects.count()
    w5 = workloads.w5(opts)
    _clean(w5)
    assert "'escalated': 0" in w5.parts[1]["note"], w5.parts[1]["note"]  # the second sweep is a no-op
    assert Report.objects.count() == before  # the import was measured, then rolled back
    for name in ("W1", "W6"):
        result = server.SERVER[name](opts, clients=4, seconds=2)
        _clean(result)
        assert result.parts[0]["throughput_per_s"] > 0
    assert Report.objects.filter(register_number__startswith="BENCH/").exists()  # W1 created real reports


def test_the_generator_refuses_sqlite(db):
    if connection.vendor == "postgresql":
        pytest.skip("checks the SQLite refusal")
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        call_command("generate_scale_data", scale=0.001)


def test_the_bare_comparison_views_are_not_production_routes():
    with pytest.raises(Resolver404):
        resolve("/bench/bare/")
    assert resolve("/bench/bare/", urlconf="pantas.bench.urls").url_name == "bench_bare"
