"""The hostile-input corpus (ADR 0093) through the Media Center's entry points: the announcement form, the
document upload, the candidate list, the public search and the API filters — a field error or a normalised
value, never a 5xx, nothing stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pantas.core.tests.hostile import corpus
from pantas.followup.models import ClearanceRequest

from ..models import Announcement, AnnouncementDocument
from ..workflow import AnnouncementState as S
from .factories import announcement, stages, values

pytestmark = pytest.mark.django_db


def _form(**extra):
    data = {**values(), "version": ""}
    for stage in stages():
        data[f"{stage.kind}_start"] = stage.starts_on.isoformat()
        data[f"{stage.kind}_end"] = stage.ends_on.isoformat()
    return {**data, **extra}


@pytest.mark.parametrize("name", sorted(corpus.REFUSED_NAMES))
def test_refused_text_is_a_field_error(client, personas, name):
    client.force_login(personas["pansel"])
    response = client.post(
        reverse("publicinfo:staff_create"), _form(position_title=corpus.REFUSED_NAMES[name])
    )
    assert response.status_code == 400 and "position_title" in response.context["form"].errors
    assert not Announcement.objects.exists()


@pytest.mark.parametrize("name", sorted(corpus.NORMALISED_NAMES))
def test_unicode_tricks_are_normalised(client, personas, name):
    typed, stored = corpus.NORMALISED_NAMES[name]
    client.force_login(personas["pansel"])
    assert client.post(reverse("publicinfo:staff_create"), _form(position_title=typed)).status_code == 302
    assert Announcement.objects.get().position_title == stored


@pytest.mark.parametrize("date", ["2026-02-30", "99999-01-01", "' OR 1=1 --", "١٩٨٦-٠١-٠١"])
def test_bad_dates_are_field_errors(client, personas, date):
    client.force_login(personas["pansel"])
    response = client.post(reverse("publicinfo:staff_create"), _form(registration_start=date))
    assert response.status_code == 400 and "registration_start" in response.context["form"].errors


@pytest.mark.parametrize("name", sorted(corpus.hostile_files()))
def test_hostile_documents_are_refused(client, personas, name):
    draft = announcement(personas["pansel"])
    filename, data = corpus.hostile_files()[name]
    client.force_login(personas["pansel"])
    response = client.post(
        reverse("publicinfo:staff_document_add", args=[draft.pk]),
        {"title": "Lampiran", "file": SimpleUploadedFile(filename, data)},
    )
    assert response.status_code == 400
    assert not AnnouncementDocument.objects.exists()


@pytest.mark.parametrize("nip", sorted(corpus.MALFORMED_NIPS.values()))
def test_malformed_candidate_nips_are_answered_invalid(client, personas, nip):
    published = announcement(personas["pansel"], S.PUBLISHED)
    client.force_login(personas["pansel"])
    response = client.post(reverse("publicinfo:staff_candidates", args=[published.pk]), {"nips": nip})
    assert response.status_code in (302, 400)
    for request in ClearanceRequest.objects.all():
        assert set(request.results.values_list("status", flat=True)) <= {"invalid"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"q": "a" * 10_000},
        {"q": "' OR 1=1 --"},
        {"instansi": "\u202e"},
        {"jenjang": "<script>"},
        {"page": "99999999999999999999"},
        {"page": "-1"},
    ],
)
def test_the_public_search_never_fails(client, params):
    assert client.get(reverse("publicinfo:announcements"), params).status_code == 200


@pytest.mark.parametrize(
    "params", [{"q": "\x00"}, {"q": "a" * 10_000}, {"agency": "' OR 1=1 --"}, {"offset": "-1"}]
)
def test_the_api_filters_never_fail(client, params):
    assert client.get(reverse("api-public-announcements"), params).status_code in (200, 400)
