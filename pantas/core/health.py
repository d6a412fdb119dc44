"""Health checks beyond the database, registered by apps in `AppConfig.ready()` (core never imports them).

A check returns None when it does not apply (e.g. a demo that never ran the job), else True/False. `/healthz`
shows each applicable check by name and answers 503 when any is False. The task-queue lag check lives here: it
only concerns the database-backed task backend.
"""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

_checks: dict[str, Callable[[], bool | None]] = {}


def register(name: str, check: Callable[[], bool | None]) -> None:
    _checks[name] = check


def queue_fresh() -> bool | None:
    """False when a ready task has waited longer than `PANTAS_TASK_QUEUE_MAX_LAG_MINUTES` (no worker running)."""
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if backend != "django_tasks_db.DatabaseBackend":
        return None
    from django_tasks_db.models import DBTaskResult

    oldest = (
        DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    )
    if oldest is None:
        return True
    return timezone.now() - oldest <= timedelta(minutes=settings.PANTAS_TASK_QUEUE_MAX_LAG_MINUTES)


register("queue", queue_fresh)


def results() -> dict[str, bool]:
    out = {}
    for name, check in _checks.items():
        try:
            value = check()
        except Exception:  # noqa: BLE001 - a failing check is an unhealthy check
            value = False
        if value is not None:
            out[name] = bool(value)
    return out
