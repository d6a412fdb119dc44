"""Upload checks shared by intake and merit evidence. Framework-free: the type comes from the first bytes (never
from the name or the browser's claim), files are refused when they hide a second format (polyglots) or, for PDFs,
active content, and images are decoded and re-encoded into fresh pixels so no metadata (EXIF, GPS, XMP, ICC, text
chunks) survives. Failures raise `UploadRejected` with a code; each app keeps its own policy (which types, which
sizes) and maps the code to its own translated message.
"""

import io
import re
import struct
import warnings
from collections.abc import Callable

from PIL import Image, ImageOps, UnidentifiedImageError

# UploadRejected codes
IMAGE_TOO_LARGE = "image_too_large"  # params: width, height
DECOMPRESSION_BOMB = "decompression_bomb"
IMAGE_UNREADABLE = "image_unreadable"
HIDDEN_MARKUP = "hidden_markup"  # HTML/script/PHP a browser or server could run
HIDDEN_PDF = "hidden_pdf"  # an image/video that is also a PDF
HIDDEN_ZIP = "hidden_zip"  # a ZIP/JAR directory inside the file
PDF_ACTIVE = "pdf_active"  # JavaScript, launch actions, attachments, forms
PDF_TRUNCATED = "pdf_truncated"  # no %%EOF near the end
TRAILING_DATA = (
    "trailing_data"  # bytes after the format's end marker (JPEG EOI, PNG IEND, WebP RIFF, PDF %%EOF)
)

# Only the decoder of the sniffed type may open the bytes.
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}

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
_HEIF_BRANDS = {b"heic", b"heix", b"mif1", b"heif", b"hevc"}

# Markup a browser would sniff and run, PHP, and PDF active content (names may be #xx-escaped: /J#61vaScript).
_MARKUP = re.compile(rb"<(?:script|html|svg|iframe|body|object|embed)[\s/>]|<\?php|<!doctype\s+html", re.I)
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)\b")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_VIDEO_SCAN = 2 * 1024 * 1024  # videos are large and binary: scan head and tail only


class UploadRejected(Exception):
    """A file refused for a reason named by `code` (see the constants above); `params` fill the message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def sniff(head: bytes) -> str | None:
    """The content type from the first bytes (16 are enough), or None when the format is not recognised.

    Recognised is not accepted: GIF, HEIC and ZIP are named here so an app can refuse them with a useful
    message or inspect them further (merit's OOXML documents).
    """
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"PK\x03\x04"):
        return "application/zip"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand == b"qt  ":
            return "video/quicktime"
        if brand in _MP4_BRANDS:
            return "video/mp4"
        if brand in _HEIF_BRANDS:
            return "image/heic"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    return None


def check_polyglot(data: bytes, content_type: str) -> None:
    """Refuse an image, PDF or video (the sniffed `content_type`) that hides markup, a PDF or a ZIP directory,
    and a PDF with active content or without its end marker. Not for archives: a ZIP is a ZIP directory."""
    window = data
    if content_type.startswith("video/"):
        window = data[:_VIDEO_SCAN] + data[-_VIDEO_SCAN:]
    if _MARKUP.search(window):
        raise UploadRejected(HIDDEN_MARKUP)
    if content_type != "application/pdf" and b"%PDF-" in data[:1024]:
        raise UploadRejected(HIDDEN_PDF)
    if _has_zip_directory(data):
        raise UploadRejected(HIDDEN_ZIP)
    if content_type == "application/pdf":
        normalised = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
        if _PDF_ACTIVE.search(normalised):
            raise UploadRejected(PDF_ACTIVE)
        if b"%%EOF" not in data[-2048:]:
            raise UploadRejected(PDF_TRUNCATED)
    check_end(data, content_type)


# Padding some writers leave after the end marker; anything else there is a payload riding along.
_PADDING = b"\x00\r\n\t "


def check_end(data: bytes, content_type: str) -> None:
    """Refuse bytes after the end of an image or PDF: the original is kept byte-for-byte, so a payload appended
    after the JPEG EOI / PNG IEND / WebP RIFF chunk / last PDF %%EOF would ride along with it. JPEGs may be
    followed by further complete JPEGs (MPF: phones store depth maps and previews that way)."""
    if content_type == "image/jpeg":
        end = _jpeg_end(data, 0)
        while end is not None and data.startswith(b"\xff\xd8\xff", end):
            end = _jpeg_end(data, end)
        if end is None:
            raise UploadRejected(IMAGE_UNREADABLE)
    elif content_type == "image/png":
        end = _png_end(data)
        if end is None:
            raise UploadRejected(IMAGE_UNREADABLE)
    elif content_type == "image/webp":
        (size,) = struct.unpack_from("<I", data, 4)
        end = 8 + size + (size & 1)
        if 8 + size > len(data):
            raise UploadRejected(IMAGE_UNREADABLE)
    elif content_type == "application/pdf":
        end = data.rfind(b"%%EOF") + len(b"%%EOF")
    else:
        return
    if data[end:].strip(_PADDING):
        raise UploadRejected(TRAILING_DATA)


def _jpeg_end(data: bytes, start: int) -> int | None:
    """The offset just after the EOI of the JPEG starting at `start` (walking segments and entropy-coded
    data), or None when the structure is broken or has no EOI."""
    n = len(data)
    i = start + 2  # after SOI
    while i < n:
        if data[i] != 0xFF:
            return None
        while i < n and data[i] == 0xFF:  # fill bytes
            i += 1
        if i >= n:
            return None
        marker = data[i]
        i += 1
        if marker == 0xD9:
            return i
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # standalone markers
            continue
        if i + 2 > n:
            return None
        length = int.from_bytes(data[i : i + 2], "big")
        if length < 2:
            return None
        i += length
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the next real marker
            while True:
                j = data.find(b"\xff", i)
                if j == -1 or j + 1 >= n:
                    return None
                following = data[j + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:  # stuffed byte, restart marker
                    i = j + 2
                    continue
                i = j
                break
    return None


def _png_end(data: bytes) -> int | None:
    """The offset just after the IEND chunk, or None when the chunk chain is broken."""
    i, n = 8, len(data)
    while i + 12 <= n:
        (length,) = struct.unpack_from(">I", data, i)
        kind = data[i + 4 : i + 8]
        i += 12 + length
        if kind == b"IEND":
            return i if i <= n else None
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


def image_derivative(data: bytes, content_type: str, *, max_pixels: int, max_side: int) -> tuple[bytes, str]:
    """A viewing copy: EXIF orientation applied, longest side at most `max_side` (JPEGs decoded at reduced
    scale: fast and memory-bounded), PNG when transparent, JPEG otherwise. Returns (bytes, content type)."""

    def shrink(img: Image.Image) -> Image.Image:
        if content_type == "image/jpeg":
            img.draft("RGB", (max_side, max_side))
        img.load()
        img = ImageOps.exif_transpose(img)
        img.thumbnail((max_side, max_side))
        has_alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
        return img.convert("RGBA" if has_alpha else "RGB")

    clean = _fresh_pixels(data, content_type, max_pixels, shrink)
    out = io.BytesIO()
    if clean.mode == "RGBA":
        clean.save(out, "PNG", optimize=True)
        return out.getvalue(), "image/png"
    clean.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue(), "image/jpeg"


def image_thumbnail(data: bytes, content_type: str, *, max_pixels: int, side: int = 320) -> bytes:
    """A small JPEG for showing inline: fresh pixels, at most `side` on the longest side, transparency laid on
    white, no metadata of any kind (nothing but the pixels is written)."""

    def small(img: Image.Image) -> Image.Image:
        if content_type == "image/jpeg":
            img.draft("RGB", (side, side))
        img.load()
        img = ImageOps.exif_transpose(img)
        img.thumbnail((side, side))
        if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
            rgba = img.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            return flat
        return img.convert("RGB")

    clean = _fresh_pixels(data, content_type, max_pixels, small)
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=80, optimize=True)
    return out.getvalue()


def image_copy(data: bytes, content_type: str, *, max_pixels: int) -> bytes:
    """A full-size copy in the same format, pixels only, EXIF orientation applied (the EXIF tag is dropped
    with the rest, so the pixels themselves must be upright)."""
    fmt = IMAGE_FORMATS[content_type]

    def normalise(img: Image.Image) -> Image.Image:
        img.load()
        img = ImageOps.exif_transpose(img)
        if img.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):
            img = img.convert("RGBA" if fmt == "PNG" else "RGB")
        if fmt == "JPEG" and img.mode in ("RGBA", "LA"):
            img = img.convert("RGB")
        return img

    clean = _fresh_pixels(data, content_type, max_pixels, normalise)
    out = io.BytesIO()
    clean.save(out, format=fmt)
    return out.getvalue()


def _fresh_pixels(
    data: bytes, content_type: str, max_pixels: int, prepare: Callable[[Image.Image], Image.Image]
) -> Image.Image:
    """Decode with the one allowlisted decoder, refuse oversized and bomb images before decoding pixels, and
    copy the prepared pixels into a new image that carries no info dict and no metadata."""
    try:
        with warnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS and raises above twice that: both are bombs here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=[IMAGE_FORMATS[content_type]])
            width, height = img.size
            if width * height > max_pixels:
                raise UploadRejected(IMAGE_TOO_LARGE, width=width, height=height)
            img = prepare(img)
            return Image.frombytes(img.mode, img.size, img.tobytes())
    except UploadRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRejected(DECOMPRESSION_BOMB) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, struct.error):
        raise UploadRejected(IMAGE_UNREADABLE) from None
