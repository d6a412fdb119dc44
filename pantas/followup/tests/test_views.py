"""Pages: the PPK portal, supervisor list/detail/forms, BKN and ministry queues; table-driven scope checks."""

from datetime import date

import pytest
from django.urls import reverse

from pantas.core.models import AuditEvent

from .. import services
from ..models import BlockingRequest, PPKReport
from ..workflow import BlockingState, FollowUpState
from .factories import PDF, follow_up_for, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(personas):
    return follow_up_for(personas)


@pytest.fixture
def escalated(personas, follow_up):
    services.escalate(follow_up, None)
    follow_up.refresh_from_db()
    return follow_up


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


# (persona, expected status) for the follow-up's pages before escalation.
DETAIL_SCOPE = [
    ("ppk.makassar", 200),
    ("analis", 200),
    ("komisioner", 200),
    ("intake", 200),
    ("ppk.kemenag", 404),  # another instansi
    ("bkn", 404),  # no blocking request yet
    ("kemendagri", 404),  # not reported yet
    ("pansel", 403),
    ("cso.pattiro", 403),
    ("bawaslu.sulsel", 403),
]


@pytest.mark.parametrize(("username", "status"), DETAIL_SCOPE)
def test_detail_scope(client, personas, follow_up, username, status):
    assert (
        _get(client, personas[username], reverse("followup:detail", args=[follow_up.uuid])).status_code
        == status
    )


@pytest.mark.parametrize(("username", "status"), [("bkn", 200), ("kemendagri", 200), ("ppk.kemenag", 404)])
def test_detail_scope_after_escalation(client, personas, escalated, username, status):
    assert (
        _get(client, personas[username], reverse("followup:detail", args=[escalated.uuid])).status_code
        == status
    )


def test_portal_lists_only_own_follow_ups(client, personas, follow_up):
    number = follow_up.recommendation.letter.number
    assert number in _get(client, personas["ppk.makassar"], reverse("followup:portal")).content.decode()
    assert number not in _get(client, personas["ppk.kemenag"], reverse("followup:portal")).content.decode()
    assert _get(client, personas["analis"], reverse("followup:portal")).status_code == 403


def test_cross_instansi_actions_are_404(client, personas, follow_up):
    client.force_login(personas["ppk.kemenag"])
    for action in ("acknowledge", "report", "object"):
        url = reverse("followup:action", args=[follow_up.uuid, action])
        assert client.post(url, {f"{action}-reason": "x"}).status_code == 404
    decree_url = reverse("followup:decree_file", args=[follow_up.uuid, 1])
    assert client.get(decree_url).status_code == 404


def test_ppk_reports_decree_on_the_web_and_supervisor_verifies(client, personas, follow_up):
    client.force_login(personas["ppk.makassar"])
    url = reverse("followup:action", args=[follow_up.uuid, "acknowledge"])
    assert client.post(url, {"acknowledge-version": follow_up.version}).status_code == 302
    follow_up.refresh_from_db()
    url = reverse("followup:action", args=[follow_up.uuid, "report"])
    data = {
        "report-version": follow_up.version,
        "report-number": "800/77/BKPSDM/2026",
        "report-decree_date": date.today().isoformat(),
        "report-imposed_sanction": follow_up.recommended_sanction.code,
        "report-starts_on": date.today().isoformat(),
        "report-upload": pdf_upload(),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.REPORTED
    decree = follow_up.latest_decree

    client.force_login(personas["analis"])
    page = client.get(reverse("followup:detail", args=[follow_up.uuid])).content.decode()
    assert "800/77/BKPSDM/2026" in page and 'data-action="verify"' in page
    download = client.get(reverse("followup:decree_file", args=[follow_up.uuid, decree.pk]))
    assert download.status_code == 200 and download.content == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(action="followup.decree.downloaded", object_id=str(decree.pk)).exists()
    url = reverse("followup:action", args=[follow_up.uuid, "verify"])
    assert client.post(url, {"verify-version": follow_up.version}).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.VERIFIED and follow_up.compliance == "complied"


def test_report_with_a_non_pdf_is_a_form_error(client, personas, follow_up):
    client.force_login(personas["ppk.makassar"])
    url = reverse("followup:action", args=[follow_up.uuid, "report"])
    data = {
        "report-number": "1",
        "report-decree_date": date.today().isoformat(),
        "report-imposed_sanction": "ringan-teguran-lisan",
        "report-starts_on": date.today().isoformat(),
        "report-upload": pdf_upload("sk.pdf", b"<html><script>alert(1)</script></html>"),
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "PDF" in response.content.decode()


def test_wrong_state_is_409_and_wrong_role_403(client, personas, follow_up):
    client.force_login(personas["analis"])
    assert client.post(reverse("followup:action", args=[follow_up.uuid, "verify"])).status_code == 409
    assert client.post(reverse("followup:action", args=[follow_up.uuid, "acknowledge"])).status_code == 403


def test_supervisor_list_filters(client, personas, follow_up, escalated):
    client.force_login(personas["analis"])
    url = reverse("followup:list")
    number = follow_up.recommendation.letter.number
    assert number in client.get(url, {"state": "escalated"}).content.decode()
    assert number not in client.get(url, {"state": "awaiting"}).content.decode()
    assert number in client.get(url, {"agency": "Makassar"}).content.decode()
    assert _get(client, personas["ppk.makassar"], url).status_code == 403


def test_bkn_blocks_and_unblocks_on_the_queue(client, personas, escalated):
    blocking = BlockingRequest.objects.get(follow_up=escalated)
    client.force_login(personas["bkn"])
    page = client.get(reverse("followup:blocking")).content.decode()
    assert blocking.number in page
    url = reverse("followup:blocking_action", args=[blocking.uuid, "block"])
    response = client.post(url, {"block-reference": "SIASN-9", "block-blocked_on": date.today().isoformat()})
    assert response.status_code == 302
    blocking.refresh_from_db()
    assert blocking.state == BlockingState.BLOCKED and blocking.siasn_reference == "SIASN-9"
    # Other roles cannot act on the queue; the PPK sees the request on its follow-up only.
    for username in ("ppk.makassar", "analis", "kemendagri"):
        client.force_login(personas[username])
        assert client.post(url, {}).status_code == 403


def test_ministry_queue_and_reprimand(client, personas, escalated):
    ppk_report = PPKReport.objects.get(follow_up=escalated)
    client.force_login(personas["kemendagri"])
    assert ppk_report.number in client.get(reverse("followup:ppk_reports")).content.decode()
    url = reverse("followup:ppk_report_reprimand", args=[ppk_report.uuid])
    response = client.post(
        url, {"reprimand-note": "Segera jatuhkan hukuman.", "reprimand-reference": "100/1"}
    )
    assert response.status_code == 302
    ppk_report.refresh_from_db()
    assert ppk_report.state == "reprimanded" and ppk_report.new_due_on
    from pantas.accounts.models import Organisation

    PPKReport.objects.filter(pk=ppk_report.pk).update(addressee=Organisation.objects.get(code="kemenpanrb"))
    assert client.get(reverse("followup:ppk_reports")).content.decode().count(ppk_report.number) == 0
    assert client.post(url, {"reprimand-note": "x"}).status_code == 404


def test_numbered_documents_render_and_stay_in_scope(client, personas, escalated):
    import io

    from pypdf import PdfReader

    blocking = BlockingRequest.objects.get(follow_up=escalated)
    ppk_report = PPKReport.objects.get(follow_up=escalated)
    client.force_login(personas["bkn"])
    response = client.get(reverse("followup:blocking_pdf", args=[blocking.uuid]))
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert blocking.number in text and escalated.nip in text
    client.force_login(personas["kemendagri"])
    response = client.get(reverse("followup:ppk_report_pdf", args=[ppk_report.uuid]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    client.force_login(personas["ppk.kemenag"])
    assert client.get(reverse("followup:blocking_pdf", args=[blocking.uuid])).status_code == 404
    assert client.get(reverse("followup:ppk_report_pdf", args=[ppk_report.uuid])).status_code == 403


def test_portal_shows_the_first_rows_of_a_section_and_pages_the_rest(client, personas, monkeypatch):
    """A ministry's PPK office holds thousands of follow-ups: the portal renders a bounded number of rows per
    section and pages one section on request (ADR 0136)."""
    from pantas.followup import views

    ups = [follow_up_for(personas) for _ in range(3)]
    numbers = [f.recommendation.letter.number for f in ups]
    monkeypatch.setattr(views, "PORTAL_ROWS", 2)
    ppk = personas["ppk.makassar"]
    body = _get(client, ppk, reverse("followup:portal")).content.decode()
    assert sum(n in body for n in numbers) == 2
    assert "?bagian=due" in body and "Menampilkan 2 dari 3" in body
    page = _get(client, ppk, reverse("followup:portal") + "?bagian=due").content.decode()
    assert all(n in page for n in numbers)
    assert _get(client, ppk, reverse("followup:portal") + "?bagian=zzz").status_code == 200
