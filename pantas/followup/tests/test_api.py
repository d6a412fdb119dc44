"""Follow-up API: scoped lists, actions (multipart decree), BKN pull-and-acknowledge, ministry reprimand, and a
cross-instansi 404 for every endpoint."""

from datetime import date

import pytest
from django.urls import reverse

from .. import services
from ..models import BlockingRequest, PPKReport
from ..workflow import FollowUpState
from .factories import follow_up_for, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(personas):
    return follow_up_for(personas)


@pytest.fixture
def escalated(personas, follow_up):
    services.escalate(follow_up, None)
    follow_up.refresh_from_db()
    return follow_up


def test_ppk_lists_only_its_own_and_filters(client, personas, follow_up):
    client.force_login(personas["ppk.makassar"])
    rows = client.get(reverse("api-follow-ups")).json()["results"]
    assert [r["id"] for r in rows] == [str(follow_up.uuid)]
    assert rows[0]["allowed_actions"] == ["acknowledge", "report", "object"]
    assert client.get(reverse("api-follow-ups"), {"state": "verified"}).json()["results"] == []
    assert client.get(reverse("api-follow-ups"), {"overdue": "true"}).json()["results"] == []
    assert client.get(reverse("api-follow-ups"), {"state": "nope"}).status_code == 400
    client.force_login(personas["ppk.kemenag"])
    assert client.get(reverse("api-follow-ups")).json()["results"] == []


def test_report_multipart_then_verify(client, personas, follow_up):
    client.force_login(personas["ppk.makassar"])
    url = reverse("api-follow-up-report", args=[follow_up.uuid])
    data = {
        "number": "SK/API/1",
        "decree_date": date.today().isoformat(),
        "imposed_sanction": follow_up.recommended_sanction.code,
        "starts_on": date.today().isoformat(),
        "upload": pdf_upload(),
    }
    response = client.post(url, data, HTTP_IDEMPOTENCY_KEY="k1")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == FollowUpState.REPORTED
    assert response.json()["decrees"][0]["number"] == "SK/API/1"
    client.force_login(personas["analis"])
    response = client.post(
        reverse("api-follow-up-verify", args=[follow_up.uuid]), {}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["compliance"] == "complied"


def test_errors_403_409_400(client, personas, follow_up):
    client.force_login(personas["analis"])
    assert client.post(reverse("api-follow-up-acknowledge", args=[follow_up.uuid])).status_code == 403
    assert client.post(reverse("api-follow-up-verify", args=[follow_up.uuid])).status_code == 409
    client.force_login(personas["ppk.makassar"])
    url = reverse("api-follow-up-object", args=[follow_up.uuid])
    assert client.post(url, {}, content_type="application/json").status_code == 400
    stale = {"reasons": "x", "version": follow_up.version + 5}
    assert client.post(url, stale, content_type="application/json").status_code == 409


def test_bkn_pulls_acknowledges_blocks_and_unblocks(client, personas, escalated):
    client.force_login(personas["bkn"])
    rows = client.get(reverse("api-blocking-requests"), {"state": "open"}).json()["results"]
    assert len(rows) == 1
    pk = rows[0]["id"]
    assert client.post(reverse("api-blocking-request-acknowledge", args=[pk])).json()["acknowledged_at"]
    response = client.post(
        reverse("api-blocking-request-blocked", args=[pk]),
        {"reference": "SIASN-API-1", "blocked_on": date.today().isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["state"] == "blocked"
    assert client.get(reverse("api-blocking-requests"), {"state": "open"}).json()["results"] == []
    # The PPK reports, the supervisor verifies: the unblock request opens by itself.
    blocking = BlockingRequest.objects.get(uuid=pk)
    services.report(
        escalated, personas["ppk.makassar"], number="SK-B", decree_date=date.today(),
        imposed_sanction=escalated.recommended_sanction, starts_on=date.today(), upload=pdf_upload(),
    )  # fmt: skip
    escalated.refresh_from_db()
    services.verify(escalated, personas["analis"])
    rows = client.get(reverse("api-blocking-requests"), {"state": "open"}).json()["results"]
    assert [r["state"] for r in rows] == ["unblock_requested"]
    response = client.post(
        reverse("api-blocking-request-unblocked", args=[pk]),
        {"reference": "SIASN-API-2", "unblocked_on": date.today().isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["state"] == "unblocked"
    blocking.refresh_from_db()
    assert blocking.unblock_reference == "SIASN-API-2"


def test_ministry_reprimands_through_the_api(client, personas, escalated):
    client.force_login(personas["kemendagri"])
    rows = client.get(reverse("api-ppk-reports"), {"state": "sent"}).json()["results"]
    assert len(rows) == 1
    response = client.post(
        reverse("api-ppk-report-reprimand", args=[rows[0]["id"]]),
        {"note": "Tegur."},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["new_due_on"]


def _endpoints(follow_up):
    blocking = BlockingRequest.objects.get(follow_up=follow_up)
    ppk_report = PPKReport.objects.get(follow_up=follow_up)
    yield "get", reverse("api-follow-up", args=[follow_up.uuid])
    for segment in ("acknowledge", "report", "object", "verify", "return-report", "answer-objection"):
        yield "post", reverse(f"api-follow-up-{segment}", args=[follow_up.uuid])
    for segment in ("acknowledge", "blocked", "unblocked"):
        yield "post", reverse(f"api-blocking-request-{segment}", args=[blocking.uuid])
    yield "post", reverse("api-ppk-report-reprimand", args=[ppk_report.uuid])


# Outside its scope every object is missing: another instansi's PPK, and the ministry not addressed.
@pytest.mark.parametrize("username", ["ppk.kemenag"])
def test_cross_instansi_404_for_every_endpoint(client, personas, escalated, username):
    client.force_login(personas[username])
    for method, url in _endpoints(escalated):
        response = getattr(client, method)(url)
        assert response.status_code in (403, 404), (url, response.status_code)
        if method == "get" or "follow-ups" in url:
            assert response.status_code == 404, url
    for url in (reverse("api-follow-ups"), reverse("api-blocking-requests")):
        assert client.get(url).json()["results"] == []


def test_other_ministry_gets_404_on_report(client, personas, escalated):
    from pantas.accounts.models import Organisation

    PPKReport.objects.filter(follow_up=escalated).update(
        addressee=Organisation.objects.get(code="kemenpanrb")
    )
    ppk_report = PPKReport.objects.get(follow_up=escalated)
    client.force_login(personas["kemendagri"])
    assert client.get(reverse("api-ppk-reports")).json()["results"] == []
    response = client.post(reverse("api-ppk-report-reprimand", args=[ppk_report.uuid]), {"note": "x"})
    assert response.status_code == 404
    assert client.get(reverse("api-follow-up", args=[escalated.uuid])).status_code == 404
