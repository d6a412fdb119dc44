"""Evidence uploads: sniffed by content (not by name or browser type), size-capped, images re-encoded so no
metadata survives, SHA-256 kept. Office documents are accepted only as real OOXML zip packages."""

import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}


@dataclass
class CleanFile:
    content: bytes
    content_type: str
    extension: str
    sha256: str


def _reencode(data: bytes, fmt: str) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("Gambar terlalu besar (dimensi)."))
            image.load()
        except (OSError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise ValidationError(_("Gambar rusak atau tidak dapat dibaca.")) from exc
    if image.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):
        image = image.convert("RGBA" if fmt == "PNG" else "RGB")
    if fmt == "JPEG" and image.mode in ("RGBA", "LA"):
        image = image.convert("RGB")
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    clean.save(out, format=fmt)  # a fresh image: no EXIF, XMP or text chunks are carried over
    return out.getvalue()


def _ooxml_kind(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" not in names or len(names) > 2000:
                return None
            if sum(i.file_size for i in archive.infolist()) > 20 * MAX_BYTES:  # zip bomb guard
                return None
    except (zipfile.BadZipFile, ValueError):
        return None
    for prefix, kind in OOXML.items():
        if any(n.startswith(prefix) for n in names):
            return kind
    return None


def clean_upload(upload) -> CleanFile:
    """Return a safe copy of an uploaded evidence file or raise ValidationError naming the problem."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Berkas melebihi 5 MB."))
    data = upload.read()
    if data.startswith(b"%PDF-"):
        content_type, ext = "application/pdf", "pdf"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        data, content_type, ext = _reencode(data, "PNG"), "image/png", "png"
    elif data.startswith(b"\xff\xd8\xff"):
        data, content_type, ext = _reencode(data, "JPEG"), "image/jpeg", "jpg"
    elif data.startswith(b"PK\x03\x04") and (kind := _ooxml_kind(data)):
        content_type, ext = kind
    else:
        raise ValidationError(_("Jenis berkas tidak diterima. Unggah PDF, JPG, PNG, DOCX, XLSX atau PPTX."))
    return CleanFile(data, content_type, ext, hashlib.sha256(data).hexdigest())
