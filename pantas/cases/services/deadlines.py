"""Stage deadlines in Indonesian working days, from `registry.StageDeadline` rows (configurable, with source)."""

from datetime import date, datetime

from django.utils import timezone

from pantas.core.calendar import IndonesianCalendar
from pantas.registry.models import StageDeadline


def _local_date(start: date | datetime) -> date:
    return timezone.localdate(start) if isinstance(start, datetime) else start


def stage_days(code: str) -> int | None:
    return StageDeadline.objects.filter(code=code).values_list("working_days", flat=True).first()


def due_date(code: str, start: date | datetime, calendar: IndonesianCalendar | None = None) -> date | None:
    """The working day on which stage `code` is due when it starts on `start`; None if the stage has no row."""
    days = stage_days(code)
    if days is None:
        return None
    return (calendar or IndonesianCalendar()).add_working_days(_local_date(start), days)
