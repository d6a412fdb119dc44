"""Read contract for statistics (ADR 0070): reports as rows with their dimensions, and the reporter-facing
status as it stood at the end of any date (from `ReportStatusHistory`, in SQL). `pantas.insights` reads
intake only through this module; nothing here returns identities."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Report, ReportStatus, ReportStatusHistory


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time(0, 0)))


DIMENSIONS = {
    "election": F("election__code"),
    "province": F("province_id"),
    "regency": F("regency_id"),
    "category": F("category__code"),
    "mode": F("mode"),
    "source": F("source"),
    "channel": F("channel"),
    "track": F("track"),
    "organisation": F("organisation__code"),
}
COLUMN = {name: f"d_{name}" for name in DIMENSIONS}


def status_at(as_of: date | None):
    if as_of is None:
        return F("status")
    last = ReportStatusHistory.objects.filter(report=OuterRef("pk"), at__lt=end_of(as_of)).order_by(
        "-at", "-id"
    )
    return Subquery(last.values("to_status")[:1])


def report_rows(as_of: date | None = None, dimensions=None):
    """One row per report received by the end of `as_of` (all when None), aliasing the requested dimensions
    as `COLUMN[name]` and `status_then`, the status the reporter saw at that date."""
    rows = Report.objects.all()
    if as_of is not None:
        rows = rows.filter(received_at__lt=end_of(as_of))
    names = DIMENSIONS if dimensions is None else dimensions
    rows = rows.alias(**{COLUMN[n]: DIMENSIONS[n] for n in names})
    return rows.alias(status_then=Coalesce(status_at(as_of), Value(ReportStatus.RECEIVED)))


def by_status(rows) -> dict[str, int]:
    """Counts per status of `report_rows(...)` (one GROUP BY)."""
    counts = rows.annotate(s=F("status_then")).values("s").annotate(n=Count("pk")).order_by()
    return {r["s"]: r["n"] for r in counts}


STATUS_LABELS = dict(ReportStatus.choices)
