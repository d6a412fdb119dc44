"""Evidence handling (P-03): type from content, extension must agree, size limits, polyglots and bombs
refused with clear messages, metadata stripped from images, originals encrypted with their SHA-256 audited,
downloads only through a permission-checked view as sandboxed attachments."""

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from PIL import Image

from pantas.core.models import AuditEvent
from pantas.intake.models import Evidence
from pantas.intake.security import files, storage
from pantas.intake.security.files import FileRejected, check_upload
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report

from .conftest import jpeg_with_gps, pdf_bytes, png_bytes, upload
from .factories import CsoReportFactory

pytestmark = pytest.mark.django_db


def _reject(name, data) -> str:
    with pytest.raises(FileRejected) as excinfo:
        check_upload(upload(name, data))
    return str(excinfo.value.message)


def test_exif_gps_and_xmp_are_gone_from_the_derivative():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get(0x8825)  # the fixture really carries GPS
    checked = check_upload(upload("foto.JPG", original))
    assert checked.sha256 == hashlib.sha256(original).hexdigest()
    clean = Image.open(io.BytesIO(checked.derivative))
    assert dict(clean.getexif()) == {}
    assert not clean.info.get("exif") and not clean.info.get("xmp") and not clean.info.get("icc_profile")
    assert b"XMP-CANARY" not in checked.derivative and b"KameraRahasia" not in checked.derivative


def test_png_text_chunks_are_gone_and_transparency_is_kept():
    checked = check_upload(upload("layar.png", png_bytes(text_chunk="AKUN-PELAPOR-CANARY")))
    assert b"AKUN-PELAPOR-CANARY" not in checked.derivative
    clean = Image.open(io.BytesIO(checked.derivative))
    assert clean.mode == "RGBA" and "Comment" not in clean.info


def test_the_derivative_is_downscaled_for_viewing():
    big = io.BytesIO()
    Image.new("RGB", (4000, 3000), (9, 9, 9)).save(big, "JPEG")
    checked = check_upload(upload("besar.jpg", big.getvalue()))
    assert max(Image.open(io.BytesIO(checked.derivative)).size) <= 2560


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("foto.jpg", pdf_bytes(), "tidak sesuai dengan ekstensinya"),  # renamed PDF
        ("dokumen.pdf", jpeg_with_gps(), "tidak sesuai dengan ekstensinya"),  # renamed JPEG
        (
            "foto.jpg",
            b"<html><body><script>alert(1)</script></body></html>",
            "tidak didukung",
        ),  # HTML renamed
        ("foto.jpg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>', "tidak didukung"),
        ("foto.jpg", b"MZ\x90\x00\x03" + b"\x00" * 100, "tidak didukung"),  # Windows executable
        ("foto.jpg", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "HEIC"),
        ("foto.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "tidak didukung"),
        ("kosong.jpg", b"", "kosong"),
        ("tanpa-ekstensi", jpeg_with_gps(), "tidak sesuai dengan ekstensinya"),
    ],
)
def test_wrong_or_disguised_types_are_refused_with_clear_messages(name, data, message):
    assert message in _reject(name, data)


def test_a_jpeg_html_polyglot_is_refused():
    data = jpeg_with_gps()
    polyglot = data[:2] + b"\xff\xfe\x00\x20<script>alert(document.domain)</script>" + data[2:]
    assert "HTML/skrip" in _reject("foto.jpg", polyglot)


def test_a_jpeg_with_an_appended_zip_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("payload.class", b"cafebabe")
    assert "ZIP" in _reject("foto.jpg", jpeg_with_gps() + archive.getvalue())


def test_an_image_pdf_polyglot_is_refused():
    data = jpeg_with_gps()
    polyglot = data[:20] + b"%PDF-1.4" + data[20:]
    assert "PDF" in _reject("foto.jpg", polyglot)


@pytest.mark.parametrize(
    "active", [b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>", b"/AA<</O<</S/J#61vaScript>>>>", b"/Launch"]
)
def test_a_pdf_with_active_content_is_refused(active):
    assert "JavaScript" in _reject("surat.pdf", pdf_bytes(active))


def test_a_plain_pdf_is_accepted_without_derivative():
    checked = check_upload(upload("surat.pdf", pdf_bytes()))
    assert checked.content_type == "application/pdf" and checked.derivative is None


def test_oversized_files_are_refused(settings):
    settings.PANTAS_EVIDENCE_LIMITS = {"image": 1000, "pdf": 1000, "video": 2000}
    big = io.BytesIO()
    Image.effect_noise((200, 200), 100).convert("RGB").save(big, "JPEG", quality=100)
    assert "terlalu besar" in _reject("foto.jpg", big.getvalue())


def test_a_decompression_bomb_is_refused():
    bomb = io.BytesIO()
    Image.new("1", (20000, 20000)).save(bomb, "PNG")  # 400 megapixels, a few kilobytes on disk
    assert len(bomb.getvalue()) < 200_000
    assert "terlalu besar" in _reject("bom.png", bomb.getvalue()) or "bom" in _reject(
        "bom.png", bomb.getvalue()
    )


def test_a_truncated_image_is_refused():
    assert "rusak" in _reject("foto.jpg", jpeg_with_gps()[:200])


def test_videos_are_accepted_by_container_signature():
    mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
    checked = check_upload(upload("rekaman.mp4", mp4))
    assert checked.content_type == "video/mp4" and checked.family == "video"


@given(st.binary(max_size=2048))
@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_arbitrary_bytes_never_crash_the_checker(data):
    for name in ("x.jpg", "x.png", "x.pdf", "x.mp4"):
        try:
            check_upload(upload(name, data))
        except FileRejected:
            pass


def _report_with_photo(**kwargs):
    checked = check_upload(upload("foto.jpg", jpeg_with_gps()))
    return submit_report(
        ReportInput(
            description="Foto bersama calon bupati di kantor.",
            persons=[PersonInput(name="Budi")],
            files=[checked],
            anonymity="anonymous",
            **kwargs,
        )
    ).report


def test_originals_are_encrypted_at_rest_with_random_names_and_hash_audited():
    report = _report_with_photo()
    evidence = report.evidence.get()
    stored = Path(settings.EVIDENCE_ROOT) / "intake" / evidence.storage_name[:2] / evidence.storage_name
    raw = stored.read_bytes()
    assert b"\xff\xd8\xff" not in raw[:64] and b"KameraRahasia" not in raw
    assert "foto" not in evidence.storage_name
    assert hashlib.sha256(storage.load(evidence.storage_name)).hexdigest() == evidence.sha256
    event = AuditEvent.objects.get(action="intake.report.received", object_id=str(report.pk))
    assert event.data["evidence"][0]["sha256"] == evidence.sha256


def test_downloads_are_sandboxed_attachments(client, personas):
    report = _report_with_photo()
    evidence = report.evidence.get()
    client.force_login(personas["analis"])
    response = client.get(reverse("intake:evidence", args=[evidence.uuid]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert dict(Image.open(io.BytesIO(response.content)).getexif()) == {}


def test_the_original_download_is_for_handlers_only_and_audited(client, personas):
    report = _report_with_photo()
    evidence = report.evidence.get()
    url = reverse("intake:evidence_original", args=[evidence.uuid])
    client.force_login(personas["analis"])
    response = client.get(url)
    assert response.status_code == 200 and hashlib.sha256(response.content).hexdigest() == evidence.sha256
    assert AuditEvent.objects.filter(
        action="intake.evidence.original_downloaded", actor=personas["analis"]
    ).exists()
    client.force_login(personas["admin"])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("username", "status"), [("cso.pattiro", 200), ("bawaslu.sulsel", 404), ("ppk.makassar", 403)]
)
def test_evidence_of_another_organisation_does_not_exist(client, personas, username, status):
    report = CsoReportFactory()
    data = jpeg_with_gps()
    evidence = Evidence.objects.create(
        report=report,
        kind="file",
        sha256=hashlib.sha256(data).hexdigest(),
        file_name="f.jpg",
        content_type="image/jpeg",
        size=len(data),
        storage_name=storage.save(data),
    )
    client.force_login(personas[username])
    assert client.get(reverse("intake:evidence", args=[evidence.uuid])).status_code == status


def test_files_are_removed_when_the_report_is_not_saved(monkeypatch):
    from pantas.intake.services import submit

    def boom(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(submit, "_create", boom)
    with pytest.raises(RuntimeError):
        _report_with_photo()
    assert not any(p.is_file() for p in Path(settings.EVIDENCE_ROOT).rglob("*"))


def test_accepted_types_match_the_allowlist():
    assert set(files.TYPES) == {
        "image/jpeg",
        "image/png",
        "image/webp",
        "application/pdf",
        "video/mp4",
        "video/quicktime",
        "video/webm",
    }
