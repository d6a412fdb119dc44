"""The sweep heartbeat for /healthz: stale when the last finished sweep is older than
`PANTAS_SWEEP_MAX_AGE_HOURS` (default 26 h: a daily run plus slack). A demo that never swept is not unhealthy."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import SweepRun


def sweep_fresh() -> bool | None:
    last = (
        SweepRun.objects.filter(finished_at__isnull=False)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    if last is None:
        return None if settings.PANTAS_DEMO else False
    return timezone.now() - last <= timedelta(hours=settings.PANTAS_SWEEP_MAX_AGE_HOURS)
