"""Open a follow-up when a recommendation is issued, without `cases` knowing about this app (ADR 0051).

The receiver only enqueues `open_follow_ups` after the issuing transaction commits; the service is set-based and
idempotent, and the daily sweep calls it too, so a lost task costs at most one sweep interval.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from pantas.cases.models import Recommendation


@receiver(post_save, sender=Recommendation, dispatch_uid="followup-open-on-recommendation")
def _recommendation_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from .tasks import open_follow_ups_task

    transaction.on_commit(lambda: open_follow_ups_task.enqueue())
