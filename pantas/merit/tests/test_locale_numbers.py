"""Scores are written in the active locale everywhere on the merit pages (Indonesian "33,50", English "33.50"),
and the assessor's send button sits below the aspect table it sends."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from pantas.merit.formatting import score_text
from pantas.merit.models import AnswerOption
from pantas.merit.services import assessments as svc

from . import factories as f

pytestmark = pytest.mark.django_db

SCORES = {1: Decimal("4.25"), 2: Decimal("8.50"), 3: Decimal("12.75"), 4: Decimal("16.75")}


@pytest.fixture
def decimal_assessment(makassar):
    assessment = f.self_assessment(makassar)
    for level, score in SCORES.items():
        AnswerOption.objects.filter(
            indicator__aspect__version=assessment.cycle.instrument_version, order=level
        ).update(score=score)
    f.answer_all(assessment)  # the top option everywhere: 16,75 per indicator, 33,50 per aspect
    svc.submit(assessment, f.ppk_user_for(assessment.agency))
    return assessment


@pytest.mark.parametrize(
    ("language", "aspect", "option", "wrong"),
    [
        ("id", "33,50 / 33,50", "16,75", "33.50"),
        ("en", "33.50 / 33.50", "16.75", "33,50"),
    ],
)
def test_merit_pages_write_scores_in_the_active_locale(
    client, personas, decimal_assessment, language, aspect, option, wrong
):
    client.force_login(personas["penilai"])
    detail = client.get(
        reverse("merit:assessment_detail", args=[decimal_assessment.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert aspect in detail and wrong not in detail
    first_aspect = decimal_assessment.cycle.instrument_version.aspects.order_by("order").first()
    page = client.get(
        reverse("merit:assessment_aspect", args=[decimal_assessment.pk, first_aspect.pk]),
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()
    assert f"Tingkat 4 — {option}" in page  # the answer options (form labels) too
    assert f"<strong>{option}</strong>" in page  # the agency's answer beside the verification choice


def test_the_send_button_comes_after_the_aspect_table(client, personas, decimal_assessment):
    client.force_login(personas["penilai"])
    detail = client.get(reverse("merit:assessment_detail", args=[decimal_assessment.pk])).content.decode()
    assert detail.index('id="aspects-h"') < detail.index('id="send-verification"')
    assert detail.count('id="send-verification"') == 1


def test_score_text_follows_the_language():
    with translation.override("id"):
        assert (score_text(Decimal("33.5")), score_text(Decimal("10")), score_text(Decimal("1234.5"))) == (
            "33,50",
            "10",
            "1234,50",
        )
    with translation.override("en"):
        assert (score_text(Decimal("33.5")), score_text(Decimal("10"))) == ("33.50", "10")
