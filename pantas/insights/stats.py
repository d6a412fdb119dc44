"""The one statistics layer (ADR 0070): every figure on dashboards, exports, the staff and public APIs.

    Query(filters={"election": "pilkada-2020"}, group_by=("province",), as_of=date(2022, 5, 31)).rows()

Counts are one SQL statement over `cases.facts.case_rows()` with conditional aggregates; "as of" a date every
flag is read from the statistical facts kept on the case row (first moments, runs; ADR 0140) in the same scan,
so a past figure never changes when a case moves later. Reads other apps only through their `facts` modules. Returns codes and counts, never names, NIPs
or case ids. Medians of working days are computed in Python over two dates per case (ADR 0071): the holiday
calendar lives in Python, not in the database.
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from pantas.cases import facts as case_facts
from pantas.core.calendar import IndonesianCalendar
from pantas.followup import facts as followup_facts

FILTERS = (
    "election",
    "province",
    "regency",
    "agency",
    "category",
    "mode",
    "position_class",
    "source",
    "authority",
    "track",
    "addressee",
)
GROUPS = (*FILTERS, "month")
COUNTS = ("reported", "verified", "proven", "recommended", "followed_up", "overdue", "blocked")
RATES = ("proven_rate", "follow_up_rate")
MEDIANS = ("median_days_to_recommendation", "median_days_to_follow_up")
MEASURES = (*COUNTS, *RATES, *MEDIANS)


def conditions(as_of: date | None) -> dict:
    """What each count counts over the case rows "as of" a date (None: now)."""
    case = case_facts.conditions(as_of)
    sanctioned = followup_facts.case_sanctioned(as_of)
    return {
        "reported": None,
        "verified": case["verified"],
        "proven": case["proven"],
        "recommended": case["recommended"],
        "followed_up": case["recommended"] & sanctioned,
        "overdue": case["recommended"] & ~sanctioned & followup_facts.case_overdue(as_of),
        "blocked": followup_facts.case_blocked(as_of),
    }


def percent(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in percent, truncated to one decimal as the supervisor publishes it (1,450 of 1,596 is
    90.8%, not 90.9%); None when `whole` is 0."""
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_FLOOR)


class QueryError(ValueError):
    """An unknown filter or grouping: the caller's input, reported as 400 by views and the API."""


@dataclass(frozen=True)
class Query:
    """A statistics query. `filters`: dimension → code or list of codes (FILTERS); `group_by`: dimensions
    (GROUPS; "month" is the month of receipt); `as_of`: the end of that date (None: now); `received_from` /
    `received_to`: the period of receipt (inclusive dates); `medians`: compute the two medians (costs one more
    query each)."""

    filters: dict = field(default_factory=dict)
    group_by: tuple = ()
    as_of: date | None = None
    received_from: date | None = None
    received_to: date | None = None
    medians: bool = True

    def __post_init__(self):
        unknown = set(self.filters) - set(FILTERS) | set(self.group_by) - set(GROUPS)
        if unknown:
            raise QueryError(f"unknown dimension(s): {', '.join(sorted(unknown))}")
        object.__setattr__(self, "group_by", tuple(self.group_by))
        clean = {k: v for k, v in self.filters.items() if v not in (None, "", [], ())}
        object.__setattr__(self, "filters", clean)

    # --- the rows ---------------------------------------------------------------------------------------
    def cases(self):
        """The filtered case rows (a Case queryset; `conditions(as_of)` are the measures over them): the rows
        behind every figure of this query. Internal to statistics: never render its ids."""
        dims = set(self.filters) | set(self.group_by)
        rows = case_facts.case_rows(self.as_of, dimensions=dims)
        for name, value in self.filters.items():
            values = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
            rows = rows.filter(**{f"{case_facts.COLUMN[name]}__in": values})
        if self.received_from:
            rows = rows.filter(received_at__gte=case_facts.end_of(self.received_from - timedelta(days=1)))
        if self.received_to:
            rows = rows.filter(received_at__lt=case_facts.end_of(self.received_to))
        return rows

    def _aggregates(self):
        return {
            name: Count("pk", filter=cond) if cond is not None else Count("pk")
            for name, cond in conditions(self.as_of).items()
        }

    def _group_columns(self):
        return {f"g_{name}": F(case_facts.COLUMN[name]) for name in self.group_by}

    def rows(self) -> list[dict]:
        """One dict per group (ordered by the group values): the group codes under their dimension names,
        `<dimension>_label`, and every measure of MEASURES."""
        if not self.group_by:
            return [self.total()]
        cols = self._group_columns()
        qs = self.cases().annotate(**cols).values(*cols).annotate(**self._aggregates()).order_by(*cols)
        result = []
        for raw in qs:
            row = {name: _code(raw[f"g_{name}"]) for name in self.group_by}
            row.update({name: raw[name] for name in COUNTS})
            result.append(row)
        self._label(result)
        self._finish(result)
        return result

    def total(self) -> dict:
        """The measures over all the filtered rows (one dict)."""
        row = dict(self.cases().aggregate(**self._aggregates()))
        self._finish([row], grouped=False)
        return row

    # --- derived measures -------------------------------------------------------------------------------
    def _label(self, rows):
        for name in self.group_by:
            names = case_facts.labels(name, {r[name] for r in rows})
            for r in rows:
                r[f"{name}_label"] = names.get(r[name], r[name]) if r[name] not in (None, "") else ""

    def _finish(self, rows, grouped=True):
        for r in rows:
            r["proven_rate"] = percent(r["proven"], r["reported"])
            r["follow_up_rate"] = percent(r["followed_up"], r["recommended"])
        if not self.medians:
            for r in rows:
                r.update(dict.fromkeys(MEDIANS))
            return
        keys = tuple(self.group_by) if grouped else ()
        counted = conditions(self.as_of)
        for measure, (start, end, cond) in {
            "median_days_to_recommendation": ("received_at", "recommended_at", counted["recommended"]),
            "median_days_to_follow_up": (
                "recommended_at",
                followup_facts.case_sanctioned_at,
                counted["followed_up"],
            ),
        }.items():
            medians = self._medians(start, end, cond)
            for r in rows:
                r[measure] = medians.get(tuple(r[k] for k in keys))

    def _medians(self, start: str, end: str, cond: Q) -> dict:
        """Median working days from `start` to `end` per group: the local dates of the two moments from SQL,
        counted per (group, date, date) there, working days through one cumulative index of the calendar (O(1)
        per distinct pair of dates)."""
        cols = self._group_columns()
        qs = self.cases().filter(cond)
        if self.as_of is not None:
            qs = qs.filter(**{f"{end}__lt": case_facts.end_of(self.as_of)})
        qs = (
            qs.filter(**{f"{start}__isnull": False, f"{end}__isnull": False})
            .annotate(**cols, d0=TruncDate(start), d1=TruncDate(end))
            .values(*cols, "d0", "d1")
            .annotate(n=Count("pk"))
            .order_by()
        )
        pairs = [(tuple(_code(v) for v in r[:-3]), *r[-3:]) for r in qs.values_list(*cols, "d0", "d1", "n")]
        if not pairs:
            return {}
        index = _WorkingDayIndex(min(p[1] for p in pairs), max(p[2] for p in pairs))
        by_group: dict[tuple, list[int]] = {}
        for key, d0, d1, n in pairs:
            by_group.setdefault(key, []).extend([index.between(d0, d1)] * n)
        return {key: statistics.median(days) for key, days in by_group.items()}


class _WorkingDayIndex:
    """ordinal[d] = working days in (first, d]; working days in (a, b] = ordinal[b] - ordinal[a]."""

    def __init__(self, first: date, last: date):
        calendar = IndonesianCalendar()
        self.first, self.ordinal, count = first, [], 0
        day = first
        while day <= max(first, last):
            if day != first and calendar.is_working_day(day):
                count += 1
            self.ordinal.append(count)
            day += timedelta(days=1)

    def between(self, start: date, end: date) -> int:
        at = lambda d: self.ordinal[max(0, min((d - self.first).days, len(self.ordinal) - 1))]  # noqa: E731
        return at(end) - at(start)


def _day(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _code(value):
    """Group values as plain codes: months as "YYYY-MM"."""
    if isinstance(value, datetime | date):
        return _day(value).strftime("%Y-%m")
    return value
