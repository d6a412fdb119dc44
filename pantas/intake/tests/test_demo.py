"""Demo data: the numbers of domain.md §6, idempotent and fast on a second run, audit chain intact."""

import io
import time

import pytest
from django.db.models import Count

from pantas.core.audit import verify_chain
from pantas.intake import demo
from pantas.intake.models import DuplicateSuggestion, Report, SealedIdentity
from pantas.intake.security import receipts
from pantas.intake.services.identity import reveal_identity

pytestmark = pytest.mark.django_db


def test_demo_reports_match_the_published_numbers_and_seed_once(personas):
    out = io.StringIO()
    demo.seed(out)
    reports = Report.objects
    bawaslu_2019 = reports.filter(election__code="pemilu-2019", source="bawaslu")
    assert bawaslu_2019.count() == 128
    by_province = dict(bawaslu_2019.values_list("province_id").annotate(n=Count("id")))
    assert {p: by_province[p] for p in demo.BAWASLU_2019} == {"73": 30, "33": 15, "74": 14, "76": 10, "35": 7}
    cso = reports.filter(election__code="pemilu-2019", source="cso", organisation__code="cso-pattiro")
    assert cso.count() == 67
    assert cso.filter(mode__in=["like", "comment", "share", "upload"]).count() == 43
    agencies = set(cso.values_list("reported_persons__agency__code", flat=True))
    assert set(demo.CSO_MINISTRIES) <= agencies and len(agencies) == 12
    pilkada = reports.filter(election__code="pilkada-2020")
    assert pilkada.count() == 2034
    shares = dict(pilkada.values_list("category__code").annotate(n=Count("id")))
    for code, share, _modes in demo.PILKADA_2020_CATEGORIES:
        assert round(100 * shares[code] / 2034, 1) == round(100 * share, 1)
    assert pilkada.filter(source="bawaslu").count() == 1398
    assert receipts.find_report(demo.DEMO_RECEIPT).messages.exists()
    sealed = SealedIdentity.objects.get()
    identity = reveal_identity(
        sealed, personas["kustodian"], demo.DEMO_CUSTODIAN_PASSPHRASE, "Demo pembukaan identitas."
    )
    assert identity["name"].startswith("Nurul")
    assert DuplicateSuggestion.objects.exists()
    assert verify_chain() == []
    total = reports.count()
    started = time.monotonic()
    demo.seed(io.StringIO())
    assert time.monotonic() - started < 2
    assert reports.count() == total
