"""Numbered, immutable, hashed documents and their public verification page (ADR 0044)."""

import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.urls import reverse

from pantas.core import documents, numbering
from pantas.core.errors import InvalidTransition
from pantas.core.models import Document, DocumentState
from pantas.registry.models import Authority

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "pantas" / "static" / "pantas" / "pantas.css"


def fmt(value, on):
    return f"T-{value:04d}/{on.year}"


def reservation(**extra):
    return {
        "number_format": fmt,
        "title": "Surat keterangan",
        "authority": Authority.objects.get(code="bkn"),
        "addressee": "Pemerintah Kabupaten Contoh",
        "subject": "Keterangan uji",
        **extra,
    }


def pdf_for(number, code, url):
    return f"%PDF-1.7 {number} {code} {url}".encode()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def test_issue_numbers_renders_with_the_public_url_and_hashes(settings):
    settings.PANTAS_PUBLIC_URL = "https://pantas.example.go.id"
    seen = []

    def render(number, code, url):
        seen.append((number, code, url))
        return pdf_for(number, code, url)

    document = documents.issue("test-doc", renderer=render, **reservation())
    document.refresh_from_db()
    number, code, url = seen[0]
    assert document.state == DocumentState.ISSUED and document.number == number
    assert number.startswith("T-0001/")
    assert url == f"https://pantas.example.go.id/verifikasi/{code}/"
    assert document.sha256 == hashlib.sha256(bytes(document.pdf)).hexdigest()
    assert document.verification_code == code and len(code) == 14
    assert numbering.current("test-doc", "bkn", document.document_date.year) == 1


def test_a_failed_render_keeps_the_number_and_a_retry_uses_it():
    def broken(number, code, url):
        raise OSError("WeasyPrint crashed")

    with pytest.raises(OSError, match="WeasyPrint"):
        documents.issue("test-doc", renderer=broken, **reservation())
    reserved = Document.objects.get(kind="test-doc")
    assert reserved.state == DocumentState.RESERVED and not reserved.sha256
    assert documents.find_issued(reserved.verification_code) is None  # not public until issued
    issued = documents.finish(reserved, pdf_for)
    assert issued.number == reserved.number and issued.state == DocumentState.ISSUED
    following = documents.issue("test-doc", renderer=pdf_for, **reservation())
    assert following.number.startswith("T-0002/")  # no gap, no reuse


def test_an_issued_document_is_immutable():
    document = documents.issue("test-doc", renderer=pdf_for, **reservation())
    with pytest.raises(InvalidTransition), transaction.atomic():
        documents.store(document, b"%PDF-other")
    for change in ({"sha256": "0" * 64}, {"pdf": b"%PDF-forged"}, {"number": "T-9999/2026"}):
        with pytest.raises(DatabaseError), transaction.atomic():
            Document.objects.filter(pk=document.pk).update(**change)
    document.refresh_from_db()
    assert bytes(document.pdf).startswith(b"%PDF-1.7 T-0001")


def test_a_reserved_number_and_code_never_change():
    with transaction.atomic():
        document = documents.reserve("test-doc", **reservation())
    with pytest.raises(DatabaseError), transaction.atomic():
        Document.objects.filter(pk=document.pk).update(verification_code="AAAA-BBBB-CCCC")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("7k3m-q9px-2rta", "7K3M-Q9PX-2RTA"),
        (" 7K3M Q9PX 2RTA ", "7K3M-Q9PX-2RTA"),
        ("7K3MQ9PX2RTA", "7K3M-Q9PX-2RTA"),
        ("7K3M-Q9PX-2RTO", "7K3M-Q9PX-2RT0"),  # O read as zero, I and L as one
        ("abc", "ABC"),
    ],
)
def test_codes_are_read_the_way_people_type_them(typed, stored):
    assert documents.normalise_code(typed) == stored


def test_the_verify_page_shows_an_issued_document(client):
    document = documents.issue("test-doc", renderer=pdf_for, **reservation())
    response = client.get(reverse("core:verify_document", args=[document.verification_code]))
    body = response.content.decode()
    assert response.status_code == 200
    for text in (document.number, document.sha256, "Pemerintah Kabupaten Contoh", "Keterangan uji"):
        assert text in body
    upload = io.BytesIO(bytes(document.pdf))
    upload.name = "dokumen.pdf"
    url = reverse("core:verify_document", args=[document.verification_code])
    assert "Cocok" in client.post(url, {"file": upload}).content.decode()
    forged = io.BytesIO(b"%PDF-forged")
    forged.name = "dokumen.pdf"
    assert "Tidak cocok" in client.post(url, {"file": forged}).content.decode()


def test_an_unknown_code_is_a_friendly_404(client):
    response = client.get(reverse("core:verify_document", args=["AAAA-BBBB-CCCC"]))
    assert response.status_code == 404
    body = response.content.decode()
    assert "AAAA-BBBB-CCCC" in body
    assert reverse("core:verify_form") in body  # a way to type another code


def test_a_code_typed_loosely_lands_on_its_page(client):
    document = documents.issue("test-doc", renderer=pdf_for, **reservation())
    code = document.verification_code
    assert client.get(reverse("core:verify_form")).status_code == 200
    typed = code.lower().replace("-", " ")
    response = client.get(reverse("core:verify_form"), {"kode": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:verify_document", args=[code])
    loose = client.get(reverse("core:verify_document", args=[code.lower().replace("-", "")]))
    assert loose.status_code == 302 and loose["Location"] == reverse("core:verify_document", args=[code])


def test_the_verify_pages_are_rate_limited(client, settings):
    settings.PANTAS_VERIFY_LIMIT = (2, 60)
    url = reverse("core:verify_document", args=["AAAA-BBBB-CCCC"])
    assert [client.get(url).status_code for _ in range(3)] == [404, 404, 429]
    assert client.get(reverse("core:verify_form"), {"kode": "AAAA-BBBB-CCCC"}).status_code == 429


def test_the_verify_page_fits_a_phone(client):
    """390 px: the SHA-256, numbers and long names wrap instead of widening the page."""
    document = documents.issue("test-doc", renderer=pdf_for, **reservation())
    body = client.get(reverse("core:verify_document", args=[document.verification_code])).content.decode()
    assert 'class="verify-document"' in body and 'class="hash"' in body
    css = STATIC.read_text()
    assert ".verify-document dd, .verify-document .hash" in css
    assert "overflow-wrap: anywhere" in css.split(".verify-document dd")[1].split("}")[0]


def test_make_run_prints_the_address_it_serves():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    assert "run: export PANTAS_PUBLIC_URL ?= http://127.0.0.1:$(PORT)" in makefile
