"""Partner API: bearer tokens, `visible_to` scoping with cross-organisation 404s (P-02), idempotent creates
(P-04), multipart evidence, messages, and the public receipt-status endpoint (same 404 for wrong and malformed,
rate limited)."""

import json

import pytest
from rest_framework.test import APIClient

from pantas.accounts.models import ApiToken
from pantas.core.models import IdempotencyKey
from pantas.intake.models import Message, Report
from pantas.intake.services.messages import post_staff_message
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report

from .conftest import jpeg_with_gps, upload
from .factories import BawasluReportFactory, CsoReportFactory, ReportFactory

pytestmark = pytest.mark.django_db
REPORTS = "/api/v1/reports/"

BODY = {
    "register_number": "001/Reg/LP/PB/27.00/X/2024",
    "initial_study": "Memenuhi syarat formal dan materiel.",
    "category": "skb2022-b6",
    "mode": "share",
    "election": "pilkada-2024",
    "election_stage": "campaign",
    "regency": "73.71",
    "description": "Membagikan unggahan kampanye pasangan calon wali kota.",
    "persons": [{"name": "Andi", "nip": "198501012010011001", "agency": "kota-73-71"}],
    "links": [{"url": "https://x.com/akun/status/1", "account": "@akun", "act": "retweet kampanye"}],
}


def api(user) -> APIClient:
    client = APIClient()
    _token, secret = ApiToken.issue(user, "uji")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_bawaslu_creates_a_forward_and_gets_id_number_status(personas):
    response = api(personas["bawaslu.sulsel"]).post(REPORTS, BODY, format="json")
    assert response.status_code == 201, response.content
    report = Report.objects.get()
    assert response.json() == {"id": str(report.uuid), "number": report.number, "status": "received"}
    assert (report.source, report.channel, report.organisation.code) == ("bawaslu", "api", "bawaslu-73")
    assert report.track == "neutrality" and report.category.code == "skb2022-b6"
    assert report.evidence.get().platform == "x"


def test_the_same_idempotency_key_and_body_replays_one_row(personas):
    client = api(personas["bawaslu.sulsel"])
    first = client.post(REPORTS, BODY, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    second = client.post(REPORTS, BODY, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert Report.objects.count() == 1
    other = client.post(REPORTS, BODY | {"description": "lain"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert other.status_code == 422
    assert Report.objects.count() == 1 and IdempotencyKey.objects.count() == 1


def test_a_repeated_register_number_without_a_key_is_a_409_naming_the_existing_report(personas):
    client = api(personas["bawaslu.sulsel"])
    created = client.post(REPORTS, BODY, format="json").json()
    again = client.post(REPORTS, BODY, format="json")
    assert again.status_code == 409
    assert again.json()["existing"]["number"] == created["number"]


def test_validation_errors_are_field_specific(personas):
    body = BODY | {"persons": [{"name": "Andi", "nip": "123"}], "regency": "99.99", "category": "nope"}
    response = api(personas["bawaslu.sulsel"]).post(REPORTS, body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert {"regency", "category"} <= set(errors)
    body = BODY | {"persons": [{"name": "Andi", "nip": "123"}]}
    response = api(personas["bawaslu.sulsel"]).post(REPORTS, body, format="json")
    assert response.status_code == 400 and "18 digit" in json.dumps(response.json())
    response = api(personas["bawaslu.sulsel"]).post(REPORTS, BODY | {"persons": []}, format="json")
    assert response.status_code == 400 and "persons" in response.json()


def test_a_cso_cannot_submit_as_bawaslu(personas):
    response = api(personas["cso.pattiro"]).post(REPORTS, BODY | {"source": "bawaslu"}, format="json")
    assert response.status_code == 403 and not Report.objects.exists()


def test_multipart_creates_a_report_with_evidence(personas):
    client = api(personas["cso.pattiro"])
    payload = {k: v for k, v in BODY.items() if k not in ("initial_study",)}
    response = client.post(
        REPORTS,
        {"payload": json.dumps(payload), "files": [upload("foto.jpg", jpeg_with_gps(), "image/jpeg")]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    report = Report.objects.get()
    assert report.source == "cso" and report.evidence.filter(kind="file").count() == 1


def test_multipart_rejects_a_disguised_file(personas):
    response = api(personas["cso.pattiro"]).post(
        REPORTS,
        {"payload": json.dumps(BODY), "files": [upload("foto.jpg", b"<html><script>x</script></html>")]},
        format="multipart",
    )
    assert response.status_code == 400 and "tidak didukung" in response.json()["files"][0]
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("cso.pattiro", {"cso"}),
        ("bawaslu.sulsel", {"bawaslu"}),
        ("analis", {"public", "cso", "bawaslu"}),
        ("ombudsman", set()),
    ],
)
def test_lists_are_scoped_by_visible_to(personas, username, expected):
    ReportFactory()
    CsoReportFactory()
    BawasluReportFactory()
    response = api(personas[username]).get(REPORTS)
    assert response.status_code == 200
    assert {r["source"] for r in response.json()["results"]} == expected


@pytest.mark.parametrize(
    ("username", "status"), [("cso.pattiro", 200), ("bawaslu.sulsel", 404), ("analis", 200)]
)
def test_details_of_other_organisations_are_404(personas, username, status):
    report = CsoReportFactory()
    assert api(personas[username]).get(f"{REPORTS}{report.uuid}/").status_code == status


@pytest.mark.parametrize("username", ["ppk.makassar", "bkn", "pansel"])
def test_roles_without_reports_are_refused(personas, username):
    assert api(personas[username]).get(REPORTS).status_code == 403
    assert api(personas[username]).post(REPORTS, BODY, format="json").status_code == 403


def test_anonymous_calls_are_refused():
    assert APIClient().get(REPORTS).status_code == 401
    assert APIClient().post(REPORTS, BODY, format="json").status_code == 401


def test_messages_between_staff_and_the_organisation(personas):
    report = CsoReportFactory()
    staff = api(personas["intake"])
    url = f"{REPORTS}{report.uuid}/messages/"
    assert staff.post(url, {"body": "Mohon kirim tautan asli."}, format="json").status_code == 201
    assert staff.post(url, {"body": "catatan rahasia", "internal": True}, format="json").status_code == 201
    cso = api(personas["cso.pattiro"])
    listed = cso.get(url).json()
    assert [m["body"] for m in listed] == ["Mohon kirim tautan asli."]
    reply = cso.post(url, {"body": "Tautan: https://fb.com/x"}, format="json", HTTP_IDEMPOTENCY_KEY="m1")
    cso.post(url, {"body": "Tautan: https://fb.com/x"}, format="json", HTTP_IDEMPOTENCY_KEY="m1")
    assert reply.status_code == 201
    assert Message.objects.filter(report=report, author_kind="organisation").count() == 1
    detail = cso.get(f"{REPORTS}{report.uuid}/").json()
    assert "catatan rahasia" not in json.dumps(detail)
    assert api(personas["bawaslu.sulsel"]).post(url, {"body": "x"}, format="json").status_code == 404


def _public_report():
    result = submit_report(
        ReportInput(
            description="Baliho calon di kantor camat.",
            persons=[PersonInput(name="Camat")],
            anonymity="anonymous",
        )
    )
    return result.report, result.receipt


def test_the_receipt_api_returns_status_and_public_messages(personas):
    report, receipt = _public_report()
    post_staff_message(report, personas["intake"], "Di kecamatan mana?")
    post_staff_message(report, personas["intake"], "internal", internal=True)
    response = APIClient().post("/api/v1/receipt/status/", {"receipt": receipt}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == report.number and body["status"] == "received"
    assert [m["body"] for m in body["messages"]] == ["Di kecamatan mana?"]
    assert receipt not in response.content.decode()


@pytest.mark.parametrize(
    "payload", [{"receipt": "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"}, {"receipt": "x"}, {"receipt": 5}, {}]
)
def test_the_receipt_api_answers_wrong_and_malformed_alike(payload):
    _public_report()
    response = APIClient().post("/api/v1/receipt/status/", payload, format="json")
    wrong = APIClient().post(
        "/api/v1/receipt/status/", {"receipt": "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01"}, format="json"
    )
    assert response.status_code == wrong.status_code == 404
    assert response.json() == wrong.json()


def test_the_receipt_api_is_rate_limited(settings):
    settings.PANTAS_INTAKE_LIMITS = {"receipt": (2, 900)}
    client = APIClient()
    for _ in range(2):
        client.post("/api/v1/receipt/status/", {"receipt": "x"}, format="json")
    response = client.post("/api/v1/receipt/status/", {"receipt": "x"}, format="json")
    assert response.status_code == 429 and response["Retry-After"] == "900"
    assert (
        response.json()["detail"] == "Terlalu banyak percobaan dari jaringan Anda. Coba lagi dalam 15 menit."
    )
    english = client.post(
        "/api/v1/receipt/status/", {"receipt": "x"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Too many" in english.json()["detail"]
