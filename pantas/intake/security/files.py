"""Evidence file checks: type from content, extension must agree, size limits, polyglot and bomb refusal,
images re-encoded without metadata (ADR 0013). Every refusal is a clear Indonesian message."""

import hashlib
import io
import re
import struct
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

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
PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
ACCEPT = ",".join(sorted({ext for _f, exts in TYPES.values() for ext in exts}))

# Markup a browser would sniff and run, PHP, and PDF active content.
_MARKUP = re.compile(rb"<(?:script|html|svg|iframe|body|object|embed)[\s/>]|<\?php|<!doctype\s+html", re.I)
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)\b")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


_MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"M4V ",
    b"dash",
    b"3gp4",
    b"3gp5",
    b"3gp6",
    b"3g2a",
    b"MSNV",
}


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


def sniff(head: bytes) -> str | None:
    """The content type from the first bytes, ignoring the name the client sent."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand == b"qt  ":
            return "video/quicktime"
        if brand in _MP4_BRANDS:
            return "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    return None


def _known_other(head: bytes) -> str | None:
    """Recognised but refused formats, so the message can say what to do."""
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypheif", b"ftyphevc"):
        return "heic"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    return None


def _has_zip_directory(data: bytes) -> bool:
    """True when a ZIP end-of-central-directory record sits right after a central directory (JAR/ZIP polyglot).

    The directory is located by its size counted back from the record, so appended archives (whose offsets
    are relative to the archive, not the file) are found too.
    """
    tail_start = max(0, len(data) - 65557)
    pos = data.rfind(b"PK\x05\x06", tail_start)
    while pos != -1:
        if pos + 22 <= len(data):
            (cd_size,) = struct.unpack_from("<I", data, pos + 12)
            start = pos - cd_size
            if 0 < cd_size <= pos and data[start : start + 4] == b"PK\x01\x02":
                return True
        pos = data.rfind(b"PK\x05\x06", tail_start, pos)
    return False


def _check_polyglot(data: bytes, content_type: str) -> None:
    family = TYPES[content_type][0]
    window = data if family != "video" else data[: 2 * MB] + data[-2 * MB :]
    if _MARKUP.search(window):
        raise FileRejected(_("Berkas berisi kode HTML/skrip tersembunyi dan ditolak demi keamanan."))
    if content_type != "application/pdf" and b"%PDF-" in data[:1024]:
        raise FileRejected(
            _("Berkas tampak sekaligus sebagai gambar/video dan PDF (berkas ganda) dan ditolak.")
        )
    if _has_zip_directory(data):
        raise FileRejected(_("Berkas berisi arsip ZIP tersembunyi dan ditolak demi keamanan."))
    if content_type == "application/pdf":
        normalised = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
        if _PDF_ACTIVE.search(normalised):
            raise FileRejected(
                _(
                    "PDF berisi JavaScript, lampiran, atau konten aktif lain dan ditolak. Cetak ulang sebagai PDF biasa."
                )
            )
        if b"%%EOF" not in data[-2048:]:
            raise FileRejected(_("PDF rusak atau tidak lengkap. Unggah ulang berkasnya."))


def _sanitise_image(data: bytes, content_type: str) -> tuple[bytes, str]:
    """Decode with an allowlisted decoder and re-encode into a fresh image: EXIF, GPS, XMP, ICC, text gone."""
    lim = limits()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=[PIL_FORMATS[content_type]])
            width, height = img.size
            if width * height > lim["max_pixels"]:
                raise FileRejected(
                    _(
                        "Dimensi gambar terlalu besar (%(w)s × %(h)s piksel). Kecilkan gambar lalu unggah ulang."
                    )
                    % {"w": width, "h": height}
                )
            side = lim["derivative_side"]
            if content_type == "image/jpeg":
                img.draft("RGB", (side, side))  # decode at reduced scale: fast and memory-bounded
            img.load()
            img = ImageOps.exif_transpose(img)
            img.thumbnail((side, side))
            has_alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
            img = img.convert("RGBA" if has_alpha else "RGB")
            clean = Image.frombytes(img.mode, img.size, img.tobytes())  # no info, no metadata carried over
    except FileRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise FileRejected(_("Gambar ditolak: ukuran piksel tidak wajar (bom dekompresi).")) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, struct.error):
        raise FileRejected(_("Gambar rusak atau tidak dapat dibaca. Unggah ulang berkas aslinya.")) from None
    out = io.BytesIO()
    if has_alpha:
        clean.save(out, "PNG", optimize=True)
        return out.getvalue(), "image/png"
    clean.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue(), "image/jpeg"


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
    content_type = sniff(data[:16])
    if content_type is None:
        other = _known_other(data[:16])
        if other == "heic":
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
