"""`pantas.lib.uploads` (P-03): the type comes from the bytes, images are re-encoded into fresh pixels with pixel
caps and a decompression-bomb guard. Intake and merit map the codes to their own messages (tested there)."""

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from pantas.lib import uploads


def _jpeg(size=(64, 48), orientation=None) -> bytes:
    exif = Image.Exif()
    exif[0x0110] = "KameraRahasia X1"
    exif[0x8825] = {1: "S", 2: (5.0, 8.0, 0.0), 3: "E", 4: (119.0, 25.0, 0.0)}
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(
        out, "JPEG", exif=exif, xmp=b"<x:xmpmeta>XMP-CANARY</x:xmpmeta>"
    )
    return out.getvalue()


def _png(mode="RGBA", size=(32, 32)) -> bytes:
    info = PngInfo()
    info.add_text("Comment", "AKUN-CANARY")
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _bilevel_png(width, height) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")  # millions of pixels in a few kilobytes
    return out.getvalue()


@pytest.mark.parametrize(
    ("head", "content_type"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"PK\x03\x04\x14\x00", "application/zip"),
        (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00", "video/mp4"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00", "video/quicktime"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "image/heic"),
        (b"\x1a\x45\xdf\xa3\x00\x00", "video/webm"),
        (b"\x00\x00\x00\x18ftypxxxx\x00\x00\x00\x00", None),
        (b"<html><script>", None),
        (b"MZ\x90\x00", None),
        (b"", None),
    ],
)
def test_the_type_comes_from_the_first_bytes(head, content_type):
    assert uploads.sniff(head) == content_type


def test_the_derivative_has_no_metadata_and_is_upright():
    derivative, content_type = uploads.image_derivative(
        _jpeg(size=(60, 30), orientation=6), "image/jpeg", max_pixels=10_000, max_side=2560
    )
    clean = Image.open(io.BytesIO(derivative))
    assert content_type == "image/jpeg" and clean.format == "JPEG"
    assert clean.size == (30, 60)  # EXIF orientation 6 applied before the EXIF is dropped
    assert dict(clean.getexif()) == {} and not clean.info.get("xmp") and not clean.info.get("icc_profile")
    assert b"KameraRahasia" not in derivative and b"XMP-CANARY" not in derivative


def test_the_derivative_is_downscaled_and_keeps_transparency_as_png():
    derivative, content_type = uploads.image_derivative(
        _png(size=(400, 100)), "image/png", max_pixels=10**6, max_side=200
    )
    clean = Image.open(io.BytesIO(derivative))
    assert (content_type, clean.mode, clean.size) == ("image/png", "RGBA", (200, 50))
    assert b"AKUN-CANARY" not in derivative


def test_an_opaque_png_derivative_becomes_a_jpeg():
    assert (
        uploads.image_derivative(_png("RGB"), "image/png", max_pixels=10**6, max_side=64)[1] == "image/jpeg"
    )


@pytest.mark.parametrize(("data", "content_type"), [(_jpeg(), "image/jpeg"), (_png("L"), "image/png")])
def test_the_copy_keeps_format_size_and_mode_but_no_metadata(data, content_type):
    copy = uploads.image_copy(data, content_type, max_pixels=10**6)
    original, clean = Image.open(io.BytesIO(data)), Image.open(io.BytesIO(copy))
    assert (clean.format, clean.size, clean.mode) == (original.format, original.size, original.mode)
    assert dict(clean.getexif()) == {} and "Comment" not in clean.info
    assert b"KameraRahasia" not in copy and b"AKUN-CANARY" not in copy


@pytest.mark.parametrize("reencode", ["derivative", "copy"])
def test_pixel_caps_bombs_and_broken_images_are_refused_with_codes(reencode):
    def run(data, max_pixels=40_000_000):
        if reencode == "copy":
            return uploads.image_copy(data, "image/png", max_pixels=max_pixels)
        return uploads.image_derivative(data, "image/png", max_pixels=max_pixels, max_side=2560)

    with pytest.raises(uploads.UploadRejected) as too_large:
        run(_bilevel_png(7000, 6000))  # 42 megapixels: under Pillow's own limit, over ours
    assert too_large.value.code == uploads.IMAGE_TOO_LARGE
    assert too_large.value.params == {"width": 7000, "height": 6000}
    with pytest.raises(uploads.UploadRejected) as bomb:
        run(_bilevel_png(20000, 20000), max_pixels=10**9)  # Pillow's guard fires even if ours is lax
    assert bomb.value.code == uploads.DECOMPRESSION_BOMB
    with pytest.raises(uploads.UploadRejected) as broken:
        run(_png()[:60])
    assert broken.value.code == uploads.IMAGE_UNREADABLE


def test_only_the_decoder_of_the_sniffed_type_opens_the_bytes():
    with pytest.raises(uploads.UploadRejected) as excinfo:
        uploads.image_copy(_png(), "image/jpeg", max_pixels=10**6)
    assert excinfo.value.code == uploads.IMAGE_UNREADABLE


@given(st.binary(max_size=2048), st.sampled_from(sorted(uploads.IMAGE_FORMATS)))
@settings(max_examples=100, deadline=None)
def test_arbitrary_bytes_are_refused_with_a_code_never_a_crash(data, content_type):
    for head in (b"", _png()[:33], _jpeg()[:20]):
        try:
            uploads.image_derivative(head + data, content_type, max_pixels=10**6, max_side=64)
            uploads.image_copy(head + data, content_type, max_pixels=10**6)
        except uploads.UploadRejected:
            pass


_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _appended_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.class", b"\xca\xfe\xba\xbe")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "content_type", "code"),
    [
        (_jpeg(), "image/jpeg", None),
        (_png(), "image/png", None),
        (_PDF, "application/pdf", None),
        (_jpeg()[:2] + b"\xff\xfe\x00\x10<svg onload=x>" + _jpeg()[2:], "image/jpeg", uploads.HIDDEN_MARKUP),
        (_png() + b"<?php system($_GET[1]);", "image/png", uploads.HIDDEN_MARKUP),
        (_jpeg()[:20] + b"%PDF-1.4" + _jpeg()[20:], "image/jpeg", uploads.HIDDEN_PDF),
        (_jpeg() + _appended_zip(), "image/jpeg", uploads.HIDDEN_ZIP),
        (_PDF + _appended_zip() + b"%%EOF\n", "application/pdf", uploads.HIDDEN_ZIP),
        (
            _PDF.replace(b"<<>>", b"<</OpenAction<</S/JavaScript/JS(x)>>>>"),
            "application/pdf",
            uploads.PDF_ACTIVE,
        ),
        (_PDF.replace(b"<<>>", b"<</AA<</O<</S/J#61vaScript>>>>>>"), "application/pdf", uploads.PDF_ACTIVE),
        (_PDF.replace(b"<<>>", b"<</Launch<</F(cmd.exe)>>>>"), "application/pdf", uploads.PDF_ACTIVE),
        (_PDF.replace(b"%%EOF", b""), "application/pdf", uploads.PDF_TRUNCATED),
    ],
)
def test_polyglots_and_active_pdfs_are_refused_with_codes(data, content_type, code):
    if code is None:
        uploads.check_polyglot(data, content_type)
        return
    with pytest.raises(uploads.UploadRejected) as excinfo:
        uploads.check_polyglot(data, content_type)
    assert excinfo.value.code == code


def test_a_video_is_scanned_for_markup_at_its_head_and_tail_only():
    filler = b"\x00" * (3 * 1024 * 1024)
    head = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00"
    uploads.check_polyglot(head + filler + b"<script>" + filler, "video/mp4")
    with pytest.raises(uploads.UploadRejected) as excinfo:
        uploads.check_polyglot(head + filler + b"<script>", "video/mp4")
    assert excinfo.value.code == uploads.HIDDEN_MARKUP


def test_the_copy_is_upright():
    copy = uploads.image_copy(_jpeg(size=(60, 30), orientation=6), "image/jpeg", max_pixels=10**6)
    clean = Image.open(io.BytesIO(copy))
    assert clean.size == (30, 60) and dict(clean.getexif()) == {}


# --- nothing after the end marker: the intake original is kept byte-for-byte, so no payload may ride along ---


def _progressive_jpeg() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((96, 64), 60).convert("RGB").save(out, "JPEG", progressive=True, quality=90)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        _jpeg() + b"<p onclick=alert(1)>klik</p>",
        _jpeg() + b"\xff\xd9 extra",
        _png() + b"<a href=javascript:alert(1)>x</a>",
        _progressive_jpeg() + b"PAYLOAD",
    ],
)
def test_data_after_the_image_end_marker_is_refused(data):
    content_type = uploads.sniff(data[:16])
    with pytest.raises(uploads.UploadRejected) as exc:
        uploads.check_polyglot(data, content_type)
    assert exc.value.code == uploads.TRAILING_DATA


def test_data_after_the_last_pdf_eof_is_refused_but_padding_is_fine():
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"
    uploads.check_polyglot(pdf + b"\r\n\x00\x00", "application/pdf")
    uploads.check_polyglot(pdf + b"\n" + pdf + b"\n", "application/pdf")  # incremental update
    with pytest.raises(uploads.UploadRejected) as exc:
        uploads.check_polyglot(pdf + b"\n<p>trailing</p>", "application/pdf")
    assert exc.value.code == uploads.TRAILING_DATA


def test_clean_images_and_multi_picture_jpegs_pass_the_end_check():
    for data in (_jpeg(), _png(), _progressive_jpeg(), _jpeg() + _jpeg(), _jpeg() + b"\x00\x00"):
        uploads.check_polyglot(data, uploads.sniff(data[:16]))
    webp = io.BytesIO()
    Image.new("RGB", (8, 8)).save(webp, "WEBP")
    uploads.check_polyglot(webp.getvalue(), "image/webp")
    with pytest.raises(uploads.UploadRejected):
        uploads.check_polyglot(webp.getvalue() + b"<b>x</b>", "image/webp")


def test_a_jpeg_without_its_end_marker_is_refused_as_unreadable():
    with pytest.raises(uploads.UploadRejected) as exc:
        uploads.check_polyglot(_jpeg()[:-2], "image/jpeg")
    assert exc.value.code == uploads.IMAGE_UNREADABLE
