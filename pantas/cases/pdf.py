"""Letter PDFs with WeasyPrint. The only resources a letter may load are our own static files (P-18).

Templates refer to static files under `STATIC_BASE`; `StaticOnlyFetcher` maps exactly those URLs to files found
by Django's static finders and refuses everything else (http, https, file, data, paths escaping the static dirs),
so rendering never opens a socket or reads an arbitrary file. User text reaches the template only autoescaped.
"""

import mimetypes
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_BASE = "https://letters.pantas.invalid/static/"
LETTER_TEMPLATE = "cases/letters/recommendation_pdf.html"


class FetchRefused(ValueError):
    """A letter asked for a resource outside our static files."""


def _static_roots() -> list[Path]:
    roots = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            roots.append(Path(storage.location).resolve())
    return roots


class StaticOnlyFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols=["https"], allow_redirects=False, fail_on_errors=False)

    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_BASE):
            raise FetchRefused(f"refused: {url[:80]}")
        relative = unquote(urlsplit(url).path.removeprefix(urlsplit(STATIC_BASE).path))
        if not relative or relative.startswith("/") or "\\" in relative or ".." in Path(relative).parts:
            raise FetchRefused(f"refused path: {relative[:80]}")
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation as exc:
            raise FetchRefused(f"refused path: {relative[:80]}") from exc
        if not found:
            raise FetchRefused(f"no such static file: {relative[:80]}")
        path = Path(found).resolve()
        if not any(path.is_relative_to(root) for root in _static_roots()):
            raise FetchRefused(f"outside static dirs: {relative[:80]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})


def qr_svg(data: str) -> str:
    """An inline SVG QR code (inline, so the PDF needs no data: URL)."""
    buffer = BytesIO()
    segno.make(data, error="m").save(buffer, kind="svg", scale=3, border=2, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticOnlyFetcher()).write_pdf()


def render_letter_pdf(context: dict) -> bytes:
    html = render_to_string(LETTER_TEMPLATE, {**context, "static_base": STATIC_BASE, "for_pdf": True})
    return html_to_pdf(html)
