"""Downloads of stored or generated files (P-03): attachment, nosniff, sandbox CSP, no shared caching."""

import io

import pytest

from pantas.core.downloads import attachment_response


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("source", [b"<html><script>alert(1)</script>", io.BytesIO(b"<html><script>")])
def test_every_download_is_a_sandboxed_uncached_attachment(source):
    response = attachment_response(source, "text/html", "laporan.html")
    assert response["Content-Disposition"] == 'attachment; filename="laporan.html"'
    assert response["Content-Type"] == "text/html"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"
    assert _body(response).startswith(b"<html><script>")


@pytest.mark.parametrize(
    ("name", "sent"),
    [
        ('a"; filename="x.html', "a filenamex.html"),
        ("../../etc/passwd", "....etcpasswd"),
        ("surat\r\nSet-Cookie: x=1.pdf", "suratSet-Cookie x1.pdf"),
        ("", "berkas"),
        ("/\\", "berkas"),
    ],
)
def test_the_file_name_cannot_break_out_of_the_header(name, sent):
    response = attachment_response(b"x", "application/pdf", name)
    assert response["Content-Disposition"] == f'attachment; filename="{sent}"'


def test_a_non_ascii_name_is_sent_rfc_6266_encoded():
    response = attachment_response(b"x", "application/pdf", "bukti-é.pdf")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''bukti-%C3%A9.pdf"


def test_a_missing_content_type_is_sent_as_octet_stream():
    assert attachment_response(b"x", "", "x.bin")["Content-Type"] == "application/octet-stream"
