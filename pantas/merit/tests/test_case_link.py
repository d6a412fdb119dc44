"""The seam to case data: counts when the cases app provides them, None (never an error) when it does not."""

import pytest
from django.apps import apps
from django.utils import timezone

from pantas.merit import case_link
from pantas.registry.models import Authority


def test_it_is_none_without_the_cases_app(monkeypatch, makassar):
    monkeypatch.setattr(case_link.apps, "is_installed", lambda name: False)
    assert case_link.case_summary(makassar.pk, 2026) is None


def test_it_fails_soft_when_the_case_model_changes(monkeypatch, makassar):
    def missing(app_label, model_name):
        raise LookupError(model_name)

    monkeypatch.setattr(case_link.apps, "get_model", missing)
    assert case_link.case_summary(makassar.pk, 2026) is None


def test_it_counts_the_agencys_cases_in_the_window(makassar, kemenag):
    """Contract with the cases app as built today (fields agency, track, state, received_at)."""
    try:
        case_model = apps.get_model("cases", "Case")
    except LookupError:
        pytest.skip("cases app has no Case model")
    authority = Authority.objects.get(code="bkn")
    now = timezone.now()
    rows = [
        (makassar, "neutrality", "recommended", now),
        (makassar, "neutrality", "verification", now),
        (makassar, "ethics", "recommended", now.replace(year=now.year - 4)),
        (makassar, "ethics", "recommended", now.replace(year=now.year - 5)),  # outside the window
        (kemenag, "neutrality", "recommended", now),  # another agency
    ]
    for i, (agency, track, state, at) in enumerate(rows):
        case_model.objects.create(
            number=f"UJI-{i}",
            agency=agency,
            track=track,
            state=state,
            received_at=at,
            authority=authority,
            subject_name="Terlapor uji",
        )
    summary = case_link.case_summary(makassar.pk, now.year)
    assert summary["from_year"] == now.year - 4
    assert summary["by_track"]["neutrality"] == {"total": 2, "recommended": 1}
    assert summary["by_track"]["ethics"] == {"total": 1, "recommended": 1}
    assert summary["follow_up_rate"] is None
