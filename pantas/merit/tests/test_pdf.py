"""The per-agency PDF report: content (pypdf) and charts. The static-only fetcher (P-18) is tested in core."""

import io

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
