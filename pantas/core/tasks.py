"""Background work of core (Django tasks; the django-tasks-db worker in production, immediate in tests)."""

from django.tasks import task


@task
def seal_audit() -> int:
    """Chain the committed audit events (enqueued on commit by every audited transaction; ADR 0040)."""
    from .audit import seal

    return seal()
