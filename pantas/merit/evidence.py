"""Evidence uploads: sniffed by content (not by name or browser type), size-capped, images and PDFs refused when
they hide markup, a PDF or a ZIP (polyglots) and PDFs when they carry active content, images re-encoded upright
so no metadata survives, SHA-256 kept. Office documents are accepted only as real OOXML zip packages.

Sniffing, polyglot/PDF checks and re-encoding are shared with intake in `pantas.lib.uploads`; the policy (types,
size, messages) is merit's own."""

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pantas.lib import uploads

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


def _polyglot_messages() -> dict:
    return {
        uploads.HIDDEN_MARKUP: _("Berkas berisi kode HTML/skrip tersembunyi dan ditolak."),
        uploads.HIDDEN_PDF: _("Berkas gambar yang sekaligus berisi PDF (berkas ganda) ditolak."),
        uploads.HIDDEN_ZIP: _("Berkas berisi arsip ZIP tersembunyi dan ditolak."),
        uploads.PDF_ACTIVE: _("PDF berisi JavaScript, lampiran, atau konten aktif lain dan ditolak."),
        uploads.PDF_TRUNCATED: _("PDF rusak atau tidak lengkap."),
        uploads.TRAILING_DATA: _("Berkas berisi data tambahan setelah akhir gambar/dokumen dan ditolak."),
        uploads.IMAGE_UNREADABLE: _("Gambar rusak atau tidak dapat dibaca."),
    }


def _check_polyglot(data: bytes, content_type: str) -> None:
    try:
        uploads.check_polyglot(data, content_type)
    except uploads.UploadRejected as exc:
        raise ValidationError(_polyglot_messages()[exc.code]) from None


def _reencode(data: bytes, content_type: str) -> bytes:
    """A fresh full-size upright image in the same format: no EXIF, XMP or text chunks are carried over."""
    try:
        return uploads.image_copy(data, content_type, max_pixels=MAX_PIXELS)
    except uploads.UploadRejected as exc:
        if exc.code == uploads.IMAGE_TOO_LARGE:
            raise ValidationError(_("Gambar terlalu besar (dimensi).")) from None
        raise ValidationError(_("Gambar rusak atau tidak dapat dibaca.")) from None


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
    sniffed = uploads.sniff(data[:16])
    if sniffed in ("application/pdf", "image/png", "image/jpeg"):
        _check_polyglot(data, sniffed)
    if sniffed == "application/pdf":
        content_type, ext = sniffed, "pdf"
    elif sniffed == "image/png":
        data, content_type, ext = _reencode(data, sniffed), sniffed, "png"
    elif sniffed == "image/jpeg":
        data, content_type, ext = _reencode(data, sniffed), sniffed, "jpg"
    elif sniffed == "application/zip" and (kind := _ooxml_kind(data)):
        content_type, ext = kind
    else:
        raise ValidationError(_("Jenis berkas tidak diterima. Unggah PDF, JPG, PNG, DOCX, XLSX atau PPTX."))
    return CleanFile(data, content_type, ext, hashlib.sha256(data).hexdigest())
