"""The public form `/lapor/`: receipts shown once, one-time tokens (P-04), anti-automation and rate limits
(P-06), no client IP anywhere (P-11), confidential identity sealed (P-01), typed input kept on errors."""

import logging

import pytest
import time_machine
from django.urls import reverse

from pantas.core.models import AuditEvent
from pantas.intake.models import Report, SealedIdentity
from pantas.intake.security import receipts, throttle

from .conftest import jpeg_with_gps, upload
from .helpers import database_contains, public_form_data

pytestmark = pytest.mark.django_db
URL = "/lapor/"
CANARY_IP = "203.0.113.77"


def _receipt_from(response) -> str:
    html = response.content.decode()
    start = html.index('id="receipt" data-code="') + len('id="receipt" data-code="')
    return html[start : html.index('"', start)].strip()


def test_it_shows_the_form_without_javascript_and_with_a_token(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="token"' in html and 'name="website"' in html
    # Only the static progressive-enhancement file: the form works without it (no inline script).
    assert html.count("<script") == 1 and "pantas/report-form.js" in html
    assert "no-store" in response["Cache-Control"]


def test_it_files_an_anonymous_report_and_shows_the_receipt_once(client, personas):
    response = client.post(URL, public_form_data())
    assert response.status_code == 200
    receipt = _receipt_from(response)
    report = Report.objects.get()
    assert receipts.find_report(receipt) == report
    assert report.number.startswith("LAP-")
    assert report.anonymity == "anonymous" and report.submitted_by is None
    person = report.reported_persons.get()
    assert person.agency.code == "kota-73-71" and report.regency_id == "73.71" and report.province_id == "73"
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action="intake.report.received", object_id=str(report.pk)).count() == 1


def test_a_double_click_creates_one_report_and_shows_the_same_receipt(client):
    data = public_form_data()
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert Report.objects.count() == 1
    assert _receipt_from(first) == _receipt_from(second)


def test_a_replay_after_the_cache_expired_says_already_received_without_a_receipt(client):
    from django.core.cache import cache

    data = public_form_data()
    client.post(URL, data)
    cache.clear()
    again = client.post(URL, data)
    assert Report.objects.count() == 1
    assert "sudah diterima" in again.content.decode()
    assert 'id="receipt"' not in again.content.decode()


def test_the_honeypot_refuses_bots_quietly(client):
    response = client.post(URL, public_form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_form_sent_too_fast_is_refused_but_keeps_what_was_typed(client, settings):
    settings.PANTAS_INTAKE_LIMITS = {"min_fill_seconds": 3}
    response = client.post(URL, public_form_data(description="Uraian yang saya ketik panjang sekali."))
    assert response.status_code == 400
    html = response.content.decode()
    assert "terlalu cepat" in html
    assert "Uraian yang saya ketik panjang sekali." in html
    assert not Report.objects.exists()


def test_a_forged_token_is_refused(client):
    response = client.post(URL, public_form_data(token="forged:token:value"))
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_field_errors_are_clear_and_keep_typed_input(client):
    response = client.post(
        URL, public_form_data(person_name="", person_nip="12345", place="Pasar Terong", description="x" * 20)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nama ASN yang dilaporkan wajib diisi." in html
    assert "NIP harus terdiri dari 18 digit." in html
    assert "Pasar Terong" in html and "x" * 20 in html
    assert 'role="alert"' in html


def test_submissions_are_rate_limited_per_client_and_reset_after_the_window(client, settings):
    settings.PANTAS_INTAKE_LIMITS = {"min_fill_seconds": 0, "submit": (2, 3600)}
    for i in range(2):
        assert (
            client.post(
                URL, public_form_data(description=f"Laporan ke-{i} tentang ASN berkampanye.")
            ).status_code
            == 200
        )
    blocked = client.post(URL, public_form_data(description="Laporan ketiga yang harus ditahan."))
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) == 3600
    assert "Laporan ketiga yang harus ditahan." in blocked.content.decode()  # nothing typed is lost
    with time_machine.travel("2099-01-02 12:00", tick=False):
        # A new day: the window has passed and the HMAC key has rotated.
        assert client.post(URL, public_form_data(description="Laporan setelah jeda.")).status_code == 200
    assert Report.objects.count() == 3


def test_no_client_ip_is_stored_or_logged(client, caplog, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ip"}
    }
    caplog.set_level(logging.DEBUG)
    response = client.post(
        URL,
        public_form_data(),
        REMOTE_ADDR=CANARY_IP,
        HTTP_X_FORWARDED_FOR=CANARY_IP,
        HTTP_X_REAL_IP=CANARY_IP,
    )
    assert response.status_code == 200
    client.post("/lapor/status/", {"receipt": "WRONG-RECEIPT"}, REMOTE_ADDR=CANARY_IP)
    assert database_contains(CANARY_IP) == []
    assert CANARY_IP not in caplog.text
    # The rate-limit key is an HMAC, held only in the cache with a TTL.
    from django.core.cache import cache

    fingerprint = throttle.client_fingerprint(type("R", (), {"META": {"REMOTE_ADDR": CANARY_IP}})())
    assert CANARY_IP not in fingerprint
    assert cache.get(f"intake:rl:submit:{fingerprint}") == 1


def test_a_confidential_identity_exists_only_as_ciphertext(client, custodian_key, caplog):
    caplog.set_level(logging.DEBUG)
    canary = "CANARY-7f3a9c-Siti"
    response = client.post(
        URL,
        public_form_data(
            anonymity="confidential", identity_name=canary, identity_contact=f"{canary}@mail.example"
        ),
    )
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.anonymity == "confidential"
    sealed = SealedIdentity.objects.get(report=report)
    assert canary.encode() not in bytes(sealed.ciphertext)
    assert database_contains(canary) == []
    assert canary not in caplog.text
    # The staff pages show the report but never the identity.
    staff = client.__class__()
    from pantas.accounts.models import User

    for username in ("intake", "analis", "komisioner"):
        staff.force_login(User.objects.get(username=username))
        page = staff.get(reverse("intake:staff_detail", args=[report.uuid]))
        assert page.status_code == 200 and canary not in page.content.decode()
        api = staff.get(reverse("api-report-detail", args=[report.uuid]))
        assert canary not in api.content.decode()


def test_confidential_reports_need_a_custodian_key(client):
    response = client.post(URL, public_form_data(anonymity="confidential", identity_name="Siti"))
    assert response.status_code == 400
    assert "kunci kustodian identitas belum disiapkan" in response.content.decode()
    assert not Report.objects.exists()


def test_confidential_reports_need_a_name(client, custodian_key):
    response = client.post(URL, public_form_data(anonymity="confidential", identity_name=""))
    assert response.status_code == 400
    assert "isi nama Anda" in response.content.decode()


def test_it_accepts_a_photo_and_strips_its_metadata(client):
    data = public_form_data()
    data["files"] = [upload("foto.jpg", jpeg_with_gps(), "image/jpeg")]
    response = client.post(URL, data)
    assert response.status_code == 200
    evidence = Report.objects.get().evidence.get()
    assert evidence.content_type == "image/jpeg" and evidence.derivative_name


def test_a_rejected_file_is_a_field_error_and_text_is_kept(client):
    data = public_form_data(description="Uraian tetap ada setelah berkas ditolak.")
    data["files"] = [upload("foto.jpg", b"%PDF-1.4 not an image", "image/jpeg")]
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "tidak sesuai dengan ekstensinya" in html
    assert "pilih ulang" in html.lower()
    assert "Uraian tetap ada setelah berkas ditolak." in html
    assert not Report.objects.exists()


def test_identity_fields_sent_with_an_anonymous_report_are_ignored(client):
    """Without JavaScript the identity fields stay visible; for an anonymous report they never block or travel."""
    data = public_form_data(identity_name="Nama Saya", identity_contact="x" * 300)
    response = client.post(URL, data)
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.anonymity == "anonymous"
    assert not SealedIdentity.objects.filter(report=report).exists()
    assert database_contains("Nama Saya") == []


def test_the_error_summary_links_to_each_field_in_error(client):
    response = client.post(URL, public_form_data(person_name="", description="", anonymity="confidential"))
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index('id="form-errors"') : html.index("</div>", html.index('id="form-errors"'))]
    for field_id in ("id_person_name", "id_description", "id_identity_name"):
        assert f'href="#{field_id}"' in summary
