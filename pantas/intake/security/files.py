"""Evidence file checks: type from content, extension must agree, size limits, polyglot and bomb refusal,
images re-encoded without metadata (ADR 0013). Every refusal is a clear Indonesian message.

Sniffing, polyglot/PDF checks and re-encoding are shared with merit in `pantas.lib.uploads`; the policy
(types, extensions, limits, messages) is intake's own."""

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pantas.lib import uploads

MB = 1024 * 1024
DEFAULT_LIMITS = {
    "image": 15 * MB,
    "pdf": 15 * MB,
    "video": 50 * MB,
    "max_pixels": 50_000_000,  # 8,000 × 6,000: a 48-megapixel phone photo still passes
    "derivative_side": 2560,
}

# content type → (family, allowed extensions)
TYPES = {
    "image/jpeg": ("image", {".jpg", ".jpeg", ".jfif"}),
    "image/png": ("image", {".png"}),
    "image/webp": ("image", {".webp"}),
    "application/pdf": ("pdf", {".pdf"}),
    "video/mp4": ("video", {".mp4", ".m4v"}),
    "video/quicktime": ("video", {".mov"}),
    "video/webm": ("video", {".webm"}),
}
ACCEPT = ",".join(sorted({ext for _f, exts in TYPES.values() for ext in exts}))


class FileRejected(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class CheckedFile:
    name: str
    content_type: str
    family: str
    data: bytes
    sha256: str
    derivative: bytes | None = None
    derivative_type: str = ""
    stored_name: str = ""  # set once written to storage
    stored_derivative: str = ""

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def derivative_sha256(self) -> str:
        return hashlib.sha256(self.derivative).hexdigest() if self.derivative else ""


def limits() -> dict:
    return {**DEFAULT_LIMITS, **getattr(settings, "PANTAS_EVIDENCE_LIMITS", {})}


# lib.uploads polyglot/PDF code → intake's message
_POLYGLOT_MESSAGES = {
    uploads.HIDDEN_MARKUP: _("Berkas berisi kode HTML/skrip tersembunyi dan ditolak demi keamanan."),
    uploads.HIDDEN_PDF: _("Berkas tampak sekaligus sebagai gambar/video dan PDF (berkas ganda) dan ditolak."),
    uploads.HIDDEN_ZIP: _("Berkas berisi arsip ZIP tersembunyi dan ditolak demi keamanan."),
    uploads.PDF_ACTIVE: _(
        "PDF berisi JavaScript, lampiran, atau konten aktif lain dan ditolak. Cetak ulang sebagai PDF biasa."
    ),
    uploads.PDF_TRUNCATED: _("PDF rusak atau tidak lengkap. Unggah ulang berkasnya."),
    uploads.TRAILING_DATA: _(
        "Berkas berisi data tambahan setelah akhir gambar/dokumen dan ditolak demi keamanan. "
        "Simpan ulang berkasnya lalu unggah lagi."
    ),
    uploads.IMAGE_UNREADABLE: _("Gambar rusak atau tidak dapat dibaca. Unggah ulang berkas aslinya."),
}


def _check_polyglot(data: bytes, content_type: str) -> None:
    try:
        uploads.check_polyglot(data, content_type)
    except uploads.UploadRejected as exc:
        raise FileRejected(_POLYGLOT_MESSAGES[exc.code]) from None


def _sanitise_image(data: bytes, content_type: str) -> tuple[bytes, str]:
    """Decode with an allowlisted decoder and re-encode into a fresh image: EXIF, GPS, XMP, ICC, text gone."""
    lim = limits()
    try:
        return uploads.image_derivative(
            data, content_type, max_pixels=lim["max_pixels"], max_side=lim["derivative_side"]
        )
    except uploads.UploadRejected as exc:
        if exc.code == uploads.IMAGE_TOO_LARGE:
            raise FileRejected(
                _("Dimensi gambar terlalu besar (%(w)s × %(h)s piksel). Kecilkan gambar lalu unggah ulang.")
                % {"w": exc.params["width"], "h": exc.params["height"]}
            ) from None
        if exc.code == uploads.DECOMPRESSION_BOMB:
            raise FileRejected(_("Gambar ditolak: ukuran piksel tidak wajar (bom dekompresi).")) from None
        raise FileRejected(_("Gambar rusak atau tidak dapat dibaca. Unggah ulang berkas aslinya.")) from None


def _safe_name(name: str) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" .")[:120]
    return base or "berkas"


def _extension(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_upload(uploaded) -> CheckedFile:
    """Validate one uploaded file (Django UploadedFile or anything with .name/.size/.read/.chunks)."""
    name = _safe_name(getattr(uploaded, "name", ""))
    size = getattr(uploaded, "size", None)
    lim = limits()
    biggest = max(lim["image"], lim["pdf"], lim["video"])
    if size is not None and size > biggest:
        raise FileRejected(
            _("Berkas “%(name)s” terlalu besar (%(size)s MB). Batas: foto/PDF %(img)s MB, video %(vid)s MB.")
            % _size_args(name, size, lim)
        )
    uploaded.seek(0)
    data = uploaded.read(biggest + 1)
    if len(data) == 0:
        raise FileRejected(_("Berkas “%(name)s” kosong.") % {"name": name})
    content_type = uploads.sniff(data[:16])
    if content_type not in TYPES:
        if content_type == "image/heic":
            raise FileRejected(
                _(
                    "Format HEIC belum didukung. Ubah foto ke JPG (atau ambil tangkapan layar) lalu unggah ulang."
                )
            )
        raise FileRejected(
            _(
                "Jenis berkas “%(name)s” tidak didukung. Unggah foto (JPG, PNG, WebP), PDF, atau video (MP4, MOV, WebM)."
            )
            % {"name": name}
        )
    family, extensions = TYPES[content_type]
    ext = _extension(name)
    if ext not in extensions:
        raise FileRejected(
            _(
                "Isi berkas “%(name)s” tidak sesuai dengan ekstensinya (isi: %(kind)s). Periksa kembali berkasnya."
            )
            % {"name": name, "kind": content_type}
        )
    if len(data) > lim[family]:
        raise FileRejected(
            _("Berkas “%(name)s” terlalu besar (%(size)s MB). Batas: foto/PDF %(img)s MB, video %(vid)s MB.")
            % _size_args(name, len(data), lim)
        )
    _check_polyglot(data, content_type)
    checked = CheckedFile(
        name=name,
        content_type=content_type,
        family=family,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    if family == "image":
        checked.derivative, checked.derivative_type = _sanitise_image(data, content_type)
    return checked


def _size_args(name, size, lim):
    return {
        "name": name,
        "size": f"{size / MB:.1f}",
        "img": lim["image"] // MB,
        "vid": lim["video"] // MB,
    }
