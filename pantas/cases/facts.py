"""Read contract for statistics (ADR 0070, ADR 0140): one row per case with its dimensions, and conditions for
the case's state as it stood at the end of any date, read from the case's statistical facts (`cases.factstore`:
columns on the case row, ended runs in `CaseFactRun`) in the same scan — no correlated subquery per case.
`pantas.insights` reads cases only through this module.

Nothing here applies a user's scope: callers are statistics that return counts, never names, NIPs or ids.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import F, Q, Value
from django.db.models.functions import NullIf, TruncMonth
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

from .models import Case, CaseFactRun, FactKind
from .workflow import CaseState


def end_of(day: date) -> datetime:
    """The first instant after `day` in the project's time zone: "as of D" means `at < end_of(D)`."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time(0, 0)))


# Dimension name → expression over `Case`. The names are the public filter and grouping vocabulary. Mode and
# source are those of the report the case was opened from (its first link), kept on the case row.
DIMENSIONS = {
    "election": F("election__code"),
    "province": F("province_id"),
    "regency": F("regency_id"),
    "agency": F("agency__code"),
    "category": F("category__code"),
    "mode": NullIf(F("report_mode"), Value("")),
    "position_class": F("position_class"),
    "source": NullIf(F("report_source"), Value("")),
    "authority": F("authority__code"),
    "track": F("track"),
    "addressee": F("addressee__code"),
    "month": TruncMonth("received_at"),
}
# Queryset column of each dimension (annotations may not shadow model fields).
COLUMN = {name: f"d_{name}" for name in DIMENSIONS}

PROVEN_STATES = (CaseState.PROVEN, CaseState.RECOMMENDED)


def happened(column: str, as_of: date | None) -> Q:
    """A fact that never ends (`*_reached_at`, `sanction_reported_at`, …) had happened by the end of `as_of` (by
    now when None)."""
    if as_of is None:
        return Q(**{f"{column}__isnull": False})
    return Q(**{f"{column}__lt": end_of(as_of)})


def holding(kind: str, column: str, as_of: date | None) -> Q:
    """A fact that can end (`proven_since`, `sanctioned_since`) held at the end of `as_of`: its current run had
    started by then, or one of its ended runs covered that instant. The runs are an uncorrelated `IN (…)` over
    the few `CaseFactRun` rows of that kind holding then (one hashed set, not a probe per case)."""
    if as_of is None:
        return Q(**{f"{column}__isnull": False})
    end = end_of(as_of)
    ended = CaseFactRun.objects.filter(kind=kind, valid_from__lt=end, valid_to__gte=end).values("case_id")
    return Q(**{f"{column}__lt": end}) | Q(pk__in=ended)


def conditions(as_of: date | None) -> dict[str, Q]:
    """The conditions the measures count over `case_rows(as_of)`: `verified` (reached investigation by then),
    `proven` (in proven or recommended then), `recommended` (recommendation issued by then). Now (None): the
    state column itself."""
    if as_of is None:
        proven, recommended = Q(state__in=PROVEN_STATES), Q(state=CaseState.RECOMMENDED)
    else:
        proven = holding(FactKind.PROVEN, "proven_since", as_of)
        recommended = happened("recommended_reached_at", as_of)
    return {
        "verified": happened("investigation_reached_at", as_of),
        "proven": proven,
        "recommended": recommended,
    }


def case_rows(as_of: date | None = None, dimensions=None):
    """One row per case received by the end of `as_of` (all cases when None), merged duplicates excluded (the
    case they joined counts once), aliasing the requested dimensions (all when None) as `COLUMN[name]` and
    `recommended_at` (for durations); `conditions(as_of)` are what the measures count. A Case queryset, so
    callers filter and aggregate it in one SQL statement."""
    rows = Case.objects.all()
    if as_of is None:
        rows = rows.exclude(state=CaseState.MERGED)
    else:
        rows = rows.filter(received_at__lt=end_of(as_of)).exclude(happened("merged_reached_at", as_of))
    names = DIMENSIONS if dimensions is None else dimensions
    rows = rows.alias(**{COLUMN[name]: DIMENSIONS[name] for name in names})
    return rows.alias(recommended_at=F("recommended_reached_at"))


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
