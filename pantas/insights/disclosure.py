"""Statistical disclosure control for every public figure (ADR 0076).

A public table is one grouping (province, category, …) × a chain of nested measures (reported ⊇ proven ⊇
followed up), with a total row. Rules, applied until nothing changes:

1. **Primary**: a cell below k (`PANTAS_PUBLIC_MIN_CELL`, default 5; zero included) is suppressed.
2. **Row chain**: within a row, consecutive *published* measures must differ by at least k ("7 reported, 6
   proven" would tell that one person was not proven); otherwise the lower one is suppressed.
3. **Column complement**: in each measure's column, the suppressed cells must be none, or at least two whose sum
   (derivable as total − published cells) is at least k — otherwise the smallest published cell is suppressed too.
4. **Interval audit**: no suppressed cell may be pinned to one value by the column sum and the bounds the
   published values of its own row give it (an upper bound from the measure above, a lower one from below).
   A pinned cell makes the smallest published cell of its column (or, failing that, its bound) suppressed.
5. A suppressed total suppresses its whole column (the cells would add up to it).

Public queries never combine filters freely: one election (or none for the by-election table) and one
grouping, so the only margins an attacker can subtract from are the ones protected here.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from django.conf import settings

from .stats import percent

INF = float("inf")


def min_cell() -> int:
    return int(getattr(settings, "PANTAS_PUBLIC_MIN_CELL", 5))


@dataclass
class ProtectedTable:
    """Published values: None where suppressed. `rows` keeps the caller's order."""

    measures: tuple[str, ...]
    rows: dict[Hashable, dict[str, int | None]]
    total: dict[str, int | None]
    k: int

    def column(self, measure: str) -> dict[Hashable, int | None]:
        return {key: values[measure] for key, values in self.rows.items()}

    @property
    def suppressed_cells(self) -> int:
        return sum(v is None for values in self.rows.values() for v in values.values())


def protect(
    rows: dict[Hashable, dict[str, int]],
    measures: Sequence[str],
    *,
    k: int | None = None,
    totals: dict[str, int | None] | None = None,
) -> ProtectedTable:
    """Protect a table of counts. `rows` must partition the population (add an "unknown" row for missing
    values); `totals` defaults to the column sums, or is the published margin from a parent table (a regency
    table inside a province: None there suppresses the column here)."""
    k = min_cell() if k is None else k
    measures = tuple(measures)
    keys = list(rows)
    true = {key: {m: int(rows[key].get(m, 0)) for m in measures} for key in keys}
    true_total = {m: sum(true[key][m] for key in keys) for m in measures}
    for key in keys:
        for upper, lower in zip(measures, measures[1:], strict=False):
            if true[key][lower] > true[key][upper]:
                raise ValueError(f"measure {lower} exceeds {upper} in row {key!r}: the chain must be nested")
    hidden: set[tuple[Hashable, str]] = set()
    total_hidden = _chain_hidden(true_total, measures, k)
    if totals is not None:
        total_hidden |= {m for m in measures if totals.get(m) is None}

    changed = True
    while changed:
        changed = False
        for key in keys:
            published = {m: v for m, v in true[key].items() if (key, m) not in hidden}
            for m in _chain_hidden(published, measures, k, already=set(true[key]) - set(published)):
                if (key, m) not in hidden:
                    hidden.add((key, m))
                    changed = True
        for m in measures:
            column_keys = [key for key in keys if (key, m) not in hidden]
            if m in total_hidden:
                if column_keys:
                    hidden.update((key, m) for key in column_keys)
                    changed = True
                continue
            extra = _complement(true, hidden, keys, measures, m, true_total[m], k)
            if extra:
                hidden.add(extra)
                changed = True

    out_rows = {key: {m: None if (key, m) in hidden else true[key][m] for m in measures} for key in keys}
    out_total = {m: None if m in total_hidden else true_total[m] for m in measures}
    return ProtectedTable(measures, out_rows, out_total, k)


def _chain_hidden(values: dict, measures, k, already=frozenset()) -> set[str]:
    """Measures of one row to hide: below k, or within k of the published measure above."""
    hidden, above = set(), None
    for m in measures:
        if m in already:
            continue
        v = values[m]
        if v < k or (above is not None and above - v < k):
            hidden.add(m)
        else:
            above = v
    return hidden


def _bounds(true, hidden, key, measures, m, column_total):
    """What the published values of the row say about a hidden cell: (lower, upper)."""
    i = measures.index(m)
    upper = column_total
    for a in reversed(measures[:i]):
        if (key, a) not in hidden:
            upper = true[key][a]
            break
    lower = 0
    for b in measures[i + 1 :]:
        if (key, b) not in hidden:
            lower = true[key][b]
            break
    return lower, upper


def _complement(true, hidden, keys, measures, m, column_total, k):
    """The next cell to hide in column m, or None when the column is safe."""
    hidden_keys = [key for key in keys if (key, m) in hidden]
    if not hidden_keys:
        return None
    shown = sorted((true[key][m], str(key), key) for key in keys if (key, m) not in hidden)
    smallest = (shown[0][2], m) if shown else None
    total = sum(true[key][m] for key in hidden_keys)
    if len(hidden_keys) < 2 or total < k:
        return smallest
    bounds = {key: _bounds(true, hidden, key, measures, m, column_total) for key in hidden_keys}
    sum_upper = sum(u for _l, u in bounds.values())
    sum_lower = sum(lo for lo, _u in bounds.values())
    for key in hidden_keys:
        lo, up = bounds[key]
        low = max(lo, total - (sum_upper - up))
        high = min(up, total - (sum_lower - lo))
        if low >= high:  # pinned: the attacker can work this cell out
            if smallest:
                return smallest
            # Every cell of the column is hidden: loosen the row bound that pins it.
            i = measures.index(m)
            for neighbour in (*reversed(measures[:i]), *measures[i + 1 :]):
                if (key, neighbour) not in hidden:
                    return (key, neighbour)
    return None


def rate(numerator: int | None, denominator: int | None):
    """A percentage (the statistics layer's rule) only when both counts are published."""
    if numerator is None or denominator is None:
        return None
    return percent(numerator, denominator)
