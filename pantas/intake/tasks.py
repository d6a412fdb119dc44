"""Background work (Django tasks; the django-tasks-db worker in production, immediate in tests)."""

from django.tasks import task


@task
def validate_import(batch_id: int) -> str:
    from .models import ImportBatch
    from .services.imports import run_validation

    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return "missing"
    return run_validation(batch).status


@task
def suggest_duplicates(report_ids: list[int]) -> int:
    from .models import Report
    from .services.duplicates import suggest_for

    count = 0
    for report in Report.objects.filter(pk__in=report_ids).iterator(chunk_size=200):
        count += len(suggest_for(report))
    return count
