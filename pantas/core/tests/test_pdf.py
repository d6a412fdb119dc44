"""P-18: PDFs load nothing but our own static files. One fetcher for every app's PDFs (letters, merit reports)."""

import io
import socket

import pytest
from pypdf import PdfReader

from pantas.core.pdf import STATIC_BASE, FetchRefused, StaticOnlyFetcher, render_pdf


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/style.css",
        "https://example.com/static/pantas/pantas.css",  # our path on another host
        "http://pantas.invalid/static/pantas/pantas.css",  # our host without TLS
        "https://pantas.invalid@evil.example/static/pantas/pantas.css",
        "file:///etc/passwd",
        "data:text/css,body{}",
        f"{STATIC_BASE}../../settings/base.py",
        f"{STATIC_BASE}%2e%2e/%2e%2e/manage.py",
        f"{STATIC_BASE}pantas/..%2f..%2f..%2fmanage.py",
        f"{STATIC_BASE}pantas%5c..%5c..%5cmanage.py",
        f"{STATIC_BASE}/etc/passwd",
        f"{STATIC_BASE}%2fetc%2fpasswd",
        f"{STATIC_BASE}pantas/pantas.css%00.png",
        f"{STATIC_BASE}pantas/geo/provinces.geojson",  # a real static file, but not a style/image/font
        f"{STATIC_BASE}pantas/missing.css",
        f"{STATIC_BASE}",
        "https://pantas.invalid/media/x.png",
        "https://pantas.invalid/other/x.css",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_files(url):
    with pytest.raises(FetchRefused):
        StaticOnlyFetcher().fetch(url)


def test_the_fetcher_serves_a_static_stylesheet():
    response = StaticOnlyFetcher().fetch(f"{STATIC_BASE}pantas/pantas.css")
    assert b":root" in response.read()
    assert response.content_type == "text/css"


def test_the_fetcher_does_not_follow_a_symlink_out_of_the_static_dirs(tmp_path, settings):
    secret = tmp_path / "outside" / "secret.css"
    secret.parent.mkdir()
    secret.write_text("body { content: 'RAHASIA' }")
    static = tmp_path / "static"
    static.mkdir()
    (static / "ok.css").write_text("p { color: red }")
    (static / "leak.css").symlink_to(secret)
    settings.STATICFILES_DIRS = [static]
    assert b"color" in StaticOnlyFetcher().fetch(f"{STATIC_BASE}ok.css").read()
    with pytest.raises(FetchRefused, match="outside static dirs"):
        StaticOnlyFetcher().fetch(f"{STATIC_BASE}leak.css")


def test_rendering_never_opens_a_socket_or_reads_local_files(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    fetched = []
    fetch = StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(StaticOnlyFetcher, "fetch", spy)
    html = f"""<html><head><link rel="stylesheet" href="https://evil.example/x.css">
      <link rel="stylesheet" href="{STATIC_BASE}pantas/pantas.css">
      <link rel="stylesheet" href="/static/pantas/merit.css"></head>
      <body><p>Isi dokumen</p><img src="http://169.254.169.254/latest"><img src="file:///etc/hostname">
      <img src="data:image/png;base64,iVBORw0KGgo="></body></html>"""
    pdf = render_pdf(html)
    assert attempts == []
    assert "Isi dokumen" in "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    # Root-relative links resolve against STATIC_BASE, so they reach the same checks.
    assert f"{STATIC_BASE}pantas/merit.css" in fetched
