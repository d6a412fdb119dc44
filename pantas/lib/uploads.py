"""Upload checks shared by intake and merit evidence. Framework-free: the type comes from the first bytes (never
from the name or the browser's claim) and images are decoded and re-encoded into fresh pixels so no metadata
(EXIF, GPS, XMP, ICC, text chunks) survives. Failures raise `UploadRejected` with a code; each app keeps its own
policy (which types, which sizes) and maps the code to its own translated message.
"""

import io
import struct
import warnings
from collections.abc import Callable

from PIL import Image, ImageOps, UnidentifiedImageError

# UploadRejected codes
IMAGE_TOO_LARGE = "image_too_large"  # params: width, height
DECOMPRESSION_BOMB = "decompression_bomb"
IMAGE_UNREADABLE = "image_unreadable"

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


def image_copy(data: bytes, content_type: str, *, max_pixels: int) -> bytes:
    """A full-size copy in the same format, pixels only."""
    fmt = IMAGE_FORMATS[content_type]

    def normalise(img: Image.Image) -> Image.Image:
        img.load()
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
