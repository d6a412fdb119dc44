"""Who reaches what, table-driven: the agency's committee and administrators manage; another agency's committee
gets 404; other roles 403 on staff pages; anonymous visitors see published and closed announcements only."""

import pytest
from django.urls import reverse

from ..workflow import AnnouncementState as S
from .factories import announcement, other_committee

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    ("publicinfo:staff_detail", []),
    ("publicinfo:staff_edit", []),
    ("publicinfo:staff_action", ["publish"]),
]

# (who, expected status on the staff pages of prov-73's draft)
STAFF_CASES = [
    ("pansel", 200),
    ("admin", 200),
    ("other-committee", 404),
    ("analis", 403),
    ("komisioner", 403),
    ("ppk.makassar", 403),
    ("bkn", 403),
    ("cso.pattiro", 403),
    (None, 302),
]


def _login(client, personas, who):
    if who == "other-committee":
        client.force_login(other_committee())
    elif who:
        client.force_login(personas[who])


@pytest.mark.parametrize(("who", "expected"), STAFF_CASES, ids=lambda v: str(v))
def test_staff_pages(client, personas, who, expected):
    draft = announcement(personas["pansel"])
    _login(client, personas, who)
    for name, args in STAFF_PAGES:
        response = client.get(reverse(name, args=[draft.pk, *args]))
        assert response.status_code == expected, (name, who)


@pytest.mark.parametrize(("who", "expected"), [("other-committee", 404), ("ppk.makassar", 403), (None, 302)])
def test_posts_outside_scope_change_nothing(client, personas, who, expected):
    published = announcement(personas["pansel"], S.PUBLISHED)
    _login(client, personas, who)
    for name, args, data in [
        ("publicinfo:staff_action", ["close"], {"version": published.version}),
        ("publicinfo:staff_candidates", [], {"nips": "198503152010011001"}),
        ("publicinfo:staff_document_add", [], {"title": "x"}),
    ]:
        assert client.post(reverse(name, args=[published.pk, *args]), data).status_code == expected, name
    published.refresh_from_db()
    assert published.state == S.PUBLISHED


def test_an_administrator_manages_but_cannot_run_the_clearance_check(client, personas):
    published = announcement(personas["pansel"], S.PUBLISHED)
    client.force_login(personas["admin"])
    assert (
        client.post(reverse("publicinfo:staff_candidates", args=[published.pk]), {"nips": "1"}).status_code
        == 403
    )


@pytest.mark.parametrize(
    ("state", "public"),
    [(S.DRAFT, False), (S.PUBLISHED, True), (S.CLOSED, True), (S.WITHDRAWN, False)],
)
def test_anonymous_sees_only_published_and_closed(client, personas, state, public):
    found = announcement(personas["pansel"], state)
    detail = client.get(reverse("publicinfo:announcement", args=[found.slug]))
    assert detail.status_code == (200 if public else 404)
    listed = client.get(reverse("publicinfo:announcements"))
    assert (found.slug in listed.text) is public
    api = client.get(reverse("api-public-announcement", args=[found.slug]))
    assert api.status_code == (200 if public else 404)


def test_a_logged_in_committee_sees_no_other_draft_on_the_public_pages(client, personas):
    draft = announcement(personas["pansel"])
    client.force_login(other_committee())
    assert client.get(reverse("publicinfo:announcement", args=[draft.slug])).status_code == 404
    client.force_login(personas["pansel"])  # own drafts stay off the public pages too
    assert client.get(reverse("publicinfo:announcement", args=[draft.slug])).status_code == 404
