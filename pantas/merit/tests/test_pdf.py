"""The per-agency PDF report: content (pypdf), charts, and a fetcher that serves only our static files (P-18)."""

import io

import pytest
from pypdf import PdfReader

from pantas.merit import reporting
from pantas.merit.services import cycles as cycle_svc

from . import factories as f


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_report_shows_score_band_aspects_and_the_previous_cycle(personas, makassar):
    version = f.PublishedVersionFactory()
    earlier = f.final(makassar, version, year=2025)
    cycle_svc.publish_cycle(earlier.cycle, personas["penilai"])
    later = f.final(makassar, version, year=2026)
    result = later.result
    text = _text(reporting.result_pdf(result, personas["penilai"]))
    assert makassar.name in text
    assert f"{result.band.code} {result.band.name}" in text
    assert "Aspek 1" in text and "Aspek 2" in text
    assert "Siklus sebelumnya (2025)" in text
    view = reporting.result_view(result, personas["penilai"])
    assert view.previous.pk == earlier.result.pk
    assert "<svg" in view.radar and "2025" in view.radar and "<script" not in view.radar


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.css",
        "https://example.com/static/pantas/pantas.css",
        "file:///etc/passwd",
        "data:text/css,body{}",
        "https://pantas.invalid/static/../../settings/base.py",
        "https://pantas.invalid/static/pantas/geo/provinces.geojson",
        "https://pantas.invalid/media/x.png",
    ],
)
def test_the_pdf_fetcher_refuses_anything_but_our_static_files(url):
    with pytest.raises(ValueError, match="blocked|not found"):
        reporting.static_only_fetcher().fetch(url)


def test_the_pdf_fetcher_serves_a_static_stylesheet():
    response = reporting.static_only_fetcher().fetch("https://pantas.invalid/static/pantas/merit.css")
    assert b".band" in response.read()


def test_external_references_in_a_template_are_not_fetched(monkeypatch, tmp_path, settings):
    """A template pointing at external and local files still renders, with every such request blocked."""
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    template_dir = tmp_path / "t"
    template_dir.mkdir()
    (template_dir / "evil.html").write_text(
        '<html><head><link rel="stylesheet" href="https://evil.example/x.css"></head><body>'
        '<img src="http://169.254.169.254/latest"><img src="file:///etc/hostname">'
        '<link rel="stylesheet" href="/static/pantas/merit.css"><p>Aman</p></body></html>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [template_dir]}]
    pdf = reporting.render_pdf("evil.html", {})
    assert "Aman" in _text(pdf)
