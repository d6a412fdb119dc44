"""Demo data: the seeded figures, idempotence and speed."""

import io
import time
from decimal import Decimal

from pantas.core.audit import verify_chain
from pantas.merit import demo
from pantas.merit.models import Answer, Assessment, AssessmentCycle, AssessmentStatus, CycleStatus, Result


def test_the_demo_has_the_2023_awards_and_an_open_2026_cycle(personas):
    demo.seed(io.StringIO())
    cycle = AssessmentCycle.objects.get(instrument__code="kasn-sistem-merit", year=2023)
    assert cycle.status == CycleStatus.PUBLISHED and cycle.authority.code == "kasn"
    bands = {}
    for code in Result.objects.filter(cycle=cycle).values_list("band__code", flat=True):
        bands[code] = bands.get(code, 0) + 1
    assert bands["IV"] == 34 and bands["III"] == 96 and bands["II"] + bands["I"] > 0
    banten = Result.objects.get(cycle=cycle, agency__code="prov-36")
    assert banten.score == Decimal("326") and banten.band.name == "Sangat Baik"
    assert sum(a.score for a in banten.aspect_scores.all()) == Decimal("326")

    nkk = Result.objects.filter(cycle__instrument__code="nkk-maturitas", cycle__year=2023)
    assert nkk.count() == 16 and nkk.filter(band__name="Patuh").count() == 10

    open_cycle = AssessmentCycle.objects.get(instrument__code="panrb-sistem-merit-2025", year=2026)
    assert open_cycle.status == CycleStatus.OPEN
    makassar = Assessment.objects.get(cycle=open_cycle, agency__code="kota-73-71")
    assert makassar.status == AssessmentStatus.SELF_ASSESSMENT
    answered = Answer.objects.filter(assessment=makassar, self_option__isnull=False).count()
    assert 0 < answered < makassar.answers.count()
    statuses = set(open_cycle.assessments.values_list("status", flat=True))
    assert {
        AssessmentStatus.SELF_ASSESSMENT,
        AssessmentStatus.SUBMITTED,
        AssessmentStatus.VERIFIED,
    } <= statuses
    assert Assessment.objects.visible_to(personas["ppk.makassar"]).filter(pk=makassar.pk).exists()
    assert Result.objects.filter(cycle__kind="historical", agency__code="prov-36", cycle__year=2022).exists()
    assert verify_chain() == []


def test_a_second_run_changes_nothing_and_is_fast(personas):
    demo.seed(io.StringIO())
    before = (Assessment.objects.count(), Result.objects.count(), Answer.objects.count())
    started = time.monotonic()
    demo.seed(io.StringIO())
    assert time.monotonic() - started < 2
    assert (Assessment.objects.count(), Result.objects.count(), Answer.objects.count()) == before
