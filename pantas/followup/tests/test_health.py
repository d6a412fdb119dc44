from datetime import timedelta

import pytest
from django.utils import timezone

from ..models import SweepRun

pytestmark = pytest.mark.django_db


def test_demo_without_any_sweep_is_healthy(client, settings):
    settings.PANTAS_DEMO = True
    # The test client calls from loopback: an internal caller, who gets the details.
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["database"] is True and "sweep" not in body


def test_production_without_a_sweep_is_unhealthy(client, settings):
    settings.PANTAS_DEMO = False
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["sweep"] is False


def test_stale_sweep_is_unhealthy_even_in_the_demo(client, settings):
    settings.PANTAS_DEMO = True
    SweepRun.objects.create(finished_at=timezone.now() - timedelta(hours=27))
    assert client.get("/healthz").status_code == 503
    SweepRun.objects.create(finished_at=timezone.now() - timedelta(hours=1))
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["sweep"] is True


def test_queue_lag(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    SweepRun.objects.create(finished_at=timezone.now())
    assert client.get("/healthz").json()["queue"] is True
    from ..tasks import send_notifications_task

    send_notifications_task.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=30))
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["queue"] is False
