"""Intake test fixtures: cheap Argon2 for receipts, a clean cache, a private evidence root, a custodian key,
and sample files (a phone photo with GPS EXIF, a PDF, …)."""

import io

import nacl.pwhash
import pytest
from PIL import Image

CUSTODIAN_PASSPHRASE = "frasa-sandi-kustodian-uji"


@pytest.fixture(autouse=True)
def _intake_settings(settings, tmp_path):
    settings.PANTAS_RECEIPT_ARGON2 = {"time_cost": 1, "memory_cost": 1024}
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.PANTAS_INTAKE_LIMITS = {"min_fill_seconds": 0}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def custodian_key(db, personas):
    from pantas.intake.services.identity import create_custodian_key

    return create_custodian_key(
        personas["kustodian"],
        CUSTODIAN_PASSPHRASE,
        "Kunci uji",
        opslimit=nacl.pwhash.argon2id.OPSLIMIT_MIN,
        memlimit=nacl.pwhash.argon2id.MEMLIMIT_MIN,
    )


def jpeg_with_gps(size=(64, 48)) -> bytes:
    """A JPEG carrying EXIF GPS coordinates, a camera model and an XMP packet."""
    img = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = "KameraRahasia X1"  # Model
    exif[0x8825] = {1: "S", 2: (5.0, 8.0, 0.0), 3: "E", 4: (119.0, 25.0, 0.0)}  # GPSInfo: Makassar
    out = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>XMP-CANARY</rdf:Description></x:xmpmeta>'
    img.save(out, "JPEG", exif=exif, xmp=xmp)
    return out.getvalue()


def png_bytes(size=(32, 32), text_chunk=None) -> bytes:
    from PIL.PngImagePlugin import PngInfo

    img = Image.new("RGBA", size, (0, 128, 0, 128))
    info = PngInfo()
    if text_chunk:
        info.add_text("Comment", text_chunk)
    out = io.BytesIO()
    img.save(out, "PNG", pnginfo=info)
    return out.getvalue()


def pdf_bytes(extra: bytes = b"") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R" + extra + b">>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def upload(name: str, data: bytes, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)
