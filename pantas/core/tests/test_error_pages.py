"""The demo (`make run`: dev settings, DEBUG off unless asked) serves the real, translated error pages and its
static files through WhiteNoise (issue 12, ADR 0061)."""

import json
import os
import subprocess
import sys

import pytest
from django.db.utils import InterfaceError, OperationalError
from django.test import RequestFactory
from django.views import defaults

from pantas.core.error_views import server_error

DEMO_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
c = Client(HTTP_ACCEPT_LANGUAGE="id", HTTP_HOST="127.0.0.1:8000")
r404 = c.get("/tidak-ada-halaman-ini/")
css = c.get("/static/pantas/pantas.css")
icon = c.get("/static/pantas/favicon.svg")
print(json.dumps({"debug": settings.DEBUG, "status": r404.status_code, "body": r404.content.decode(),
                  "css": css.status_code, "icon": icon.status_code, "hosts": settings.ALLOWED_HOSTS}))
"""


def test_the_demo_settings_serve_the_indonesian_404_and_static_files(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": "pantas.settings.dev", "PANTAS_VAR_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-c", DEMO_PROBE], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["debug"] is False
    assert out["status"] == 404
    assert "Halaman tidak ditemukan" in out["body"] and "URLconf" not in out["body"]
    assert (out["css"], out["icon"]) == (200, 200)
    assert {"127.0.0.1", "localhost"} <= set(out["hosts"])


def test_the_makefile_demo_serves_static_files_through_whitenoise():
    with open("Makefile") as makefile:
        run = makefile.read().split("\nrun: install")[1].split("\n\n")[0]
    assert "runserver --nostatic" in run and "DEBUG=1" not in run


@pytest.mark.parametrize(
    ("view", "kwargs", "text"),
    [
        (defaults.server_error, {}, "Terjadi kesalahan pada server"),
        (defaults.bad_request, {"exception": Exception()}, "Permintaan tidak valid"),
        (defaults.permission_denied, {"exception": Exception()}, "Akses ditolak"),
        (defaults.page_not_found, {"exception": Exception()}, "Halaman tidak ditemukan"),
    ],
)
def test_every_error_page_is_the_translated_one(view, kwargs, text):
    response = view(RequestFactory().get("/x/"), **kwargs)
    body = response.content.decode()
    assert text in body and 'lang="id"' in body and "pantas.css" in body


@pytest.mark.parametrize("exc", [OperationalError("server closed the connection"), InterfaceError("closed")])
@pytest.mark.parametrize(
    ("path", "expected"),
    [("/laporan/", "Layanan sementara tidak tersedia"), ("/api/v1/reports/", '"code": "unavailable"')],
)
def test_an_unreachable_database_answers_503_not_500(exc, path, expected):
    """PostgreSQL restarting: a clear, translated 503 with Retry-After, in JSON under /api/ (ADR 0127)."""
    try:
        raise RuntimeError("wrapped") from exc
    except RuntimeError:
        response = server_error(RequestFactory().get(path))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert expected in response.content.decode().replace('":"', '": "')


def test_other_server_errors_stay_500():
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(RequestFactory().get("/x/"))
    assert response.status_code == 500 and "Terjadi kesalahan pada server" in response.content.decode()
