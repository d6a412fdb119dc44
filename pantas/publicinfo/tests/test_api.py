"""`/api/v1/public/announcements/` and `/api/v1/public/guidance/`: anonymous, read-only, the capped page size,
the same scope as the pages, in the OpenAPI schema with documented errors."""

import pytest
from django.urls import reverse

from pantas.api.pagination import MAX_PAGE_SIZE
from pantas.registry.models import ViolationCategory

from ..workflow import AnnouncementState as S
from .factories import announcement

pytestmark = pytest.mark.django_db


def test_the_list_is_public_paginated_and_filtered(client, personas):
    pansel = personas["pansel"]
    open_ = announcement(pansel, S.PUBLISHED, position_title="Kepala Dinas Pendidikan")
    closed = announcement(pansel, S.CLOSED, position_title="Kepala Dinas Kesehatan")
    announcement(pansel, S.DRAFT, position_title="Sekretaris Daerah")
    url = reverse("api-public-announcements")
    body = client.get(url).json()
    assert body["count"] == 2 and {r["slug"] for r in body["results"]} == {open_.slug, closed.slug}
    first = next(r for r in body["results"] if r["slug"] == open_.slug)
    assert first["status"] == "open" and first["agency"]["code"] == "prov-73" and first["level"] == "pratama"
    assert [s["kind"] for s in first["stages"]][0] == "registration"
    assert "requirements" not in first and "created_by" not in first
    assert [r["slug"] for r in client.get(url, {"status": "closed"}).json()["results"]] == [closed.slug]
    assert [r["slug"] for r in client.get(url, {"q": "kesehatan"}).json()["results"]] == [closed.slug]
    assert client.get(url, {"agency": "prov-31"}).json()["count"] == 0
    assert client.get(url, {"limit": 1}).json()["next"]


@pytest.mark.parametrize(
    "params", [{"limit": MAX_PAGE_SIZE + 1}, {"limit": 0}, {"status": "draft"}, {"level": "x"}]
)
def test_bad_parameters_are_400_in_indonesian(client, params):
    response = client.get(reverse("api-public-announcements"), params)
    assert response.status_code == 400


def test_the_detail_has_requirements_documents_and_404_outside_the_public(client, personas):
    published = announcement(personas["pansel"], S.PUBLISHED)
    body = client.get(reverse("api-public-announcement", args=[published.slug])).json()
    assert body["requirements"].startswith("PNS golongan IV/a") and body["documents"] == []
    assert body["url"] == reverse("publicinfo:announcement", args=[published.slug])
    draft = announcement(personas["pansel"])
    response = client.get(reverse("api-public-announcement", args=[draft.slug]))
    assert response.status_code == 404 and "detail" in response.json()


def test_the_api_is_read_only(client, personas):
    published = announcement(personas["pansel"], S.PUBLISHED)
    client.force_login(personas["pansel"])
    for url in (
        reverse("api-public-announcements"),
        reverse("api-public-announcement", args=[published.slug]),
    ):
        assert client.post(url, {}, content_type="application/json").status_code == 405
        assert client.delete(url).status_code == 405


def test_guidance_list_is_the_catalogue(client):
    body = client.get(reverse("api-public-guidance"), {"limit": MAX_PAGE_SIZE}).json()
    catalogue = {
        c.code: c
        for c in ViolationCategory.objects.filter(disabled_on__isnull=True).select_related("default_sanction")
    }
    assert body["count"] == len(catalogue) and {r["code"] for r in body["results"]} == set(catalogue)
    for row in body["results"]:
        category = catalogue[row["code"]]
        assert row["rule"] == category.name and row["legal_source"] == category.legal_source
        expected = category.default_sanction.code if category.default_sanction else None
        assert (row["sanction"] or {}).get("code") == expected
        assert row["when"]["phases"] and row["when"]["source"]


def test_guidance_detail_and_phase_filter(client):
    body = client.get(reverse("api-public-guidance-entry", args=["skb2022-b5"])).json()
    assert body["sanction"]["code"] == "ptdh" and set(body["when"]["phases"]) == {"before", "during", "after"}
    assert client.get(reverse("api-public-guidance-entry", args=["tidak-ada"])).status_code == 404
    before = client.get(reverse("api-public-guidance"), {"phase": "before", "limit": 200}).json()["results"]
    assert before and all("before" in r["when"]["phases"] for r in before)
    assert client.get(reverse("api-public-guidance"), {"phase": "kemarin"}).status_code == 400


def test_the_schema_documents_the_public_operations_and_their_errors(client):
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/public/announcements/",
        "/api/v1/public/announcements/{slug}/",
        "/api/v1/public/guidance/",
        "/api/v1/public/guidance/{code}/",
    ):
        operation = paths[path]["get"]
        assert {"400", "404", "429"} <= set(operation["responses"]), path
        assert "post" not in paths[path]


def test_open_selections_come_first(client, personas):
    open_ = announcement(personas["pansel"], S.PUBLISHED, position_title="Dibuka lebih dulu")
    closed = announcement(personas["pansel"], S.CLOSED, position_title="Diterbitkan kemudian, sudah ditutup")
    slugs = [r["slug"] for r in client.get(reverse("api-public-announcements")).json()["results"]]
    assert slugs == [open_.slug, closed.slug]
    open_.refresh_from_db()
    closed.refresh_from_db()
    assert closed.published_at > open_.published_at  # newest first would put it first: open wins
