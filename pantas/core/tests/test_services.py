"""P-24: cache/queue services are not exposed. Production refuses a Redis or remote database URL without
authentication (and TLS off the machine); /healthz shows details only to internal callers."""

import pytest
from django.test import override_settings

from pantas.lib.services import database_url_problem, redis_url_problem

from .test_settings import _check

PRODUCTION = {
    "PANTAS_DEMO": "0",
    "DEBUG": "0",
    "SECRET_KEY": "k" * 60,
    "PANTAS_EVIDENCE_KEY": "e" * 40,
    "PANTAS_PUBLIC_URL": "https://pantas.example.go.id",
    "ALLOWED_HOSTS": "pantas.example.go.id",
}


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("redis://10.0.0.5:6379/0", False),
        ("redis://:s3cret@10.0.0.5:6379/0", False),  # password but no TLS across the network
        ("rediss://:s3cret@10.0.0.5:6379/0", True),
        ("redis://127.0.0.1:6379/0", False),  # even locally: the SecureDrop 2024 finding
        ("redis://:s3cret@127.0.0.1:6379/0", True),
        ("unix:///run/redis/redis.sock?db=0", True),
        ("memcached://10.0.0.5", False),
    ],
)
def test_redis_urls(url, ok):
    assert (redis_url_problem(url) is None) is ok


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("postgres://pantas@127.0.0.1/pantas", True),
        ("postgres://pantas@db.internal/pantas", False),
        ("postgres://pantas:pw@db.internal/pantas", False),
        ("postgres://pantas:pw@db.internal/pantas?sslmode=require", True),
        ("sqlite:////var/lib/pantas/pantas.sqlite3", True),
    ],
)
def test_database_urls(url, ok):
    assert (database_url_problem(url) is None) is ok


def test_production_settings_refuse_an_unauthenticated_redis():
    result = _check("pantas.settings.production", **PRODUCTION, REDIS_URL="redis://10.0.0.5:6379/0")
    assert result.returncode != 0 and "REDIS_URL must carry a password" in result.stderr
    result = _check("pantas.settings.production", **PRODUCTION)
    assert result.returncode != 0 and "REDIS_URL must be set" in result.stderr
    result = _check("pantas.settings.production", **PRODUCTION, REDIS_URL="redis://:pw@127.0.0.1:6379/0")
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
@override_settings(PANTAS_HEALTH_TOKEN="health-token-0123456789")
def test_healthz_details_only_for_internal_callers(client):
    inside = client.get("/healthz").json()
    assert {"database", "cache", "tasks_ready", "oldest_ready_seconds", "audit_unsealed"} <= set(inside)
    proxied = client.get("/healthz", HTTP_X_FORWARDED_FOR="203.0.113.9").json()
    assert proxied == {"status": "ok"}
    remote = client.get("/healthz", REMOTE_ADDR="203.0.113.9").json()
    assert remote == {"status": "ok"}
    wrong = client.get("/healthz", REMOTE_ADDR="203.0.113.9", HTTP_X_HEALTH_TOKEN="nope").json()
    assert wrong == {"status": "ok"}
    monitor = client.get("/healthz", REMOTE_ADDR="203.0.113.9", HTTP_X_HEALTH_TOKEN="health-token-0123456789")
    assert "tasks_ready" in monitor.json()


def test_statistics_read_from_the_primary_unless_a_replica_is_configured(monkeypatch):
    from django.conf import settings

    from pantas.core.replica import statistics_db

    assert statistics_db() == "default"
    monkeypatch.setitem(settings.DATABASES, "replica", settings.DATABASES["default"])
    assert statistics_db() == "replica"


def test_the_client_address_comes_from_a_trusted_proxy_only(rf, settings):
    from pantas.core.middleware import TrustedProxyMiddleware

    seen = []
    settings.PANTAS_TRUSTED_PROXIES = ["127.0.0.1"]
    middleware = TrustedProxyMiddleware(lambda request: seen.append(request.META["REMOTE_ADDR"]))
    middleware(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9"))
    middleware(rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9"))  # spoofed
    middleware(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9"))
    assert seen == ["203.0.113.9", "198.51.100.7", "203.0.113.9"]
