import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")  # the test client calls from 127.0.0.1, without a proxy: internal
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["database"] is True


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error"}


@pytest.mark.parametrize("url", ["/", "/akun/masuk/", "/api/v1/provinces/", "/tidak-ada/"])
def test_security_headers_on_every_kind_of_response(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_page_speaks_indonesian_by_default_and_switches_to_english(client):
    page = client.get("/akun/masuk/")
    assert '<html lang="id">' in page.content.decode()
    assert "Masuk petugas" in page.content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/akun/masuk/"})
    assert response.status_code == 302
    page = client.get("/akun/masuk/")
    assert '<html lang="en">' in page.content.decode()
    assert "Staff sign-in" in page.content.decode()
    assert "Masuk petugas" not in page.content.decode()


def test_the_pages_reference_no_external_origin(client, personas):
    client.force_login(personas["analis"])
    for url in ("/", "/beranda/", "/akun/masuk/"):
        html = client.get(url).content.decode()
        assert "http://" not in html and "https://" not in html, url


def test_staff_pages_and_form_answers_are_not_cached(client, personas):
    assert "no-store" in client.post("/akun/masuk/", {"username": "x", "password": "y"})["Cache-Control"]
    client.force_login(personas["analis"])
    assert "no-store" in client.get("/beranda/")["Cache-Control"]


def test_sqlite_runs_in_wal_mode():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
