"""Open a follow-up when a recommendation is issued, without `cases` knowing about this app (ADR 0051).

The receiver enqueues `open_follow_ups_task` inside the issuing transaction: with the database task backend the
task row commits together with the recommendation (or not at all), a transactional outbox. The service is
set-based and idempotent, and every sweep calls it too, so a lost task costs at most one sweep interval.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from pantas.cases.models import Recommendation


@receiver(post_save, sender=Recommendation, dispatch_uid="followup-open-on-recommendation")
def _recommendation_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from .tasks import open_follow_ups_task

    open_follow_ups_task.enqueue(instance.pk)
