"""The seam to case data (issue 5 §3): counts of the agency's neutrality/ethics cases shown beside the
"disiplin" aspect — informative only, never scored. Since issue 15 also the merit-system complaints: how many
were proven (decided or recommended) and how many ended in a corrective recommendation, so a proven merit
violation is visible to the assessor in the next cycle.

The cases app is built separately and may be absent or change shape, so nothing is imported at module level
and every failure yields None (the panel then says the data is unavailable). Only aggregate counts leave
this module: no case numbers, names or NIPs. A follow-up rate is added once a follow-up model exists.
"""

import logging

from django.apps import apps
from django.core.exceptions import FieldError
from django.db import DatabaseError
from django.db.models import Count, Q

log = logging.getLogger(__name__)

TRACKS = ("neutrality", "ethics", "merit")
PROVEN_STATES = ("proven", "recommended")
# Five years ending with the cycle year: one full election cycle (Pemilu every five years, Pilkada in between).
YEARS = 5


def case_summary(agency_id: int, year: int) -> dict | None:
    """{"from_year", "year", "by_track": {track: {"total", "recommended"}}, "merit_violations": {"proven",
    "corrective"}, "follow_up_rate": None} or None."""
    if not apps.is_installed("pantas.cases"):
        return None
    try:
        case_model = apps.get_model("cases", "Case")
        rows = (
            case_model.objects.filter(
                agency_id=agency_id,
                received_at__year__gte=year - YEARS + 1,
                received_at__year__lte=year,
                track__in=TRACKS,
            )
            .values("track")
            .annotate(
                total=Count("pk"),
                recommended=Count("pk", filter=Q(state="recommended")),
                proven=Count("pk", filter=Q(state__in=PROVEN_STATES)),
            )
        )
        by_track = {t: {"total": 0, "recommended": 0} for t in TRACKS}
        merit = {"proven": 0, "corrective": 0}
        for row in rows:
            by_track[row["track"]] = {"total": row["total"], "recommended": row["recommended"]}
            if row["track"] == "merit":
                merit["proven"] = row["proven"]
        if merit["proven"]:
            merit["corrective"] = _corrective_recommendations(agency_id, year)
    except (LookupError, FieldError, DatabaseError, ValueError):
        log.warning("merit: case data unavailable for the discipline panel", exc_info=True)
        return None
    return {
        "from_year": year - YEARS + 1,
        "year": year,
        "by_track": by_track,
        "merit_violations": merit,
        "follow_up_rate": None,
    }


def _corrective_recommendations(agency_id: int, year: int) -> int:
    """Issued recommendations of the window asking the agency's PPK to correct a staffing decision."""
    recommendation = apps.get_model("cases", "Recommendation")
    return recommendation.objects.filter(
        case__agency_id=agency_id,
        case__received_at__year__gte=year - YEARS + 1,
        case__received_at__year__lte=year,
        kind__in=("correction", "both"),
    ).count()
