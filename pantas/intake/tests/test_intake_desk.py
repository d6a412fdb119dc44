"""The intake desk's report page (issue 12): SP4N-LAPOR! ticket, "Buka kasus", the reporter label by channel,
one listing per photo, and inline thumbnails re-encoded from the clean copy (ADR 0112)."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from pantas.core.models import AuditEvent
from pantas.intake.models import Report
from pantas.intake.security.files import check_upload
from pantas.intake.services.messages import post_reporter_message
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report

from .conftest import jpeg_with_gps, upload

pytestmark = pytest.mark.django_db


def _staff_post(client, **overrides):
    data = {
        "source": "lapor",
        "lapor_ticket": "#4823 156",
        "person_name": "Sekretaris Desa",
        "person_employee_type": "pns",
        "track": "ethics",
        "mode": "other",
        "election_stage": "none",
        "description": "Pungutan liar pada pelayanan KTP menurut aduan SP4N-LAPOR!.",
    }
    data.update(overrides)
    return client.post(reverse("intake:staff_new"), data)


def test_the_lapor_ticket_is_kept_as_digits_shown_and_searchable(client, personas):
    client.force_login(personas["intake"])
    assert _staff_post(client).status_code == 302
    report = Report.objects.get()
    assert report.lapor_ticket == "4823156"
    html = client.get(reverse("intake:staff_detail", args=[report.uuid])).content.decode()
    assert "#4823156" in html
    listed = client.get(reverse("intake:staff_list"), {"q": "#4823156"}).content.decode()
    assert report.number in listed
    assert report.number not in client.get(reverse("intake:staff_list"), {"q": "4823157"}).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"lapor_ticket": "LAP-12"}, "berupa 6–12 angka"),
        ({"lapor_ticket": "123"}, "berupa 6–12 angka"),
        ({"source": "media"}, "hanya untuk laporan bersumber SP4N-LAPOR!"),
    ],
)
def test_a_wrong_ticket_is_a_field_error(client, personas, overrides, message):
    client.force_login(personas["intake"])
    response = _staff_post(client, **overrides)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Report.objects.exists()


def test_the_same_ticket_is_not_recorded_twice(client, personas):
    client.force_login(personas["intake"])
    _staff_post(client)
    response = _staff_post(client, lapor_ticket="4823156")
    assert response.status_code == 400 and Report.objects.count() == 1
    assert Report.objects.get().number in response.content.decode()


def test_a_staff_entered_report_is_not_labelled_as_an_organisations(client, personas):
    client.force_login(personas["intake"])
    _staff_post(client)
    html = client.get(reverse("intake:staff_detail", args=[Report.objects.get().uuid])).content.decode()
    assert "Atas nama organisasi" not in html and "Dicatat petugas" in html


def test_the_open_case_button_opens_the_cases_of_the_report(client, personas):
    client.force_login(personas["intake"])
    _staff_post(client)
    report = Report.objects.get()
    url = reverse("intake:staff_detail", args=[report.uuid])
    html = client.get(url).content.decode()
    action = reverse("cases:open_report", args=[report.uuid])
    assert f'action="{action}"' in html and "Buka kasus" in html
    response = client.post(action, {"from": "report"})
    assert response.status_code == 302 and "/kasus/" in response["Location"]
    html = client.get(url).content.decode()
    assert f'action="{action}"' not in html  # every person is in a case now
    assert "Kasus " in html
    # Roles that may not open cases never see the button.
    client.force_login(personas["komisioner"])
    assert f'action="{action}"' not in client.get(url).content.decode()


def _photo_report(files):
    return submit_report(
        ReportInput(
            description="Foto bersama calon bupati di kantor.",
            persons=[PersonInput(name="Budi")],
            files=files,
            anonymity="anonymous",
        )
    )


def test_the_same_photo_is_stored_and_listed_once(client, personas):
    photo = jpeg_with_gps()
    result = _photo_report([check_upload(upload("a.jpg", photo)), check_upload(upload("b.jpg", photo))])
    report = result.report
    assert report.evidence.count() == 1
    post_reporter_message(report, "Ini fotonya lagi.", files=[check_upload(upload("c.jpg", photo))])
    assert report.evidence.count() == 1
    event = AuditEvent.objects.get(action="intake.message.received")
    assert event.data["duplicate_files"] == 1
    client.force_login(personas["analis"])
    html = client.get(reverse("intake:staff_detail", args=[report.uuid])).content.decode()
    assert html.count(report.evidence.get().sha256) == 1


def test_an_older_duplicate_is_listed_once_with_a_count(client, personas):
    from pantas.intake.models import Evidence

    report = _photo_report([check_upload(upload("a.jpg", jpeg_with_gps()))]).report
    first = report.evidence.get()
    Evidence.objects.create(
        report=report,
        kind="file",
        sha256=first.sha256,
        file_name="a-lagi.jpg",
        content_type="image/jpeg",
        size=first.size,
        storage_name=first.storage_name,
    )
    client.force_login(personas["analis"])
    html = client.get(reverse("intake:staff_detail", args=[report.uuid])).content.decode()
    assert html.count(first.sha256) == 1 and "diterima 2 kali" in html


def test_a_photo_thumbnail_is_small_inline_and_without_metadata(client, personas):
    report = _photo_report([check_upload(upload("a.jpg", jpeg_with_gps((1200, 900))))]).report
    evidence = report.evidence.get()
    url = reverse("intake:evidence_thumbnail", args=[evidence.uuid])
    client.force_login(personas["analis"])
    assert url in client.get(reverse("intake:staff_detail", args=[report.uuid])).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == "inline" and response["X-Content-Type-Options"] == "nosniff"
    image = Image.open(io.BytesIO(response.content))
    assert max(image.size) <= 320 and dict(image.getexif()) == {}
    assert b"KameraRahasia" not in response.content and b"XMP-CANARY" not in response.content
    # Outside the evidence scope: no thumbnail either.
    client.force_login(personas["ppk.makassar"])
    assert client.get(url).status_code in (403, 404)
    client.logout()
    assert client.get(url).status_code in (302, 403)


def test_a_pdf_has_no_thumbnail(client, personas):
    from .conftest import pdf_bytes

    report = _photo_report([check_upload(upload("a.pdf", pdf_bytes()))]).report
    client.force_login(personas["analis"])
    url = reverse("intake:evidence_thumbnail", args=[report.evidence.get().uuid])
    assert client.get(url).status_code == 404
