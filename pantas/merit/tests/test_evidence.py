"""Merit evidence files: sniffed by content, images re-encoded at full size in their own format without metadata,
OOXML only as real packages, each refusal with merit's own message (shared checks: `pantas.lib.uploads`)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from pantas.merit.evidence import clean_upload

from . import factories as f


def _upload(data: bytes, name="bukti.bin"):
    return SimpleUploadedFile(name, data)


def _refusal(data: bytes) -> str:
    with pytest.raises(ValidationError) as excinfo:
        clean_upload(_upload(data))
    return excinfo.value.messages[0]


def _image(fmt, mode="RGB", size=(64, 48), **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 90).save(out, fmt, **save)
    return out.getvalue()


def test_a_photo_keeps_its_format_and_size_but_loses_its_metadata():
    exif = Image.Exif()
    exif[0x0110] = "KameraRahasia X1"
    clean = clean_upload(_upload(_image("JPEG", exif=exif)))
    assert (clean.content_type, clean.extension) == ("image/jpeg", "jpg")
    image = Image.open(io.BytesIO(clean.content))
    assert image.size == (64, 48) and dict(image.getexif()) == {}
    assert b"KameraRahasia" not in clean.content


def test_a_screenshot_keeps_transparency_but_loses_its_text_chunks():
    info = PngInfo()
    info.add_text("Comment", "AKUN-CANARY")
    clean = clean_upload(_upload(_image("PNG", mode="RGBA", pnginfo=info)))
    assert (clean.content_type, clean.extension) == ("image/png", "png")
    assert Image.open(io.BytesIO(clean.content)).mode == "RGBA" and b"AKUN-CANARY" not in clean.content


def test_a_pdf_is_kept_as_sent():
    clean = clean_upload(_upload(f.PDF_BYTES))
    assert (clean.content, clean.content_type, clean.extension) == (f.PDF_BYTES, "application/pdf", "pdf")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_image("PNG", mode="1", size=(7000, 6000)), "Gambar terlalu besar (dimensi)."),
        (_image("PNG", mode="1", size=(20000, 20000)), "Gambar rusak atau tidak dapat dibaca."),  # bomb
        (_image("JPEG")[:200], "Gambar rusak atau tidak dapat dibaca."),
        (_image("WEBP"), "Jenis berkas tidak diterima."),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "Jenis berkas tidak diterima."),
        (b"<html><script>alert(1)</script>", "Jenis berkas tidak diterima."),
        (b"x" * (5 * 1024 * 1024 + 1), "Berkas melebihi 5 MB."),
    ],
)
def test_refusals_carry_merits_own_messages(data, message):
    assert _refusal(data).startswith(message)


def _zip(*names) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


def test_office_documents_only_as_real_ooxml_packages():
    clean = clean_upload(_upload(_zip("[Content_Types].xml", "word/document.xml")))
    assert clean.extension == "docx"
    assert _refusal(_zip("payload.class")).startswith("Jenis berkas tidak diterima.")
