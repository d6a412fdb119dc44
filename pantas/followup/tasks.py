"""Background work of the follow-up app (Django tasks, database-backed worker; ADR 0009, 0052)."""

from django.tasks import task


@task()
def open_follow_ups_task(recommendation_id: int | None = None) -> int:
    """The follow-up of one newly issued recommendation (the sweep opens any others that are missing)."""
    from pantas.cases.models import Recommendation

    from .services.opening import open_follow_ups

    scope = Recommendation.objects.filter(pk=recommendation_id) if recommendation_id is not None else None
    return len(open_follow_ups(scope))


@task()
def send_notifications_task() -> int:
    from .services.notifications import send_pending

    return send_pending()


@task()
def sweep_deadlines_task() -> dict:
    from .services.sweep import sweep_deadlines

    return sweep_deadlines()


@task()
def issue_followup_documents_task(document_ids: list[int]) -> int:
    """Render and store the PDFs of the documents an escalation reserved (outside its transaction); a document
    already issued (by a download meanwhile) is skipped. Returns how many this run issued."""
    from pantas.core.models import Document

    from .documents import issued

    count = 0
    for document in Document.objects.filter(pk__in=document_ids).order_by("pk"):
        if not document.is_issued:
            issued(document)
            count += 1
    return count
