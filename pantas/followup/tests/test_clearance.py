"""JPT clearance (ADR 0056): one answer per NIP, set-based, for pansel and supervisor staff only, every look-up
audited and stored; the numbered certificate downloads and verifies."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from pantas.cases.workflow import CaseState
from pantas.core import documents
from pantas.core.models import AuditEvent

from ..clearance import check_nips, run_clearance
from ..models import ClearanceRequest, ClearanceResult
from ..workflow import BlockingState, FollowUpState
from .record_factories import asn, nip, open_case, recommended

pytestmark = pytest.mark.django_db
API = "/api/v1/clearance/"


@pytest.fixture
def people():
    today = timezone.localdate()
    clear, pending, blocked, sanctioned, served = nip(1), nip(2), nip(3), nip(4), nip(5)
    for number in (clear, pending, blocked, sanctioned, served):
        asn(number)
    open_case(pending, CaseState.CLARIFICATION)
    recommended(
        blocked, FollowUpState.ESCALATED, due_on=today - timedelta(days=20), blocking=BlockingState.BLOCKED
    )
    recommended(
        sanctioned,
        FollowUpState.VERIFIED,
        decree=(today - timedelta(days=30), today + timedelta(days=150), "sedang-tukin-6"),
        compliance="complied",
    )
    recommended(
        served,
        FollowUpState.CLOSED,
        decree=(today - timedelta(days=400), today - timedelta(days=35), "sedang-tukin-12"),
        compliance="complied",
    )
    return {
        "clear": clear,
        "pending": pending,
        "blocked": blocked,
        "sanctioned": sanctioned,
        "served": served,
    }


def test_each_nip_gets_one_answer(people):
    today = timezone.localdate()
    answers = check_nips(
        [
            people["clear"],
            people["pending"],
            people["blocked"],
            people["sanctioned"],
            people["served"],
            "199001012015032002",  # valid, not in the registry
            "1985.0315 2010-01 1001",  # the first one again, typed with separators: dropped as a duplicate
            "12345",
            "198513152010011001",  # month 13
        ]
    )
    by_nip = {a.nip: a for a in answers}
    assert [a.status for a in answers] == [
        "clear", "pending", "not_followed_up", "sanctioned", "clear", "unknown", "invalid", "invalid",
    ]  # fmt: skip
    assert by_nip[people["clear"]].name == "Andi Pratama"
    assert by_nip[people["blocked"]].detail == {
        "due_on": (today - timedelta(days=20)).isoformat(),
        "overdue": True,
        "blocked": True,
    }
    assert by_nip[people["sanctioned"]].ends_on == today + timedelta(days=150)
    assert "18 digit" in by_nip["12345"].detail["reasons"][0]
    assert by_nip["198513152010011001"].detail["reasons"]


def test_a_valid_ni_pppk_is_not_invalid():
    # Digits 13-14 of an NI PPPK are a free code (here 21), not a month.
    assert check_nips(["198503152021211001"])[0].status == "unknown"


def test_a_running_open_ended_heavy_sanction_counts_and_a_one_off_reprimand_does_not():
    today = timezone.localdate()
    recommended(
        nip(20),
        FollowUpState.VERIFIED,
        decree=(today - timedelta(days=5), None, "berat-pemberhentian-dengan-hormat"),
    )
    recommended(
        nip(21), FollowUpState.VERIFIED, decree=(today - timedelta(days=5), None, "ringan-teguran-tertulis")
    )
    first, second = check_nips([nip(20), nip(21)])
    assert first.status == "sanctioned" and first.ends_on is None
    assert second.status == "clear"


def test_the_number_of_queries_does_not_grow_with_the_list(people, personas, django_assert_max_num_queries):
    pansel = personas["pansel"]
    small = [people["clear"]]
    large = [f"1985031520100110{n:02d}" for n in range(1, 100)] + [
        f"19850315201001{2000 + n:04d}" for n in range(901)
    ]
    assert len(large) == 1000
    with django_assert_max_num_queries(12) as few:
        run_clearance(pansel, small, "Seleksi JPT")
    with django_assert_max_num_queries(len(few.captured_queries)):
        done = run_clearance(pansel, large, "Seleksi JPT")
    assert done.nip_count == 1000 and ClearanceResult.objects.filter(request=done).count() == 1000


def test_more_than_1000_nips_is_refused_with_a_clear_message(personas, client):
    nips = [nip(1)] * 1001
    with pytest.raises(ValidationError) as exc:
        run_clearance(personas["pansel"], nips, "Seleksi")
    assert "1.000" in str(exc.value.message_dict["nips"])
    client.force_login(personas["pansel"])
    response = client.post(API, {"nips": nips, "purpose": "Seleksi"}, content_type="application/json")
    assert response.status_code == 400 and "Paling banyak 1.000 NIP" in response.json()["nips"][0]
    english = client.post(
        API, {"nips": nips, "purpose": "Seleksi"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "At most 1,000 NIPs" in english.json()["nips"][0]
    assert not ClearanceRequest.objects.exists()


def test_the_api_answers_pansel_and_audits_who_when_which_nips_and_why(people, personas, client):
    client.force_login(personas["pansel"])
    response = client.post(
        API,
        {"nips": [people["sanctioned"], "12345"], "purpose": "Seleksi terbuka JPT Pratama 2026"},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert [r["status"] for r in body["results"]] == ["sanctioned", "invalid"]
    assert body["results"][0]["sanction_ends_on"]
    event = AuditEvent.objects.get(action="followup.clearance.checked")
    assert event.actor_id == personas["pansel"].pk
    assert event.reason == "Seleksi terbuka JPT Pratama 2026"
    assert event.data["nips"] == [people["sanctioned"], "12345"] and event.data["channel"] == "api"
    stored = ClearanceRequest.objects.get()
    assert stored.organisation == personas["pansel"].organisation and stored.nip_count == 2


@pytest.mark.parametrize("username", ["ppk.makassar", "bkn", "cso.pattiro", "bawaslu.sulsel", "kemendagri"])
def test_other_roles_are_refused(personas, client, username):
    client.force_login(personas[username])
    response = client.post(API, {"nips": [nip(1)], "purpose": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert client.get("/seleksi/penelusuran/").status_code == 403
    assert not AuditEvent.objects.filter(action="followup.clearance.checked").exists()


def test_anonymous_is_refused(client):
    response = client.post(API, {"nips": [nip(1)], "purpose": "x"}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert client.get("/seleksi/penelusuran/").status_code in (302, 403)


def test_supervisor_staff_may_check(people, personas, client):
    client.force_login(personas["analis"])
    response = client.post(
        API, {"nips": [people["pending"]], "purpose": "Pengecekan"}, content_type="application/json"
    )
    assert response.json()["results"][0]["status"] == "pending"


def test_pansel_pastes_and_uploads_a_list_then_issues_and_verifies_the_certificate(people, personas, client):
    client.force_login(personas["pansel"])
    csv_file = io.BytesIO(f"NIP\n{people['blocked']}\n{people['served']}\n".encode())
    csv_file.name = "calon.csv"
    response = client.post(
        "/seleksi/penelusuran/",
        {
            "purpose": "Seleksi JPT Sekda",
            "nips": f"{people['clear']}\n{people['sanctioned']}",
            "file": csv_file,
        },
    )
    assert response.status_code == 302
    done = ClearanceRequest.objects.get()
    assert [r.status for r in done.results.order_by("position")] == [
        "clear", "sanctioned", "not_followed_up", "clear",
    ]  # fmt: skip
    page = client.get(response["Location"]).content.decode()
    assert "Sedang menjalani sanksi" in page and "Rekomendasi belum ditindaklanjuti PPK" in page

    client.post(f"/seleksi/penelusuran/{done.uuid}/terbitkan/")
    done.refresh_from_db()
    certificate = done.certificate
    assert certificate.number.startswith("SKRJ-") and certificate.verification_code
    pdf = client.get(f"/seleksi/penelusuran/{done.uuid}/surat.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert (
        certificate.number in text and certificate.verification_code in text and people["sanctioned"] in text
    )
    assert documents.verify_url(certificate.verification_code) in text.replace("\n", "")
    assert hashlib.sha256(pdf.content).hexdigest() == certificate.sha256
    # Issuing again keeps the same number and bytes.
    client.post(f"/seleksi/penelusuran/{done.uuid}/terbitkan/")
    assert client.get(f"/seleksi/penelusuran/{done.uuid}/surat.pdf").content == pdf.content

    client.logout()
    verify = client.get(f"/verifikasi/{certificate.verification_code}/")
    page = verify.content.decode()
    assert verify.status_code == 200 and certificate.number in page
    assert "seleksi terbuka JPT" in page and done.organisation.name in page
    assert (
        people["sanctioned"] not in page and people["clear"] not in page
    )  # the public page never lists NIPs
    upload = io.BytesIO(pdf.content)
    upload.name = "surat.pdf"
    matched = client.post(f"/verifikasi/{certificate.verification_code}/", {"file": upload})
    assert "Cocok" in matched.content.decode()
    assert client.get("/verifikasi/penelusuran/XXXX-XXXX-XXXX/").status_code == 404  # the old page is gone


def test_another_committee_cannot_open_a_request(people, personas, client, django_user_model):
    done = run_clearance(personas["pansel"], [people["clear"]], "Seleksi")
    client.force_login(personas["analis"])
    assert client.get(f"/seleksi/penelusuran/{done.uuid}/").status_code == 200
    from pantas.accounts.models import Organisation, RoleAssignment

    other_org = Organisation.objects.create(
        code="pansel-lain", name="Pansel lain", kind="selection_committee"
    )
    other = django_user_model.objects.create_user(
        username="pansel.lain", password="x", organisation=other_org
    )
    RoleAssignment.objects.create(user=other, role="selection_committee")
    client.force_login(other)
    assert client.get(f"/seleksi/penelusuran/{done.uuid}/").status_code == 404


def test_an_xlsx_column_is_read(people, personas, client):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["NIP"])
    sheet.append([people["pending"]])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "calon.xlsx"
    client.force_login(personas["pansel"])
    response = client.post("/seleksi/penelusuran/", {"purpose": "Seleksi", "nips": "", "file": buffer})
    assert response.status_code == 302
    assert ClearanceResult.objects.get().status == "pending"
