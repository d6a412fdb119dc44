"""Background work of the follow-up app (Django tasks, database-backed worker; ADR 0009, 0052)."""

from django.tasks import task


@task()
def open_follow_ups_task() -> int:
    from .services.opening import open_follow_ups

    return len(open_follow_ups())


@task()
def send_notifications_task() -> int:
    from .services.notifications import send_pending

    return send_pending()


@task()
def sweep_deadlines_task() -> dict:
    from .services.sweep import sweep_deadlines

    return sweep_deadlines()
