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


def _jpeg() -> bytes:
    return _image("JPEG")


def _html_in_jpeg_comment() -> bytes:
    """A valid JPEG whose comment segment is an HTML page a browser sniffing the bytes would run."""
    html = b"<html><script>alert(document.domain)</script></html>"
    data = _jpeg()
    return data[:2] + b"\xff\xfe" + (len(html) + 2).to_bytes(2, "big") + html + data[2:]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_html_in_jpeg_comment(), "Berkas berisi kode HTML/skrip tersembunyi"),
        (_jpeg()[:20] + b"%PDF-1.4" + _jpeg()[20:], "Berkas gambar yang sekaligus berisi PDF"),
        (_jpeg() + _zip("payload.class"), "Berkas berisi arsip ZIP tersembunyi"),
        (
            f.PDF_BYTES.replace(b"<<>>endobj", b"<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj"),
            "PDF berisi JavaScript",
        ),
        (
            f.PDF_BYTES.replace(b"<<>>endobj", b"<</AA<</O<</S/J#61vaScript>>>>>>endobj"),
            "PDF berisi JavaScript",
        ),
        (f.PDF_BYTES.replace(b"%%EOF", b""), "PDF rusak atau tidak lengkap."),
    ],
)
def test_polyglots_and_active_pdfs_are_refused(data, message):
    assert _refusal(data).startswith(message)


def test_a_rotated_photo_comes_out_upright_without_exif():
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display": the camera stored it sideways
    exif[0x0110] = "KameraRahasia X1"
    out = io.BytesIO()
    sideways = Image.new("RGB", (60, 30), (0, 0, 0))
    sideways.paste((255, 255, 255), (0, 0, 30, 30))  # white left half: on top once turned upright
    sideways.save(out, "JPEG", exif=exif, quality=95)
    clean = clean_upload(_upload(out.getvalue()))
    image = Image.open(io.BytesIO(clean.content))
    assert image.size == (30, 60)
    assert dict(image.getexif()) == {} and b"KameraRahasia" not in clean.content
    top, bottom = image.getpixel((15, 10)), image.getpixel((15, 50))
    assert min(top) > 200 and max(bottom) < 50
