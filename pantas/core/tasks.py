"""Background work of core (Django tasks; the django-tasks-db worker in production, immediate in tests)."""

from django.db import transaction
from django.tasks import task


def enqueue_with_transaction(task_, *args) -> None:
    """Enqueue `task_` for the caller's transaction: it runs only if the change commits.

    With the database task backend the row is written inside the transaction (an outbox: committed with the
    change or not at all) and costs no commit of its own — a commit is a WAL flush, the dearest statement of a
    partner submission (issue 14, W1; ADR 0155). Any other backend (immediate in tests, a broker) is called after
    the commit and can never fail the change (ADR 0041)."""
    from django_tasks_db.backend import DatabaseBackend

    if transaction.get_connection().in_atomic_block and isinstance(task_.get_backend(), DatabaseBackend):
        task_.enqueue(*args)
    else:
        transaction.on_commit(lambda: task_.enqueue(*args), robust=True)


@task
def seal_audit() -> int:
    """Chain the committed audit events (enqueued on commit by every audited transaction; ADR 0040)."""
    from .audit import seal

    return seal()
