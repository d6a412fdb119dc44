"""Read contract for statistics (ADR 0070): one row per case with its dimensions, and the case's state as it
stood at the end of any date, computed from `CaseStatusChange` in SQL (a correlated subquery on the
(case, at) index), never per row in Python. `pantas.insights` reads cases only through this module.

Nothing here applies a user's scope: callers are statistics that return counts, never names, NIPs or ids.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from pantas.accounts.models import Organisation
from pantas.intake.models import ReportSource, ViolationMode
from pantas.registry.models import (
    Agency,
    Authority,
    Election,
    PositionClass,
    Province,
    Regency,
    Track,
    ViolationCategory,
)

from .models import Case, CaseReport, CaseStatusChange
from .workflow import CaseState


def end_of(day: date) -> datetime:
    """The first instant after `day` in the project's time zone: "as of D" means `at < end_of(D)`."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time(0, 0)))


def _first_report(field: str):
    """The report the case was opened from (its first link) gives the source and the mode."""
    links = CaseReport.objects.filter(case=OuterRef("pk")).order_by("added_at", "id")
    return Subquery(links.values(f"report__{field}")[:1])


# Dimension name → expression over `Case`. The names are the public filter and grouping vocabulary.
DIMENSIONS = {
    "election": F("election__code"),
    "province": F("province_id"),
    "regency": F("regency_id"),
    "agency": F("agency__code"),
    "category": F("category__code"),
    "mode": _first_report("mode"),
    "position_class": F("position_class"),
    "source": _first_report("source"),
    "authority": F("authority__code"),
    "track": F("track"),
    "addressee": F("addressee__code"),
    "month": TruncMonth("received_at"),
}
# Queryset column of each dimension (annotations may not shadow model fields).
COLUMN = {name: f"d_{name}" for name in DIMENSIONS}

PROVEN_STATES = (CaseState.PROVEN, CaseState.RECOMMENDED)


def state_at(as_of: date | None):
    """The case's state at the end of `as_of` (the target of its last status change by then); the current
    state when `as_of` is None. Null for a case not yet received then."""
    if as_of is None:
        return F("state")
    last = CaseStatusChange.objects.filter(case=OuterRef("pk"), at__lt=end_of(as_of)).order_by("-at", "-id")
    return Subquery(last.values("to_state")[:1])


def reached(state: str, as_of: date | None):
    """True when the case had entered `state` at least once by the end of `as_of` (ever, when None)."""
    history = CaseStatusChange.objects.filter(case=OuterRef("pk"), to_state=state)
    if as_of is not None:
        history = history.filter(at__lt=end_of(as_of))
    return Exists(history)


def reached_at(state: str):
    """When the case first entered `state` (null if never)."""
    history = CaseStatusChange.objects.filter(case=OuterRef("pk"), to_state=state).order_by("at", "id")
    return Subquery(history.values("at")[:1])


# Conditions over `case_rows()` for the measures (as of the rows' date).
VERIFIED = Q(was_verified=True)
PROVEN = Q(state_then__in=PROVEN_STATES)
RECOMMENDED = Q(state_then=CaseState.RECOMMENDED)


def case_rows(as_of: date | None = None, dimensions=None):
    """One row per case received by the end of `as_of` (all cases when None), merged duplicates excluded (the
    case they joined counts once), aliasing (computed only when used) the requested dimensions (all when None)
    as `COLUMN[name]`, `state_then` (the state as of the date), `was_verified` (reached investigation by then)
    and `recommended_at` (for durations); `VERIFIED`, `PROVEN`, `RECOMMENDED` are the conditions the
    measures count. A Case queryset, so callers filter, correlate (`OuterRef("pk")`) and aggregate it in one
    SQL statement."""
    rows = Case.objects.all()
    if as_of is not None:
        rows = rows.filter(received_at__lt=end_of(as_of))
    names = DIMENSIONS if dimensions is None else dimensions
    rows = rows.alias(**{COLUMN[name]: DIMENSIONS[name] for name in names})
    return (
        rows.alias(state_then=Coalesce(state_at(as_of), Value(CaseState.RECEIVED)))
        .exclude(state_then=CaseState.MERGED)
        .alias(was_verified=reached(CaseState.INVESTIGATION, as_of))
        .alias(recommended_at=reached_at(CaseState.RECOMMENDED))
    )


def labels(dimension: str, codes) -> dict:
    """Display names for the codes of a dimension (reference data and choices; never a person)."""
    codes = [c for c in codes if c not in (None, "")]
    by_code = {
        "election": lambda: Election.objects.filter(code__in=codes).values_list("code", "name"),
        "province": lambda: Province.objects.filter(code__in=codes).values_list("code", "name"),
        "regency": lambda: Regency.objects.filter(code__in=codes).values_list("code", "name"),
        "agency": lambda: Agency.objects.filter(code__in=codes).values_list("code", "name"),
        "category": lambda: ViolationCategory.objects.filter(code__in=codes).values_list("code", "name"),
        "authority": lambda: Authority.objects.filter(code__in=codes).values_list("code", "short_name"),
        "addressee": lambda: Organisation.objects.filter(code__in=codes).values_list("code", "name"),
    }
    choices = {
        "mode": ViolationMode,
        "source": ReportSource,
        "position_class": PositionClass,
        "track": Track,
        "state": CaseState,
    }
    if dimension in by_code:
        return dict(by_code[dimension]())
    if dimension in choices:
        names = dict(choices[dimension].choices)
        return {c: names.get(c, c) for c in codes}
    if dimension == "month":
        return {c: c.strftime("%Y-%m") if hasattr(c, "strftime") else str(c) for c in codes}
    return {c: str(c) for c in codes}


def choices(dimension: str) -> list[tuple[str, str]]:
    """All values of a dimension for filter forms: (code, label)."""
    tables = {
        "election": lambda: Election.objects.order_by("-voting_date").values_list("code", "name"),
        "province": lambda: Province.objects.order_by("code").values_list("code", "name"),
        "regency": lambda: Regency.objects.order_by("code").values_list("code", "name"),
        "agency": lambda: (
            Agency.objects.filter(disabled_on__isnull=True).order_by("name").values_list("code", "name")
        ),
        "category": lambda: ViolationCategory.objects.order_by("code").values_list("code", "name"),
        "authority": lambda: Authority.objects.order_by("valid_from").values_list("code", "short_name"),
    }
    enums = {"mode": ViolationMode, "source": ReportSource, "position_class": PositionClass, "track": Track}
    if dimension in tables:
        return list(tables[dimension]())
    return list(enums[dimension].choices)
