"""Attachments on a PPK's clarification answer and on a referral partner's reply (ADR 0118): the intake upload
checks, the encrypted store, downloads scoped by `CaseAttachment.visible_to` (another instansi: 404)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from pantas.core.audit import events_for

from .. import services
from ..models import CaseAttachment, ClarificationAnswer, Referral
from .factories import clarification_case, investigation_case

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"


def _jpeg_with_exif() -> bytes:
    img = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _answer(client, case, files):
    return client.post(
        reverse("cases:action", args=[case.number, "answer-clarification"]),
        {
            "answer-clarification-version": case.version,
            "answer-clarification-respondent": "ppk",
            "answer-clarification-body": "Terlampir surat keterangan dan foto kegiatan.",
            "answer-clarification-attachments": files,
        },
    )


def test_the_ppk_attaches_files_to_a_clarification_answer(client, personas):
    case = clarification_case(personas["analis"])
    client.force_login(personas["ppk.makassar"])
    files = [
        SimpleUploadedFile("keterangan.pdf", PDF, "application/pdf"),
        SimpleUploadedFile("foto.jpg", _jpeg_with_exif(), "image/jpeg"),
    ]
    assert _answer(client, case, files).status_code == 302
    answer = ClarificationAnswer.objects.get(request__case=case)
    pdf, photo = answer.attachments.order_by("file_name").reverse()
    assert (pdf.file_name, photo.file_name) == ("keterangan.pdf", "foto.jpg")
    # Served as a download; the photo re-encoded without its metadata; the store holds no plain text.
    page = client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert reverse("cases:attachment", args=[pdf.uuid]) in page
    response = client.get(reverse("cases:attachment", args=[pdf.uuid]))
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Disposition"].startswith("attachment")
    cleaned = client.get(reverse("cases:attachment", args=[photo.uuid])).content
    assert b"KameraRahasia" not in cleaned and cleaned.startswith(b"\xff\xd8")
    event = events_for(case).get(action="cases.case.clarification_answered")
    assert sorted(event.data["attachments"]) == sorted([pdf.sha256, photo.sha256])
    # The analyst reads them too.
    client.force_login(personas["analis"])
    assert client.get(reverse("cases:attachment", args=[pdf.uuid])).status_code == 200


@pytest.mark.parametrize("username", ["ppk.kemenag", "ombudsman", "bawaslu.sulsel", "cso.pattiro"])
def test_another_instansi_gets_404(client, personas, username):
    case = clarification_case(personas["analis"])
    client.force_login(personas["ppk.makassar"])
    _answer(client, case, [SimpleUploadedFile("keterangan.pdf", PDF, "application/pdf")])
    attachment = CaseAttachment.objects.get()
    client.force_login(personas[username])
    response = client.get(reverse("cases:attachment", args=[attachment.uuid]))
    assert response.status_code in (403, 404)
    if personas[username].has_any_role({"ppk_officer", "ombudsman_liaison"}):
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bukan.pdf", b"MZ\x90\x00 not a pdf at all"),
        ("kosong.pdf", b""),
        ("poliglot.pdf", PDF + b"PK\x03\x04" + b"\x00" * 40),
    ],
)
def test_refused_files_keep_the_answer_out(client, personas, name, data):
    case = clarification_case(personas["analis"])
    client.force_login(personas["ppk.makassar"])
    response = _answer(client, case, [SimpleUploadedFile(name, data, "application/pdf")])
    assert response.status_code == 400
    assert not ClarificationAnswer.objects.filter(request__case=case).exists()
    assert not CaseAttachment.objects.exists()


def _referral(personas):
    case = investigation_case(personas["analis"])
    services.share_with_partner(
        case,
        personas["analis"],
        partner="ombudsman",
        maladministration="berpihak",
        note="Penanganan bersama.",
    )
    return case, Referral.objects.get(case=case)


def test_the_ombudsman_replies_with_its_register_number_and_an_attachment(client, personas):
    case, referral = _referral(personas)
    client.force_login(personas["ombudsman"])
    response = client.post(
        reverse("cases:referral_reply", args=[referral.uuid]),
        {
            "outcome": "in_progress",
            "body": "Diregister; pemeriksaan berjalan.",
            "partner_register_number": "0123/lm/vi/2026/mks",
            "attachments": [SimpleUploadedFile("tanda-terima.pdf", PDF, "application/pdf")],
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.partner_register_number == "0123/LM/VI/2026/MKS"
    attachment = referral.replies.get().attachments.get()
    assert client.get(reverse("cases:attachment", args=[attachment.uuid])).content == PDF
    client.force_login(personas["analis"])
    page = client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert "0123/LM/VI/2026/MKS" in page and "tanda-terima.pdf" in page
    assert client.get(reverse("cases:attachment", args=[attachment.uuid])).status_code == 200
    for outsider in ("ppk.makassar", "kemendagri"):
        client.force_login(personas[outsider])
        assert client.get(reverse("cases:attachment", args=[attachment.uuid])).status_code in (403, 404)
