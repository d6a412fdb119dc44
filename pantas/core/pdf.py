"""PDFs with WeasyPrint whose only loadable resources are our own static files (P-18).

Templates link static files under `STATIC_BASE` (absolute) or as `/static/...` (resolved against it).
`StaticOnlyFetcher` maps exactly those URLs to files found by Django's static finders and refuses everything
else: http, https to any other host or path, file:, data:, paths escaping the static dirs (also percent-encoded
or through a symlink) and anything but style, image and font files. Rendering therefore never opens a socket or
reads an arbitrary file. User text must reach the HTML autoescaped (Django templates).
"""

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_ORIGIN = "https://pantas.invalid"
STATIC_BASE = f"{PDF_ORIGIN}/static/"
CONTENT_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


class FetchRefused(ValueError):
    """A PDF asked for a resource outside our static files."""


def _static_roots() -> list[Path]:
    roots = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            roots.append(Path(storage.location).resolve())
    return roots


def static_file(url: str) -> Path:
    """The static file behind an allowed URL, or FetchRefused."""
    parts = urlsplit(url)
    if not url.startswith(STATIC_BASE) or f"{parts.scheme}://{parts.netloc}" != PDF_ORIGIN:
        raise FetchRefused(f"refused URL: {url[:80]}")
    relative = unquote(parts.path.removeprefix(urlsplit(STATIC_BASE).path))
    if (
        not relative
        or relative.startswith("/")
        or "\\" in relative
        or "\x00" in relative
        or ".." in PurePosixPath(relative).parts
    ):
        raise FetchRefused(f"refused path: {relative[:80]}")
    if PurePosixPath(relative).suffix.lower() not in CONTENT_TYPES:
        raise FetchRefused(f"refused file type: {relative[:80]}")
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation as exc:
        raise FetchRefused(f"refused path: {relative[:80]}") from exc
    if not found:
        raise FetchRefused(f"no such static file: {relative[:80]}")
    path = Path(found).resolve()
    if (
        not any(path.is_relative_to(root) for root in _static_roots())
        or path.suffix.lower() not in CONTENT_TYPES
    ):
        raise FetchRefused(f"outside static dirs: {relative[:80]}")
    return path


class StaticOnlyFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols=["https"], allow_redirects=False, fail_on_errors=False)

    def fetch(self, url, headers=None):
        path = static_file(url)
        content_type = CONTENT_TYPES[path.suffix.lower()]
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})


def render_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticOnlyFetcher()).write_pdf()
